"""Opening the data file safely, and saying in plain words why it cannot be opened.

Durability choices: WAL so readers never block the autosave; synchronous=FULL
so every committed save is on disk before the UI shows "Saved" (a closed lid
or a power cut loses nothing acknowledged); foreign keys on; a busy timeout
so a brief lock by a backup waits instead of failing.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from ilp_desktop.model.errors import UserError
from ilp_desktop.storage import migrations

SQLITE_HEADER = b"SQLite format 3\x00"
# PRAGMA application_id of every ILP Desktop data file ("ILPD"): a database of another program is refused.
APPLICATION_ID = 0x494C5044
OUR_TABLES = {"people", "plans", "field_values", "field_history"}
QUICK_CHECK_MAX_BYTES = 256 << 20  # larger files are checked when they are backed up (every start, hourly)
BUSY_TIMEOUT_MS = 5000


class DataFileError(UserError):
    """The data file exists but cannot be used as it is; it is never modified."""


class DataFileLocked(DataFileError):
    """Another process holds the data file: healthy, to be tried again, never replaced by a backup."""


def _refuse_foreign_file(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DataFileError(f"cannot read the data file {path}: {exc.strerror or exc}") from None
    if header and header != SQLITE_HEADER:
        raise DataFileError(
            f"{path} is not an ILP Desktop data file (it is not an SQLite database); it was left untouched"
        )


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes. On a read-only medium (a locked USB stick, a share mounted read-only)
    SQLite cannot create the -shm file a WAL database is read through, so even reading fails; there nothing can
    change the file, and it is opened as immutable, unless changes wait in a -wal that would then be skipped."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    if os.access(path.parent, os.W_OK):
        return conn
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise DataFileError(
            f"the data folder {path.parent} cannot be written, and the latest changes are still in {wal.name}, "
            "which can only be read where it can be written: copy the folder to a place you can write to and open "
            "it there"
        )
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)


def _refuse_foreign_database(path: Path, check_damage: bool) -> None:
    """Refuse, untouched, an SQLite database that is not ours, a foreign -wal beside ours included.

    Read through a read-only connection: it never checkpoints a -wal into the file, so a file that is refused
    stays exactly as it was."""
    try:
        conn = connect_read_only(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            # A page damaged in the middle of the file reads fine until it is needed; look once at start
            # (quick_check: 42 ms for 12 MB, 5,000 plans) so it is restored from a backup, not written to.
            checked = check_damage and path.stat().st_size <= QUICK_CHECK_MAX_BYTES
            damage = [r[0] for r in conn.execute("PRAGMA quick_check(5)")] if checked else ["ok"]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _explain(path, exc) from None
    # Files written before the mark: ours when they hold our tables; a file with no table was never written.
    ours = app_id == APPLICATION_ID or (app_id == 0 and (not tables or (version >= 1 and tables >= OUR_TABLES)))
    if ours and damage == ["ok"]:
        return
    if ours:
        raise DataFileError(f"the data file {path} is damaged ({damage[0]}); it was left untouched – restore a backup")
    raise DataFileError(
        f"{path} is the database of another program (or has another program's -wal file beside it), not ILP "
        "Desktop's; it was left untouched. Move it away, or choose another data folder."
    )


def open_database(path: Path, read_only: bool = False, backups_exist: bool = False) -> Database:
    """Open (or create) the data file; anything foreign, empty or damaged is refused untouched.

    `backups_exist`: an empty (0-byte) file where backups exist was emptied (a sync program, a full disk), not
    new – starting afresh on it would rotate the good backups away."""
    size = path.stat().st_size if path.exists() else None
    if size == 0 and backups_exist:
        raise DataFileError(
            f"the data file {path} is empty (0 bytes) although backups of it exist: it may have been emptied by a "
            "sync program or a full disk. It was left untouched; restore the latest good backup."
        )
    existed = bool(size)
    if existed:
        _refuse_foreign_file(path)
        _refuse_foreign_database(path, check_damage=not read_only)
    elif read_only:
        raise DataFileError(f"there is no data file at {path}")
    try:
        if read_only:
            conn = connect_read_only(path)
        else:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise DataFileError(f"cannot open the data file {path}: {exc}") from None
    try:
        _configure(conn)
        # No sqlite-utils plugins: another package's hook would change how the data file's connection behaves,
        # and looking for them reads every installed package's metadata on each start.
        db = Database(conn, execute_plugins=False)
        found = migrations.version(db)
        if found > migrations.LATEST:
            raise DataFileError(
                f"{path} was written by a newer version of ILP Desktop (data version {found}; "
                f"this version reads up to {migrations.LATEST}); please update the app"
            )
        if read_only and found < migrations.LATEST:
            raise DataFileError(f"{path} needs upgrading and cannot be opened read-only")
        if not read_only:
            # Only now, with the file known to be ours, may its header change.
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
        if not existed:
            os.chmod(path, 0o600)  # personal information: owner-only
        migrations.migrate(db)
        if not read_only and conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        return db
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _explain(path, exc) from None
    except BaseException:
        conn.close()
        raise


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Reading the schema is the first thing that fails on a damaged file.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


def _explain(path: Path, exc: sqlite3.DatabaseError) -> DataFileError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DataFileLocked(
            f"the data file {path} is in use by another program (another copy of ILP Desktop, or a sync or backup "
            "program copying it). It is not damaged"
        )
    return DataFileError(_explain_text(path, exc, text))


def _explain_text(path: Path, exc: sqlite3.DatabaseError, text: str) -> str:
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"the data file {path} is damaged ({exc}); it was left untouched – restore a backup"
    if "readonly" in text or "read-only" in text:
        return f"the data file {path} cannot be written (read-only)"
    if "disk" in text and "full" in text:
        return f"the disk holding {path} is full; free some space and try again"
    return f"cannot use the data file {path}: {exc}"


def integrity_problems(path: Path) -> list[str]:
    """PRAGMA integrity_check of one file, opened read-only; [] means healthy. DataFileLocked when another
    program holds it: in use is not damaged."""
    try:
        _refuse_foreign_file(path)
        conn = connect_read_only(path)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        problem = _explain(path, exc)
        if isinstance(problem, DataFileLocked):
            raise problem from None
        return [str(problem)]
    except DataFileError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows
