"""Starting a new ILP: who it is for, which program, which school year."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from ilp_desktop.app.plans import NewPlan
from ilp_desktop.model.calendar import current_school_year
from ilp_desktop.model.catalog import Catalog
from ilp_desktop.ui.form_parts import labelled_rows, program_combo


class NewPlanDialog(QDialog):
    def __init__(self, catalog: Catalog, today: dt.date, defaults: dict[str, str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("New ILP")
        self.teacher = QLineEdit(defaults.get("teacher", ""), objectName="teacher")
        self.school = QLineEdit(defaults.get("school", ""), objectName="school")
        self.coach = QLineEdit(defaults.get("coach", ""), objectName="coach")
        self.administrator = QLineEdit(defaults.get("administrator", ""), objectName="administrator")
        self.program = program_combo(catalog, defaults.get("program", ""))
        self.year = QLineEdit(current_school_year(today))
        self.start = QDateEdit(QDate(today))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.form = form = QFormLayout(self)
        labelled_rows(
            form,
            (
                ("&Program", self.program),
                ("&Teacher's name", self.teacher),
                ("&School", self.school),
                ("&Coach", self.coach),
                ("&Administrator", self.administrator),
                ("School &year", self.year),
                ("Start &date", self.start),
            ),
        )
        self.catalog = catalog
        self.program.currentIndexChanged.connect(self._name_roles)
        self._name_roles()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create ILP")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.teacher.textChanged.connect(self._validate)
        self.year.textChanged.connect(self._validate)
        self._validate()

    def _name_roles(self) -> None:
        """Label the people in the chosen program's words (an administrators' program has candidates, not teachers)."""
        template = self.catalog.template(self.program.currentData() or "")
        if template is None:
            return
        for role, widget in (("teacher", self.teacher), ("coach", self.coach), ("administrator", self.administrator)):
            name = template.role_label(role) + ("'s name" if role == "teacher" else "")
            self.form.labelForField(widget).setText(f"&{name}")
            widget.setAccessibleName(name)

    def _validate(self) -> None:
        year = self.year.text().strip()
        ok = bool(self.teacher.text().strip()) and year[:4].isdigit() and self.program.count() > 0
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def result_plan(self, district: str = "") -> NewPlan:
        return NewPlan(
            self.teacher.text().strip(),
            self.school.text().strip(),
            self.coach.text().strip(),
            self.administrator.text().strip(),
            self.program.currentData(),
            self.year.text().strip(),
            self.start.date().toPython(),
            district,
        )
