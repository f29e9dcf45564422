"""Exactly what a printout says, and its fingerprint.

The fingerprint is a hash of the printed text itself (identity, part, every
cell), so a signed paper copy can be matched to the version in the data file:
the same answers always give the same fingerprint, any changed word a new one.
What the paper says about that content (PaperState: draft or complete, what is
missing, the statement signers affirm, notices) is left out of the hash: it
follows from the answers and the template, and for a check such as "within the
last five years" from the day, so a plan printed again on another day, or by a
version that marks drafts, keeps the fingerprint its signatures were recorded
against.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from itertools import groupby
from types import MappingProxyType
from typing import Any

from ilp_desktop.model.document import Block, Entry, TableBlock, cell_blocks
from ilp_desktop.model.plan import JournalEntry, Plan
from ilp_desktop.model.resources import ResourceSet
from ilp_desktop.model.template import Part, Template
from ilp_desktop.model.values import Values, file_size

# The blank form of the program's last (complete) part; "blank:<part id>" is the blank form of that part.
BLANK_PART = "blank"
BLANK_PREFIX = "blank:"


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
class PaperState:
    """What the paper says about its content; not part of the fingerprint (see the module's docstring)."""

    missing: tuple[str, ...] = ()  # the part's required items still missing: the paper is a draft
    statement: str = ""  # what the signers affirm
    cells: str = ""  # the cells signed, as the attestation names them ("cells 1a, 1b and 2; Administrator …")
    notices: tuple[str, ...] = ()  # printed under the identity: a sample framework, an amendment after signature
    amended: tuple[str, ...] = ()  # headings of the cells changed since the signed version
    amended_note: str = ""  # said beside each of them
    blank: bool = False  # a form to fill by hand
    markdown: bool = False  # long entries are Markdown (journal entries)


@dataclass(frozen=True)
class PrintedPlan:
    title: str
    subtitle: str
    part_title: str
    identity: tuple[tuple[str, str], ...]
    cells: tuple[PrintedCell, ...]
    signers: tuple[Signer, ...]
    state: PaperState = field(default_factory=PaperState)

    def canonical(self) -> str:
        return self._canonical

    @cached_property
    def _canonical(self) -> str:
        """Worked out once: laying out and recording a printout ask for its fingerprint several times."""
        content = asdict(self)
        del content["state"]
        for cell, written in zip(self.cells, content["cells"], strict=True):
            written["blocks"] = [
                shown
                for block, data in zip(cell.blocks, written["blocks"], strict=True)
                for shown in _hashed(block, data)
            ]
        return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()[:12].upper()
        return "-".join(digest[i : i + 4] for i in range(0, 12, 4))


def _hashed(block: Block, data: dict[str, Any]) -> list[dict[str, Any]]:
    """What a block contributes to the fingerprint: only what was printed before the layout changed, so a plan
    signed then is not amended by it. A table of a group's answers printed before as labelled answers counts as
    those answers (TableBlock.as_entries)."""
    if not isinstance(block, TableBlock):
        return [data]
    # A continuum's growth chart is drawn from the levels its table prints: the table is hashed, the chart left
    # out, so printouts made before the chart existed keep their fingerprints.
    entries, _, _ = data.pop("as_entries"), data.pop("after"), data.pop("chart")
    return entries if block.as_entries else [data]


def blank_of(template: Template, part_id: str) -> Part | None:
    """The part whose blank form `part_id` names (None: not a blank form)."""
    if part_id == BLANK_PART:
        return template.parts[-1]
    return template.part(part_id.removeprefix(BLANK_PREFIX)) if part_id.startswith(BLANK_PREFIX) else None


def printed_plan(
    template: Template,
    resources: ResourceSet,
    part_id: str,
    plan: Plan | None,
    values: Values,
    missing: tuple[str, ...] = (),
    results: Mapping[str, str] = MappingProxyType({}),
) -> PrintedPlan:
    """The content of one part, `missing` its required items not answered yet, `results` the measured results
    of its outcomes (see cell_blocks); a blank form (`blank`, `blank:<part>`) gives the empty form for
    handwriting."""
    blank_part = blank_of(template, part_id)
    part = blank_part or template.part(part_id)
    blank = blank_part is not None
    if blank:
        plan, values, missing = None, {}, ()
    cells = tuple(
        PrintedCell(
            template.cell(key).heading,
            template.cell(key).description,
            tuple(cell_blocks(template.cell(key), template, resources, values, blank, {} if blank else results)),
        )
        for key in part.cells
    )
    signers = tuple(Signer(template.role_label(role), _name(plan, role)) for role in part.signatures)
    state = PaperState(
        missing=missing,
        statement=template.statement_for(part),
        cells=_cells_named(template, part),
        notices=_sample_notices(template, resources, part),
        blank=blank,
    )
    title = f"{part.title} – blank form" if blank else part.title
    return PrintedPlan(template.title, template.subtitle, title, _identity(template, plan), cells, signers, state)


def _cells_named(template: Template, part: Part) -> str:
    """'cells 1a, 1b, 2 and 3; Administrator Collaborative': numbered cells by their keys, others by title."""
    runs = []
    for numbered, keys in groupby(part.cells, key=lambda k: k[:1].isdigit()):
        run = list(keys)
        if numbered:
            runs.append(("cell " if len(run) == 1 else "cells ") + _and(run))
        else:
            runs.extend(template.cell(k).title for k in run)
    return "; ".join(runs)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _sample_notices(template: Template, resources: ResourceSet, part: Part) -> tuple[str, ...]:
    """The notice of each framework the part's answers come from that says it is a sample (or otherwise
    needs saying on paper)."""
    fields = [f for f in template.fields if f.cell in part.cells]
    used = {f.framework for f in fields} | {s.source_resource for f in fields for s in (f, *f.fields)}
    frameworks = [resources.framework(rid) for rid in template.resources if rid in used]
    return tuple(f"{fw.title}: {fw.notice}" for fw in frameworks if fw is not None and fw.notice)


def _name(plan: Plan | None, role: str) -> str:
    person = plan.person(role) if plan else None
    return person.name if person else ""


def _identity(template: Template, plan: Plan | None) -> tuple[tuple[str, str], ...]:
    """Who and where, printed at the top; all blank on a form for handwriting (no plan)."""
    roles = [r.id for r in template.roles] or ["teacher", "coach", "administrator"]
    if "teacher" not in roles:  # every plan is someone's: the teacher is named even if no role says so
        roles.insert(0, "teacher")
    return (
        *((template.role_label(role), _name(plan, role)) for role in roles),
        ("School", plan.school if plan else ""),
        ("District", plan.district if plan else ""),
        ("School year", plan.school_year if plan else ""),
    )


# A heading prints at most this many characters, then "…" (a heading taller than a page cannot print).
HEADING_CHARS = 200


def cut(text: str, limit: int) -> str:
    """The text as printed where room is short: whole, or its first `limit` characters ending in "…"."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def printed_journal(template: Template, plan: Plan, entries: list[JournalEntry]) -> PrintedPlan:
    """The journal as a printout: one section per entry, its artifacts listed with what they show. A title too
    long for a heading heads its entry cut short and prints whole as the entry's first lines."""
    cells = []
    for e in entries:
        title = e.title or "Journal entry"
        whole = f"{e.entry_date.isoformat()} – {title}"
        heading = cut(whole, HEADING_CHARS)
        blocks: list[Block] = [Entry("Title", title, True)] if heading != whole else []
        blocks.append(Entry("Entry" + (" (weekly notes – not submitted)" if e.not_submitted else ""), e.body, True))
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
        cells.append(PrintedCell(heading, "", tuple(blocks)))
    return PrintedPlan(
        template.title,
        template.subtitle,
        "Journal",
        _identity(template, plan),
        tuple(cells),
        (),
        PaperState(markdown=True),
    )
