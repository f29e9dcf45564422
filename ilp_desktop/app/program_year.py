"""The program year of a plan: its mentoring log, hours ledger, CTC clocks and observation counts, and a coach's
week across plans (who has not had their hour yet). Written at once, like the journal's entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.calendar import DueItem
from ilp_desktop.model.checks import Logged
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.lifecycle import complete
from ilp_desktop.model.observation_rules import ObservationCount, logged_observations, observation_counts
from ilp_desktop.model.plan import Plan
from ilp_desktop.model.program_year import (
    MAX_MINUTES,
    ClockState,
    Ledger,
    LogEntry,
    YearDates,
    YearRules,
    clocks,
    goals_signed,
    ledger,
    month_start,
    school_break,
    support_start,
    week_start,
)
from ilp_desktop.model.template import Template


def _checked(entry: LogEntry, rules: YearRules) -> LogEntry:
    if not 0 < entry.minutes <= MAX_MINUTES:
        raise UserError(f"minutes must be between 1 and {MAX_MINUTES}; {entry.minutes} was not saved")
    if entry.kind not in {k.id for k in rules.kinds}:
        raise UserError(f"'{entry.kind}' is not a kind of log entry this program has; the entry was not saved")
    return entry


def add_log_entry(ws: Workspace, plan_id: int, entry: LogEntry) -> int:
    rules = ws.template(ws.plan(plan_id)).year
    entry_id = ws.store.add_log_entry(plan_id, _checked(entry, rules))
    ws.publish(Event(Change.LOG, plan_id))
    return entry_id


def update_log_entry(ws: Workspace, plan_id: int, entry: LogEntry) -> None:
    rules = ws.template(ws.plan(plan_id)).year
    ws.store.update_log_entry(_checked(entry, rules))
    ws.publish(Event(Change.LOG, plan_id))


def delete_log_entry(ws: Workspace, plan_id: int, entry_id: int) -> None:
    ws.store.delete_log_entry(entry_id)
    ws.publish(Event(Change.LOG, plan_id))


def set_year_dates(ws: Workspace, plan_id: int, dates: YearDates) -> None:
    for title, day in (("mentor match", dates.matched), ("ILP goals", dates.goals)):
        if day is not None and dates.enrolled is not None and day < dates.enrolled:
            raise UserError(f"the {title} date {day.isoformat()} is before enrolment ({dates.enrolled.isoformat()})")
    ws.store.set_year_dates(plan_id, dates)
    ws.publish(Event(Change.LOG, plan_id))


def observation_log(ws: Workspace, template: Template, plan_id: int) -> list[LogEntry]:
    """The plan's log entries its observation rules count (none for a program without such rules)."""
    return ws.store.log_entries(plan_id) if template.year.observations else []


def logged_items(ws: Workspace, template: Template, plan_id: int) -> Logged:
    """The observations logged for the plan and not listed in it: its checks count them (never entered twice)."""
    return logged_observations(template, ws.values(plan_id), observation_log(ws, template, plan_id))


@dataclass(frozen=True)
class PlanYear:
    dates: YearDates
    log: list[LogEntry]
    ledger: Ledger | None  # None: the program counts no hours
    clocks: list[ClockState]
    observations: list[ObservationCount]


def plan_year(ws: Workspace, plan_id: int) -> PlanYear:
    plan = ws.plan(plan_id)
    rules = ws.template(plan).year
    dates = ws.store.year_dates(plan_id).get(plan_id, YearDates())
    log = ws.store.log_entries(plan_id)
    today = ws.today()
    return PlanYear(
        dates,
        log,
        ledger(
            rules.hours,
            [(e.entry_date, e.minutes) for e in log],
            support_start(plan.start_date, dates),
            today,
            ws.district_calendar.breaks,
        ),
        clocks(rules, dates, today, goals_signed(rules, ws.signatures(plan_id))),
        observation_counts(ws.template(plan), ws.values(plan_id), log),
    )


def clock_due(rules: YearRules, dates: YearDates, today: dt.date, goals_signed: dt.date | None) -> list[DueItem]:
    """The CTC clocks as due items of the plan's calendar: the dashboard counts down to them like any due date
    (done once the match or the goals are recorded, in time or late)."""
    return [
        DueItem(
            f"ctc_{i}", f"{rules.authority}: {c.title} within {c.allowed} days", c.deadline, c.done is not None, today
        )
        for i, c in enumerate(clocks(rules, dates, today, goals_signed))
        if c.deadline is not None
    ]


@dataclass(frozen=True)
class HourDue:
    """A teacher who has not had the program's support this week (or month) yet."""

    plan: Plan
    minutes: int  # logged so far in this period
    needed: int  # the rule's minutes for the period
    per: str


def break_today(ws: Workspace) -> str:
    """The name of the district's school break when this week has no school day outside its breaks ("" else)."""
    today, calendar = ws.today(), ws.district_calendar
    if not school_break("week", today, calendar.breaks):
        return ""
    breaks = (b for year in calendar.school_breaks.values() for b in year)
    return next((b.name for b in breaks if b.first <= today <= b.last), "a school break")


def hours_due(ws: Workspace) -> list[HourDue]:
    """The coach's week: plans still in the year whose teacher has less than the rule's minutes this period."""
    today = ws.today()
    minutes = ws.store.log_minutes()
    out = []
    for plan in ws.plans():
        template = ws.catalog.template(plan.program)
        rule = template.year.hours if template else None
        if template is None or rule is None or plan.problems or complete(template, plan.stage):
            continue
        if school_break(rule.per, today, ws.district_calendar.breaks):
            continue
        begin = week_start(today) if rule.per == "week" else month_start(today)
        done = sum(m for day, m in minutes.get(plan.id, []) if begin <= day <= today)
        if done < rule.minutes:
            out.append(HourDue(plan, done, rule.minutes, rule.per))
    return sorted(out, key=lambda h: (h.minutes, h.plan.teacher_name.casefold()))


def blank_entry(plan_id: int, today: dt.date, rules: YearRules) -> LogEntry:
    """A new entry: today, an hour, the program's first kind."""
    return LogEntry(0, plan_id, "", today, 60, rules.kinds[0].id, "", "", False, "")
