"""Moving a plan between a coach's and a teacher's computer as one file, with no server.

A bundle is a zip: `manifest.json` (format, version, and a SHA-256 of every
other file), `plan.json` (the whole plan: its people, answers with their full
history, journal, outcome data, printouts and signatures, conflicts waiting,
deletions, and the versions shared so far), `artifacts/…`, and `carried/…`:
the program template and resources the plan was written with. Importing checks
everything before changing anything. A plan both sides have is merged answer
by answer against the common ancestor found in both histories: an answer
changed on one side only takes that change; changed on both sides to
different words, the later one stays (on every computer alike) and the other
is kept as a conflict for the user to choose. The rest merges as
whole_plan.py says. Nothing is dropped, and importing the same bundle twice
changes nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import math
import os
import re
import uuid
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ilp_desktop import __version__
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.merge import HistoryRow, merge_answers, winner
from ilp_desktop.model.plan import BUILT_IN_ROLES, Conflict, Person
from ilp_desktop.model.plan_rules import plan_problems
from ilp_desktop.model.program_year import LogEntry, YearDates
from ilp_desktop.storage.bundle_schema import one_line, schema_problem
from ilp_desktop.storage.files import write_atomically
from ilp_desktop.storage.store import Store
from ilp_desktop.storage.sync_records import add_conflict, device
from ilp_desktop.storage.whole_plan import WholePlanReport, check_conflict, mark_shared, merge_sections, sections

ENCRYPTED = b"ILP-DESKTOP-ENCRYPTED-BUNDLE-1\n"  # then a 16-byte salt, then a Fernet token of the zip
FORMAT = "ilp-desktop-bundle"
VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1 carried answers, history, journal and outcome data only
SAFE_ARTIFACT = re.compile(r"^artifacts/[0-9a-f]{32}(\.[a-z0-9]{1,10})?$")
SAFE_CARRIED = re.compile(r"^carried/(forms|resources)/[a-z0-9][a-z0-9_-]{0,99}\.toml$")
MAX_MEMBERS = 10_000
# Limits a plan never reaches; a crafted file that would is refused before it is expanded.
MAX_BUNDLE_BYTES = 300 << 20
MAX_PLAN_BYTES = 64 << 20  # plan.json, manifest.json
MAX_MEMBER_BYTES = 100 << 20  # one attached file
MAX_TOTAL_BYTES = 200 << 20
MAX_RATIO = 100  # text compresses about 3-10 times; a zip bomb thousands


@dataclass(frozen=True)
class Bundle:
    """A bundle read_bundle() has checked: its plan, and the checksums of its attached files. The files stay in
    the bundle until they are stored, read from it in pieces, so a large attachment is never held in memory."""

    doc: dict
    digests: dict[str, str]  # member name → SHA-256, as the manifest lists and the member was found to have
    source: Path = field(compare=False)
    decrypted: bytes | None = field(default=None, compare=False, repr=False)  # Fernet decrypts only as a whole

    def open(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(io.BytesIO(self.decrypted) if self.decrypted is not None else self.source)


def _member_digest(z: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    with z.open(name) as member:
        while chunk := member.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class ImportReport:
    plan_id: int
    created: bool = False
    taken: list[str] = field(default_factory=list)  # answers updated from the bundle
    conflicts: list[str] = field(default_factory=list)  # answers, entries and rows changed on both sides
    rest: WholePlanReport = field(default_factory=WholePlanReport)
    log_added: int = 0
    sender: str = ""  # the computer that wrote the bundle, by its name
    carried: dict[str, bytes] = field(default_factory=dict)  # the template and resources it came with

    @property
    def changed(self) -> bool:
        r = self.rest
        return bool(
            self.created
            or self.taken
            or self.conflicts
            or self.log_added
            or r.journal_added
            or r.journal_updated
            or r.deleted
        ) or bool(r.outcome_rows or r.signatures or r.stage or r.people)

    def describe(self) -> str:
        if self.created:
            return f"added plan {self.plan_id}"
        r = self.rest
        parts = [_count(len(self.taken), "answer") + " updated", _count(r.journal_added, "journal entry") + " added"]
        for n, one, many in (
            (r.journal_updated, "journal entry updated", "journal entries updated"),
            (r.deleted, "entry or row deleted", "entries or rows deleted"),
            (r.outcome_rows, "outcome row changed", "outcome rows changed"),
            (r.signatures, "signature added", "signatures added"),
        ):
            if n:
                parts.append(f"{n} {one if n == 1 else many}")
        if self.log_added:
            parts.append(_count(self.log_added, "log entry") + " added")
        if r.stage:
            parts.append(f"stage now {r.stage}")
        if r.people:
            parts.append("someone else now in the role of " + ", ".join(r.people))
        if self.conflicts:
            parts.append(
                _count(len(self.conflicts), "change") + " made on both computers – kept both, choose in the app"
            )
        return f"merged into plan {self.plan_id}: " + ", ".join(parts)


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------------ export
def _person(p: Person | None) -> dict | None:
    return None if p is None else {"name": p.name, "school": p.school, "district": p.district, "email": p.email}


def _plan_document(store: Store, plan_id: int) -> tuple[dict, dict[str, Path]]:
    plan = store.plan(plan_id)
    files: dict[str, Path] = {}
    journal = []
    for e in store.journal(plan_id):
        artifacts = []
        for a in e.artifacts:
            path = store.artifact_path(a)
            if path.exists():  # a vanished copy is left out, not fatal
                files[f"artifacts/{a.stored_name}"] = path
                artifacts.append(
                    {
                        "filename": a.filename,
                        "stored_name": a.stored_name,
                        "size": a.size,
                        "mime": a.mime,
                        "explanation": a.explanation,
                    }
                )
        journal.append(
            {
                "uid": e.uid,
                "entry_date": e.entry_date.isoformat(),
                "title": e.title,
                "body": e.body,
                "link": e.link,
                "not_submitted": e.not_submitted,
                "updated_at": e.updated_at,
                "artifacts": artifacts,
            }
        )
    outcomes = store.outcome_data(plan_id)
    dates = store.year_dates(plan_id).get(plan_id)
    doc = {
        "plan": {
            "uid": plan.uid,
            "program": plan.program,
            "school": plan.school,
            "district": plan.district,
            "school_year": plan.school_year,
            "start_date": plan.start_date.isoformat(),
            "stage": plan.stage,
            "editions": dict(plan.editions),  # the standards it cites (CSTP 2009 or 2024)
            "template_version": plan.template_version,  # its answers are stored for this version
        },
        "people": {role: _person(plan.person(role)) for role in (*BUILT_IN_ROLES, *dict(plan.others))},
        "values": store.values(plan_id),
        "history": [list(row) for row in store.history_rows(plan_id)],
        "journal": journal,
        "measures": [
            {"outcome": outcome, "student": m.student, "student_group": m.group, "pre": m.pre, "post": m.post}
            for outcome, (_, measures) in outcomes.items()
            for m in measures
        ],
        "targets": [
            {"outcome": outcome, "share": t.share, "rule": t.rule, "amount": t.amount}
            for outcome, (t, _) in outcomes.items()
            if t is not None
        ],
        "log": [
            {"uid": e.uid, **store.log_row(e), "released": e.released, "updated_at": e.updated_at}
            for e in store.log_entries(plan_id)
        ],
        "year": {} if dates is None else year_dates_document(dates),
    }
    return doc, files


def year_dates_document(dates: YearDates) -> dict[str, str]:
    return {
        key: day.isoformat()
        for key, day in (("enrolled_on", dates.enrolled), ("matched_on", dates.matched), ("goals_on", dates.goals))
        if day is not None
    }


def log_entry(e: dict, plan_id: int = 0) -> LogEntry:
    """A log entry as a bundle carries it (checked by the schema)."""
    return LogEntry(
        0,
        plan_id,
        e["uid"],
        dt.date.fromisoformat(e["entry_date"]),
        e["minutes"],
        e["kind"],
        e.get("standards", ""),
        e.get("notes", ""),
        bool(e.get("released")),
        e.get("next_steps", ""),
        e.get("artifacts", ""),
        e.get("updated_at", ""),
    )


def bundle_year_dates(doc: dict) -> YearDates:
    year = doc.get("year", {})
    return YearDates(
        *(dt.date.fromisoformat(year[k]) if year.get(k) else None for k in ("enrolled_on", "matched_on", "goals_on"))
    )


def _key(password: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return base64.urlsafe_b64encode(Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(password.encode("utf-8")))


def _encrypt(data: bytes, password: str) -> bytes:
    from cryptography.fernet import Fernet

    salt = os.urandom(16)
    return ENCRYPTED + salt + Fernet(_key(password, salt)).encrypt(data)


def _decrypt(data: bytes, password: str | None, name: str) -> bytes:
    from cryptography.fernet import Fernet, InvalidToken

    if password is None:
        raise PasswordNeeded(f"{name} is protected by a password")
    salt, token = data[len(ENCRYPTED) : len(ENCRYPTED) + 16], data[len(ENCRYPTED) + 16 :]
    try:
        return Fernet(_key(password, salt)).decrypt(token)
    except (InvalidToken, ValueError):
        raise UserError(f"the password does not open {name} (or the file is damaged)") from None


class PasswordNeeded(UserError):
    """The bundle is encrypted and no password was given: ask for one."""


def whole_plan(store: Store, plan_id: int, sender: tuple[str, str] | None = None) -> tuple[dict, dict[str, Path]]:
    """The plan as a bundle carries it (plan.json's document), and the attached files by member name."""
    doc, files = _plan_document(store, plan_id)
    doc |= sections(store, plan_id, doc)
    if sender is not None:
        doc["sender"] = {"id": sender[0], "name": sender[1][:200]}
    return doc, files


def export_bundle(
    store: Store,
    plan_id: int | str,
    target: Path,
    password: str | None = None,
    carried: dict[str, Path] | None = None,
    sender: tuple[str, str] | None = None,
) -> Path:
    """Write the whole plan into `target`; `carried` adds the template and resources (member name → file),
    `sender` names this computer (id, name)."""
    plan_id = store.plan(plan_id).id
    doc, files = whole_plan(store, plan_id, sender)
    files |= carried or {}
    plan_json = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    def write(path: Path) -> None:
        checksums = {"plan.json": _sha(plan_json)}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("plan.json", plan_json)
            for name, source in files.items():
                with source.open("rb") as file:
                    checksums[name] = hashlib.file_digest(file, "sha256").hexdigest()
                z.write(source, name)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "app": __version__,
                "created": dt.datetime.now(dt.UTC).isoformat(),
                "plan_uid": doc["plan"]["uid"],
                "files": checksums,
            }
            z.writestr("manifest.json", json.dumps(manifest, indent=1))
        if password:
            path.write_bytes(_encrypt(path.read_bytes(), password))

    write_atomically(target, write)
    if not store.read_only:
        mark_shared(store, plan_id, doc)
    return target


# ------------------------------------------------------------------ import
def read_bundle(path: Path, password: str | None = None) -> Bundle:
    """Everything in the bundle, checked: a damaged, truncated, tampered, foreign or oversized file is refused.

    Sizes are checked against the limits before a member is read (zipfile never reads past a member's declared
    size), so a small file that would expand to gigabytes is refused without expanding it; members are hashed
    in pieces, and only the plan itself is held in memory."""
    decrypted = None
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise UserError(f"{path.name} is larger than {MAX_BUNDLE_BYTES >> 20} MB, more than any plan holds")
        with path.open("rb") as file:
            protected = file.read(len(ENCRYPTED)) == ENCRYPTED
        if protected:
            decrypted = _decrypt(path.read_bytes(), password, path.name)
    except OSError as exc:
        raise UserError(f"{path.name} cannot be read as an exchange file ({exc.strerror or exc})") from None
    bundle = Bundle({}, {}, path, decrypted)
    try:
        with bundle.open() as z:
            infos = z.infolist()
            names = [i.filename for i in infos]
            if len(names) > MAX_MEMBERS or "manifest.json" not in names:
                raise UserError(f"{path.name} is not an ILP Desktop exchange file (no manifest)")
            _check_sizes(path.name, infos)
            manifest = _json(z.read("manifest.json"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise UserError(f"{path.name} is not an ILP Desktop exchange file")
            if manifest.get("version") not in READABLE_VERSIONS:
                raise UserError(
                    f"{path.name} was made by a different version of ILP Desktop (bundle version "
                    f"{manifest.get('version')}); please update the app"
                )
            for name in names:  # nothing outside the bundle's own layout, e.g. "../" paths
                if name not in ("manifest.json", "plan.json") and not (
                    SAFE_ARTIFACT.match(name) or SAFE_CARRIED.match(name)
                ):
                    raise UserError(f"{path.name} contains an unexpected file name: {name!r}")
            listed = manifest.get("files")
            if not isinstance(listed, dict) or set(listed) != set(names) - {"manifest.json"}:
                raise UserError(f"{path.name} does not contain exactly the files its manifest lists")
            for name, digest in listed.items():
                if _member_digest(z, name) != digest:
                    raise UserError(f"{path.name} has been changed or damaged: the checksum of {name} does not match")
            plan_json = z.read("plan.json")
    except UserError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        KeyError,
        ValueError,
        NotImplementedError,
        RuntimeError,  # RecursionError included: a manifest nested thousands deep
        zlib.error,  # a damaged deflate stream inside a member
    ) as exc:
        raise UserError(f"{path.name} cannot be read as an exchange file ({exc.__class__.__name__}: {exc})") from None
    try:
        doc = _json(plan_json)
    except RecursionError:
        raise UserError(f"{path.name} holds a plan that cannot be read (it is nested too deeply)") from None
    except ValueError as exc:
        raise UserError(f"{path.name} holds a plan that cannot be read ({one_line(str(exc))})") from None
    problem = schema_problem(doc)
    if problem:
        raise UserError(f"{path.name} holds a plan that cannot be read ({problem})")
    try:
        _check_document(doc)
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{path.name} holds a plan that cannot be read ({one_line(str(exc))})") from None
    return Bundle(doc, {name: d for name, d in listed.items() if name != "plan.json"}, path, decrypted)


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e999
        raise ValueError(f"{text} is not a number a plan can hold")
    return number


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a plan can hold")


# A \u escape of half a character (a surrogate): paired in an emoji written as escapes, alone only in a crafted
# or damaged file.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _json(data: bytes) -> Any:
    """JSON as the standard defines it: Python's reader also takes NaN and Infinity, which no score can be, and
    half a character (an unpaired surrogate), which no text can hold and the data file cannot store."""
    doc = json.loads(data, parse_float=_finite, parse_constant=_refuse_constant)
    if _SURROGATE_ESCAPE.search(data):
        try:
            json.dumps(doc, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("it holds text that is not valid Unicode (half of a character)") from None
    return doc


def _check_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse by the sizes the zip declares, before anything is expanded."""
    total = 0
    for info in infos:
        limit = MAX_PLAN_BYTES if info.filename in ("manifest.json", "plan.json") else MAX_MEMBER_BYTES
        if info.file_size > limit:
            raise UserError(f"{name}: {info.filename} is larger than {limit >> 20} MB")
        if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise UserError(f"{name}: {info.filename} expands more than {MAX_RATIO} times; it was not opened")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise UserError(f"{name} expands to more than {MAX_TOTAL_BYTES >> 20} MB, more than any plan holds")


def _check_document(doc: dict) -> None:
    plan = doc["plan"]
    for key in ("uid", "program", "school_year", "start_date", "stage"):
        if not isinstance(plan[key], str):
            raise TypeError(f"plan.{key} must be text")
    uuid.UUID(plan["uid"])
    problems = plan_problems(plan["school_year"], plan["stage"], dt.date.fromisoformat(plan["start_date"]))
    if problems:
        raise ValueError("; ".join(problems))
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in doc["values"].items()):
        raise TypeError("values must be text")
    for entry in doc["history"]:
        if len(entry) != 3 or not all(isinstance(x, str) for x in entry):
            raise TypeError("history entries are [key, value, saved_at]")
    for e in doc["journal"]:
        uuid.UUID(e["uid"])
        dt.date.fromisoformat(e["entry_date"])
    for e in doc.get("log", []):
        uuid.UUID(e["uid"])
        dt.date.fromisoformat(e["entry_date"])
    bundle_year_dates(doc)  # a 2026-02-30 is refused here
    for c in doc.get("conflicts", []):
        check_conflict(c)


def import_bundle(store: Store, path: Path, password: str | None = None) -> ImportReport:
    return apply_bundle(store, read_bundle(path, password))  # all checks first: a refused file changes nothing


def apply_bundle(store: Store, bundle: Bundle, parts: Sequence[str] = ()) -> ImportReport:
    """Store a bundle read_bundle() has checked: a new plan, or a merge into the plan with its uid.

    `parts` are the part ids of the plan's program here, which order its stages.
    """
    doc = bundle.doc
    existing = store.plan_id_for_uid(doc["plan"]["uid"])
    sender = doc.get("sender", {}).get("name", "") or "the other computer"
    try:
        with store.transaction(), bundle.open() as z:  # all or nothing
            report = _create(store, doc) if existing is None else _merge(store, existing, doc, sender)
            local_doc = _plan_document(store, report.plan_id)[0] if existing is not None else {"journal": []}
            report.rest = merge_sections(store, report.plan_id, local_doc, doc, z, bundle.digests, sender, parts)
            report.conflicts += report.rest.conflicts
            _program_year(store, report, doc)
            report.sender = sender
            report.carried = {n: z.read(n) for n in z.namelist() if SAFE_CARRIED.match(n)}
    except (OSError, zipfile.BadZipFile, zlib.error) as exc:
        raise UserError(f"{bundle.source.name} could not be read again to store its files ({exc})") from None
    return report


def _create(store: Store, doc: dict) -> ImportReport:
    p = doc["plan"]
    ids = {
        role: store.add_person(
            person["name"], role, person.get("school", ""), person.get("district", ""), person.get("email", "")
        )
        for role, person in doc["people"].items()
        if person
    }
    plan_id = store.create_plan(
        p["program"],
        ids.get("teacher"),
        p["school_year"],
        dt.date.fromisoformat(p["start_date"]),
        coach_id=ids.get("coach"),
        administrator_id=ids.get("administrator"),
        school=p.get("school", ""),
        district=p.get("district", ""),
        stage=p["stage"],
        uid=p["uid"],
        template_version=p.get("template_version", ""),
    )
    for role, person_id in ids.items():
        if role not in BUILT_IN_ROLES:
            store.set_role_person(plan_id, role, person_id)
    _editions(store, plan_id, doc)
    store.set_answers(plan_id, doc["values"])
    store.add_history(plan_id, [(k, v, t) for k, v, t in doc["history"]])
    return ImportReport(plan_id, created=True)


def _editions(store: Store, plan_id: int, doc: dict) -> None:
    """The editions of standards the sender's plan cites; one already chosen here stays."""
    chosen = store.plan(plan_id).edition_of
    for family, edition in doc["plan"].get("editions", {}).items():
        if family not in chosen:
            store.set_edition(plan_id, family, edition)


def _saved_at(history: list[HistoryRow], key: str, value: str) -> str:
    """When this wording of the answer was last saved on that side ('' when its history does not say)."""
    return max((t for k, v, t in history if k == key and v == value), default="")


def _merge(store: Store, plan_id: int, doc: dict, sender: str) -> ImportReport:
    report = ImportReport(plan_id)
    _editions(store, plan_id, doc)
    local_history = store.history_rows(plan_id)
    remote_history: list[HistoryRow] = [(k, v, t) for k, v, t in doc["history"]]
    local = store.values(plan_id)
    taken, conflicts = merge_answers(local, doc["values"], local_history, remote_history)
    me = device(store)[1]
    for key, (mine, theirs, base) in conflicts.items():
        # The later wording stays, on both computers alike; the other waits beside it.
        ours = (_saved_at(local_history, key, mine), mine)
        other = (_saved_at(remote_history, key, theirs), theirs)
        if winner(ours, other) == 1:
            ours, other, who = other, ours, (sender, me)
            taken[key] = theirs
        else:
            who = (me, sender)
        conflict = Conflict(0, plan_id, key, ours[1], other[1], base, "answer", who[0], ours[0], who[1], other[0])
        if add_conflict(store, plan_id, conflict):
            report.conflicts.append(key)
    store.set_answers(plan_id, taken)
    report.taken = sorted(taken)
    # Both histories, so the next exchange finds this common ancestor and nothing is forgotten.
    have = set(local_history)
    store.add_history(plan_id, [row for row in remote_history if row not in have])
    return report


def _program_year(store: Store, report: ImportReport, doc: dict) -> None:
    """Log entries are matched by uid, the newer edit wins; a date recorded on one side only is taken."""
    known = store.log_versions()
    new: dict[str, tuple[LogEntry, str | None, str | None]] = {}
    for e in doc.get("log", []):
        entry = log_entry(e, report.plan_id)
        if e["uid"] not in known:
            new[e["uid"]] = (entry, e["uid"], entry.updated_at or None)
            continue
        plan_id, entry_id, updated_at = known[e["uid"]]
        # An entry of another plan here is never written from this plan's bundle (a crafted or copied uid).
        if plan_id == report.plan_id and entry.updated_at > updated_at:
            store.update_log_entry(replace(entry, id=entry_id), updated_at=entry.updated_at)
    if new:  # a uid listed twice in one bundle is one entry
        store.add_log_entries(report.plan_id, list(new.values()))
        report.log_added += len(new)
    if doc.get("year"):
        local = store.year_dates(report.plan_id).get(report.plan_id, YearDates())
        remote = bundle_year_dates(doc)
        merged = YearDates(
            local.enrolled or remote.enrolled, local.matched or remote.matched, local.goals or remote.goals
        )
        if merged != local:
            store.set_year_dates(report.plan_id, merged)
