"""A program's observation rules (e.g. four by the mentor, four by the teacher) counted over the plan's own
observation items and the mentoring log together, so an observation logged once is never entered twice.

An observation listed in the plan and logged on the same day with the same kind is the same observation.
"""

from __future__ import annotations

from dataclasses import dataclass

from ilp_desktop.model.program_year import LogEntry
from ilp_desktop.model.template import Field, Template
from ilp_desktop.model.values import Values, group_count, item_answers, satisfied


@dataclass(frozen=True)
class ObservationCount:
    message: str  # the rule in the program's words
    kind: str
    label: str
    done: int
    needed: int

    def describe(self) -> str:
        mark = "✓" if self.done >= self.needed else "◆"
        return f"{mark} {self.label}: {self.done} of {self.needed}"


def _group(template: Template) -> tuple[Field, Field, str] | None:
    """The plan's observation group, its kind field and its date field's id (None: the program has none)."""
    if not template.year.observations:
        return None
    group = template.field(template.year.observations)
    kind = next((s for s in group.fields if s.type == "choice"), None)
    date = next((s.id for s in group.fields if s.type == "date"), "")
    return (group, kind, date) if kind is not None else None


def logged_observations(template: Template, values: Values, log: list[LogEntry]) -> dict[str, list[Values]]:
    """The log's observations the plan does not list (same kind, same day), as items of the plan's observation
    group: what the group's count rules count besides the plan's own items (checks.check_field's `logged`)."""
    found = _group(template)
    if found is None:
        return {}
    group, kind_field, date_field = found
    listed = set()
    for i in range(1, group_count(values, group) + 1):
        item = item_answers(group, i, values)
        listed.add((item.get(kind_field.id, ""), item.get(date_field, "").strip()))
    counts_as = {k.id: k.observation for k in template.year.kinds if k.observation}
    items: dict[tuple[str, str], Values] = {}
    for e in log:
        key = (counts_as.get(e.kind, ""), e.entry_date.isoformat())
        if key[0] and key not in listed:
            items[key] = {kind_field.id: key[0], **({date_field: key[1]} if date_field else {})}
    return {group.id: list(items.values())} if items else {}


def observation_counts(template: Template, values: Values, log: list[LogEntry]) -> list[ObservationCount]:
    """Each observation rule of the program, with the observations the plan and the log hold together."""
    found = _group(template)
    if found is None:
        return []
    group, kind_field, _ = found
    labels = {o.id: o.label for o in kind_field.options}
    items = [item_answers(group, i, values) for i in range(1, group_count(values, group) + 1)]
    items += logged_observations(template, values, log).get(group.id, [])
    out = []
    for c in group.checks:
        where = c.params.get("where") or {}
        if c.rule != "count" or kind_field.id not in where or not satisfied(c.when, values):
            continue
        for kind in where[kind_field.id]:
            done = sum(item.get(kind_field.id) == kind for item in items)
            out.append(ObservationCount(c.message, kind, labels.get(kind, kind), done, c.params["min"] or 0))
    return out
