"""One open data folder: the store, the installed programs, the clock, the events, and the open plans' edits.

Reads go through here too, so a view sees an open plan as typed (its draft), not only as last saved.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from pathlib import Path

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.editing import Draft, UnsavedChanges
from ilp_desktop.app.events import Change, Event, EventBus
from ilp_desktop.model.backup_policy import BackupPolicy
from ilp_desktop.model.catalog import Catalog, load_catalog
from ilp_desktop.model.district_calendar import DistrictCalendar, load_district_calendar
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.outcomes import Measure, Target
from ilp_desktop.model.plan import Artifact, Conflict, HistoryEntry, JournalEntry, Plan, PrintRecord, Signature
from ilp_desktop.model.resources import ResourceSet
from ilp_desktop.model.template import Template
from ilp_desktop.storage.store import Store

log = logging.getLogger(__name__)
# The backups folder is looked at once a minute at most while saving, not on every autosave.
BACKUP_CHECK_SECONDS = 60


class Workspace:
    def __init__(
        self, store: Store, catalog: Catalog, clock: Clock | None = None, backup_policy: BackupPolicy | None = None
    ) -> None:
        self.store, self.catalog = store, catalog
        self.clock = clock or Clock()
        self.backup_policy = backup_policy or BackupPolicy()
        self.events = EventBus()
        self._drafts: dict[int, Draft] = {}
        self._next_backup_check = 0.0

    @classmethod
    def open(cls, folder: Path, read_only: bool = False, clock: Clock | None = None) -> Workspace:
        """The data folder's file (refused with a clear message if foreign or damaged) and its programs."""
        store = Store.open(folder, read_only=read_only)
        log.info("opened %s%s", store.path, " read-only" if read_only else "")
        ws = cls(store, load_catalog(folder), clock)
        ws.catalog.problems.extend(ws.district_calendar.problems)  # listed with the program files' problems
        ws.adopt_template_versions()
        return ws

    def adopt_template_versions(self) -> None:
        """Every plan follows its program's template as installed now: renamed fields take their answers along."""
        if self.read_only:
            return
        for template in self.catalog.templates.values():
            self.store.adopt_template_version(template.id, template.version, template.renamed)

    @property
    def folder(self) -> Path:
        return self.store.folder

    @property
    def data_file(self) -> Path:
        return self.store.path

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def today(self) -> dt.date:
        return self.clock.today()

    @functools.cached_property
    def district_calendar(self) -> DistrictCalendar:
        """The data folder's calendar file: due dates the district moved for a school year and its school breaks
        (read once; read again after the app writes it)."""
        return load_district_calendar(self.store.folder, self.catalog.templates)

    def reload_district_calendar(self) -> None:
        self.__dict__.pop("district_calendar", None)

    def close(self) -> None:
        self.store.close()

    def reopen(self) -> None:
        """The same folder again, after the file was closed (a move that failed)."""
        self.store = Store.open(self.store.folder, read_only=self.store.read_only)

    # ----------------------------------------------------------------- events
    def publish(self, event: Event) -> None:
        """Tell every listener; an open plan takes stored answers that changed under it first."""
        if event.what is Change.ANSWERS and event.plan_id in self._drafts:
            self._drafts[event.plan_id].reload(event.keys)
        self.events.publish(event)

    # ---------------------------------------------------------- open plans
    def draft(self, plan_id: int) -> Draft:
        """The edits of a plan being worked on (one per plan, shared by every view of it)."""
        if plan_id not in self._drafts:
            self.plan(plan_id)  # an unknown plan is refused here, with its message
            self._drafts[plan_id] = Draft(self, plan_id)
        return self._drafts[plan_id]

    def open_draft(self, plan_id: int) -> Draft | None:
        """The plan's draft if it is open, without opening one."""
        return self._drafts.get(plan_id)

    def release(self, plan_id: int) -> bool:
        """The plan is closed: forget its draft once everything in it is saved (True)."""
        draft = self._drafts.get(plan_id)
        if draft is not None and not draft.save():
            return False
        self._drafts.pop(plan_id, None)
        return True

    def require_saved(self, plan_id: int | None = None) -> None:
        """Save what is pending (one plan's edits, or every open plan's); UnsavedChanges if that fails."""
        if plan_id is None:
            drafts = list(self._drafts.values())
        else:
            drafts = [self._drafts[plan_id]] if plan_id in self._drafts else []
        for draft in drafts:
            draft.require_saved()

    def backup_if_due(self) -> str:
        """A backup at most every `backup_policy.every` while editing; why it failed, or ''."""
        if self.read_only or time.monotonic() < self._next_backup_check:
            return ""
        self._next_backup_check = time.monotonic() + BACKUP_CHECK_SECONDS
        try:
            self.store.backup_if_due(self.backup_policy)
        except UserError as exc:
            log.warning("backup failed: %s", exc)
            return f"backup failed: {exc}"
        return ""

    # ------------------------------------------------------------------ reads
    def plans(self) -> list[Plan]:
        return self.store.plans()

    def plan(self, plan_id: int | str) -> Plan:
        return self.store.plan(plan_id)

    def template(self, plan: Plan) -> Template:
        template = self.catalog.template(plan.program)
        if template is None:
            broken = self.catalog.broken(plan.program)
            raise UserError(
                f"the program file of plan {plan.id} ('{plan.program}') has a problem: {broken}"
                if broken
                else f"the program '{plan.program}' of plan {plan.id} is not installed (File › Programs… installs "
                "a program file; `ilp-desktop templates` lists them)"
            )
        return template

    def resources(self, plan: Plan) -> ResourceSet:
        """The standards and frameworks as this plan cites them (its edition of the CSTP under the id 'cstp')."""
        return self.catalog.resources.for_plan(plan.edition_of)

    def values(self, plan_id: int) -> dict[str, str]:
        """The answers as typed: an open plan's draft, else what is stored."""
        draft = self._drafts.get(plan_id)
        return dict(draft.values) if draft else self.store.values(plan_id)

    def history(self, plan_id: int, key: str) -> list[HistoryEntry]:
        return self.store.history(plan_id, key)

    def journal(self, plan_id: int) -> list[JournalEntry]:
        entries = self.store.journal(plan_id)
        draft = self._drafts.get(plan_id)
        return draft.journal(entries) if draft else entries

    def journal_dates(self, plan_id: int) -> list[dt.date]:
        """Dates of the plan's submitted entries, as typed."""
        return [e.entry_date for e in self.journal(plan_id) if not e.not_submitted]

    def artifact_path(self, artifact: Artifact) -> Path:
        return self.store.artifact_path(artifact)

    def outcome(self, plan_id: int, outcome: str) -> tuple[Target | None, list[Measure]]:
        draft = self._drafts.get(plan_id)
        if draft and outcome in draft.outcome_pending:
            return draft.outcome_pending[outcome]
        return self.store.target(plan_id, outcome), self.store.measures(plan_id, outcome)

    def signatures(self, plan_id: int) -> list[Signature]:
        return self.store.signatures(plan_id)

    def print_records(self, plan_id: int) -> list[PrintRecord]:
        return self.store.print_records(plan_id)

    def conflicts(self, plan_id: int) -> list[Conflict]:
        return self.store.conflicts(plan_id)

    def search(self, text: str) -> set[int]:
        return self.store.search(text)

    def snippet(self, plan_id: int, text: str) -> str:
        return self.store.snippet(plan_id, text)


__all__ = ["UnsavedChanges", "Workspace"]
