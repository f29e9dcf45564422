"""The data folder as a whole: opening it (or saying why not), backups, moving it, sample plans, checks."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import BaseFileLock, FileLock, Timeout

from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.storage import relocation
from ilp_desktop.storage.backups import backup_files, latest_good_backup
from ilp_desktop.storage.database import DataFileLocked as FileInUse
from ilp_desktop.storage.database import integrity_problems
from ilp_desktop.storage.location import DATA_FILE, FolderReadOnly, default_data_dir, ensure_data_dir, remember_data_dir

__all__ = ["FileInUse", "FolderReadOnly", "default_data_dir", "ensure_data_dir"]
log = logging.getLogger(__name__)


LOCK_FILE = "ilp-desktop.lock"
PREVIEW_DIR = "previews"


def clear_previews(folder: Path) -> None:
    """Previews of an earlier run (one that crashed, or was killed) are gone at the next start."""
    for old in (folder / PREVIEW_DIR).glob("*.pdf"):
        old.unlink(missing_ok=True)


def lock_folder(folder: Path) -> BaseFileLock | None:
    """The one-writer lock of a data folder, held while the window is open or a command writes; None when
    another process holds it. The operating system lets go of it when its process ends, crashed or not."""
    lock = FileLock(folder / LOCK_FILE, timeout=0.2)
    try:
        lock.acquire()
    except Timeout:
        return None
    return lock


@contextmanager
def writing_to(folder: Path) -> Iterator[None]:
    """Hold the folder's lock for a command that writes, or say why it cannot."""
    ensure_data_dir(folder)
    lock = lock_folder(folder)
    if lock is None:
        raise UserError(
            f"ILP Desktop is open on {folder}; close it first, or do this in the app (e.g. File → Receive a plan), "
            "so the window and this command do not overwrite each other's changes"
        )
    try:
        yield
    finally:
        lock.release()


def has_data_file(folder: Path) -> bool:
    return (folder / DATA_FILE).exists()


def has_good_backup(folder: Path) -> bool:
    return latest_good_backup(folder) is not None


def restore_latest_backup(folder: Path, now: dt.datetime | None = None) -> Path:
    """Move the damaged file (and its WAL) aside and put the newest good backup in its place; where the damaged
    file was kept."""
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
    log.warning("restored %s after keeping the damaged file as %s", backup.name, kept.name)
    return kept


def back_up(ws: Workspace) -> Path:
    """A fresh copy now (every start), rotated by the backup policy."""
    return ws.store.backup(ws.backup_policy)


def move_data(ws: Workspace, target: Path) -> Path:
    """Copy everything to an empty folder, verify, remove the old one, remember the new place.

    The workspace is closed afterwards (the caller reopens from the returned folder); if the move fails,
    nothing changed and the workspace is open again on the old folder.
    """
    ws.require_saved()
    old = ws.folder
    ws.close()
    try:
        moved = relocation.move_data(old, target)
    except UserError:
        ws.reopen()
        raise
    remember_data_dir(moved)
    log.info("data moved to %s", moved)
    return moved


def load_samples(ws: Workspace) -> int:
    """Add the sample plans not here yet; how many were added."""
    from ilp_desktop.samples import load_samples as add_samples

    added = add_samples(ws.store, ws.catalog, ws.today())
    if added:
        ws.publish(Event(Change.PLANS))
    return added


def check_files(folder: Path) -> list[tuple[Path, str, str]]:
    """SQLite's integrity check of the data file and every backup, each (file, state, what is wrong)."""
    files = [f for f in [folder / DATA_FILE, *backup_files(folder)] if f.exists()]
    if not files:
        raise UserError(f"there is no data file in {folder}")
    return [_checked(f) for f in files]


def _checked(path: Path) -> tuple[Path, str, str]:
    """(file, 'ok' | 'in use' | 'DAMAGED', what is wrong)."""
    try:
        problems = integrity_problems(path)
    except FileInUse as exc:
        return path, "in use", str(exc)
    return (path, "DAMAGED", problems[0]) if problems else (path, "ok", "")
