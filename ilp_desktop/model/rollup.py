"""The program leader's roll-up in numbers: per plan its status, hours ledger and CTC clocks, and the totals by
program, school and coach, and the CTC evidence table – from dates and minutes only, never a plan's answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ilp_desktop.model.calendar import next_due, plan_calendar
from ilp_desktop.model.catalog import Catalog
from ilp_desktop.model.plan_rules import plan_problems
from ilp_desktop.model.program_year import (
    ClockState,
    Ledger,
    YearDates,
    clocks,
    ledger,
    minutes_per_month,
    support_start,
)


@dataclass(frozen=True)
class PlanFacts:
    """What the roll-up may know of one plan: who, where, when – no answers, and only released notes."""

    uid: str
    teacher: str
    coach: str
    program: str
    school: str
    school_year: str
    start: dt.date
    stage: str
    dates: YearDates
    minutes: tuple[tuple[dt.date, int], ...]
    journal_dates: tuple[dt.date, ...]
    goals_signed: dt.date | None
    released: tuple[tuple[dt.date, str], ...] = ()  # notes the plan's owner released to the program
    source: str = ""


@dataclass(frozen=True)
class RollupRow:
    facts: PlanFacts
    program_title: str
    status: str  # the next due item in words, or "Nothing due"
    overdue: bool
    ledger: Ledger | None
    clocks: tuple[ClockState, ...]
    in_year: bool = True  # the program keeps an induction year (hours, clocks); False: not CTC evidence

    @property
    def hours_met(self) -> bool:
        return self.ledger is not None and not self.ledger.below

    def group(self, by: str) -> str:
        return {"Program": self.program_title, "School": self.facts.school, "Coach": self.facts.coach}[by]

    def clock(self, index: int) -> ClockState | None:
        return self.clocks[index] if self.clocks else None


def row(
    facts: PlanFacts, catalog: Catalog, today: dt.date, breaks: tuple[tuple[dt.date, dt.date], ...] = ()
) -> RollupRow:
    template = catalog.template(facts.program)
    if template is None:
        return RollupRow(facts, f"{facts.program} (template not installed)", "Program not installed", False, None, ())
    status, overdue = "Nothing due", False
    if not plan_problems(facts.school_year, facts.stage, facts.start):
        due = next_due(
            plan_calendar(template, facts.school_year, facts.start, facts.stage, list(facts.journal_dates), today, None)
        )
        if due is not None:
            status, overdue = f"{due.title}: {due.describe()}", due.state == "overdue"
    rules = template.year
    start = support_start(facts.start, facts.dates)
    return RollupRow(
        facts,
        template.title,
        status,
        overdue,
        ledger(rules.hours, list(facts.minutes), start, today, breaks),
        tuple(clocks(rules, facts.dates, today, facts.goals_signed)),
        bool(rules.authority),
    )


@dataclass(frozen=True)
class GroupTotals:
    by: str  # "Program", "School", "Coach"
    name: str
    plans: int
    on_time: int
    overdue: int
    hours_met: int
    match_met: int
    goals_met: int
    average: str  # the mean of the plans' averages, with its unit

    def cells(self) -> list[str]:
        """As a line of the totals table (TOTAL_HEADINGS)."""
        counts = (self.plans, self.on_time, self.overdue)
        return [
            self.by,
            self.name,
            *map(str, counts),
            f"{self.hours_met} ({self.average})",
            str(self.match_met),
            str(self.goals_met),
        ]


TOTAL_HEADINGS = (
    "By",
    "Name",
    "Plans",
    "On time",
    "Overdue",
    "Hours rule met (average)",
    "Mentor match met",
    "Goals met",
)


GROUPINGS = ("Program", "School", "Coach")


def totals(rows: list[RollupRow]) -> list[GroupTotals]:
    out = []
    for by in GROUPINGS:
        groups: dict[str, list[RollupRow]] = {}
        for r in rows:
            groups.setdefault(r.group(by) or "(none)", []).append(r)
        for name, members in sorted(groups.items()):
            out.append(
                GroupTotals(
                    by,
                    name,
                    len(members),
                    sum(not r.overdue for r in members),
                    sum(r.overdue for r in members),
                    sum(r.hours_met for r in members),
                    sum(bool(r.clocks) and r.clocks[0].state == "met" for r in members),
                    sum(bool(r.clocks) and r.clocks[1].state == "met" for r in members),
                    _mean_average(members),
                )
            )
    return out


def _mean_average(rows: list[RollupRow]) -> str:
    """Per unit: plans under a weekly and a monthly rule are not averaged together."""
    by_unit: dict[str, list[float]] = {}
    for r in rows:
        if r.ledger is not None and r.ledger.average is not None:
            by_unit.setdefault(r.ledger.rule.per, []).append(r.ledger.average)
    return "; ".join(f"{sum(v) / len(v):.0f} min/{unit}" for unit, v in sorted(by_unit.items(), reverse=True)) or "–"


# ------------------------------------------------------------- the evidence table
EVIDENCE_HEADINGS = (
    "Teacher",
    "Program",
    "School",
    "Coach",
    "Enrolment",
    "Match date",
    "Days to match",
    "Goals date",
    "Days to goals",
)


def evidence_table(rows: list[RollupRow]) -> tuple[list[str], list[list[object]]]:
    """The CTC evidence: one line per teacher with the clocks' dates and days, hours per month and the average.
    Plans of programs without an induction year (an endorsement course) are not evidence and are left out.

    Hours are decimal hours; the average is in minutes per the program's period, its unit in the last column."""
    rows = [r for r in rows if r.in_year]
    months = sorted({m for r in rows for m in minutes_per_month(list(r.facts.minutes))})
    headings = [*EVIDENCE_HEADINGS, *(f"Hours {m}" for m in months), "Average (min)", "Per", "Rule (min)"]
    table: list[list[object]] = []
    for r in rows:
        f = r.facts
        match, goals = r.clock(0), r.clock(1)
        per_month = minutes_per_month(list(f.minutes))
        average = r.ledger.average if r.ledger else None
        table.append(
            [
                f.teacher,
                r.program_title,
                f.school,
                f.coach,
                _iso(f.dates.enrolled),
                _iso(f.dates.matched),
                match.days_taken if match else None,
                _iso(goals.done if goals else None),
                goals.days_taken if goals else None,
                *(round(per_month.get(m, 0) / 60, 2) for m in months),
                None if average is None else round(average, 1),
                r.ledger.rule.per if r.ledger else "",
                r.ledger.rule.minutes if r.ledger else None,
            ]
        )
    return headings, table


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
