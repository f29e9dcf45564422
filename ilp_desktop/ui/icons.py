"""Icons from Tabler Icons (MIT; resources/icons/tabler holds the few the app uses and the licence).

Each is an outline drawn in the palette's button-text colour when it is painted, so it follows light and dark
(and greys out on a disabled button) and stays sharp at any scale: an SVG rendered at the size asked for, never
a bitmap scaled up.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from ilp_desktop.model.catalog import shipped_dir

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer


def folder() -> Path:
    return shipped_dir("resources") / "icons" / "tabler"


class _Outline(QIconEngine):
    def __init__(self, svg: str) -> None:
        super().__init__()
        self.svg = svg

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
        colour = QApplication.palette().color(group, QPalette.ColorRole.ButtonText).name()
        _renderer(self.svg, colour).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        # At 200 % Qt asks for the logical size and the scale: drawn at the device's pixels.
        image = QPixmap(size * scale)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self.paint(painter, image.rect(), mode, state)
        painter.end()
        image.setDevicePixelRatio(scale)
        return image

    def clone(self) -> QIconEngine:
        return _Outline(self.svg)


@lru_cache(maxsize=64)
def _renderer(svg: str, colour: str) -> QSvgRenderer:
    """The outline parsed once for each colour it is drawn in (a button repaints it on every hover)."""
    from PySide6.QtSvg import QSvgRenderer  # with the first icon painted, not with the window

    return QSvgRenderer(QByteArray(svg.replace("currentColor", colour).encode()))


@cache
def _svg(name: str) -> str:
    return (folder() / f"{name}.svg").read_text(encoding="utf-8")


def icon(name: str) -> QIcon:
    """The outline called `name` (its file name in resources/icons/tabler, without .svg)."""
    return QIcon(_Outline(_svg(name)))
