"""The Continuum of Teaching Practice in the wizard: passes of dated ratings, and the growth across them.

A pass rates every element of the plan's CSTP edition; "New pass" copies the previous pass to revise. The growth
view shows each element's level in every pass as a table and as a chart whose bars carry their level in words,
so nothing is told by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.model import continuum
from ilp_desktop.model.template import Field
from ilp_desktop.model.values import display_date, long_date
from ilp_desktop.ui.ask import Choice, ask
from ilp_desktop.ui.fields import Editor, FieldContext

BAR_HEIGHT = 18


class ContinuumEditor(Editor):
    def __init__(self, field: Field, key: str, ctx: FieldContext, name: str = ""):
        super().__init__(field, key, ctx, name)
        self.cont, self.std = continuum.resources_of(field, ctx.resources)
        self.elements = continuum.elements(self.std)
        self.passes = self._named(QComboBox(), "Continuum pass")
        self.passes.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.passes.currentIndexChanged.connect(lambda _: self._show_pass())
        self.new_button = self._named(QPushButton("&New pass (copies the last to revise)"), "New pass")
        self.new_button.clicked.connect(self.add_pass)
        self.delete_button = self._named(QPushButton("&Delete this pass…"), "Delete this pass")
        self.delete_button.clicked.connect(self.delete_pass)
        # Deleting asks first and can be undone until the next change (a deleted pass that was saved more than a
        # few minutes earlier also stays in each answer's history).
        self.undo_button = self._named(QPushButton(), "Undo deleting the pass")
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        self._undo: tuple[dict[str, str], int] | None = None
        self.title = self._named(QLineEdit(), "Name of this pass")
        self.title.textEdited.connect(lambda text: self._set({continuum.title_key(field, self.current): text}))
        # The pass and its name on one line, what can be done with passes on the next: the name keeps room to
        # be read at 200 % text.
        top = QHBoxLayout()
        top.addWidget(QLabel("Pass:"))
        top.addWidget(self.passes)
        top.addWidget(self.title, 1)
        actions = QHBoxLayout()
        for button in (self.new_button, self.delete_button, self.undo_button):
            actions.addWidget(button)
        actions.addStretch(1)
        grid = QGridLayout()
        self.levels: dict[str, QComboBox] = {}
        self.dates: dict[str, QLabel] = {}
        self.evidence: dict[str, QLineEdit] = {}
        for row, e in enumerate(self.elements):
            label = QLabel(f"{e.key} {e.text}")
            label.setWordWrap(True)
            level = self._named(QComboBox(), f"Level for {e.key}")
            level.addItem("— not rated —", "")
            for lv in self.cont.levels:
                level.addItem(lv.label, lv.id)
            level.activated.connect(lambda _i, k=e.key, box=level: self._rate(k, box.currentData() or ""))
            evidence = self._named(QLineEdit(), f"Evidence for {e.key}")
            evidence.setPlaceholderText("Evidence (optional)")
            evidence.textEdited.connect(
                lambda text, k=e.key: self._set({continuum.level_key(field, self.current, k) + ".evidence": text})
            )
            self.levels[e.key], self.evidence[e.key], self.dates[e.key] = level, evidence, QLabel()
            cells: tuple[QWidget, ...] = (label, level, self.dates[e.key], evidence)
            for col, cell in enumerate(cells):
                grid.addWidget(cell, row, col)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(3, 2)
        self.growth_table = QTableWidget()
        self.growth_table.setAccessibleName("Growth across passes (table)")
        self.growth_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.growth_table.setMinimumHeight(240)
        self.chart = GrowthChart(self)
        self.suggestions = QLabel()
        self.suggestions.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addLayout(actions)
        column.addLayout(grid)
        column.addWidget(QLabel("<b>Growth across passes</b>"))
        column.addWidget(self.growth_table)
        column.addWidget(self.chart)
        column.addWidget(self.suggestions)

    @property
    def current(self) -> int:
        return int(self.passes.currentData() or 0)

    def _set(self, changes: dict[str, str], keeps_undo: bool = False) -> None:
        if not self._loading:
            if not keeps_undo:  # an undo after further edits would take them back too: it is no longer offered
                self._undo = None
                self.undo_button.hide()
            for key, value in changes.items():
                self.ctx.draft.set(key, value)

    def _rate(self, element: str, level: str) -> None:
        if self.current:
            self._set(continuum.rate(self.field, self.current, element, level, self.ctx.draft.ws.today()))
            self.refresh()

    def add_pass(self) -> None:
        values = self.ctx.draft.values
        n = continuum.pass_count(self.field, values) + 1
        title = f"Pass {n} – {long_date(self.ctx.draft.ws.today())}"
        self._set(continuum.new_pass(self.field, self.std, values, title))
        self.refresh()
        self.passes.setCurrentIndex(self.passes.count() - 1)

    def delete_pass(self) -> None:
        """After the user confirms: the later passes move up one place."""
        n = self.current
        if not n:
            return
        name = self.passes.currentText()
        answer = ask(
            self,
            QMessageBox.Icon.Question,
            "Delete this pass?",
            f"Delete the pass “{name}” and all its ratings and evidence? Later passes move up one place. Until "
            "you change something else, “Undo” brings it back.",
            [Choice("&Keep the pass", "keep", QMessageBox.ButtonRole.RejectRole), Choice("&Delete", "delete")],
            "delete-pass",
        )
        if answer != "delete":
            return
        values = self.ctx.draft.values
        changes = continuum.delete_pass(self.field, self.std, values, n)
        self._undo = ({key: values.get(key, "") for key in changes}, n)
        self._set(changes, keeps_undo=True)
        self.undo_button.setText(f"&Undo deleting “{name}”")
        self.undo_button.show()
        self.refresh()
        self.passes.setCurrentIndex(min(n, self.passes.count()) - 1)
        self.undo_button.setFocus()

    def undo_delete(self) -> None:
        """The deleted pass back in its place, as it was."""
        if self._undo is None:
            return
        before, n = self._undo
        self._undo = None
        self.undo_button.hide()
        self._set(before, keeps_undo=True)
        self.refresh()
        self.passes.setCurrentIndex(n - 1)

    def load(self, value: str) -> None:
        values = self.ctx.draft.values
        chosen = self.current
        self.passes.clear()
        for n in range(1, continuum.pass_count(self.field, values) + 1):
            self.passes.addItem(values.get(continuum.title_key(self.field, n), "") or f"Pass {n}", n)
        if self.passes.count():
            index = self.passes.findData(chosen)
            self.passes.setCurrentIndex(index if index >= 0 else self.passes.count() - 1)
        self._show_pass()
        self._show_growth()

    def _show_pass(self) -> None:
        values, n = self.ctx.draft.values, self.current
        self.title.setEnabled(bool(n))
        self.title.setText(values.get(continuum.title_key(self.field, n), "") if n else "")
        for e in self.elements:
            key = continuum.level_key(self.field, n, e.key)
            box = self.levels[e.key]
            box.setEnabled(bool(n))
            box.setCurrentIndex(max(0, box.findData(values.get(key, ""))))
            self.dates[e.key].setText(display_date(values.get(key + ".date", "")))
            self.evidence[e.key].setEnabled(bool(n))
            self.evidence[e.key].setText(values.get(key + ".evidence", ""))

    def _show_growth(self) -> None:
        values = self.ctx.draft.values
        rows = continuum.growth(self.field, self.std, values)
        n = continuum.pass_count(self.field, values)
        self.growth_table.setRowCount(len(rows))
        self.growth_table.setColumnCount(n)
        self.growth_table.setHorizontalHeaderLabels([self.passes.itemText(i) for i in range(n)])
        self.growth_table.setVerticalHeaderLabels([g.element.key for g in rows])
        for r, g in enumerate(rows):
            for c, level in enumerate(g.levels):
                rank = self.cont.rank(level)
                self.growth_table.setItem(r, c, QTableWidgetItem(f"{rank} {self.cont.label(level)}" if rank else "–"))
        self.chart.show_growth(rows, n)
        low = continuum.lowest(self.field, self.ctx.resources, values)
        self.suggestions.setText(
            "Rated lowest in the latest pass (candidates for a focus): "
            + ", ".join(f"{key} ({label})" for key, label in low)
            if low
            else "Rate the elements to see which are rated lowest."
        )

    def input_widgets(self) -> Sequence[QWidget]:
        return [
            self.passes,
            self.title,
            self.new_button,
            self.delete_button,
            self.undo_button,
            *(w for e in self.elements for w in (self.levels[e.key], self.evidence[e.key])),
        ]


class GrowthChart(QWidget):
    """Each element's level in each pass as a bar, its length the level's rank, labelled "P1 Exploring"."""

    def __init__(self, editor: ContinuumEditor):
        super().__init__()
        self.editor = editor
        self.rows: list[continuum.Growth] = []
        self.passes = 0
        self.setAccessibleName("Growth across passes (chart)")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_growth(self, rows: list[continuum.Growth], passes: int) -> None:
        self.rows, self.passes = rows, passes
        self.setMinimumHeight(max(1, len(rows) * max(1, passes)) * BAR_HEIGHT + 8)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        levels = len(self.editor.cont.levels)
        left, width = 60, max(1, self.width() - 70)
        y = 4
        pen = self.palette().text().color()
        for g in self.rows:
            painter.setPen(pen)
            painter.drawText(QRectF(0, y, left - 4, BAR_HEIGHT), Qt.AlignmentFlag.AlignVCenter, g.element.key)
            for n, level in enumerate(g.levels, start=1):
                rank = self.editor.cont.rank(level)
                bar = QRectF(left, y + 2, width * rank / levels, BAR_HEIGHT - 4)
                painter.setBrush(self.palette().mid())
                painter.drawRect(bar)
                label = f"P{n} {self.editor.cont.label(level)}" if rank else f"P{n} not rated"
                painter.drawText(bar.adjusted(4, 0, 400, 0), Qt.AlignmentFlag.AlignVCenter, label)
                y += BAR_HEIGHT
        painter.end()
