"""Quantitative outcomes, computed rather than typed.

An outcome such as "80% of my students will improve 20% from the
pre-assessment to the summative assessment" is a target: a share of students
and a rule each student's measures must meet. Given each student's pre and
post measures, the result says how many met it, per group too, and whether
the outcome as a whole is met.

A class-level outcome ("instruction starts within 3 minutes of the bell on
80% of days") is measured repeatedly for the whole class: each row is one
occasion (its date in the student column, its value as the post measure), and
occasions marked as the baseline (taken before the change) are averaged for
comparison, not counted against the target.
"""

from __future__ import annotations

from dataclasses import dataclass

RULES = {
    "gain_percent": "improve by at least {amount:g}% of their pre score",
    "gain_points": "improve by at least {amount:g} points",
    "reach": "score at least {amount:g} on the post measure",
    "at_most": "measure at most {amount:g} on the post measure (lower is better)",
    "class_reach": "the class measures at least {amount:g}",
    "class_at_most": "the class measures at most {amount:g} (lower is better)",
}
CLASS_RULES = frozenset(r for r in RULES if r.startswith("class_"))
BASELINE = "baseline"  # the group of a class-level occasion measured before the change
ALL_STUDENTS = "All students"
NO_GROUP = "No group"
EPSILON = 1e-9  # 20% of 50 is 10.000000000000002 in binary floating point


@dataclass(frozen=True)
class Measure:
    student: str  # a pseudonym or initials, never a full name
    group: str
    pre: float | None
    post: float | None


@dataclass(frozen=True)
class Target:
    share: float  # percent of students
    rule: str
    amount: float

    @property
    def per_class(self) -> bool:
        """Measured for the whole class on repeated occasions rather than per student."""
        return self.rule in CLASS_RULES

    @property
    def counts(self) -> str:
        return "occasions" if self.per_class else "students"

    def describe(self) -> str:
        colon = ":" if self.per_class else ""
        return f"{self.share:g}% of {self.counts}{colon} {RULES[self.rule].format(amount=self.amount)}"


DEFAULT_TARGET = Target(80, "gain_percent", 20)  # the guide's own example: 80% of students improve by 20%


@dataclass(frozen=True)
class GroupResult:
    group: str
    counted: int
    meeting: int

    @property
    def share(self) -> float:
        return 100 * self.meeting / self.counted if self.counted else 0.0


@dataclass(frozen=True)
class OutcomeResult:
    target: Target
    counted: int  # students (occasions) with the measures the rule needs
    meeting: int
    missing: tuple[str, ...]  # students left out for want of a measure
    groups: tuple[GroupResult, ...]  # all students first, then each group; () when nobody has a group
    flags: dict[str, bool]  # student → met the rule
    baseline: float | None = None  # a class-level outcome: the average of its baseline occasions

    @property
    def share(self) -> float:
        return 100 * self.meeting / self.counted if self.counted else 0.0

    @property
    def met(self) -> bool:
        return self.counted > 0 and self.share + EPSILON >= self.target.share

    def describe(self) -> str:
        baseline = "" if self.baseline is None else f" Baseline average: {self.baseline:.3g}."
        if not self.counted:
            first = "No occasion is measured" if self.target.per_class else "No student has the measures"
            return f"{first} yet.{baseline}"
        verdict = "Met" if self.met else "Not met yet"
        counted = f"{self.meeting} of {self.counted} {self.target.counts} ({self.share:.0f}%)"
        rule = RULES[self.target.rule].format(amount=self.target.amount)
        text = f"{verdict}: {counted}{':' if self.target.per_class else ''} {rule}; the goal is {self.target.share:g}%."
        if self.missing:
            text += f" Left out for a missing measure: {', '.join(self.missing)}."
        return text + baseline

    def group_lines(self) -> list[str]:
        """'EL: 3 of 3 (100%)' for all students and each group, when any student has a group."""
        return [f"{g.group}: {g.meeting} of {g.counted} ({g.share:.0f}%)" for g in self.groups]


def meets(rule: str, amount: float, pre: float | None, post: float | None) -> bool | None:
    """Whether one student meets the rule; None when a needed measure is missing."""
    if post is None:
        return None
    if rule in ("reach", "class_reach"):
        return post + EPSILON >= amount
    if rule in ("at_most", "class_at_most"):
        return post <= amount + EPSILON
    if pre is None:
        return None
    if rule == "gain_points":
        return post - pre + EPSILON >= amount
    if pre == 0:
        return post > 0  # any gain from zero is more than any percentage of zero
    return (post - pre) / abs(pre) * 100 + EPSILON >= amount


def evaluate(target: Target, measures: list[Measure]) -> OutcomeResult:
    baseline = [m.post for m in measures if target.per_class and m.group == BASELINE and m.post is not None]
    counted_measures = [m for m in measures if not (target.per_class and m.group == BASELINE)]
    flags: dict[str, bool] = {}
    missing: list[str] = []
    groups: dict[str, tuple[int, int]] = {}
    for m in counted_measures:
        ok = meets(target.rule, target.amount, m.pre, m.post)
        if ok is None:
            missing.append(m.student)
            continue
        flags[m.student] = ok
        group = "" if target.per_class else (m.group or NO_GROUP)
        counted, meeting = groups.get(group, (0, 0))
        groups[group] = (counted + 1, meeting + ok)
    named = sorted(g for g in groups if g != NO_GROUP) + [NO_GROUP] * (NO_GROUP in groups)
    # The groups are shown only when someone has one; "All students" always counts every student.
    shown = (
        (GroupResult(ALL_STUDENTS, len(flags), sum(flags.values())), *(GroupResult(g, *groups[g]) for g in named))
        if any(g not in ("", NO_GROUP) for g in groups)
        else ()
    )
    return OutcomeResult(
        target,
        len(flags),
        sum(flags.values()),
        tuple(missing),
        shown,
        flags,
        sum(baseline) / len(baseline) if baseline else None,
    )
