"""A district's own due dates for one school year, kept beside the data file instead of in the template.

Districts announce some dates each year (the November Milestone falls on a different day each year). The file
`calendar.toml` in the data folder moves a program's calendar items to set days:

    ["district-leadership-plan"."2026-2027"]
    milestone = "2026-11-18"

Each table is a program id and a school year; each key a calendar item id with its ISO date, which must fall in
that school year. Items counted from a moved item (after = "milestone") move with it. A problem in the file is
reported and that line is left out; the template's own dates then stand.

The district's school breaks, first and last day, for every program: a week (or month) with no school day outside
a break does not count toward the support-hours average, and no one is chased for hours in it.

    [breaks."2026-2027"]
    winter = ["2026-12-21", "2027-01-01"]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ilp_desktop.model.calendar import SCHOOL_YEAR_FIRST_MONTH, school_year_start
from ilp_desktop.model.errors import TemplateError
from ilp_desktop.model.plan_rules import school_year
from ilp_desktop.model.template import Template
from ilp_desktop.model.tomlfile import Reader, read_toml

FILE_NAME = "calendar.toml"
BREAKS = "breaks"  # the table of school breaks (not a program id)
MAX_BREAKS = 60  # in one school year; a district has a dozen, and each is checked for every week of every plan


@dataclass(frozen=True)
class SchoolBreak:
    name: str
    first: dt.date
    last: dt.date  # the last day off, inclusive


@dataclass
class DistrictCalendar:
    dates: dict[tuple[str, str], dict[str, dt.date]] = field(default_factory=dict)  # (program, year) → item → day
    problems: list[str] = field(default_factory=list)
    school_breaks: dict[str, tuple[SchoolBreak, ...]] = field(default_factory=dict)  # school year → its breaks

    @property
    def breaks(self) -> tuple[tuple[dt.date, dt.date], ...]:
        """First and last day of every school break, in date order."""
        return tuple(sorted((b.first, b.last) for year in self.school_breaks.values() for b in year))

    def moved(self, program: str, year: str) -> dict[str, dt.date]:
        return self.dates.get((program, year), {})


def _in_year(day: dt.date, year: str) -> bool:
    first = school_year_start(year)
    return dt.date(first, SCHOOL_YEAR_FIRST_MONTH, 1) <= day < dt.date(first + 1, SCHOOL_YEAR_FIRST_MONTH, 1)


def load_district_calendar(folder: Path, templates: dict[str, Template]) -> DistrictCalendar:
    """The data folder's calendar file (none: nothing moved), with every problem in it at once."""
    found = DistrictCalendar()
    path = folder / FILE_NAME
    if not path.is_file():
        return found
    try:
        r = read_toml(path)
    except TemplateError as exc:
        found.problems.append(str(exc))
        return found
    for program in r.data:
        if program == BREAKS:
            found.school_breaks = _breaks(r, found)
            continue
        template = templates.get(program)
        years = _table(r, program, found) if template else None
        if template is None:
            found.problems.append(str(r.fail(program, "is not an installed program")))
        if template is None or years is None:
            continue
        items = {c.id for c in template.calendar}
        for year in years.data:
            days = _table(years, year, found) if school_year(year) == year else None
            if school_year(year) != year:
                found.problems.append(str(years.fail(year, "is not a school year such as 2026-2027")))
            if days is None:
                continue
            for item, value in days.data.items():
                day, problem = _day(value, item, items, year)
                if day is None:
                    found.problems.append(str(days.fail(item, problem)))
                else:
                    found.dates.setdefault((program, year), {})[item] = day
    return found


def _breaks(r: Reader, found: DistrictCalendar) -> dict[str, tuple[SchoolBreak, ...]]:
    """Every break that can be read, each year's table and each break on its own (a problem leaves out only it)."""
    years = _table(r, BREAKS, found)
    out: dict[str, tuple[SchoolBreak, ...]] = {}
    for year in years.data if years else ():
        assert years is not None
        if school_year(year) != year:
            found.problems.append(str(years.fail(year, "is not a school year such as 2026-2027")))
            continue
        breaks = _table(years, year, found)
        if breaks is None:
            continue
        if len(breaks.data) > MAX_BREAKS:
            found.problems.append(
                str(years.fail(year, f"has more than {MAX_BREAKS} breaks; the first {MAX_BREAKS} are used"))
            )
        good = []
        for name, value in list(breaks.data.items())[:MAX_BREAKS]:
            days = [_date(v) for v in value] if isinstance(value, list) else []
            first, last = days if len(days) == 2 else (None, None)
            problem = break_problem(first, last, year)
            if problem or first is None or last is None:
                found.problems.append(str(breaks.fail(name, problem)))
            else:
                good.append(SchoolBreak(name, first, last))
        out[year] = tuple(sorted(good, key=lambda b: b.first))
    return out


def break_problem(first: dt.date | None, last: dt.date | None, year: str) -> str:
    """Why a break's days cannot stand ("" when they can)."""
    if first is None or last is None:
        first_year = school_year_start(year)
        return f'must be two dates, its first and last day, such as ["{first_year}-12-21", "{first_year + 1}-01-01"]'
    if last < first:
        return f"ends before it begins ({last.isoformat()} is before {first.isoformat()})"
    if not (_in_year(first, year) and _in_year(last, year)):
        return f"is not in the school year {year}"
    return ""


def _date(value: object) -> dt.date | None:
    """An ISO date written as TOML's date or as text (None: neither)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _table(r: Reader, key: str, found: DistrictCalendar) -> Reader | None:
    """The table under `key`, or None with the problem noted (the rest of the file still counts)."""
    try:
        return r.table(key)
    except TemplateError as exc:
        found.problems.append(str(exc))
        return None


def _day(value: object, item: str, items: set[str], year: str) -> tuple[dt.date | None, str]:
    """The day an item moves to, or why it cannot."""
    if item not in items:
        return None, f"is not a calendar item of this program: {', '.join(sorted(items))}"
    day = _date(value)
    if day is None:
        return None, f'must be a date such as "{school_year_start(year)}-11-18", not {value!r:.40}'
    if not _in_year(day, year):
        return None, f"{day.isoformat()} is not in the school year {year}"
    return day, ""
