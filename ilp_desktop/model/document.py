"""What a plan says, cell by cell, as readers see it: the live ILP view and the printout share this."""

from __future__ import annotations

from dataclasses import dataclass

from ilp_desktop.model.resources import ResourceSet
from ilp_desktop.model.template import Cell, Template
from ilp_desktop.model.values import Values, display, group_count, item_key


@dataclass(frozen=True)
class Entry:
    label: str
    text: str  # "" when not answered yet
    long: bool  # long text (paragraphs) rather than a short value


def cell_entries(cell: Cell, template: Template, resources: ResourceSet, values: Values) -> list[Entry]:
    entries = []
    for f in template.fields_in_cell(cell.key):
        if f.type != "group":
            entries.append(Entry(f.label, display(f, template, resources, values), f.type == "longtext"))
            continue
        for i in range(1, group_count(values, f) + 1):
            item_values = {s.id: values.get(item_key(f, i, s), "") for s in f.fields}
            for s in f.fields:
                applies = not s.required_when or all(item_values.get(k) == v for k, v in s.required_when.items())
                if applies:
                    text = display(s, template, resources, values, item_values[s.id])
                    entries.append(Entry(f"{f.item_label} {i} – {s.label}", text, s.type == "longtext"))
    return entries
