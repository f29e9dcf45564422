"""A program's observation rules (e.g. four by the mentor, four by the teacher) counted over the plan's own
observation items and the mentoring log together, so an observation logged once is never entered twice.

An observation listed in the plan and logged on the same day with the same kind is the same observation.
"""

from __future__ import annotations

from dataclasses import dataclass

from ilp_desktop.model.program_year import LogEntry
from ilp_desktop.model.template import Template
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


def observation_counts(template: Template, values: Values, log: list[LogEntry]) -> list[ObservationCount]:
    group_id = template.year.observations
    if not group_id:
        return []
    group = template.field(group_id)
    kind_field = next((s for s in group.fields if s.type == "choice"), None)
    date_field = next((s.id for s in group.fields if s.type == "date"), None)
    labels = {o.id: o.label for o in kind_field.options} if kind_field else {}
    counts_as = {k.id: k.observation for k in template.year.kinds if k.observation}
    seen: dict[str, set[str]] = {}  # observation kind → the days (or item numbers) it was held
    for i in range(1, group_count(values, group) + 1):
        item = item_answers(group, i, values)
        if kind_field and item.get(kind_field.id):
            day = item.get(date_field or "", "").strip() or f"item {i}"
            seen.setdefault(item[kind_field.id], set()).add(day)
    for e in log:
        if e.kind in counts_as:
            seen.setdefault(counts_as[e.kind], set()).add(e.entry_date.isoformat())
    out = []
    for c in group.checks:
        where = c.params.get("where") or {}
        if c.rule != "count" or not kind_field or kind_field.id not in where or not satisfied(c.when, values):
            continue
        for kind in where[kind_field.id]:
            out.append(
                ObservationCount(c.message, kind, labels.get(kind, kind), len(seen.get(kind, ())), c.params["min"] or 0)
            )
    return out
