"""Recording a wet-ink signature against the exact printed version that was signed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ilp_desktop.app.scan_back import ScannedPrint, keep_signed_copy
from ilp_desktop.app.signing import record_signature, signable_prints
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.ui.date_input import DateInput
from ilp_desktop.ui.fit import Dialog
from ilp_desktop.ui.form_parts import combo, labelled_rows


class SignDialog(Dialog):
    """Which printed version was signed, by whom and when; opened from a scan, on the version the scan's code
    names, and the scan is kept with the plan once the signature is recorded."""

    def __init__(self, ws: Workspace, plan_id: int, parent: QWidget | None = None, scanned: ScannedPrint | None = None):
        super().__init__(parent)
        self.ws, self.scanned = ws, scanned
        self.plan = ws.plan(plan_id)
        self.template = ws.template(self.plan)
        self.setWindowTitle("Record a signature")
        form = self.scrolled_form()
        self.prints = {r.id: r for r in signable_prints(ws, plan_id)}
        self.version = combo()
        for record in self.prints.values():
            printed = dt.datetime.fromisoformat(record.printed_at).astimezone().strftime("%Y-%m-%d %H:%M")
            self.version.addItem(
                f"{self.template.part(record.part).title} · printed {printed} · fingerprint {record.fingerprint}",
                record.id,
            )
        self.role = combo()
        self.name = QLineEdit()
        self.date = DateInput(optional=False, opens_on=ws.today)
        self.date.set_date(ws.today())
        intro = QLabel(
            "Choose the printed version that was signed (its fingerprint is in the footer of the paper)."
            if scanned is None
            else f"{scanned.scan.name} is page {scanned.code.page} of {scanned.code.pages} of the version below "
            f"(fingerprint {scanned.code.fingerprint}); the scan is kept with the plan as its signed copy."
        )
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
        self.column.addWidget(self.buttons)
        if scanned is not None:
            self.version.setCurrentIndex(self.version.findData(scanned.record.id))
        self.version.currentIndexChanged.connect(self._roles)
        self.role.currentIndexChanged.connect(self._name)
        self.name.textChanged.connect(self._validate)
        self.date.edit.textChanged.connect(self._validate)
        self._roles()

    def _roles(self) -> None:
        record = self.prints.get(self.version.currentData())
        self.role.clear()
        for role in self.template.part(record.part).signatures if record else ():
            self.role.addItem(self.template.role_label(role), role)
        self._name()

    def _name(self) -> None:
        person = self.plan.person(self.role.currentData() or "")
        self.name.setText(person.name if person else "")
        self._validate()

    def _validate(self) -> None:
        ok = self.version.count() > 0 and bool(self.name.text().strip()) and self.role.count() > 0
        ok = ok and not self.date.problem()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        try:
            record_signature(
                self.ws,
                self.version.currentData(),
                self.role.currentData(),
                self.name.text(),
                self.date.date() or self.date.opens_on(),  # never empty: a date needed keeps its last day
            )
        except UserError as exc:
            QMessageBox.warning(self, "Signature not recorded", str(exc))
            return
        if self.scanned is not None and self.version.currentData() == self.scanned.record.id:
            problems = keep_signed_copy(self.ws, self.scanned)
            if problems:
                QMessageBox.warning(self, "Scan not kept", "The signature is recorded; " + "; ".join(problems))
        super().accept()
