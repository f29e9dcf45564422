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
    others: tuple[tuple[str, Person], ...] = ()  # (role, person) for a program's other roles (a mentor)
    template_version: str = ""  # the version of the program's template its answers are stored for
    editions: tuple[tuple[str, str], ...] = ()  # (standards family, edition) it cites, e.g. ("cstp", "2024")

    @property
    def edition_of(self) -> dict[str, str]:
        return dict(self.editions)

    @property
    def teacher_name(self) -> str:
        return self.teacher.name if self.teacher else ""

    def person(self, role: str) -> Person | None:
        built_in = {"teacher": self.teacher, "coach": self.coach, "administrator": self.administrator}
        if role in built_in:
            return built_in[role]
        return dict(self.others).get(role)


BUILT_IN_ROLES = ("teacher", "coach", "administrator")  # the plans table's own columns; other roles: plan_people


@dataclass(frozen=True)
class StageOverride:
    """The plan's stage set by hand instead of by signatures: a deliberate, recorded act."""

    from_stage: str
    to_stage: str
    changed_by: str
    changed_at: str


@dataclass(frozen=True)
class PersonChange:
    """Someone else in one of the plan's roles (a new mentor, another site administrator): recorded with the
    computer it was made on and when, so that copies of the plan on other computers take the latest one."""

    role: str
    from_name: str
    name: str  # '' when nobody fills the role any more
    school: str
    district: str
    email: str
    changed_by: str
    changed_at: str


def latest_changes(changes: list[PersonChange]) -> dict[str, PersonChange]:
    """role → its latest change, ordered alike on every computer (by time, then by what it says)."""
    out: dict[str, PersonChange] = {}
    for c in sorted(changes, key=lambda c: (c.changed_at, c.name, c.school, c.district, c.email, c.changed_by)):
        out[c.role] = c
    return out


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
    """Something changed on two computers in different ways, waiting for the user to choose: an answer, a journal
    entry or an outcome row (`kind`). `local` is the version the plan holds now, `remote` the other one ('' for
    a deletion); journal entries and outcome rows hold their content as JSON."""

    id: int
    plan_id: int
    key: str
    local: str
    remote: str
    base: str
    kind: str = "answer"
    local_who: str = ""
    local_at: str = ""
    remote_who: str = ""
    remote_at: str = ""
