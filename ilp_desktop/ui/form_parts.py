"""Pieces every form of the app is built from: labelled rows, and the lists several forms share."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QRegularExpression, QSettings, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from ilp_desktop.model.catalog import Catalog
from ilp_desktop.ui import preferences


def number_validator(parent: QObject) -> QRegularExpressionValidator:
    """What a number box lets through: up to nine digits, a decimal point or comma and four decimals. Nothing
    else can be typed, so no typed number is ever read as none (or as infinity)."""
    return QRegularExpressionValidator(QRegularExpression(r"-?\d{0,9}([.,]\d{0,4})?"), parent)


def labelled_rows(form: QFormLayout, rows: Iterable[tuple[str, QWidget]]) -> None:
    """Add (label, widget) rows; a screen reader announces each widget by its visible label (no mnemonic '&').

    Name and buddy go to the widget that takes the focus: a date's text box, not the row around it. A label
    goes above its field when the two do not fit side by side (a long label at 200 % on a small screen).
    """
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    for label, widget in rows:
        focused = widget.focusProxy() or widget
        name = label.replace("&", "").strip("… ")
        if name:
            focused.setAccessibleName(name)
        form.addRow(label, widget)
        shown = form.labelForField(widget)
        if isinstance(shown, QLabel):
            shown.setBuddy(focused)


def combo(items: Iterable[tuple[object, str]] = (), current: object = "", characters: int = 12) -> QComboBox:
    """A list of (id, label) items with `current` chosen (the first when it is not among them).

    It is as wide as the room gives it and at least `characters` wide, never as wide as its longest item: a long
    program name or answer must not widen the window past the screen (the open list shows every item whole).
    """
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(characters)
    for item_id, label in items:
        box.addItem(label, item_id)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def paper_combo(settings: QSettings) -> QComboBox:
    return combo(preferences.PAPERS, preferences.paper(settings))


def program_combo(catalog: Catalog, current: str) -> QComboBox:
    """Every installed program by title (and subtitle), alphabetically."""
    return combo(
        (
            (t.id, f"{t.title} – {t.subtitle}" if t.subtitle else t.title)
            for t in sorted(catalog.templates.values(), key=lambda t: t.title.casefold())
        ),
        current,
    )


def folder_row(folder: Path, button: QPushButton) -> tuple[QWidget, QLabel]:
    """Where the data is kept, readable and selectable, with the button that moves it: (row, its label)."""
    row = QWidget()
    label = QLabel(str(folder))
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label, 1)
    layout.addWidget(button)
    return row, label


def with_mnemonic(text: str, taken: set[str]) -> str:
    """`text` with its Alt letter on the first letter that no other control on the screen has (`taken`, which
    it joins), so that two "Add …" buttons on one page do not share Alt+A; none when every letter is taken."""
    plain = text.replace("&&", "\0").replace("&", "")
    for i, char in enumerate(plain):
        if char.isalnum() and char.casefold() not in taken:
            taken.add(char.casefold())
            return (plain[:i] + "&" + plain[i:]).replace("\0", "&&")
    return plain.replace("\0", "&&")
