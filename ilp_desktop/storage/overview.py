"""One line per plan, with its next due item: the plan list, `ilp-desktop plans` and the dashboard share it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ilp_desktop.model.calendar import DueItem, next_due, plan_calendar
from ilp_desktop.model.catalog import Catalog
from ilp_desktop.model.plan import Plan
from ilp_desktop.storage.store import Store


@dataclass(frozen=True)
class PlanRow:
    plan: Plan
    program_title: str
    next_due: DueItem | None

    def as_json(self) -> dict:
        due = self.next_due
        return {
            "id": self.plan.id, "uid": self.plan.uid, "teacher": self.plan.teacher_name, "school": self.plan.school,
            "program": self.plan.program, "program_title": self.program_title,
            "school_year": self.plan.school_year, "status": self.plan.stage, "status_label": self.plan.stage_label,
            "next_due": None if due is None else {
                "title": due.title, "date": due.due.isoformat(), "days_left": due.days_left,
                "state": due.state, "text": due.describe(),
            },
        }


def plan_rows(store: Store, catalog: Catalog, today: dt.date) -> list[PlanRow]:
    rows = []
    for plan in store.plans():
        template = catalog.template(plan.program)
        due = None
        if template is not None:
            due = next_due(plan_calendar(template, plan.school_year, plan.start_date, plan.stage,
                                         store.journal_dates(plan.id), today))
        title = (template.subtitle or template.title) if template else f"{plan.program} (template not installed)"
        rows.append(PlanRow(plan, title, due))
    return rows
