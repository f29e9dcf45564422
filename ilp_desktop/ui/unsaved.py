"""Before printing, sending or quitting: what is typed must be on disk, or the user decides, knowingly."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ilp_desktop.app.editing import UnsavedChanges
from ilp_desktop.app.workspace import Workspace


def wait_for_save(parent: QWidget | None, ws: Workspace, plan_id: int | None, doing: str, discard: str = "") -> bool:
    """True once everything typed is saved, or when the user chose `discard` (e.g. "Quit without them");
    False when they cancelled. `doing` names the action, e.g. "Printing"."""
    while True:
        try:
            ws.require_saved(plan_id)
            return True
        except UnsavedChanges as exc:
            problem = str(exc)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Not saved yet",
            f"{problem[:1].upper()}{problem[1:]}.\n\n{doing} now would leave out the latest text, which is still on "
            "screen. Free some space or close the program holding the file, then try again.",
            parent=parent,
        )
        box.setObjectName("unsaved")
        retry = box.addButton("&Try again", QMessageBox.ButtonRole.AcceptRole)
        lose = box.addButton(discard, QMessageBox.ButtonRole.DestructiveRole) if discard else None
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(retry)
        box.exec()
        if lose is not None and box.clickedButton() is lose:
            return True
        if box.clickedButton() is not retry:
            return False
