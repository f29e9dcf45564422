"""Where a plan is in its life, for any number of parts: which parts are open, what a signature completes,
which part to print by default.

A program's parts are signed in order. The first part (the Initial ILP, say) is signed before the later parts
open; signing the last part completes the plan. With one part, that part is both.
"""

from __future__ import annotations

from ilp_desktop.model.plan import Signature
from ilp_desktop.model.signing import fully_signed
from ilp_desktop.model.stages import reached
from ilp_desktop.model.template import Part, Template

# Later parts open once the first part is signed.
LATER_PARTS_OPEN_AT = "initial_signed"
# From the summative reflection on, the whole plan is what gets printed.
WHOLE_PLAN_FROM = "summative"


def part_open(template: Template, part_id: str, stage: str) -> bool:
    """The first part is always open; later parts once the first one is signed."""
    return part_id == template.parts[0].id or reached(stage, LATER_PARTS_OPEN_AT)


def milestone(template: Template, part: Part) -> str:
    """The stage a plan reaches when every role has signed this part."""
    if part.id == template.parts[-1].id:  # with one part, signing it completes the plan
        return "final_signed"
    if part.id == template.parts[0].id:
        return "initial_signed"
    return "in_progress"


def stage_after_signature(template: Template, stage: str, signatures: list[Signature], part_id: str) -> str:
    """The plan's stage once this signature is recorded: a fully signed part moves it on, never back."""
    part = template.part(part_id)
    target = milestone(template, part)
    if not fully_signed(signatures, part.id, part.signatures) or reached(stage, target):
        return stage
    return target


def default_part(template: Template, stage: str) -> str:
    """The part worth printing now: the whole plan near the end, else the first part."""
    return template.parts[-1].id if reached(stage, WHOLE_PLAN_FROM) else template.parts[0].id
