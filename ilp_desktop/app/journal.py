"""Journal entries and their attached artifacts. Typing into an entry goes through the plan's draft
(Draft.edit_journal); adding, deleting and attaching are written at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError


def add_entry(ws: Workspace, plan_id: int, entry_date: dt.date, title: str = "", body: str = "") -> int:
    entry_id = ws.store.add_journal_entry(plan_id, entry_date, title, body)
    ws.publish(Event(Change.JOURNAL, plan_id))
    return entry_id


def delete_entry(ws: Workspace, plan_id: int, entry_id: int) -> None:
    """The entry and its artifacts' records go; the copied files are kept in artifacts/removed."""
    draft = ws.open_draft(plan_id)
    if draft is not None:
        draft.forget_journal(entry_id)
    ws.store.delete_journal_entry(entry_id)
    ws.publish(Event(Change.JOURNAL, plan_id))


def attach(ws: Workspace, plan_id: int, entry_id: int, paths: list[Path]) -> list[str]:
    """Copy files into the data folder and attach them; the problems of those that could not be."""
    problems = []
    for path in paths:
        try:
            ws.store.add_artifact(entry_id, path)
        except UserError as exc:
            problems.append(str(exc))
    ws.publish(Event(Change.JOURNAL, plan_id))
    return problems


def explain_artifact(ws: Workspace, plan_id: int, artifact_id: int, explanation: str) -> None:
    ws.store.update_artifact(artifact_id, explanation)
    ws.publish(Event(Change.JOURNAL, plan_id))


def remove_artifact(ws: Workspace, plan_id: int, artifact_id: int) -> None:
    ws.store.remove_artifact(artifact_id)
    ws.publish(Event(Change.JOURNAL, plan_id))
