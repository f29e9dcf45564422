"""Draw the application icon (a signed page with a rising line) in every size the platforms ask for.

Run from the project root: python packaging/make_icons.py. Writes packaging/icons/ (PNG sizes for Linux,
.ico for Windows, .icns for macOS) and the 256-pixel PNG the running app shows as its window icon.
"""

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).parent


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64
    page = QRectF(10 * s, 4 * s, 44 * s, 56 * s)
    p.setPen(QPen(QColor("#1d3557"), max(1.0, 2.5 * s)))
    p.setBrush(QColor("#f8f9fa"))
    p.drawRoundedRect(page, 4 * s, 4 * s)
    p.setPen(QPen(QColor("#457b9d"), max(1.0, 2 * s)))
    for y in (16, 23, 30):  # lines of writing
        p.drawLine(QPointF(17 * s, y * s), QPointF(47 * s, y * s))
    growth = QPainterPath(QPointF(17 * s, 50 * s))
    growth.lineTo(27 * s, 43 * s)
    growth.lineTo(34 * s, 46 * s)
    growth.lineTo(47 * s, 36 * s)
    p.setPen(QPen(QColor("#e63946"), max(1.5, 3.5 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(growth)
    p.end()
    return image


def main() -> None:
    QGuiApplication([])
    out = HERE / "icons"
    out.mkdir(exist_ok=True)
    for size in SIZES:
        draw(size).save(str(out / f"ilp-desktop-{size}.png"))
    draw(256).save(str(out / "ilp-desktop.ico"))
    draw(512).save(str(out / "ilp-desktop.icns"))
    draw(256).save(str(HERE.parent / "resources" / "icons" / "ilp-desktop.png"))


if __name__ == "__main__":
    main()
