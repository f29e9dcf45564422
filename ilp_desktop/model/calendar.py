"""Due dates from a template's calendar, for one plan in one school year.

Fixed dates ("09-21") fall in the plan's school year, which runs from August
to July, so the same template rolls forward each year. Relative dates count
days from the plan's start or from another calendar item.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ilp_desktop.model.stages import reached
from ilp_desktop.model.template import CalendarItem, Template

SCHOOL_YEAR_FIRST_MONTH = 8


@dataclass(frozen=True)
class DueItem:
    id: str
    title: str
    due: dt.date
    done: bool
    today: dt.date

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days

    @property
    def state(self) -> str:
        if self.done:
            return "done"
        return "overdue" if self.days_left < 0 else "due"

    def describe(self) -> str:
        """The state in words, so it never rests on colour alone."""
        if self.done:
            return "Done"
        n = abs(self.days_left)
        if self.days_left < 0:
            return f"Overdue by {n} day{'s' if n != 1 else ''}"
        return "Due today" if n == 0 else f"Due in {n} day{'s' if n != 1 else ''}"


def school_year_start(school_year: str) -> int:
    """'2026-2027' → 2026; a bare '2026' is taken as its first calendar year."""
    return int(school_year.split("-")[0])


def current_school_year(today: dt.date) -> str:
    first = today.year if today.month >= SCHOOL_YEAR_FIRST_MONTH else today.year - 1
    return f"{first}-{first + 1}"


def _fixed_date(item: CalendarItem, first_year: int) -> dt.date:
    if item.month_day is None:
        raise AssertionError(f"calendar item {item.id} has no fixed date")
    month, day = item.month_day
    year = first_year if month >= SCHOOL_YEAR_FIRST_MONTH else first_year + 1
    # "02-29" in a common year, or "09-31", falls back to the month's last day.
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def due_dates(template: Template, school_year: str, start: dt.date) -> dict[str, dt.date]:
    first_year = school_year_start(school_year)
    by_id = {c.id: c for c in template.calendar}
    dates: dict[str, dt.date] = {}

    def resolve(item: CalendarItem) -> dt.date:
        # The loader has rejected cycles, so this recursion ends.
        if item.id not in dates:
            if item.month_day:
                dates[item.id] = _fixed_date(item, first_year)
            elif item.after is None:
                raise AssertionError(f"calendar item {item.id} has no date and no after")  # the loader requires one
            else:
                base = start if item.after == "start" else resolve(by_id[item.after])
                dates[item.id] = base + dt.timedelta(days=item.days)
        return dates[item.id]

    for item in template.calendar:
        resolve(item)
    return dates


def plan_calendar(
    template: Template,
    school_year: str,
    start: dt.date,
    stage: str,
    journal_dates: list[dt.date],
    today: dt.date,
    dates: dict[str, dt.date] | None = None,
) -> list[DueItem]:
    """Every calendar item of the plan with its date and whether it is done, in date order.

    `dates` may pass in due_dates() already worked out for plans that share a start and year.
    """
    dates = dates if dates is not None else due_dates(template, school_year, start)
    items = []
    for c in template.calendar:
        due = dates[c.id]
        if c.journal and due < start:
            continue  # a teacher who joins in September owes no August journal
        done = bool(c.done_at and reached(stage, c.done_at))
        if c.journal:
            month_start = due.replace(day=1)
            done = any(month_start <= d <= due for d in journal_dates)
        items.append(DueItem(c.id, c.title, due, done, today))
    return sorted(items, key=lambda i: i.due)


def next_due(items: list[DueItem]) -> DueItem | None:
    """The earliest item not yet done (overdue ones first, as they are earliest)."""
    return next((i for i in items if not i.done), None)
