"""Writing an output file so that the target name only ever holds a complete file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ilp_desktop.model.errors import UserError


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Write into a temporary file beside the target, flush it to disk, then rename it into place."""
    target = target.expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UserError(f"cannot write {target}: it is a folder")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except FileNotFoundError:
        raise UserError(f"cannot write {target}: the folder {folder} does not exist") from None
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        with temp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except OSError as exc:
        reason = "the disk is full" if getattr(exc, "errno", None) == 28 else (exc.strerror or str(exc))
        raise UserError(f"cannot write {target}: {reason}; nothing was written") from None
    finally:
        temp.unlink(missing_ok=True)
