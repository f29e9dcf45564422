"""A ReportLab Paragraph of plain text (one font, no markup) made without ReportLab's markup parser.

Most of what a plan prints is plain text, and parsing it as markup (an HTML parser run per paragraph) took a
fifth of an export. The paragraph here holds the fragment the parser would make: the style's fragment with
the text, its white space collapsed by ReportLab's own cleaner.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser


@lru_cache(maxsize=64)
def _style_fragment(style: ParagraphStyle) -> Any:
    """The fragment the parser makes of one letter in `style` (font, size, colour, …): every plain text in
    the style is that fragment with other text. Styles are made once (pdf._styles), so a few are cached."""
    _, fragments, _ = ParaParser().parse("x", style)
    return fragments[0]


class PlainParagraph(Paragraph):
    """A Paragraph that breaks its lines once for a width: ReportLab lays most paragraphs out twice at the same
    width (measuring a kept-together run, then placing it), and breaking lines was a third of an export."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # The lines depend on the width only (a paragraph is as tall as its lines, whatever room is left).
        # (Paragraph.split drops the lines when it will not split the paragraph here: they are broken again.)
        if self._wrapped is None or self._wrapped[0] != availWidth or "blPara" not in vars(self):
            self._wrapped = (availWidth, super().wrap(availWidth, availHeight))
        return self._wrapped[1]


def plain_paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """Paragraph(escape(text), style), as the parser would make it, without parsing."""
    cleaned = cleanBlockQuotedText(text)
    fragments = [_style_fragment(style).clone(text=cleaned)] if cleaned else []
    return PlainParagraph(escape(cleaned), style, frags=fragments)
