"""The storage API the UI, exporter and command line use; the only place with SQL.

Every write is one transaction (sqlite-utils' atomic()); when a method
returns, the change is on disk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import mimetypes
import re
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import IO, TypeVar

from sqlite_utils import Database

from ilp_desktop.model.backup_policy import BackupPolicy
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.merge import HistoryRow
from ilp_desktop.model.outcomes import Measure, Target
from ilp_desktop.model.plan import (
    BUILT_IN_ROLES,
    Artifact,
    Conflict,
    HistoryEntry,
    JournalEntry,
    Person,
    PersonChange,
    Plan,
    PrintRecord,
    Signature,
    StageOverride,
)
from ilp_desktop.model.plan_rules import FIRST_YEAR, plan_problems
from ilp_desktop.model.stages import stage_problem
from ilp_desktop.storage.backups import backup_due, backup_files, make_backup, rotate
from ilp_desktop.storage.database import DataFileError, open_database
from ilp_desktop.storage.location import DATA_FILE, ensure_data_dir, secure
from ilp_desktop.storage.year_store import YearStore

# Saves of the same answer closer together than this refine one history entry,
# so the history holds wordings rather than every autosave while typing.
HISTORY_WINDOW = dt.timedelta(minutes=2)
ARTIFACTS_DIR = "artifacts"
_Act = TypeVar("_Act", StageOverride, PersonChange)  # acts by hand kept on record, one table each


# Full-text search over answers and journal entries (FTS5 tables kept by triggers, migration 3).
SEARCH_SQL = {
    table: f"SELECT {{columns}} FROM {table}_fts JOIN {table} t ON t.rowid = {table}_fts.rowid "
    f"WHERE {table}_fts MATCH ? {{plan}}"
    for table in ("field_values", "journal_entries")
}


def _fts_queries(text: str) -> list[str]:
    """One FTS5 query per word typed, as a quoted prefix: no query syntax from the user gets through."""
    return ['"' + w.replace('"', '""') + '"*' for w in re.findall(r"\w+", text)]


class UnknownPlan(UserError):
    def __init__(self, plan_id: object):
        super().__init__(f"no plan with id {plan_id} (see `ilp-desktop plans`)")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store(YearStore):
    def __init__(self, db: Database, folder: Path, clock=utc_now, read_only: bool = False):
        self.db, self.folder, self.clock, self.read_only = db, folder, clock, read_only

    def _now(self) -> str:
        return self.clock().isoformat(timespec="milliseconds")

    @classmethod
    def open(cls, folder: Path, read_only: bool = False) -> Store:
        if not read_only:
            ensure_data_dir(folder)
            secure(folder)
        db = open_database(folder / DATA_FILE, read_only=read_only, backups_exist=bool(backup_files(folder)))
        return cls(db, folder, read_only=read_only)

    @property
    def path(self) -> Path:
        return self.folder / DATA_FILE

    def close(self) -> None:
        self.db.close()

    def backup(self, policy: BackupPolicy | None = None, now: dt.datetime | None = None) -> Path:
        """A consistent copy into backups/, then rotation by the policy."""
        path = make_backup(self.db.conn, self.folder, now)
        rotate(self.folder, policy or BackupPolicy())
        return path

    def backup_if_due(self, policy: BackupPolicy | None = None, now: dt.datetime | None = None) -> Path | None:
        policy = policy or BackupPolicy()
        return self.backup(policy, now) if backup_due(self.folder, policy, now) else None

    def upsert(self, table: str, row: dict, pk: tuple[str, ...]) -> None:
        """INSERT … ON CONFLICT DO UPDATE, written out. sqlite-utils' upsert() decides between this and
        an INSERT OR IGNORE + UPDATE pair by probing the database once; a probe that fails (a full disk)
        is cached, and that pair silently drops new rows on NOT NULL columns."""
        columns = list(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in pk)
        self.db.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT({', '.join(pk)}) DO UPDATE SET {updates}",
            [row[c] for c in columns],
        )

    def _insert(self, table: str, row: dict[str, object]) -> int:
        """Insert one row; its new id (every table written this way has an integer primary key)."""
        pk = self.db.table(table).insert(row).last_pk
        if not isinstance(pk, int):
            raise DataFileError(f"{self.path}: the new row in {table} got no id")
        return pk

    def transaction(self) -> _Transaction:
        """A transaction whose low-level failures (disk full, lock) become one clear message.

        Transactions nest (as savepoints): several changes can be written all or nothing."""
        if self.read_only:
            raise DataFileError(f"{self.path} is open read-only: the change was NOT saved")
        return _Transaction(self.db, self.path)

    # ------------------------------------------------------------ people
    def add_person(self, name: str, role: str, school: str = "", district: str = "", email: str = "") -> int:
        with self.transaction():
            return self._insert(
                "people",
                {
                    "name": name,
                    "role": role,
                    "school": school,
                    "district": district,
                    "email": email,
                    "created_at": self._now(),
                },
            )

    # ------------------------------------------------------------- plans
    def create_plan(
        self,
        program: str,
        teacher_id: int | None,
        school_year: str,
        start_date: dt.date,
        coach_id: int | None = None,
        administrator_id: int | None = None,
        school: str = "",
        district: str = "",
        stage: str = "drafting",
        uid: str | None = None,
        template_version: str = "",
    ) -> int:
        stamp = self._now()
        with self.transaction():
            return self._insert(
                "plans",
                {
                    "uid": uid or str(uuid.uuid4()),
                    "program": program,
                    "teacher_id": teacher_id,
                    "coach_id": coach_id,
                    "administrator_id": administrator_id,
                    "school": school,
                    "district": district,
                    "school_year": school_year,
                    "start_date": start_date.isoformat(),
                    "stage": stage,
                    "current_step": "",
                    "template_version": template_version,
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )

    def plan(self, plan_id: int | str) -> Plan:
        try:
            pid = int(plan_id)
        except (TypeError, ValueError):
            raise UnknownPlan(plan_id) from None
        found = self._plans("WHERE id = ?", [pid])
        if not found:
            raise UnknownPlan(plan_id)
        return found[0]

    def plans(self) -> list[Plan]:
        """All plans with their people, in two queries (the plan list shows thousands)."""
        return self._plans("ORDER BY id", [])

    def _plans(self, where: str, args: list) -> list[Plan]:
        # Plain tuples rather than sqlite-utils' dict rows: thousands of plans are read at start-up.
        people = {
            r[0]: Person(*r) for r in self.db.execute("SELECT id, name, role, school, district, email FROM people")
        }
        others: dict[int, list[tuple[str, Person]]] = {}
        for plan_id, role, person_id in self.db.execute(
            "SELECT plan_id, role, person_id FROM plan_people ORDER BY role"
        ):
            if person_id in people:
                others.setdefault(plan_id, []).append((role, people[person_id]))
        editions: dict[int, list[tuple[str, str]]] = {}
        for pid, family, edition in self.db.execute("SELECT plan_id, family, edition FROM plan_editions"):
            editions.setdefault(pid, []).append((family, edition))
        plans = []
        for r in self.db.execute(
            "SELECT id, uid, program, teacher_id, coach_id, administrator_id, school, district, school_year, "
            f"start_date, stage, current_step, updated_at, template_version FROM plans {where}",
            args,
        ):
            start, problems = _start_and_problems(str(r[8]), str(r[10]), str(r[9]))
            plans.append(
                Plan(
                    id=r[0],
                    uid=r[1],
                    program=r[2],
                    teacher=people.get(r[3]),
                    coach=people.get(r[4]),
                    administrator=people.get(r[5]),
                    school=r[6],
                    district=r[7],
                    school_year=str(r[8]),
                    start_date=start,
                    stage=str(r[10]),
                    current_step=r[11] or "",
                    updated_at=r[12],
                    problems=problems,
                    others=tuple(others.get(r[0], ())),
                    editions=tuple(sorted(editions.get(r[0], ()))),
                    template_version=r[13],
                )
            )
        return plans

    def set_edition(self, plan_id: int, family: str, edition: str) -> None:
        """Which edition of a family of standards the plan cites."""
        with self.transaction():
            self.upsert(
                "plan_editions", {"plan_id": plan_id, "family": family, "edition": edition}, ("plan_id", "family")
            )
            self.db.table("plans").update(plan_id, {"updated_at": self._now()})

    def update_plan(self, plan_id: int, **changes: object) -> None:
        """Change plan details (stage, school, people, dates, the step the wizard is on)."""
        self.plan(plan_id)
        if "stage" in changes and (problem := stage_problem(str(changes["stage"]))):
            raise UserError(problem)
        start = changes.get("start_date")
        if isinstance(start, dt.date):
            changes["start_date"] = start.isoformat()
        with self.transaction():
            self.db.table("plans").update(plan_id, {**changes, "updated_at": self._now()})

    def set_role_person(self, plan_id: int, role: str, person_id: int) -> None:
        """Who fills a role of the plan that the plans table has no column for."""
        with self.transaction():
            self.db.table("plan_people").upsert(
                {"plan_id": plan_id, "role": role, "person_id": person_id}, pk=("plan_id", "role")
            )

    def record_stage_override(self, plan_id: int, from_stage: str, to_stage: str, changed_by: str) -> None:
        """The stage set by hand, and by whom, in the same transaction as the change itself."""
        with self.transaction():
            self.update_plan(plan_id, stage=to_stage)
            self.db.table("stage_overrides").insert(
                {
                    "plan_id": plan_id,
                    "from_stage": from_stage,
                    "to_stage": to_stage,
                    "changed_by": changed_by,
                    "changed_at": self._now(),
                }
            )

    def change_people(self, plan_id: int, changes: list[PersonChange]) -> None:
        """Other people in the plan's roles, each change recorded, in one transaction."""
        with self.transaction():
            for change in changes:
                self.put_person(plan_id, change)
            self.add_people_changes(plan_id, changes)

    def put_person(self, plan_id: int, change: PersonChange) -> None:
        """The person a change names, in its role (nobody when it names no one)."""
        with self.transaction():
            c = change
            person_id = self.add_person(c.name, c.role, c.school, c.district, c.email) if c.name else None
            if c.role in BUILT_IN_ROLES:
                self.update_plan(plan_id, **{f"{c.role}_id": person_id})
                return
            if person_id is None:
                self.db.execute("DELETE FROM plan_people WHERE plan_id = ? AND role = ?", [plan_id, c.role])
            else:
                self.set_role_person(plan_id, c.role, person_id)
            self.update_plan(plan_id)

    def add_people_changes(self, plan_id: int, changes: list[PersonChange]) -> None:
        """Changes of people to keep on record (one already recorded is not recorded twice)."""
        self._add_acts("people_changes", plan_id, changes)

    def people_changes(self, plan_id: int) -> list[PersonChange]:
        """Every change of the plan's people, oldest first."""
        return self._acts("people_changes", PersonChange, plan_id)

    def add_stage_overrides(self, plan_id: int, overrides: list[StageOverride]) -> None:
        """Stages set by hand on another computer: recorded as they were (the stage itself is merged apart)."""
        self._add_acts("stage_overrides", plan_id, overrides)

    def stage_overrides(self, plan_id: int) -> list[StageOverride]:
        """Every stage set by hand, oldest first."""
        return self._acts("stage_overrides", StageOverride, plan_id)

    def _acts(self, table: str, kind: type[_Act], plan_id: int) -> list[_Act]:
        """A plan's record of one kind of act by hand (stages set, people changed), oldest first."""
        columns = ", ".join(f.name for f in dataclasses.fields(kind))
        rows = self.db.execute(f"SELECT {columns} FROM {table} WHERE plan_id = ? ORDER BY id", [plan_id])
        return [kind(*r) for r in rows]

    def _add_acts(self, table: str, plan_id: int, acts: list[_Act]) -> None:
        known = set(self._acts(table, type(acts[0]), plan_id)) if acts else set()
        with self.transaction():
            self.db.table(table).insert_all(
                [{"plan_id": plan_id} | dataclasses.asdict(a) for a in acts if a not in known]
            )

    # ----------------------------------------------------------- answers
    def values(self, plan_id: int) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.db.table("field_values").rows_where("plan_id = ?", [plan_id])}

    def answers(self, keys: set[str]) -> dict[int, dict[str, str]]:
        """The answers under these keys for every plan, in one query (the plan list's Details column)."""
        out: dict[int, dict[str, str]] = {}
        if keys:
            marks = ", ".join("?" * len(keys))
            for plan_id, key, value in self.db.execute(
                f"SELECT plan_id, key, value FROM field_values WHERE key IN ({marks})", sorted(keys)
            ).fetchall():
                out.setdefault(plan_id, {})[key] = value
        return out

    def save(self, plan_id: int, changes: dict[str, str]) -> None:
        """Write answers in one transaction, keeping earlier wordings in the history."""
        if not changes:
            return
        stamp = self._now()
        current = self.values(plan_id)
        printed = self.db.execute("SELECT max(printed_at) FROM print_records WHERE plan_id = ?", [plan_id]).fetchone()[
            0
        ]
        with self.transaction():
            for key, value in changes.items():
                if current.get(key) == value:
                    continue
                self.upsert(
                    "field_values",
                    {"plan_id": plan_id, "key": key, "value": value, "updated_at": stamp},
                    ("plan_id", "key"),
                )
                self._remember(plan_id, key, value, stamp, printed)
            self.db.table("plans").update(plan_id, {"updated_at": stamp})

    def _remember(self, plan_id: int, key: str, value: str, stamp: str, printed: str | None) -> None:
        latest = next(
            self.db.table("field_history").rows_where(
                "plan_id = ? AND key = ?", [plan_id, key], order_by="id DESC", limit=1
            ),
            None,
        )
        if (
            latest
            and _within(latest["saved_at"], stamp, HISTORY_WINDOW)
            and (printed is None or printed < latest["saved_at"])  # a printed wording is never refined away
            and not latest["shared"]  # nor one that another computer holds (the next merge's common ancestor)
        ):
            # Still the same wording being typed: refine it rather than keep every keystroke.
            self.db.table("field_history").update(latest["id"], {"value": value, "saved_at": stamp})
            return
        self.db.table("field_history").insert({"plan_id": plan_id, "key": key, "value": value, "saved_at": stamp})

    def history(self, plan_id: int, key: str) -> list[HistoryEntry]:
        """Earlier wordings of one answer, newest first (the first is the current value)."""
        return [
            HistoryEntry(r["value"], r["saved_at"])
            for r in self.db.table("field_history").rows_where(
                "plan_id = ? AND key = ?", [plan_id, key], order_by="id DESC"
            )
        ]

    # ----------------------------------------------------------- journal
    def add_journal_entry(
        self,
        plan_id: int,
        entry_date: dt.date,
        title: str,
        body: str,
        link: str = "",
        not_submitted: bool = False,
        uid: str | None = None,
        updated_at: str | None = None,
    ) -> int:
        self.plan(plan_id)
        stamp = self._now()
        with self.transaction():
            return self._insert(
                "journal_entries",
                {
                    "plan_id": plan_id,
                    "uid": uid or str(uuid.uuid4()),
                    "entry_date": entry_date.isoformat(),
                    "title": title,
                    "body": body,
                    "link": link,
                    "not_submitted": int(not_submitted),
                    "created_at": stamp,
                    "updated_at": updated_at or stamp,
                },
            )

    def journal(self, plan_id: int) -> list[JournalEntry]:
        entries = []
        for r in self.db.table("journal_entries").rows_where("plan_id = ?", [plan_id], order_by="entry_date, id"):
            artifacts = tuple(
                Artifact(a["id"], a["filename"], a["stored_name"], a["size"], a["mime"] or "", a["explanation"])
                for a in self.db.table("artifacts").rows_where("entry_id = ?", [r["id"]], order_by="id")
            )
            entries.append(
                JournalEntry(
                    r["id"],
                    plan_id,
                    dt.date.fromisoformat(r["entry_date"]),
                    r["title"],
                    r["body"],
                    r["link"],
                    bool(r["not_submitted"]),
                    artifacts,
                    r["uid"],
                    r["updated_at"],
                )
            )
        return entries

    def journal_dates(self, plan_id: int | None = None) -> dict[int, list[dt.date]]:
        """Dates of submitted journal entries by plan (one plan, or all in one query)."""
        where, args = ("AND plan_id = ?", [plan_id]) if plan_id is not None else ("", [])
        dates: dict[int, list[dt.date]] = {}
        sql = f"SELECT plan_id, entry_date FROM journal_entries WHERE not_submitted = 0 {where}"
        for plan_id, day in self.db.execute(sql, args):
            dates.setdefault(plan_id, []).append(dt.date.fromisoformat(day))
        return dates

    def update_journal_entry(self, entry_id: int, **changes: object) -> None:
        day = changes.get("entry_date")
        if isinstance(day, dt.date):
            changes["entry_date"] = day.isoformat()
        if "not_submitted" in changes:
            changes["not_submitted"] = int(bool(changes["not_submitted"]))
        with self.transaction():
            # A change received from another computer keeps the moment it was made there.
            self.db.table("journal_entries").update(entry_id, {"updated_at": self._now(), **changes})

    def delete_journal_entry(self, entry_id: int) -> None:
        """Remove an entry and its artifacts' records; the copied files go to the data folder's trash."""
        artifacts = list(self.db.table("artifacts").rows_where("entry_id = ?", [entry_id]))
        with self.transaction():
            self.db.table("artifacts").delete_where("entry_id = ?", [entry_id])
            self.db.table("journal_entries").delete(entry_id)
        for a in artifacts:
            self._trash(a["stored_name"])

    def update_artifact(self, artifact_id: int, explanation: str) -> None:
        with self.transaction():
            self.db.table("artifacts").update(artifact_id, {"explanation": explanation})

    def remove_artifact(self, artifact_id: int) -> None:
        row = self.db.table("artifacts").get(artifact_id)
        with self.transaction():
            self.db.table("artifacts").delete(artifact_id)
        self._trash(row["stored_name"])

    def _trash(self, stored_name: str) -> None:
        # Kept, not deleted: a removed attachment can still be recovered by hand.
        source = self.folder / ARTIFACTS_DIR / stored_name
        if source.exists():
            trash = self.folder / ARTIFACTS_DIR / "removed"
            trash.mkdir(mode=0o700, exist_ok=True)
            source.replace(trash / stored_name)

    def add_artifact(self, entry_id: int, source: Path, explanation: str = "") -> int:
        """Copy a file into the data folder and attach it to a journal entry."""
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise UserError(f"cannot attach {source}: {exc.strerror or exc}") from None
        folder = self.folder / ARTIFACTS_DIR
        folder.mkdir(mode=0o700, exist_ok=True)
        stored = f"{uuid.uuid4().hex}{source.suffix.lower()}"
        try:
            shutil.copyfile(source, folder / stored)
        except OSError as exc:
            (folder / stored).unlink(missing_ok=True)
            raise UserError(f"cannot copy {source.name} into the data folder: {exc.strerror or exc}") from None
        with self.transaction():
            return self._insert(
                "artifacts",
                {
                    "entry_id": entry_id,
                    "filename": source.name,
                    "stored_name": stored,
                    "size": size,
                    "mime": mimetypes.guess_type(source.name)[0] or "",
                    "explanation": explanation,
                    "added_at": self._now(),
                },
            )

    def artifact_path(self, artifact: Artifact) -> Path:
        return self.folder / ARTIFACTS_DIR / artifact.stored_name

    # ------------------------------------------------------------ prints
    def record_print(self, plan_id: int, part: str, paper: str, fingerprint: str, snapshot: str) -> int:
        with self.transaction():
            return self._insert(
                "print_records",
                {
                    "plan_id": plan_id,
                    "part": part,
                    "paper": paper,
                    "fingerprint": fingerprint,
                    "printed_at": self._now(),
                    "snapshot": snapshot,
                },
            )

    def print_records(self, plan_id: int) -> list[PrintRecord]:
        return [
            _print_record(r) for r in self.db.table("print_records").rows_where("plan_id = ?", [plan_id], order_by="id")
        ]

    def print_record(self, print_id: int) -> PrintRecord:
        row = next(self.db.table("print_records").rows_where("id = ?", [print_id]), None)
        if row is None:
            raise UserError(f"no printed version with id {print_id}")
        return _print_record(row)

    def record_signature(self, print_id: int, role: str, name: str, signed_on: dt.date) -> int:
        record = self.print_record(print_id)
        with self.transaction():
            return self._insert(
                "signatures",
                {
                    "plan_id": record.plan_id,
                    "print_id": print_id,
                    "role": role,
                    "name": name,
                    "signed_on": signed_on.isoformat(),
                },
            )

    def signed_roles(self) -> dict[int, set[tuple[str, str]]]:
        """(part, role) of every recorded signature, by plan, in one query (the plan list's due dates)."""
        out: dict[int, set[tuple[str, str]]] = {}
        sql = "SELECT s.plan_id, p.part, s.role FROM signatures s JOIN print_records p ON p.id = s.print_id"
        for plan_id, part, role in self.db.execute(sql):
            out.setdefault(plan_id, set()).add((part, role))
        return out

    def signatures(self, plan_id: int) -> list[Signature]:
        """Every recorded signature of the plan, oldest first, with the version it was given on."""
        rows = self.db.query(
            "SELECT s.id, s.print_id, s.role, s.name, s.signed_on, p.part, p.fingerprint, p.snapshot "
            "FROM signatures s JOIN print_records p ON p.id = s.print_id WHERE s.plan_id = ? "
            "ORDER BY s.signed_on, s.id",
            [plan_id],
        )
        return [
            Signature(
                r["id"],
                r["print_id"],
                r["role"],
                r["name"],
                dt.date.fromisoformat(r["signed_on"]),
                r["part"],
                r["fingerprint"],
                r["snapshot"] or "",
            )
            for r in rows
        ]

    # ------------------------------------------------------------ search
    def search(self, text: str) -> set[int]:
        """Plans whose answers and journal, taken together, mention every word typed (as a prefix)."""
        found: set[int] | None = None
        for query in _fts_queries(text):
            hits = {
                pid
                for sql in SEARCH_SQL.values()
                for (pid,) in self.db.execute(sql.format(columns="DISTINCT plan_id", plan=""), [query])
            }
            found = hits if found is None else found & hits
        return found or set()

    def snippet(self, plan_id: int, text: str) -> str:
        """Where one plan mentions the first word searched, its matches between \x02 and \x03.

        Made one plan at a time, for the rows on screen: snippets are the costly part of a search.
        """
        queries = _fts_queries(text)
        for table, sql in SEARCH_SQL.items():
            column = 0 if table == "field_values" else -1
            row = (
                self.db.execute(
                    sql.format(
                        columns=f"snippet({table}_fts, {column}, char(2), char(3), '…', 12)",
                        plan="AND plan_id = ? LIMIT 1",
                    ),
                    [queries[0], plan_id],
                ).fetchone()
                if queries
                else None
            )
            if row:
                return row[0]
        return ""

    # ------------------------------------------------------ outcome data
    def measures(self, plan_id: int, outcome: str) -> list[Measure]:
        return [
            Measure(r["student"], r["student_group"] or "", r["pre"], r["post"])
            for r in self.db.table("outcome_measures").rows_where(
                "plan_id = ? AND outcome = ?", [plan_id, outcome], order_by="id"
            )
        ]

    def save_measures(self, plan_id: int, outcome: str, measures: list[Measure]) -> None:
        """Replace one outcome's measures in a single transaction."""
        with self.transaction():
            self.db.table("outcome_measures").delete_where("plan_id = ? AND outcome = ?", [plan_id, outcome])
            self.db.table("outcome_measures").insert_all(
                {"plan_id": plan_id, "outcome": outcome, "student": m.student, "student_group": m.group}
                | {"pre": m.pre, "post": m.post}
                for m in measures
            )

    def target(self, plan_id: int, outcome: str) -> Target | None:
        row = next(self.db.table("outcome_targets").rows_where("plan_id = ? AND outcome = ?", [plan_id, outcome]), None)
        return None if row is None else Target(row["share"], row["rule"], row["amount"])

    def save_target(self, plan_id: int, outcome: str, target: Target) -> None:
        with self.transaction():
            self.upsert(
                "outcome_targets",
                {"plan_id": plan_id, "outcome": outcome, "share": target.share, "rule": target.rule}
                | {"amount": target.amount},
                ("plan_id", "outcome"),
            )

    def delete_target(self, plan_id: int, outcome: str) -> None:
        with self.transaction():
            self.db.table("outcome_targets").delete_where("plan_id = ? AND outcome = ?", [plan_id, outcome])

    def outcome_data(self, plan_id: int) -> dict[str, tuple[Target | None, list[Measure]]]:
        """Every outcome with a target or measures: outcome key → (target, measures)."""
        keys = {
            r[0]
            for table in ("outcome_measures", "outcome_targets")
            for r in self.db.execute(f"SELECT DISTINCT outcome FROM {table} WHERE plan_id = ?", [plan_id])
        }
        return {k: (self.target(plan_id, k), self.measures(plan_id, k)) for k in sorted(keys)}

    # ---------------------------------------------- plans from another computer
    def plan_id_for_uid(self, uid: str) -> int | None:
        row = self.db.execute("SELECT id FROM plans WHERE uid = ?", [uid]).fetchone()
        return None if row is None else int(row[0])

    def history_rows(self, plan_id: int) -> list[HistoryRow]:
        """Every wording of every answer, oldest first."""
        return [
            (r[0], r[1], r[2])
            for r in self.db.execute(
                "SELECT key, value, saved_at FROM field_history WHERE plan_id = ? ORDER BY id", [plan_id]
            )
        ]

    def add_history(self, plan_id: int, rows: list[HistoryRow]) -> None:
        """Wordings kept on another computer, so the next exchange finds the common ancestor."""
        with self.transaction():
            self.db.table("field_history").insert_all(
                {"plan_id": plan_id, "key": k, "value": v, "saved_at": t, "shared": 1} for k, v, t in rows
            )

    def mark_history_shared(self, plan_id: int) -> None:
        """Every wording so far was sent to another computer: later typing starts new ones."""
        with self.transaction():
            self.db.execute("UPDATE field_history SET shared = 1 WHERE plan_id = ? AND shared = 0", [plan_id])

    def set_answers(self, plan_id: int, answers: dict[str, str]) -> None:
        """Answers taken as they are, their history coming with them (merged from another computer)."""
        stamp = self._now()
        with self.transaction():
            for key, value in answers.items():
                self.upsert(
                    "field_values",
                    {"plan_id": plan_id, "key": key, "value": value, "updated_at": stamp},
                    ("plan_id", "key"),
                )

    def adopt_template_version(self, program: str, version: str, renamed: dict[str, str]) -> list[int]:
        """The plans of a program stored for another version of its template take this one: answers (and their
        history) under a renamed field's earlier id move to its new id, unless the new id has an answer already."""
        ids = [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM plans WHERE program = ? AND template_version != ?", [program, version]
            )
        ]
        if not ids or self.read_only:
            return []
        marks = ", ".join("?" * len(ids))
        with self.transaction():
            for old, new in renamed.items():
                like = old.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%"
                for table in ("field_values", "field_history"):
                    self.db.execute(
                        f"UPDATE OR IGNORE {table} SET key = ? || substr(key, ?) "
                        f"WHERE plan_id IN ({marks}) AND (key = ? OR key LIKE ? ESCAPE '\\')",
                        [new, len(old) + 1, *ids, old, like],
                    )
            self.db.execute(f"UPDATE plans SET template_version = ? WHERE id IN ({marks})", [version, *ids])
        return ids

    def answered_ids(self) -> list[tuple[str, str, int]]:
        """(program, field id, plan id) for every answered field of every plan: a group's or self-assessment's
        answers count under the group's id."""
        return self.db.execute(
            "SELECT DISTINCT p.program, CASE WHEN instr(v.key, '.') > 0 THEN substr(v.key, 1, instr(v.key, '.') - 1) "
            "ELSE v.key END, p.id FROM field_values v JOIN plans p ON p.id = v.plan_id WHERE trim(v.value) != ''"
        ).fetchall()

    def add_received_artifact(self, entry_id: int, artifact: Artifact, source: IO[bytes], sha256: str) -> int:
        """An attachment that arrived inside a bundle: copied in pieces under its stored name (checked against
        the checksum the bundle was accepted with), then its record."""
        folder = self.folder / ARTIFACTS_DIR
        target = folder / artifact.stored_name
        partial = folder / f"{artifact.stored_name}.{uuid.uuid4().hex}.part"
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            if not target.exists():  # named by its content: already here, already right
                digest = hashlib.sha256()
                with partial.open("xb") as out:
                    while chunk := source.read(1 << 20):
                        digest.update(chunk)
                        out.write(chunk)
                if digest.hexdigest() != sha256:
                    raise UserError(f"{artifact.filename} changed while it was being received; receive it again")
                partial.replace(target)
        except OSError as exc:
            raise UserError(f"cannot write {artifact.filename} into the data folder: {exc.strerror or exc}") from None
        finally:
            partial.unlink(missing_ok=True)
        with self.transaction():
            return self._insert(
                "artifacts",
                {
                    "entry_id": entry_id,
                    "filename": artifact.filename,
                    "stored_name": artifact.stored_name,
                    "size": artifact.size,
                    "mime": artifact.mime,
                    "explanation": artifact.explanation,
                    "added_at": self._now(),
                },
            )

    # ---------------------------------------------------------- conflicts
    def conflicts(self, plan_id: int) -> list[Conflict]:
        """What changed on two computers (answers, journal entries, outcome rows) and waits for a choice, oldest
        first."""
        return [
            conflict_from_row(r)
            for r in self.db.table("conflicts").rows_where("plan_id = ? AND resolved = 0", [plan_id], order_by="id")
        ]

    def conflict(self, conflict_id: int) -> Conflict:
        row = next(self.db.table("conflicts").rows_where("id = ?", [conflict_id]), None)
        if row is None:
            raise UserError(f"no conflict with id {conflict_id}")
        return conflict_from_row(row)

    def mark_resolved(self, conflict_id: int) -> None:
        with self.transaction():
            self.db.table("conflicts").update(conflict_id, {"resolved": 1})


def _within(earlier: str, later: str, window: dt.timedelta) -> bool:
    """Saved less than `window` apart; a time that cannot be compared (zone-less, malformed) never is."""
    try:
        return dt.datetime.fromisoformat(later) - dt.datetime.fromisoformat(earlier) < window
    except (TypeError, ValueError):
        return False


def _start_and_problems(year: str, stage: str, start: str) -> tuple[dt.date, tuple[str, ...]]:
    """The stored start date, and why the plan's details cannot be used as stored. An unreadable date (a hand
    edit) stands in as the first day the rules allow, and says so."""
    try:
        day = dt.date.fromisoformat(start)
    except ValueError:
        first = dt.date(FIRST_YEAR, 1, 1)
        return first, (*plan_problems(year, stage, first), f"the start date '{start}' is not a date")
    return day, tuple(plan_problems(year, stage, day))


def conflict_from_row(r: dict) -> Conflict:
    return Conflict(
        r["id"],
        r["plan_id"],
        r["key"],
        r["local"] or "",
        r["remote"] or "",
        r["base"] or "",
        r["kind"],
        r["local_who"],
        r["local_at"],
        r["remote_who"],
        r["remote_at"],
    )


def _print_record(r: dict) -> PrintRecord:
    return PrintRecord(
        r["id"], r["plan_id"], r["part"], r["paper"], r["fingerprint"], r["printed_at"], r["snapshot"] or ""
    )


class _Transaction:
    def __init__(self, db: Database, path: Path):
        self.db, self.path, self._atomic = db, path, db.atomic()

    def __enter__(self):
        try:
            return self._atomic.__enter__()
        except sqlite3.OperationalError as exc:
            raise DataFileError(_write_failure(self.path, exc)) from None

    def __exit__(self, exc_type, exc, tb):
        try:
            suppressed = self._atomic.__exit__(exc_type, exc, tb)  # rolls back on any error
        except sqlite3.OperationalError as failure:  # the COMMIT itself failed
            raise DataFileError(_write_failure(self.path, failure)) from None
        if isinstance(exc, sqlite3.OperationalError):  # a statement inside failed (disk full, lock)
            raise DataFileError(_write_failure(self.path, exc)) from None
        return suppressed


def _write_failure(path: Path, exc: sqlite3.OperationalError) -> str:
    text = str(exc).lower()
    if "full" in text:
        return f"the disk holding {path} is full: the last change was NOT saved; free some space and save again"
    if "locked" in text or "busy" in text:
        return f"{path} is locked by another program: the last change was NOT saved; try again"
    return f"saving to {path} failed ({exc}): the last change was NOT saved"
