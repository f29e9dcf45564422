"""The parts of a plan beyond its answers, as they travel in a bundle and merge on arrival.

Journal entries, outcome rows and outcome targets merge by uid against their common ancestors (the versions
both sides have held, by content hash); a deletion travels with the versions it covers, so it wins over an
unchanged copy and is surfaced against an edited one. Printouts and signatures are a union (a signed part
stays locked on every copy), the stage goes as far as either copy got unless one of them set it by hand later
(stages set by hand travel too), and conflicts travel too, so every copy ends up holding the same plan with the
same choices waiting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ilp_desktop.model.merge import Item, merge_items
from ilp_desktop.model.outcomes import Measure, Target
from ilp_desktop.model.plan import Artifact, Conflict, PersonChange, StageOverride, latest_changes
from ilp_desktop.model.stages import merged_stage
from ilp_desktop.storage import sync_records as records
from ilp_desktop.storage.store import Store

KINDS = ("journal", "measure", "target")


@dataclass
class WholePlanReport:
    """What merging the parts beyond the answers changed, counted for the user."""

    journal_added: int = 0
    journal_updated: int = 0
    deleted: int = 0
    outcome_rows: int = 0
    signatures: int = 0
    conflicts: list[str] = field(default_factory=list)  # what waits for a choice, in words
    stage: str = ""  # the stage the plan moved to, when it moved
    people: list[str] = field(default_factory=list)  # the roles someone else now fills


# ------------------------------------------------------------------ content of each item
def _text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _attachment(a: dict) -> tuple[str, int, str]:
    """What tells a journal entry's attachments apart in a bundle: its name, size and explanation."""
    return a["filename"], a.get("size", 0), a.get("explanation", "")


def journal_content(e: dict) -> str:
    return _text(
        {
            "entry_date": e["entry_date"],
            "title": e.get("title", ""),
            "body": e.get("body", ""),
            "link": e.get("link", ""),
            "not_submitted": bool(e.get("not_submitted")),
            "artifacts": sorted(list(_attachment(a)) for a in e.get("artifacts", [])),
        }
    )


def _measure_items(measures: list[dict]) -> dict[str, Item]:
    # A pseudonym listed twice under one outcome stays two rows: the uid counts its occurrences.
    seen: dict[tuple[str, str], int] = {}
    out = {}
    for m in measures:
        n = seen[m["outcome"], m["student"]] = seen.get((m["outcome"], m["student"]), 0) + 1
        uid = _text([m["outcome"], m["student"], n])
        out[uid] = Item(_text({"group": m.get("student_group") or "", "pre": m.get("pre"), "post": m.get("post")}))
    return out


def doc_items(doc: dict) -> dict[str, dict[str, Item]]:
    """kind → uid → item, as a bundle's plan document holds them."""
    return {
        "journal": {e["uid"]: Item(journal_content(e), e.get("updated_at") or "") for e in doc.get("journal", [])},
        "measure": _measure_items(doc.get("measures", [])),
        "target": {
            _text([t["outcome"]]): Item(_text({"share": t["share"], "rule": t["rule"], "amount": t["amount"]}))
            for t in doc.get("targets", [])
        },
    }


# ----------------------------------------------------------------------------- sending
def sections(store: Store, plan_id: int, doc: dict) -> dict:
    """What a bundle carries beyond answers and journal: shared versions, deletions, conflicts, printouts."""
    note_deletions(store, plan_id, doc)
    held = doc_items(doc)
    known = {kind: records.versions(store, plan_id, kind) for kind in KINDS}
    for kind in KINDS:
        for uid, item in held[kind].items():
            known[kind].setdefault(uid, set()).add(item.hash)
    return {
        "versions": {kind: {uid: sorted(h) for uid, h in known[kind].items()} for kind in KINDS},
        "deleted": {
            kind: {
                uid: {"versions": sorted(h), "deleted_at": at}
                for uid, (h, at) in records.deletions(store, plan_id, kind).items()
            }
            for kind in KINDS
        },
        "conflicts": [
            {
                "kind": c.kind,
                "key": c.key,
                "local": c.local,
                "remote": c.remote,
                "base": c.base,
                "local_who": c.local_who,
                "local_at": c.local_at,
                "remote_who": c.remote_who,
                "remote_at": c.remote_at,
                "resolved": resolved,
            }
            for c, resolved in records.all_conflicts(store, plan_id)
        ],
        "prints": [
            {
                "part": r.part,
                "paper": r.paper,
                "fingerprint": r.fingerprint,
                "printed_at": r.printed_at,
                "snapshot": r.snapshot,
                "signatures": [
                    {"role": s.role, "name": s.name, "signed_on": s.signed_on.isoformat()}
                    for s in store.signatures(plan_id)
                    if s.print_id == r.id
                ],
            }
            for r in store.print_records(plan_id)
        ],
        "stage_overrides": [dataclasses.asdict(o) for o in store.stage_overrides(plan_id)],
        "people_changes": [dataclasses.asdict(c) for c in store.people_changes(plan_id)],
    }


def note_deletions(store: Store, plan_id: int, doc: dict) -> None:
    """Items once shared and no longer here were deleted here: remember it, so the deletion travels."""
    if store.read_only:
        return
    held = doc_items(doc)
    for kind in KINDS:
        known = records.deletions(store, plan_id, kind)
        now = store.clock().isoformat()
        gone = {
            uid: (hashes, now)
            for uid, hashes in records.versions(store, plan_id, kind).items()
            if uid not in held[kind] and not hashes <= known.get(uid, (set(), ""))[0]
        }
        records.add_deletions(store, plan_id, kind, gone)


def mark_shared(store: Store, plan_id: int, doc: dict) -> None:
    """Every version just sent is one another computer may now hold: a common ancestor from now on."""
    for kind, items in doc_items(doc).items():
        records.add_versions(store, plan_id, kind, {uid: {item.hash} for uid, item in items.items()})


# --------------------------------------------------------------------------- receiving
def merge_sections(
    store: Store,
    plan_id: int,
    local_doc: dict,
    doc: dict,
    z: zipfile.ZipFile,
    digests: dict[str, str],
    who: str,
    parts: Sequence[str],
) -> WholePlanReport:
    """Merge everything beyond the answers from a checked bundle into the plan (inside the caller's transaction).

    `local_doc` is the plan as this computer would send it now, so both sides are compared alike."""
    report = WholePlanReport()
    note_deletions(store, plan_id, local_doc)
    mine, theirs = doc_items(local_doc), doc_items(doc)
    remote_versions = {kind: {u: set(h) for u, h in doc.get("versions", {}).get(kind, {}).items()} for kind in KINDS}
    remote_deleted = {
        kind: {u: set(d["versions"]) for u, d in doc.get("deleted", {}).get(kind, {}).items()} for kind in KINDS
    }
    entries = {e["uid"]: e for e in doc.get("journal", [])}
    for kind in KINDS:
        for uid, item in theirs[kind].items():
            remote_versions[kind].setdefault(uid, set()).add(item.hash)
        local_deleted = {u: h for u, (h, _) in records.deletions(store, plan_id, kind).items()}
        merged = merge_items(
            mine[kind],
            theirs[kind],
            records.versions(store, plan_id, kind),
            remote_versions[kind],
            local_deleted,
            remote_deleted[kind],
        )
        if kind == "journal":
            # An entry in conflict keeps both wordings' attachments: the wording not kept waits to be chosen again,
            # and attachments add up, they never conflict.
            disputed = {uid: entries[uid] for uid, *_ in merged.conflicts if uid in entries}
            put = {u: entries[u] for u in merged.put}
            _put_journal(store, plan_id, put, merged.delete, disputed, z, digests, report)
        else:
            # In the sender's order, so rows new here are listed as they are there.
            put = {u: i.content for u, i in theirs[kind].items() if u in merged.put}
            _put_outcomes(store, plan_id, kind, put, merged.delete)
            report.outcome_rows += len(merged.put) + len(merged.delete)
        report.deleted += len(merged.delete)
        for uid, kept, other, kept_is_theirs in merged.conflicts:
            me = records.device(store)[1]
            conflict = Conflict(
                0,
                plan_id,
                uid,
                kept.content,
                "" if other is None else other.content,
                "",
                kind,
                who if kept_is_theirs else me,
                kept.changed_at,
                me if kept_is_theirs else who,
                "" if other is None else other.changed_at,
            )
            if records.add_conflict(store, plan_id, conflict):
                report.conflicts.append(describe_item(kind, uid))
        # Both sides' versions and deletions, so the next merge finds these common ancestors.
        records.add_versions(store, plan_id, kind, remote_versions[kind])
        records.add_versions(store, plan_id, kind, {u: {i.hash} for u, i in mine[kind].items()})
        received = doc.get("deleted", {}).get(kind, {})
        records.add_deletions(
            store, plan_id, kind, {u: (set(d["versions"]), d["deleted_at"]) for u, d in received.items()}
        )
    for printed in doc.get("prints", []):
        report.signatures += records.add_print_with_signatures(store, plan_id, printed)
    local_overrides = store.stage_overrides(plan_id)
    remote_overrides = [StageOverride(**o) for o in doc.get("stage_overrides", [])]
    here = store.plan(plan_id).stage
    stage = merged_stage(parts, here, doc["plan"]["stage"], local_overrides, remote_overrides)
    store.add_stage_overrides(plan_id, remote_overrides)
    report.people = _merge_people(store, plan_id, [PersonChange(**c) for c in doc.get("people_changes", [])])
    if stage != here:
        store.update_plan(plan_id, stage=stage)
        report.stage = stage
    for c in doc.get("conflicts", []):
        found = Conflict(
            0,
            plan_id,
            c["key"],
            c["local"],
            c["remote"],
            c.get("base", ""),
            c["kind"],
            c.get("local_who", ""),
            c.get("local_at", ""),
            c.get("remote_who", ""),
            c.get("remote_at", ""),
        )
        if records.add_conflict(store, plan_id, found, bool(c.get("resolved"))) and not c.get("resolved"):
            report.conflicts.append(describe_item(c["kind"], c["key"]) if c["kind"] != "answer" else c["key"])
    return report


_NUMBER = (int, float)
# What each kind's conflicting wording holds, as doc_items() writes it: field → the types it may take.
_CONTENT: dict[str, dict[str, tuple[type, ...]]] = {
    "journal": {
        "entry_date": (str,),
        "title": (str,),
        "body": (str,),
        "link": (str,),
        "not_submitted": (bool,),
        "artifacts": (list,),
    },
    "measure": {"group": (str,), "pre": (*_NUMBER, type(None)), "post": (*_NUMBER, type(None))},
    "target": {"share": _NUMBER, "rule": (str,), "amount": _NUMBER},
}


def check_conflict(c: dict) -> None:
    """A received conflict of a journal entry or outcome row holds what this app writes there: a crafted one
    (its item unnamed, its wording another shape) is refused with the bundle, as choosing it later would fail.
    Raises ValueError."""
    kind = c["kind"]
    if kind == "answer":
        return
    if kind == "journal":
        uuid.UUID(c["key"])
    else:
        key = json.loads(c["key"])
        shape = (str, str, int) if kind == "measure" else (str,)
        if not isinstance(key, list) or len(key) != len(shape) or not all(map(isinstance, key, shape)):
            raise ValueError(f"a conflict names no {kind} row: {c['key'][:80]!r}")
    for text in (c["local"], c["remote"]):
        content = json.loads(text) if text else {}
        fields = _CONTENT[kind]
        if text and (
            not isinstance(content, dict)
            or set(content) != set(fields)
            or not all(isinstance(content[f], types) for f, types in fields.items())
        ):
            raise ValueError(f"a conflict of a {kind} item holds something else: {text[:80]!r}")
        if kind == "journal" and text:
            dt.date.fromisoformat(content["entry_date"])


def _merge_people(store: Store, plan_id: int, received: list[PersonChange]) -> list[str]:
    """Changes of the plan's people made elsewhere: recorded, and each role takes its latest change wherever it
    was made. Returns the roles whose person changed here."""
    known = store.people_changes(plan_id)
    new = [c for c in received if c not in known]
    store.add_people_changes(plan_id, new)
    plan, changed = store.plan(plan_id), []
    for role, latest in latest_changes([*known, *new]).items():
        if latest not in new:
            continue  # made here, or taken already
        now = plan.person(role)
        held = (now.name, now.school, now.district, now.email) if now else ("", "", "", "")
        if held != (latest.name, latest.school, latest.district, latest.email):
            store.put_person(plan_id, latest)
            changed.append(role)
    return changed


def describe_item(kind: str, uid: str) -> str:
    """A journal entry or outcome row named for the user."""
    if kind == "journal":
        return "a journal entry"
    parts = json.loads(uid)
    return f"the target of {parts[0]}" if kind == "target" else f"{parts[1]}'s row in {parts[0]}"


def _put_journal(
    store: Store,
    plan_id: int,
    put: dict[str, dict],
    delete: set[str],
    disputed: dict[str, dict],
    z: zipfile.ZipFile,
    digests: dict[str, str],
    report: WholePlanReport,
) -> None:
    """Entries as the bundle has them; an attachment the bundle's version lacks is removed (the other computer
    removed it). An entry in conflict (`disputed`: the bundle's version) has both sides' attachments, whichever
    wording was kept."""

    def receive(entry_id: int, wanted: Iterable[dict]) -> None:
        for a in wanted:
            name = f"artifacts/{a['stored_name']}"
            digest = digests.get(name)
            if digest is None:
                continue
            # Stored under a name made from its content: a name chosen by the sender can never point at another
            # plan's file, and the same file received twice is kept once.
            stored = digest[:32] + Path(a["stored_name"]).suffix
            size = z.getinfo(name).file_size
            artifact = Artifact(0, a["filename"], stored, size, a.get("mime", ""), a.get("explanation", ""))
            with z.open(name) as member:
                store.add_received_artifact(entry_id, artifact, member, digest)

    def attachments(e: dict) -> dict[tuple[str, int, str], dict]:
        return {_attachment(a): a for a in e.get("artifacts", [])}

    ids = {e.uid: e for e in store.journal(plan_id)}
    for uid in delete:
        if uid in ids:
            store.delete_journal_entry(ids[uid].id)
    for uid, e in put.items():
        fields = {
            "entry_date": e["entry_date"],
            "title": e.get("title", ""),
            "body": e.get("body", ""),
            "link": e.get("link", ""),
            "not_submitted": bool(e.get("not_submitted")),
        }
        wanted = attachments(e)
        if uid in ids:
            local = ids[uid]
            store.update_journal_entry(local.id, **fields, updated_at=e.get("updated_at") or store.clock().isoformat())
            entry_id = local.id
            for a in local.artifacts:
                if wanted.pop((a.filename, a.size, a.explanation), None) is None and uid not in disputed:
                    store.remove_artifact(a.id)
            report.journal_updated += 1
        else:
            entry_id = store.add_journal_entry(
                plan_id,
                dt.date.fromisoformat(e["entry_date"]),
                e.get("title", ""),
                e.get("body", ""),
                e.get("link", ""),
                bool(e.get("not_submitted")),
                uid=uid,
                updated_at=e.get("updated_at"),
            )
            report.journal_added += 1
        receive(entry_id, wanted.values())
    for uid, e in disputed.items():  # this computer's wording kept: the other's attachments join it
        if uid in ids and uid not in put:
            wanted = attachments(e)
            for a in ids[uid].artifacts:
                wanted.pop((a.filename, a.size, a.explanation), None)
            receive(ids[uid].id, wanted.values())


def _put_outcomes(store: Store, plan_id: int, kind: str, put: dict[str, str], delete: set[str]) -> None:
    if kind == "target":
        for uid in delete:
            store.delete_target(plan_id, json.loads(uid)[0])
        for uid, content in put.items():
            t = json.loads(content)
            store.save_target(plan_id, json.loads(uid)[0], Target(t["share"], t["rule"], t["amount"]))
        return
    changed = {json.loads(uid)[0] for uid in (*put, *delete)}
    for outcome in sorted(changed):
        rows = store.measures(plan_id, outcome)
        current = _measure_items([{"outcome": outcome, "student": m.student} for m in rows])
        merged: dict[str, Measure] = dict(zip(current, rows, strict=True))
        for uid, content in put.items():
            o, student, _ = json.loads(uid)
            if o == outcome:
                m = json.loads(content)
                merged[uid] = Measure(student, m["group"], m["pre"], m["post"])
        store.save_measures(plan_id, outcome, [m for uid, m in merged.items() if uid not in delete])


def apply_item(store: Store, plan_id: int, kind: str, uid: str, content: str) -> None:
    """Put one journal entry's or outcome row's chosen version in place ('' deletes it): the user chose the
    other side of a conflict."""
    if kind == "journal":
        ids = {e.uid: e.id for e in store.journal(plan_id)}
        if not content:
            if uid in ids:
                store.delete_journal_entry(ids[uid])
            return
        e = json.loads(content)
        e.pop("artifacts", None)  # the attachments stay as they are: they never conflict, they add up
        if uid in ids:
            store.update_journal_entry(ids[uid], **e)
        else:
            store.add_journal_entry(plan_id, dt.date.fromisoformat(e.pop("entry_date")), **e, uid=uid)
        return
    _put_outcomes(store, plan_id, kind, {uid: content} if content else {}, set() if content else {uid})
