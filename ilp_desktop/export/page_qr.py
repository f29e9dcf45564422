"""The QR code printed on every page (model/page_code.py says what it holds), drawn straight onto the canvas.

zxing-cpp makes the code – the library that reads it back off a scanned page (app/scan_back.py), in C++: about
half a millisecond a code where ReportLab's Python encoder took 22 ms, on every page of every export. Its
squares go to the PDF as one filled path of horizontal runs, in a coordinate system of one unit a square.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby
from typing import Any, cast

from reportlab.pdfgen.canvas import Canvas


@lru_cache(maxsize=256)
def _squares(text: str) -> tuple[int, str]:
    """(squares a side, the PDF path of the dark squares, one unit a square, the first row at the top).
    Cached: a preview, its export and a re-export of one version print the same codes."""
    import zxingcpp

    # Level M survives a crease or a pen stroke across the code (15 % of it).
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    count = image.shape[0]
    rows = bytes(cast(Any, image))  # its buffer: one byte a square, 0 = dark
    path = []
    for row in range(count):
        column = 0
        for dark, group in groupby(byte == 0 for byte in rows[row * count : (row + 1) * count]):
            length = len(list(group))
            if dark:
                path.append(f"{column} {count - row - 1} {length} 1 re")
            column += length
    return count, "\n".join(path)


def draw_page_code(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The code for `text` as a `size` square with its lower left corner at (x, y), no quiet zone (the page's
    margin is one)."""
    count, path = _squares(text)
    canvas.saveState()
    canvas.transform(size / count, 0, 0, size / count, x, y)
    canvas.addLiteral(f"{path}\nf")
    canvas.restoreState()
