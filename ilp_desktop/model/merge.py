"""Merging a plan that changed on two computers, answer by answer, against their common ancestor.

An answer changed on one side only takes that change; changed on both sides to different words, the local
one stays and the other is kept as a conflict for the user to choose. Nothing is dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

# (key, value, saved_at): one wording in an answer's history
HistoryRow = tuple[str, str, str]
Action = Literal["keep", "take", "conflict"]


def common_ancestor(key: str, local: list[HistoryRow], remote: list[HistoryRow]) -> str | None:
    """The newest wording of an answer that both histories hold (same words, same moment)."""
    shared = {h for h in local if h[0] == key} & {h for h in remote if h[0] == key}
    return max(shared, key=lambda h: h[2])[1] if shared else None


def merge_value(local: str | None, remote: str | None, base: str | None) -> tuple[Action, str | None]:
    """('keep' | 'take' | 'conflict', value to take). Three-way: one-sided changes win."""
    if local == remote or remote is None:
        return "keep", None
    if local is None or local == base:
        return "take", remote
    if remote == base:
        return "keep", None
    return "conflict", remote


def merge_answers(
    local: dict[str, str], remote: dict[str, str], local_history: list[HistoryRow], remote_history: list[HistoryRow]
) -> tuple[dict[str, str], dict[str, tuple[str, str, str]]]:
    """(answers to take, conflicts as key → (local, remote, base)) for every answer either side has."""
    taken: dict[str, str] = {}
    conflicts: dict[str, tuple[str, str, str]] = {}
    for key in sorted(set(local) | set(remote)):
        base = common_ancestor(key, local_history, remote_history)
        action, value = merge_value(local.get(key), remote.get(key), base)
        if action == "take" and value is not None:
            taken[key] = value
        elif action == "conflict" and value is not None:
            conflicts[key] = (local.get(key) or "", value, base or "")
    return taken, conflicts


def winner(a: tuple[str, str], b: tuple[str, str]) -> int:
    """Which of two versions changed on both sides stays in the plan (0 or 1), as (saved_at, content): the later
    one, the larger content on a tie. Every computer decides alike, so all copies end up the same, the other
    version waiting as a conflict everywhere."""
    return 0 if a >= b else 1


ItemAction = Literal["keep", "take", "delete", "conflict", "revive"]


def merge_item(
    local: str | None,
    remote: str | None,
    local_versions: set[str],
    remote_versions: set[str],
    local_deleted: set[str] | None,
    remote_deleted: set[str] | None,
) -> ItemAction:
    """How a journal entry or outcome row, by content hash on each side (None: absent), merges.

    `*_versions` are the hashes each side has shared (the common ancestors); `*_deleted` the versions a side
    had when it deleted the item (None: never deleted there). A deletion wins over an unchanged copy; against
    an edited one the edit stays and the deletion is surfaced ('revive': take it back with a conflict; a
    'conflict' with remote None: keep the edit, surface the deletion).
    """
    if local is not None and remote is not None:
        if local == remote:
            return "keep"
        # Each side either has seen the other's version (and moved on from it) or not; seen both ways
        # (a wording restored after it was shared) is as undecidable as seen neither way.
        seen_remote, seen_local = remote in local_versions, local in remote_versions
        if seen_remote != seen_local:
            return "keep" if seen_remote else "take"
        return "conflict"
    if local is not None:
        if remote_deleted is None:
            return "keep"
        return "delete" if local in remote_deleted else "conflict"
    if remote is not None:
        if local_deleted is None:
            return "take"
        return "keep" if remote in local_deleted else "revive"
    return "keep"


@dataclass(frozen=True)
class Item:
    """One journal entry or outcome row as merged: its content (JSON text), its hash, when it last changed."""

    content: str
    changed_at: str = ""

    @property
    def hash(self) -> str:
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()


@dataclass
class ItemMerge:
    put: dict[str, Item] = field(default_factory=dict)  # uid → the version to hold (new, or replacing ours)
    delete: set[str] = field(default_factory=set)
    # (uid, the version kept, the other version or None for a deletion, the kept one came from the other side)
    conflicts: list[tuple[str, Item, Item | None, bool]] = field(default_factory=list)


def merge_items(
    local: dict[str, Item],
    remote: dict[str, Item],
    local_versions: dict[str, set[str]],
    remote_versions: dict[str, set[str]],
    local_deleted: dict[str, set[str]],
    remote_deleted: dict[str, set[str]],
) -> ItemMerge:
    """Journal entries or outcome rows of both sides merged by uid against their common ancestors."""
    out = ItemMerge()
    for uid in sorted(set(local) | set(remote) | set(remote_deleted)):
        mine, theirs = local.get(uid), remote.get(uid)
        action = merge_item(
            mine.hash if mine else None,
            theirs.hash if theirs else None,
            local_versions.get(uid, set()),
            remote_versions.get(uid, set()),
            local_deleted.get(uid),
            remote_deleted.get(uid),
        )
        if action == "take" and theirs is not None:
            out.put[uid] = theirs
        elif action == "delete":
            out.delete.add(uid)
        elif action == "revive" and theirs is not None:
            out.put[uid] = theirs
            out.conflicts.append((uid, theirs, None, True))
        elif action == "conflict" and mine is not None:
            if theirs is None:
                out.conflicts.append((uid, mine, None, False))
            elif winner((mine.changed_at, mine.content), (theirs.changed_at, theirs.content)) == 0:
                out.conflicts.append((uid, mine, theirs, False))
            else:
                out.put[uid] = theirs
                out.conflicts.append((uid, theirs, mine, True))
    return out
