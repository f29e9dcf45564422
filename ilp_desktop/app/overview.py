"""Plans at a glance: one line per plan with its next due item, and a coach's week across all plans.

The plan list, `ilp-desktop plans`, and the week view share these; they read
everything in a few bulk queries so thousands of plans list quickly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ilp_desktop.app.program_year import clock_due
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.calendar import DueItem, content_keys, due_dates, next_due, plan_calendar
from ilp_desktop.model.catalog import Catalog
from ilp_desktop.model.lifecycle import phase, signature_pairs, signed_parts, stage_rank, unknown_stage
from ilp_desktop.model.plan import Plan
from ilp_desktop.model.resources import ResourceSet
from ilp_desktop.model.template import Template
from ilp_desktop.model.values import display

WEEK_DAYS = 7


@dataclass(frozen=True)
class PlanRow:
    plan: Plan
    program_title: str
    next_due: DueItem | None
    stage_label: str  # in the program's own words
    details: str = ""  # the program's own list fields, e.g. "Year Two (goals for CSTP 3, 4 and 5)"
    phase: str = ""  # the stage in words every program shares (model/lifecycle.py PHASES)
    stage_rank: int = 0  # how far along, comparable across programs

    def as_json(self) -> dict[str, Any]:
        due = self.next_due
        return {
            "id": self.plan.id,
            "uid": self.plan.uid,
            "teacher": self.plan.teacher_name,
            "school": self.plan.school,
            "program": self.plan.program,
            "program_title": self.program_title,
            "school_year": self.plan.school_year,
            "status": self.plan.stage,
            "status_label": self.stage_label,
            "phase": self.phase,
            "details": self.details,
            "problems": list(self.plan.problems),
            "next_due": None
            if due is None
            else {
                "title": due.title,
                "date": due.due.isoformat(),
                "days_left": due.days_left,
                "state": due.state,
                "text": due.describe(),
            },
        }


def _calendars(ws: Workspace, today: dt.date) -> Iterator[tuple[Plan, Template | None, list[DueItem]]]:
    store, catalog = ws.store, ws.catalog
    # Journal dates matter only to programs with journal due dates; skip reading them otherwise.
    needs_journal = any(c.journal for t in catalog.templates.values() for c in t.calendar)
    journal_dates = store.journal_dates() if needs_journal else {}
    year_dates, first_signed = store.year_dates(), store.first_signatures()
    # Likewise signatures and answers, only for programs whose due dates are met by them.
    needs_signatures = any(c.done_when for t in catalog.templates.values() for c in t.calendar)
    signed = store.signed_roles() if needs_signatures else {}
    answers = store.answers({k for t in catalog.templates.values() for k in content_keys(t)})
    shared: dict[tuple[str, str, dt.date], dict[str, dt.date]] = {}  # a cohort shares its program, year and start date
    for plan in store.plans():
        template = catalog.template(plan.program)
        if template is not None and (problem := unknown_stage(template, plan.stage)):
            plan = dataclasses.replace(plan, problems=(*plan.problems, problem))
        if template is None or plan.problems:  # listed, needing attention; no calendar to compute
            yield plan, template, []
            continue
        cohort = (plan.program, plan.school_year, plan.start_date)
        if cohort not in shared:
            moved = ws.district_calendar.moved(plan.program, plan.school_year)
            shared[cohort] = due_dates(template, plan.school_year, plan.start_date, moved)
        items = plan_calendar(
            template,
            plan.school_year,
            plan.start_date,
            plan.stage,
            journal_dates.get(plan.id, []),
            today,
            shared[cohort],
            signed_parts(template, signed.get(plan.id, ())),
            answers.get(plan.id, {}),
        )
        dates = year_dates.get(plan.id)
        if dates is not None:  # the CTC clocks count down beside the program's own dates
            goals = first_signed.get((plan.id, template.year.goals_part))
            items = sorted([*items, *clock_due(template.year, dates, today, goals)], key=lambda i: i.due)
        yield plan, template, items


def plan_due(ws: Workspace, plan_id: int) -> list[DueItem]:
    """One plan's calendar as typed (an open plan's draft), with the district's days for its year."""
    plan = ws.plan(plan_id)
    if plan.problems:  # no calendar for a school year or start date it cannot read (the list says why)
        return []
    template = ws.template(plan)
    moved = ws.district_calendar.moved(plan.program, plan.school_year)
    return plan_calendar(
        template,
        plan.school_year,
        plan.start_date,
        plan.stage,
        ws.journal_dates(plan.id),
        ws.today(),
        due_dates(template, plan.school_year, plan.start_date, moved),
        signed_parts(template, signature_pairs(ws.signatures(plan.id))),
        ws.values(plan.id),
    )


def overview(ws: Workspace) -> tuple[list[PlanRow], list[tuple[Plan, DueItem]]]:
    """One line per plan, and the coach's week: everything not done that is overdue or due within
    the coming week, soonest first – both from one pass over the plans."""
    today, catalog = ws.today(), ws.catalog
    horizon = today + dt.timedelta(days=WEEK_DAYS)
    rows, week = [], []
    answers = ws.store.answers({k for t in catalog.templates.values() for k in t.list_fields})
    for plan, t, items in _calendars(ws, today):
        rows.append(
            PlanRow(
                plan,
                (t.subtitle or t.title) if t else _missing_program(catalog, plan.program),
                next_due(items),
                t.stage_label(plan.stage) if t else plan.stage,
                _details(t, catalog.resources.for_plan(plan.edition_of), answers.get(plan.id, {})) if t else "",
                phase(t, plan.stage) if t else "",
                stage_rank(t, plan.stage) if t else 0,
            )
        )
        week += [(plan, item) for item in items if not item.done and item.due <= horizon]
    return rows, sorted(week, key=lambda pair: (pair[1].due, pair[0].teacher_name))


def _missing_program(catalog: Catalog, program: str) -> str:
    broken = catalog.broken(program)
    return f"{program} (program file has a problem: {broken})" if broken else f"{program} (program not installed)"


def _details(template: Template, resources: ResourceSet, values: dict[str, str]) -> str:
    shown = (display(template.field(k), template, resources, values) for k in template.list_fields)
    return " · ".join(s for s in shown if s)


def plan_rows(ws: Workspace) -> list[PlanRow]:
    return overview(ws)[0]
