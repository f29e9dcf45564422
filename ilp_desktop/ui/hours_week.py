"""The coach's week of support hours: every teacher who has not had the program's support this week (or month)
yet, fewest minutes first; Enter opens the plan."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ilp_desktop.app.program_year import HourDue
from ilp_desktop.model.plan import Plan


def read_only_table(headings: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(list(headings))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def show_lines(table: QTableWidget, lines: list[list[str]]) -> None:
    table.setRowCount(len(lines))
    for r, line in enumerate(lines):
        for c, text in enumerate(line):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


class HoursWeekView(QWidget):
    """The coach's week: every teacher who has not had the program's support this week (or month) yet."""

    open_plan = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = read_only_table(("Teacher", "So far", "Still to go", "School"), "Support still due this week")
        self.table.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.plans: list[Plan] = []

    def show_due(self, due: list[HourDue]) -> None:
        self.plans = [h.plan for h in due]
        self.summary.setText(
            f"<b>{len(due)} teachers</b> have not had their support yet this period. Press Enter to open the plan."
            if due
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
        if 0 <= row < len(self.plans):
            self.open_plan.emit(self.plans[row].id)
