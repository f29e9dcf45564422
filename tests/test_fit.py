"""Every window and dialog fits the screen at 200 % on the small laptop screens many teachers have.

At 200 % a 1366×768 screen has 683×384 device-independent pixels, a 1280×800 one 640×400: no window may be
larger, or unable to shrink that far (a window manager cannot shrink a window below its minimum size).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from wizard_driver import close_window, open_window

from ilp_desktop.app.printing import export_pdf
from ilp_desktop.ui import preferences
from ilp_desktop.ui.fit import screen_of
from ilp_desktop.ui.plan_list import NEXT_DUE, STATUS
from ilp_desktop.ui.preview import PdfPreview

SCREENS_SCRIPT = Path(__file__).with_name("screens.py")


@pytest.mark.parametrize("width, height", [(1366, 768), pytest.param(1280, 800, marks=pytest.mark.thorough)])
def test_every_window_and_dialog_fits_the_screen_at_200_percent(tmp_path, width, height):
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [screen]}))
    # Its own process: the scale factor and the screen are read once, when the QApplication starts.
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": "2"}
    run = subprocess.run(
        [sys.executable, str(SCREENS_SCRIPT), "--check", "--all-programs"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout or run.stderr[-3000:]


def teachers_plan(window, teacher: str) -> int:
    return next(p.id for p in window.ws.plans() if p.teacher_name == teacher)


def test_side_panes_close_on_a_narrow_window_and_reopen_with_their_buttons(qtbot, sample_dir):
    window = open_window(sample_dir)
    window.open_plan(teachers_plan(window, "José Núñez"))
    editor = window.editor
    steps, plan = editor.panes[editor.steps], editor.panes[editor.cells]
    window.resize(1366, 768)  # wider than the test screen: the window was cut to it when shown
    assert editor.steps.isVisible() and editor.cells.isVisible()
    window.resize(1024, 768)
    assert editor.steps.isVisible() and not editor.cells.isVisible(), "the plan panel closes first"
    assert not plan.isChecked(), "its button says it is closed"
    window.resize(683, 384)  # 1366×768 at 200 %
    assert not editor.steps.isVisible() and not editor.cells.isVisible(), "the page has the room"
    plan.trigger()  # its button, or Alt+O
    assert editor.cells.isVisible() and plan.isChecked(), "opened by hand, it stays open on a narrow window"
    steps.trigger()
    assert editor.steps.isVisible() and not editor.cells.isVisible(), "the pane opened last has the room"
    window.resize(1366, 768)
    assert editor.steps.isVisible() and editor.cells.isVisible(), "a wide window shows both again"
    steps.trigger()
    window.resize(1300, 768)
    assert not editor.steps.isVisible() and editor.cells.isVisible(), "closed by hand, it stays closed"
    close_window(window)


def test_the_largest_text_size_never_widens_the_window(qtbot, sample_dir):
    window = open_window(sample_dir)
    room = screen_of(window).availableGeometry()
    window.open_plan(teachers_plan(window, "José Núñez"))
    size = window.size()
    try:
        for screen in ("wizard", "plans"):
            window.settings.setValue("font_size", max(preferences.FONT_SIZES))
            window.apply_settings()
            QApplication.processEvents()
            assert window.size() == size, screen
            assert window.minimumSizeHint().width() <= room.width(), screen
            window.show_home()
    finally:
        window.settings.setValue("font_size", 0)
        window.apply_settings()
    close_window(window)


def test_the_plan_list_shows_who_is_overdue_at_1280_pixels(qtbot, sample_dir):
    window = open_window(sample_dir)
    window.resize(1280, 800)
    window.show_home()
    QApplication.processEvents()
    table = window.plan_list.table
    header = table.horizontalHeader()
    for column in (0, STATUS, NEXT_DUE):  # Teacher, Status, Next due: in view without scrolling sideways
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= table.viewport().width()
    first = window.plan_list.proxy.index(0, STATUS)
    assert first.data() == "✕ Overdue by 84 days", "the most overdue first, with a mark and in words"
    assert first.data(Qt.ItemDataRole.FontRole).bold(), "and in bold: never colour alone"
    close_window(window)


def test_the_preview_fits_the_screen_and_zooms(qtbot, sample_dir, tmp_path):
    window = open_window(sample_dir)
    exported = export_pdf(window.ws, teachers_plan(window, "José Núñez"), None, "letter", tmp_path / "p.pdf", False)
    preview = PdfPreview(exported.path, "José Núñez", lambda: None, window)
    preview.show()
    qtbot.waitUntil(lambda: not preview.rendering)  # the pages are drawn in a worker thread
    assert screen_of(preview).availableGeometry().contains(preview.frameGeometry())
    page = preview.pages[0]
    fitted = page.pixmap().deviceIndependentSize().width()
    assert fitted <= preview.area.viewport().width(), "the page as wide as the window"
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):  # Ctrl++ and Ctrl+- (a shortcut of the dialog)
        before = page.pixmap().deviceIndependentSize().width()
        QTest.keyClick(preview, key, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not preview.rendering)
        after = page.pixmap().deviceIndependentSize().width()
        assert (after > before) if key == Qt.Key.Key_Plus else (after < before)
    QTest.keyClick(preview, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not preview.rendering)
    assert page.pixmap().deviceIndependentSize().width() == fitted
    preview.reject()
    close_window(window)


def test_a_pane_closed_by_hand_stays_closed_when_the_app_is_opened_again(qtbot, sample_dir):
    window = open_window(sample_dir)
    window.open_plan(teachers_plan(window, "José Núñez"))
    window.resize(1366, 768)
    window.editor.panes[window.editor.cells].trigger()  # Alt+O: the plan panel closed
    assert not window.editor.cells.isVisible()
    close_window(window)
    again = open_window(sample_dir)
    again.resize(1366, 768)
    editor = again.editor
    assert editor.steps.isVisible() and not editor.cells.isVisible(), "as it was left"
    assert not editor.panes[editor.cells].isChecked()
    close_window(again)


def test_the_script_the_answer_and_its_checks_fit_together_on_a_1366_by_768_screen(qtbot, sample_dir):
    from wizard_driver import answer, type_into

    window = open_window(sample_dir)
    window.open_plan(teachers_plan(window, "José Núñez"))
    window.resize(1366, 700)  # the screen less a panel and a title bar
    editor = window.editor
    editor.go_to(editor._page_index("growth-goal"), confirm=False)
    goal = answer(window, "goal")
    goal.selectAll()
    type_into(goal, "Be better at routines.")  # vague: the goal's checks speak up
    editor.update_guidance()
    QApplication.processEvents()
    scroll = editor.stack.currentWidget()
    view = scroll.viewport().rect()
    script = editor.current.findChild(QWidget, "coachScript")
    findings = editor.current.rows["goal"].findings
    assert findings.isVisible() and findings.text(), "the checks have something to say"
    for part in (script, goal, findings):
        top = part.mapTo(scroll.viewport(), QPoint(0, 0))
        assert view.contains(QRect(top, part.size())), f"{part.objectName() or part} is out of view"
    close_window(window)


def test_the_journal_list_wraps_long_titles_on_a_narrow_window(qtbot, sample_dir):
    window = open_window(sample_dir)
    window.open_plan(teachers_plan(window, "José Núñez"))
    window.resize(683, 384)  # 1366×768 at 200 %
    tabs = window.plan_tabs
    tabs.setCurrentWidget(tabs.journal)
    QApplication.processEvents()
    journal = tabs.journal.list
    assert journal.count() >= 2 and not journal.horizontalScrollBar().isVisible(), "nothing hidden off its side"
    first = journal.visualItemRect(journal.item(0))
    assert first.height() > journal.fontMetrics().height() * 1.5, "a long title wraps onto a second line"
    close_window(window)
