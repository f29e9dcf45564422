"""Recording a wet-ink signature against the exact printed version that was signed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from ilp_desktop.model.plan import Plan
from ilp_desktop.model.template import Template
from ilp_desktop.storage.store import Store
from ilp_desktop.ui.form_parts import labelled_rows


class SignDialog(QDialog):
    def __init__(self, store: Store, template: Template, plan: Plan, today: dt.date, parent=None):
        super().__init__(parent)
        self.store, self.template, self.plan = store, template, plan
        self.setWindowTitle("Record a signature")
        form = QFormLayout(self)
        parts = {p.id: p for p in template.parts}
        self.version = QComboBox()
        for record in reversed(store.print_records(plan.id)):
            if record["part"] in parts:
                printed = dt.datetime.fromisoformat(record["printed_at"]).astimezone().strftime("%Y-%m-%d %H:%M")
                self.version.addItem(
                    f"{parts[record['part']].title} · printed {printed} · fingerprint {record['fingerprint']}",
                    record["id"],
                )
        self.role = QComboBox()
        self.name = QLineEdit()
        self.date = QDateEdit(QDate(today))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        intro = QLabel("Choose the printed version that was signed (its fingerprint is in the footer of the paper).")
        intro.setWordWrap(True)
        form.addRow(intro)
        labelled_rows(
            form,
            (("Printed &version", self.version), ("Signed &as", self.role), ("&Name", self.name), ("&Date", self.date)),
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record signature")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.version.currentIndexChanged.connect(self._roles)
        self.role.currentIndexChanged.connect(self._name)
        self.name.textChanged.connect(self._validate)
        self._roles()

    def _part(self):
        record_id = self.version.currentData()
        record = next((r for r in self.store.print_records(self.plan.id) if r["id"] == record_id), None)
        return self.template.part(record["part"]) if record else None

    def _roles(self) -> None:
        part = self._part()
        self.role.clear()
        for role in part.signatures if part else ():
            self.role.addItem(self.template.role_label(role), role)
        self._name()

    def _name(self) -> None:
        person = self.plan.person(self.role.currentData() or "")
        self.name.setText(person.name if person else "")
        self._validate()

    def _validate(self) -> None:
        ok = self.version.count() > 0 and bool(self.name.text().strip()) and self.role.count() > 0
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def record(self) -> str:
        """Store the signature; returns the part it was given on."""
        self.store.record_signature(
            self.version.currentData(), self.role.currentData(), self.name.text().strip(), self.date.date().toPython()
        )
        return self._part().id
