"""Where a plan is in its life, for any number of parts: which parts are open, what a signature completes,
which part to print by default.

Each part opens from the start (the first), on a day of the school year, or once an earlier part is signed by
every role it names (by default the part before it). A part signed by all its roles moves the plan to that
part's signed stage; the plan is complete when its last part is signed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ilp_desktop.model.calendar import school_date
from ilp_desktop.model.plan import Signature
from ilp_desktop.model.signing import fully_signed
from ilp_desktop.model.stages import DRAFTING, STEPS, current_stage, reached, stage_id, stage_index
from ilp_desktop.model.template import Part, Template


def signed_parts(template: Template, given: Iterable[tuple[str, str]]) -> set[str]:
    """The parts every one of whose roles has signed a printout; `given` holds (part, role) of each signature."""
    pairs = set(given)
    return {p.id for p in template.parts if p.signatures and {(p.id, role) for role in p.signatures} <= pairs}


def signature_pairs(signatures: Iterable[Signature]) -> set[tuple[str, str]]:
    return {(s.part, s.role) for s in signatures}


def part_open(template: Template, part_id: str, stage: str, signed: set[str], today: dt.date, school_year: str) -> bool:
    """Open from the start; once the part it opens after is signed (by all its roles, or by the stage set past
    it by hand); once its day has come; or once the plan's stage has reached its own drafting stage."""
    part, ids = template.part(part_id), template.part_ids
    if part.opens_after is None and part.opens_on is None:
        return True
    if reached(ids, stage, stage_id(ids, part.id, "drafting")):
        return True
    if part.opens_on is not None:
        return today >= school_date(part.opens_on, school_year)
    after = part.opens_after or part.id
    return after in signed or reached(ids, stage, stage_id(ids, after, "signed"))


def milestone(template: Template, part: Part) -> str:
    """The stage a plan reaches when every role has signed this part."""
    return stage_id(template.part_ids, part.id, "signed")


def stage_after_signature(template: Template, stage: str, signatures: list[Signature], part_id: str) -> str:
    """The plan's stage once this signature is recorded: a fully signed part moves it on, never back."""
    part = template.part(part_id)
    target = milestone(template, part)
    if not fully_signed(signatures, part.id, part.signatures) or reached(template.part_ids, stage, target):
        return current_stage(template.part_ids, stage) or stage
    return target


def complete(template: Template, stage: str) -> bool:
    """The last part is signed."""
    return reached(template.part_ids, stage, template.final_stage)


# Where a plan is, in words every program shares (the plan list filters plans of all programs by these).
PHASES = (
    ("drafting", "Drafting"),  # nothing signed yet
    ("ready", "Ready for signature"),  # any part
    ("in_progress", "In progress: a part signed"),  # later parts being written
    ("complete", "Complete: every part signed"),
)


def stage_part(template: Template, stage: str) -> Part:
    """The part a stage belongs to (an unknown stage: the first part)."""
    current = current_stage(template.part_ids, stage)
    for p in template.parts:
        if current in [stage_id(template.part_ids, p.id, s) for s in STEPS]:
            return p
    return template.parts[0]


def phase(template: Template, stage: str) -> str:
    """The stage as one of PHASES."""
    if complete(template, stage):
        return "complete"
    current = current_stage(template.part_ids, stage) or DRAFTING
    if current == DRAFTING:
        return "drafting"
    part = stage_part(template, current)
    return "ready" if current == stage_id(template.part_ids, part.id, "ready") else "in_progress"


def unknown_stage(template: Template, stage: str) -> str:
    """Why the program cannot place this stage ("" when it can): a part it does not have, say."""
    if current_stage(template.part_ids, stage) is not None:
        return ""
    return f"the stage '{stage[:40]}' is not one of the stages of {template.title}"


def stage_rank(template: Template, stage: str) -> int:
    """How far along the plan is, for sorting plans of every program together (0 to 1000)."""
    return stage_index(template.part_ids, stage) * 1000 // max(1, len(template.stages) - 1)


def default_part(template: Template, stage: str) -> str:
    """The part worth printing now: the one the plan's stage is about."""
    return stage_part(template, stage).id
