"""Moving the data folder (to another drive, a synced folder) without risking a word.

The data file is copied with SQLite's online backup API, everything else
(attachments, backups, settings, local templates) file by file; the copy is
integrity-checked and must hold the same plans and answers before the old
folder is removed. Any failure removes the partial copy and leaves the old
folder exactly as it was.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from ilp_desktop.model.errors import UserError
from ilp_desktop.storage.database import integrity_problems
from ilp_desktop.storage.location import DATA_FILE, ensure_data_dir, secure

# Not copied as bytes: the live file and SQLite's companions (copied through the backup API instead),
# and the folder's write probe.
NOT_COPIED = {DATA_FILE, f"{DATA_FILE}-wal", f"{DATA_FILE}-shm", ".write-test", "previews"}
LOCK_SUFFIX = ".lock"


def _counts(path: Path) -> tuple[int, int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (
            con.execute("SELECT count(*) FROM plans").fetchone()[0],
            con.execute("SELECT count(*) FROM field_values").fetchone()[0],
        )
    finally:
        con.close()


def move_data(source: Path, target: Path) -> Path:
    """Move the data folder `source` to `target` (which must be empty or not exist yet); returns `target`."""
    source, target = source.resolve(), target.expanduser().resolve()
    if target == source or source in target.parents:
        raise UserError(f"choose a folder outside the current data folder {source}")
    if target.exists() and any(target.iterdir()):
        raise UserError(f"{target} is not empty; choose an empty or new folder so nothing there is overwritten")
    created = not target.exists()
    ensure_data_dir(target)
    try:
        for item in source.iterdir():
            if item.name in NOT_COPIED or item.name.endswith(LOCK_SUFFIX):
                continue
            if item.is_dir():
                shutil.copytree(item, target / item.name)
            else:
                shutil.copy2(item, target / item.name)
        src, dst = sqlite3.connect(source / DATA_FILE), sqlite3.connect(target / DATA_FILE)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        problems = integrity_problems(target / DATA_FILE)
        if problems or _counts(target / DATA_FILE) != _counts(source / DATA_FILE):
            raise UserError(f"the copy in {target} did not check out ({'; '.join(problems) or 'contents differ'})")
    except (OSError, sqlite3.Error, UserError) as exc:
        shutil.rmtree(target, ignore_errors=True) if created else _empty(target)
        detail = exc if isinstance(exc, UserError) else getattr(exc, "strerror", None) or exc
        raise UserError(f"the data could not be moved to {target}: {detail}. Nothing was changed.") from None
    shutil.rmtree(source, ignore_errors=True)  # only after the copy proved whole
    secure(target)  # an existing target folder kept its own mode; copies take the umask's
    return target


def _empty(folder: Path) -> None:
    for item in folder.iterdir():
        shutil.rmtree(item, ignore_errors=True) if item.is_dir() else item.unlink(missing_ok=True)
