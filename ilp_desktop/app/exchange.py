"""Sending a plan to another computer and receiving one back; answers changed on both, chosen by the user."""

from __future__ import annotations

from pathlib import Path

from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.storage.exchange import Bundle, ImportReport, PasswordNeeded, apply_bundle, export_bundle, read_bundle

# A checked plan file: plan.json as read, and every member by name.

MIN_PASSWORD = 8
__all__ = ["ImportReport", "PasswordNeeded", "receive_plan", "resolve_conflict", "send_plan"]


def send_plan(ws: Workspace, plan_id: int | str, target: Path, password: str | None = None) -> Path:
    """The plan as one file (optionally password-protected), with exactly what is saved: nothing typed is left out."""
    if password is not None and len(password) < MIN_PASSWORD:
        raise UserError(f"a password needs at least {MIN_PASSWORD} characters: a shorter one is guessed in minutes")
    plan = ws.plan(plan_id)
    ws.require_saved(plan.id)
    written = export_bundle(ws.store, plan.id, target, password)
    if not ws.read_only:
        ws.store.mark_history_shared(plan.id)
    return written


def open_plan_file(path: Path, password: str | None = None) -> Bundle:
    """Read, decrypt and check a plan file (PasswordNeeded when it is protected and no password was given).

    The slow part of receiving, and it touches no data file: the window runs it off the UI thread."""
    return read_bundle(path, password)


def receive_plan(ws: Workspace, path: Path, password: str | None = None, opened: Bundle | None = None) -> ImportReport:
    """Merge a plan from another computer; `opened` is the file open_plan_file() already read and checked."""
    ws.require_saved()  # a merge must see what was typed here, not an older saved wording
    report = apply_bundle(ws.store, opened if opened is not None else open_plan_file(path, password))
    if report.created:
        ws.publish(Event(Change.PLANS, report.plan_id))
        return report
    ws.publish(Event(Change.ANSWERS, report.plan_id, frozenset(report.taken)))
    if report.journal_added:
        ws.publish(Event(Change.JOURNAL, report.plan_id))
    if report.conflicts:
        ws.publish(Event(Change.CONFLICTS, report.plan_id))
    return report


def resolve_conflict(ws: Workspace, conflict_id: int, take_remote: bool) -> None:
    """Keep this computer's wording, or take the other's; the one not chosen stays in the history."""
    conflict = ws.store.conflict(conflict_id)
    with ws.store.transaction():
        if take_remote:
            ws.store.save(conflict.plan_id, {conflict.key: conflict.remote})
        ws.store.mark_resolved(conflict_id)
    if take_remote:
        ws.publish(Event(Change.ANSWERS, conflict.plan_id, frozenset({conflict.key})))
    ws.publish(Event(Change.CONFLICTS, conflict.plan_id))
