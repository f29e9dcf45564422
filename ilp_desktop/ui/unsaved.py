"""Before printing, sending or quitting: what is typed must be on disk, or the user decides, knowingly."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ilp_desktop.app.editing import UnsavedChanges
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.ui.ask import Choice, ask, sentence


def wait_for_save(parent: QWidget | None, ws: Workspace, plan_id: int | None, doing: str, discard: str = "") -> bool:
    """True once everything typed is saved, or when the user chose `discard` (e.g. "Quit without them");
    False when they cancelled. `doing` names the action, e.g. "Printing"."""
    while True:
        try:
            ws.require_saved(plan_id)
            return True
        except UnsavedChanges as exc:
            problem = str(exc)
        choices = [Choice("&Try again", "retry", QMessageBox.ButtonRole.AcceptRole)]
        if discard:
            choices.append(Choice(discard, "discard", QMessageBox.ButtonRole.DestructiveRole))
        choices.append(Choice("Cancel", "cancel", QMessageBox.ButtonRole.RejectRole))
        answer = ask(
            parent,
            QMessageBox.Icon.Warning,
            "Not saved yet",
            f"{sentence(problem)}.\n\n{doing} now would leave out the latest text, which is still on screen. Free some "
            "space or close the program holding the file, then try again.",
            choices,
            "unsaved",
        )
        if answer != "retry":
            return answer == "discard"
