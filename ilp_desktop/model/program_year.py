"""The program year around a plan, as a template declares it: what a mentoring log entry can be, the support-hours
rule and the CTC clocks (a mentor within 30 days of enrolment, ILP goals within 60).

A template's `[program_year]` table (forms/README.md) sets these, each key defaulting to the Commission on Teacher
Credentialing's induction rules. A template without the table is not an induction program year (an endorsement
course, another state's plan): its plans keep a mentoring log but have no hours rule and no clocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ilp_desktop.model.plan import Signature
from ilp_desktop.model.tomlfile import Reader

PERIODS = ("week", "month")
MAX_MINUTES = 24 * 60  # one log entry is one day's support at most


@dataclass(frozen=True)
class LogKind:
    id: str
    label: str
    observation: str = ""  # the kind of the plan's observation items an entry of this kind counts as


@dataclass(frozen=True)
class HoursRule:
    minutes: int  # at least this many minutes of support on average …
    per: str  # … per school week, or per month

    def describe(self) -> str:
        return f"an average of at least {self.minutes} minutes per {self.per}"


@dataclass(frozen=True)
class YearRules:
    kinds: tuple[LogKind, ...]
    hours: HoursRule | None  # None: the program counts no support hours
    match_days: int  # a mentor is matched within this many days of enrolment
    goals_days: int  # ILP goals are set within this many days of enrolment
    goals_part: str  # the part whose first signature sets the goals date when none is recorded ("": none)
    observations: str  # the plan's group field whose count rules log observations count toward ("": none)
    authority: str = "CTC"  # whose clocks these are, named on their due dates ("": the program has no clocks)

    def kind_label(self, kind: str) -> str:
        return next((k.label for k in self.kinds if k.id == kind), kind)


DEFAULT_KINDS = (
    LogKind("meeting", "Meeting"),
    LogKind("observation_by_mentor", "Observation by the mentor"),
    LogKind("observation_by_teacher", "Observation by the teacher"),
    LogKind("co_planning", "Co-planning"),
    LogKind("professional_learning", "Professional learning"),
    LogKind("other", "Other"),
)
# The CTC's induction preconditions: a mentor within 30 days, goals within 60, an hour a week on average.
DEFAULT_RULES = YearRules(DEFAULT_KINDS, HoursRule(60, "week"), 30, 60, "", "")
# A template without a `[program_year]` table: a log to keep, nothing to count.
NO_PROGRAM_YEAR = YearRules(DEFAULT_KINDS, None, 30, 60, "", "", authority="")


def read_year_rules(r: Reader, parts: set[str], group_fields: set[str]) -> YearRules:
    """The `[program_year]` table; every key may be left out for the default."""
    r.unknown_keys(
        ("kinds", "hours", "match_within_days", "goals_within_days", "goals_signed_part", "observations", "authority")
    )
    kinds: tuple[LogKind, ...] = DEFAULT_KINDS
    if r.has("kinds"):
        listed = []
        for k in r.table_list("kinds", min_count=1):
            k.unknown_keys(("id", "label", "observation"))
            listed.append(LogKind(k.text("id"), k.text("label"), k.text("observation", "")))
        kinds = tuple(listed)
        r.unique([k.id for k in kinds], "kinds.id")
    hours = DEFAULT_RULES.hours
    if r.has("hours"):
        h = r.table("hours")
        h.unknown_keys(("minutes", "per"))
        hours = HoursRule(h.integer("minutes"), h.choice("per", PERIODS))
        if hours.minutes <= 0:
            raise h.fail("minutes", "must be more than 0")
    rules = YearRules(
        kinds,
        hours,
        r.integer("match_within_days", DEFAULT_RULES.match_days),
        r.integer("goals_within_days", DEFAULT_RULES.goals_days),
        r.text("goals_signed_part", ""),
        r.text("observations", ""),
        r.text("authority", DEFAULT_RULES.authority),
    )
    if rules.goals_part and rules.goals_part not in parts:
        raise r.fail("goals_signed_part", f"no part '{rules.goals_part}' (parts: {', '.join(sorted(parts))})")
    if rules.observations and rules.observations not in group_fields:
        raise r.fail("observations", f"no group field '{rules.observations}'")
    for key in ("match_within_days", "goals_within_days"):
        if r.integer(key, 1) <= 0:
            raise r.fail(key, "must be more than 0")
    return rules


@dataclass(frozen=True)
class LogEntry:
    """One meeting, observation, co-planning session … with the teacher: what the hours are made of."""

    id: int
    plan_id: int
    uid: str
    entry_date: dt.date
    minutes: int
    kind: str
    standards: str  # the standards elements discussed, e.g. "1A, 2C"
    notes: str  # private to the coach and teacher …
    released: bool  # … unless released to the program
    next_steps: str
    artifacts: str = ""  # what was looked at or left behind (names, links)
    updated_at: str = ""


@dataclass(frozen=True)
class YearDates:
    """The dates the CTC asks evidence of; None while not recorded."""

    enrolled: dt.date | None = None
    matched: dt.date | None = None  # the mentor was assigned
    goals: dt.date | None = None  # the ILP goals were set


@dataclass(frozen=True)
class ClockState:
    """One CTC clock: the days from enrolment to an event, against the days allowed."""

    title: str  # "Mentor match", "ILP goals"
    allowed: int
    enrolled: dt.date | None
    done: dt.date | None
    today: dt.date
    derived: str = ""  # where the date came from when not typed, e.g. "the Initial ILP's signature"

    @property
    def days_taken(self) -> int | None:
        return None if self.enrolled is None or self.done is None else (self.done - self.enrolled).days

    @property
    def deadline(self) -> dt.date | None:
        return None if self.enrolled is None else self.enrolled + dt.timedelta(days=self.allowed)

    @property
    def state(self) -> str:
        """'met', 'missed', 'due' or 'unknown' (no enrolment date)."""
        if self.enrolled is None or self.deadline is None:
            return "unknown"
        if self.done is not None:
            return "met" if self.done <= self.deadline else "missed"
        return "missed" if self.today > self.deadline else "due"

    def describe(self) -> str:
        """In words, never by colour alone: '✓ Met: 12 days (within 30)', '◆ Due in 5 days (by …)'."""
        state, days = self.state, self.days_taken
        if state == "unknown":
            return f"{self.title}: enrolment date not recorded"
        if state == "met":
            return f"✓ {self.title} met: {days} days after enrolment (within {self.allowed})"
        if state == "missed" and days is not None:
            return f"✕ {self.title} missed: {days} days after enrolment (allowed {self.allowed})"
        assert self.deadline is not None
        left = (self.deadline - self.today).days
        if state == "missed":
            return f"✕ {self.title} missed: not done, {-left} days past the {self.allowed}-day limit"
        when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
        return f"◆ {self.title} due {when} (by {self.deadline.isoformat()})"


def clocks(rules: YearRules, dates: YearDates, today: dt.date, goals_signed: dt.date | None = None) -> list[ClockState]:
    """The 30-day mentor clock and the 60-day goals clock (none for a program without them); the goals date falls
    back to the signature's."""
    if not rules.authority:
        return []
    goals, derived = dates.goals, ""
    if goals is None and goals_signed is not None:
        goals, derived = goals_signed, "signature"
    return [
        ClockState("Mentor match", rules.match_days, dates.enrolled, dates.matched, today),
        ClockState("ILP goals", rules.goals_days, dates.enrolled, goals, today, derived),
    ]


def goals_signed(rules: YearRules, signatures: list[Signature]) -> dt.date | None:
    """The day the goals' part was first signed, when the program says that is when goals are set."""
    days = [s.signed_on for s in signatures if rules.goals_part and s.part == rules.goals_part]
    return min(days) if days else None


def support_start(plan_start: dt.date, dates: YearDates) -> dt.date:
    """Support is counted from the mentor match (else enrolment, else the plan's start)."""
    return dates.matched or dates.enrolled or plan_start


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@dataclass(frozen=True)
class Ledger:
    """Support minutes per period from the start, against the hours rule."""

    rule: HoursRule
    periods: tuple[tuple[dt.date, int], ...]  # each period's first day and its minutes, oldest first
    today: dt.date
    # The first days of periods with no school day outside a district break: the average is per school period, so
    # they are not counted (minutes logged in them still are).
    breaks: tuple[dt.date, ...] = ()

    @property
    def completed(self) -> tuple[tuple[dt.date, int], ...]:
        """The periods that have ended; the current one is still being filled."""
        return self.periods[:-1]

    @property
    def current(self) -> int:
        return self.periods[-1][1] if self.periods else 0

    @property
    def total(self) -> int:
        return sum(m for _, m in self.periods)

    def _school(self, periods: tuple[tuple[dt.date, int], ...]) -> int:
        return sum(first not in self.breaks for first, _ in periods)

    @property
    def average(self) -> float | None:
        """Minutes per completed school period (None before the first one ends)."""
        done = self.completed
        school = self._school(done)
        return sum(m for _, m in done) / school if school else None

    def running_averages(self) -> list[float]:
        """The average after each completed period (a break carries the one before): the trend."""
        out, total, school = [], 0, 0
        for first, minutes in self.completed:
            total += minutes
            school += first not in self.breaks
            out.append(total / max(school, 1))
        return out

    @property
    def in_break(self) -> bool:
        """The current period is a school break."""
        return bool(self.periods) and self.periods[-1][0] in self.breaks

    @property
    def needed_now(self) -> int:
        """Minutes still to log in the current period to keep the average at the rule when it ends."""
        return max(0, self.rule.minutes * self._school(self.periods) - self.total)

    @property
    def below(self) -> bool:
        average = self.average
        return average is not None and average < self.rule.minutes

    def describe(self) -> str:
        unit = self.rule.per
        average = self.average
        breaks = f"; {_count(len(self.breaks), unit)} of school break not counted" if self.breaks else ""
        head = (
            f"Average {average:.0f} min per {unit} over {_count(self._school(self.completed), unit)}"
            f" (rule: {self.rule.minutes}{breaks})"
            if average is not None
            else f"First {unit}: {self.current} min so far (rule: average of {self.rule.minutes} per {unit}{breaks})"
        )
        if self.below:
            return f"✕ {head} – below the rule; {self.needed_now} min this {unit} would bring it back"
        if self.needed_now:
            return f"⚠ {head} – log {self.needed_now} more min this {unit} to stay at the rule"
        return f"✓ {head}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def ledger(
    rule: HoursRule | None,
    entries: list[tuple[dt.date, int]],
    start: dt.date,
    today: dt.date,
    breaks: tuple[tuple[dt.date, dt.date], ...] = (),
) -> Ledger | None:
    """Minutes per week (Monday to Sunday) or per calendar month from the start's period to today's (None: the
    program has no hours rule).

    A period whose school days (Monday to Friday) all fall in the district's `breaks` is not counted; without a
    district calendar every week is a school week, and a break shows as a week with no minutes."""
    if rule is None:
        return None
    first, step = _periods(rule.per)
    begin = first(start)
    end = first(today)
    if end < begin:
        return Ledger(rule, (), today)
    sums: dict[dt.date, int] = {}
    for day, minutes in entries:
        if begin <= day <= today:
            sums[first(day)] = sums.get(first(day), 0) + minutes
    periods, period, in_break = [], begin, []
    while period <= end:
        periods.append((period, sums.get(period, 0)))
        if breaks and _no_school(period, step(period), breaks):
            in_break.append(period)
        period = step(period)
    return Ledger(rule, tuple(periods), today, tuple(in_break))


def _periods(per: str) -> tuple[Callable[[dt.date], dt.date], Callable[[dt.date], dt.date]]:
    """The first day of a day's period, and the first day of the period after."""
    return (week_start, lambda d: d + dt.timedelta(days=7)) if per == "week" else (month_start, _next_month)


def school_break(per: str, day: dt.date, breaks: tuple[tuple[dt.date, dt.date], ...]) -> bool:
    """The week (or month) of `day` has no school day outside the district's breaks."""
    first, step = _periods(per)
    return bool(breaks) and _no_school(first(day), step(first(day)), breaks)


def _no_school(first: dt.date, after: dt.date, breaks: tuple[tuple[dt.date, dt.date], ...]) -> bool:
    """Every weekday from `first` until `after` falls in a break."""
    days = (first + dt.timedelta(days=n) for n in range((after - first).days))
    return all(any(a <= day <= b for a, b in breaks) for day in days if day.weekday() < 5)


def minutes_per_month(entries: list[tuple[dt.date, int]]) -> dict[str, int]:
    """'2026-09' → minutes, for the evidence table."""
    months: dict[str, int] = {}
    for day, minutes in entries:
        key = day.strftime("%Y-%m")
        months[key] = months.get(key, 0) + minutes
    return dict(sorted(months.items()))
