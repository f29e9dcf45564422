"""Measured results for quantitative outcomes: students' pre and post measures, the target, the verdict.

Students are entered by pseudonym or initials only. The result ("3 of 5
students improved by at least 20%") is computed, never typed, and a small
chart shows each student's pre and post measure.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.outcomes import (
    BASELINE,
    CLASS_RULES,
    DEFAULT_TARGET,
    RULES,
    Measure,
    OutcomeResult,
    Target,
    evaluate,
)
from ilp_desktop.model.template import Template
from ilp_desktop.model.values import Values, group_count, item_answers, satisfied
from ilp_desktop.ui.fit import ScrollingPage
from ilp_desktop.ui.form_parts import combo, labelled_rows, number_validator

COLUMNS = ("Student (initials)", "Group (e.g. EL, SpEd)", "Pre", "Post", "Meets the target?")
CLASS_COLUMNS = ("Date or occasion", "Baseline (before the change)", "Pre", "Class measure", "Meets the target?")


def measured_outcomes(template: Template, values: Values) -> list[tuple[str, str]]:
    """(outcome key, label) for every group item that takes measures, e.g. each quantitative outcome."""
    found = []
    for f in template.fields:
        if f.measures_when is None:
            continue
        for i in range(1, group_count(values, f) + 1):
            item = item_answers(f, i, values)
            if satisfied(f.measures_when, item):
                text = next((item[s.id] for s in f.fields if s.type == "longtext"), "")
                found.append((f"{f.id}.{i}", f"{f.item_label} {i}" + (f": {text[:70]}" if text else "")))
    return found


def _round_up(value: float) -> float:
    """The axis's top: the next 1, 2, 2.5 or 5 times a power of ten, so its ticks read as round numbers."""
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def _shown(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ".").strip()) if text.strip() else None
    except ValueError:
        return None


class MeasureChart(QWidget):
    """Pre (hatched) and post (solid) bars per student, or one bar per occasion for a class-level measure
    (baseline hatched), on a labelled value axis with the target drawn as a dashed line (for a gain, a dashed
    mark over each student's pre bar at the post score needed); the legend says which is which."""

    def __init__(self) -> None:
        super().__init__()
        self.measures: list[Measure] = []
        self.result: OutcomeResult | None = None
        self.setMinimumHeight(self.fontMetrics().height() * 12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def plot(self, measures: list[Measure], result: OutcomeResult) -> None:
        self.measures, self.result = [m for m in measures if m.pre is not None or m.post is not None], result
        self.setAccessibleDescription(result.describe())
        self.update()

    def _needed(self, target: Target, m: Measure) -> float | None:
        """The post measure a student or occasion must reach (or stay under) to meet the target."""
        if target.rule in ("gain_points", "gain_percent"):
            if m.pre is None:
                return None
            return m.pre + (target.amount if target.rule == "gain_points" else abs(m.pre) * target.amount / 100)
        return target.amount

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.measures or self.result is None:
            return
        target = self.result.target
        painter = QPainter(self)
        text = self.palette().text().color()
        metrics = self.fontMetrics()
        line = metrics.height()
        needed = [self._needed(target, m) for m in self.measures]
        values = [v for m in self.measures for v in (m.pre, m.post) if v is not None]
        top = _round_up(max([*values, *(n for n in needed if n is not None), 1.0]))
        ticks = [0.0, top / 2, top]
        axis_x = 12 + max(metrics.horizontalAdvance(f"{t:.3g}") for t in ticks)
        plot_top, bottom = 2 * line + 4, self.height() - 2 * line - 4
        height = bottom - plot_top
        painter.setPen(QPen(text, 1))
        painter.drawLine(QPointF(axis_x, plot_top), QPointF(axis_x, bottom))
        level = target.per_class or target.rule in ("reach", "at_most")  # one target level for every bar
        label = f"Target {target.amount:g}"
        right = self.width() - 4 - (metrics.horizontalAdvance(label) + 8 if level else 0)  # the label's room
        painter.drawLine(QPointF(axis_x, bottom), QPointF(right, bottom))
        for t in ticks:
            y = bottom - height * t / top
            painter.drawLine(QPointF(axis_x - 4, y), QPointF(axis_x, y))
            painter.drawText(QRectF(0, y - line / 2, axis_x - 6, line), Qt.AlignmentFlag.AlignRight, f"{t:.3g}")
        slot = (right - axis_x - 4) / len(self.measures)
        bar = min(28.0, slot / 3)
        dashed = QPen(text, 2, Qt.PenStyle.DashLine)
        for i, (m, need) in enumerate(zip(self.measures, needed, strict=True)):
            x = axis_x + 4 + i * slot + slot / 2 - bar
            # A class-level baseline occasion is hatched like a pre measure, the occasions after it solid.
            shown = (m.pre, m.post)
            if target.per_class:
                shown = (m.post, None) if m.group == BASELINE else (None, m.post)
            for j, value in enumerate(shown):
                if value is None:
                    continue
                h = height * max(0.0, value) / top
                painter.setPen(QPen(text, 1))
                painter.setBrush(QBrush(text, Qt.BrushStyle.BDiagPattern if j == 0 else Qt.BrushStyle.SolidPattern))
                painter.drawRect(QRectF(x + j * bar, bottom - h, bar - 2, h))
            if need is not None and not level:
                painter.setPen(dashed)
                y = bottom - height * need / top
                painter.drawLine(QPointF(x + bar - 4, y), QPointF(x + 2 * bar + 2, y))
            met = self.result.flags.get(m.student)
            mark = "" if met is None else (" ✓" if met else " ✕")
            painter.setPen(QPen(text, 1))
            painter.drawText(
                QRectF(axis_x + 4 + i * slot, bottom + 2, slot, line),
                Qt.AlignmentFlag.AlignHCenter,
                metrics.elidedText(f"{m.student}{mark}", Qt.TextElideMode.ElideMiddle, int(slot)),
            )
        if level:
            y = bottom - height * target.amount / top
            painter.setPen(dashed)
            painter.drawLine(QPointF(axis_x, y), QPointF(right, y))
            painter.setPen(QPen(text, 1))
            painter.drawText(QPointF(right + 6, y + metrics.ascent() / 2 - 1), label)
        painter.setPen(QPen(text, 1))
        first = "Hatched: baseline   Solid: after the change" if target.per_class else "Hatched: pre   Solid: post"
        painter.drawText(QPointF(axis_x, line), f"{first}   - - target   ✓ meets the target   ✕ not yet")
        painter.end()


class CellEditor(QStyledItemDelegate):
    """Cells are typed into boxes that take only what their column holds: scores only numbers, names a line of
    at most 100 characters; a score that cannot be read is never silently stored as none."""

    def __init__(self, parent: QWidget, numbers: bool) -> None:
        super().__init__(parent)
        self.numbers = numbers

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        edit = QLineEdit(parent)
        if self.numbers:
            edit.setValidator(number_validator(edit))
        else:
            edit.setMaxLength(100)
        return edit


class OutcomesView(ScrollingPage):
    def __init__(self, ws: Workspace, template: Template, plan_id: int):
        super().__init__()
        self.ws, self.template, self.plan_id = ws, template, plan_id
        self._loading = False
        self.outcome = combo()
        self.outcome.setAccessibleName("Outcome")
        self.outcome.currentIndexChanged.connect(self._load)
        self.share = QDoubleSpinBox(suffix=" % of students", maximum=100, decimals=0)
        self.rule = combo(
            (rule, ("" if rule in CLASS_RULES else "each student must ") + words.replace("{amount:g}", "N"))
            for rule, words in RULES.items()
        )
        self.amount = QDoubleSpinBox(maximum=100000, decimals=1)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(True)
        # Room for six rows at any text size (at 200 % the table showed two).
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 14)
        for column in range(4):
            self.table.setItemDelegateForColumn(column, CellEditor(self.table, numbers=column >= 2))
        self.table.itemChanged.connect(self._changed)
        add = self.add_button = QPushButton("Add &student")
        add.clicked.connect(self.add_row)
        remove = self.remove_button = QPushButton("&Remove student")
        remove.clicked.connect(self.remove_row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Result against the target")
        self.chart = MeasureChart()
        self.share.valueChanged.connect(self._changed)
        self.rule.currentIndexChanged.connect(self._mode_changed)
        self.amount.valueChanged.connect(self._changed)
        self.empty = QLabel(
            "No quantitative outcome yet: mark an outcome in Cell 3 as quantitative to enter its measures here."
        )
        self.empty.setWordWrap(True)
        form = QFormLayout()
        labelled_rows(
            form,
            (
                ("&Outcome", self.outcome),
                ("&Target", self.share),
                ("Ru&le", self.rule),
                ("&N =", self.amount),
            ),
        )
        buttons = QHBoxLayout()
        for b in (add, remove):
            buttons.addWidget(b)
        buttons.addStretch()
        privacy = QLabel(
            "<i>Students by pseudonym or initials only – never full names: this file may travel "
            "between a coach's and a teacher's computer.</i>"
        )
        privacy.setWordWrap(True)
        layout = QVBoxLayout(self.content)
        layout.addWidget(self.empty)
        layout.addLayout(form)
        for part in (privacy, self.table):
            layout.addWidget(part)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.chart)
        self.reload()

    def reload(self) -> None:
        values = self.ws.values(self.plan_id)
        self._loading = True
        current = self.outcome.currentData()
        self.outcome.clear()
        for key, label in measured_outcomes(self.template, values):
            self.outcome.addItem(label, key)
        self._loading = False
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(current)))
        self.empty.setVisible(self.outcome.count() == 0)
        for w in (self.outcome, self.share, self.rule, self.amount, self.table):
            w.setEnabled(self.outcome.count() > 0)
        self._load()

    def _load(self) -> None:
        if self._loading or self.outcome.currentData() is None:
            return
        self._loading = True
        key = self.outcome.currentData()
        target, rows = self.ws.outcome(self.plan_id, key)
        t = target or DEFAULT_TARGET
        self.share.setValue(t.share)
        self.rule.setCurrentIndex(self.rule.findData(t.rule))
        self.amount.setValue(t.amount)
        self._fill(rows)
        self._loading = False
        self._recompute()

    def _fill(self, rows: list[Measure]) -> None:
        """The rows in the columns of the target's mode: per student, or class occasions with a baseline box."""
        per_class = self.target().per_class
        self.table.setHorizontalHeaderLabels(CLASS_COLUMNS if per_class else COLUMNS)
        self.table.setColumnHidden(2, per_class)
        self.table.setAccessibleName("Class measures by occasion" if per_class else "Measures per student")
        self.share.setSuffix(" % of occasions" if per_class else " % of students")
        self.add_button.setText("&Add occasion" if per_class else "Add &student")  # Alt+O is the outcome
        self.remove_button.setText("&Remove occasion" if per_class else "&Remove student")
        self.table.setRowCount(len(rows))
        for r, m in enumerate(rows):
            for c, text in enumerate((m.student, m.group, _shown(m.pre), _shown(m.post))):
                self.table.setItem(r, c, QTableWidgetItem(text))
            self._mark_baseline(r, m.group == BASELINE)

    def _mark_baseline(self, row: int, baseline: bool) -> None:
        """A class occasion's group cell is a box to tick (Space) when it was measured before the change."""
        if not self.target().per_class:
            return
        item = QTableWidgetItem("baseline")
        item.setFlags((item.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable)
        item.setCheckState(Qt.CheckState.Checked if baseline else Qt.CheckState.Unchecked)
        self.table.setItem(row, 1, item)

    def _mode_changed(self) -> None:
        if not self._loading:
            self._loading = True
            self._fill(self.measures())
            self._loading = False
        self._changed()

    def measures(self) -> list[Measure]:
        out: list[Measure] = []
        per_class = self.target().per_class
        for r in range(self.table.rowCount()):
            student, group, pre, post = (self._cell(r, c) for c in range(4))
            if per_class:
                group, pre = BASELINE if self._baseline(r) else "", ""
            if student.strip():
                out.append(Measure(student.strip(), group.strip(), _number(pre), _number(post)))
        return out

    def _baseline(self, row: int) -> bool:
        item = self.table.item(row, 1)
        return self.target().per_class and item is not None and item.checkState() == Qt.CheckState.Checked

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""

    def target(self) -> Target:
        return Target(self.share.value(), self.rule.currentData(), self.amount.value())

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self._recompute()
            key = self.outcome.currentData()
            if key is not None:  # into the plan's draft, saved with everything else typed
                self.ws.draft(self.plan_id).edit_outcome(key, self.target(), self.measures())

    def _recompute(self) -> None:
        measures = self.measures()
        result = evaluate(self.target(), measures)
        self.result.setText(
            f"<b>{html.escape(result.describe())}</b>"
            + "".join(f"<br>{html.escape(line)}" for line in result.group_lines())
        )
        self._loading = True
        for r in range(self.table.rowCount()):
            name = self._cell(r, 0).strip()
            met = result.flags.get(name)
            said = "—" if met is None else ("yes" if met else "not yet")
            item = QTableWidgetItem("baseline" if self._baseline(r) else said)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, 4, item)
        self._loading = False
        self.chart.plot(measures, result)

    def add_row(self) -> None:
        self.table.insertRow(self.table.rowCount())
        self._mark_baseline(self.table.rowCount() - 1, False)
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.table.setFocus()

    def remove_row(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())
            self._changed()
