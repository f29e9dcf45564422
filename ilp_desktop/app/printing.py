"""Printing a plan: which parts there are, what a part still lacks, the PDF, and the record of what was printed.

ReportLab is imported only when a PDF is written, so opening the app does not pay for it.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ilp_desktop.app.data import PREVIEW_DIR
from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.program_year import logged_items
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.export.amendments import with_amendments
from ilp_desktop.export.printed import BLANK_PART, BLANK_PREFIX, PrintedPlan, printed_journal, printed_plan
from ilp_desktop.model.checks import check_part
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.lifecycle import default_part
from ilp_desktop.model.outcomes import DEFAULT_TARGET, evaluate
from ilp_desktop.model.page_code import PageCode
from ilp_desktop.model.plan import Plan
from ilp_desktop.model.template import Template
from ilp_desktop.model.values import Values

JOURNAL_PART = "journal"
# The batch's choices besides first and last: "blank" is the blank form of each plan's complete (last) part.
PART_LABELS = {BLANK_PART: "Blank form (to fill by hand)", JOURNAL_PART: "Journal entries"}
# Programs name their parts differently; a batch asks for each plan's first or last part.
FIRST, LAST = "first", "last"


@dataclass(frozen=True)
class Exported:
    path: Path
    fingerprint: str
    print_id: int | None
    snapshot: str
    missing: tuple[str, ...] = ()  # characters no font could draw: printed as empty boxes


def _choices(template: Template) -> list[tuple[str, str]]:
    """(part id, label): every part, the blank form of every part, and the journal, in the program's words."""
    return (
        [(p.id, p.title) for p in template.parts]
        + [(BLANK_PREFIX + p.id, f"{p.title} – blank form (to fill by hand)") for p in template.parts]
        + [(JOURNAL_PART, PART_LABELS[JOURNAL_PART])]
    )


def parts_of(template: Template) -> list[str]:
    return [part for part, _ in _choices(template)]


def part_choices(ws: Workspace, plan_id: int) -> list[tuple[str, str]]:
    """(part id, label) for everything the plan can print."""
    return _choices(ws.template(ws.plan(plan_id)))


def suggested_part(ws: Workspace, plan_id: int) -> str:
    plan = ws.plan(plan_id)
    return default_part(ws.template(plan), plan.stage)


def resolve_part(template: Template, plan: Plan, part: str | None) -> str:
    """The part asked for: a part id, blank:<part id> (blank: the last part's), journal, first or last (none: the
    first part), or why not."""
    if part is None or part == FIRST:
        part = template.parts[0].id
    elif part == LAST:
        part = template.parts[-1].id
    if part not in [*parts_of(template), BLANK_PART]:
        raise UserError(f"'{part}' is not a part of {template.title}; choose one of: {', '.join(parts_of(template))}")
    return part


def still_needed(ws: Workspace, plan_id: int, part: str) -> list[str] | None:
    """What the part's required items still lack, in words (None: blank forms and journals have no such items)."""
    plan = ws.plan(plan_id)
    return _required_missing(ws, plan, ws.template(plan), part, ws.values(plan_id))


def _required_missing(ws: Workspace, plan: Plan, template: Template, part: str, values: Values) -> list[str] | None:
    if part not in {p.id for p in template.parts}:
        return None
    findings = check_part(part, template, ws.resources(plan), values, ws.today(), logged_items(ws, template, plan.id))
    return [f.message for f in findings if f.severity == "required"]


def printed_content(ws: Workspace, plan: Plan, part: str) -> PrintedPlan:
    """What the part prints, with the required items it still lacks (the paper says DRAFT while there are any)."""
    template = ws.template(plan)
    if part == JOURNAL_PART:
        return printed_journal(template, plan, ws.journal(plan.id))
    values = ws.values(plan.id)
    missing = tuple(_required_missing(ws, plan, template, part, values) or ())
    return printed_plan(template, ws.resources(plan), part, plan, values, missing, measured_results(ws, plan, part))


def measured_results(ws: Workspace, plan: Plan, part: str) -> dict[str, str]:
    """Outcome key → its measured result in words, printed in the program's last part (the Final ILP) only:
    an earlier part is signed before the measures are taken, and its fingerprint must not change with them."""
    template = ws.template(plan)
    if not template.parts or part != template.parts[-1].id:
        return {}
    return {
        key: evaluate(target or DEFAULT_TARGET, measures).describe()
        for key, (target, measures) in ws.store.outcome_data(plan.id).items()
        if measures
    }


@dataclass(frozen=True)
class PrintJob:
    """Everything a PDF is made from, read from the data file: laying it out touches no data file, so it can
    run off the UI thread (write())."""

    plan_id: int
    plan_uid: str
    part: str
    paper: str
    target: Path
    printed: PrintedPlan
    today: dt.date

    def write(self, report: Callable[[float], None] | None = None) -> Exported:
        """Lay out and write the PDF; `report` is told how far it is (0 to 1) and may raise to stop it, leaving
        no file behind."""
        from ilp_desktop.export.pdf import build_pdf, missing_characters

        code = PageCode(self.plan_uid, self.part, self.printed.fingerprint)
        build_pdf(self.printed, self.target, self.paper, self.today, code, report)
        snapshot = self.printed.canonical()
        missing = tuple(missing_characters(self.printed))
        return Exported(self.target, self.printed.fingerprint, None, snapshot, missing)


def print_job(ws: Workspace, plan_id: int | str, part: str | None, paper: str, target: Path) -> PrintJob:
    """What to print, of exactly the text on disk. Refused (UnsavedChanges) while typed text is not saved: the
    paper and its fingerprint would not match it."""
    plan = ws.plan(plan_id)
    ws.require_saved(plan.id)
    part = resolve_part(ws.template(plan), plan, part)
    printed = with_amendments(ws.signatures(plan.id), part, printed_content(ws, plan, part))
    return PrintJob(plan.id, plan.uid, part, paper, target, printed, ws.today())


def finish(ws: Workspace, job: PrintJob, exported: Exported, record: bool = True) -> Exported:
    """Keep the print record of a written PDF (a preview keeps none until it is sent to a printer)."""
    # A read-only data file can still be printed; the print just cannot be recorded in it.
    if record and not ws.read_only:
        return record_print(ws, job.plan_id, job.part, job.paper, exported)
    return exported


def export_pdf(
    ws: Workspace, plan_id: int | str, part: str | None, paper: str, target: Path, record: bool = True
) -> Exported:
    """Write the PDF of exactly the text on disk; `record` keeps a print record (a preview keeps none)."""
    job = print_job(ws, plan_id, part, paper, target)
    return finish(ws, job, job.write(), record)


def record_print(ws: Workspace, plan_id: int, part: str, paper: str, exported: Exported) -> Exported:
    """Remember a printed version (also a previewed PDF that was then sent to a printer)."""
    print_id = ws.store.record_print(plan_id, part, paper, exported.fingerprint, exported.snapshot)
    ws.publish(Event(Change.PRINTS, plan_id))
    return Exported(exported.path, exported.fingerprint, print_id, exported.snapshot, exported.missing)


def missing_characters(printed: PrintedPlan) -> list[str]:
    """The characters of a printout that no shipped font can draw."""
    from ilp_desktop.export.pdf import missing_characters as undrawable

    return undrawable(printed)


def plan_content(ws: Workspace, plan_id: int, part: str) -> PrintedPlan:
    """What the part of the plan, as stored, prints (missing_characters() of it: what prints as empty boxes)."""
    plan = ws.plan(plan_id)
    return printed_content(ws, plan, resolve_part(ws.template(plan), plan, part))


def describe_missing(characters: list[str] | tuple[str, ...]) -> str:
    """One line naming characters that cannot be drawn ("" when there are none)."""
    if not characters:
        return ""
    named = [f"U+{ord(c):04X}" + (f" {unicodedata.name(c)}" if unicodedata.name(c, "") else "") for c in characters[:6]]
    more = f" and {len(characters) - 6} more" if len(characters) > 6 else ""
    count = f"{len(characters)} character{'s' if len(characters) != 1 else ''}"
    return f"{count} cannot be drawn by any font and print as empty boxes: {', '.join(named)}{more}"


def preview_file(ws: Workspace, plan_id: int) -> Path:
    """Where a preview PDF goes: inside the owner-only data folder (not the shared temp folder, where a crash
    would leave a plan readable by others); emptied at every start by clear_previews()."""
    name = f"plan-{plan_id}-{uuid.uuid4().hex[:8]}.pdf"
    try:
        folder = ws.folder / PREVIEW_DIR
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder / name
    except OSError:  # a data folder on a read-only medium: a folder of the user's own (mkdtemp makes it 0700)
        return Path(tempfile.mkdtemp(prefix="ilp-desktop-preview-")) / name


def file_name(ws: Workspace, plan_id: int, part: str | None) -> str:
    """A readable default name: '12 José Núñez – initial.pdf' (only characters every file system accepts)."""
    teacher = _file_safe(ws.plan(plan_id).teacher_name) or "plan"
    return f"{plan_id} {teacher} – {_file_safe(part or 'plan')}.pdf"


def _file_safe(text: str) -> str:
    """Text without the characters some file system refuses (a part's blank form, blank:initial: 'blank initial')."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text).strip()


@dataclass(frozen=True)
class BatchStep:
    done: int  # plans handled so far, this one included
    total: int
    plan: Plan
    written: Path | None
    fingerprint: str = ""
    problem: str = ""
    missing: tuple[str, ...] = ()


class BatchExport:
    """Every plan into one folder, one plan per step so the caller can show progress and stop between plans."""

    def __init__(
        self,
        ws: Workspace,
        folder: Path,
        part: str | None,
        paper: str,
        write: Callable[[PrintJob], Exported] = PrintJob.write,
    ) -> None:
        """`write` lays out each plan's PDF (the window's runs it off the UI thread, with progress and cancel)."""
        self.ws, self.folder, self.part, self.paper, self.write = ws, folder, part, paper, write
        self.plans = [p for p in ws.plans() if ws.catalog.template(p.program) is not None]

    def __iter__(self) -> Iterator[BatchStep]:
        self.ws.require_saved()
        total = len(self.plans)
        for i, plan in enumerate(self.plans, 1):
            try:
                part = resolve_part(self.ws.template(plan), plan, self.part)
                job = print_job(self.ws, plan.id, part, self.paper, self.folder / file_name(self.ws, plan.id, part))
                done = finish(self.ws, job, self.write(job))
            except UserError as exc:
                yield BatchStep(i, total, plan, None, problem=f"{plan.teacher_name}: {exc}")
                if not self.folder.is_dir():
                    return  # every further plan would fail the same way
                continue
            yield BatchStep(i, total, plan, done.path, done.fingerprint, missing=done.missing)
