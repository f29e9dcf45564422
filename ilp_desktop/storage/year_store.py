"""The mentoring log and the CTC dates in the data file (migration 6); Store takes these methods in."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from ilp_desktop.model.program_year import LogEntry, YearDates

LOG_COLUMNS = ("entry_date", "minutes", "kind", "standards", "notes", "released", "next_steps", "artifacts")


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _entry(r: tuple) -> LogEntry:
    return LogEntry(
        r[0], r[1], r[2], dt.date.fromisoformat(r[3]), r[4], r[5], r[6], r[7], bool(r[8]), r[9], r[10], r[11]
    )


class YearStore:
    """Mixed into Store: uses its db, transaction(), _insert(), _now() and plan()."""

    db: Database
    if TYPE_CHECKING:  # Store's, for the type checker

        def plan(self, plan_id: int | str) -> Any: ...
        def _now(self) -> str: ...
        def _insert(self, table: str, row: dict[str, object]) -> int: ...
        def transaction(self) -> Any: ...
        def upsert(self, table: str, row: dict, pk: tuple[str, ...]) -> None: ...

    def add_log_entry(
        self, plan_id: int, entry: LogEntry, uid: str | None = None, updated_at: str | None = None
    ) -> int:
        return self.add_log_entries(plan_id, [(entry, uid, updated_at)])

    def add_log_entries(self, plan_id: int, entries: list[tuple[LogEntry, str | None, str | None]]) -> int:
        """Entries (each with its uid and when it was last changed, where another computer says so), in one
        insert: a bundle may bring a year's thousands. Returns the last one's id."""
        self.plan(plan_id)
        stamp = self._now()
        rows = [
            {"plan_id": plan_id, "uid": uid or entry.uid or str(uuid.uuid4()), **self.log_row(entry)}
            | {"created_at": stamp, "updated_at": updated_at or stamp}
            for entry, uid, updated_at in entries
        ]
        with self.transaction():
            last = self.db.table("mentoring_log").insert_all(rows).last_pk
        return int(last) if last is not None else 0

    @staticmethod
    def log_row(entry: LogEntry) -> dict[str, object]:
        return {
            "entry_date": entry.entry_date.isoformat(),
            "minutes": entry.minutes,
            "kind": entry.kind,
            "standards": entry.standards,
            "notes": entry.notes,
            "released": int(entry.released),
            "next_steps": entry.next_steps,
            "artifacts": entry.artifacts,
        }

    def update_log_entry(self, entry: LogEntry, updated_at: str | None = None) -> None:
        row = self.log_row(entry) | {"updated_at": updated_at or self._now()}
        with self.transaction():
            self.db.execute(
                f"UPDATE mentoring_log SET {', '.join(f'{c} = ?' for c in row)} WHERE id = ?", [*row.values(), entry.id]
            )

    def delete_log_entry(self, entry_id: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM mentoring_log WHERE id = ?", [entry_id])

    def log_entries(self, plan_id: int | None = None) -> list[LogEntry]:
        """One plan's log, oldest first (every plan's with None)."""
        where, args = ("WHERE plan_id = ?", [plan_id]) if plan_id is not None else ("", [])
        return [
            _entry(r)
            for r in self.db.execute(
                f"SELECT id, plan_id, uid, {', '.join(LOG_COLUMNS)}, updated_at FROM mentoring_log {where} "
                "ORDER BY entry_date, id",
                args,
            )
        ]

    def log_minutes(self) -> dict[int, list[tuple[dt.date, int]]]:
        """Every plan's (date, minutes), in one query: the coach's week and the roll-up need only these."""
        out: dict[int, list[tuple[dt.date, int]]] = {}
        for plan_id, day, minutes in self.db.execute("SELECT plan_id, entry_date, minutes FROM mentoring_log"):
            out.setdefault(plan_id, []).append((dt.date.fromisoformat(day), minutes))
        return out

    def log_versions(self) -> dict[str, tuple[int, int, str]]:
        """uid → (plan id, id, updated_at) of every log entry: what a received one is compared with."""
        sql = "SELECT uid, plan_id, id, updated_at FROM mentoring_log"
        return {uid: (plan_id, i, stamp) for uid, plan_id, i, stamp in self.db.execute(sql)}

    def year_dates(self, plan_id: int | None = None) -> dict[int, YearDates]:
        where, args = ("WHERE plan_id = ?", [plan_id]) if plan_id is not None else ("", [])
        return {
            r[0]: YearDates(_date(r[1]), _date(r[2]), _date(r[3]))
            for r in self.db.execute(f"SELECT plan_id, enrolled_on, matched_on, goals_on FROM plan_year {where}", args)
        }

    def first_signatures(self) -> dict[tuple[int, str], dt.date]:
        """(plan, part) → the day that part was first signed, for every plan in one query."""
        return {
            (plan_id, part): dt.date.fromisoformat(day)
            for plan_id, part, day in self.db.execute(
                "SELECT s.plan_id, p.part, MIN(s.signed_on) FROM signatures s JOIN print_records p ON p.id = s.print_id "
                "GROUP BY s.plan_id, p.part"
            )
        }

    def set_year_dates(self, plan_id: int, dates: YearDates) -> None:
        self.plan(plan_id)
        with self.transaction():
            self.upsert(
                "plan_year",
                {
                    "plan_id": plan_id,
                    "enrolled_on": _iso(dates.enrolled),
                    "matched_on": _iso(dates.matched),
                    "goals_on": _iso(dates.goals),
                },
                ("plan_id",),
            )
