"""Driving the real main window as a user does: keystrokes and clicks (shared by tests and benchmarks)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QRadioButton

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.ui.app import application
from ilp_desktop.ui.date_input import DateInput
from ilp_desktop.ui.main_window import MainWindow
from ilp_desktop.ui.preferences import settings_for

TODAY = dt.date(2026, 11, 22)


def open_window(folder: Path, today: dt.date = TODAY, own_size: bool = False) -> MainWindow:
    """The main window on a data folder, at 1366×768 (or at the size it gives itself: `own_size`)."""
    application()
    window = MainWindow(Workspace.open(folder, clock=Clock(today)), settings_for(folder))
    if not own_size:
        window.resize(1366, 768)
    window.show()
    window.start()
    return window


def close_window(window: MainWindow) -> None:
    window.close()
    window.ws.close()


# Key and mouse events are built here rather than with QTest: QTest.keyClicks cannot
# type beyond ASCII (it asserts), and names like "Zoë" and "Łukasiewicz" must be typed.
def press(widget, key: Qt.Key, text: str = "") -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def type_into(widget, text: str) -> None:
    """Type as on a keyboard, one key event per character (any Unicode, as from an input method)."""
    widget.setFocus()
    for ch in text:
        key = (
            Qt.Key(ord(ch.upper()))
            if ch.isascii() and ch.isalnum()
            else (Qt.Key.Key_Space if ch == " " else Qt.Key.Key_unknown)
        )
        press(widget, key, ch)


def click(widget) -> None:
    """A left click in the middle of the widget."""
    local = QPointF(widget.rect().center())
    where = widget.mapToGlobal(local)
    for kind, buttons in (
        (QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
    ):
        QApplication.sendEvent(
            widget, QMouseEvent(kind, local, where, Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)
        )


def choose(combo: QComboBox, label_start: str) -> None:
    """Pick an item with the keyboard: focus the box, then arrow down until it shows."""
    combo.setFocus()
    press(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(label_start):
            return
        press(combo, Qt.Key.Key_Down)
    raise AssertionError(f"no item starting {label_start!r} in {combo.accessibleName()}")


def answer(window: MainWindow, key: str):
    widget = window.editor.current.input_for(key)
    assert widget is not None, f"no input for {key} on {window.editor.current.page_id}"
    return widget


GUIDE = "Individualized Learning Plan (ILP) – ILP Conversation Guide"


def create_plan_through_dialog(
    window: MainWindow, teacher: str, school: str = "Lincoln Middle School", program: str = GUIDE
) -> None:
    """Click "New ILP", type into the dialog, choose the program, press Create."""

    def fill():
        dialog = QApplication.activeModalWidget()
        choose(next(c for c in dialog.findChildren(QComboBox) if c.accessibleName() == "Program"), program)
        fields = {w.objectName(): w for w in dialog.findChildren(QLineEdit)}
        type_into(fields["teacher"], teacher)
        type_into(fields["school"], school)
        type_into(fields["coach"], "Dr. Ramona Ellis")
        type_into(fields["administrator"], "Principal Yvonne Park")
        ok = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Create ILP")
        click(ok)

    QTimer.singleShot(0, fill)
    window.new_action.trigger()


def next_page(window: MainWindow) -> None:
    click(window.editor.next)


def fill_current_page(window: MainWindow, texts: dict[str, str]) -> None:
    """Answer every input of the current page: ratings by clicking, the rest from `texts` by key."""
    for widget in window.editor.current.inputs():
        key = widget.property("answer_key")
        if isinstance(widget, QRadioButton):
            if widget.text() == "Developing" if key.endswith("A") else widget.text() == "Applying":
                click(widget)
        elif key in texts and isinstance(widget, QComboBox):
            choose(widget, texts[key])
        elif key in texts and isinstance(widget.parentWidget(), DateInput):
            dates = texts[key].split("/")  # a range has a start and an end field on one answer
            type_into(widget, dates[-1] if widget.accessibleName().endswith("end date") else dates[0])
            press(widget, Qt.Key.Key_Return)
        elif key in texts:
            type_into(widget, texts[key])
