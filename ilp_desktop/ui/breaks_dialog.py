"""File → School breaks…: the district's breaks of one school year, typed in rows (name, first and last day).

They are written into the data folder's calendar file (forms/README.md, "calendar.toml"); weeks with no school day
outside them are not held against the support-hours average.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.app.school_breaks import save_school_breaks, school_breaks
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.calendar import current_school_year, school_year_start
from ilp_desktop.model.district_calendar import MAX_BREAKS, SchoolBreak
from ilp_desktop.model.errors import UserError
from ilp_desktop.ui.date_input import DateInput
from ilp_desktop.ui.fit import Dialog, ScrollingPage
from ilp_desktop.ui.form_parts import labelled_rows


class BreakRow:
    """One break's name, first and last day, and the button that takes it out."""

    def __init__(self, ws: Workspace, n: int, shown: SchoolBreak | None):
        self.name = QLineEdit(shown.name if shown else "")
        self.name.setPlaceholderText(f"Break {n}")
        # Optional: a row just added is empty, not wrong (value() asks for both days once either is given).
        self.first = DateInput(opens_on=ws.today, description=f"Break {n}: first day off")
        self.last = DateInput(opens_on=ws.today, description=f"Break {n}: last day off")
        if shown:
            self.first.set_date(shown.first)
            self.last.set_date(shown.last)
        self.remove = QPushButton("Remove this break")
        self.remove.setAccessibleName(f"Remove break {n}")
        # One under the other: the rows stay readable on a 640-pixel-wide screen at 200 %.
        self.box = QGroupBox(f"Break {n}")
        form = QFormLayout(self.box)
        labelled_rows(form, (("Name", self.name), ("First day off", self.first), ("Last day off", self.last)))
        form.addRow("", self.remove)
        # Read out with the break's number: every break has a "Name" and days.
        self.name.setAccessibleName(f"Break {n}: name")
        self.first.edit.setAccessibleName(f"Break {n}: first day off")
        self.last.edit.setAccessibleName(f"Break {n}: last day off")

    def value(self) -> SchoolBreak | None:
        first, last = self.first.date(), self.last.date()
        if first is None and last is None and not self.name.text().strip():
            return None  # a row added and left empty
        if first is None or last is None:
            raise UserError(f"{self.name.text().strip() or self.name.placeholderText()}: give its first and last day")
        return SchoolBreak(self.name.text(), first, last)


class BreaksDialog(Dialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("School breaks")
        this_year = current_school_year(ws.today())
        start = school_year_start(this_year)
        self.year = QComboBox()
        self.year.setAccessibleName("School year")
        years = sorted({this_year, f"{start + 1}-{start + 2}", *ws.district_calendar.school_breaks})
        self.year.addItems(years)
        self.year.setCurrentText(this_year)
        self.shown_year = this_year
        self.year.currentTextChanged.connect(self._year_chosen)
        year_label = QLabel("School &year")
        year_label.setBuddy(self.year)
        intro = QLabel(
            "Weeks with no school day outside these breaks are not held against the support-hours average, and no "
            "one is listed in Hours this week while they last. The first and last day are days off."
        )
        intro.setWordWrap(True)
        page = ScrollingPage()
        self.list = QVBoxLayout(page.content)
        self.list.addStretch()
        self.add_button = QPushButton("&Add a break")
        self.add_button.clicked.connect(lambda: self._add(None, focus=True))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch()
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(intro)
        column.addWidget(page, 1)
        column.addWidget(self.add_button)
        column.addWidget(self.problem)
        column.addWidget(buttons)
        self.rows: list[BreakRow] = []
        self._show_year(this_year)

    def _changed(self) -> bool:
        """Typed and not saved (a row that is not yet a break counts as typed; an empty row does not)."""
        try:
            typed = [(b.name.strip(), b.first, b.last) for b in self.breaks()]
        except UserError:
            return True
        stored = [(b.name, b.first, b.last) for b in school_breaks(self.ws, self.shown_year)]
        return typed != stored

    def _keep_or_drop(self, leaving: str) -> bool:
        """Whether to go on; what was typed is saved first, or dropped when the user says so."""
        if not self._changed():
            return True
        answer = QMessageBox.question(
            self,
            "School breaks",
            f"Save the breaks typed for {self.shown_year} before {leaving}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self._save()
        return answer == QMessageBox.StandardButton.Discard

    def _year_chosen(self, year: str) -> None:
        if year == self.shown_year:
            return
        if not self._keep_or_drop(f"showing {year}"):
            self.year.blockSignals(True)
            self.year.setCurrentText(self.shown_year)
            self.year.blockSignals(False)
            return
        self._show_year(year)

    def reject(self) -> None:
        if self._keep_or_drop("closing"):
            super().reject()

    def _show_year(self, year: str) -> None:
        self.shown_year = year
        for row in self.rows:
            row.box.deleteLater()
        self.rows = []
        for shown in school_breaks(self.ws, year):
            self._add(shown)
        if not self.rows:
            self._add(None)
        self.problem.clear()

    def _add(self, shown: SchoolBreak | None, focus: bool = False) -> None:
        if len(self.rows) >= MAX_BREAKS:
            self.problem.setText(f"⚠ At most {MAX_BREAKS} breaks in a school year.")
            return
        row = BreakRow(self.ws, len(self.rows) + 1, shown)
        row.remove.clicked.connect(lambda: self._remove(row))
        self.list.insertWidget(len(self.rows), row.box)
        self.rows.append(row)
        if focus:
            row.name.setFocus()

    def _remove(self, row: BreakRow) -> None:
        self.rows.remove(row)
        row.box.deleteLater()
        self.add_button.setFocus()  # the focus was on the button that is gone

    def breaks(self) -> list[SchoolBreak]:
        return [b for b in (row.value() for row in self.rows) if b is not None]

    def save(self) -> None:
        if self._save():
            self.accept()

    def _save(self) -> bool:
        try:
            save_school_breaks(self.ws, self.shown_year, self.breaks())
        except UserError as exc:
            self.problem.setText(f"⚠ Not saved: {exc}")
            return False
        return True
