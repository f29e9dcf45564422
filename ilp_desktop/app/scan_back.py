"""Recording a signature from a scan of the signed paper: the page code names the plan, the part and the
printed version (fingerprint), so the signature is recorded against exactly what was signed.

A scan of another plan, of a version this data file never printed, of a blank form or of something else is
refused with the reason; the accepted scan is kept with the plan as its signed copy (a journal entry's
attachment, so it travels with the plan and prints in the journal's list)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ilp_desktop.app.journal import add_entry, attach
from ilp_desktop.app.signing import signable_prints
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.export.scanned import page_codes
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.page_code import PageCode, parse_page_code
from ilp_desktop.model.plan import PrintRecord

NO_CODE = (
    "no ILP Desktop page code was found on it. Scan the signed page at 150 dpi or more, with the square code "
    "at the bottom right of the page in view, or choose the printed version by hand (Record signature…)"
)

FOREIGN = (
    "the code on it is not an ILP Desktop page code; scan a page printed by ILP Desktop (its square code is at "
    "the bottom right of every page)"
)


@dataclass(frozen=True)
class ScannedPrint:
    record: PrintRecord
    code: PageCode
    scan: Path


def read_scan(path: Path) -> list[PageCode]:
    """The ILP Desktop codes on the scan (any other code ignored); slow for a long PDF: run it off the UI
    thread. A UserError says why there is none."""
    texts = page_codes(path)
    ours = [code for code in map(parse_page_code, texts) if code is not None]
    if not ours:
        raise UserError(f"{path.name}: {FOREIGN if texts else NO_CODE}")
    return ours


def match_scan(ws: Workspace, path: Path, codes: list[PageCode]) -> ScannedPrint:
    """The printed version the scanned pages are of, or a UserError saying why the scan cannot be signed."""
    versions = {(c.plan_uid, c.part, c.fingerprint) for c in codes}
    if len(versions) > 1:
        raise UserError(
            f"{path.name} holds pages of {len(versions)} different printouts: scan the pages of one signed "
            "printout into a file of its own"
        )
    code = codes[-1]  # the last page scanned carries the signatures
    plan = next((p for p in ws.plans() if p.uid == code.plan_uid), None)
    if plan is None:
        raise UserError(
            f"{path.name} is a page of a plan that is not in this data file (plan {code.plan_uid}): record the "
            "signature on the computer that printed it, or receive the plan here first"
        )
    template = ws.template(plan)
    if code.part not in {p.id for p in template.parts}:
        raise UserError(
            f"{path.name} is a page of {plan.teacher_name}'s blank form or journal: nothing on it is signed"
        )
    title = template.part(code.part).title
    record = next(
        (r for r in signable_prints(ws, plan.id) if r.part == code.part and r.fingerprint == code.fingerprint), None
    )
    if record is None:
        raise UserError(
            f"{path.name} is a page of {plan.teacher_name}'s {title} with fingerprint {code.fingerprint}, a version "
            "this data file has no record of printing (the plan was changed since, or it was printed on another "
            "computer): print the current version, have it signed, and scan that"
        )
    return ScannedPrint(record, code, path)


def keep_signed_copy(ws: Workspace, scanned: ScannedPrint) -> list[str]:
    """Keep the scan with the plan as the signed copy of its printout; the problems if it could not be copied."""
    record = scanned.record
    plan = ws.plan(record.plan_id)
    title = ws.template(plan).part(record.part).title
    entry = add_entry(
        ws,
        plan.id,
        ws.today(),
        f"Signed copy: {title}",
        f"The scanned signed paper of the {title} printed {record.printed_at[:10]}, fingerprint {record.fingerprint}.",
    )
    return attach(ws, plan.id, entry, [scanned.scan])
