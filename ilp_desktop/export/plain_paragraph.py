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


def plain_paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """Paragraph(escape(text), style), as the parser would make it, without parsing."""
    cleaned = cleanBlockQuotedText(text)
    fragments = [_style_fragment(style).clone(text=cleaned)] if cleaned else []
    return Paragraph(escape(cleaned), style, frags=fragments)
