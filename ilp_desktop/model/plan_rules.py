"""What a plan's own details may be: a school year, a stage, a start date the calendar can work with.

The New ILP dialog, received plans and stored rows are all held to these rules. A stored plan that breaks
one anyway (an older version or a hand edit wrote it) is listed as needing attention, never stops the app.
"""

from __future__ import annotations

import datetime as dt
import re

from ilp_desktop.model.stages import stage_problem

FIRST_YEAR, LAST_YEAR = 1990, 2100  # school years the calendar computes (due dates run into the next year)
# "2026-2027", "2026–2027", "2026/27", "2026 - 27": the first year, a dash or slash, the next year in full or short.
_SCHOOL_YEAR = re.compile(r"^\s*(\d{4})\s*[-–—/]\s*(\d{2}|\d{4})\s*$")
MAX_NAME = 200  # characters in a person's or a school's name


def school_year(text: str) -> str | None:
    """The school year written the app's way ('2026-2027'), or None when the text is not one."""
    found = _SCHOOL_YEAR.match(text)
    if not found:
        return None
    first, second = int(found.group(1)), found.group(2)
    following = (
        int(second)
        if len(second) == 4
        else first // 100 * 100 + int(second) + (100 if int(second) < first % 100 else 0)
    )
    if following != first + 1 or not FIRST_YEAR <= first <= LAST_YEAR:
        return None
    return f"{first}-{first + 1}"


def start_date_problem(start: dt.date) -> str:
    if not dt.date(FIRST_YEAR, 1, 1) <= start <= dt.date(LAST_YEAR, 12, 31):
        return f"the start date {start.isoformat()} is not between {FIRST_YEAR} and {LAST_YEAR}"
    return ""


def plan_problems(year: str, stage: str, start: dt.date) -> list[str]:
    """Why a plan's details cannot be used as they are ([] when they can)."""
    problems = []
    if school_year(year) != year:
        problems.append(f"the school year '{year}' is not a school year such as 2026-2027")
    if problem := stage_problem(stage):
        problems.append(problem)
    if problem := start_date_problem(start):
        problems.append(problem)
    return problems
