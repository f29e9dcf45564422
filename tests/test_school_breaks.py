"""The district's school breaks typed into File → School breaks…: written into the data folder's calendar file
without touching what the district wrote there, checked as a whole, and read at once by the hours ledgers."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from wizard_driver import click, close_window, open_window, press, type_into

from ilp_desktop.app.program_year import hours_due
from ilp_desktop.app.school_breaks import save_school_breaks, school_breaks
from ilp_desktop.model.district_calendar import SchoolBreak, load_district_calendar
from ilp_desktop.model.errors import UserError

D = dt.date
WRITTEN = """# Our district's days for 2026-27 – kept by the district office
["ilp-conversation-guide"."2026-2027"]
initial = "2026-12-11"  # the board meets late this year
"""


def test_breaks_are_written_beside_the_districts_own_lines_and_read_back(ws, catalog):
    path = ws.store.folder / "calendar.toml"
    path.write_text(WRITTEN, encoding="utf-8")
    breaks = [
        SchoolBreak("Día de Acción de Gracias", D(2026, 11, 23), D(2026, 11, 27)),
        SchoolBreak('Winter "break". 2026', D(2026, 12, 21), D(2027, 1, 1)),
    ]
    save_school_breaks(ws, "2026-2027", breaks)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(WRITTEN), "the district's comments and dates stay as they were written"
    again = load_district_calendar(ws.store.folder, catalog.templates)
    assert again.problems == [] and again.school_breaks["2026-2027"] == tuple(breaks)
    assert school_breaks(ws, "2026-2027") == tuple(breaks), "the workspace reads the file again"
    save_school_breaks(ws, "2026-2027", [])
    assert load_district_calendar(ws.store.folder, catalog.templates).breaks == ()
    assert path.read_text(encoding="utf-8").startswith(WRITTEN)


def test_every_problem_is_named_at_once_and_nothing_is_written(ws):
    path = ws.store.folder / "calendar.toml"
    path.write_text(WRITTEN, encoding="utf-8")
    with pytest.raises(UserError) as raised:
        save_school_breaks(
            ws,
            "2026-2027",
            [
                SchoolBreak("Winter", D(2027, 1, 1), D(2026, 12, 21)),
                SchoolBreak("Spring", D(2027, 3, 29), D(2027, 4, 2)),
                SchoolBreak("spring", D(2027, 4, 5), D(2027, 4, 9)),
                SchoolBreak("Summer", D(2027, 7, 1), D(2027, 8, 20)),
            ],
        )
    message = str(raised.value)
    assert "Winter: ends before it begins" in message and "spring: another break has the same name" in message
    assert "Summer: is not in the school year 2026-2027" in message
    assert path.read_text(encoding="utf-8") == WRITTEN


def test_a_calendar_file_that_cannot_be_read_is_not_overwritten(ws):
    path = ws.store.folder / "calendar.toml"
    path.write_text('["x"\n', encoding="utf-8")
    with pytest.raises(UserError, match="cannot be read"):
        save_school_breaks(ws, "2026-2027", [SchoolBreak("Winter", D(2026, 12, 21), D(2027, 1, 1))])
    assert path.read_text(encoding="utf-8") == '["x"\n'


def test_a_break_typed_in_the_window_stops_hours_this_week_chasing_anyone(data_dir):
    from ilp_desktop.storage.store import Store

    store = Store.open(data_dir)
    store.create_plan("ilp-conversation-guide", store.add_person("Ana", "teacher"), "2026-2027", D(2026, 9, 1))
    store.close()
    window = open_window(data_dir, today=D(2026, 11, 24))
    window.home.setCurrentWidget(window.hours)  # worked out when looked at
    assert window.hours.table.rowCount() == 1
    seen = {}

    def type_break():
        dialog = QApplication.activeModalWidget()
        row = dialog.rows[0]
        type_into(row.name, "Thanksgiving")
        for box, day in ((row.first, "2026-11-23"), (row.last, "2026-11-27")):
            box.edit.setFocus()
            type_into(box.edit, day)
            press(box.edit, Qt.Key.Key_Return)
        seen["rows"] = len(dialog.rows)
        click(next(b for b in dialog.findChildren(type(dialog.add_button)) if b.text() == "Save"))

    QTimer.singleShot(0, type_break)
    window.breaks_action.trigger()
    assert seen["rows"] == 1
    assert school_breaks(window.ws, "2026-2027") == (SchoolBreak("Thanksgiving", D(2026, 11, 23), D(2026, 11, 27)),)
    assert window.hours.table.rowCount() == 0 and hours_due(window.ws) == []
    assert window.hours.summary.text() == "School break this week (Thanksgiving): no support hours are due."
    close_window(window)


def test_closing_with_a_break_typed_asks_before_it_is_lost(data_dir, monkeypatch):
    window = open_window(data_dir, today=D(2026, 11, 24))
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kw: asked.append(args[2]) or QMessageBox.StandardButton.Save
    )

    def type_and_close():
        dialog = QApplication.activeModalWidget()
        row = dialog.rows[0]
        for box, day in ((row.first, "2026-12-21"), (row.last, "2027-01-01")):
            box.edit.setFocus()
            type_into(box.edit, day)
            box.edit.editingFinished.emit()
        dialog.reject()

    QTimer.singleShot(0, type_and_close)
    window.breaks_action.trigger()
    assert asked == ["Save the breaks typed for 2026-2027 before closing?"]
    assert school_breaks(window.ws, "2026-2027") == (SchoolBreak("Break 1", D(2026, 12, 21), D(2027, 1, 1)),)
    close_window(window)
