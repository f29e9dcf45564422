"""Starting a plan, which of its parts are open, setting its stage or its people by hand, remembering where the
wizard was."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.editions import editions_for
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.lifecycle import part_open, signature_pairs, signed_parts
from ilp_desktop.model.plan import BUILT_IN_ROLES, PersonChange, StageOverride
from ilp_desktop.model.plan_rules import FIRST_YEAR, LAST_YEAR, MAX_NAME, school_year, start_date_problem
from ilp_desktop.model.stages import current_stage


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
    others: dict[str, str] = field(default_factory=dict)  # role → name, for the program's other roles (a mentor)
    editions: tuple[tuple[str, str], ...] = ()  # (family, edition) chosen; the others take the school year's default


def checked(new: NewPlan) -> NewPlan:
    """The new plan as it will be stored (names trimmed, the school year written 2026-2027), or every reason it
    cannot be, at once."""
    names = {"teacher": new.teacher, "school": new.school, "coach": new.coach, "administrator": new.administrator}
    problems = [
        f"the {role}'s name is longer than {MAX_NAME} characters"
        for role, n in (*names.items(), *new.others.items())
        if len(n) > MAX_NAME
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
    others = {role: n.strip() for role, n in new.others.items() if n.strip() and role not in BUILT_IN_ROLES}
    return NewPlan(
        **trimmed,
        program=new.program,
        school_year=year or "",
        start=new.start,
        district=new.district.strip(),
        others=others,
        editions=new.editions,
    )


def create_plan(ws: Workspace, new: NewPlan) -> int:
    """The plan and its people, all or nothing."""
    if ws.catalog.template(new.program) is None:
        raise UserError(f"the program '{new.program}' is not installed")
    new = checked(new)
    template = ws.catalog.template(new.program)
    assert template is not None  # checked above
    editions = editions_for(template, ws.catalog.resources, new.school_year, dict(new.editions))
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
        for role, name in new.others.items():
            store.set_role_person(plan_id, role, store.add_person(name, role, new.school, new.district))
        for family, edition in editions.items():
            store.set_edition(plan_id, family, edition)
    ws.publish(Event(Change.PLANS, plan_id))
    return plan_id


def override_stage(ws: Workspace, plan_id: int, stage: str, changed_by: str) -> None:
    """Set the stage by hand (the stage otherwise follows signatures): recorded with who, when, from and to."""
    plan = ws.plan(plan_id)
    template = ws.template(plan)
    if stage not in dict(template.stages):
        raise UserError(f"'{stage}' is not a stage of {template.title}")
    if not changed_by.strip():
        raise UserError("the name of whoever sets the stage by hand is needed (it is recorded)")
    if len(changed_by) > MAX_NAME:
        raise UserError(f"the name is longer than {MAX_NAME} characters")
    if current_stage(template.part_ids, plan.stage) == stage:
        return
    ws.store.record_stage_override(plan_id, plan.stage, stage, changed_by.strip())
    ws.publish(Event(Change.PLAN, plan_id))


def stage_overrides(ws: Workspace, plan_id: int) -> list[StageOverride]:
    return ws.store.stage_overrides(plan_id)


def plan_roles(ws: Workspace, plan_id: int) -> list[tuple[str, str]]:
    """(role, label) of everyone the plan can name: its teacher, and every role its program declares."""
    template = ws.template(ws.plan(plan_id))
    declared = [r.id for r in template.roles]
    return [(role, template.role_label(role)) for role in dict.fromkeys(["teacher", *declared])]


def change_people(ws: Workspace, plan_id: int, names: dict[str, str]) -> list[PersonChange]:
    """Someone else in some of the plan's roles (role → name; '' leaves a role other than the teacher's empty):
    each change recorded with this computer's name and the time, and carried to the plan's other copies."""
    from ilp_desktop.app.sync import device_name

    plan = ws.plan(plan_id)
    roles = dict(plan_roles(ws, plan_id))
    problems = [f"'{role}' is not a role of this program" for role in names if role not in roles]
    wanted = {role: name.strip() for role, name in names.items() if role in roles}
    problems += [
        f"the {roles[r].lower()}'s name is longer than {MAX_NAME} characters"
        for r, n in wanted.items()
        if len(n) > MAX_NAME
    ]
    if wanted.get("teacher", "x") == "":
        problems.append("the plan needs its teacher's name")
    if problems:
        raise UserError("; ".join(problems))
    stamp, who = ws.store.clock().isoformat(timespec="milliseconds"), device_name(ws)
    changes = []
    for role, name in wanted.items():
        now = plan.person(role)
        if name != (now.name if now else ""):
            changes.append(
                PersonChange(role, now.name if now else "", name, plan.school, plan.district, "", who, stamp)
            )
    if changes:
        ws.store.change_people(plan_id, changes)
        ws.publish(Event(Change.PLAN, plan_id))
    return changes


def people_changes(ws: Workspace, plan_id: int) -> list[PersonChange]:
    return ws.store.people_changes(plan_id)


def open_parts(ws: Workspace, plan_id: int) -> set[str]:
    """The parts whose steps can be written now: by signatures, by the day, or by a stage set by hand."""
    plan = ws.plan(plan_id)
    template = ws.template(plan)
    signed = signed_parts(template, signature_pairs(ws.signatures(plan_id)))
    return {p.id for p in template.parts if part_open(template, p.id, plan.stage, signed, ws.today(), plan.school_year)}


def remember_step(ws: Workspace, plan_id: int, step: str) -> None:
    """Where the wizard is, so reopening returns there (not news to any other view)."""
    if not ws.read_only:
        ws.store.update_plan(plan_id, current_step=step)
