"""How many backups to keep and how often to take one while editing (settings `backup/…`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BackupPolicy:
    keep_recent: int = 10
    keep_weekly: int = 8
    every: dt.timedelta = dt.timedelta(hours=1)

    @classmethod
    def from_settings(cls, read: Callable[[str, object], object]) -> BackupPolicy:
        """From settings (`backup/keep_recent`, `backup/keep_weekly`, `backup/every_minutes`); bad values fall
        back to the defaults rather than stop backups."""

        def number(key: str, default: int, low: int) -> int:
            value = read(key, default)
            try:
                return max(low, int(value)) if isinstance(value, int | float | str) else default
            except ValueError:
                return default

        return cls(
            number("backup/keep_recent", cls.keep_recent, 1),
            number("backup/keep_weekly", cls.keep_weekly, 0),
            dt.timedelta(minutes=number("backup/every_minutes", 60, 5)),
        )
