"""Changing who fills a plan's roles from the editor: typed, refused with its reason, recorded and shown."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget
from test_sync import new_plan
from wizard_driver import click, close_window, open_window, type_into

from ilp_desktop.app import plans


def by_name(parent, kind, name):
    return next(w for w in parent.findChildren(kind) if w.accessibleName() == name)


def test_the_editor_changes_a_plans_coach_and_records_it(qtbot, tmp_path):
    window = open_window(tmp_path / "coach")
    plan = new_plan(window.ws)
    window.open_plan(plan)
    seen = []

    def change():
        dialog = QApplication.activeModalWidget()
        teacher = by_name(dialog, QLineEdit, "Participating Teacher")
        teacher.selectAll()
        qtbot.keyClick(teacher, Qt.Key.Key_Delete)
        coach = by_name(dialog, QLineEdit, "Induction Coach")
        type_into(coach, "Zoë Łukasiewicz-Nguyễn")
        qtbot.keyClick(coach, Qt.Key.Key_Return)  # Save: refused, nothing lost
        problem = dialog.findChild(QLabel, "problem")
        seen.append((dialog.isVisible(), problem.text(), coach.text()))
        type_into(teacher, "Minh Nguyễn")
        qtbot.keyClick(coach, Qt.Key.Key_Return)

    QTimer.singleShot(300, change)
    click(window.editor.people_button)
    ((visible, problem, typed),) = seen
    assert visible and "teacher" in problem.lower() and typed == "Zoë Łukasiewicz-Nguyễn"
    assert window.ws.plan(plan).coach.name == "Zoë Łukasiewicz-Nguyễn"
    assert "Minh Nguyễn" in window.editor.identity.text(), "the editor names the people as they now are"
    assert window.windowTitle().startswith("Minh Nguyễn – "), "and so does the window's title"
    assert [(c.role, c.name) for c in plans.people_changes(window.ws, plan)] == [
        ("teacher", "Minh Nguyễn"),
        ("coach", "Zoë Łukasiewicz-Nguyễn"),
    ]

    listed = []

    def look():
        dialog = QApplication.activeModalWidget()
        record = by_name(dialog, QListWidget, "Changes of people so far")
        listed.extend(record.item(i).text() for i in range(record.count()))
        dialog.reject()

    QTimer.singleShot(300, look)
    window.plan_people()  # File → People of the plan…
    assert listed[0].startswith("Induction Coach: nobody → Zoë Łukasiewicz-Nguyễn, on ")
    close_window(window)
