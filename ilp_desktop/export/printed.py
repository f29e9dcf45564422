"""Exactly what a printout says, and its fingerprint.

The fingerprint is a hash of the printed text itself (identity, part, every
cell), so a signed paper copy can be matched to the version in the data file:
the same answers always give the same fingerprint, any changed word a new one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from ilp_desktop.model.document import Block, Entry, TableBlock, cell_blocks
from ilp_desktop.model.plan import JournalEntry, Plan
from ilp_desktop.model.resources import ResourceSet
from ilp_desktop.model.template import Template
from ilp_desktop.model.values import Values, file_size

BLANK_PART = "blank"


@dataclass(frozen=True)
class PrintedCell:
    heading: str
    description: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Signer:
    role: str
    name: str  # "" prints an empty line for the name


@dataclass(frozen=True)
class PrintedPlan:
    title: str
    subtitle: str
    part_title: str
    identity: tuple[tuple[str, str], ...]
    cells: tuple[PrintedCell, ...]
    signers: tuple[Signer, ...]

    def canonical(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()[:12].upper()
        return "-".join(digest[i : i + 4] for i in range(0, 12, 4))


def printed_plan(
    template: Template, resources: ResourceSet, part_id: str, plan: Plan | None, values: Values
) -> PrintedPlan:
    """The content of one part; `blank` (or no plan) gives the empty form for handwriting."""
    blank = part_id == BLANK_PART or plan is None
    part = template.parts[-1] if part_id == BLANK_PART else template.part(part_id)
    values = {} if blank else values
    identity = _identity(template, None if blank else plan)
    cells = tuple(
        PrintedCell(
            template.cell(key).heading,
            template.cell(key).description,
            tuple(cell_blocks(template.cell(key), template, resources, values)),
        )
        for key in part.cells
    )
    signers = tuple(Signer(template.role_label(role), _name(None if blank else plan, role)) for role in part.signatures)
    title = f"{part.title} – blank form" if blank and part_id == BLANK_PART else part.title
    return PrintedPlan(template.title, template.subtitle, title, identity, cells, signers)


def _name(plan: Plan | None, role: str) -> str:
    person = plan.person(role) if plan else None
    return person.name if person else ""


def _identity(template: Template, plan: Plan | None) -> tuple[tuple[str, str], ...]:
    """Who and where, printed at the top; all blank on a form for handwriting (no plan)."""
    return (
        *((template.role_label(role), _name(plan, role)) for role in ("teacher", "coach", "administrator")),
        ("School", plan.school if plan else ""),
        ("District", plan.district if plan else ""),
        ("School year", plan.school_year if plan else ""),
    )


def printed_journal(template: Template, plan: Plan, entries: list[JournalEntry]) -> PrintedPlan:
    """The journal as a printout: one section per entry, its artifacts listed with what they show."""
    cells = []
    for e in entries:
        blocks: list[Block] = [
            Entry("Entry" + (" (weekly notes – not submitted)" if e.not_submitted else ""), e.body, True)
        ]
        if e.artifacts:
            blocks.append(
                TableBlock(
                    "Artifacts",
                    ("Artifact", "File", "Size", "What it shows"),
                    tuple(
                        (f"Artifact {i}", a.filename, file_size(a.size), a.explanation)
                        for i, a in enumerate(e.artifacts, 1)
                    ),
                )
            )
        cells.append(PrintedCell(f"{e.entry_date.isoformat()} – {e.title or 'Journal entry'}", "", tuple(blocks)))
    return PrintedPlan(template.title, template.subtitle, "Journal", _identity(template, plan), tuple(cells), ())
