"""Every window fits its screen: 1280×800 at 200 % leaves 640×400 device-independent pixels.

A window larger than the screen, or with a minimum size larger than it, cannot be shrunk by any window manager:
its buttons end up off-screen. So each window is cut to the screen's available area as it is shown, and what
does not fit scrolls instead of setting a minimum size (tests/test_fit.py checks every window and dialog).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QSize, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent, QScreen, QShowEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QFrame, QScrollArea, QStyle, QVBoxLayout, QWidget


def screen_of(widget: QWidget) -> QScreen:
    """The screen the widget is on, asked of the application rather than of the widget: PySide 6.11 ties the
    screen's wrapper returned by QWidget.screen() to the widget, and when the cycle collector then frees a closed
    dialog it destroys the application's QScreen with it (the next window opened crashed in QScreen)."""
    centre = widget.mapToGlobal(widget.rect().center())
    return QGuiApplication.screenAt(centre) or QGuiApplication.primaryScreen()


def fit_to_screen(window: QWidget) -> None:
    """As large as its content asks, but no larger than the screen's available area (less the window manager's
    frame), and wholly on it. Qt itself would cut a new window to 2/3 of the screen, scrolling what would fit."""
    room = screen_of(window).availableGeometry()
    frame = window.frameGeometry().size() - window.size()  # title bar and borders, once there is a frame
    window.resize(window.size().expandedTo(window.sizeHint()).boundedTo(room.size() - frame))
    outer = window.frameGeometry()
    x = max(room.left(), min(outer.left(), room.right() + 1 - outer.width()))
    y = max(room.top(), min(outer.top(), room.bottom() + 1 - outer.height()))
    if (x, y) != (outer.left(), outer.top()):
        window.move(QPoint(x, y))


class Dialog(QDialog):
    """A dialog cut to the screen each time it is shown (its size hint may have been worked out for a larger one)."""

    def showEvent(self, event: QShowEvent) -> None:
        if not event.spontaneous():  # opened, not restored by the window manager
            fit_to_screen(self)
        super().showEvent(event)

    def scrolled_form(self) -> QFormLayout:
        """Labelled rows that scroll when the screen is too short for them (the largest text at 200 %). What is
        added to `column` after them, the dialog's buttons, stays in view below."""
        page = ScrollingPage()
        self.column = QVBoxLayout(self)
        self.column.addWidget(page, 1)
        return QFormLayout(page.content)


class ScrollingPage(QScrollArea):
    """A page as large as the room allows, scrolled when the room is smaller than its content's minimum size
    (instead of widening the window). Lay out `content`, or give it."""

    def __init__(self, content: QWidget | None = None):
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no extra Tab stop: it scrolls to the focused field itself
        self.content = content or QWidget()
        self.setWidget(self.content)

    def _fit_content(self) -> None:
        """The content as large as the room, and no smaller than its minimum size.

        Not Qt's widgetResizable: that asks a page with a word-wrapped label for its preferred height at the
        width given, so a page that would fit scrolled anyway (Back and Next out of sight at 200 %).
        """
        least = self.content.minimumSizeHint().expandedTo(self.content.minimumSize())
        room = self.maximumViewportSize()  # without scroll bars
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = room.width() - (bar if least.height() > room.height() else 0)  # a scroll bar takes its room
        height = room.height() - (bar if least.width() > width else 0)
        self.content.resize(max(least.width(), width), max(least.height(), height))

    def sizeHint(self) -> QSize:
        """The content's own size: a dialog opens as large as its form asks, and is then cut to the screen."""
        return self.content.sizeHint().expandedTo(self.content.minimumSizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_content()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the content's minimum size changed (a text size, a page)
            self._fit_content()
        return super().viewportEvent(event)
