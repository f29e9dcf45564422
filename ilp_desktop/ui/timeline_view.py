"""A plan's timeline: a Gantt-like chart with a today line, and the same items as a table.

The chart is for the eye and the mouse; the table below carries everything in
words for the keyboard and screen readers. Overdue due dates are drawn as a
cross and say "overdue", done ones as a tick – never colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.model.timeline import TimelineItem
from ilp_desktop.ui.fit import ScrollingPage
from ilp_desktop.ui.plan_list import MARKS

LABEL_WIDTH = 300  # at most; on a narrow chart (a small screen at 200 %) a third of it
NOT_SET = "not set yet – press Enter to add"
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

    @property
    def row(self) -> int:
        """A row's height follows the text size."""
        return self.fontMetrics().height() + 10

    @property
    def label_width(self) -> float:
        return min(LABEL_WIDTH, self.width() / 3)

    def show_items(self, items: list[TimelineItem], today: dt.date) -> None:
        self.items, self.today = items, today
        self.setFixedHeight(self.row * (len(items) + 2))
        self.update()

    def _span(self) -> tuple[dt.date, dt.date]:
        days = [d for i in self.items for d in (i.start, i.last_day)] + [self.today]
        return min(days) - dt.timedelta(days=3), max(days) + dt.timedelta(days=3)

    def _x(self, day: dt.date, first: dt.date, last: dt.date) -> float:
        width = self.width() - self.label_width - 10
        return self.label_width + width * (day - first).days / max(1, (last - first).days)

    def paintEvent(self, event) -> None:
        if not self.items:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text, mid = self.palette().text().color(), self.palette().mid().color()
        first, last = self._span()
        height, label_width, metrics = self.row, self.label_width, painter.fontMetrics()
        # month ticks; a month's name only where it fits after the last one drawn (they overlapped at 200 %)
        painter.setPen(QPen(mid, 1))
        month, free_from = first.replace(day=1), 0.0
        while month <= last:
            if month >= first:
                x = self._x(month, first, last)
                painter.drawLine(QPointF(x, height * 0.8), QPointF(x, self.height()))
                name = f"{month:%b %Y}" if month.month == 1 or free_from == 0 else f"{month:%b}"
                if x + 3 >= free_from and x + 3 + metrics.horizontalAdvance(name) <= self.width():
                    painter.setPen(text)
                    painter.drawText(QPointF(x + 3, height * 0.7), name)
                    free_from = x + 3 + metrics.horizontalAdvance(name + "  ")
                    painter.setPen(QPen(mid, 1))
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        for row, item in enumerate(self.items, start=1):
            y = row * height + 4
            painter.setPen(text)
            label = metrics.elidedText(item.label, Qt.TextElideMode.ElideMiddle, int(label_width - 8))
            painter.drawText(
                QRectF(4, y, label_width - 8, height - 6),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                label,
            )
            x0 = self._x(item.start, first, last)
            if item.end:
                x1 = max(self._x(item.end, first, last), x0 + 3)
                painter.setBrush(QBrush(self.palette().highlight().color(), Qt.BrushStyle.Dense4Pattern))
                painter.setPen(QPen(text, 1))
                painter.drawRect(QRectF(x0, y + 4, x1 - x0, height - 14))
            else:
                self._marker(painter, x0, y + height / 2 - 3, item.state)
                if item.state:  # the state in words beside its shape
                    painter.setPen(text)
                    word = STATE_WORDS[item.state].split(" ", 1)[1]
                    right = x0 + 12 + painter.fontMetrics().horizontalAdvance(word) < self.width()
                    painter.drawText(
                        QPointF(
                            x0 + 12 if right else x0 - 12 - painter.fontMetrics().horizontalAdvance(word),
                            y + height / 2 + 1,
                        ),
                        word,
                    )
        # today line, dashed and labelled
        x = self._x(self.today, first, last)
        painter.setPen(QPen(text, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, height * 0.8), QPointF(x, self.height()))
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
        row = int(event.position().y() // self.row) - 1
        if 0 <= row < len(self.items):
            self.activated.emit(self.items[row])


class TimelineView(ScrollingPage):
    edit_answer = Signal(str)  # the answer key to open in the wizard
    check_in_held = Signal(object)  # the day to date a weekly check-in's note on

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
        self.table.activated.connect(lambda index: self._row_chosen(index.row()))
        self.table.currentCellChanged.connect(lambda *_: self._offer_check_in())
        hint = QLabel(
            "Click a bar, or choose a row and press Enter, to edit it; a date not set yet is listed last, to add. "
            "Due dates come from the program's calendar and are marked done, due or overdue; Enter on a weekly "
            "check-in marks it done (a note dated that week is added to the journal)."
        )
        hint.setWordWrap(True)
        self.mark_done = QPushButton("Mar&k check-in done")
        self.mark_done.setToolTip("Add a journal note for the chosen week's check-in, which marks it done")
        self.mark_done.clicked.connect(lambda: self._row_chosen(self.table.currentRow()))
        self.mark_done.setEnabled(False)
        layout = QVBoxLayout(self.content)
        for w in (hint, self.chart, self.table):
            layout.addWidget(w)
        layout.addWidget(self.mark_done, alignment=Qt.AlignmentFlag.AlignLeft)
        self.rows: list[TimelineItem | str] = []  # each table row's item, or the answer key of a date to add
        self.today = dt.date.today()

    def show_items(self, items: list[TimelineItem], today: dt.date, undated: Sequence[tuple[str, str]] = ()) -> None:
        """The dated items in the chart and the table; `undated` (label, answer key) listed after them."""
        self.chart.show_items(items, today)
        self.today = today
        texts = []
        for item in items:
            state = STATE_WORDS[item.state] + (
                f" by {-(item.start - today).days} days" if item.state == "overdue" else ""
            )
            if self._can_mark(item):
                state += " – Enter marks it done"
            texts.append((item.label, _when(item), state))
        texts += [(label, NOT_SET, "") for label, _key in undated]
        self.rows = [*items, *(key for _label, key in undated)]
        self.table.setRowCount(len(texts))
        for row, cells in enumerate(texts):
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnToContents(1)
        self._offer_check_in()

    def _can_mark(self, item: TimelineItem) -> bool:
        """A weekly check-in not done whose week has begun (one ahead is held, and marked, in its week)."""
        return item.week_of is not None and item.state != "done" and item.week_of <= self.today

    def _chosen(self, row: int) -> TimelineItem | str | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _offer_check_in(self) -> None:
        chosen = self._chosen(self.table.currentRow())
        self.mark_done.setEnabled(isinstance(chosen, TimelineItem) and self._can_mark(chosen))

    def _activate(self, item: TimelineItem) -> None:
        self._choose(item)

    def _row_chosen(self, row: int) -> None:
        chosen = self._chosen(row)
        if chosen is not None:
            self._choose(chosen)

    def _choose(self, chosen: TimelineItem | str) -> None:
        """An answer to edit, or a check-in to mark done: its note is dated today, or on its last day if its
        week is over."""
        if isinstance(chosen, str):
            self.edit_answer.emit(chosen)
        elif chosen.key:
            self.edit_answer.emit(chosen.key)
        elif self._can_mark(chosen):
            self.check_in_held.emit(min(self.today, chosen.start))
