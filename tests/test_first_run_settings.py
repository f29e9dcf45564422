"""First run, settings and moving the data folder, as a user does them."""

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QPushButton, QSpinBox
from wizard_driver import choose, click, close_window, open_window, type_into

from ilp_desktop.storage.store import Store
from ilp_desktop.ui import preferences
from ilp_desktop.ui.preferences import settings_for


@pytest.fixture(autouse=True)
def own_config_folder(tmp_path, monkeypatch):
    """The remembered data folder is written to a config folder of the test's own."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("ILP_DESKTOP_DATA_DIR", raising=False)


def by_name(parent, kind, name):
    return next(w for w in parent.findChildren(kind) if w.accessibleName() == name)


def test_first_run_welcome_to_a_created_plan(qtbot, data_dir):
    window = open_window(data_dir)
    assert window.stack.currentWidget() is window.welcome, "an empty folder opens on the welcome page"
    page = window.welcome
    assert str(data_dir) in page.folder.text(), "the data folder is shown"
    choose(page.role, "Induction coach")
    type_into(page.name, "Hà Nguyễn-Ortiz")
    type_into(page.district, "Río Vista Unified")
    type_into(page.school, "Maple Grove Elementary")
    choose(page.program, "Induction ILP")
    choose(page.paper, "A4")

    def new_plan_dialog():
        dialog = QApplication.activeModalWidget()
        fields = {w.objectName(): w for w in dialog.findChildren(QLineEdit)}
        program = by_name(dialog, QComboBox, "Program")
        assert (fields["coach"].text(), fields["school"].text()) == ("Hà Nguyễn-Ortiz", "Maple Grove Elementary")
        assert program.currentData() == "induction-ilp", "the default program is preselected"
        type_into(fields["teacher"], "Sam O'Neill")
        click(next(b for b in dialog.findChildren(QPushButton) if b.text() == "Create ILP"))

    QTimer.singleShot(0, new_plan_dialog)
    click(next(b for b in page.findChildren(QPushButton) if b.text() == "Start a &new ILP"))
    (plan,) = window.ws.store.plans()
    assert (plan.teacher_name, plan.program, plan.district) == ("Sam O'Neill", "induction-ilp", "Río Vista Unified")
    assert window.editor is not None and window.editor.coach_mode, "a coach starts in coach mode"
    close_window(window)
    saved = settings_for(data_dir)
    assert saved.value("user/name") == "Hà Nguyễn-Ortiz" and saved.value("paper") == "a4"
    assert saved.value("user/role") == "coach" and preferences.first_run_done(saved)


def test_paper_is_guessed_from_the_locale():
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert preferences.locale_paper() == "letter"
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        assert preferences.locale_paper() == "a4"
    finally:
        QLocale.setDefault(QLocale.system())


def test_each_setting_is_saved_and_takes_effect(qtbot, data_dir):
    window = open_window(data_dir)
    assert window.coach_action.isChecked()

    def change():
        dialog = QApplication.activeModalWidget()
        choose(by_name(dialog, QComboBox, "Paper size"), "A4")
        choose(by_name(dialog, QComboBox, "Start in"), "Teacher mode")
        choose(by_name(dialog, QComboBox, "Text size"), "18 pt")
        for name, value in (("Keep", 3), ("and the last", 2), ("Back up every", 15)):
            by_name(dialog, QSpinBox, name).setValue(value)
        dialog.accept()

    QTimer.singleShot(0, change)
    window.show_settings()
    assert QApplication.font().pointSize() == 18, "the text size applies at once"
    assert not window.coach_action.isChecked(), "teacher mode"
    policy = window.ws.backup_policy
    assert (policy.keep_recent, policy.keep_weekly, policy.every.total_seconds()) == (3, 2, 900)
    assert preferences.paper(window.settings) == "a4"
    close_window(window)
    preferences.apply_font_size(settings_for(data_dir.parent / "elsewhere"))  # back to the system size
    assert QApplication.font().pointSize() != 18

    again = open_window(data_dir)  # saved: a new start reads them all back
    assert QApplication.font().pointSize() == 18 and not again.coach_action.isChecked()
    assert again.ws.backup_policy.keep_recent == 3 and preferences.paper(again.settings) == "a4"
    close_window(again)
    preferences.apply_font_size(settings_for(data_dir.parent / "elsewhere"))


@pytest.mark.parametrize(
    "hand_edit",
    [
        "[user]\nname=Smith, John\n",  # Qt reads an unquoted comma as a list of two names
        "[General]\npaper=a4, letter\n",
        "[General]\nopen_plan=the last one\n",
    ],
)
def test_a_hand_edited_setting_of_the_wrong_kind_counts_as_unset(qtbot, data_dir, hand_edit):
    """settings.ini is edited by hand (README: backups); a value that is not what the app writes must not stop the
    app from starting (a list reached a QLineEdit or a dict lookup, a word reached int(): the window never opened)."""
    data_dir.mkdir(parents=True)
    (data_dir / "settings.ini").write_text(hand_edit, encoding="utf-8")
    window = open_window(data_dir)
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.name.text() == ""
    assert window.welcome.paper.currentData() == preferences.locale_paper()
    close_window(window)


def test_moving_the_data_folder_moves_everything_and_is_remembered(qtbot, data_dir, tmp_path, monkeypatch):
    from ilp_desktop.storage.location import default_data_dir

    store = Store.open(data_dir)
    teacher = store.add_person("Zoë Ångström", "teacher")
    plan = store.create_plan("induction-ilp", teacher, "2026-2027", dt.date(2026, 8, 20))
    store.save(plan, {"focus_class": "Chemistry, period 4"})
    attachment = tmp_path / "tally.csv"
    attachment.write_text("a,b\n", encoding="utf-8")
    entry = store.add_journal_entry(plan, dt.date(2026, 9, 1), "First", "Body")
    store.add_artifact(entry, attachment, "Who spoke")
    store.close()
    window = open_window(data_dir)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))

    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine", encoding="utf-8")
    window.move_data_to(busy)
    assert "is not empty" in shown[-1] and (busy / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert window.ws.store.values(plan)["focus_class"] == "Chemistry, period 4", "still working from the old folder"

    target = tmp_path / "synced" / "ILP data"
    window.move_data_to(target)
    assert window.relaunch_folder == target.resolve() and "now kept in" in shown[-1]
    assert not data_dir.exists(), "moved, not copied"
    assert default_data_dir() == target.resolve(), "the next start opens the new folder"
    moved = Store.open(target)
    assert moved.values(plan)["focus_class"] == "Chemistry, period 4"
    (entry_moved,) = moved.journal(plan)
    assert moved.artifact_path(entry_moved.artifacts[0]).read_text(encoding="utf-8") == "a,b\n"
    moved.close()


def test_help_guides_the_open_step_and_about_names_licences(qtbot, data_dir):
    from ilp_desktop.ui.help import about_html

    store = Store.open(data_dir)
    teacher = store.add_person("Ana Lima", "teacher")
    store.create_plan("individual-leadership-plan", teacher, "2026-2027", dt.date(2026, 8, 20))
    store.close()
    window = open_window(data_dir)
    window.open_plan(1)
    window.editor.go_to(window.editor._page_index("focus"), confirm=False)
    guide = window.show_guide()
    text = guide.browser.toPlainText()
    for piece in (
        "What is an ILP?",
        "Step by step: Individual Leadership Plan",
        "Area of focus, inquiry goal",
        "The focus should be informed by",
        "Inquiry goal (focus question) (required)",
        "Keyboard shortcuts",
        "Ctrl+P",
    ):
        assert piece in text, piece
    top = guide.browser.cursorForPosition(guide.browser.viewport().rect().topLeft()).block().text()
    assert "Area of focus" in top or guide.browser.verticalScrollBar().value() > 0, "opened at the current step"
    assert window.show_guide(anchor="shortcuts") is guide, "F1 again brings the one guide window forward"
    assert sum(isinstance(w, type(guide)) for w in QApplication.topLevelWidgets()) == 1
    guide.close()
    about = about_html("x")
    for piece in ("LGPL-3.0", "PySide6 / Qt", "ReportLab", "BSD-3-Clause", "DejaVu fonts", "replace the Qt libraries"):
        assert piece in about
    close_window(window)


def test_about_names_every_dependency_the_app_ships():
    """About is kept in step with pyproject.toml: a dependency added without its licence shown fails here."""
    import tomllib
    from pathlib import Path

    from packaging.requirements import Requirement

    from ilp_desktop.ui.help import COMPONENTS

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    shown = {dist.lower() for _, dist, _, _ in COMPONENTS if dist}
    named = " ".join(name.lower() for name, *_ in COMPONENTS)
    for line in pyproject["project"]["dependencies"]:
        dist = Requirement(line).name.lower()
        assert dist in shown or dist in named, f"{dist} is shipped but About does not name it and its licence"


def test_settings_open_with_ctrl_comma_on_every_platform(qtbot, data_dir):
    window = open_window(data_dir)
    action = next(a for a in window.findChildren(QAction) if a.text() == "Se&ttings…")
    assert QKeySequence("Ctrl+,") in action.shortcuts()
    close_window(window)


def test_start_up_leaves_heavy_modules_for_later():
    """The first screen needs neither ReportLab, PDFium, cryptography nor the wizard (bench_startup.py times it)."""
    import subprocess
    import sys

    code = (
        "import sys, ilp_desktop.ui.app, ilp_desktop.ui.main_window; "
        "print(' '.join(m for m in ('reportlab', 'pypdfium2', 'cryptography', 'ilp_desktop.ui.editor', "
        "'ilp_desktop.samples', 'ilp_desktop.storage.exchange') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
