"""A plan's timeline: every date range and date it holds, and the program's due dates.

Generic over templates: each daterange or date field (also inside repeating
groups) becomes a bar or a point; each calendar item a milestone with its
state (done, due, overdue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ilp_desktop.model.calendar import DueItem
from ilp_desktop.model.template import Field, Template
from ilp_desktop.model.values import Values, group_count, item_key, parse_date, parse_range, satisfied

DATED = ("date", "daterange")


@dataclass(frozen=True)
class TimelineItem:
    label: str
    start: dt.date
    end: dt.date | None  # None: a single day (a date, a due date)
    key: str | None  # the answer to edit; None for the program's due dates
    state: str = ""  # for due dates: done, due, overdue
    week_of: dt.date | None = None  # a weekly check-in's first day (it can be marked done from the timeline)

    @property
    def last_day(self) -> dt.date:
        return self.end or self.start


def _dated(f: Field, key: str, label: str, values: Values) -> TimelineItem | None:
    if f.type == "daterange":
        start, end = parse_range(values.get(key))
        if start:
            return TimelineItem(label, start, end, key)
        if end:
            return TimelineItem(label, end, None, key)
    elif f.type == "date":
        day = parse_date(values.get(key))
        if day:
            return TimelineItem(label, day, None, key)
    return None


def _date_fields(template: Template, values: Values) -> Iterator[tuple[Field, str, str]]:
    """(field, answer key, label) of every date and date range the plan is asked, in repeating groups too."""
    for f in template.fields:
        if not satisfied(f.when, values):
            continue
        if f.type == "group":
            for i in range(1, group_count(values, f) + 1):
                for sub in f.fields:
                    if sub.type in DATED:
                        yield sub, item_key(f, i, sub), f"{f.item_label} {i} – {sub.label}"
        elif f.type in DATED:
            yield f, f.id, f.label


def plan_timeline(template: Template, values: Values, due: list[DueItem]) -> list[TimelineItem]:
    items = [item for f, key, label in _date_fields(template, values) if (item := _dated(f, key, label, values))]
    items += [TimelineItem(d.title, d.due, None, None, d.state, d.week_of) for d in due]
    return sorted(items, key=lambda i: (i.start, i.last_day))


def undated(template: Template, values: Values) -> list[tuple[str, str]]:
    """(label, answer key) of each date the plan asks for that has none yet: the timeline offers to add it."""
    return [(label, key) for f, key, label in _date_fields(template, values) if _dated(f, key, label, values) is None]
