"""Due dates from a template's calendar, for one plan in one school year.

Fixed dates ("09-21") fall in the plan's school year, which runs from August
to July, so the same template rolls forward each year. Relative dates count
days from the plan's start or from another calendar item. A district calendar
file (model/district_calendar.py) can move any item to a set day for one
school year; items counted from it move with it.

An item is done at a stage, when a part is signed, when a field is answered,
when a group has enough items, or (journal items) when a journal entry is
dated in its month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_left
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from ilp_desktop.model.stages import reached, stage_id
from ilp_desktop.model.template import CalendarItem, DoneWhen, Template

SCHOOL_YEAR_FIRST_MONTH = 8


@dataclass(frozen=True)
class DueItem:
    id: str
    title: str
    due: dt.date
    done: bool
    today: dt.date
    week_of: dt.date | None = None  # a weekly check-in's first day: done by a journal note dated in its week

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


def school_date(month_day: tuple[int, int], school_year: str) -> dt.date:
    """The day of this school year with that month and day (the loader allows only days a month has)."""
    month, day = month_day
    first_year = school_year_start(school_year)
    year = first_year if month >= SCHOOL_YEAR_FIRST_MONTH else first_year + 1
    if (month, day) == (2, 29) and not calendar.isleap(year):
        day = 28  # "02-29" is the end of February, which in a common year is the 28th
    return dt.date(year, month, day)


def due_dates(
    template: Template, school_year: str, start: dt.date, moved: Mapping[str, dt.date] | None = None
) -> dict[str, dt.date]:
    """Each calendar item's date; `moved` gives the district calendar's days for this program and year."""
    by_id = {c.id: c for c in template.calendar}
    dates: dict[str, dt.date] = dict(moved or {})

    def resolve(item: CalendarItem) -> dt.date:
        # The loader has rejected cycles, so this recursion ends.
        if item.id not in dates:
            if item.month_day:
                dates[item.id] = school_date(item.month_day, school_year)
            elif item.after is None:
                raise AssertionError(f"calendar item {item.id} has no date and no after")  # the loader requires one
            else:
                base = start if item.after == "start" else resolve(by_id[item.after])
                dates[item.id] = base + dt.timedelta(days=item.days)
        return dates[item.id]

    for item in template.calendar:
        resolve(item)
    return dates


def met(done_when: DoneWhen, signed: Collection[str], answers: Mapping[str, str]) -> bool:
    """Whether the signature or the content a due date asks for is there."""
    if done_when.kind == "signed":
        return done_when.target in signed
    answer = answers.get(done_when.target, "").strip()
    if done_when.kind == "answered":
        return bool(answer)
    return answer.isdigit() and int(answer) >= done_when.count  # a group's answer is its item count


def content_keys(template: Template) -> set[str]:
    """The answers the calendar's items look at (to read no more of a plan than they need)."""
    return {c.done_when.target for c in template.calendar if c.done_when and c.done_when.kind != "signed"}


def plan_calendar(
    template: Template,
    school_year: str,
    start: dt.date,
    stage: str,
    journal_dates: list[dt.date],
    today: dt.date,
    dates: dict[str, dt.date] | None = None,
    signed: Collection[str] = (),
    answers: Mapping[str, str] | None = None,
) -> list[DueItem]:
    """Every calendar item of the plan with its date and whether it is done, in date order.

    `dates` may pass in due_dates() already worked out for plans that share a start and year; `signed` are the
    parts signed by all their roles, `answers` at least the content_keys().
    """
    dates = dates if dates is not None else due_dates(template, school_year, start)
    items = []
    for c in template.calendar:
        due = dates[c.id]
        if c.journal and due < start:
            continue  # a teacher who joins in September owes no August journal
        done = bool(c.done_at and reached(template.part_ids, stage, c.done_at))
        if c.done_when is not None:
            # A part counts as signed too when the plan's stage was set past it by hand (a recorded override).
            by_stage = c.done_when.kind == "signed" and reached(
                template.part_ids, stage, stage_id(template.part_ids, c.done_when.target, "signed")
            )
            done = by_stage or met(c.done_when, signed, answers or {})
        if c.journal:
            month_start = due.replace(day=1)
            done = any(month_start <= d <= due for d in journal_dates)
        if c.weekly_until is not None:
            items += weekly_check_ins(c.id, c.title, due, dates[c.weekly_until], journal_dates, today, done)
            continue
        items.append(DueItem(c.id, c.title, due, done, today))
    return sorted(items, key=lambda i: i.due)


def weekly_check_ins(
    item_id: str,
    title: str,
    first: dt.date,
    until: dt.date,
    journal_dates: list[dt.date],
    today: dt.date,
    closed: bool = False,
) -> list[DueItem]:
    """One check-in a week, due on `first` and every seven days after up to `until`; each is done when a journal
    note is dated in the seven days it closes (the coach's notes of that week's conversation), and all of them
    once the plan is `closed` (past the stage of the item's done_at: a finished plan is not chased for them)."""
    weeks = max(0, (until - first).days // 7) + 1
    notes = sorted(journal_dates)  # each week asks for the first note on or after its first day
    items = []
    for n in range(weeks):
        due = first + dt.timedelta(days=7 * n)
        week_of = due - dt.timedelta(days=6)
        at = bisect_left(notes, week_of)
        done = closed or (at < len(notes) and notes[at] <= due)
        items.append(DueItem(f"{item_id}-{n + 1}", f"{title} {n + 1} of {weeks}", due, done, today, week_of))
    return items


def next_due(items: list[DueItem]) -> DueItem | None:
    """The earliest item not yet done (overdue ones first, as they are earliest)."""
    return next((i for i in items if not i.done), None)
