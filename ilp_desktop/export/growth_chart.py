"""The printed growth chart of a Continuum self-assessment: each element's level in every pass.

One panel per run of elements (a page's width holds about twenty): the elements along the bottom, the levels up
the side by name, and each pass a line of its own marker shape and dash pattern, named in the legend (a swatch of
each beside the pass's name). Ink alone
tells the passes apart (a black-and-white copy reads the same), and an element not rated in a pass has no mark.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ilp_desktop.model.continuum import GrowthChart

PER_PANEL = 20  # elements in one panel: their keys stay readable side by side
ROW = 16  # points between two levels
MARK = 3.2  # a marker's half size
KEY_FONT = 7
# The passes' dash patterns, the first solid.
DASHES: tuple[tuple[float, ...], ...] = ((), (4, 2), (1, 2), (6, 2, 1, 2))


def _dashed(shape: Line | PolyLine, n: int) -> Line | PolyLine:
    """Pass n's dash pattern on a line. Shapes and dashes step together, then the dashes shift by one every four
    passes, so sixteen passes (more than any program keeps) each look different."""
    shape.strokeWidth = 0.7
    dash = DASHES[(n + n // len(DASHES)) % len(DASHES)]
    if dash:
        shape.strokeDashArray = dash
    return shape


def _marker(kind: int, x: float, y: float) -> Circle | Rect | Polygon:
    """A filled circle, an open square, a filled triangle, an open diamond …: told apart by shape, not colour."""
    shape = kind % 4
    filled = colors.black if shape in (0, 2) else colors.white
    if shape == 0:
        return Circle(x, y, MARK, fillColor=filled, strokeColor=colors.black, strokeWidth=0.8)
    if shape == 1:
        square = Rect(x - MARK, y - MARK, 2 * MARK, 2 * MARK)
        square.fillColor, square.strokeColor, square.strokeWidth = filled, colors.black, 0.8
        return square
    points = (
        [x - MARK, y - MARK, x + MARK, y - MARK, x, y + MARK]
        if shape == 2
        else [x, y - MARK * 1.3, x + MARK * 1.3, y, x, y + MARK * 1.3, x - MARK * 1.3, y]
    )
    return Polygon(points, fillColor=filled, strokeColor=colors.black, strokeWidth=0.8)


LEGEND_CHARS = 200  # of a pass's name beside its swatch (the table above the chart shows it in full)


def swatch(n: int) -> Drawing:
    """Pass n's line and marker, as the legend shows them beside the pass's name."""
    drawing = Drawing(26, 10)
    drawing.add(_dashed(Line(2, 5, 24, 5), n))
    drawing.add(_marker(n, 13, 5))
    return drawing


def _panel(chart: GrowthChart, rows: Sequence[tuple[str, tuple[int, ...]]], font: str, width: float) -> Drawing:
    levels = len(chart.levels)
    side = 6 + max(stringWidth(f"{i} {label}", font, KEY_FONT) for i, label in enumerate(chart.levels, 1))
    bottom = 14.0
    height = bottom + levels * ROW + 6
    drawing = Drawing(width, height)
    step = (width - side) / max(1, len(rows))
    for i, label in enumerate(chart.levels, 1):
        y = bottom + (i - 0.5) * ROW
        drawing.add(String(0, y - 2.5, f"{i} {label}", fontName=font, fontSize=KEY_FONT))
        drawing.add(Line(side, y, width, y, strokeColor=colors.grey, strokeWidth=0.3))
    drawing.add(Line(side, bottom, width, bottom, strokeWidth=0.6))
    for col, (key, _) in enumerate(rows):
        drawing.add(String(side + (col + 0.5) * step, 3, key, fontName=font, fontSize=KEY_FONT, textAnchor="middle"))
    # Within an element the passes sit a little apart, so equal levels in two passes show both marks.
    spread = min(step * 0.6, 4.0 * len(chart.passes))
    for n in range(len(chart.passes)):
        offset = (n - (len(chart.passes) - 1) / 2) * spread / max(1, len(chart.passes))
        points = []
        for col, (_, ranks) in enumerate(rows):
            if ranks[n]:
                points.append((side + (col + 0.5) * step + offset, bottom + (ranks[n] - 0.5) * ROW))
        if len(points) > 1:
            line = [coordinate for point in points for coordinate in point]
            drawing.add(_dashed(PolyLine(line), n))
        for x, y in points:
            drawing.add(_marker(n, x, y))
    return drawing


def growth_panels(chart: GrowthChart, font: str, width: float) -> list[Drawing]:
    """A panel for each run of elements (the legend is laid out by the caller, whose paragraphs set any script)."""
    runs = [chart.ranks[i : i + PER_PANEL] for i in range(0, len(chart.ranks), PER_PANEL)]
    return [_panel(chart, run, font, width) for run in runs]
