"""Light and dark follow the system, and every text colour stays readable in both."""

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from ilp_desktop.ui.look import contrast, is_dark, palette_for

PAIRS = [
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    (QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase),
    (QPalette.ColorRole.Link, QPalette.ColorRole.Base),
]


@pytest.mark.parametrize("scheme", [Qt.ColorScheme.Dark, Qt.ColorScheme.Light])
def test_the_palette_follows_the_system_and_text_stays_readable(qapp, scheme):
    # The palettes are worked out, not set: setting one on the test process's app restyles every widget
    # earlier tests left behind.
    palette = palette_for(scheme, qapp.palette())
    assert is_dark(palette) == (scheme == Qt.ColorScheme.Dark)
    for text, ground in PAIRS:
        ratio = contrast(palette.color(text), palette.color(ground))
        assert ratio >= 4.5, f"{text.name} on {ground.name}: {ratio:.1f}:1"
    if scheme == Qt.ColorScheme.Dark:
        greyed = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        assert contrast(greyed, palette.color(QPalette.ColorRole.Window)) >= 4.5


def test_a_platform_that_is_dark_already_keeps_its_own_palette(qapp):
    dark = palette_for(Qt.ColorScheme.Dark, qapp.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#101010"))  # as a platform theme would have it
    assert palette_for(Qt.ColorScheme.Dark, dark).color(QPalette.ColorRole.Window) == QColor("#101010")
    assert not is_dark(palette_for(Qt.ColorScheme.Light, qapp.palette()))


def test_the_app_follows_the_system_and_the_text_size_still_reaches_every_widget(tmp_path):
    # Its own process: the app's style sheet and palette apply to every widget of the process.
    script = textwrap.dedent(
        f"""
        from PySide6.QtCore import QSettings, Qt
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QLabel
        from ilp_desktop.ui import preferences
        from ilp_desktop.ui.app import application
        from ilp_desktop.ui.look import is_dark
        app = application()
        assert "coachScript" in app.styleSheet()
        label = QLabel("A shown answer")
        label.show()
        settings = QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat)
        settings.setValue("font_size", 20)
        preferences.apply_font_size(settings)
        assert label.font().pointSize() == 20, label.font().pointSize()
        app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # as the system does when switched
        app.processEvents()
        assert is_dark(app.palette()) and is_dark(label.palette())
        app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
        app.processEvents()
        assert not is_dark(label.palette())
        print("ok")
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert run.stdout.strip().endswith("ok"), run.stderr[-2000:]
