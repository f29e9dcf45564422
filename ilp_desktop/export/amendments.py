"""Printing after a signature: name the signed version and the cells amended since.

A signature is recorded against one printout, whose print record keeps exactly
what the paper said. Later edits stay in the field history; printing again
says "Amended after signature" with the signed version's fingerprint, and marks
each amended cell where it stands.
"""

from __future__ import annotations

import json
from dataclasses import replace

from ilp_desktop.export.printed import PrintedPlan
from ilp_desktop.model.plan import Signature
from ilp_desktop.model.signing import signed_version


def amended_cells(signed: Signature, now: PrintedPlan) -> list[str]:
    """Headings of the cells whose printed content differs from the signed paper."""
    try:
        then = {c["heading"]: c for c in json.loads(signed.snapshot)["cells"]}
    except (ValueError, KeyError, TypeError):
        return [c.heading for c in now.cells]  # an unreadable snapshot: treat every cell as changed
    current = json.loads(now.canonical())["cells"]
    return [c["heading"] for c in current if then.get(c["heading"]) != c]


def with_amendments(signatures: list[Signature], part: str, now: PrintedPlan) -> PrintedPlan:
    """The printout saying what changed since the part's signed version, if anything did."""
    signed = signed_version(signatures, part)
    if signed is None or signed.fingerprint == now.fingerprint:
        return now
    changed = amended_cells(signed, now)
    notice = (
        f"Amended after signature: the version signed on {signed.signed_on.isoformat()} by {signed.name} "
        f"has fingerprint {signed.fingerprint}." + (f" Amended since: {'; '.join(changed)}." if changed else "")
    )
    state = replace(
        now.state,
        notices=(*now.state.notices, notice),
        amended=tuple(changed),
        amended_note=f"Amended after the version signed on {signed.signed_on.isoformat()}",
    )
    return replace(now, state=state)
