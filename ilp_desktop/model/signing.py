"""Signatures and what they lock: a signed part's cells change only as tracked amendments."""

from __future__ import annotations

from ilp_desktop.model.plan import Signature


def signed_version(signatures: list[Signature], part: str) -> Signature | None:
    """The most recent signature given on a printout of this part."""
    return next((s for s in reversed(signatures) if s.part == part), None)


def locked_cells(signatures: list[Signature], parts: dict[str, tuple[str, ...]]) -> dict[str, Signature]:
    """Cell key → the signature that locked it (the latest signed part containing the cell)."""
    locked: dict[str, Signature] = {}
    for s in signatures:  # oldest first, so later signatures win
        for key in parts.get(s.part, ()):
            locked[key] = s
    return locked


def fully_signed(signatures: list[Signature], part: str, roles: tuple[str, ...]) -> bool:
    """Every role the part asks for has signed a printout of it."""
    return set(roles) <= {s.role for s in signatures if s.part == part}
