"""Who fills each of a plan's roles (a new mentor, another site administrator), changed after the plan was
made: every change is recorded with the computer and the time, listed here, and travels with the plan."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QListWidget, QWidget

from ilp_desktop.app import plans
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.plan import PersonChange
from ilp_desktop.model.plan_rules import MAX_NAME
from ilp_desktop.ui.fit import Dialog


def describe_change(label: str, c: PersonChange) -> str:
    """'Mentor: Ana Ruiz → Bea Li, on the coach's laptop, 2026-09-14 10:42' (this computer's time of day)."""
    try:
        when = dt.datetime.fromisoformat(c.changed_at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        when = c.changed_at
    return f"{label}: {c.from_name or 'nobody'} → {c.name or 'nobody'}, on {c.changed_by}, {when}"


class PeopleDialog(Dialog):
    def __init__(self, ws: Workspace, plan_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.plan_id = ws, plan_id
        plan = ws.plan(plan_id)
        self.setWindowTitle(f"People of the plan of {plan.teacher_name or f'plan {plan_id}'}")
        form = self.scrolled_form()
        self.names: dict[str, QLineEdit] = {}
        self.labels = dict(plans.plan_roles(ws, plan_id))
        for role, label in self.labels.items():
            person = plan.person(role)
            edit = self.names[role] = QLineEdit(person.name if person else "")
            edit.setMaxLength(MAX_NAME)
            edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 36)  # a full name with its title shows
            edit.setAccessibleName(label)
            edit.setReadOnly(ws.read_only)
            form.addRow(f"{label}:", edit)
        note = QLabel(
            "A change is recorded with this computer's name and the time, and reaches the plan's other copies "
            "when they sync; printouts made from now on name the new people. Leave a line empty when nobody fills "
            "that role (the plan always has its teacher)."
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.record = QListWidget()
        self.record.setAccessibleName("Changes of people so far")
        self.record.setWordWrap(True)
        self.record.setMaximumHeight(self.record.fontMetrics().lineSpacing() * 8)  # the dialog stays short
        form.addRow(QLabel("Changes so far:"))
        form.addRow(self.record)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("problem")
        self.problem.hide()
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Close
            if ws.read_only
            else QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.column.addWidget(buttons)
        self._show_record()

    def _show_record(self) -> None:
        changes = plans.people_changes(self.ws, self.plan_id)
        self.record.clear()
        self.record.addItems(
            [describe_change(self.labels.get(c.role, c.role), c) for c in reversed(changes)] or ["None yet."]
        )

    def save(self) -> None:
        """Record what changed; a problem is said here and every line stays as typed."""
        try:
            plans.change_people(self.ws, self.plan_id, {role: e.text() for role, e in self.names.items()})
        except UserError as exc:
            self.problem.setText(f"⚠ Not saved: {exc}.")
            self.problem.show()
            return
        self.accept()
