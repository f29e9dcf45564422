"""Merging a plan that changed on two computers, answer by answer, against their common ancestor.

An answer changed on one side only takes that change; changed on both sides to different words, the local
one stays and the other is kept as a conflict for the user to choose. Nothing is dropped.
"""

from __future__ import annotations

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
