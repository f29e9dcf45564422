"""Right-to-left order on paper: each character's embedding level from python-bidi (the Unicode Bidirectional
Algorithm, UAX #9, with embeddings and isolates, in Rust), and the order of a line's shaped pieces (rule L2).

ReportLab's own right-to-left support needs `rlbidi`, which is not on PyPI, and reorders one string in one
font; printed text is cut into pieces of several fonts, so the levels are asked for and the pieces reordered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

import bidi

T = TypeVar("T")

# python-bidi reports its resolved levels (debug=True) one per UTF-8 byte, as Rust's `Level(n)`.
_LEVEL = re.compile(r"Level\(\s*(\d+)")
_SURROGATE = re.compile("[\ud800-\udfff]")


def base_level(text: str) -> int:
    """P2–P3: right-to-left (1) if the first strong character is right-to-left, else left-to-right (0)."""
    return int(bidi.get_base_level(_SURROGATE.sub("\ufffd", text)))


def levels(text: str, base: int) -> list[int]:
    """The embedding level of each character of `text` in a paragraph of level `base` (0 or 1)."""
    if not text:
        return []
    text = _SURROGATE.sub("\ufffd", text)  # a lone surrogate cannot cross into Rust; it is neutral anyway
    report = str(bidi.get_display(text, base_dir="R" if base % 2 else "L", debug=True))
    start = report.index("levels:")
    byte_levels = _LEVEL.findall(report, start, report.index("paragraphs:", start))
    data = text.encode()
    if len(byte_levels) != len(data):
        raise RuntimeError("python-bidi reported levels in an unknown form")
    # A character's level is its first byte's (continuation bytes are 0b10xxxxxx).
    return [int(level) for byte, level in zip(data, byte_levels, strict=True) if byte & 0xC0 != 0x80]


def visual_order(items: Sequence[T], item_levels: Sequence[int]) -> list[T]:
    """L2: from the highest level down to the lowest odd one, reverse every run at that level or higher."""
    order = list(range(len(items)))
    if not items:
        return []
    highest = max(item_levels)
    lowest_odd = min((lv for lv in item_levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if item_levels[order[i]] >= level:
                j = i
                while j < len(order) and item_levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return [items[k] for k in order]
