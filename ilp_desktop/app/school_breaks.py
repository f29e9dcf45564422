"""The district's school breaks entered in the app: checked as a whole, written into the data folder's calendar file,
and every open screen told (the hours ledgers, "Hours this week" and the roll-up read them)."""

from __future__ import annotations

from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.district_calendar import MAX_BREAKS, SchoolBreak, break_problem
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.plan_rules import MAX_NAME
from ilp_desktop.storage.calendar_file import write_school_breaks


def school_breaks(ws: Workspace, year: str) -> tuple[SchoolBreak, ...]:
    return ws.district_calendar.school_breaks.get(year, ())


def save_school_breaks(ws: Workspace, year: str, breaks: list[SchoolBreak]) -> None:
    """Every problem at once (nothing written while there is one); an unnamed break is called "Break n"."""
    named = [b if b.name.strip() else SchoolBreak(f"Break {n}", b.first, b.last) for n, b in enumerate(breaks, 1)]
    problems = []
    if len(named) > MAX_BREAKS:
        problems.append(f"at most {MAX_BREAKS} breaks in a school year")
    seen: set[str] = set()
    for b in named:
        name = b.name.strip()
        problem = break_problem(b.first, b.last, year)
        if len(name) > MAX_NAME:
            problem = f"its name is longer than {MAX_NAME} characters"
        elif name.casefold() in seen:
            problem = "another break has the same name"
        seen.add(name.casefold())
        if problem:
            problems.append(f"{name[:60]}: {problem}")
    if problems:
        raise UserError("; ".join(problems))
    cleaned = tuple(sorted((SchoolBreak(b.name.strip(), b.first, b.last) for b in named), key=lambda b: b.first))
    write_school_breaks(ws.store.folder, year, cleaned)
    ws.reload_district_calendar()
    ws.publish(Event(Change.PLANS))  # the plan list and Hours this week are read again …
    for plan in ws.plans():
        if ws.open_draft(plan.id) is not None:
            ws.publish(Event(Change.LOG, plan.id))  # … and an open plan's hours ledger
