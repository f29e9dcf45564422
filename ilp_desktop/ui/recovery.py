"""When the data file cannot be opened: say why in plain words, and offer a way on.

Choices: open the latest good backup (the damaged file is moved aside, never
overwritten or deleted), open the file read-only (when SQLite can still read
it), or choose another data folder. Also: one running copy per data folder.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ilp_desktop.model.errors import UserError
from ilp_desktop.storage.backups import latest_good_backup
from ilp_desktop.storage.location import DATA_FILE
from ilp_desktop.storage.store import Store

LOCK_FILE = "ilp-desktop.lock"


def single_instance_lock(folder: Path) -> QLockFile | None:
    """The lock held while this copy runs; None when another running copy holds it."""
    lock = QLockFile(str(folder / LOCK_FILE))
    lock.setStaleLockTime(0)  # a lock left by a crashed copy is recognised by its dead process, not its age
    return lock if lock.tryLock(200) else None


def restore_latest_backup(folder: Path, now: dt.datetime | None = None) -> Path:
    """Move the damaged file (and its WAL) aside and put the newest good backup in its place."""
    backup = latest_good_backup(folder)
    if backup is None:
        raise UserError("there is no good backup to restore")
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    kept = folder / f"ilp-desktop.damaged-{stamp}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        source = folder / f"{DATA_FILE}{suffix}"
        if source.exists():
            source.rename(Path(f"{kept}{suffix}"))
    shutil.copyfile(backup, folder / DATA_FILE)
    (folder / DATA_FILE).chmod(0o600)
    return kept


def open_data(folder: Path, parent: QWidget | None = None) -> Store | None:
    """Open the data folder, guiding the user through any problem; None when they give up."""
    while True:
        try:
            return Store.open(folder)
        except UserError as first_problem:
            problem = str(first_problem)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "ILP Desktop cannot open its data",
            f"{problem}\n\nNothing has been changed or deleted. What would you like to do?",
            parent=parent,
        )
        box.setObjectName("recovery")
        backup = box.addButton("Open the latest good &backup", QMessageBox.ButtonRole.AcceptRole)
        backup.setEnabled(latest_good_backup(folder) is not None)
        read_only = box.addButton("Open &read-only", QMessageBox.ButtonRole.ActionRole)
        read_only.setEnabled((folder / DATA_FILE).exists())
        other = box.addButton("Choose another &data folder…", QMessageBox.ButtonRole.ActionRole)
        box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        chosen = box.clickedButton()
        try:
            if chosen is backup:
                kept = restore_latest_backup(folder)
                QMessageBox.information(
                    parent,
                    "Backup restored",
                    f"The damaged file was kept as {kept.name}; the latest good backup is now your data file.",
                )
                continue
            if chosen is read_only:
                return Store.open(folder, read_only=True)
            if chosen is other:
                picked = QFileDialog.getExistingDirectory(parent, "Choose a data folder", str(folder.parent))
                if picked:
                    folder = Path(picked)
                continue
        except UserError as exc:
            QMessageBox.warning(parent, "Still not possible", str(exc))
            continue
        return None
