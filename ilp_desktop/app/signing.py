"""Wet-ink signatures recorded against the exact printed version, what they lock, and what they complete."""

from __future__ import annotations

import datetime as dt

from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.lifecycle import stage_after_signature
from ilp_desktop.model.plan import PrintRecord, Signature
from ilp_desktop.model.signing import locked_cells


def signable_prints(ws: Workspace, plan_id: int) -> list[PrintRecord]:
    """Printed versions of the plan's parts (not blank forms or journals), newest first."""
    parts = {p.id for p in ws.template(ws.plan(plan_id)).parts}
    return [r for r in reversed(ws.print_records(plan_id)) if r.part in parts]


def record_signature(ws: Workspace, print_id: int, role: str, name: str, signed_on: dt.date) -> str:
    """Record who signed which printout; a fully signed part moves the plan on. Returns the plan's stage."""
    if not name.strip():
        raise UserError("the signer's name is needed")
    if signed_on > ws.today():
        raise UserError(
            f"the date {signed_on.isoformat()} is after today: a signature is recorded once it is on the paper"
        )
    record = ws.store.print_record(print_id)
    plan = ws.plan(record.plan_id)
    template = ws.template(plan)
    part = template.part(record.part)
    if role not in part.signatures:
        raise UserError(f"{template.role_label(role)} does not sign the {part.title}")
    with ws.store.transaction():
        ws.store.record_signature(print_id, role, name.strip(), signed_on)
        stage = stage_after_signature(template, plan.stage, ws.signatures(plan.id), part.id)
        if stage != plan.stage:
            ws.store.update_plan(plan.id, stage=stage)
    draft = ws.open_draft(plan.id)
    if draft is not None:
        draft.amending = False  # the amended version is now the signed one
    ws.publish(Event(Change.SIGNATURES, plan.id))
    if stage != plan.stage:
        ws.publish(Event(Change.PLAN, plan.id))
    return stage


def locks(ws: Workspace, plan_id: int) -> dict[str, Signature]:
    """Cell key → the signature that locked it."""
    template = ws.template(ws.plan(plan_id))
    return locked_cells(ws.signatures(plan_id), {p.id: p.cells for p in template.parts})


def amend(ws: Workspace, plan_id: int) -> None:
    """The user chose to change a signed part: its cells open, the next printout says it was amended."""
    ws.draft(plan_id).amending = True
    ws.publish(Event(Change.SIGNATURES, plan_id))
