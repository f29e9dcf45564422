"""How a plan's answers are addressed and encoded.

A plan's answers are a flat mapping of keys to text, so that every answer has
its own history and merges on its own:

- a simple field:                ``goal``
- a group's item count:          ``sources``            ("2")
- a field of a group's item:     ``sources.1.who``      (items count from 1)
- a self-assessment rating:      ``reflection.<domain>.<marker>``
- a self-assessment rationale:   ``reflection.<domain>.rationale``
- a date range:                  ``2026-09-01/2026-10-13`` (ISO 8601 interval)
- a checklist:                   option ids, one per line
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ilp_desktop.model.resources import Framework, ResourceSet
from ilp_desktop.model.template import Condition, Field, Template

Values = dict[str, str]


def satisfied(condition: Condition, answers: dict[str, str]) -> bool:
    """Whether answers meet a `when`/`required_when` condition such as { track = ["year1", "early"] }.

    A checklist's answer is its ticked ids, one per line: it meets the condition when any of them is wanted,
    whatever else is ticked beside it."""
    return all(any(a in wanted for a in checklist_ids(answers.get(name))) for name, wanted in condition.items())


def item_key(group: Field, index: int, sub: Field | str) -> str:
    return f"{group.id}.{index}.{sub if isinstance(sub, str) else sub.id}"


def item_answers(group: Field, index: int, values: Values) -> dict[str, str]:
    """One item's answers by field id, e.g. {"kind": "publication", "year": "2021"}."""
    return {s.id: values.get(item_key(group, index, s), "") for s in group.fields}


# A group without its own maximum holds at most this many items. A stored count is only as good as the file it
# came from (a hand edit, another tool, a received plan), and each item becomes widgets and printed rows.
MAX_ITEMS = 50


def item_limit(group: Field) -> int:
    return group.max or MAX_ITEMS


def group_count(values: Values, group: Field) -> int:
    """How many items a group shows: the stored count, at least the group's minimum and every answered item,
    never more than its limit."""
    try:
        stored = int(values.get(group.id) or 0)
    except ValueError:  # "1e9", "many", or 10,000 digits
        stored = 0
    return min(max(group.min, stored, _highest_answered(values, group)), item_limit(group))


def _highest_answered(values: Values, group: Field) -> int:
    prefix = f"{group.id}."
    highest = 0
    for key, value in values.items():
        index = key[len(prefix) :].partition(".")[0]
        if key.startswith(prefix) and value.strip() and index.isascii() and index.isdigit() and len(index) < 6:
            highest = max(highest, int(index))
    return highest


def rating_key(f: Field, domain: str, marker: str) -> str:
    return f"{f.id}.{domain}.{marker}"


def rating_date_key(rating: str) -> str:
    """When a self-assessment rating was given (ISO date), beside the rating's own key."""
    return f"{rating}.date"


def rationale_key(f: Field, domain: str) -> str:
    return f"{f.id}.{domain}.rationale"


def parse_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()) if text and text.strip() else None
    except ValueError:
        return None


def parse_range(text: str | None) -> tuple[dt.date | None, dt.date | None]:
    start, _, end = (text or "").partition("/")
    return parse_date(start), parse_date(end)


def format_range(start: dt.date | None, end: dt.date | None) -> str:
    return f"{start.isoformat() if start else ''}/{end.isoformat() if end else ''}"


def checklist_ids(text: str | None) -> list[str]:
    return [line for line in (text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class Choice:
    """One option of a choice field; `group` labels a heading (e.g. the CSTP standard); `meaning` says what a
    rating scale's level means (from the framework)."""

    id: str
    label: str
    group: str = ""
    meaning: str = ""


def choices(f: Field, template: Template, resources: ResourceSet, values: Values) -> list[Choice]:
    """The options a choice/rating/checklist field offers now, given earlier answers."""
    if not f.source:
        return [Choice(o.id, o.label) for o in f.options]
    if f.only:
        return [c for c in _source_choices(f, resources, values) if c.id in f.only]
    return _source_choices(f, resources, values)


def every_choice(
    f: Field, template: Template, resources: ResourceSet, siblings: tuple[Field, ...] = ()
) -> list[Choice]:
    """Every option a field can offer whatever the earlier answers (a blank form lists them all): a list that
    depends on an earlier choice gives the options of each earlier option in turn, headed by that option."""
    if not f.depends_on:
        return choices(f, template, resources, {})
    parent = next((s for s in siblings if s.id == f.depends_on), None) or template.field(f.depends_on)
    return [
        Choice(c.id, c.label, p.label)
        for p in every_choice(parent, template, resources, siblings)
        for c in choices(f, template, resources, {f.depends_on: p.id})
    ]


def _source_choices(f: Field, resources: ResourceSet, values: Values) -> list[Choice]:
    rid = f.source_resource
    if rid is None:
        raise AssertionError(f"field {f.id} has no source")  # choices() asks only fields with one
    fw = resources.framework(rid)
    if fw is None:
        std = resources.standards(rid)
        if std is None:
            raise AssertionError(f"no resource '{rid}'")  # the loader accepted the template only with it
        if f.source_list == "standards":
            return [Choice(s.key, f"Standard {s.key}: {s.title}") for s in std.standards]
        return [
            Choice(e.key, f"{e.key} {e.text}", f"Standard {s.key}: {s.title}")
            for s in std.standards
            for e in s.elements
        ]
    return _framework_choices(f, fw, resources, values.get(f.depends_on or "", ""))


def _framework_choices(f: Field, fw: Framework, resources: ResourceSet, parent: str) -> list[Choice]:
    if f.source_list == "scale":
        return [Choice(level.id, level.label, meaning=level.description) for level in fw.scale]
    if f.source_list == "domains":
        return [Choice(d.key, f"Domain {d.key}: {d.title}") for d in fw.domains]
    if f.source_list == "markers":
        domain = fw.domain(parent)
        return [Choice(m.key, f"{m.key} {m.title}") for m in (domain.markers if domain else ())]
    marker = fw.marker(parent)
    std = resources.standards(fw.standards_id)
    # A marker names the connected elements of every edition; the plan is offered those of its own.
    keys = [k for k in (marker.connections if marker else ()) if std is None or std.element(k) is not None]
    return [Choice(key, std.label(key) if std else key) for key in keys]


def display(f: Field, template: Template, resources: ResourceSet, values: Values, raw: str | None = None) -> str:
    """The answer as a reader sees it: labels instead of ids, dates spelled out."""
    value = values.get(f.id, "") if raw is None else raw
    if not value.strip():
        return ""
    if f.type in ("choice", "rating"):
        return next((c.label for c in choices(f, template, resources, values) if c.id == value), value)
    if f.type == "checklist":
        labels = {c.id: c.label for c in choices(f, template, resources, values)}
        return "; ".join(labels.get(i, i).rstrip(".") for i in checklist_ids(value))  # no ".;" after a sentence
    if f.type == "date":
        return display_date(value)
    if f.type == "daterange":
        start, end = parse_range(value)
        return f"{long_date(start) if start else '…'} – {long_date(end) if end else '…'}"
    return value


def display_date(text: str) -> str:
    """An ISO date as a reader sees it ('' stays '', anything else as stored)."""
    d = parse_date(text)
    return long_date(d) if d else text


def long_date(d: dt.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def file_size(n: int) -> str:
    """'812 bytes', '2 KB', '3.4 MB': an attachment's size as people say it."""
    return f"{n} bytes" if n < 1024 else f"{n / 1024:.0f} KB" if n < 1024**2 else f"{n / 1024**2:.1f} MB"
