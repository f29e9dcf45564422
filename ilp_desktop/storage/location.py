"""Where the data lives: one folder per user, owner-only, chosen by platformdirs."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from ilp_desktop import APP_NAME
from ilp_desktop.model.errors import UserError

ENV_VAR = "ILP_DESKTOP_DATA_DIR"
DATA_FILE = "ilp-desktop.sqlite3"


def default_data_dir() -> Path:
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


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
        raise UserError(f"cannot write to the data folder {folder}: {exc.strerror or exc}") from None
    return folder
