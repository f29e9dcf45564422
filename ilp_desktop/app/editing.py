"""The edits of one open plan, in one place until they are written: answers, journal entries, outcome data.

Views read the plan through its draft (so they show what was typed, saved or not) and write into it; one
save() writes everything pending in a single transaction. A save that fails (full disk, locked file) keeps
every edit pending and on screen, and says why; the caller tries again (the window every few seconds).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import replace
from typing import TYPE_CHECKING, TypedDict, Unpack

from ilp_desktop.app.events import Change, Event
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.outcomes import Measure, Target
from ilp_desktop.model.plan import JournalEntry

if TYPE_CHECKING:
    from ilp_desktop.app.workspace import Workspace

log = logging.getLogger(__name__)
RETRY_SECONDS = 5


class JournalEdit(TypedDict, total=False):
    """What can be typed into a journal entry (JournalEntry's own field names)."""

    entry_date: dt.date
    title: str
    body: str
    link: str
    not_submitted: bool


class UnsavedChanges(UserError):
    """Something typed is not on disk yet; printing, sending or quitting now would leave it out."""


class Draft:
    def __init__(self, ws: Workspace, plan_id: int) -> None:
        self.ws, self.plan_id = ws, plan_id
        self.values: dict[str, str] = ws.store.values(plan_id)
        self.pending: dict[str, str] = {}
        self.journal_pending: dict[int, JournalEdit] = {}
        self.outcome_pending: dict[str, tuple[Target, list[Measure]]] = {}
        self.failure = ""  # why the last save failed; "" once saved
        self.amending = False  # the user chose to change a signed part
        self.last_save_seconds = 0.0

    # ---------------------------------------------------------------- answers
    def get(self, key: str) -> str:
        return self.values.get(key, "")

    def set(self, key: str, value: str) -> None:
        if self.ws.read_only or (self.values.get(key, "") == value and key not in self.pending):
            return
        self.values[key] = value
        self.pending[key] = value
        self.ws.publish(Event(Change.EDITED, self.plan_id, frozenset({key})))

    def reload(self, keys: frozenset[str]) -> None:
        """Stored answers changed from outside (a merge, a resolved conflict): take them, except what is
        still being typed here."""
        stored = self.ws.store.values(self.plan_id)
        for key in keys or stored.keys() | self.values.keys():
            if key not in self.pending:
                if key in stored:
                    self.values[key] = stored[key]
                else:
                    self.values.pop(key, None)

    # ------------------------------------------------------ journal, outcomes
    def edit_journal(self, entry_id: int, **changes: Unpack[JournalEdit]) -> None:
        if self.ws.read_only:
            return
        self.journal_pending[entry_id] = {**self.journal_pending.get(entry_id, {}), **changes}
        self.ws.publish(Event(Change.EDITED, self.plan_id))

    def journal(self, entries: list[JournalEntry]) -> list[JournalEntry]:
        """Stored entries with what is being typed into them."""
        return [replace(e, **self.journal_pending.get(e.id, {})) for e in entries]

    def forget_journal(self, entry_id: int) -> None:
        """The entry is gone: nothing of it is left to save."""
        self.journal_pending.pop(entry_id, None)

    def edit_outcome(self, outcome: str, target: Target, measures: list[Measure]) -> None:
        if self.ws.read_only:
            return
        self.outcome_pending[outcome] = (target, measures)
        self.ws.publish(Event(Change.EDITED, self.plan_id))

    # ----------------------------------------------------------------- saving
    @property
    def dirty(self) -> bool:
        return bool(self.pending or self.journal_pending or self.outcome_pending)

    def save(self) -> bool:
        """Write everything pending in one transaction; True when nothing typed is left unsaved."""
        if not self.dirty:
            return True
        answers, journal, outcomes = dict(self.pending), dict(self.journal_pending), dict(self.outcome_pending)
        store = self.ws.store
        started = time.perf_counter()
        try:
            with store.transaction():
                store.save(self.plan_id, answers)
                for entry_id, changes in journal.items():
                    store.update_journal_entry(entry_id, **changes)
                for outcome, (target, measures) in outcomes.items():
                    store.save_target(self.plan_id, outcome, target)
                    store.save_measures(self.plan_id, outcome, measures)
        except UserError as exc:
            first = not self.failure
            self.failure = str(exc)
            if first:
                log.warning("plan %s not saved: %s", self.plan_id, exc)
            self.ws.publish(Event(Change.SAVE_STATE, self.plan_id, message=self.failure))
            return False
        self.last_save_seconds = time.perf_counter() - started
        # Only what was written leaves the queue: a key typed into during the save stays pending.
        for key, value in answers.items():
            if self.pending.get(key) == value:
                del self.pending[key]
        for entry_id, changes in journal.items():
            if self.journal_pending.get(entry_id) is changes:
                del self.journal_pending[entry_id]
        for outcome, data in outcomes.items():
            if self.outcome_pending.get(outcome) is data:
                del self.outcome_pending[outcome]
        if self.failure:
            log.info("plan %s saved again", self.plan_id)
        self.failure = ""
        backup_problem = self.ws.backup_if_due()
        self.ws.publish(Event(Change.SAVE_STATE, self.plan_id, message=backup_problem))
        if journal:
            self.ws.publish(Event(Change.JOURNAL, self.plan_id))
        if outcomes:
            self.ws.publish(Event(Change.OUTCOMES, self.plan_id))
        return not self.dirty

    def state(self) -> str:
        """In words, for the window: 'Saved', 'Unsaved changes' or why saving does not work."""
        if self.failure:
            return f"Not saved – retrying every {RETRY_SECONDS} s: {self.failure}"
        return "Unsaved changes" if self.dirty else "Saved"

    def require_saved(self) -> None:
        if not self.save():
            raise UnsavedChanges(f"the latest changes to this plan are not saved yet ({self.failure})")
