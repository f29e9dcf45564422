"""The QR code printed on every page (model/page_code.py says what it holds), drawn straight onto the canvas.

segno encodes it; the squares go to the PDF as one filled path of horizontal runs, in a coordinate system of
one unit a square. ReportLab's QR widget took about four fifths of an export's time: it builds and validates a
shape object per run of squares, and it scores all eight mask patterns of every page's code anew.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

import segno
from reportlab.pdfgen.canvas import Canvas

ERROR_LEVEL = "m"  # survives a crease or a pen stroke across the code (15 % of it)


@lru_cache(maxsize=256)
def _squares(text: str, mask: int | None) -> tuple[int, str, int]:
    """(squares a side, the PDF path of the dark squares, one unit a square, the first row at the top, the mask
    used). Cached: a preview, its export and a re-export of one version print the same codes."""
    code = segno.make_qr(text, error=ERROR_LEVEL, boost_error=False, mask=mask)
    count = len(code.matrix)
    path = []
    for row, line in enumerate(code.matrix):
        column = 0
        for dark, group in groupby(line):
            length = len(list(group))
            if dark:
                path.append(f"{column} {count - row - 1} {length} 1 re")
            column += length
    return count, "\n".join(path), code.mask


class PageCodes:
    """The codes of one document's pages. The first page's code is given the mask pattern that scores best
    (ISO/IEC 18004 chooses among eight); the other pages' codes differ from it in a digit or two, so the same
    pattern serves them as well and its scoring, most of the encoding time, is done once a document."""

    def __init__(self) -> None:
        self.mask: int | None = None

    def draw(self, canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
        """The code for `text` as a `size` square with its lower left corner at (x, y), no quiet zone (the
        page's margin is one)."""
        count, path, self.mask = _squares(text, self.mask)
        canvas.saveState()
        canvas.transform(size / count, 0, 0, size / count, x, y)
        canvas.addLiteral(f"{path}\nf")
        canvas.restoreState()
