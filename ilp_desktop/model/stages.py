"""The life of a plan, derived from its program's parts: each part is drafted, made ready and signed, in order.

A program with parts `initial` and `final` has the stages

    drafting, initial_ready, initial_signed, final_drafting, final_ready, final_signed

(the first part's drafting stage is plain "drafting", which every new plan starts in). A program with one
part has three stages; with three parts, nine. The plan is complete once its last part is signed.

Plans stored before stages came from the parts carry one of six fixed ids (LEGACY_STAGES); they keep their
meaning through `current_stage`, so no stored row needs rewriting.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from ilp_desktop.model.plan import StageOverride

DRAFTING = "drafting"
STEPS = ("drafting", "ready", "signed")  # what each part goes through
# The fixed stage ids of earlier versions, in their order.
LEGACY_STAGES = ("drafting", "initial_ready", "initial_signed", "in_progress", "summative", "final_signed")
# What a stored stage id may look like: an earlier version's id or a part's drafting, ready or signed stage
# (whether the plan's program has that part is asked where the program is known).
STAGE_PATTERN = re.compile(
    r"^(drafting|in_progress|summative|[A-Za-z0-9][A-Za-z0-9_.-]{0,70}_(drafting|ready|signed))$"
)


def stage_id(parts: Sequence[str], part: str, step: str) -> str:
    """The id of one part's drafting, ready or signed stage."""
    return DRAFTING if step == "drafting" and part == parts[0] else f"{part}_{step}"


def stage_ids(parts: Sequence[str]) -> list[str]:
    return list(_ids(tuple(parts)))


# The plan list asks these of every plan: worked out once per program's parts.
@functools.cache
def _ids(parts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(stage_id(parts, p, s) for p in parts for s in STEPS)


def legacy_stage(parts: Sequence[str], legacy: str) -> str | None:
    """What one of the six fixed ids of earlier versions means for a program with these parts.

    The first part was the one signed at "initial_signed"; "in_progress" was work on the later parts;
    "summative" the end-of-year reflection (the last part's own section when there are three or more parts,
    else the last part made ready); "final_signed" the last part signed. A one-part program was only ever
    signed at "final_signed", so its earlier stages are its drafting and ready stages.
    """
    first, last = parts[0], parts[-1]
    if len(parts) == 1:
        mapping = {"drafting": DRAFTING, "final_signed": f"{first}_signed"}
        return mapping.get(legacy, f"{first}_ready" if legacy in LEGACY_STAGES else None)
    mapping = {
        "drafting": DRAFTING,
        "initial_ready": f"{first}_ready",
        "initial_signed": f"{first}_signed",
        "in_progress": f"{parts[1]}_drafting",
        "summative": f"{last}_drafting" if len(parts) > 2 else f"{last}_ready",
        "final_signed": f"{last}_signed",
    }
    return mapping.get(legacy)


def current_stage(parts: Sequence[str], stored: str) -> str | None:
    """The program's stage id for a stored stage (an earlier version's id mapped), None if it means nothing."""
    return _current(tuple(parts), stored)


@functools.cache
def _current(parts: tuple[str, ...], stored: str) -> str | None:
    return stored if stored in _ids(parts) else legacy_stage(parts, stored)


def stage_index(parts: Sequence[str], stage: str) -> int:
    """Its place in the plan's life; a stage that means nothing to this program counts as the first."""
    return _index(tuple(parts), stage)


@functools.cache
def _index(parts: tuple[str, ...], stage: str) -> int:
    current = _current(parts, stage)
    return _ids(parts).index(current) if current is not None else 0


def reached(parts: Sequence[str], stage: str, milestone: str) -> bool:
    """True when a plan in `stage` has got at least as far as `milestone` (either may be an earlier id)."""
    return stage_index(parts, stage) >= stage_index(parts, milestone)


def stage_problem(stage: str) -> str:
    """Why a stored stage id cannot be one ("" when it can); whether the program has it is asked elsewhere."""
    return "" if STAGE_PATTERN.match(stage) else f"the stage '{stage[:40]}' is not one this version knows"


def _latest(overrides: Iterable[StageOverride]) -> tuple[str, ...]:
    """The latest stage set by hand, as every computer orders them alike (() when there is none)."""
    return max(((o.changed_at, o.to_stage, o.changed_by, o.from_stage) for o in overrides), default=())


def merged_stage(
    parts: Sequence[str],
    local: str,
    remote: str,
    local_overrides: Iterable[StageOverride],
    remote_overrides: Iterable[StageOverride],
) -> str:
    """The stage two copies of a plan agree on when they meet. A stage set by hand is deliberate (a plan set
    back to drafting): the copy that knows the latest such act has applied it and whatever came after, so its
    stage stands. When both know the same latest act, the stage is as far as either copy got (signatures made
    since move it on); with no parts known here, this copy's stands."""
    mine, theirs = _latest(local_overrides), _latest(remote_overrides)
    if mine != theirs:
        return remote if theirs > mine else local
    return remote if parts and stage_index(parts, remote) > stage_index(parts, local) else local
