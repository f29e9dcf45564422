"""A plan's timeline: a Gantt-like chart with a today line, and the same items as a table.

The chart is for the eye and the mouse; the table below carries everything in
words for the keyboard and screen readers. Overdue due dates are drawn as a
cross and say "overdue", done ones as a tick – never colour alone.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.model.timeline import TimelineItem
from ilp_desktop.ui.fit import ScrollingPage
from ilp_desktop.ui.plan_list import MARKS

ROW = 26
LABEL_WIDTH = 300
STATE_WORDS = {state: f"{mark} {state}" for state, mark in MARKS.items()} | {"": ""}


def _when(item: TimelineItem) -> str:
    return item.start.isoformat() + (f" – {item.end.isoformat()}" if item.end else "")


class GanttChart(QWidget):
    activated = Signal(object)  # the TimelineItem clicked

    def __init__(self):
        super().__init__()
        self.items: list[TimelineItem] = []
        self.today = dt.date.today()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def show_items(self, items: list[TimelineItem], today: dt.date) -> None:
        self.items, self.today = items, today
        self.setFixedHeight(ROW * (len(items) + 2))
        self.update()

    def _span(self) -> tuple[dt.date, dt.date]:
        days = [d for i in self.items for d in (i.start, i.last_day)] + [self.today]
        return min(days) - dt.timedelta(days=3), max(days) + dt.timedelta(days=3)

    def _x(self, day: dt.date, first: dt.date, last: dt.date) -> float:
        width = self.width() - LABEL_WIDTH - 10
        return LABEL_WIDTH + width * (day - first).days / max(1, (last - first).days)

    def paintEvent(self, event) -> None:
        if not self.items:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text, mid = self.palette().text().color(), self.palette().mid().color()
        first, last = self._span()
        # month ticks
        painter.setPen(QPen(mid, 1))
        month = first.replace(day=1)
        while month <= last:
            if month >= first:
                x = self._x(month, first, last)
                painter.drawLine(QPointF(x, ROW * 0.8), QPointF(x, self.height()))
                painter.setPen(text)
                painter.drawText(QPointF(x + 3, ROW * 0.7), f"{month:%b %Y}")
                painter.setPen(QPen(mid, 1))
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        for row, item in enumerate(self.items, start=1):
            y = row * ROW + 4
            painter.setPen(text)
            label = painter.fontMetrics().elidedText(item.label, Qt.TextElideMode.ElideMiddle, LABEL_WIDTH - 8)
            painter.drawText(
                QRectF(4, y, LABEL_WIDTH - 8, ROW - 6),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                label,
            )
            x0 = self._x(item.start, first, last)
            if item.end:
                x1 = max(self._x(item.end, first, last), x0 + 3)
                painter.setBrush(QBrush(self.palette().highlight().color(), Qt.BrushStyle.Dense4Pattern))
                painter.setPen(QPen(text, 1))
                painter.drawRect(QRectF(x0, y + 4, x1 - x0, ROW - 14))
            else:
                self._marker(painter, x0, y + ROW / 2 - 3, item.state)
                if item.state:  # the state in words beside its shape
                    painter.setPen(text)
                    word = STATE_WORDS[item.state].split(" ", 1)[1]
                    right = x0 + 12 + painter.fontMetrics().horizontalAdvance(word) < self.width()
                    painter.drawText(
                        QPointF(
                            x0 + 12 if right else x0 - 12 - painter.fontMetrics().horizontalAdvance(word),
                            y + ROW / 2 + 1,
                        ),
                        word,
                    )
        # today line, dashed and labelled
        x = self._x(self.today, first, last)
        painter.setPen(QPen(text, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, ROW * 0.8), QPointF(x, self.height()))
        painter.drawText(QPointF(x + 3, self.height() - 4), f"Today {self.today.isoformat()}")
        painter.end()

    def _marker(self, painter: QPainter, x: float, y: float, state: str) -> None:
        size = 7
        painter.setPen(QPen(self.palette().text().color(), 2))
        if state == "overdue":  # a cross
            painter.drawLine(QPointF(x - size, y - size), QPointF(x + size, y + size))
            painter.drawLine(QPointF(x - size, y + size), QPointF(x + size, y - size))
        elif state == "done":  # a tick
            painter.drawPolyline(
                QPolygonF([QPointF(x - size, y), QPointF(x - 2, y + size), QPointF(x + size, y - size)])
            )
        else:  # a diamond: a due date still ahead, or a single date
            painter.setBrush(self.palette().base())
            painter.drawPolygon(
                QPolygonF([QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size), QPointF(x - size, y)])
            )

    def mousePressEvent(self, event) -> None:
        row = int(event.position().y() // ROW) - 1
        if 0 <= row < len(self.items):
            self.activated.emit(self.items[row])


class TimelineView(ScrollingPage):
    edit_answer = Signal(str)  # the answer key to open in the wizard

    def __init__(self):
        super().__init__()
        self.chart = GanttChart()
        self.chart.setAccessibleName("Timeline chart")
        self.chart.activated.connect(self._activate)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("Timeline items")
        self.table.setHorizontalHeaderLabels(["Item", "When", "State"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self._activate(self.items[index.row()]))
        hint = QLabel(
            "Click a bar, or choose a row and press Enter, to edit it. Due dates come from the program's "
            "calendar and are marked done, due or overdue."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self.content)
        for w in (hint, self.chart, self.table):
            layout.addWidget(w)
        self.items: list[TimelineItem] = []

    def show_items(self, items: list[TimelineItem], today: dt.date) -> None:
        self.items = items
        self.chart.show_items(items, today)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            state = STATE_WORDS[item.state] + (
                f" by {-(item.start - today).days} days" if item.state == "overdue" else ""
            )
            for col, text in enumerate((item.label, _when(item), state)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnToContents(1)

    def _activate(self, item: TimelineItem) -> None:
        if item.key:
            self.edit_answer.emit(item.key)
