"""Quantitative outcomes, computed rather than typed.

An outcome such as "80% of my students will improve 20% from the
pre-assessment to the summative assessment" is a target: a share of students
and a rule each student's measures must meet. Given each student's pre and
post measures, the result says how many met it, per group too, and whether
the outcome as a whole is met.
"""

from __future__ import annotations

from dataclasses import dataclass

RULES = {
    "gain_percent": "improve by at least {amount:g}% of their pre score",
    "gain_points": "improve by at least {amount:g} points",
    "reach": "score at least {amount:g} on the post measure",
    "at_most": "measure at most {amount:g} on the post measure (lower is better)",
}
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

    def describe(self) -> str:
        return f"{self.share:g}% of students {RULES[self.rule].format(amount=self.amount)}"


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
    counted: int  # students with the measures the rule needs
    meeting: int
    missing: tuple[str, ...]  # students left out for want of a measure
    groups: tuple[GroupResult, ...]
    flags: dict[str, bool]  # student → met the rule

    @property
    def share(self) -> float:
        return 100 * self.meeting / self.counted if self.counted else 0.0

    @property
    def met(self) -> bool:
        return self.counted > 0 and self.share + EPSILON >= self.target.share

    def describe(self) -> str:
        if not self.counted:
            return "No student has the measures yet."
        verdict = "Met" if self.met else "Not met yet"
        text = (
            f"{verdict}: {self.meeting} of {self.counted} students ({self.share:.0f}%) "
            f"{RULES[self.target.rule].format(amount=self.target.amount)}; the goal is {self.target.share:g}%."
        )
        if self.missing:
            text += f" Left out for a missing measure: {', '.join(self.missing)}."
        return text


def meets(rule: str, amount: float, pre: float | None, post: float | None) -> bool | None:
    """Whether one student meets the rule; None when a needed measure is missing."""
    if post is None:
        return None
    if rule == "reach":
        return post + EPSILON >= amount
    if rule == "at_most":
        return post <= amount + EPSILON
    if pre is None:
        return None
    if rule == "gain_points":
        return post - pre + EPSILON >= amount
    if pre == 0:
        return post > 0  # any gain from zero is more than any percentage of zero
    return (post - pre) / abs(pre) * 100 + EPSILON >= amount


def evaluate(target: Target, measures: list[Measure]) -> OutcomeResult:
    flags: dict[str, bool] = {}
    missing: list[str] = []
    groups: dict[str, tuple[int, int]] = {}
    for m in measures:
        ok = meets(target.rule, target.amount, m.pre, m.post)
        if ok is None:
            missing.append(m.student)
            continue
        flags[m.student] = ok
        counted, meeting = groups.get(m.group or "All students", (0, 0))
        groups[m.group or "All students"] = (counted + 1, meeting + ok)
    return OutcomeResult(
        target,
        len(flags),
        sum(flags.values()),
        tuple(missing),
        tuple(GroupResult(g, c, k) for g, (c, k) in sorted(groups.items())),
        flags,
    )
