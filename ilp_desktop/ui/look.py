"""The app's look: light or dark as the system is set (Qt 6's colour scheme), and a few calm accents.

Where the platform switches its palette itself (Windows, macOS, a desktop with a Qt platform theme) nothing is
replaced; where it does not (a plain X11 or Wayland session), a dark palette is put in place while the system
asks for dark, and the platform's own palette back when it asks for light. Every pair of colours text is drawn
in has a contrast of at least 4.5:1 (WCAG AA), and nothing is said by colour alone: states carry a word or a
mark (✓, ⚠, ✕) wherever they are shown.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication

# A calm dark palette (greys with a blue accent); every text colour ≥ 4.5:1 against its background.
DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a",
    QPalette.ColorRole.AlternateBase: "#2a2b2f",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#a4a8ae",
    QPalette.ColorRole.Button: "#2d2e32",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#8ab4f8",
    QPalette.ColorRole.HighlightedText: "#0b0c0e",
    QPalette.ColorRole.ToolTipBase: "#2d2e32",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.Light: "#4a4c52",
    QPalette.ColorRole.Midlight: "#3a3c41",
    QPalette.ColorRole.Mid: "#5f6368",
    QPalette.ColorRole.Dark: "#111214",
    QPalette.ColorRole.Shadow: "#000000",
}
DISABLED_TEXT = "#9aa0a6"  # greyed, yet still 5:1 on the dark window

# Accents drawn from the palette, so they follow light and dark alike: the coach's script and the earlier
# answers set apart by a bar at their side (a shape, not only a colour), the lock notice framed.
STYLE = """
QFrame#coachScript { background: palette(alternate-base); border: none; border-left: 4px solid palette(highlight);
    border-radius: 4px; padding: 4px; }
QGroupBox#recalled { background: palette(alternate-base); border: 1px solid palette(mid); border-radius: 4px;
    margin-top: 1.2em; padding: 4px; }
QGroupBox#recalled::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }
QFrame#lockBanner { border: 1px solid palette(mid); border-left: 4px solid palette(highlight); border-radius: 4px; }
"""

MIN_CONTRAST = 4.5
B = TypeVar("B", bound=QAbstractButton)


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        r, g, b = (
            (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4) for v in (c.redF(), c.greenF(), c.blueF())
        )
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(palette: QPalette) -> QPalette:
    """The platform's palette with its selection darkened (or lightened) until its text reads at 4.5:1: Fusion's
    own light blue gives white text 3.7:1."""
    fixed = QPalette(palette)
    text = fixed.color(QPalette.ColorRole.HighlightedText)
    ground = fixed.color(QPalette.ColorRole.Highlight)
    for _ in range(20):
        if contrast(text, ground) >= MIN_CONTRAST:
            break
        ground = ground.darker(110) if text.lightness() > ground.lightness() else ground.lighter(110)
    fixed.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight, ground)
    fixed.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, ground)
    return fixed


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT))
    return palette


def is_dark(palette: QPalette) -> bool:
    return (
        palette.color(QPalette.ColorRole.Window).lightness() < palette.color(QPalette.ColorRole.WindowText).lightness()
    )


def palette_for(scheme: Qt.ColorScheme, platform: QPalette) -> QPalette:
    """The palette to use while the system asks for `scheme`, given the platform's own (made readable)."""
    return dark_palette() if scheme == Qt.ColorScheme.Dark and not is_dark(platform) else readable(platform)


def follow_the_system(app: QApplication) -> None:
    """The accents once, and light or dark as the system says, now and whenever it changes."""
    platform = QPalette(app.palette())
    app.setStyleSheet(STYLE)
    app.setPalette(palette_for(app.styleHints().colorScheme(), platform))
    app.styleHints().colorSchemeChanged.connect(lambda scheme: app.setPalette(palette_for(scheme, platform)))


def with_icon(button: B, name: str) -> B:
    """A button with an outline icon (ui/icons.py) beside its words, never instead of them."""
    from ilp_desktop.ui.icons import icon

    button.setIcon(icon(name))
    return button
