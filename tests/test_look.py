"""Light and dark follow the system, and every text colour stays readable in both."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from ilp_desktop.ui.look import apply_look, contrast, is_dark

PAIRS = [
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    (QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase),
    (QPalette.ColorRole.Link, QPalette.ColorRole.Base),
]


@pytest.fixture
def app(qapp):
    before = qapp.palette()
    yield qapp
    apply_look(qapp, Qt.ColorScheme.Light)
    qapp.setPalette(before)
    qapp.setStyleSheet("")


@pytest.mark.parametrize("scheme", [Qt.ColorScheme.Dark, Qt.ColorScheme.Light])
def test_the_palette_follows_the_system_and_text_stays_readable(app, scheme):
    apply_look(app, scheme)
    palette = app.palette()
    assert is_dark(palette) == (scheme == Qt.ColorScheme.Dark)
    for text, ground in PAIRS:
        ratio = contrast(palette.color(text), palette.color(ground))
        assert ratio >= 4.5, f"{text.name} on {ground.name}: {ratio:.1f}:1"
    if scheme == Qt.ColorScheme.Dark:
        greyed = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        assert contrast(greyed, palette.color(QPalette.ColorRole.Window)) >= 4.5


def test_back_to_light_restores_the_platforms_own_palette(app):
    apply_look(app, Qt.ColorScheme.Light)
    light = app.palette().color(QPalette.ColorRole.Window)
    apply_look(app, Qt.ColorScheme.Dark)
    assert app.palette().color(QPalette.ColorRole.Window) != light
    apply_look(app, Qt.ColorScheme.Light)
    assert app.palette().color(QPalette.ColorRole.Window) == light


def test_the_text_size_setting_still_reaches_every_widget_under_the_style_sheet(app, qtbot, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLabel

    from ilp_desktop.ui import preferences

    apply_look(app, Qt.ColorScheme.Light)
    label = QLabel("A shown answer")
    qtbot.addWidget(label)
    label.show()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("font_size", 20)
    preferences.apply_font_size(settings)
    assert label.font().pointSize() == 20
    settings.setValue("font_size", 0)
    preferences.apply_font_size(settings)
    assert label.font().pointSize() != 20
