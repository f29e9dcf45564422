"""Where the data lives: one folder per user, owner-only, chosen by platformdirs.

The user may choose another folder (a synced or external drive); that choice is
kept in a one-line pointer file in the platform's config folder, because the
data folder itself cannot say where it is.
"""

from __future__ import annotations

import configparser
import contextlib
import errno
import os
from pathlib import Path

import platformdirs

from ilp_desktop import APP_NAME
from ilp_desktop.model.errors import UserError

ENV_VAR = "ILP_DESKTOP_DATA_DIR"
DATA_FILE = "ilp-desktop.sqlite3"


POINTER_FILE = "location.ini"


def pointer_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / POINTER_FILE


def default_data_dir() -> Path:
    """ILP_DESKTOP_DATA_DIR, else the folder the user chose, else the platform's data folder."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    chosen = configparser.ConfigParser(interpolation=None)
    # A damaged pointer must not stop the app: the platform folder still works.
    with contextlib.suppress(OSError, configparser.Error, UnicodeDecodeError):
        chosen.read(pointer_file(), encoding="utf-8")
    folder = chosen.get("data", "folder", fallback="").strip()
    return Path(folder) if folder else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def remember_data_dir(folder: Path) -> None:
    """Start from `folder` next time (written whole, then renamed: a crash leaves the old pointer)."""
    pointer = pointer_file()
    pointer.parent.mkdir(parents=True, exist_ok=True)
    chosen = configparser.ConfigParser(interpolation=None)
    chosen["data"] = {"folder": str(folder)}
    partial = pointer.with_suffix(".partial")
    with open(partial, "w", encoding="utf-8") as out:
        chosen.write(out)
    os.replace(partial, pointer)


def secure(folder: Path) -> None:
    """Owner-only again (plans hold personal information): the folder 0700, the data file and its -wal/-shm
    0600. A copy, a sync program or a read-only session can leave them readable by others, or read-only."""
    targets = [(folder, 0o700)] + [(folder / f"{DATA_FILE}{suffix}", 0o600) for suffix in ("", "-wal", "-shm")]
    for path, mode in targets:
        try:
            if path.exists() and (path.stat().st_mode & 0o777) != mode:
                os.chmod(path, mode)
        except OSError:
            pass  # not ours to change (another owner, a read-only medium): opening says what is wrong


def ensure_data_dir(folder: Path) -> Path:
    """Create the folder (owner-only: plans hold personal information) or explain why not."""
    if folder.exists() and not folder.is_dir():
        raise UserError(f"the data folder {folder} is a file, not a folder")
    try:
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
            os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and folder.is_dir():
            raise FolderReadOnly(
                f"the data folder {folder} cannot be written ({exc.strerror}): it is on a read-only medium or "
                "belongs to someone else. The plans can be opened read-only"
            ) from None
        raise UserError(f"cannot write to the data folder {folder}: {exc.strerror or exc}") from None
    return folder


class FolderReadOnly(UserError):
    """The data folder exists and can perhaps be read, but nothing can be written there."""
