"""The program year of one plan: the CTC dates and clocks, the hours ledger with its trend, the observation rules,
and the mentoring log (meetings, observations … with their minutes; notes private unless released).

Entries and dates are written when the user adds or saves them, like journal entries; every state is said in
words beside the chart (never by colour alone).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.app.program_year import (
    PlanYear,
    add_log_entry,
    blank_entry,
    delete_log_entry,
    plan_year,
    set_year_dates,
    update_log_entry,
)
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.program_year import MAX_MINUTES, Ledger, LogEntry, YearDates
from ilp_desktop.model.template import Template
from ilp_desktop.ui.date_input import DateInput
from ilp_desktop.ui.fit import ScrollingPage
from ilp_desktop.ui.form_parts import combo, labelled_rows

CHART_PERIODS = 16  # the most recent weeks (or months) the trend shows


class HoursChart(QWidget):
    """Minutes per period as bars (hatched when below the rule), the rule as a dashed line, the running average
    as a solid line; the legend and each bar's number say the same in words."""

    def __init__(self) -> None:
        super().__init__()
        self.ledger: Ledger | None = None
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def plot(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.setAccessibleDescription(ledger.describe())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        ledger = self.ledger
        if ledger is None or not ledger.periods:
            return
        periods = ledger.periods[-CHART_PERIODS:]
        # The average after each shown period but the current one, which has not ended.
        averages = ledger.running_averages()[len(ledger.periods) - len(periods) :]
        rule = ledger.rule.minutes
        painter = QPainter(self)
        text = self.palette().text().color()
        top = max([m for _, m in periods] + averages + [rule * 1.5])
        bottom, height = self.height() - 34, self.height() - 62
        slot = (self.width() - 20) / len(periods)
        bar = min(26.0, slot * 0.6)

        def y(minutes: float) -> float:
            return bottom - height * minutes / top

        for i, (first, minutes) in enumerate(periods):
            x = 10 + i * slot + (slot - bar) / 2
            painter.setPen(QPen(text, 1))
            below = minutes < rule and first not in ledger.breaks  # a school break is not held against the rule
            painter.setBrush(QBrush(text, Qt.BrushStyle.BDiagPattern if below else Qt.BrushStyle.SolidPattern))
            painter.drawRect(QRectF(x, y(minutes), bar, bottom - y(minutes)))
            painter.drawText(
                QRectF(10 + i * slot, y(minutes) - 16, slot, 14),
                Qt.AlignmentFlag.AlignHCenter,
                f"{minutes}" + (" break" if first in ledger.breaks else ""),
            )
            label = first.strftime("%m-%d") if ledger.rule.per == "week" else first.strftime("%b")
            painter.drawText(QRectF(10 + i * slot, bottom + 2, slot, 14), Qt.AlignmentFlag.AlignHCenter, label)
        painter.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(10, y(rule)), QPointF(self.width() - 10, y(rule)))
        if averages:
            painter.setPen(QPen(text, 2))
            points = [QPointF(10 + (i + 0.5) * slot, y(a)) for i, a in enumerate(averages)]
            for a, b in itertools.pairwise(points):
                painter.drawLine(a, b)
            for p in points:
                painter.drawEllipse(p, 3, 3)
        painter.setPen(QPen(text, 1))
        painter.drawText(
            QPointF(10, self.height() - 6),
            f"Bars: minutes per {ledger.rule.per} (hatched: under {rule})   Dashed: the rule   Line with dots: running average",
        )
        painter.end()


class LogView(ScrollingPage):
    def __init__(self, ws: Workspace, template: Template, plan_id: int):
        super().__init__()
        self.ws, self.template, self.plan_id = ws, template, plan_id
        self.rules = template.year
        self.year: PlanYear | None = None
        self._loading = False

        self.enrolled = DateInput(opens_on=ws.today)
        self.matched = DateInput(opens_on=ws.today)
        self.goals = DateInput(opens_on=ws.today)
        self.clocks = QLabel()
        self.clocks.setWordWrap(True)
        self.hours = QLabel()
        self.hours.setWordWrap(True)
        self.chart = HoursChart()
        self.observations = QLabel()
        self.observations.setWordWrap(True)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(["Date", "Minutes", "Kind", "Standards", "Notes", "Next steps"])
        self.table.setAccessibleName("Mentoring log")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(160)
        self.table.currentCellChanged.connect(lambda row, *_: self._select(row))

        self.date = DateInput(optional=False, opens_on=ws.today)
        self.minutes = QSpinBox(minimum=1, maximum=MAX_MINUTES, suffix=" min")
        self.kind = combo([(k.id, k.label) for k in self.rules.kinds], characters=20)
        self.standards = QLineEdit()
        self.standards.setPlaceholderText("e.g. 1A, 2C")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(90)
        self.released = QCheckBox("Release these notes to the program leader (otherwise private to coach and teacher)")
        self.released.setAccessibleName(self.released.text())
        self.next_steps = QLineEdit()
        self.artifacts = QLineEdit()
        self.artifacts.setPlaceholderText("what was looked at or left: file names, links")

        self.add_button = QPushButton("&Add to log")
        self.add_button.clicked.connect(self.add_entry)
        self.save_button = QPushButton("Save chan&ges")
        self.save_button.clicked.connect(self.save_entry)
        self.new_button = QPushButton("New entr&y")
        self.new_button.clicked.connect(self.new_entry)
        self.delete_button = QPushButton("De&lete entry…")
        self.delete_button.clicked.connect(self.delete_entry)
        self.problem = QLabel()
        self.problem.setWordWrap(True)

        # Every letter of "Minutes", "Mentor matched" and "ILP goals set" is an Alt letter elsewhere on this
        # screen (tests/test_keyboard.py); Tab reaches each from the field before it.
        dates = QFormLayout()
        labelled_rows(
            dates, (("&Enrolled", self.enrolled), ("Mentor matched", self.matched), ("ILP goals set", self.goals))
        )
        for box in (self.enrolled, self.matched, self.goals):
            box.date_edited.connect(self._dates_edited)
        form = QFormLayout()
        labelled_rows(
            form,
            (
                ("&Date", self.date),
                ("Minutes", self.minutes),
                ("&Kind", self.kind),
                ("&Standards discussed", self.standards),
                ("&Notes", self.notes),
                ("", self.released),
                ("Ne&xt steps", self.next_steps),
                ("A&rtifacts", self.artifacts),
            ),
        )
        buttons = QHBoxLayout()
        for b in (self.add_button, self.save_button, self.new_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch()
        form.addRow("", buttons)
        form.addRow("", self.problem)

        top = QHBoxLayout()
        top.addLayout(dates, 1)
        top.addWidget(self.clocks, 2)
        # The induction year's dates, clocks and hours; a program without one (an endorsement course, another
        # state's plan) keeps the log and counts nothing against a rule.
        counted = QWidget()
        counted_layout = QVBoxLayout(counted)
        counted_layout.setContentsMargins(0, 0, 0, 0)
        counted_layout.addWidget(QLabel(f"<b>{self.rules.authority} dates</b>"))
        counted_layout.addLayout(top)
        hours = self.rules.hours.describe() if self.rules.hours else ""
        counted_layout.addWidget(QLabel(f"<b>Support hours</b> – the program asks for {hours}"))
        counted_layout.addWidget(self.hours)
        counted_layout.addWidget(self.chart)
        counted.setVisible(self.rules.hours is not None)
        uncounted = QLabel(
            "This program sets no support-hours rule or CTC dates: the log keeps what was done and when."
        )
        uncounted.setWordWrap(True)
        uncounted.setVisible(self.rules.hours is None)
        layout = QVBoxLayout(self.content)
        layout.addWidget(counted)
        layout.addWidget(uncounted)
        layout.addWidget(self.observations)
        layout.addWidget(QLabel("<b>Mentoring log</b> (weekly notes not to be submitted live here)"))
        layout.addWidget(self.table)
        layout.addLayout(form)

    # ------------------------------------------------------------- showing
    def reload(self, select_id: int | None = None) -> None:
        """Everything read again; the entry `select_id` (else the one chosen before, if still there) chosen."""
        chosen = self.selected()
        select_id = select_id if select_id is not None else chosen.id if chosen else None
        year = self.year = plan_year(self.ws, self.plan_id)
        self._loading = True
        self.enrolled.set_date(year.dates.enrolled)
        self.matched.set_date(year.dates.matched)
        self.goals.set_date(year.dates.goals)
        self._loading = False
        self._show_summary()
        self.table.setRowCount(len(year.log))
        for row, e in enumerate(reversed(year.log)):  # the newest first
            cells = (
                e.entry_date.isoformat(),
                str(e.minutes),
                self.rules.kind_label(e.kind),
                e.standards,
                _first_line(e.notes) + (" (released)" if e.released else ""),
                e.next_steps,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        rows = [r for r, e in enumerate(reversed(year.log)) if e.id == select_id]
        if rows:
            self.table.selectRow(rows[0])
            self._select(rows[0])
        else:
            self.new_entry()

    def _show_summary(self) -> None:
        """The clocks, the ledger and its chart, the observation rules: what the dates and entries add up to."""
        year = self.year
        assert year is not None
        self.clocks.setText(
            "<br>".join(c.describe() + (" – from the signature" if c.derived else "") for c in year.clocks)
        )
        if year.ledger is not None:
            self.hours.setText(year.ledger.describe())
            self.chart.plot(year.ledger)
        self.observations.setText(
            ""
            if not year.observations
            else "<b>Observations</b> (plan and log together): " + " · ".join(o.describe() for o in year.observations)
        )

    def selected(self) -> LogEntry | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        entry_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((e for e in (self.year.log if self.year else []) if e.id == entry_id), None)

    def _select(self, row: int) -> None:
        entry = self.selected() if row >= 0 else None
        if entry is not None:
            self._fill(entry)
        self.save_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)

    def _fill(self, e: LogEntry) -> None:
        self.date.set_date(e.entry_date)
        self.minutes.setValue(e.minutes)
        self.kind.setCurrentIndex(max(0, self.kind.findData(e.kind)))
        self.standards.setText(e.standards)
        self.notes.setPlainText(e.notes)
        self.released.setChecked(e.released)
        self.next_steps.setText(e.next_steps)
        self.artifacts.setText(e.artifacts)
        self.problem.clear()

    def entry(self, base: LogEntry) -> LogEntry:
        """The form as an entry (the date box's problem, if any, is raised as the user's error)."""
        day = self.date.date()
        if day is None or self.date.problem():  # a text that is no day keeps the day before it: not this one
            raise UserError(self.date.problem() or "the date is needed")
        return LogEntry(
            base.id,
            self.plan_id,
            base.uid,
            day,
            self.minutes.value(),
            str(self.kind.currentData()),
            self.standards.text().strip(),
            self.notes.toPlainText(),
            self.released.isChecked(),
            self.next_steps.text().strip(),
            self.artifacts.text().strip(),
        )

    # ------------------------------------------------------------- actions
    def new_entry(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self._fill(blank_entry(self.plan_id, self.ws.today(), self.rules))
        self.save_button.setEnabled(False)
        self.delete_button.setEnabled(False)

    def start_entry(self, minutes: int) -> None:
        """A new entry of `minutes` today, the minutes chosen to be typed over."""
        self.new_entry()
        self.minutes.setValue(max(1, min(minutes, MAX_MINUTES)))
        self.minutes.setFocus()
        self.minutes.selectAll()

    def add_entry(self) -> None:
        blank = blank_entry(self.plan_id, self.ws.today(), self.rules)
        self._act(lambda: add_log_entry(self.ws, self.plan_id, self.entry(blank)))

    def save_entry(self) -> None:
        current = self.selected()
        if current is not None:

            def save() -> int:
                update_log_entry(self.ws, self.plan_id, self.entry(current))
                return current.id

            self._act(save)

    def delete_entry(self) -> None:
        current = self.selected()
        if current is None:
            return
        answer = QMessageBox.question(
            self, "Delete log entry", f"Delete the {current.entry_date.isoformat()} entry ({current.minutes} min)?"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._act(lambda: delete_log_entry(self.ws, self.plan_id, current.id))

    def _act(self, action: Callable[[], int | None]) -> None:
        """Write, then show the log again with the entry written (none after a deletion) chosen."""
        try:
            entry_id = action()
        except UserError as exc:
            self.problem.setText(f"⚠ Not saved: {exc}")
            return
        self.reload(entry_id)
        self.problem.setText("✓ Saved")

    def _dates_edited(self, _day: object) -> None:
        if self._loading:
            return
        dates = YearDates(self.enrolled.date(), self.matched.date(), self.goals.date())
        try:
            set_year_dates(self.ws, self.plan_id, dates)
        except UserError as exc:
            self.clocks.setText(f"⚠ Not saved: {exc}")
            return
        self.year = plan_year(self.ws, self.plan_id)
        self._show_summary()


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= 80 else line[:79] + "…"
