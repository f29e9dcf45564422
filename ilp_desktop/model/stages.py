"""The life of a plan, shared by every program: drafted, signed, worked through, signed again.

These are the generic names; a template may name the stages in its own words
(the ILP says "Initial ILP signed").
"""

from __future__ import annotations

STAGES: tuple[tuple[str, str], ...] = (
    ("drafting", "Drafting"),
    ("initial_ready", "Ready for signature"),
    ("initial_signed", "Signed"),
    ("in_progress", "In progress"),
    ("summative", "Summative reflection"),
    ("final_signed", "Final version signed"),
)
STAGE_IDS = tuple(s for s, _ in STAGES)
STAGE_LABELS = dict(STAGES)
_INDEX = {s: i for i, s in enumerate(STAGE_IDS)}


def stage_index(stage: str) -> int:
    """Its place in the life of a plan; a stage this version does not know counts as the first."""
    return _INDEX.get(stage, 0)


def reached(stage: str, milestone: str) -> bool:
    """True when a plan in `stage` has got at least as far as `milestone`."""
    return stage_index(stage) >= stage_index(milestone)
