"""The coach's week: what is overdue, then what is due on each of the next seven days, across every plan."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ilp_desktop.model.calendar import DueItem
from ilp_desktop.model.plan import Plan
from ilp_desktop.ui.plan_list import status

COLUMNS = ("What", "Teacher", "State")
OVERDUE = "Overdue"


def day_heading(day: dt.date, today: dt.date) -> str:
    """'Overdue', 'Today – Monday 23 November', 'Tomorrow – …', 'Wednesday 25 November'."""
    if day < today:
        return OVERDUE
    said = f"{day:%A} {day.day} {day:%B}"
    near = {0: "Today", 1: "Tomorrow"}.get((day - today).days)
    return f"{near} – {said}" if near else said


def by_day(items: list[tuple[Plan, DueItem]], today: dt.date) -> list[tuple[str, list[tuple[Plan, DueItem]]]]:
    """The items under their day's heading, overdue first (oldest first), then day by day."""
    ordered = sorted(items, key=lambda item: (item[1].due, item[0].teacher_name.casefold()))
    return [(heading, list(group)) for heading, group in groupby(ordered, key=lambda i: day_heading(i[1].due, today))]


class WeekView(QWidget):
    """Overdue items and each day's items under a heading of their own (Enter on an item opens its plan)."""

    open_plan = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[Plan, DueItem]] | None = None  # shown when the view is first looked at
        self.today = dt.date.today()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setAccessibleName("Due this week and overdue, by day")
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.activated.connect(self._activated)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)

    def _activated(self, index: QModelIndex) -> None:
        plan_id = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        if plan_id is not None:  # a day's heading opens nothing
            self.open_plan.emit(plan_id)

    def show_items(self, items: list[tuple[Plan, DueItem]], today: dt.date) -> None:
        overdue = sum(1 for _, d in items if d.state == "overdue")
        self.summary.setText(
            f"<b>Week of {today.isoformat()}</b>: {len(items) - overdue} due in the next 7 days, "
            f"{overdue} overdue. Press Enter on an item to open the plan."
        )
        self.items, self.today = items, today
        if self.isVisible():
            self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        # Filled when first looked at: thousands of rows need not slow down opening the app.
        self._fill()
        super().showEvent(event)

    def _fill(self) -> None:
        items, self.items = self.items, None
        if items is None:
            return
        self.tree.clear()
        for heading, group in by_day(items, self.today):
            day = QTreeWidgetItem([f"{heading} ({len(group)})"])
            font = day.font(0)
            font.setBold(True)
            day.setFont(0, font)
            self.tree.addTopLevelItem(day)
            day.setFirstColumnSpanned(True)
            for plan, due in group:
                when = "" if heading != OVERDUE else f"{due.due.isoformat()}: "
                row = QTreeWidgetItem(day, [when + due.title, plan.teacher_name, status(due)])
                row.setData(0, Qt.ItemDataRole.UserRole, plan.id)
                row.setToolTip(0, f"Due {due.due.isoformat()}")
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        self.tree.resizeColumnToContents(2)
