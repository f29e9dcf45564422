"""The user's settings (settings.ini beside the data) and how they take effect.

One place reads and writes each key, so the first-run page, the settings
dialog, the export dialog and the wizard agree on what a setting means.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

SETTINGS_FILE = "settings.ini"
ROLES = (
    ("coach", "Induction coach or mentor"),
    ("teacher", "Teacher (candidate)"),
    ("administrator", "Administrator"),
    ("leader", "Program leader (reads coaches' plans)"),  # starts on the roll-up of coaches' plans
)
PAPERS = (("letter", "US Letter"), ("a4", "A4"))
FONT_SIZES = (0, 10, 12, 14, 16, 18, 20)  # 0: the system's size
_system_font: QFont | None = None


def settings_for(folder: Path) -> QSettings:
    """Settings live beside the data they describe (one folder, easy to move or back up)."""
    return QSettings(str(folder / SETTINGS_FILE), QSettings.Format.IniFormat)


def locale_paper() -> str:
    """Letter where the locale uses it (US, Canada, Mexico, the Philippines…), A4 elsewhere."""
    letter = (
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
    )
    return "letter" if QLocale().territory() in letter else "a4"


def text(settings: QSettings, key: str, default: str = "") -> str:
    """A text setting. Anything else counts as unset: settings.ini is edited by hand too, and an unquoted comma
    there (`name=Smith, John`) reads back as a list."""
    value = settings.value(key, default)
    return value if isinstance(value, str) else default


def number(settings: QSettings, key: str, default: int = 0) -> int:
    """A whole-number setting (read back from settings.ini as text); a value that is not one counts as unset."""
    value = settings.value(key, default)
    try:
        return int(value) if isinstance(value, int | float | str) else default
    except ValueError:
        return default


def paper(settings: QSettings) -> str:
    saved = text(settings, "paper")
    return saved if saved in dict(PAPERS) else locale_paper()


def coach_mode(settings: QSettings) -> bool:
    return settings.value("coach_mode", "true") == "true"


def set_coach_mode(settings: QSettings, on: bool) -> None:
    settings.setValue("coach_mode", "true" if on else "false")


def font_size(settings: QSettings) -> int:
    size = number(settings, "font_size")
    return size if size in FONT_SIZES else 0


def apply_font_size(settings: QSettings) -> None:
    """Make every widget use the chosen size (0 restores the system's)."""
    global _system_font
    if _system_font is None:
        _system_font = QFont(QApplication.font())
    font = QFont(_system_font)
    if font_size(settings):
        font.setPointSize(font_size(settings))
    QApplication.setFont(font)
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.styleSheet():  # widgets styled by a sheet take a new font only
        app.setStyleSheet(app.styleSheet())  # when it is set again


def first_run_done(settings: QSettings) -> bool:
    return settings.value("user/first_run_done", "false") == "true"


def profile(settings: QSettings) -> dict[str, str]:
    """Who uses this copy: prefilled into new plans."""
    return {key: text(settings, f"user/{key}") for key in ("role", "name", "district", "school")}


def save_profile(
    settings: QSettings, role: str, name: str, district: str, school: str, program: str, paper_size: str
) -> None:
    for key, value in (("role", role), ("name", name), ("district", district), ("school", school)):
        settings.setValue(f"user/{key}", value)
    settings.setValue("default_school", school)
    settings.setValue("default_program", program)
    settings.setValue("paper", paper_size)
    set_coach_mode(settings, role != "teacher")  # teachers see their own questions, coaches their script too
    settings.setValue("user/first_run_done", "true")
    settings.sync()
