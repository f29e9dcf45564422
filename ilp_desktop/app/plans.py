"""Starting a plan, moving it through its stages, remembering where the wizard was."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.plan_rules import FIRST_YEAR, LAST_YEAR, MAX_NAME, school_year, start_date_problem
from ilp_desktop.model.stages import STAGE_IDS


@dataclass(frozen=True)
class NewPlan:
    teacher: str
    school: str
    coach: str
    administrator: str
    program: str
    school_year: str
    start: dt.date
    district: str = ""


def checked(new: NewPlan) -> NewPlan:
    """The new plan as it will be stored (names trimmed, the school year written 2026-2027), or every reason it
    cannot be, at once."""
    names = {"teacher": new.teacher, "school": new.school, "coach": new.coach, "administrator": new.administrator}
    problems = [
        f"the {role}'s name is longer than {MAX_NAME} characters" for role, n in names.items() if len(n) > MAX_NAME
    ]
    if not new.teacher.strip():
        problems.append("the teacher's name is needed")
    year = school_year(new.school_year)
    if year is None:
        problems.append(
            f"'{new.school_year}' is not a school year: write it as 2026-2027 (between {FIRST_YEAR} and {LAST_YEAR})"
        )
    if problem := start_date_problem(new.start):
        problems.append(problem)
    if problems:
        raise UserError("; ".join(problems))
    trimmed = {role: n.strip() for role, n in names.items()}
    return NewPlan(
        **trimmed, program=new.program, school_year=year or "", start=new.start, district=new.district.strip()
    )


def create_plan(ws: Workspace, new: NewPlan) -> int:
    """The plan and its people, all or nothing."""
    if ws.catalog.template(new.program) is None:
        raise UserError(f"the program '{new.program}' is not installed")
    new = checked(new)
    store = ws.store
    with store.transaction():
        teacher = store.add_person(new.teacher, "teacher", new.school, new.district)
        coach = store.add_person(new.coach, "coach", new.school, new.district) if new.coach else None
        admin = (
            store.add_person(new.administrator, "administrator", new.school, new.district)
            if new.administrator
            else None
        )
        plan_id = store.create_plan(
            new.program,
            teacher,
            new.school_year,
            new.start,
            coach_id=coach,
            administrator_id=admin,
            school=new.school,
            district=new.district,
            template_version=ws.catalog.templates[new.program].version,
        )
    ws.publish(Event(Change.PLANS, plan_id))
    return plan_id


def change_stage(ws: Workspace, plan_id: int, stage: str) -> None:
    if stage not in STAGE_IDS:
        raise UserError(f"'{stage}' is not a stage")
    if ws.plan(plan_id).stage == stage:
        return
    ws.store.update_plan(plan_id, stage=stage)
    ws.publish(Event(Change.PLAN, plan_id))


def remember_step(ws: Workspace, plan_id: int, step: str) -> None:
    """Where the wizard is, so reopening returns there (not news to any other view)."""
    if not ws.read_only:
        ws.store.update_plan(plan_id, current_step=step)
