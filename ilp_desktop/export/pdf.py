"""Printable ILPs with ReportLab platypus: the plan's official, signable face.

Laid out like a district form: every cell is a bordered box on the margins with its heading in a shaded bar,
the text in one column inside; repeated items are tables with headers; nothing prints outside the margins.
Every page carries the plan's identity in the header and, in the footer, the print date, the content
fingerprint and "Page X of Y"; while required items are missing, a DRAFT band (and the list of them at the
end). An answer broken across pages is headed "… (continued)" on the next one. The signature section is an
attestation: what is signed (part, cells, pages, fingerprint, draft or complete), the program's statement, and
for each signer a printed name, a signature line and a date line; it is kept on one page with the end of the
last cell, so it never stands alone.

An embedded DejaVu Sans prints Latin (Vietnamese too), Greek and Cyrillic, fallback fonts other scripts
(`scripts.py`); long answers flow across pages; unanswered items print as ruled blank lines; journal entries
print their Markdown formatting (`markdown.py`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import asdict
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import _listWrapOn  # type: ignore[attr-defined]  # what KeepTogether measures with

from ilp_desktop.export.growth_chart import LEGEND_CHARS, growth_panels, swatch
from ilp_desktop.export.page_qr import draw_page_code
from ilp_desktop.export.printed import HEADING_CHARS, PrintedPlan, cut
from ilp_desktop.export.scripts import (
    draw_string,
    fitted,
    formatted,
    isolate,
    paragraph,
    register_family,
    undrawable,
)
from ilp_desktop.model.catalog import shipped_dir
from ilp_desktop.model.document import Entry, TableBlock
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.page_code import PageCode
from ilp_desktop.storage.files import write_atomically

if TYPE_CHECKING:
    from ilp_desktop.export.markdown import Span

PAPER = {"letter": LETTER, "a4": A4}
MARGIN = 0.75 * inch
PAD = 6  # between a box's border, on the margin, and the text column
BAND = 22  # between the header rule and the text column: the DRAFT band's place
FOOT = 6  # between the text column and the bottom margin
# The page code's side, its bottom and its gap from the footer: between the paper's edge (printers leave about
# 0.25 in unprinted) and the boxes' bottom; a square of the 37-module code is 0.97 pt, 2 pixels at 150 dpi.
CODE_SIZE, CODE_BOTTOM, CODE_GAP = 36, 19, 8
FONT, BOLD, ITALIC = "ILPSans", "ILPSans-Bold", "ILPSans-Oblique"
SHADE = colors.HexColor("#e6e6e6")
# Control characters other than tab and newline cannot be drawn and upset the PDF text layer.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    folder = shipped_dir("resources") / "fonts"
    register_family(folder, (FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"), (ITALIC, "DejaVuSans-Oblique.ttf"))


def missing_characters(printed: PrintedPlan) -> list[str]:
    """The characters of a printout that no font can draw (they print as empty boxes)."""
    _register_fonts()
    return undrawable(printed.canonical() + json.dumps(asdict(printed.state), ensure_ascii=False))


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=10, leading=13.5, alignment=TA_LEFT)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=16, leading=20, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=14, spaceAfter=8),
        "notice": ParagraphStyle("notice", base, fontName=BOLD, fontSize=9.5, leading=12.5, spaceBefore=6),
        "cell": ParagraphStyle("cell", base, fontName=BOLD, fontSize=11.5, leading=14.5),
        "describe": ParagraphStyle("describe", base, fontName=ITALIC, fontSize=8.5, leading=11, spaceBefore=1),
        "amended": ParagraphStyle("amended", base, fontName=BOLD, fontSize=8.5, leading=11, spaceBefore=1),
        "continued": ParagraphStyle("continued", base, fontName=ITALIC, fontSize=8.5, leading=11, spaceAfter=2),
        "label": ParagraphStyle("label", base, fontName=BOLD, fontSize=9, leading=12, spaceBefore=5, keepWithNext=True),
        "heading": ParagraphStyle("heading", base, fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=4),
        "quote": ParagraphStyle("quote", base, fontName=ITALIC, leftIndent=12),
        "small": ParagraphStyle("small", base, fontSize=8.5, leading=11),
        "caption": ParagraphStyle("caption", base, fontSize=8, leading=10),
        "smallbold": ParagraphStyle("smallbold", base, fontName=BOLD, fontSize=8.5, leading=11),
    }


# Characters in one Paragraph at most. ReportLab wraps the rest of a paragraph again on every page it splits
# onto, so one enormous paragraph costs the square of its length (200,000 characters took 9 s).
PIECE = 3000


def text_paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    """User text as paragraphs: one per line (long lines in pieces), so pages split anywhere between lines."""
    lines = _clean(text).split("\n")
    return [paragraph(piece, style) for line in lines for piece in _pieces(line)]


def _clean(text: str) -> str:
    return CONTROL.sub("", text).replace("\t", "    ")


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


def markdown_paragraphs(text: str, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A journal entry's Markdown as formatted paragraphs; a list item indented behind its bullet or number."""
    # Imported here: the parser takes a tenth of a second to import, which a plan without a journal need not pay.
    from ilp_desktop.export.markdown import text_blocks

    out: list[Flowable] = []
    for block in text_blocks(_clean(text)):
        if block.kind == "rule":
            out.append(HRFlowable(width="100%", thickness=0.5, color=colors.grey, spaceBefore=4, spaceAfter=4))
            continue
        style = styles[{"heading": "heading", "quote": "quote"}.get(block.kind, "base")]
        spans = block.spans
        if block.depth or block.bullet:
            bullet = f"{block.bullet} " if block.bullet else ""
            style = ParagraphStyle(
                "item",
                style,
                leftIndent=style.leftIndent + 14 * block.depth,
                firstLineIndent=-stringWidth(bullet, style.fontName, style.fontSize),
            )
            spans = ((bullet, ()), *spans) if bullet else spans
        out.extend(formatted(piece, style) for piece in _span_pieces(spans))
    return out


def _span_pieces(spans: tuple[Span, ...]) -> list[tuple[Span, ...]]:
    """Formatted text cut where _pieces cuts its plain text, each span keeping its formatting."""
    plain = "".join(text for text, _ in spans)
    ends = list(accumulate(len(p) for p in _pieces(plain)))
    pieces: list[list[Span]] = [[] for _ in ends]
    at, k = 0, 0
    for text, tags in spans:
        while text:
            while ends[k] == at:
                k += 1
            taken = text[: ends[k] - at]
            pieces[k].append((taken, tags))
            at += len(taken)
            text = text[len(taken) :]
    return [tuple(p) for p in pieces]


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


class HeadingBar(Flowable):
    """A box's heading on a shaded bar from border to border; where it is drawn, the box starts. The canvas draws
    the box's border when the page is done (on every page the box runs over)."""

    def __init__(self, lines: list[Flowable]):
        super().__init__()
        self.lines = lines
        self.spaceBefore = 10  # between two boxes (dropped at the top of a page)
        self.keepWithNext = True
        self._heights: list[float] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self._heights = [line.wrap(available_width, available_height)[1] for line in self.lines]
        self.height = sum(self._heights) + 2 * 4
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.box_edge(True, canvas.absolutePosition(0, self.height)[1])  # type: ignore[attr-defined]
        canvas.setFillColor(SHADE)
        canvas.rect(-PAD, 0, self.width + 2 * PAD, self.height, stroke=0, fill=1)
        canvas.setStrokeColor(colors.grey)
        canvas.setLineWidth(0.5)
        canvas.line(-PAD, 0, self.width + PAD, 0)
        canvas.setFillColor(colors.black)
        y = self.height - 4
        for line, height in zip(self.lines, self._heights, strict=True):
            y -= height
            line.drawOn(canvas, 0, y)


class KeepStart(KeepTogether):
    """What ReportLab makes of a run of keepWithNext flowables (a heading bar, a label) and the one after them,
    kept as a reader wants: the headings stay with the start of what they introduce, not with the whole of it.
    Where the first lines of an answer or the first rows of a table fit under the headings, they start on this
    page and the rest flows on; where nothing of it fits, all of it goes to the next page. (ReportLab's own
    KeepTogether moved a heading to the next page whenever the whole answer or table did not fit, leaving the
    foot of the page empty – or, with a table that did not join the run, left the heading alone there.)"""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        # KeepTogether's own fields (not in ReportLab's type stubs): its flowables, and their height from wrap().
        *heads, last = self._content  # type: ignore[attr-defined]
        if heads and available_height < self._H:  # type: ignore[attr-defined]
            used = _listWrapOn(heads, available_width, self.canv)[1] + last.getSpaceBefore()
            pieces = (
                last.splitOn(self.canv, available_width, available_height - used - 1) if used < available_height else []
            )
            if len(pieces) > 1:
                return [*heads, *pieces]
        return super().split(available_width, available_height)


class BoxEnd(Flowable):
    """Where a box ends, told to the canvas when it is drawn."""

    _ZEROSIZE = 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.box_edge(False, self.canv.absolutePosition(0, 0)[1])  # type: ignore[attr-defined]


class Continued(Flowable):
    """From where it is drawn, a page break heads the next page with "<label> (continued)" (None: nothing)."""

    _ZEROSIZE = 1

    def __init__(self, label: str | None, keep: bool = False):
        super().__init__()
        self.heading = [ContinuedHeading(cut(label, HEADING_CHARS))] if label else []
        self.keepWithNext = keep  # just after a heading or label: it keeps what it introduces

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._doctemplate._topFlowables = self.heading  # type: ignore[attr-defined]  # placed at each frame's top


class ContinuedHeading(Flowable):
    """ "<label> (continued)", laid out only on a page where it is placed (most answers never break)."""

    def __init__(self, label: str):
        super().__init__()
        self.label = label
        self.spaceAfter = _styles()["continued"].spaceAfter
        self._text: Flowable | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._text is None:
            self._text = paragraph(f"{self.label} (continued)", _styles()["continued"])
        return self._text.wrap(available_width, available_height)

    def draw(self) -> None:
        if self._text is not None:
            self._text.drawOn(self.canv, 0, 0)


class PageCount(Flowable):
    """One line naming the number of pages, which is known only when the last page is done: the canvas draws it
    then ("{total}" in the text)."""

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__()
        self.text, self.style = text, style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, self.style.leading

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, self.style.leading - self.style.fontSize)  # where a Paragraph puts it
        self.canv.draw_later(x, y, self.text, self.style.fontName, self.style.fontSize)  # type: ignore[attr-defined]


def _box(title: str, heading: list[Flowable], content: list[Flowable]) -> list[Flowable]:
    """A bordered box: its heading bar, then its content; a page break inside it repeats the title."""
    return [HeadingBar(heading), Continued(title, keep=True), *content, Continued(None), BoxEnd()]


def _entry(entry: Entry, styles: dict[str, ParagraphStyle], where: str, markdown: bool) -> list[Flowable]:
    out: list[Flowable] = [paragraph(entry.label, styles["label"]), Continued(f"{where} · {entry.label}", keep=True)]
    if not entry.text.strip():
        out.append(BlankLines(4 if entry.long else 1))
    elif markdown and entry.long:
        out.extend(markdown_paragraphs(entry.text, styles))
    else:
        out.extend(text_paragraphs(entry.text, styles["base"]))
    return [*out, Continued(where)]


# A table cell prints at most about this many characters; the rest follows the table as a numbered note. ReportLab
# lays a cell out again for every page its row is split onto, so a row holding 100,000 characters cost minutes,
# and a page-long cell in a narrow column is not readable anyway.
CELL_CHARS = 1500
LABEL_COLUMN = 0.22  # of the text column: the attestation's labels


def _table(
    block: TableBlock, styles: dict[str, ParagraphStyle], width: float, where: str, blank: bool
) -> list[Flowable]:
    notes: list[Flowable] = []

    def cell(text: str, style: str, at: str = "") -> list[Flowable]:
        if len(text) > CELL_CHARS:
            head = _pieces(text[: CELL_CHARS * 2], CELL_CHARS)[0]
            number = len(notes) // 2 + 1
            notes.extend(
                [
                    paragraph(f"Note {number} – {at}, continued from the table:", styles["label"]),
                    *text_paragraphs(text[len(head) :], styles["base"]),
                ]
            )
            return [*text_paragraphs(head, styles[style]), paragraph(f"… continued in note {number}", styles[style])]
        return text_paragraphs(text, styles[style])

    # An item called by its first answer's name ("Offering 1" of the offerings) heads its column only once.
    columns = ("", *block.columns[1:]) if block.columns[:1] == block.columns[1:2] else block.columns
    # The table's label is its first row, repeated with the header on every page the table runs onto: a page
    # break never leaves the label alone at the foot of a page.
    data = [[[paragraph(block.label, styles["label"])]] + [""] * (len(columns) - 1)]
    data += [[cell(c, "smallbold") for c in columns]]
    data += [
        [
            cell(row[0], "smallbold"),
            *(cell(v, "small", f"{row[0]}, {c}") for c, v in zip(block.columns[1:], row[1:], strict=True)),
        ]
        for row in block.rows
    ]
    # splitInRow: a row taller than a page (a long explanation in one cell) flows onto the next page instead of
    # stopping the export with a LayoutError.
    # A row leaves room for a pen, more on a blank form.
    heights = [0, 0] + [30 if blank else 22] * len(block.rows)
    table = Table(data, colWidths=_column_widths(block, width), repeatRows=2, splitInRow=1, minRowHeights=heights)
    table.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("LEFTPADDING", (0, 0), (-1, 0), 0),
                ("GRID", (0, 1), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 1), (-1, 1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    chart: list[Flowable] = []
    if block.chart is not None:
        legend = Table(
            [[swatch(n), cell(name[:LEGEND_CHARS], "small")] for n, name in enumerate(block.chart.passes)],
            colWidths=[30, width - 30],
            hAlign="LEFT",
        )
        chart = [
            Spacer(1, 6),
            paragraph(f"{block.label} – growth across passes", styles["label"]),
            legend,
            *growth_panels(block.chart, FONT, width),
        ]
    # Kept with the box's heading (or the label before it): a page break never leaves those alone above it.
    return [Continued(f"{where} · {block.label}", keep=True), table, *notes, *chart, Continued(where)]


def _column_widths(block: TableBlock, width: float) -> list[float]:
    """The items' names as wide as the longest; the other columns share the rest by how wide their text runs
    (a column of dates narrower than one of explanations), an empty column as room to write by hand. A heading
    wraps, so it asks only for its longest word ("When (e.g. Spring 2022, SY 2022-2023)" over short dates)."""
    padding = 12

    def run(text: str, font: str) -> float:
        # 60 characters say enough about a line's width, whatever the length of the answer
        return padding + max((stringWidth(line[:60], font, 8.5) for line in text.split("\n")), default=0)

    def word(text: str) -> float:
        return padding + max((stringWidth(w[:60], BOLD, 8.5) for w in text.split()), default=0)

    first = min(width * 0.3, max(run(t, BOLD) for t in [block.columns[0], *(r[0] for r in block.rows)]))
    wants = [
        min(
            240.0,
            max(70.0 if any(r[k] for r in block.rows) else 110.0, word(c), *(run(r[k], FONT) for r in block.rows)),
        )
        for k, c in enumerate(block.columns[1:], 1)
    ]
    return [first] + [(width - first) * w / sum(wants) for w in wants]


# A name, a school or a district prints at most this many characters (about three lines of its column), then "…":
# a paragraph pasted into a name field is not a name, and a table row taller than a page cannot print.
NAME_CHARS = 120


def _name(text: str) -> str:
    return cut(CONTROL.sub("", text), NAME_CHARS)


def _identity(printed: PrintedPlan, styles: dict[str, ParagraphStyle], width: float) -> Table:
    rows, pairs = [], list(printed.identity)
    for i in range(0, len(pairs), 2):
        row = []
        for label, value in pairs[i : i + 2]:
            row += [paragraph(label, styles["smallbold"]), paragraph(_name(value), styles["base"])]
        rows.append(row)
    table = Table(rows, colWidths=[width * 0.17, width * 0.33] * 2)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.grey),
                ("LINEBELOW", (3, 0), (3, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def _part_of(printed: PrintedPlan) -> str:
    """The part and its program ('Final ILP of <program>'); a part named as its program, by that name once."""
    return printed.title if printed.part_title == printed.title else f"{printed.part_title} of {printed.title}"


def _status(printed: PrintedPlan) -> str:
    missing = len(printed.state.missing)
    if printed.state.blank:
        return "Blank form, filled in by hand."
    if missing:
        items = "1 required item is" if missing == 1 else f"{missing} required items are"
        return f"DRAFT: {items} missing; they are listed at the end."
    return "Complete: every required item is answered."


def _attestation(
    printed: PrintedPlan, styles: dict[str, ParagraphStyle], width: float, printed_on: dt.date
) -> list[Flowable]:
    """What is signed, by whom: the part, its cells, pages and fingerprint, draft or complete and the program's
    statement; then for each signer a printed name, a signature line and a date line with room for a pen."""
    state = printed.state
    facts: list[tuple[str, Flowable]] = [
        ("Plan", paragraph(f"{_part_of(printed)}: {state.cells}.", styles["small"])),
        (
            "This printout",
            PageCount(f"pages 1–{{total}}, fingerprint {printed.fingerprint}, printed {printed_on}", styles["small"]),
        ),
        ("Status", paragraph(_status(printed), styles["smallbold" if state.missing else "small"])),
        *(("Note", paragraph(notice, styles["small"])) for notice in state.notices),
        ("Statement", paragraph(state.statement, styles["small"])),
    ]
    table = Table(
        [[paragraph(label, styles["smallbold"]), value] for label, value in facts],
        colWidths=[width * LABEL_COLUMN, width * (1 - LABEL_COLUMN)],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)]))
    content: list[Flowable] = [
        paragraph("By signing, each person below confirms this printout:", styles["label"]),
        table,
        *_signers(printed, styles, width),
    ]
    return _box("Signatures", [Paragraph("Signatures", styles["cell"])], content)


SIGNERS_A_ROW = 3


def _signers(printed: PrintedPlan, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """Three signers a row, each a column: the printed name, the signature and the date, each on its own line."""
    gap = 14
    column = (width - gap * (SIGNERS_A_ROW - 1)) / SIGNERS_A_ROW
    out: list[Flowable] = []
    signers = list(printed.signers)
    for start in range(0, len(signers), SIGNERS_A_ROW):
        row = signers[start : start + SIGNERS_A_ROW]
        cells: list[list[Any]] = [[] for _ in range(6)]
        for i, signer in enumerate(row):
            if i:
                for line in cells:
                    line.append("")
            for line, text, style in zip(
                cells,
                (_name(signer.name), f"{signer.role} – printed name", "", "Signature", "", "Date"),
                ("base", "caption", "caption", "caption", "caption", "caption"),
                strict=True,
            ):
                line.append(paragraph(text, styles[style]) if text else "")
        columns = [column if k % 2 == 0 else gap for k in range(2 * len(row) - 1)]
        table = Table(cells, colWidths=columns, rowHeights=[30, None, 34, None, 30, None])
        lines = [("LINEBELOW", (k, r), (k, r), 0.7, colors.black) for k in range(0, len(columns), 2) for r in (0, 2, 4)]
        table.setStyle(
            TableStyle(
                [
                    *lines,
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("VALIGN", (0, 1), (-1, 1), "TOP"),
                    ("VALIGN", (0, 3), (-1, 3), "TOP"),
                    ("VALIGN", (0, 5), (-1, 5), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        table.hAlign = "LEFT"
        out.append(table)
    return out


def _missing(printed: PrintedPlan, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    title = "Required items still missing"
    items = [paragraph(f"• {message}", styles["base"]) for message in printed.state.missing]
    return _box(title, [Paragraph(title, styles["cell"])], items)


# How much of the last cell's end goes onto the page of the signatures: about four lines of an answer.
TAIL = 56


def _tail(story: list[Flowable], width: float, height: float) -> list[Flowable]:
    """Take the end of the last cell off the story, to be kept on one page with the signatures: the last few
    lines or rows of its last flowable (all of it if short, with the label kept with it) and the marks after."""
    last = max(i for i, f in enumerate(story) if not isinstance(f, (BoxEnd, Continued)))
    _, tall = story[last].wrap(width, height)
    parts = story[last].split(width, tall - TAIL) if tall > TAIL else []
    if len(parts) == 2:
        tail = [parts[1], *story[last + 1 :]]
        story[last:] = [parts[0]]
        return tail
    while last and story[last - 1].getKeepWithNext():
        last -= 1  # a label, the cell's heading: they stay with what they introduce
    tail = story[last:]
    del story[last:]
    return tail


def _numbered_canvas(header: str, footer: str, band: str, code: PageCode | None) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Draws what depends on the whole document when the last page is done: header and footer ("Page X of
        Y"), the DRAFT band, the borders of the boxes and the text naming the number of pages."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._edges: list[tuple[bool, float]] = []
            self._later: list[tuple[float, float, str, str, float]] = []
            self._text_end = 0.0

        def box_edge(self, start: bool, y: float) -> None:
            self._edges.append((start, y))

        def draw_later(self, x: float, y: float, text: str, font: str, size: float) -> None:
            self._later.append((x, y, text, font, size))

        def showPage(self) -> None:
            # Where the page's last flowable ends (the frame's next free line, less the space after it): a box
            # running on to the next page is drawn down to there, not to the foot of the page.
            # (The template is gone when the build ends: no box is open after the last flowable.)
            frame = getattr(getattr(self, "_doctemplate", None), "frame", None)
            self._text_end = frame._y + (frame._prevASpace if frame._oASpace else 0) if frame else 0.0
            self._pages.append(dict(self.__dict__))
            self._edges, self._later = [], []  # new lists: the saved page keeps its own
            self._startPage()  # type: ignore[attr-defined]  # private Canvas method, not in types-reportlab

        def save(self) -> None:
            total = len(self._pages)
            open_box = False
            for state in self._pages:
                self.__dict__.update(state)
                open_box = self._boxes(open_box)
                self._decorate(total)
                super().showPage()
            super().save()

        def _boxes(self, open_box: bool) -> bool:
            """Draw this page's part of every box; whether a box runs on to the next page."""
            width, height = self._pagesize  # type: ignore[attr-defined]  # private Canvas state, not in types-reportlab
            top, bottom = height - MARGIN - BAND + 2, MARGIN + FOOT - 4
            self.setStrokeColor(colors.black)
            self.setLineWidth(0.7)
            upper: float | None = top if open_box else None
            closed = False
            for start, y in self._edges:
                if start:
                    upper, closed = y, True
                    continue
                self._border(width, top if upper is None else upper, y - 4, closed, True)
                upper = None
            if upper is not None:
                self._border(width, upper, max(bottom, min(upper, self._text_end) - 4), closed, False)
            return upper is not None

        def _border(self, width: float, upper: float, lower: float, closed_top: bool, closed_bottom: bool) -> None:
            left, right = MARGIN, width - MARGIN
            self.line(left, upper, left, lower)
            self.line(right, upper, right, lower)
            if closed_top:
                self.line(left, upper, right, upper)
            if closed_bottom:
                self.line(left, lower, right, lower)

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize  # type: ignore[attr-defined]  # private Canvas state, not in types-reportlab
            column = MARGIN + PAD
            self.setFillColor(colors.black)
            draw_string(self, column, height - MARGIN + 14, header, FONT, 8)
            self.setStrokeColor(colors.grey)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - MARGIN + 10, width - MARGIN, height - MARGIN + 10)
            # The page's code takes the right of the footer, in the text column; the rule and "Page X of Y"
            # end before it.
            right = width - column - (CODE_SIZE + CODE_GAP if code else 0)
            self.line(MARGIN, MARGIN - 12, right if code else width - MARGIN, MARGIN - 12)
            self.setFont(FONT, 8)
            self.drawString(column, MARGIN - 24, footer)
            self.drawRightString(right, MARGIN - 24, f"Page {self.getPageNumber()} of {total}")
            if code:
                # In the bottom margin, ending at the text column's right and CODE_BOTTOM above the paper's
                # edge (inside what printers print).
                text = code.on_page(self.getPageNumber(), total).text()
                draw_page_code(self, text, width - column - CODE_SIZE, CODE_BOTTOM, CODE_SIZE)
            if band:
                self.setFillColor(SHADE)
                self.setStrokeColor(colors.black)
                self.rect(MARGIN, height - MARGIN - 16, width - 2 * MARGIN, 14, stroke=1, fill=1)
                self.setFillColor(colors.black)
                self.setFont(BOLD, 8.5)
                self.drawCentredString(width / 2, height - MARGIN - 12, band)
            for x, y, text, font, size in self._later:
                draw_string(self, x, y, text.replace("{total}", str(total)), font, size)

    return NumberedCanvas


def _progress(report: Callable[[float], None]) -> Callable[[str, int], None]:
    """ReportLab's progress calls (the number of flowables, then how many are laid out) as a fraction."""
    size = 1

    def on_progress(kind: str, value: int) -> None:
        nonlocal size
        if kind == "SIZE_EST":
            size = max(1, value)
        elif kind == "PROGRESS":
            report(min(1.0, value / size))

    return on_progress


def build_pdf(
    printed: PrintedPlan,
    target: Path,
    paper: str,
    printed_on: dt.date,
    code: PageCode | None = None,
    report: Callable[[float], None] | None = None,
) -> None:
    """Lay out one printout and write it to `target` (atomically); `code` is printed on every page (with the
    page's number), so a scan of the signed paper finds its printed version; `report` hears how much of the
    layout is done (0 to 1) and may raise to stop it (no file is left)."""
    _register_fonts()
    styles = _styles()
    state = printed.state
    page = PAPER[paper]
    width = page[0] - 2 * (MARGIN + PAD)
    height = page[1] - 2 * MARGIN - BAND - FOOT
    subtitle = f"{printed.part_title} · {printed.subtitle}" if printed.subtitle else printed.part_title
    story: list[Flowable] = [
        paragraph(printed.title, styles["title"]),
        Paragraph(escape(subtitle), styles["subtitle"]),
        _identity(printed, styles, width),
    ]
    story += [paragraph(notice, styles["notice"]) for notice in state.notices]
    for cell in printed.cells:
        # A program's cell title, as long as its author made it, is cut like a journal entry's (printed.py).
        named = cut(CONTROL.sub("", cell.heading), HEADING_CHARS)
        heading: list[Flowable] = [paragraph(named, styles["cell"])]
        if cell.heading in state.amended:
            heading.append(paragraph(state.amended_note, styles["amended"]))
        if cell.description:
            heading.append(paragraph(cell.description, styles["describe"]))
        content: list[Flowable] = []
        for block in cell.blocks:
            if isinstance(block, Entry):
                content += _entry(block, styles, named, state.markdown)
                continue
            content += _table(block, styles, width, named, state.blank)
            for result in block.after:
                content += _entry(result, styles, named, state.markdown)
        story += _box(named, heading, content)
    if printed.signers:
        # The administrator signs the whole section on one page, with the end of the last cell above it.
        story.append(KeepTogether(_tail(story, width, height) + _attestation(printed, styles, width, printed_on)))
    if state.missing:
        story += _missing(printed, styles)
    teacher = CONTROL.sub("", printed.identity[0][1])
    title = printed.title if printed.part_title == printed.title else f"{printed.title} – {printed.part_title}"
    # The identity ends with school, district and school year, after however many roles the program names.
    school = f"{isolate(printed.identity[-3][1])} {isolate(printed.identity[-1][1])}".strip()
    header = fitted(" – ".join(part for part in (title, isolate(teacher), school) if part), FONT, 8, width)
    footer = f"Printed {printed_on.isoformat()} · Fingerprint {printed.fingerprint}"
    missing = len(state.missing)
    band = (
        f"DRAFT – {missing} required item{'s' if missing != 1 else ''} missing (listed at the end): not complete"
        if missing
        else ""
    )

    def write(path: Path) -> None:
        doc = BaseDocTemplate(
            str(path),
            pagesize=page,
            leftMargin=MARGIN + PAD,
            rightMargin=MARGIN + PAD,
            topMargin=MARGIN + BAND,
            bottomMargin=MARGIN + FOOT,
            title=f"{printed.title} – {teacher}" if teacher else printed.title,
            author="ILP Desktop",
            subject=printed.part_title,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate("page", [frame])])
        doc.keepTogetherClass = KeepStart
        if report is not None:
            doc.setProgressCallBack(_progress(report))
        try:
            doc.build(story, canvasmaker=_numbered_canvas(header, footer, band, code))
        except LayoutError as exc:  # nothing known leads here; if something does, one line says what
            what = " ".join(str(exc).split())[:200]
            raise UserError(f"the printout cannot be laid out ({what}); please report this with the plan") from None

    write_atomically(target, write)
