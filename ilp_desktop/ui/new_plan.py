"""Starting a new ILP: who it is for, which program, which school year."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QWidget

from ilp_desktop.app.plans import NewPlan
from ilp_desktop.model.calendar import current_school_year
from ilp_desktop.model.catalog import Catalog
from ilp_desktop.model.editions import edition_label, families
from ilp_desktop.model.plan import BUILT_IN_ROLES
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
        # Which edition of the standards the plan cites: the school year's default, the earlier one for a
        # candidate who began under it (offered only for a program citing standards with several editions).
        self.edition = QComboBox()
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
        self._year_row = form.rowCount() - 1  # the program's other roles go in above it
        form.addRow("", self.year_hint)  # right under the field it is about
        labelled_rows(form, (("Start &date", self.start), ("Standards &edition", self.edition)))
        # A line for each role a program names beyond teacher, coach and administrator (a mentor), made when a
        # program naming it is chosen and shown only while it is.
        self.others: dict[str, QLineEdit] = {}
        self.defaults = defaults
        self.catalog = catalog
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.program.currentIndexChanged.connect(self._name_roles)
        self.program.currentIndexChanged.connect(self._offer_editions)
        self.year.textChanged.connect(self._offer_editions)
        self._name_roles()
        self._offer_editions()
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
        declared = [r.id for r in template.roles]
        for role in declared:
            if role not in BUILT_IN_ROLES and role not in self.others:
                edit = self.others[role] = _line(self.defaults, role)
                edit.setMaxLength(MAX_NAME)
                self.form.insertRow(self._year_row, role, edit)
                self._year_row += 1
                label = self.form.labelForField(edit)
                if isinstance(label, QLabel):
                    label.setBuddy(edit)
        built_in = (("teacher", self.teacher), ("coach", self.coach), ("administrator", self.administrator))
        for role, widget in (*built_in, *self.others.items()):
            name = template.role_label(role) + ("'s name" if role == "teacher" else "")
            label = self.form.labelForField(widget)
            if isinstance(label, QLabel):  # every field has a text label
                label.setText(f"&{name}")
            widget.setAccessibleName(name)
            # The plan always has its teacher; other people only where the program names their role.
            self.form.setRowVisible(widget, role == "teacher" or role in declared)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes down the form in the order the rows are shown, the program's own roles included."""
        chain = [self.program, self.teacher, self.school, self.coach, self.administrator, *self.others.values()]
        for first, second in zip([*chain, self.year], [*chain[1:], self.year], strict=False):
            QWidget.setTabOrder(first, second)

    def _offer_editions(self) -> None:
        template = self.catalog.template(self.program.currentData() or "")
        found = families(template, self.catalog.resources) if template else []
        self.family = found[0] if found else ""
        self.edition.clear()
        for std in reversed(self.catalog.resources.editions(self.family) if self.family else []):
            self.edition.addItem(edition_label(std), std.edition)
        year = school_year(self.year.text()) or ""
        default = self.catalog.resources.default_edition(self.family, year) if self.family and year else ""
        self.edition.setCurrentIndex(max(0, self.edition.findData(default)))
        self.edition.setVisible(bool(found))
        label = self.form.labelForField(self.edition)
        if label is not None:
            label.setVisible(bool(found))

    def _validate(self) -> None:
        year = school_year(self.year.text())
        # Said in words beside the field (not by colour): why Create is not available yet.
        self.year_hint.setText("" if year else "⚠ The school year is written like 2026-2027.")
        self.year.setAccessibleDescription(self.year_hint.text())
        ok = bool(self.teacher.text().strip()) and year is not None and self.program.count() > 0
        ok = ok and not self.start.problem()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def result_plan(self, district: str = "") -> NewPlan:
        template = self.catalog.template(self.program.currentData() or "")
        declared = {r.id for r in template.roles} if template else set()
        return NewPlan(
            self.teacher.text().strip(),
            self.school.text().strip(),
            self.coach.text().strip() if "coach" in declared else "",  # a hidden row names nobody
            self.administrator.text().strip() if "administrator" in declared else "",
            self.program.currentData(),
            school_year(self.year.text()) or self.year.text().strip(),
            self.start.date() or self.start.opens_on(),  # never empty: a date needed keeps its last day
            district,
            {role: edit.text().strip() for role, edit in self.others.items() if role in declared},
            ((self.family, self.edition.currentData()),) if self.family else (),
        )


def _line(defaults: dict[str, str], name: str) -> QLineEdit:
    edit = QLineEdit(defaults.get(name, ""))
    edit.setObjectName(name)
    return edit
