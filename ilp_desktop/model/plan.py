"""A plan as the rest of the app sees it: who, which program, which year, how far along."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    role: str
    school: str = ""
    district: str = ""
    email: str = ""


@dataclass(frozen=True)
class Plan:
    id: int
    uid: str
    program: str
    teacher: Person | None
    coach: Person | None
    administrator: Person | None
    school: str
    district: str
    school_year: str
    start_date: dt.date
    stage: str
    current_step: str
    updated_at: str
    problems: tuple[str, ...] = ()  # why its details cannot be used as stored (model/plan_rules.py)
    template_version: str = ""  # the version of the program's template its answers are stored for

    @property
    def teacher_name(self) -> str:
        return self.teacher.name if self.teacher else ""

    def person(self, role: str) -> Person | None:
        return {"teacher": self.teacher, "coach": self.coach, "administrator": self.administrator}.get(role)


@dataclass(frozen=True)
class HistoryEntry:
    value: str
    saved_at: str


@dataclass(frozen=True)
class JournalEntry:
    id: int
    plan_id: int
    entry_date: dt.date
    title: str
    body: str
    link: str
    not_submitted: bool
    artifacts: tuple[Artifact, ...] = ()
    uid: str = ""  # the same entry on every computer (exchange)
    updated_at: str = ""


@dataclass(frozen=True)
class Artifact:
    id: int
    filename: str
    stored_name: str
    size: int
    mime: str
    explanation: str


@dataclass(frozen=True)
class Signature:
    """A wet-ink signature on one printed version, recorded back in the app."""

    id: int
    print_id: int
    role: str
    name: str
    signed_on: dt.date
    part: str
    fingerprint: str
    snapshot: str  # exactly what that printout said (see export.printed)


@dataclass(frozen=True)
class PrintRecord:
    """One printed (or exported) version of a part, by the fingerprint in its footer."""

    id: int
    plan_id: int
    part: str
    paper: str
    fingerprint: str
    printed_at: str
    snapshot: str


@dataclass(frozen=True)
class Conflict:
    """An answer changed on two computers to different words, waiting for the user to choose."""

    id: int
    plan_id: int
    key: str
    local: str
    remote: str
    base: str
