"""When the data file cannot be opened: say why in plain words, and offer a way on.

Choices: open the latest good backup (the damaged file is moved aside, never
overwritten or deleted), open the file read-only (when SQLite can still read
it), or choose another data folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.data import FileInUse, FolderReadOnly, has_data_file, has_good_backup, restore_latest_backup
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.ui.ask import Choice, ask, sentence


def _wait_for(locked: FileInUse, parent: QWidget | None) -> str:
    """A file in use is healthy: 'retry', 'read_only' or 'quit' – never replace it with a backup."""
    return ask(
        parent,
        QMessageBox.Icon.Information,
        "The data file is in use",
        f"{sentence(str(locked))}.\n\nClose the other program (or wait for the copy to finish), then try again. "
        "Nothing has been changed.",
        (
            Choice("&Try again", "retry", QMessageBox.ButtonRole.AcceptRole),
            Choice("Open &read-only", "read_only"),
            Choice("&Quit", "quit", QMessageBox.ButtonRole.RejectRole),
        ),
        "fileInUse",
    )


def _read_only_folder(problem: FolderReadOnly, parent: QWidget | None) -> str:
    """Nothing is wrong with the plans: they can be read and printed, not changed, until the folder can be
    written again. 'read_only' or 'quit'."""
    return ask(
        parent,
        QMessageBox.Icon.Information,
        "The data folder is read-only",
        f"{sentence(str(problem))}.\n\nOpened read-only, every plan can be read, printed and sent; changes need "
        "the folder to be writable (or a copy of it somewhere you can write). Nothing has been changed.",
        (
            Choice("Open &read-only", "read_only", QMessageBox.ButtonRole.AcceptRole),
            Choice("&Quit", "quit", QMessageBox.ButtonRole.RejectRole),
        ),
        "readOnlyFolder",
    )


def open_data(folder: Path, parent: QWidget | None = None, clock: Clock | None = None) -> Workspace | None:
    """Open the data folder, guiding the user through any problem; None when they give up."""
    while True:
        try:
            return Workspace.open(folder, clock=clock)
        except FolderReadOnly as read_only:
            if _read_only_folder(read_only, parent) == "read_only":
                try:
                    return Workspace.open(folder, read_only=True, clock=clock)
                except UserError as exc:
                    QMessageBox.warning(parent, "Still not possible", str(exc))
                    continue
            return None
        except FileInUse as locked:
            choice = _wait_for(locked, parent)
            if choice == "quit":
                return None
            if choice == "read_only":
                try:
                    return Workspace.open(folder, read_only=True, clock=clock)
                except UserError as exc:
                    QMessageBox.warning(parent, "Still not possible", str(exc))
            continue
        except UserError as first_problem:
            problem = str(first_problem)
        chosen = ask(
            parent,
            QMessageBox.Icon.Warning,
            "ILP Desktop cannot open its data",
            f"{problem}\n\nNothing has been changed or deleted. What would you like to do?",
            (
                Choice(
                    "Open the latest good &backup", "backup", QMessageBox.ButtonRole.AcceptRole, has_good_backup(folder)
                ),
                Choice("Open &read-only", "read_only", enabled=has_data_file(folder)),
                Choice("Choose another &data folder…", "other"),
                Choice("&Quit", "quit", QMessageBox.ButtonRole.RejectRole),
            ),
            "recovery",
        )
        try:
            if chosen == "backup":
                kept = restore_latest_backup(folder)
                QMessageBox.information(
                    parent,
                    "Backup restored",
                    f"The damaged file was kept as {kept.name}; the latest good backup is now your data file.",
                )
                continue
            if chosen == "read_only":
                return Workspace.open(folder, read_only=True, clock=clock)
            if chosen == "other":
                picked = QFileDialog.getExistingDirectory(parent, "Choose a data folder", str(folder.parent))
                if picked:
                    folder = Path(picked)
                continue
        except UserError as exc:
            QMessageBox.warning(parent, "Still not possible", str(exc))
            continue
        return None
