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


def test_icons_are_drawn_in_the_text_colour_of_light_and_dark_and_sharp_at_200_percent(qapp):
    """The outline icons follow the palette (a black icon on a dark button would vanish) and are drawn at the
    device's pixels, not scaled up from 16 px."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ilp_desktop.ui.icons import folder, icon

    def near(a: QColor, b: QColor) -> bool:  # premultiplied alpha rounds a channel by one
        return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 2

    names = sorted(p.stem for p in folder().glob("*.svg"))
    assert names and (folder() / "LICENSE-Tabler-Icons.txt").is_file()
    saved = QApplication.palette()
    try:
        for scheme in (Qt.ColorScheme.Light, Qt.ColorScheme.Dark):
            palette = palette_for(scheme, QPalette(saved) if scheme == Qt.ColorScheme.Light else QPalette())
            QApplication.setPalette(palette)
            want = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
            for name in names:
                image = icon(name).pixmap(QSize(24, 24), 2.0).toImage()
                assert image.width() == 48 and image.devicePixelRatio() == 2.0, name
                inked = [
                    image.pixelColor(x, y)
                    for x in range(image.width())
                    for y in range(image.height())
                    if image.pixelColor(x, y).alpha() == 255
                ]
                assert inked, f"{name} draws nothing"
                assert all(near(c, want) for c in inked), f"{name} is not in the text colour of {scheme}"
            disabled = icon(names[0]).pixmap(QSize(24, 24), 1.0, QIcon.Mode.Disabled).toImage()
            grey = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
            solid = [
                disabled.pixelColor(x, y)
                for x in range(24)
                for y in range(24)
                if disabled.pixelColor(x, y).alpha() == 255
            ]
            assert solid and all(near(c, grey) for c in solid), "a disabled button's icon greys out"
    finally:
        QApplication.setPalette(saved)
