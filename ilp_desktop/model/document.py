"""What a plan says, cell by cell, as readers see it: the live ILP view and the printout share this.

A cell holds blocks: a labelled answer (Entry), or a table (TableBlock) for a
repeating group whose fields are all short, such as a timeline of dates.
"""

from __future__ import annotations

from dataclasses import dataclass

from ilp_desktop.model.resources import ResourceSet
from ilp_desktop.model.template import Cell, Template
from ilp_desktop.model.values import Values, display, group_count, item_answers, item_key, satisfied

LONG_TYPES = ("longtext", "checklist")


@dataclass(frozen=True)
class Entry:
    label: str
    text: str  # "" when not answered yet
    long: bool  # long text (paragraphs) rather than a short value


@dataclass(frozen=True)
class TableBlock:
    label: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first column names the item


Block = Entry | TableBlock


def cell_blocks(cell: Cell, template: Template, resources: ResourceSet, values: Values) -> list[Block]:
    blocks: list[Block] = []
    for f in template.fields_in_cell(cell.key):
        if not satisfied(f.when, values):
            continue  # not asked of this plan (e.g. asked on another track only)
        if f.type != "group":
            blocks.append(Entry(f.label, display(f, template, resources, values), f.type in LONG_TYPES))
            continue
        count = group_count(values, f)
        if not any(s.type in LONG_TYPES for s in f.fields):
            rows = tuple(
                (
                    f"{f.item_label} {i}",
                    *(display(s, template, resources, values, values.get(item_key(f, i, s), "")) for s in f.fields),
                )
                for i in range(1, count + 1)
            )
            blocks.append(TableBlock(f.label, (f.item_label, *(s.label for s in f.fields)), rows))
            continue
        for i in range(1, count + 1):
            item_values = item_answers(f, i, values)
            for s in f.fields:
                if satisfied(s.required_when, item_values):
                    text = display(s, template, resources, values, item_values[s.id])
                    blocks.append(Entry(f"{f.item_label} {i} – {s.label}", text, s.type in LONG_TYPES))
    return blocks
