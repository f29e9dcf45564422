"""What a plan says, cell by cell, as readers see it: the live ILP view and the printout share this.

A cell holds blocks: a labelled answer (Entry), or a table (TableBlock) for a
repeating group whose fields are all short, such as a timeline of dates.
A blank form (to fill by hand) lists every field, each with the condition under
which a plan is asked it, a group with as many items as a plan must give, and a
choice with its options to tick.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby
from textwrap import shorten
from types import MappingProxyType

from ilp_desktop.model import continuum
from ilp_desktop.model.checks import items_needed
from ilp_desktop.model.resources import ResourceSet
from ilp_desktop.model.template import Cell, Condition, Field, Template, assessment_words
from ilp_desktop.model.values import (
    Values,
    display,
    display_date,
    every_choice,
    group_count,
    item_answers,
    item_key,
    item_limit,
    rating_date_key,
    rating_key,
    rationale_key,
    satisfied,
)

LONG_TYPES = ("longtext", "checklist")
CHOICE_TYPES = ("choice", "rating", "checklist")
BOX = "☐"
MEASURED_RESULT = "Measured result"
ITEM_NAME_CHARS = 60  # an item named after an earlier answer: enough words to know it
# A blank form's group that no rule counts still gets rows to write in.
BLANK_ROWS = 3
# An answered group of at most this many answers per item prints as a table even when one is long (when and
# what of an action step); more, and each item's answers print one under the other. A blank form keeps the
# lines under each other: a table row leaves no room to write a paragraph by hand.
TABLE_FIELDS = 2
# A longer list from a standards or framework resource ticks its keys (1.1, 5B), not its wording, so a blank
# form lists all 38 CSTP elements in six lines instead of a page.
WORDED_OPTIONS = 8


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
    # A group with a long answer printed before as labelled answers, one under the other: the same answers that
    # way (with its items' measured results), so its fingerprint – and whether a signed cell reads as amended –
    # does not change with the layout (export/printed.py).
    as_entries: tuple[Entry, ...] = ()
    after: tuple[Entry, ...] = ()  # printed below the table: its items' measured results
    chart: continuum.GrowthChart | None = None  # a continuum's growth, drawn after its table


Block = Entry | TableBlock


def cell_blocks(
    cell: Cell,
    template: Template,
    resources: ResourceSet,
    values: Values,
    blank: bool = False,
    results: Mapping[str, str] = MappingProxyType({}),
) -> list[Block]:
    """The cell's blocks; `results` (item key such as "outcomes.1" → the measured result in words) prints
    after the item it measures."""
    blocks: list[Block] = []
    for f in template.fields_in_cell(cell.key):
        if not blank and not satisfied(f.when, values):
            continue  # not asked of this plan (e.g. asked on another track only)
        asked = _blank_note(f, f.when, template.fields) if blank else ""
        label = f.label + asked
        if f.type == "self_assessment":
            blocks.append(_assessment_table(f, label, resources, values, blank))
            continue
        if f.type == "continuum":
            blocks.append(_continuum_table(f, label, resources, values, blank))
            continue
        if f.type != "group":
            text = _to_tick(f, template, resources) if blank else display(f, template, resources, values)
            blocks.append(Entry(label, text, f.type in LONG_TYPES))
            continue
        count = (items_needed(f) or min(BLANK_ROWS, item_limit(f))) if blank else group_count(values, f)
        long = [s for s in f.fields if s.type in LONG_TYPES]
        if long and not blank and len(f.fields) <= TABLE_FIELDS and len(long) == 1:
            rows = tuple(
                (
                    f"{f.item_label} {i}",
                    *(display(s, template, resources, values, values.get(item_key(f, i, s), "")) for s in f.fields),
                )
                for i in range(1, count + 1)
            )
            entries = tuple(_item_entries(f, count, template, resources, values, results))
            after = tuple(_results(f, count, results))
            blocks.append(TableBlock(label, (f.item_label, *(s.label for s in f.fields)), rows, entries, after))
            continue
        if not long:
            rows = tuple(
                (
                    f"{f.item_label} {i}",
                    *(
                        _to_tick(s, template, resources, f.fields)
                        if blank
                        else display(s, template, resources, values, values.get(item_key(f, i, s), ""))
                        for s in f.fields
                    ),
                )
                for i in range(1, count + 1)
            )
            columns = (f.item_label, *(s.label + (_blank_note(s, {}, f.fields) if blank else "") for s in f.fields))
            blocks.append(TableBlock(label, columns, rows))
            blocks.extend(_results(f, count, results))
            continue
        if blank:
            for i in range(1, count + 1):
                for s in f.fields:
                    # An item's first answer says when the group is asked (its label is not printed).
                    note = _blank_note(s, s.required_when, f.fields) + (asked if s is f.fields[0] else "")
                    text = _to_tick(s, template, resources, f.fields)
                    blocks.append(Entry(f"{f.item_label} {i} – {s.label}{note}", text, s.type in LONG_TYPES))
        else:
            blocks.extend(_item_entries(f, count, template, resources, values, results))
    return blocks


def _item_entries(
    f: Field, count: int, template: Template, resources: ResourceSet, values: Values, results: Mapping[str, str]
) -> Iterator[Entry]:
    """A group's answered items as labelled answers, one under the other, each item's measured result after it."""
    for i in range(1, count + 1):
        item_values = item_answers(f, i, values)
        for s in f.fields:
            if satisfied(s.required_when, item_values):
                text = display(s, template, resources, values, item_values[s.id])
                yield Entry(f"{f.item_label} {i} – {s.label}", text, s.type in LONG_TYPES)
        yield from _results(f, i, results, first=i)


def _assessment_table(f: Field, label: str, resources: ResourceSet, values: Values, blank: bool) -> TableBlock:
    """A self-assessment as a table: each marker's level and the day it was rated, each domain's rationale (on a
    blank form: the levels to tick)."""
    fw = resources.framework(f.framework or "")
    if fw is None:
        raise AssertionError(f"no framework '{f.framework}'")  # the loader accepted the template only with it
    words = assessment_words(f, fw)
    levels = {level.id: level.label for level in fw.scale}
    to_tick = "   ".join(f"{BOX}\u00a0{level.label}" for level in fw.scale)
    rows: list[tuple[str, ...]] = []
    for d in fw.domains:
        for m in d.markers:
            key = rating_key(f, d.key, m.key)
            level = to_tick if blank else levels.get(values.get(key, ""), values.get(key, ""))
            day = "" if blank else display_date(values.get(rating_date_key(key), ""))
            rows.append((f"{words.marker} {m.key}: {m.title}", level, day, ""))
        if words.rationale != "none":
            text = "" if blank else values.get(rationale_key(f, d.key), "")
            rows.append((f"{words.domain} {d.key}: {d.title}", "", "", text))
    rationale = "Rationale" + (" (required)" if words.rationale == "required" and blank else "")
    return TableBlock(label, (f"{words.marker}", "Level", "Date", rationale), tuple(rows))


def _continuum_table(f: Field, label: str, resources: ResourceSet, values: Values, blank: bool) -> TableBlock:
    """Every pass side by side (level and date of each rating) with the latest evidence, and the growth across
    them as a chart; on a blank form, one pass with the levels to tick."""
    if not blank:
        columns, rows = continuum.comparison(f, resources, values)
        growth = continuum.chart(f, resources, values) if continuum.pass_count(f, values) else None
        return TableBlock(label, columns, tuple(rows), chart=growth)
    cont, std = continuum.resources_of(f, resources)
    ticks = "   ".join(f"{BOX}\u00a0{level.label}" for level in cont.levels)
    blank_rows = tuple((f"{e.key} {e.text}", ticks, "", "") for e in continuum.elements(std))
    return TableBlock(label, ("Element", "Level", "Date", "Evidence"), blank_rows)


def _results(f: Field, last: int, results: Mapping[str, str], first: int = 1) -> list[Entry]:
    """The measured results of a group's items first..last."""
    return [
        Entry(f"{f.item_label} {i} – {MEASURED_RESULT}", results[f"{f.id}.{i}"], True)
        for i in range(first, last + 1)
        if f"{f.id}.{i}" in results
    ]


def _blank_note(f: Field, condition: Condition, fields: Iterable[Field]) -> str:
    """What a blank form says beside a label: which plans are asked it, and how many options to tick."""
    said = []
    for name, wanted in condition.items():
        earlier = next(x for x in fields if x.id == name)
        labels = {o.id: o.label for o in earlier.options}
        said.append(f"only if {earlier.label}: {' or '.join(labels.get(w, w) for w in wanted)}")
    if f.type in CHOICE_TYPES:
        said.append("tick all that apply" if f.type == "checklist" else "tick one")
    return f" ({'; '.join(said)})" if said else ""


def _to_tick(f: Field, template: Template, resources: ResourceSet, siblings: tuple[Field, ...] = ()) -> str:
    """A choice on a blank form: its options with boxes to tick, one a line (a long list from a resource: its
    keys, a line for each heading such as the CSTP standard); "" for other fields."""
    if f.type not in CHOICE_TYPES:
        return ""
    options = every_choice(f, template, resources, siblings)
    if not (f.source and len(options) > WORDED_OPTIONS):
        return "\n".join(f"{BOX}\u00a0{c.label}" for c in options)
    # A heading is named by its title, not its full wording ("Standard 2: Learner Agency: The candidate …").
    return "\n".join(
        (": ".join(heading.split(": ")[:2]) + ": " if heading else "") + "   ".join(f"{BOX}\u00a0{c.id}" for c in items)
        for heading, items in groupby(options, key=lambda c: c.group)
    )


def recalled(fields: Iterable[Field], template: Template, resources: ResourceSet, values: Values) -> list[Entry]:
    """Earlier answers as a later step shows them (a step's `recall`): a group item by item on one line each."""
    out: list[Entry] = []
    for f in fields:
        if f.type != "group":
            out.append(Entry(f.label, display(f, template, resources, values), f.type in LONG_TYPES))
            continue
        for i in range(1, group_count(values, f) + 1):
            item = item_answers(f, i, values)
            said = (display(s, template, resources, values, item[s.id]) for s in f.fields)
            out.append(Entry(f"{f.item_label} {i}", " – ".join(t for t in said if t), True))
    return out


def item_title(f: Field, i: int, template: Template, values: Values) -> str:
    """'Research source 1', named after the item of an earlier group with the same item label when it has a
    written answer: 'Research source 1: Harry K. Wong and Rosemary T. Wong, …' (cells 5 and 6 continue cell 4's
    sources)."""
    title = f"{f.item_label} {i}"
    earlier = next((g for g in template.fields if g.type == "group" and g.item_label == f.item_label), f)
    if earlier is f or i > group_count(values, earlier):
        return title
    item = item_answers(earlier, i, values)
    name = next((item[s.id] for s in earlier.fields if s.type in ("text", "longtext") and item[s.id].strip()), "")
    # Cut first (a longer cut is shortened with its " …" all the same): shortening a million-character answer
    # would read all of it.
    return f"{title}: {shorten(name[: ITEM_NAME_CHARS * 4], ITEM_NAME_CHARS, placeholder=' …')}" if name else title
