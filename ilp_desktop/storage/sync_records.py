"""What this computer remembers for plans that travel: shared versions, deletions, conflicts of every kind,
print records and signatures received, sync folders and the bundle files seen there."""

from __future__ import annotations

import datetime as dt
import json
import platform
import uuid

from ilp_desktop.model.plan import Conflict
from ilp_desktop.storage.store import Store, conflict_from_row


# ----------------------------------------------------------- shared versions and deletions
def versions(store: Store, plan_id: int, kind: str) -> dict[str, set[str]]:
    """uid → the content hashes of an item's versions that another computer also holds."""
    out: dict[str, set[str]] = {}
    sql = "SELECT uid, hash FROM sync_versions WHERE plan_id = ? AND kind = ?"
    for uid, digest in store.db.execute(sql, [plan_id, kind]):
        out.setdefault(uid, set()).add(digest)
    return out


def add_versions(store: Store, plan_id: int, kind: str, known: dict[str, set[str]]) -> None:
    with store.transaction():
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO sync_versions (plan_id, kind, uid, hash) VALUES (?, ?, ?, ?)",
            [(plan_id, kind, uid, h) for uid, hashes in known.items() for h in sorted(hashes)],
        )


def deletions(store: Store, plan_id: int, kind: str) -> dict[str, tuple[set[str], str]]:
    """uid → (the versions it had when deleted, when)."""
    sql = "SELECT uid, versions, deleted_at FROM sync_deletions WHERE plan_id = ? AND kind = ?"
    return {uid: (set(json.loads(v)), at) for uid, v, at in store.db.execute(sql, [plan_id, kind])}


def add_deletions(store: Store, plan_id: int, kind: str, gone: dict[str, tuple[set[str], str]]) -> None:
    """Remember deletions (uid → the versions it had, when), each joined with one already known for the item:
    every version it covers, the later time. All at once: a plan may carry thousands."""
    if not gone:
        return
    known = deletions(store, plan_id, kind)
    rows = []
    for uid, (hashes, deleted_at) in gone.items():
        if uid in known:
            hashes, deleted_at = hashes | known[uid][0], max(deleted_at, known[uid][1])
        rows.append((plan_id, kind, uid, json.dumps(sorted(hashes)), deleted_at))
    with store.transaction():
        store.db.conn.executemany(
            "INSERT INTO sync_deletions (plan_id, kind, uid, versions, deleted_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(plan_id, kind, uid) DO UPDATE SET versions = excluded.versions, deleted_at = excluded.deleted_at",
            rows,
        )


# ---------------------------------------------------------------- conflicts of every kind
def conflict_uid(kind: str, key: str, kept: str, other: str) -> str:
    """The same on every computer that finds the same conflict, so copies travelling back do not repeat it."""
    import hashlib

    return hashlib.sha256(json.dumps([kind, key, kept, other]).encode("utf-8")).hexdigest()[:32]


def add_conflict(store: Store, plan_id: int, c: Conflict, resolved: bool = False) -> bool:
    """Keep a conflict (found here or received); False when it is already known. A resolved one stays
    resolved, and one resolved elsewhere is resolved here too."""
    uid = conflict_uid(c.kind, c.key, c.local, c.remote)
    row = store.db.execute(
        "SELECT id, resolved FROM conflicts WHERE plan_id = ? AND uid = ?", [plan_id, uid]
    ).fetchone()
    with store.transaction():
        if row is not None:
            if resolved and not row[1]:
                store.db.execute("UPDATE conflicts SET resolved = 1 WHERE id = ?", [row[0]])
            return False
        store.db.table("conflicts").insert(
            {"plan_id": plan_id, "key": c.key, "local": c.local, "remote": c.remote, "base": c.base}
            | {"found_at": store.clock().isoformat(timespec="milliseconds"), "resolved": int(resolved)}
            | {"kind": c.kind, "uid": uid, "local_who": c.local_who, "local_at": c.local_at}
            | {"remote_who": c.remote_who, "remote_at": c.remote_at}
        )
    return True


def all_conflicts(store: Store, plan_id: int) -> list[tuple[Conflict, bool]]:
    """Every conflict of the plan with whether it was resolved (they travel with the plan)."""
    rows = store.db.table("conflicts").rows_where("plan_id = ?", [plan_id], order_by="id")
    return [(conflict_from_row(r), bool(r["resolved"])) for r in rows]


def waiting_conflicts(store: Store) -> dict[int, int]:
    """plan id → its conflicts not yet resolved, for every plan in one query."""
    sql = "SELECT plan_id, count(*) FROM conflicts WHERE resolved = 0 GROUP BY plan_id"
    return {int(pid): int(n) for pid, n in store.db.execute(sql)}


# --------------------------------------------------------------- printouts and signatures
def add_print_with_signatures(store: Store, plan_id: int, printed: dict) -> int:
    """A printout another computer recorded, and its signatures: added unless already here (same part,
    fingerprint and moment; same signer, role and day). Returns how many signatures were new."""
    found = store.db.execute(
        "SELECT id FROM print_records WHERE plan_id = ? AND part = ? AND fingerprint = ? AND printed_at = ?",
        [plan_id, printed["part"], printed["fingerprint"], printed["printed_at"]],
    ).fetchone()
    added = 0
    with store.transaction():
        if found is None:
            print_id = store._insert(
                "print_records",
                {"plan_id": plan_id}
                | {k: printed.get(k, "") for k in ("part", "paper", "fingerprint", "snapshot")}
                | {"printed_at": printed["printed_at"]},
            )
        else:
            print_id = int(found[0])
        have = {
            (r[0], r[1], r[2])
            for r in store.db.execute("SELECT role, name, signed_on FROM signatures WHERE print_id = ?", [print_id])
        }
        for s in printed.get("signatures", []):
            if (s["role"], s["name"], s["signed_on"]) not in have:
                store.record_signature(print_id, s["role"], s["name"], dt.date.fromisoformat(s["signed_on"]))
                added += 1
    return added


# ------------------------------------------------------------------------- sync folders
def setting(store: Store, key: str, default: str = "") -> str:
    row = store.db.execute("SELECT value FROM sync_settings WHERE key = ?", [key]).fetchone()
    return default if row is None else str(row[0])


def set_setting(store: Store, key: str, value: str) -> None:
    with store.transaction():
        store.upsert("sync_settings", {"key": key, "value": value}, ("key",))


def device(store: Store) -> tuple[str, str]:
    """(id, name) of this computer in sync folders; made on first use, the name changeable in Settings."""
    device_id = setting(store, "device_id")
    if not device_id and not store.read_only:
        device_id = renew_device(store)
    return device_id, setting(store, "device_name") or platform.node() or "another computer"


def renew_device(store: Store) -> str:
    """A new id for this computer, keeping its name: another computer writes under the old one (a copy of this
    data folder), and two computers writing one file would take turns rewriting it."""
    device_id = uuid.uuid4().hex[:12]
    set_setting(store, "device_id", device_id)
    return device_id


def shares(store: Store, plan_id: int | None = None) -> dict[int, set[str]]:
    """plan id → the sync folders it is shared through."""
    where, args = ("WHERE plan_id = ?", [plan_id]) if plan_id is not None else ("", [])
    out: dict[int, set[str]] = {}
    for pid, folder in store.db.execute(f"SELECT plan_id, folder FROM sync_shares {where}", args):
        out.setdefault(pid, set()).add(folder)
    return out


def share(store: Store, plan_id: int, folder: str, shared: bool = True) -> None:
    with store.transaction():
        if shared:
            store.db.execute("INSERT OR IGNORE INTO sync_shares (plan_id, folder) VALUES (?, ?)", [plan_id, folder])
        else:
            store.db.execute("DELETE FROM sync_shares WHERE plan_id = ? AND folder = ?", [plan_id, folder])


def seen_digest(store: Store, folder: str, name: str) -> str:
    row = store.db.execute("SELECT digest FROM sync_files WHERE folder = ? AND name = ?", [folder, name]).fetchone()
    return "" if row is None else str(row[0])


def mark_seen(store: Store, folder: str, name: str, digest: str) -> None:
    with store.transaction():
        store.upsert(
            "sync_files",
            {"folder": folder, "name": name, "digest": digest, "seen_at": store.clock().isoformat()},
            ("folder", "name"),
        )
