"""The program leader's roll-up: many coaches' plans gathered read-only from folders of bundles, sync folders or
data folders, with no server, reduced to dates and statuses (model/rollup.py) – never a plan's answers, and only
the notes a plan's owner released.

A refresh re-reads only the files that changed since the last look (by size and modification time).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ilp_desktop.model.catalog import Catalog
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.program_year import LogEntry, YearDates, goals_signed
from ilp_desktop.model.rollup import PlanFacts, RollupRow, row
from ilp_desktop.storage.exchange import bundle_year_dates, log_entry, read_bundle
from ilp_desktop.storage.location import DATA_FILE
from ilp_desktop.storage.store import Store

log = logging.getLogger(__name__)
BUNDLE_SUFFIX = ".ilpbundle"


def _facts_from_bundle(doc: dict[str, Any], source: Path) -> PlanFacts:
    plan, people = doc["plan"], doc["people"]
    log_rows = [log_entry(e) for e in doc.get("log", [])]
    return PlanFacts(
        plan["uid"],
        (people.get("teacher") or {}).get("name", ""),
        (people.get("coach") or {}).get("name", ""),
        plan["program"],
        plan.get("school", ""),
        plan["school_year"],
        dt.date.fromisoformat(plan["start_date"]),
        plan["stage"],
        bundle_year_dates(doc),
        tuple((e.entry_date, e.minutes) for e in log_rows),
        tuple(dt.date.fromisoformat(e["entry_date"]) for e in doc["journal"] if not e.get("not_submitted")),
        None,
        tuple((e.entry_date, e.notes) for e in log_rows if e.released and e.notes),
        str(source),
    )


def _facts_from_store(store: Store, catalog: Catalog, source: Path) -> list[PlanFacts]:
    dates = store.year_dates()
    entries: dict[int, list[LogEntry]] = {}
    for e in store.log_entries():
        entries.setdefault(e.plan_id, []).append(e)
    journal = store.journal_dates()
    out = []
    for plan in store.plans():
        template = catalog.template(plan.program)
        signed = goals_signed(template.year, store.signatures(plan.id)) if template else None
        rows = entries.get(plan.id, [])
        out.append(
            PlanFacts(
                plan.uid,
                plan.teacher_name,
                plan.coach.name if plan.coach else "",
                plan.program,
                plan.school,
                plan.school_year,
                plan.start_date,
                plan.stage,
                dates.get(plan.id, YearDates()),
                tuple((e.entry_date, e.minutes) for e in rows),
                tuple(journal.get(plan.id, [])),
                signed,
                tuple((e.entry_date, e.notes) for e in rows if e.released and e.notes),
                str(source),
            )
        )
    return out


@dataclass
class Rollup:
    """The plans found in some folders, kept between refreshes."""

    catalog: Catalog
    sources: list[Path]
    today: dt.date
    breaks: tuple[tuple[dt.date, dt.date], ...] = ()  # the leader's district calendar's school breaks
    problems: list[str] = field(default_factory=list)  # files that could not be read, with why
    _cache: dict[Path, tuple[tuple[int, ...], list[PlanFacts]]] = field(default_factory=dict)
    _rows: dict[tuple[int, dt.date], RollupRow] = field(default_factory=dict)  # by id() of its facts, and today

    def _files(self) -> Iterable[Path]:
        for source in self.sources:
            if source.is_file():
                yield source
            elif (source / DATA_FILE).is_file():
                yield source / DATA_FILE
            elif source.is_dir():
                yield from sorted(source.rglob(f"*{BUNDLE_SUFFIX}"))
            else:
                self.problems.append(f"{source}: no such folder or file")

    def _read(self, path: Path) -> list[PlanFacts]:
        if path.name == DATA_FILE:
            store = Store.open(path.parent, read_only=True)
            try:
                return _facts_from_store(store, self.catalog, path.parent)
            finally:
                store.close()
        return [_facts_from_bundle(read_bundle(path).doc, path)]

    def refresh(self) -> list[RollupRow]:
        """Every plan once (the newest copy when two files hold the same plan), re-reading changed files only."""
        self.problems = []
        seen: dict[Path, tuple[tuple[int, ...], list[PlanFacts]]] = {}
        for path in self._files():
            try:
                stamp = _stamp(path)
                cached = self._cache.get(path)
                seen[path] = cached if cached and cached[0] == stamp else (stamp, self._read(path))
            except UserError as exc:
                self.problems.append(str(exc))
            except OSError as exc:
                self.problems.append(f"{path}: {exc.strerror or exc}")
        self._cache = seen
        newest: dict[str, tuple[int, PlanFacts]] = {}
        for stamp, facts in seen.values():
            for f in facts:
                if f.uid not in newest or stamp[0] > newest[f.uid][0]:
                    newest[f.uid] = (stamp[0], f)
        # A plan whose file did not change keeps its row (until the day changes): a refresh only looks at files.
        rows = {
            (id(f), self.today): self._rows.get((id(f), self.today)) or row(f, self.catalog, self.today, self.breaks)
            for _, f in newest.values()
        }
        self._rows = rows
        return sorted(rows.values(), key=lambda r: (r.program_title, r.facts.school, r.facts.coach, r.facts.teacher))


def _stamp(path: Path) -> tuple[int, ...]:
    """When and how large: a data file's changes may still be in its write-ahead log beside it."""
    stamp: tuple[int, ...] = ()
    for file in (path, path.with_name(path.name + "-wal")) if path.name == DATA_FILE else (path,):
        if file is path or file.exists():
            stat = file.stat()
            stamp += (stat.st_mtime_ns, stat.st_size)
    return stamp
