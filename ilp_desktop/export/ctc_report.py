"""The CTC evidence table as CSV and XLSX (openpyxl), and the program leader's printable summary (ReportLab).

Only dates, counts and statuses: the roll-up never holds a plan's answers.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, LongTable, SimpleDocTemplate, Spacer, TableStyle

from ilp_desktop.export.pdf import BOLD, FONT, _register_fonts
from ilp_desktop.export.scripts import paragraph
from ilp_desktop.model.rollup import TOTAL_HEADINGS, RollupRow, evidence_table, totals
from ilp_desktop.storage.files import write_atomically


def write_csv(rows: list[RollupRow], target: Path) -> Path:
    headings, table = evidence_table(rows)

    def write(path: Path) -> None:
        # utf-8-sig: a spreadsheet program opening the file by double-click reads the accents right.
        with path.open("w", newline="", encoding="utf-8-sig") as file:
            out = csv.writer(file)
            out.writerow(headings)
            out.writerows([["" if v is None else v for v in line] for line in table])

    write_atomically(target, write)
    return target


def write_xlsx(rows: list[RollupRow], target: Path) -> Path:
    from openpyxl import Workbook  # only when a spreadsheet is asked for
    from openpyxl.styles import Font

    headings, table = evidence_table(rows)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "CTC evidence"
    sheet.append(headings)
    for line in table:
        sheet.append([_cell(v) for v in line])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    summary = book.create_sheet("Summary")
    summary.append(list(TOTAL_HEADINGS))
    for t in totals(rows):
        summary.append([t.by, t.name, t.plans, t.on_time, t.overdue, t.hours_met, t.match_met, t.goals_met])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    write_atomically(target, lambda path: book.save(path))
    return target


def _cell(value: object) -> object:
    """Dates as spreadsheet dates, so they sort and subtract."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def write_summary_pdf(rows: list[RollupRow], target: Path, today: dt.date, sources: str = "") -> Path:
    """A landscape summary: the totals by program, school and coach, then one line per teacher."""
    _register_fonts()
    base = ParagraphStyle("ctc", fontName=FONT, fontSize=8, leading=10)
    bold = ParagraphStyle("ctc-bold", base, fontName=BOLD)
    title = ParagraphStyle("ctc-title", base, fontName=BOLD, fontSize=14, leading=18)

    def cells(values: Sequence[object], style: ParagraphStyle = base) -> list[Flowable]:
        return [paragraph("" if v is None else str(v), style) for v in values]

    story: list[Flowable] = [
        paragraph("Induction program year – CTC evidence summary", title),
        paragraph(f"As of {today.isoformat()} · {len(rows)} plans{' · from ' + sources if sources else ''}", base),
        Spacer(1, 8),
    ]
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    story.append(
        LongTable(
            [cells(list(TOTAL_HEADINGS), bold), *(cells(t.cells()) for t in totals(rows))],
            repeatRows=1,
            style=grid,
        )
    )
    story.append(Spacer(1, 12))
    headings = ["Teacher", "Program", "School", "Coach", "Status", "Mentor match", "ILP goals", "Hours"]
    lines = [
        [
            r.facts.teacher,
            r.program_title,
            r.facts.school,
            r.facts.coach,
            r.status,
            *(c.describe() for c in r.clocks),
            *([""] * (2 - len(r.clocks))),
            r.ledger.describe() if r.ledger else "",
        ]
        for r in rows
    ]
    widths = [1.2 * inch, 1.1 * inch, 1.1 * inch, 1.0 * inch, 1.3 * inch, 1.5 * inch, 1.5 * inch, 1.3 * inch]
    story.append(
        LongTable([cells(headings, bold), *(cells(line) for line in lines)], colWidths=widths, repeatRows=1, style=grid)
    )

    def write(path: Path) -> None:
        doc = SimpleDocTemplate(
            str(path),
            pagesize=landscape(LETTER),
            leftMargin=0.5 * inch,
            rightMargin=0.5 * inch,
            topMargin=0.5 * inch,
            bottomMargin=0.5 * inch,
            title="CTC evidence summary",
        )
        doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)

    write_atomically(target, write)
    return target


def _page_number(canvas: object, doc: SimpleDocTemplate) -> None:
    canvas.setFont(FONT, 7)  # type: ignore[attr-defined]
    canvas.drawRightString(  # type: ignore[attr-defined]
        doc.pagesize[0] - 0.5 * inch, 0.3 * inch, f"CTC evidence summary · page {doc.page}"
    )
