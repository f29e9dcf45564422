"""The coach's week of support hours: every teacher who has not had the program's support this week (or month)
yet, fewest minutes first; Enter opens the teacher's mentoring log with the time still to go ready to add."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ilp_desktop.app.program_year import HourDue


def read_only_table(headings: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(list(headings))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setResizeContentsPrecision(50)  # columns sized from a sample, not from every row
    return table


def show_lines(table: QTableWidget, lines: list[list[str]]) -> None:
    table.setRowCount(len(lines))
    for r, line in enumerate(lines):
        for c, text in enumerate(line):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


class HoursWeekView(QWidget):
    """The coach's week: every teacher who has not had the program's support this week (or month) yet."""

    log_time = Signal(int, int)  # plan id, minutes still to go this period

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = read_only_table(("Teacher", "So far", "Still to go", "School"), "Support still due this week")
        self.table.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.due: list[HourDue] = []

    def show_due(self, due: list[HourDue], school_break: str = "") -> None:
        """`school_break`: the name of this week's school break (a week without school days lists no one)."""
        self.due = due
        self.summary.setText(
            f"<b>{len(due)} teachers</b> have not had their support yet this period. Press Enter on a teacher to log"
            " time with them."
            if due
            else f"School break this week ({escape(school_break)}): no support hours are due."
            if school_break
            else "✓ Every teacher has had this period's support."
        )
        show_lines(
            self.table,
            [
                [h.plan.teacher_name, f"{h.minutes} min this {h.per}", f"{h.needed - h.minutes} min", h.plan.school]
                for h in due
            ],
        )

    def _activated(self, index: object) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.due):
            chosen = self.due[row]
            self.log_time.emit(chosen.plan.id, chosen.needed - chosen.minutes)
