"""Moving a plan between a coach's and a teacher's computer as one file, with no server.

A bundle is a zip: `manifest.json` (format, version, and a SHA-256 of every
other file), `plan.json` (the plan, its people, answers with their full
history, journal, outcome data) and `artifacts/…`. Importing checks
everything before changing anything. A plan both sides have is merged answer
by answer against the common ancestor found in both histories: an answer
changed on one side only takes that change; changed on both sides to
different words, the local one stays and the other is kept as a conflict for
the user to choose. Nothing is dropped, and importing the same bundle twice
changes nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ilp_desktop import __version__
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.plan import Person
from ilp_desktop.storage.files import write_atomically
from ilp_desktop.storage.store import ARTIFACTS_DIR, Store

ENCRYPTED = b"ILP-DESKTOP-ENCRYPTED-BUNDLE-1\n"  # then a 16-byte salt, then a Fernet token of the zip
FORMAT = "ilp-desktop-bundle"
VERSION = 1
SAFE_ARTIFACT = re.compile(r"^artifacts/[0-9a-f]{32}(\.[a-z0-9]{1,10})?$")
MAX_MEMBERS = 10_000


@dataclass
class ImportReport:
    plan_id: int
    created: bool = False
    taken: list[str] = field(default_factory=list)  # answers updated from the bundle
    conflicts: list[str] = field(default_factory=list)  # answers changed on both sides
    journal_added: int = 0

    def describe(self) -> str:
        if self.created:
            return f"added plan {self.plan_id}"
        parts = [_count(len(self.taken), "answer") + " updated", _count(self.journal_added, "journal entry") + " added"]
        if self.conflicts:
            parts.append(
                _count(len(self.conflicts), "answer") + " changed on both computers – kept both, choose in the app"
            )
        return f"merged into plan {self.plan_id}: " + ", ".join(parts)


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------------ export
def person(p: Person | None) -> dict | None:
    return None if p is None else {"name": p.name, "school": p.school, "district": p.district, "email": p.email}


def _plan_document(store: Store, plan_id: int) -> tuple[dict, dict[str, Path]]:
    plan = store.plan(plan_id)
    db = store.db
    files: dict[str, Path] = {}
    journal = []
    for e in store.journal(plan_id):
        row = db["journal_entries"].get(e.id)
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
                "uid": row["uid"],
                "entry_date": row["entry_date"],
                "title": e.title,
                "body": e.body,
                "link": e.link,
                "not_submitted": e.not_submitted,
                "updated_at": row["updated_at"],
                "artifacts": artifacts,
            }
        )
    doc = {
        "plan": {
            "uid": plan.uid,
            "program": plan.program,
            "school": plan.school,
            "district": plan.district,
            "school_year": plan.school_year,
            "start_date": plan.start_date.isoformat(),
            "stage": plan.stage,
        },
        "people": {role: person(plan.person(role)) for role in ("teacher", "coach", "administrator")},
        "values": store.values(plan_id),
        "history": [
            [r["key"], r["value"], r["saved_at"]]
            for r in db["field_history"].rows_where("plan_id = ?", [plan_id], order_by="id")
        ],
        "journal": journal,
        "measures": [
            {k: r[k] for k in ("outcome", "student", "student_group", "pre", "post")}
            for r in db["outcome_measures"].rows_where("plan_id = ?", [plan_id], order_by="id")
        ],
        "targets": [
            {k: r[k] for k in ("outcome", "share", "rule", "amount")}
            for r in db["outcome_targets"].rows_where("plan_id = ?", [plan_id])
        ],
    }
    return doc, files


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


def export_bundle(store: Store, plan_id: int | str, target: Path, password: str | None = None) -> Path:
    plan_id = store.plan(plan_id).id
    doc, files = _plan_document(store, plan_id)
    plan_json = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    def write(path: Path) -> None:
        checksums = {"plan.json": _sha(plan_json)}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("plan.json", plan_json)
            for name, source in files.items():
                data = source.read_bytes()
                checksums[name] = _sha(data)
                z.writestr(name, data)
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
    return target


# ------------------------------------------------------------------ import
def read_bundle(path: Path, password: str | None = None) -> tuple[dict, dict[str, bytes]]:
    """Everything in the bundle, checked: a damaged, truncated, tampered or foreign file is refused."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path.name} cannot be read as an exchange file ({exc.strerror or exc})") from None
    if raw.startswith(ENCRYPTED):
        raw = _decrypt(raw, password, path.name)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            names = z.namelist()
            if len(names) > MAX_MEMBERS or "manifest.json" not in names:
                raise UserError(f"{path.name} is not an ILP Desktop exchange file (no manifest)")
            manifest = json.loads(z.read("manifest.json"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise UserError(f"{path.name} is not an ILP Desktop exchange file")
            if manifest.get("version") != VERSION:
                raise UserError(
                    f"{path.name} was made by a different version of ILP Desktop (bundle version "
                    f"{manifest.get('version')}); please update the app"
                )
            for name in names:  # nothing outside the bundle's own layout, e.g. "../" paths
                if name not in ("manifest.json", "plan.json") and not SAFE_ARTIFACT.match(name):
                    raise UserError(f"{path.name} contains an unexpected file name: {name!r}")
            listed = manifest.get("files")
            if not isinstance(listed, dict) or set(listed) != set(names) - {"manifest.json"}:
                raise UserError(f"{path.name} does not contain exactly the files its manifest lists")
            contents = {}
            for name, digest in listed.items():
                data = z.read(name)
                if _sha(data) != digest:
                    raise UserError(f"{path.name} has been changed or damaged: the checksum of {name} does not match")
                contents[name] = data
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
        RuntimeError,
    ) as exc:
        raise UserError(f"{path.name} cannot be read as an exchange file ({exc.__class__.__name__}: {exc})") from None
    try:
        doc = json.loads(contents["plan.json"])
        _check_document(doc)
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{path.name} holds a plan that cannot be read ({exc})") from None
    return doc, contents


def _check_document(doc: dict) -> None:
    plan = doc["plan"]
    for key in ("uid", "program", "school_year", "start_date", "stage"):
        if not isinstance(plan[key], str):
            raise TypeError(f"plan.{key} must be text")
    uuid.UUID(plan["uid"])
    dt.date.fromisoformat(plan["start_date"])
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in doc["values"].items()):
        raise TypeError("values must be text")
    for entry in doc["history"]:
        if len(entry) != 3 or not all(isinstance(x, str) for x in entry):
            raise TypeError("history entries are [key, value, saved_at]")
    for e in doc["journal"]:
        uuid.UUID(e["uid"])
        dt.date.fromisoformat(e["entry_date"])


def common_ancestor(key: str, local: list[tuple[str, str, str]], remote: list[tuple[str, str, str]]) -> str | None:
    """The newest wording of an answer that both histories hold (same words, same moment)."""
    shared = {h for h in local if h[0] == key} & {h for h in remote if h[0] == key}
    return max(shared, key=lambda h: h[2])[1] if shared else None


def merge_value(local: str | None, remote: str | None, base: str | None) -> tuple[str, str | None]:
    """('keep' | 'take' | 'conflict', value to take). Three-way: one-sided changes win."""
    if local == remote or remote is None:
        return "keep", None
    if local is None or local == base:
        return "take", remote
    if remote == base:
        return "keep", None
    return "conflict", remote


def import_bundle(store: Store, path: Path, password: str | None = None) -> ImportReport:
    doc, contents = read_bundle(path, password)  # all checks first: a refused file changes nothing
    existing = store.db.execute("SELECT id FROM plans WHERE uid = ?", [doc["plan"]["uid"]]).fetchone()
    with store._write():
        report = _create(store, doc) if existing is None else _merge(store, existing[0], doc)
        _journal(store, report, doc, contents)
    return report


def _create(store: Store, doc: dict) -> ImportReport:
    db, p, stamp = store.db, doc["plan"], store._now()
    ids = {}
    for role, person in doc["people"].items():
        if person:
            ids[role] = (
                db["people"]
                .insert(
                    {
                        "name": person["name"],
                        "role": role,
                        "school": person.get("school", ""),
                        "district": person.get("district", ""),
                        "email": person.get("email", ""),
                        "created_at": stamp,
                    }
                )
                .last_pk
            )
    plan_id = (
        db["plans"]
        .insert(
            {
                "uid": p["uid"],
                "program": p["program"],
                "teacher_id": ids.get("teacher"),
                "coach_id": ids.get("coach"),
                "administrator_id": ids.get("administrator"),
                "school": p.get("school", ""),
                "district": p.get("district", ""),
                "school_year": p["school_year"],
                "start_date": p["start_date"],
                "stage": p["stage"],
                "current_step": "",
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        .last_pk
    )
    db["field_values"].insert_all(
        {"plan_id": plan_id, "key": k, "value": v, "updated_at": stamp} for k, v in doc["values"].items()
    )
    db["field_history"].insert_all(
        {"plan_id": plan_id, "key": k, "value": v, "saved_at": t} for k, v, t in doc["history"]
    )
    db["outcome_measures"].insert_all({"plan_id": plan_id, **m} for m in doc.get("measures", []))
    db["outcome_targets"].insert_all(
        ({"plan_id": plan_id, **t} for t in doc.get("targets", [])), pk=("plan_id", "outcome"), replace=True
    )
    return ImportReport(plan_id, created=True)


def _merge(store: Store, plan_id: int, doc: dict) -> ImportReport:
    db, stamp, report = store.db, store._now(), ImportReport(plan_id)
    local_values = store.values(plan_id)
    local_history = [
        (r["key"], r["value"], r["saved_at"]) for r in db["field_history"].rows_where("plan_id = ?", [plan_id])
    ]
    remote_history = [tuple(h) for h in doc["history"]]
    for key in sorted(set(local_values) | set(doc["values"])):
        local, remote = local_values.get(key), doc["values"].get(key)
        base = common_ancestor(key, local_history, remote_history)
        action, value = merge_value(local, remote, base)
        if action == "take":
            store.upsert(
                "field_values",
                {"plan_id": plan_id, "key": key, "value": value, "updated_at": stamp},
                ("plan_id", "key"),
            )
            report.taken.append(key)
        elif action == "conflict":
            known = db.execute(
                "SELECT 1 FROM conflicts WHERE plan_id = ? AND key = ? AND remote = ? AND resolved = 0",
                [plan_id, key, value],
            ).fetchone()
            if not known:
                db["conflicts"].insert(
                    {
                        "plan_id": plan_id,
                        "key": key,
                        "local": local or "",
                        "remote": value,
                        "base": base or "",
                        "found_at": stamp,
                        "resolved": 0,
                    }
                )
            report.conflicts.append(key)
    # Both histories, so the next exchange finds this common ancestor and nothing is forgotten.
    have = set(local_history)
    db["field_history"].insert_all(
        {"plan_id": plan_id, "key": k, "value": v, "saved_at": t} for k, v, t in remote_history if (k, v, t) not in have
    )
    return report


def _journal(store: Store, report: ImportReport, doc: dict, contents: dict[str, bytes]) -> None:
    db = store.db
    folder = store.folder / ARTIFACTS_DIR
    for e in doc["journal"]:
        if db.execute("SELECT 1 FROM journal_entries WHERE uid = ?", [e["uid"]]).fetchone():
            continue  # entries are added, never overwritten: an edited entry stays as it is locally
        entry_id = (
            db["journal_entries"]
            .insert(
                {
                    "plan_id": report.plan_id,
                    "uid": e["uid"],
                    "entry_date": e["entry_date"],
                    "title": e.get("title", ""),
                    "body": e.get("body", ""),
                    "link": e.get("link", ""),
                    "not_submitted": int(bool(e.get("not_submitted"))),
                    "created_at": store._now(),
                    "updated_at": e.get("updated_at", store._now()),
                }
            )
            .last_pk
        )
        for a in e.get("artifacts", []):
            name = f"artifacts/{a['stored_name']}"
            if name not in contents:
                continue
            folder.mkdir(mode=0o700, exist_ok=True)
            (folder / a["stored_name"]).write_bytes(contents[name])
            db["artifacts"].insert(
                {
                    "entry_id": entry_id,
                    "filename": a["filename"],
                    "stored_name": a["stored_name"],
                    "size": a.get("size", len(contents[name])),
                    "mime": a.get("mime", ""),
                    "explanation": a.get("explanation", ""),
                    "added_at": store._now(),
                }
            )
        report.journal_added += 1


def open_conflicts(store: Store, plan_id: int) -> list[dict]:
    return list(store.db["conflicts"].rows_where("plan_id = ? AND resolved = 0", [plan_id], order_by="id"))


def resolve_conflict(store: Store, conflict_id: int, take_remote: bool) -> None:
    row = store.db["conflicts"].get(conflict_id)
    if take_remote:
        store.save(row["plan_id"], {row["key"]: row["remote"]})
    with store._write():
        store.db["conflicts"].update(conflict_id, {"resolved": 1})
