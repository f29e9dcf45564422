"""The Unicode Bidirectional Algorithm (UAX #9), as far as printed plans need it.

Resolves each character's embedding level (rules P2–P3, W1–W7, N1–N2, I1–I2) and orders the pieces of one
line for display (L2). Explicit embeddings and isolates (rare in names and answers) are not nested: their
control characters are treated as boundary neutrals and not drawn. ReportLab's own right-to-left support
needs `rlbidi`, which is not published on PyPI, and leaves paragraphs with more than one font unordered.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

STRONG_RTL = frozenset(("R", "AL"))
# Explicit embedding, override and isolate controls: not drawn, and (here) without effect on the levels.
EXPLICIT = frozenset(("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"))
NEUTRAL = frozenset(("B", "S", "WS", "ON", "BN"))
# First-strong isolates (FSI … PDI), not nested: what the PDF header puts around each field.
ISOLATE = re.compile("\u2068([^\u2068\u2069]*)\u2069")


@lru_cache(maxsize=4096)
def bidi_class(char: str) -> str:
    kind = unicodedata.bidirectional(char)
    if not kind:  # unassigned: by the default ranges of DerivedBidiClass, most are L
        return "L"
    return "BN" if kind in EXPLICIT else kind


def base_level(text: str) -> int:
    """P2–P3: right-to-left (1) if the first strong character is right-to-left, else left-to-right (0)."""
    for char in text:
        kind = bidi_class(char)
        if kind == "L":
            return 0
        if kind in STRONG_RTL:
            return 1
    return 0


def levels(text: str, base: int | None = None) -> list[int]:
    """The resolved embedding level of every character of one paragraph (even: left-to-right)."""
    if base is None:
        base = base_level(text)
    sos = "R" if base % 2 else "L"
    types = [bidi_class(c) for c in text]
    n = len(types)
    # W1: a non-spacing mark takes the type of the character before it.
    for i, kind in enumerate(types):
        if kind == "NSM":
            types[i] = types[i - 1] if i and types[i - 1] != "BN" else sos
    # W2: European digits after Arabic letters are Arabic digits. W3: AL becomes R.
    last_strong = sos
    for i, kind in enumerate(types):
        if kind in ("L", "R", "AL"):
            last_strong = kind
        elif kind == "EN" and last_strong == "AL":
            types[i] = "AN"
    types = ["R" if kind == "AL" else kind for kind in types]
    # W4: one separator between two numbers of the same kind joins them.
    for i in range(1, n - 1):
        before, kind, after = types[i - 1], types[i], types[i + 1]
        if kind == "ES" and before == after == "EN":
            types[i] = "EN"
        elif kind == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    # W5: terminators next to European digits become digits.
    i = 0
    while i < n:
        if types[i] == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (i and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
            i = j
        else:
            i += 1
    # W6: remaining separators and terminators are neutral. W7: European digits after L are L.
    types = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in types]
    last_strong = sos
    for i, kind in enumerate(types):
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            types[i] = "L"
    # N1–N2: a run of neutrals takes the direction around it if both sides agree (digits count as R),
    # else the embedding direction.
    i = 0
    while i < n:
        if types[i] in NEUTRAL:
            j = i
            while j < n and types[j] in NEUTRAL:
                j += 1
            before = sos if i == 0 else ("R" if types[i - 1] in ("R", "EN", "AN") else "L")
            after = sos if j == n else ("R" if types[j] in ("R", "EN", "AN") else "L")
            types[i:j] = [before if before == after else sos] * (j - i)
            i = j
        else:
            i += 1
    # I1–I2.
    out = []
    for kind in types:
        if base % 2 == 0:
            out.append(base + (1 if kind == "R" else 2 if kind in ("AN", "EN") else 0))
        else:
            out.append(base + (1 if kind in ("L", "EN", "AN") else 0))
    return out


def isolated_levels(text: str, base: int) -> list[int]:
    """levels() where each isolate counts as one neutral outside and is resolved on its own inside (X5c, X6a)."""
    out = levels(ISOLATE.sub(lambda m: "\ufffc" * len(m.group(0)), text), base)
    for match in ISOLATE.finditer(text):
        inner = match.group(1)
        direction = base_level(inner)
        inner_base = base if base % 2 == direction else base + 1
        out[match.start(1) : match.end(1)] = levels(inner, inner_base)
    return out


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
