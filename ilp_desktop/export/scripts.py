"""Every script on paper: which font draws each character, right-to-left order, shaping and the text layer.

DejaVu Sans (the family font) prints Latin, Greek, Cyrillic and Vietnamese. Other characters fall back, one run
of text at a time, to shipped fonts loaded only when a text needs them: Noto Sans Arabic, Hebrew, Devanagari,
Thai, Bengali and Tamil, Noto Sans CJK's Hangul, Droid Sans Fallback for Chinese and Japanese, Noto Emoji
(monochrome). Plain text never leaves the fast path: one ReportLab Paragraph in the family font, as before.

Right-to-left and shaped scripts, Chinese, Japanese and Korean, and emoji sequences are laid out by
`ComplexText`: HarfBuzz (uharfbuzz, as ReportLab's own shaping uses it) shapes each piece (a Devanagari conjunct,
a ZWJ family, a flag become one glyph), python-bidi (`direction.py`) resolves the levels and the pieces of each
line are put in reading order; lines break between ideographs by the kinsoku rules; bold in a fallback font
(which has no bold face) is drawn filled and stroked. ReportLab's right-to-left support needs `rlbidi`, which
PyPI does not have, and its shaped glyphs reach the text layer as private-use codes. Here every drawn glyph maps
back (ToUnicode) to the letters it shows, so the PDF's text is the text as typed, in logical order, and a
character no font has prints as an empty box while its text stays searchable; `undrawable()` names such
characters before printing (also those of a fallback font whose file is missing).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import regex
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.pdfbase.ttfonts import SUBSETN, ShapeData, ShapedStr, TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from ilp_desktop.export.direction import base_level, levels, visual_order
from ilp_desktop.export.plain_paragraph import plain_paragraph


@dataclass(frozen=True)
class Fallback:
    name: str
    file: str
    ranges: tuple[tuple[int, int], ...]
    # A preferred font draws its script even where the family font has glyphs (joined Arabic, one design).
    preferred: bool


EMOJI = "ILPEmoji"
FALLBACKS = (
    Fallback(
        "ILPArabic",
        "NotoSansArabic-Regular.ttf",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
        True,
    ),
    Fallback("ILPHebrew", "NotoSansHebrew-Regular.ttf", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)), True),
    Fallback(
        "ILPDevanagari", "NotoSansDevanagari-Regular.ttf", ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF)), True
    ),
    Fallback("ILPThai", "NotoSansThai-Regular.ttf", ((0x0E00, 0x0E7F),), True),
    Fallback("ILPBengali", "NotoSansBengali-Regular.ttf", ((0x0980, 0x09FF),), True),
    Fallback("ILPTamil", "NotoSansTamil-Regular.ttf", ((0x0B80, 0x0BFF), (0x11FC0, 0x11FFF)), True),
    Fallback(
        "ILPHangul",
        "NotoSansCJKkr-Hangul.ttf",
        ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF)),
        True,
    ),
    Fallback(
        "ILPCJK",
        "DroidSansFallbackFull.ttf",
        (
            (0x2E80, 0x2FDF),
            (0x3000, 0x312F),
            (0x3190, 0x33FF),
            (0x3400, 0x4DBF),
            (0x4E00, 0x9FFF),
            (0xF900, 0xFAFF),
            (0xFE30, 0xFE4F),
            (0xFF00, 0xFFEF),
            (0x20000, 0x2FFFF),
        ),
        True,
    ),
    Fallback(EMOJI, "NotoEmoji-Regular.ttf", ((0x2000, 0x2BFF), (0xFE0F, 0xFE0F), (0x1F000, 0x1FAFF)), False),
)
SYMBOLS = frozenset(f.name for f in FALLBACKS if not f.preferred)
# Right-to-left letters and the scripts that need shaping: laid out by ComplexText.
COMPLEX = regex.compile(
    "[\u0590-\u08ff\u0900-\u09ff\u0b80-\u0bff\u0e00-\u0e7f\u1cd0-\u1cff\ua8e0-\ua8ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067"
    "\U00010800-\U00010fff\U00011fc0-\U00011fff\U0001e800-\U0001efff]"
)
# Ideographs, kana and Hangul: lines may break between them (see _break for the punctuation that may not
# start or end a line).
BREAKABLE = regex.compile("[\u2e80-\u9fff\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ffff]")
# What joins emoji into one picture: the joiner, variation selector 16, skin tones, flag letters, the keycap, tags.
EMOJI_SEQUENCE = regex.compile("[\u200d\ufe0f\u20e3\U0001f1e6-\U0001f1ff\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
# Text that is laid out by ComplexText: shaped, right-to-left, broken between ideographs, emoji sequences.
LAID_OUT = regex.compile(f"{COMPLEX.pattern}|{BREAKABLE.pattern}|{EMOJI_SEQUENCE.pattern}")
GRAPHEME = regex.compile(r"\X")  # extended grapheme clusters (UAX #29): what a reader sees as one character
# Kinsoku (JIS X 4051): closing punctuation, small kana and marks that may not start a line; opening brackets
# that may not end one.
NOT_AT_START = frozenset(
    "!%),.:;?]}¢°’”‰′″℃、。々〉》」』】〕〗〙〛〞ゝゞ・ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "゠〜～！％），．：；？］｝｡｣､･ｧｨｩｪｫｬｭｮｯｰﾞﾟ"
)
NOT_AT_END = frozenset("([{£¥‘“〈《「『【〔〖〘〝＄（［｛｢￡￥")
# Direction marks, embeddings and isolates: they steer the order and are never drawn.
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Italic where a font has no italic face: the glyphs slanted by 12° (tan 12°), as DejaVu Sans Oblique is.
SLANT = 0.2126
# A run of text without a space longer than this is shaped in pieces a line may break between (see _chunks).
LONG_RUN = 24
# Synthetic bold: the outline stroked with a line this part of the font size (about DejaVu Sans Bold's weight).
EMPHASIS = 0.04
# Codes for shaped glyphs that no character maps to (a joined Arabic letter, a Devanagari conjunct): plane 16.
PRIVATE_CODES = 0x100000

_lock = threading.RLock()
_family: dict[str, str] = {}  # "regular" → the family font's name
_folder: list[Path] = []
_loaded: dict[str, TextFont] = {}
_unusable: dict[str, str] = {}  # fallback name → why its file could not be loaded


class TextFont(TTFont):
    """A TrueType font whose text layer is right for every glyph: characters beyond U+FFFF as UTF-16 pairs, a
    shaped glyph as the letters it shows, a missing glyph as nothing (ReportLab writes NUL for it)."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.coverage = frozenset(self.face.charToGlyph)  # before any code is added below
        self.texts: dict[int, str] = {}  # added code → the text its glyph shows
        self._codes: dict[tuple[int, str], int] = {}
        self._next = PRIVATE_CODES
        self._hb: Any = None

    def glyph_code(self, glyph: int, text: str) -> int:
        """The code that draws `glyph` and reads as `text` in the PDF's text layer."""
        face = self.face
        if len(text) == 1 and face.charToGlyph.get(ord(text)) == glyph:
            return ord(text)
        code = self._codes.get((glyph, text))
        if code is None:
            while self._next in face.charToGlyph:
                self._next += 1
            code = self._next
            face.charToGlyph[code] = glyph
            advance = face.hmetrics[min(glyph, len(face.hmetrics) - 1)][0]
            face.charWidths[code] = advance * 1000 / face.unitsPerEm
            self.texts[code] = text
            self._codes[(glyph, text)] = code
        return code

    def box(self, code: int) -> None:
        """Draw a character the font lacks as its empty box (.notdef), keeping the character in the text layer."""
        face = self.face
        if code not in face.charToGlyph:
            face.charToGlyph[code] = 0
            face.charWidths[code] = face.defaultWidth

    def harfbuzz(self) -> Any:
        if self._hb is None:
            data = self.face._ttf_data  # type: ignore[attr-defined]  # the font file's bytes, kept for subsetting
            import uharfbuzz  # with the first shaped text: a Latin plan never needs it

            self._hb = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(data)))
        return self._hb

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            name = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("latin-1")
            stream = doc.idToObject.get("toUnicodeCMap:" + name)
            if stream is not None:
                stream.content = to_unicode_cmap(name, [self.texts.get(c, chr(c)) if c else "" for c in subset])


def to_unicode_cmap(name: str, texts: list[str]) -> str:
    """A ToUnicode CMap: code i reads as texts[i] (UTF-16BE, so beyond U+FFFF too; "" reads as nothing)."""
    entries = [f"<{i:02X}> <{text.encode('utf-16-be').hex().upper()}>" for i, text in enumerate(texts)]
    blocks = []
    for start in range(0, len(entries), 100):  # at most 100 mappings per block
        chunk = entries[start : start + 100]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{max(len(texts) - 1, 0):02X}>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def register_family(folder: Path, regular: tuple[str, str], bold: tuple[str, str], italic: tuple[str, str]) -> None:
    """Register the family font (name, file) of each style; the fallbacks are found in the same folder."""
    with _lock:
        for name, file in (regular, bold, italic):
            _loaded[name] = TextFont(name, str(folder / file))
            pdfmetrics.registerFont(_loaded[name])
        pdfmetrics.registerFontFamily(regular[0], normal=regular[0], bold=bold[0], italic=italic[0], boldItalic=bold[0])
        _family["regular"] = regular[0]
        _family["bold"] = bold[0]
        _folder[:] = [folder]


def font(name: str) -> TextFont:
    """A registered font; a fallback is loaded the first time a text needs it."""
    found = _loaded.get(name)
    if found is not None:
        return found
    with _lock:
        if name not in _loaded:
            spec = next(f for f in FALLBACKS if f.name == name)
            _loaded[name] = TextFont(name, str(_folder[0] / spec.file))
            pdfmetrics.registerFont(_loaded[name])
        return _loaded[name]


def _covers(name: str, code: int) -> bool:
    """Whether the font draws the character; a fallback whose file is missing or unreadable (a damaged
    installation) draws nothing, so its characters are named as undrawable instead of failing the export."""
    if name not in _loaded and name not in _unusable:
        try:
            font(name)
        except TTFError as error:  # ReportLab's error for a file it cannot open or read
            _unusable[name] = str(error)
    return name not in _unusable and code in font(name).coverage


@lru_cache(maxsize=1 << 16)
def _kind(char: str) -> str:
    """How a character picks its font: a mark stays with its letter, a neutral with its run, an ignorable is
    dropped where the run's font lacks it; other characters choose."""
    category = unicodedata.category(char)
    code = ord(char)
    if category in ("Cc", "Cf", "Cs") or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return "ignorable"
    if category[0] == "M":
        return "mark"
    if category[0] in "ZPNS":
        return "neutral"
    return "letter"


@lru_cache(maxsize=1 << 16)
def _chosen(char: str, base: str) -> tuple[str | None, str | None]:
    """(preferred fallback, the font that draws it when it does not stay with its run: None if none can)."""
    code = ord(char)
    preferred = next(
        (
            f.name
            for f in FALLBACKS
            if f.preferred and any(a <= code <= b for a, b in f.ranges) and _covers(f.name, code)
        ),
        None,
    )
    if preferred:
        return preferred, preferred
    regular = _family.get("regular", base)
    for name in (base, regular):
        if _covers(name, code):
            return None, name
    for f in FALLBACKS:
        if not f.preferred and any(a <= code <= b for a, b in f.ranges) and _covers(f.name, code):
            return None, f.name
    return None, None


@lru_cache(maxsize=1 << 16)
def _rule(char: str, base: str) -> tuple[bool, bool, str | None]:
    """(may stay in its run's font, is a neutral, the font that draws it otherwise: None drops it)."""
    if char in BIDI_CONTROLS:
        return False, False, None
    kind = _kind(char)
    preferred, chosen = _chosen(char, base)
    if kind == "ignorable":
        return True, False, None
    if chosen is None:  # no font has it: the family font's empty box
        font(base).box(ord(char))
        chosen = base
    return kind != "letter" and not (kind == "neutral" and preferred), kind == "neutral", chosen


def fonts_of(text: str, base: str) -> list[str | None]:
    """The font that draws each character (None: not drawn, an invisible control the font lacks)."""
    out: list[str | None] = []
    append = out.append
    current: str | None = None
    coverage: frozenset[int] = frozenset()
    for char in text:
        may_stay, neutral, chosen = _rule(char, base)
        # Spaces and punctuation stay in a run of text, not in the emoji font (its space is an emoji wide).
        if may_stay and current is not None and ord(char) in coverage and not (neutral and current in SYMBOLS):
            append(current)
            continue
        append(chosen)
        if chosen is not None and chosen != current:
            current, coverage = chosen, font(chosen).coverage
    if EMOJI_SEQUENCE.search(text):
        _join_emoji(text, out)
    return out


def _join_emoji(text: str, names: list[str | None]) -> None:
    """An emoji sequence (a family joined by ZWJ, a flag, a skin tone, a keycap) goes to the emoji font whole:
    shaped, it prints as one picture, or as its first emoji where the font has no picture for the whole."""
    for match in GRAPHEME.finditer(text):
        start, end = match.span()
        if end - start > 1 and EMOJI_SEQUENCE.search(match.group()) and _covers(EMOJI, ord(text[start])):
            names[start:end] = [EMOJI] * (end - start)


def runs(text: str, base: str) -> list[tuple[str, str]]:
    """(font, text) runs in logical order; characters that are not drawn are left out."""
    out: list[tuple[str, str]] = []
    for name, group in groupby(zip(fonts_of(text, base), text, strict=True), key=itemgetter(0)):
        if name is None:
            continue
        piece = "".join(char for _, char in group)
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + piece)
        else:
            out.append((name, piece))
    return out


_PREFERRED = tuple(r for f in FALLBACKS if f.preferred for r in f.ranges)


@lru_cache(maxsize=1 << 16)
def _plain(char: str, base: str) -> bool:
    """The font draws the character without help (no fallback font is loaded to know it): anything else takes
    the slower way. Asked per distinct character of a text, not for the thousands the font has."""
    code = ord(char)
    return (
        code in font(base).coverage
        and _kind(char) != "ignorable"
        and not COMPLEX.search(char)
        and not any(a <= code <= b for a, b in _PREFERRED)
    )


def is_plain(text: str, base: str) -> bool:
    return all(_plain(char, base) for char in set(text))


def undrawable(text: str) -> list[str]:
    """The distinct characters of `text` that no font can draw (invisible controls aside), in code order."""
    base = _family["regular"]
    return sorted(
        char
        for char in set(text)
        if not _plain(char, base)
        and char not in "\n\t"
        and _kind(char) != "ignorable"
        and _chosen(char, base)[1] is None
    )


def isolate(text: str) -> str:
    """Text set apart in a line (a field of a header): its direction does not reorder the rest (UAX #9 FSI).
    Text without right-to-left letters is returned as it is, and keeps the fast path."""
    return f"\u2068{text}\u2069" if COMPLEX.search(text) else text


def markup(text: str, base: str) -> str:
    """Paragraph markup for text without right-to-left or shaped scripts: a <font> run for each fallback."""
    if is_plain(text, base):
        return escape(text)
    return "".join(
        escape(t) if name == base else f'<font name="{name}">{escape(t)}</font>' for name, t in runs(text, base)
    )


def paragraph(text: str, style: ParagraphStyle) -> Flowable:
    """User text as a flowable that prints in any script ("" prints an empty line)."""
    if not text:
        return Paragraph("&nbsp;", style)
    if is_plain(text, style.fontName):
        return plain_paragraph(text, style)
    if LAID_OUT.search(text):
        return ComplexText(text, style)
    return Paragraph(markup(text, style.fontName) or "&nbsp;", style)


def formatted(spans: Sequence[tuple[str, tuple[str, ...]]], style: ParagraphStyle) -> Flowable:
    """Formatted user text as one flowable: (text, tags) spans, the tags ReportLab's inline ones ("b", "i",
    "strike"), each span's characters drawn as paragraph() draws them and a line break where the text has one.
    ComplexText (right-to-left, shaped and CJK text) keeps bold and italics: such a paragraph prints other
    formatting plain."""
    text = "".join(t for t, _ in spans)
    if LAID_OUT.search(text):
        bold = [("b" in tags) for piece, tags in spans for _ in piece]
        italic = [("i" in tags) for piece, tags in spans for _ in piece]
        return ComplexText(text, style, bold=bold, italic=italic)
    out = []
    for piece, tags in spans:
        body = markup(piece, style.fontName).replace("\n", "<br/>")
        for tag in tags:
            body = f"<{tag}>{body}</{tag}>"
        out.append(body)
    return Paragraph("".join(out) or "&nbsp;", style)


# --- Right-to-left and shaped text ---------------------------------------------------------------------------


@dataclass(slots=True)  # not frozen: a CJK paragraph makes one per character, and frozen fields cost thrice
class Piece:
    """A shaped piece of one line: one font, one direction, no space inside (a space is a piece of its own)."""

    text: str  # ShapedStr for shaped pieces: glyph codes with HarfBuzz's positions, in visual order
    font: str
    width: float  # in 1/1000 of the font size
    level: int
    space: bool = False
    breakable: bool = False  # a line may end before and after it (an ideograph, a kana, a syllable)
    emphasis: bool = False  # bold in a font without a bold face: drawn filled and stroked (synthetic bold)
    slant: bool = False  # italic: drawn slanted (the fallback fonts have no italic face)
    source: str = ""  # the characters it shows, in logical order (for the line-breaking rules)


@lru_cache(maxsize=4096)
def shape(name: str, text: str, rtl: bool) -> tuple[str, float]:
    """HarfBuzz's glyphs for `text` in visual order, as codes of the font (see TextFont.glyph_code), with their
    positions; and the width in 1/1000 of the font size."""
    import uharfbuzz

    face = font(name)
    buffer = uharfbuzz.Buffer()
    buffer.add_codepoints([ord(c) for c in text])
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.guess_segment_properties()
    uharfbuzz.shape(face.harfbuzz(), buffer, {})
    scale = 1000 / face.face.unitsPerEm
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    seen: set[int] = set()
    codes, data = [], []
    for info, pos in zip(infos, positions, strict=True):
        cluster = info.cluster
        # A cluster's letters go with its first glyph; its other glyphs read as nothing.
        code = face.glyph_code(info.codepoint, "" if cluster in seen else text[cluster : ends[cluster]])
        seen.add(cluster)
        codes.append(chr(code))
        width = face.face.charWidths.get(code, face.face.defaultWidth)
        data.append(
            ShapeData(
                cluster, pos.x_advance * scale, pos.y_advance * scale, pos.x_offset * scale, pos.y_offset * scale, width
            )
        )
    # types-reportlab says one ShapeData; ReportLab keeps one per glyph.
    return ShapedStr("".join(codes), shapeData=data), sum(d.x_advance for d in data)  # type: ignore[arg-type]


def _bold_fonts(text: str, base: str, names: list[str | None], bold: Sequence[bool] | None) -> list[bool]:
    """Which characters are drawn with synthetic emphasis: bold ones in a fallback font (which has no bold face).
    Bold characters the family font draws take its bold face (`names` is changed to it)."""
    regular, heavy = _family.get("regular", base), _family.get("bold", base)
    if bold is None:
        bold = [base == heavy] * len(text)
    family = {regular, heavy}
    emphasis = []
    for i, (name, strong) in enumerate(zip(names, bold, strict=True)):
        if strong and name == regular and ord(text[i]) in font(heavy).coverage:
            names[i] = name = heavy
        emphasis.append(strong and name is not None and name not in family)
    return emphasis


def pieces(
    text: str,
    base: str,
    base_dir: int | None = None,
    bold: Sequence[bool] | None = None,
    italic: Sequence[bool] | None = None,
) -> tuple[list[Piece], int]:
    """The text cut where font, direction, emphasis, slant or a space changes, each piece shaped; and the
    paragraph's level. `bold` marks bold characters (default: all of them if `base` is the family's bold face),
    `italic` italic ones."""
    if base_dir is None:
        base_dir = base_level(text)
    char_levels = levels(text, base_dir)
    names = fonts_of(text, base)
    emphasis = _bold_fonts(text, base, names, bold)
    slanted = list(italic) if italic is not None else [False] * len(text)
    out: list[Piece] = []
    i, n = 0, len(text)
    while i < n:
        name, level, heavy, slant = names[i], char_levels[i], emphasis[i], slanted[i]
        if text[i] == "\n":  # a line break the text has: the line ends there
            out.append(Piece("", base, 0, level, space=True, source="\n"))
            i += 1
            continue
        if name is None:
            i += 1
            continue
        if text[i] == " ":
            space, width = shape(name, " ", False)
            # A space keeps its run's emphasis: the run stays one string, which readers put in reading order.
            out.append(Piece(space, name, width, level, space=True, emphasis=heavy, slant=slant, source=" "))
            i += 1
            continue
        breakable = bool(BREAKABLE.match(text[i]))
        j, kept = i + 1, [text[i]]
        while not breakable and j < n and text[j] not in " \n" and not BREAKABLE.match(text[j]):
            if names[j] is not None:
                if (names[j], char_levels[j], emphasis[j], slanted[j]) != (name, level, heavy, slant):
                    break
                kept.append(text[j])
            j += 1
        source = "".join(kept)
        for chunk in _chunks(source):
            shaped, width = shape(name, chunk, level % 2 == 1)
            out.append(
                Piece(shaped, name, width, level, breakable=breakable, emphasis=heavy, slant=slant, source=chunk)
            )
        i = j
    return out, base_dir


def _chunks(run: str) -> list[str]:
    """A run without a space, cut between grapheme clusters every LONG_RUN characters or so: a line that cannot
    hold it breaks between its pieces instead of running off the page (Thai writes no spaces between words;
    a pasted run may have none). Each piece is shaped alone, so a joined script loses its joining only there."""
    if len(run) <= LONG_RUN:
        return [run]
    out, current = [], ""
    for match in GRAPHEME.finditer(run):
        if current and len(current) + len(match.group()) > LONG_RUN:
            out.append(current)
            current = ""
        current += match.group()
    return [*out, current] if current else out


def _may_break(before: Piece, piece: Piece) -> bool:
    """A line may end between two pieces: after a space, or next to an ideograph unless that would start a
    line with closing punctuation or end one with an opening bracket (kinsoku). Latin words stay whole."""
    if before.space:
        return True
    if not (piece.breakable or before.breakable):
        return False
    return piece.source[:1] not in NOT_AT_START and before.source[-1:] not in NOT_AT_END


def _break(line: list[Piece], limit: float) -> list[tuple[int, int]]:
    """Greedy line breaking: (start, end) of each line; breaks where _may_break allows, and elsewhere only when
    one word alone is wider than the line."""
    lines, start, used, last_break = [], 0, 0.0, None
    for i, piece in enumerate(line):
        if piece.source == "\n":
            lines.append((start, i))
            start, used, last_break = i + 1, 0.0, None
            continue
        if i > start and _may_break(line[i - 1], piece):
            last_break = i
        if piece.space:
            used += piece.width
            continue
        if used + piece.width > limit and i > start:
            cut = last_break if last_break is not None and last_break > start else i
            lines.append((start, cut))
            start, last_break = cut, None
            used = sum(p.width for p in line[start:i])
        used += piece.width
    if start < len(line):
        lines.append((start, len(line)))
    return lines


def _trimmed(line: list[Piece]) -> list[Piece]:
    start, end = 0, len(line)
    while start < end and line[start].space:
        start += 1
    while end > start and line[end - 1].space:
        end -= 1
    return line[start:end]


def draw_pieces(canvas: Canvas, x: float, y: float, line: Iterable[Piece], size: float) -> None:
    """One line in visual order from x, in one text object: a PDF reader takes each right-to-left run, drawn in
    visual order, back to logical order. A space right after such a run is left as a gap (readers put a space
    there) instead of a drawn space, which readers would count into the run and move to its other end.
    Neighbouring pieces in one font are drawn as one string. Emphasised pieces are filled and stroked with a
    line of EMPHASIS of the font size (set by the caller), which prints as bold."""
    line = list(line)
    ordered = visual_order(line, [p.level for p in line])
    text = canvas.beginText(x, y)
    current: tuple[str, bool, bool] | None = None  # set when it changes: readers end a run at a font change
    group: list[str] = []
    start = x

    def flush() -> None:
        if group:
            if current is not None and current[2]:  # italic: the run's glyphs leaning right, as a slanted face
                text.setTextTransform(1, 0, SLANT, 1, start, y)
            else:
                text.setTextOrigin(start, y)
            # One ShapedStr of the group's glyphs and positions (adding them up one by one copied the line's
            # positions once per piece).
            glyphs = [d for shaped in group for d in getattr(shaped, "__shapeData__")]  # noqa: B009
            text.textOut(ShapedStr("".join(group), shapeData=glyphs))  # type: ignore[arg-type]  # one per glyph
            group.clear()

    for i, piece in enumerate(ordered):
        width = piece.width * size / 1000
        after_rtl = i > 0 and ordered[i - 1].level % 2 == 1
        if piece.space and after_rtl and (i + 1 == len(ordered) or ordered[i + 1].level % 2 == 0):
            flush()
            x += width + 0.01  # the gap is a little wider than a space, so readers see one
            continue
        if (piece.font, piece.emphasis, piece.slant) != current:
            flush()
            text.setFont(piece.font, size)
            text.setTextRenderMode(2 if piece.emphasis else 0)  # written only when it changes
            current = (piece.font, piece.emphasis, piece.slant)
        if not group:
            start = x
        group.append(piece.text)
        x += width
    flush()
    text.setTextRenderMode(0)  # the mode outlives the text object: the next text starts filled only
    canvas.drawText(text)


def draw_string(canvas: Canvas, x: float, y: float, text: str, name: str, size: float, right: bool = False) -> None:
    """canvas.drawString (or drawRightString) for text in any script, on one left-to-right line."""
    canvas.setFont(name, size)
    if is_plain(text, name):
        (canvas.drawRightString if right else canvas.drawString)(x, y, text)
        return
    line, _ = pieces(text, name, base_dir=0)
    if right:
        x -= sum(p.width for p in line) * size / 1000
    canvas.saveState()
    canvas.setLineWidth(size * EMPHASIS)
    draw_pieces(canvas, x, y, line, size)
    canvas.restoreState()
    canvas.setFont(name, size)


def string_width(text: str, name: str, size: float) -> float:
    """The width draw_string() gives the text."""
    if is_plain(text, name):
        return pdfmetrics.stringWidth(text, name, size)
    return sum(p.width for p in pieces(text, name, base_dir=0)[0]) * size / 1000


def fitted(text: str, name: str, size: float, width: float) -> str:
    """The text as it fits one line `width` wide: whole, or cut between grapheme clusters with "…" (a page
    header naming a teacher whose name is longer than the line)."""
    if string_width(text, name, size) <= width:
        return text
    ends = [match.end() for match in GRAPHEME.finditer(text)]
    low, high = 0, len(ends)  # the most clusters that fit, with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if string_width(text[: ends[middle - 1]] + "…", name, size) <= width:
            low = middle
        else:
            high = middle - 1
    return (text[: ends[low - 1]] if low else "") + "…"


class ComplexText(Flowable):
    """A paragraph with right-to-left or shaped scripts: shaped pieces, broken into lines, each line in the
    order it is read (a right-to-left paragraph is set flush right)."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        laid: tuple[list[Piece], int] | None = None,
        bold: Sequence[bool] | None = None,
        italic: Sequence[bool] | None = None,
    ) -> None:
        super().__init__()
        self.style = style
        self.pieces, self.direction = (
            laid if laid is not None else pieces(text, style.fontName, bold=bold, italic=italic)
        )
        self.size, self.leading = style.fontSize, style.leading
        self._lines: list[tuple[int, int]] = []
        self._width = -1.0

    def _layout(self, width: float) -> list[tuple[int, int]]:
        if width != self._width:
            self._lines = _break(self.pieces, width * 1000 / self.size) or [(0, 0)]
            self._width = width
        return self._lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = len(self._layout(available_width)) * self.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # The lines of the last wrap, as Paragraph.split keeps them: a table wraps a cell's content inside its
        # padding, then splits it at the cell's full width, and counts on the height it was told.
        lines = self._lines if self._width >= 0 else self._layout(available_width)
        fit = int((available_height + 1e-6) // self.leading)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        cut = lines[fit][0]
        first = ComplexText("", self.style, (self.pieces[:cut], self.direction))
        rest = ComplexText("", self.style, (self.pieces[cut:], self.direction))
        first.spaceAfter, rest.spaceBefore = 0, 0
        # Each part keeps its lines (greedy breaking from a line's start breaks the same again).
        first._lines, first._width = lines[:fit], self._width
        rest._lines, rest._width = [(a - cut, b - cut) for a, b in lines[fit:]], self._width
        return [first, rest]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.style.textColor)
        canvas.setStrokeColor(self.style.textColor)
        canvas.setLineWidth(self.size * EMPHASIS)
        ascent, _ = getAscentDescent(self.style.fontName, self.size)
        y = self.height - ascent  # the first baseline where a Paragraph puts it
        for start, end in self._lines:
            line = _trimmed(self.pieces[start:end])
            used = sum(p.width for p in line) * self.size / 1000
            alignment = TA_RIGHT if self.direction % 2 else self.style.alignment
            x = (
                (self.width - used)
                if alignment == TA_RIGHT
                else (self.width - used) / 2
                if alignment == TA_CENTER
                else 0
            )
            draw_pieces(canvas, x, y, line, self.size)
            y -= self.leading
