"""Today, asked each time: a window left open overnight shows tomorrow's due dates tomorrow."""

from __future__ import annotations

import datetime as dt


class Clock:
    def __init__(self, fixed_today: dt.date | None = None) -> None:
        self._fixed = fixed_today  # tests and demos pin the day; saved times stay real

    def today(self) -> dt.date:
        return self._fixed or dt.date.today()

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)
