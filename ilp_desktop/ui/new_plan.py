"""Starting a new ILP: who it is for, which program, which school year."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget

from ilp_desktop.app.plans import NewPlan
from ilp_desktop.model.calendar import current_school_year
from ilp_desktop.model.catalog import Catalog
from ilp_desktop.model.plan_rules import MAX_NAME, school_year
from ilp_desktop.ui.date_input import DateInput
from ilp_desktop.ui.fit import Dialog
from ilp_desktop.ui.form_parts import labelled_rows, program_combo


class NewPlanDialog(Dialog):
    def __init__(self, catalog: Catalog, today: dt.date, defaults: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New ILP")
        self.teacher = _line(defaults, "teacher")
        self.school = _line(defaults, "school")
        self.coach = _line(defaults, "coach")
        self.administrator = _line(defaults, "administrator")
        self.program = program_combo(catalog, defaults.get("program", ""))
        self.year = QLineEdit(current_school_year(today))
        self.start = DateInput(optional=False, opens_on=lambda: today)
        self.start.set_date(today)
        for edit in (self.teacher, self.school, self.coach, self.administrator):
            edit.setMaxLength(MAX_NAME)
        self.year_hint = QLabel()
        self.year_hint.setWordWrap(True)
        self.form = form = self.scrolled_form()
        labelled_rows(
            form,
            (
                ("&Program", self.program),
                ("&Teacher's name", self.teacher),
                ("Sc&hool", self.school),  # Alt+S: a role may be "Supervising …"
                ("&Coach", self.coach),
                ("&Administrator", self.administrator),
                ("School &year", self.year),
            ),
        )
        form.addRow("", self.year_hint)  # right under the field it is about
        labelled_rows(form, (("Start &date", self.start),))
        self.catalog = catalog
        self.program.currentIndexChanged.connect(self._name_roles)
        self._name_roles()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create ILP")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.column.addWidget(self.buttons)
        self.teacher.textChanged.connect(self._validate)
        self.year.textChanged.connect(self._validate)
        self.start.edit.textChanged.connect(self._validate)
        self._validate()

    def _name_roles(self) -> None:
        """Label the people in the chosen program's words (an administrators' program has candidates, not teachers)."""
        template = self.catalog.template(self.program.currentData() or "")
        if template is None:
            return
        for role, widget in (("teacher", self.teacher), ("coach", self.coach), ("administrator", self.administrator)):
            name = template.role_label(role) + ("'s name" if role == "teacher" else "")
            label = self.form.labelForField(widget)
            if isinstance(label, QLabel):  # labelled_rows gave every field a text label
                label.setText(f"&{name}")
            widget.setAccessibleName(name)

    def _validate(self) -> None:
        year = school_year(self.year.text())
        # Said in words beside the field (not by colour): why Create is not available yet.
        self.year_hint.setText("" if year else "⚠ The school year is written like 2026-2027.")
        self.year.setAccessibleDescription(self.year_hint.text())
        ok = bool(self.teacher.text().strip()) and year is not None and self.program.count() > 0
        ok = ok and not self.start.problem()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def result_plan(self, district: str = "") -> NewPlan:
        return NewPlan(
            self.teacher.text().strip(),
            self.school.text().strip(),
            self.coach.text().strip(),
            self.administrator.text().strip(),
            self.program.currentData(),
            school_year(self.year.text()) or self.year.text().strip(),
            self.start.date() or self.start.opens_on(),  # never empty: a date needed keeps its last day
            district,
        )


def _line(defaults: dict[str, str], name: str) -> QLineEdit:
    edit = QLineEdit(defaults.get(name, ""))
    edit.setObjectName(name)
    return edit
