"""Rebuild the two derived fallback fonts in resources/fonts/ (run by hand, never at install time).

ReportLab embeds TrueType outlines only, and ships no way to take the Hangul of a CFF font, so:

- NotoSansCJKkr-Hangul.ttf: the Hangul (syllables, jamo, compatibility jamo) of Noto Sans CJK KR Regular
  (Debian's fonts-noto-cjk, NotoSansCJK-Regular.ttc face 1), its CFF outlines converted to TrueType
  quadratics. Renamed "Noto Sans CJK KR Hangul", as the OFL asks of a modified font.
- NotoEmoji-Regular.ttf: Noto Emoji 3.002 (monochrome, variable) fixed at its Regular weight, which drops
  the variation tables ReportLab does not use.

Needs fontTools (`pip install fonttools`):
  python packaging/build_fallback_fonts.py NotoSansCJK-Regular.ttc 'NotoEmoji[wght].ttf' resources/fonts
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.varLib import instancer

HANGUL = [
    *range(0x1100, 0x1200),
    *range(0x3130, 0x3190),
    *range(0xA960, 0xA980),
    *range(0xAC00, 0xD7A4),
    *range(0xD7B0, 0xD800),
    0x20,
    0xA0,
]


def hangul(source: Path, target: Path) -> None:
    font = TTFont(source, fontNumber=1)  # Noto Sans CJK KR
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=HANGUL)
    subsetter.subset(font)
    # CFF to TrueType outlines, as fontTools' otf2ttf snippet does it.
    order, glyphs = font.getGlyphOrder(), font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs"):
        setattr(maxp, field, 0)
    for field in ("maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    font.sfntVersion = "\x00\x01\x00\x00"
    font["post"].formatType = 3.0
    font["head"].glyphDataFormat = 0
    names = font["name"]
    for record in names.names:
        if record.nameID in (1, 4, 16):
            record.string = "Noto Sans CJK KR Hangul"
        elif record.nameID in (3, 6):
            record.string = "NotoSansCJKkr-Hangul"
    font.save(target)


def emoji(source: Path, target: Path) -> None:
    instancer.instantiateVariableFont(TTFont(source), {"wght": 400}).save(target)


if __name__ == "__main__":
    cjk, noto_emoji, folder = (Path(a) for a in sys.argv[1:4])
    hangul(cjk, folder / "NotoSansCJKkr-Hangul.ttf")
    emoji(noto_emoji, folder / "NotoEmoji-Regular.ttf")
