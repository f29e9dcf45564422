"""The QR code printed on every page (model/page_code.py says what it holds), drawn straight onto the canvas.

ReportLab's encoder makes the code; its squares go to the PDF as one filled path of horizontal runs, in a
coordinate system of one unit a square. ReportLab's QR widget took about four fifths of an export's time: it
builds and validates a shape object per run of squares and renders them one by one.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.pdfgen.canvas import Canvas


@lru_cache(maxsize=256)
def _squares(text: str) -> tuple[int, str]:
    """(squares a side, the PDF path of the dark squares, one unit a square, the first row at the top).
    Cached: a preview, its export and a re-export of one version print the same codes."""
    # Level M survives a crease or a pen stroke across the code (15 % of it).
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    count = code.getModuleCount()
    path = []
    for row in range(count):
        column = 0
        for dark, group in groupby(bool(code.isDark(row, c)) for c in range(count)):
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
