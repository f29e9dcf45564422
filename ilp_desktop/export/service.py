"""Exporting a plan: choose the content, lay it out, remember what was printed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ilp_desktop.export.amendments import amendment_notices
from ilp_desktop.export.pdf import build_pdf
from ilp_desktop.export.printed import BLANK_PART, PrintedPlan, printed_journal, printed_plan
from ilp_desktop.model.catalog import Catalog
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.plan import Plan
from ilp_desktop.model.template import Template
from ilp_desktop.storage.store import Store

JOURNAL_PART = "journal"


@dataclass(frozen=True)
class Exported:
    path: Path
    fingerprint: str
    print_id: int | None
    snapshot: str


def parts_of(catalog: Catalog, program: str) -> list[str]:
    template = catalog.template(program)
    if template is None:
        raise UserError(f"the program template '{program}' is not installed")
    return [p.id for p in template.parts] + [BLANK_PART, JOURNAL_PART]


def resolve_part(catalog: Catalog, plan: Plan, part: str | None) -> tuple[Template, str]:
    """The plan's template and the part asked for (its first part when none is named), or why not."""
    template = catalog.template(plan.program)
    if template is None:
        raise UserError(f"the program template '{plan.program}' of plan {plan.id} is not installed")
    part = part or template.parts[0].id
    if part not in parts_of(catalog, plan.program):
        raise UserError(
            f"'{part}' is not a part of {template.title}; choose one of: {', '.join(parts_of(catalog, plan.program))}"
        )
    return template, part


def printed_content(store: Store, catalog: Catalog, plan: Plan, part: str | None) -> PrintedPlan:
    template, part = resolve_part(catalog, plan, part)
    if part == JOURNAL_PART:
        return printed_journal(template, plan, store.journal(plan.id))
    return printed_plan(template, catalog.resources, part, plan, store.values(plan.id))


def export_pdf(
    store: Store,
    catalog: Catalog,
    plan_id: int | str,
    part: str | None,
    paper: str,
    target: Path,
    today: dt.date | None = None,
    record: bool = True,
) -> Exported:
    """Write the PDF; `record` keeps a print record (a preview that is not printed keeps none)."""
    plan = store.plan(plan_id)
    _, part = resolve_part(catalog, plan, part)
    printed = printed_content(store, catalog, plan, part)
    notices = amendment_notices(store.signatures(plan.id), part, printed)
    build_pdf(printed, target, paper, today or dt.date.today(), notices)
    snapshot = printed.canonical()
    # A read-only data file can still be printed; the print just cannot be recorded in it.
    record = record and not store.read_only
    print_id = store.record_print(plan.id, part, paper, printed.fingerprint, snapshot) if record else None
    return Exported(target, printed.fingerprint, print_id, snapshot)


def record_print(store: Store, plan_id: int, part: str, paper: str, exported: Exported) -> int:
    """Remember a previewed PDF that was then sent to a printer."""
    return store.record_print(plan_id, part, paper, exported.fingerprint, exported.snapshot)


def file_name(store: Store, plan_id: int, part: str | None) -> str:
    """A readable default name: '12 José Núñez – initial.pdf' (only characters every file system accepts)."""
    teacher = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", store.plan(plan_id).teacher_name).strip() or "plan"
    return f"{plan_id} {teacher} – {part or 'plan'}.pdf"
