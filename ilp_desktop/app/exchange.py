"""Sending a plan to another computer and receiving one back; what changed on both, chosen by the user."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.catalog import RECEIVED, load_catalog, used_files
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.plan import Plan
from ilp_desktop.storage.exchange import Bundle, ImportReport, PasswordNeeded, apply_bundle, export_bundle, read_bundle
from ilp_desktop.storage.files import write_atomically
from ilp_desktop.storage.sync_records import device
from ilp_desktop.storage.whole_plan import apply_item

# A checked plan file: plan.json as read, and every member by name.

MIN_PASSWORD = 8
__all__ = ["ImportReport", "PasswordNeeded", "receive_plan", "resolve_conflict", "send_plan"]


def send_plan(ws: Workspace, plan_id: int | str, target: Path, password: str | None = None) -> Path:
    """The plan as one file (optionally password-protected), with exactly what is saved: nothing typed is left out."""
    if password is not None and len(password) < MIN_PASSWORD:
        raise UserError(f"a password needs at least {MIN_PASSWORD} characters: a shorter one is guessed in minutes")
    plan = ws.plan(plan_id)
    ws.require_saved(plan.id)
    written = export_bundle(ws.store, plan.id, target, password, carried_files(ws, plan), device(ws.store))
    if not ws.read_only:
        ws.store.mark_history_shared(plan.id)
    return written


def carried_files(ws: Workspace, plan: Plan) -> dict[str, Path]:
    """The template and resources the plan is written with, as the bundle carries them (none when its program
    is not installed here either)."""
    template = ws.catalog.template(plan.program)
    if template is None:
        return {}
    return {f"carried/{name}": path for name, path in used_files(ws.catalog, template).items()}


def _writer(data: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(data)

    return write


def keep_carried(ws: Workspace, report: ImportReport) -> None:
    """A plan of a program this computer lacks: keep the template it came with, so it opens and prints.
    An installed program of the same id is never replaced (see model/catalog.py)."""
    program = ws.plan(report.plan_id).program
    if not report.carried or ws.catalog.template(program) is not None:
        return
    for name, data in report.carried.items():
        target = ws.folder / RECEIVED / name.removeprefix("carried/")
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, _writer(data))
    ws.catalog = load_catalog(ws.folder)


def open_plan_file(path: Path, password: str | None = None) -> Bundle:
    """Read, decrypt and check a plan file (PasswordNeeded when it is protected and no password was given).

    The slow part of receiving, and it touches no data file: the window runs it off the UI thread."""
    return read_bundle(path, password)


def receive_plan(ws: Workspace, path: Path, password: str | None = None, opened: Bundle | None = None) -> ImportReport:
    """Merge a plan from another computer; `opened` is the file open_plan_file() already read and checked."""
    ws.require_saved()  # a merge must see what was typed here, not an older saved wording
    bundle = opened if opened is not None else open_plan_file(path, password)
    report = apply_bundle(ws.store, bundle, program_parts(ws, bundle))
    keep_carried(ws, report)
    announce(ws, report)
    return report


def program_parts(ws: Workspace, bundle: Bundle) -> tuple[str, ...]:
    """The part ids of the received plan's program as installed here: they order its stages."""
    template = ws.catalog.template(bundle.doc["plan"]["program"])
    return template.part_ids if template is not None else ()


def announce(ws: Workspace, report: ImportReport) -> None:
    """Tell the views what a received plan changed."""
    if report.created:
        ws.publish(Event(Change.PLANS, report.plan_id))
        return
    ws.publish(Event(Change.ANSWERS, report.plan_id, frozenset(report.taken)))
    rest = report.rest
    if rest.journal_added or rest.journal_updated or rest.deleted:
        ws.publish(Event(Change.JOURNAL, report.plan_id))
    if rest.outcome_rows:
        ws.publish(Event(Change.OUTCOMES, report.plan_id))
    if rest.signatures:
        ws.publish(Event(Change.SIGNATURES, report.plan_id))
    if rest.stage:
        ws.publish(Event(Change.PLAN, report.plan_id))
    if report.conflicts:
        ws.publish(Event(Change.CONFLICTS, report.plan_id))


def resolve_conflict(ws: Workspace, conflict_id: int, take_remote: bool) -> None:
    """Keep this computer's wording, or take the other's; the one not chosen stays in the history."""
    conflict = ws.store.conflict(conflict_id)
    with ws.store.transaction():
        if take_remote and conflict.kind == "answer":
            ws.store.save(conflict.plan_id, {conflict.key: conflict.remote})
        elif take_remote:
            apply_item(ws.store, conflict.plan_id, conflict.kind, conflict.key, conflict.remote)
        ws.store.mark_resolved(conflict_id)
    if take_remote:
        what = {"answer": Change.ANSWERS, "journal": Change.JOURNAL}.get(conflict.kind, Change.OUTCOMES)
        keys = frozenset({conflict.key}) if conflict.kind == "answer" else frozenset()
        ws.publish(Event(what, conflict.plan_id, keys))
    ws.publish(Event(Change.CONFLICTS, conflict.plan_id))
