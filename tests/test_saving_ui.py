"""In the window: a failed save retries by itself and says so; printing and quitting wait for unsaved text;
an unexpected error is logged and explained, and the app keeps running."""

import logging

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from test_robustness import fill_disk, free_disk
from wizard_driver import answer, click, close_window, open_window, type_into

from ilp_desktop.app import plans
from ilp_desktop.app.logs import start_logging
from ilp_desktop.ui import session
from ilp_desktop.ui.errors import ErrorReporter
from ilp_desktop.ui.export_dialog import ExportDialog

TEXT = "Students will explain their reasoning in writing. " * 4_000  # more than a full disk takes


@pytest.fixture
def window(qtbot, data_dir, monkeypatch):
    monkeypatch.setattr(session, "RETRY_SECONDS", 0.2)  # the real 5 s, shortened for the test
    monkeypatch.setattr(ExportDialog, "offer_to_open", staticmethod(lambda *args: None))
    w = open_window(data_dir)
    new = plans.NewPlan("Zoë", "Lincoln", "Ellis", "Park", "ilp-conversation-guide", "2026-2027", w.ws.today())
    w.open_plan(plans.create_plan(w.ws, new))
    w.editor.go_to(w.editor._page_index("growth-goal"), confirm=False)
    yield w
    free_disk(w.ws.store)
    close_window(w)


def answer_unsavable(window) -> None:
    fill_disk(window.ws.store)
    goal = answer(window, "goal")
    goal.setFocus()
    goal.insertPlainText(TEXT)


def press_in_box(button_text: str, seen: list[str]) -> None:
    """When the next message box opens, note its text and press one of its buttons."""

    def press():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        click(next(b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == button_text))

    QTimer.singleShot(0, press)


def test_a_failed_save_is_retried_on_its_own_and_says_so(window, qtbot, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    answer_unsavable(window)
    assert window.editor.session.flush() is False
    label = window.editor.save_state
    assert label.text() == "Not saved – retrying every 5 s" and "disk holding" in label.toolTip()
    qtbot.wait(700)  # several retries while the disk is still full …
    assert len(warned) == 1, "one dialog for the failure, not one per retry"
    free_disk(window.ws.store)  # … then space is freed, and nobody presses anything
    qtbot.waitUntil(lambda: window.editor.save_state.text() == "Saved", timeout=3000)
    assert window.ws.store.values(1)["goal"] == TEXT


def test_printing_waits_for_unsaved_text_and_prints_it_once_saved(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: None)
    answer_unsavable(window)
    dialog = ExportDialog(window.ws, 1, window.settings, window)
    dialog.path.setText(str(tmp_path / "plan.pdf"))
    seen: list[str] = []
    press_in_box("Cancel", seen)
    click(dialog.export_button)
    assert "not saved yet" in seen[0] and "Printing now would leave out the latest text" in seen[0]
    assert not (tmp_path / "plan.pdf").exists() and window.ws.print_records(1) == []
    free_disk(window.ws.store)
    click(dialog.export_button)
    assert len(seen) == 1, "nothing asks now: the save works first time"
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "plan.pdf").pages)
    assert "Students will explain their reasoning" in text and len(window.ws.print_records(1)) == 1


def test_quitting_over_unsaved_text_asks_and_can_be_cancelled(window, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: None)
    answer_unsavable(window)
    seen: list[str] = []
    press_in_box("Cancel", seen)
    assert window.close() is False, "cancelled: the window stays, the text stays on screen"
    assert "Quitting now would leave out the latest text" in seen[0]
    assert answer(window, "goal").toPlainText() == TEXT
    free_disk(window.ws.store)
    assert window.close() is True and window.ws.store.values(1)["goal"] == TEXT


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_in_a_slot_is_logged_and_explained_and_the_app_goes_on(qtbot, data_dir, monkeypatch):
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log_path = start_logging(data_dir)
    reporter = ErrorReporter(lambda: log_path)
    monkeypatch.setattr("ilp_desktop.ui.errors.qInstallMessageHandler", lambda handler: None)
    reporter.install()
    button = QPushButton("Boom")
    qtbot.addWidget(button)

    def broken_slot():
        raise ZeroDivisionError("a bug nobody foresaw")

    button.clicked.connect(broken_slot)
    click(button)
    qtbot.waitUntil(lambda: bool(reporter.shown), timeout=2000)
    box = reporter.shown[0]
    assert box.isVisible() and "Something went wrong" in box.text() and str(log_path) in box.text()
    for handler in logging.getLogger("ilp_desktop").handlers:
        handler.flush()
    logged = log_path.read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug nobody foresaw" in logged and "broken_slot" in logged
    ran = []
    QTimer.singleShot(0, lambda: ran.append(True))
    qtbot.waitUntil(lambda: ran == [True], timeout=1000)  # the event loop still runs
    box.close()


def test_leaving_a_plan_over_unsaved_text_can_be_cancelled_and_saving_goes_on(window, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: None)
    answer_unsavable(window)
    seen: list[str] = []
    press_in_box("Cancel", seen)
    click(window.editor.plans_button)
    assert "Leaving the plan now would leave out the latest text" in seen[0]
    assert window.editor is not None and window.stack.currentWidget() is window.plan_tabs, "still on the plan"
    free_disk(window.ws.store)
    type_into(answer(window, "goal"), "!")  # the plan still saves as it is typed into
    qtbot.waitUntil(lambda: window.editor.save_state.text() == "Saved", timeout=3000)
    assert window.ws.store.values(1)["goal"] == TEXT + "!"
    click(window.editor.plans_button)
    assert window.editor is None and window.stack.currentWidget() is window.home
