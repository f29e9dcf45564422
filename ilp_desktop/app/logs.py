"""A log file in the data folder (logs/ilp-desktop.log, rotated), so a problem can be looked at afterwards.

Only what the app did and why something failed is logged, never what was typed into a plan.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_DIR = "logs"
LOG_FILE = "ilp-desktop.log"
MAX_BYTES = 1_000_000
KEEP = 3
_handler: logging.Handler | None = None


def log_file(folder: Path) -> Path:
    return folder / LOG_DIR / LOG_FILE


def start_logging(folder: Path) -> Path | None:
    """Log into this data folder from now on (again after the data moved); None when it cannot be written."""
    global _handler
    logger = logging.getLogger("ilp_desktop")
    logger.setLevel(logging.INFO)
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
        _handler = None
    path = log_file(folder)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
    except OSError:
        return None  # an unwritable log must never stop the app
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(_handler)
    return path
