"""The guide's checks, evaluated against a plan's answers.

Checks are guidance: the wizard shows them beside the fields and asks before
moving on, but never stops anyone typing. "required" findings mean a part is
not complete yet; "advice" findings are the coach's rules of thumb.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex

from ilp_desktop.model.plan import Artifact
from ilp_desktop.model.resources import ResourceSet
from ilp_desktop.model.template import Check, Field, JournalRules, Template, assessment_words
from ilp_desktop.model.values import (
    Values,
    choices,
    group_count,
    item_answers,
    item_key,
    item_limit,
    parse_range,
    rating_key,
    rationale_key,
    satisfied,
)


@dataclass(frozen=True)
class Finding:
    key: str  # the value key the finding is about (a field, an item field, a rating)
    field_id: str  # the top-level field, so the UI knows where to show it
    severity: str  # "required" or "advice"
    message: str


log = logging.getLogger(__name__)
# How long one check may look at one answer; typing is never held up longer than this per check.
PATTERN_SECONDS = 0.05


# Items a group's count rules count besides the plan's own, by group id: the observations held per the mentoring
# log and not listed in the plan (model/observation_rules.py), so an observation is never entered twice.
Logged = Mapping[str, Sequence[Values]]


def check_part(
    part_id: str,
    template: Template,
    resources: ResourceSet,
    values: Values,
    today: dt.date,
    logged: Logged | None = None,
) -> list[Finding]:
    """Findings for every field printed in a part (e.g. cells 1–4 of the Initial ILP)."""
    cells = set(template.part(part_id).cells)
    out: list[Finding] = []
    for f in template.fields:
        if f.cell in cells:
            out.extend(check_field(f, template, resources, values, today, logged))
    return out


def check_field(
    f: Field, template: Template, resources: ResourceSet, values: Values, today: dt.date, logged: Logged | None = None
) -> list[Finding]:
    if not satisfied(f.when, values):
        return []  # not asked of this plan
    if f.type == "group":
        return _check_group(f, template, resources, values, today, (logged or {}).get(f.id, ()))
    if f.type == "self_assessment":
        return _check_self_assessment(f, resources, values)
    return _check_value(f, f.id, f.id, values.get(f.id, ""), f.required, template, resources, values, today)


def _check_value(
    f: Field,
    key: str,
    top: str,
    value: str,
    required: bool,
    template: Template,
    resources: ResourceSet,
    values: Values,
    today: dt.date,
) -> list[Finding]:
    if not value.strip():
        return [Finding(key, top, "required", f"{f.label}: please fill this in.")] if required else []
    out = []
    if (
        f.type in ("choice", "rating")
        and f.depends_on
        and value not in {c.id for c in choices(f, template, resources, values)}
    ):
        out.append(
            Finding(key, top, "required", f"{f.label}: the earlier choice changed; choose again from the new list.")
        )
    if f.type == "daterange":
        start, end = parse_range(value)
        if start and end and end < start:
            out.append(Finding(key, top, "required", f"{f.label}: the end date is before the start date."))
        elif required and not (start and end):
            out.append(Finding(key, top, "required", f"{f.label}: give both a start and an end date."))
    for c in f.checks:
        if satisfied(c.when, values) and _fails(c, value, today):
            out.append(Finding(key, top, c.severity, c.message))
    return out


def _fails(c: Check, value: str, today: dt.date) -> bool:
    p = c.params
    if c.rule == "matches":
        try:
            return regex.search(p["pattern"], value, regex.IGNORECASE | regex.V0, timeout=PATTERN_SECONDS) is None
        except TimeoutError:
            # A pattern that backtracks without end (^(\w+\s?)+$ on a long sentence) must not freeze typing:
            # the check is skipped, and whoever maintains the program is told in the log.
            log.warning(
                "the pattern of %s took longer than %s s on a %d-character answer",
                c.message,
                PATTERN_SECONDS,
                len(value),
            )
            return False
    if c.rule == "min_words":
        return len(value.split()) < p["value"]
    if c.rule == "span_weeks":
        start, end = parse_range(value)
        if not (start and end) or end < start:
            return False  # reported by the range checks themselves
        weeks = (end - start).days / 7
        return (p["min"] is not None and weeks < p["min"]) or (p["max"] is not None and weeks > p["max"])
    if c.rule == "within_years":
        try:
            year = int(value.strip())
        except ValueError:
            return True
        return year < today.year - p["years"] or year > today.year
    raise AssertionError(f"unknown rule {c.rule}")  # the loader admits only known rules


def _check_group(
    g: Field, template: Template, resources: ResourceSet, values: Values, today: dt.date, logged: Sequence[Values]
) -> list[Finding]:
    items = {i: item_answers(g, i, values) for i in range(1, group_count(values, g) + 1)}
    filled = {i: item for i, item in items.items() if any(a.strip() for a in item.values())}
    out = []
    noun = g.items_label
    if len(filled) < g.min:
        out.append(Finding(g.id, g.id, "required", f"{g.label}: needs {_count_text(g)} {noun}; {len(filled)} so far."))
    elif g.max is not None and len(filled) > g.max:
        out.append(Finding(g.id, g.id, "required", f"{g.label}: at most {g.max} {noun}; there are {len(filled)}."))
    for i, item in items.items():
        for s in g.fields:
            needed = s.required or bool(s.required_when and satisfied(s.required_when, item))
            for finding in _check_value(
                s, item_key(g, i, s), g.id, item[s.id], needed and i in filled, template, resources, values, today
            ):
                out.append(Finding(finding.key, g.id, finding.severity, f"{g.item_label} {i} – {finding.message}"))
    for c in g.checks:
        if satisfied(c.when, values):
            problem = _group_problem(c, g, filled, template, resources, values, logged)
            if problem is not None:
                out.append(Finding(g.id, g.id, c.severity, f"{c.message} {problem}".strip()))
    return out


def _group_problem(
    c: Check,
    g: Field,
    filled: dict[int, dict[str, str]],
    template: Template,
    resources: ResourceSet,
    values: Values,
    logged: Sequence[Values] = (),
) -> str | None:
    """What breaks a group rule on the filled items, said with the answers' labels; None when the rule holds."""
    if c.rule == "count":
        n = sum(satisfied(c.params["where"], item) for item in [*filled.values(), *logged])
        lo, hi = c.params["min"], c.params["max"]
        ok = (lo is None or n >= lo) and (hi is None or n <= hi)
        return None if ok else f"({n} so far.)"
    sub = next(s for s in g.fields if s.id == c.params["field"])
    labels = {ch.id: ch.label for ch in choices(sub, template, resources, values)}
    answers = [a for a in (item[sub.id].strip() for item in filled.values()) if a]
    if c.rule == "distinct":
        twice = sorted({a for a in answers if answers.count(a) > 1})
        return f"(More than one for: {'; '.join(labels.get(a, a) for a in twice)}.)" if twice else None
    expected = list(c.params["values"])
    if other_id := c.params["except_in"]:
        other = template.field(other_id)
        used = {values.get(item_key(other, i, c.params["field"]), "") for i in range(1, group_count(values, other) + 1)}
        expected = [v for v in expected if v not in used]
    missing = [labels.get(v, v) for v in expected if v not in answers]
    extra = [labels.get(a, a) for a in dict.fromkeys(answers) if a not in expected]
    parts = ([f"Missing: {'; '.join(missing)}."] if missing else []) + (
        [f"Not expected: {'; '.join(extra)}."] if extra else []
    )
    return " ".join(parts) or None


def items_needed(g: Field) -> int:
    """The most items any plan must give a group, for the rows of a blank form: its min, the min of a count
    rule (rules counting different kinds of item add up: four observations by the mentor and four by the
    candidate are eight), or the values a covers rule asks for; whichever answers a plan gives, never more than
    the group holds."""
    counts = [c.params for c in g.checks if c.rule == "count"]
    covers = [c.params for c in g.checks if c.rule == "covers" and not c.params["except_in"]]
    return min(
        max(
            g.min,
            sum(p["min"] or 0 for p in counts if p["where"]),
            *(p["min"] or 0 for p in counts if not p["where"]),
            *(len(p["values"]) for p in covers),
        ),
        item_limit(g),
    )


def _count_text(g: Field) -> str:
    if g.max == g.min:
        return f"exactly {g.min}"
    return f"{g.min} to {g.max}" if g.max else f"at least {g.min}"


def _check_self_assessment(f: Field, resources: ResourceSet, values: Values) -> list[Finding]:
    fw = resources.framework(f.framework) if f.framework is not None else None
    if fw is None:
        raise AssertionError(f"no framework '{f.framework}'")  # the loader accepted the template only with it
    words = assessment_words(f, fw)
    out = []
    for d in fw.domains:
        unrated = [m.key for m in d.markers if not values.get(rating_key(f, d.key, m.key), "").strip()]
        if unrated:
            out.append(
                Finding(
                    rating_key(f, d.key, unrated[0]),
                    f.id,
                    "required",
                    f"{words.domain} {d.key}: rate every {words.marker.lower()} ({', '.join(unrated)} not rated yet).",
                )
            )
        if words.rationale == "required" and not values.get(rationale_key(f, d.key), "").strip():
            out.append(
                Finding(
                    rationale_key(f, d.key),
                    f.id,
                    "required",
                    f"{words.domain} {d.key}: the rationale for the ratings is required.",
                )
            )
    return out


def check_journal_entry(rules: JournalRules, artifacts: list[Artifact], submitted: bool = True) -> list[str]:
    """The program's rules for one journal entry, e.g. 2–3 artifacts, each explained.

    Notes kept but not submitted (weekly meeting notes) are the teacher's own: no rules apply.
    """
    if not submitted:
        return []
    out = []
    n = len(artifacts)
    if n < rules.artifacts_min or (rules.artifacts_max is not None and n > rules.artifacts_max):
        wanted = (
            f"{rules.artifacts_min}–{rules.artifacts_max}"
            if rules.artifacts_max is not None
            else f"at least {rules.artifacts_min}"
        )
        out.append(f"Each entry needs {wanted} artifacts; this one has {n}.")
    if rules.explain_artifacts:
        unexplained = [a.filename for a in artifacts if not a.explanation.strip()]
        if unexplained:
            out.append(f"Explain what each artifact shows and how it relates to the goal: {', '.join(unexplained)}.")
    return out
