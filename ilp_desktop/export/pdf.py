"""Printable ILPs with ReportLab platypus: the plan's official, signable face.

Every page carries the plan's identity in the header and, in the footer, the
print date, the content fingerprint and "Page X of Y". An embedded DejaVu
Sans prints Latin (Vietnamese too), Greek and Cyrillic, fallback fonts other scripts
(`scripts.py`); long answers flow across pages; unanswered items print
as ruled blank lines; each signature block stays on one page with its heading.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ilp_desktop.export.printed import PrintedPlan
from ilp_desktop.export.scripts import draw_string, isolate, paragraph, register_family, undrawable
from ilp_desktop.model.catalog import shipped_dir
from ilp_desktop.model.document import Entry, TableBlock
from ilp_desktop.storage.files import write_atomically

PAPER = {"letter": LETTER, "a4": A4}
MARGIN = 0.75 * inch
FONT, BOLD, ITALIC = "ILPSans", "ILPSans-Bold", "ILPSans-Oblique"
# Control characters other than tab and newline cannot be drawn and upset the PDF text layer.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    folder = shipped_dir("resources") / "fonts"
    register_family(folder, (FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"), (ITALIC, "DejaVuSans-Oblique.ttf"))


def missing_characters(printed: PrintedPlan) -> list[str]:
    """The characters of a printout that no font can draw (they print as empty boxes)."""
    _register_fonts()
    return undrawable(printed.canonical())


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=10, leading=13.5, alignment=TA_LEFT)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=16, leading=20, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=14, spaceAfter=10),
        "cell": ParagraphStyle(
            "cell", base, fontName=BOLD, fontSize=12, leading=15, spaceBefore=12, spaceAfter=2, keepWithNext=True
        ),
        "describe": ParagraphStyle(
            "describe", base, fontName=ITALIC, fontSize=8.5, leading=11, spaceAfter=4, keepWithNext=True
        ),
        "label": ParagraphStyle("label", base, fontName=BOLD, fontSize=9, leading=12, spaceBefore=5, keepWithNext=True),
        "small": ParagraphStyle("small", base, fontSize=8.5, leading=11),
        "smallbold": ParagraphStyle("smallbold", base, fontName=BOLD, fontSize=8.5, leading=11),
    }


# Characters in one Paragraph at most. ReportLab wraps the rest of a paragraph again on every page it splits
# onto, so one enormous paragraph costs the square of its length (200,000 characters took 9 s).
PIECE = 3000


def text_paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    """User text as paragraphs: one per line (long lines in pieces), so pages split anywhere between lines."""
    lines = CONTROL.sub("", text).replace("\t", "    ").split("\n")
    return [paragraph(piece, style) for line in lines for piece in _pieces(line)]


def _pieces(line: str, size: int = PIECE) -> list[str]:
    """A long line cut after a sentence (else a word) every size characters or so; every character kept."""
    pieces, start = [], 0
    while len(line) - start > size:
        end = start + size
        cut = line.rfind(". ", start + size // 2, end)
        if cut == -1:
            cut = line.rfind(" ", start + size // 2, end)
        end = cut + 1 if cut != -1 else end
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return pieces


class BlankLines(Flowable):
    """Ruled lines to write on by hand, where an answer is still empty."""

    def __init__(self, count: int, gap: float = 18):
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.gap

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.grey)
        self.canv.setLineWidth(0.5)
        for i in range(self.count):
            y = i * self.gap + 2
            self.canv.line(0, y, self.width, y)


def _entry(entry: Entry, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = [paragraph(entry.label, styles["label"])]
    if entry.text.strip():
        out.extend(text_paragraphs(entry.text, styles["base"]))
    else:
        out.append(BlankLines(4 if entry.long else 1))
    return out


# A table cell prints at most about this many characters; the rest follows the table as a numbered note. ReportLab
# lays a cell out again for every page its row is split onto, so a row holding 100,000 characters cost minutes,
# and a page-long cell in a narrow column is not readable anyway.
CELL_CHARS = 1500


def _table(block: TableBlock, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    notes: list[Flowable] = []

    def cell(text: str, style: str, where: str = "") -> list[Flowable]:
        if len(text) > CELL_CHARS:
            head = _pieces(text[: CELL_CHARS * 2], CELL_CHARS)[0]
            number = len(notes) // 2 + 1
            notes.extend(
                [
                    paragraph(f"Note {number} – {where}, continued from the table:", styles["label"]),
                    *text_paragraphs(text[len(head) :], styles["base"]),
                ]
            )
            return [*text_paragraphs(head, styles[style]), paragraph(f"… continued in note {number}", styles[style])]
        return text_paragraphs(text, styles[style])

    data = [[cell(c, "smallbold") for c in block.columns]]
    data += [
        [
            cell(row[0], "smallbold"),
            *(cell(v, "small", f"{row[0]}, {c}") for c, v in zip(block.columns[1:], row[1:], strict=True)),
        ]
        for row in block.rows
    ]
    first = width * 0.22
    rest = (width - first) / max(1, len(block.columns) - 1)
    # splitInRow: a row taller than a page (a long explanation in one cell) flows onto the next page instead of
    # stopping the export with a LayoutError.
    table = Table(data, colWidths=[first] + [rest] * (len(block.columns) - 1), repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("MINROWHEIGHT", (0, 1), (-1, -1), 22),
            ]
        )
    )
    return [paragraph(block.label, styles["label"]), table, *notes]


def _identity(printed: PrintedPlan, styles: dict[str, ParagraphStyle], width: float) -> Table:
    rows, pairs = [], list(printed.identity)
    for i in range(0, len(pairs), 2):
        row = []
        for label, value in pairs[i : i + 2]:
            row += [paragraph(label, styles["smallbold"]), paragraph(CONTROL.sub("", value), styles["base"])]
        rows.append(row)
    table = Table(rows, colWidths=[width * 0.17, width * 0.33] * 2)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.grey),
                ("LINEBELOW", (3, 0), (3, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _signatures(printed: PrintedPlan, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    blocks: list[Flowable] = [Paragraph("Signatures", styles["cell"])]
    for signer in printed.signers:
        table = Table(
            [
                [paragraph(CONTROL.sub("", signer.name), styles["base"]), "", "", ""],
                [
                    Paragraph(f"{escape(signer.role)} – printed name", styles["small"]),
                    "",
                    Paragraph("Signature", styles["small"]),
                    Paragraph("Date", styles["small"]),
                ],
            ],
            colWidths=[width * 0.36, width * 0.04, width * 0.38, width * 0.22],
            rowHeights=[30, None],
        )  # a long role wraps
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (0, 0), 0.7, colors.black),
                    ("LINEBELOW", (2, 0), (2, 0), 0.7, colors.black),
                    ("LINEBELOW", (3, 0), (3, 0), 0.7, colors.black),
                    ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                    ("VALIGN", (0, 1), (-1, 1), "TOP"),
                    ("LEFTPADDING", (3, 0), (3, -1), 12),
                ]
            )
        )
        blocks += [Spacer(1, 10), table]
    # The administrator signs the whole section on one page, with its heading.
    return [KeepTogether(blocks)] if printed.signers else []


def _numbered_canvas(header: str, footer: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Draws header and footer after the last page is known, for "Page X of Y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # private Canvas method, not in types-reportlab

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize  # type: ignore[attr-defined]  # private Canvas state, not in types-reportlab
            self.setFont(FONT, 8)
            self.setFillColor(colors.black)
            draw_string(self, MARGIN, height - MARGIN + 14, header, FONT, 8)
            self.setStrokeColor(colors.grey)
            self.line(MARGIN, height - MARGIN + 10, width - MARGIN, height - MARGIN + 10)
            self.line(MARGIN, MARGIN - 12, width - MARGIN, MARGIN - 12)
            self.drawString(MARGIN, MARGIN - 24, footer)
            self.drawRightString(width - MARGIN, MARGIN - 24, f"Page {self.getPageNumber()} of {total}")

    return NumberedCanvas


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build_pdf(
    printed: PrintedPlan, target: Path, paper: str, printed_on: dt.date, notices: tuple[str, ...] = ()
) -> None:
    """Lay out one printout and write it to `target` (atomically)."""
    _register_fonts()
    styles = _styles()
    page = PAPER[paper]
    width = page[0] - 2 * MARGIN
    story: list[Flowable] = [
        paragraph(printed.title, styles["title"]),
        Paragraph(
            escape(f"{printed.part_title} · {printed.subtitle}" if printed.subtitle else printed.part_title),
            styles["subtitle"],
        ),
        _identity(printed, styles, width),
    ]
    for notice in notices:
        story.append(Paragraph(f"<b>{escape(notice)}</b>", styles["subtitle"]))
    for cell in printed.cells:
        story.append(paragraph(CONTROL.sub("", cell.heading), styles["cell"]))
        if cell.description:
            story.append(paragraph(cell.description, styles["describe"]))
        for block in cell.blocks:
            story.extend(_entry(block, styles) if isinstance(block, Entry) else _table(block, styles, width))
    story.extend(_signatures(printed, styles, width))
    teacher = CONTROL.sub("", printed.identity[0][1]) or "(name)"
    title = printed.title if printed.part_title == printed.title else f"{printed.title} – {printed.part_title}"
    fields = (isolate(teacher), isolate(printed.identity[3][1]), isolate(printed.identity[5][1]))
    header = _clip(f"{title} – {fields[0]} – {fields[1]} {fields[2]}".strip(), 120)
    footer = f"Printed {printed_on.isoformat()} · Fingerprint {printed.fingerprint}"

    def write(path: Path) -> None:
        doc = SimpleDocTemplate(
            str(path),
            pagesize=page,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 6,
            bottomMargin=MARGIN + 6,
            title=f"{printed.title} – {teacher}",
            author="ILP Desktop",
            subject=printed.part_title,
        )
        doc.build(story, canvasmaker=_numbered_canvas(header, footer))

    write_atomically(target, write)
