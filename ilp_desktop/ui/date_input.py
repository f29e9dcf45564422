"""The one date input of the app: a day typed whole or picked from a calendar, and said back in words.

QDateEdit edits a date section by section and cannot be empty: typed into "not set" it kept a mangled
text and no date, and typed after ↑ it moved the digits into other sections and saved another day without
a word. Here the whole text is read at once (ISO, or the locale's short form); a text that is no day in
range changes nothing stored, stays as typed, and the words beside the field say why.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QWidget

from ilp_desktop.model.plan_rules import FIRST_YEAR, LAST_YEAR
from ilp_desktop.ui.fit import screen_of

# Every date of a plan falls in the years its calendar computes: a day outside is a typing slip.
FIRST_DAY, LAST_DAY = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
_PAIRED = re.compile(r"(?<![dM])([dM])\1(?![dM])")  # "dd", "MM" (not "ddd", "MMM": names)
_YEAR = re.compile(r"y+")


def to_qdate(day: dt.date) -> QDate:
    """The QDate of a date, field by field: QDate(date) works at run time, but PySide6's stubs do not declare it."""
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    """QDate.toPython() is typed as returning object."""
    return dt.date(day.year(), day.month(), day.day())


def read_date(text: str, locale: QLocale) -> dt.date | None:
    """The day a whole typed text names: ISO (2026-12-04, 2026-12-4) or the locale's short form, with or
    without leading zeros, with a two- or four-digit year; None when it names none."""
    text = text.strip()
    short = _PAIRED.sub(r"\1", locale.dateFormat(QLocale.FormatType.ShortFormat))
    for form in ("yyyy-M-d", _YEAR.sub("yy", short), _YEAR.sub("yyyy", short)):
        # Two digits name a year of the hundred from FIRST_YEAR on: 26 is 2026, 95 is 1995.
        day = QDate.fromString(text, form) if form == "yyyy-M-d" else locale.toDate(text, form, FIRST_YEAR)
        if day.isValid():
            return to_date(day)
    return None


class DateInput(QWidget):
    """A text box for one date with a calendar button (Alt+↓ or F4), and beside it the day in words or
    why the text is not one. Optional dates may be empty (the ⌫ button inside clears them).

    Its text box takes the focus (it is the focus proxy): name it, and make it a label's buddy.
    """

    date_edited = Signal(object)  # the user changed the day: a dt.date, or None when emptied

    def __init__(
        self,
        optional: bool = True,
        opens_on: Callable[[], dt.date] = dt.date.today,
        description: str = "",
    ):
        """`opens_on`: the day the calendar shows while the field is empty (today, from the workspace clock);
        `description`: what the field is for, read out with the day or the problem."""
        super().__init__()
        self.optional, self.opens_on, self.description = optional, opens_on, description
        self._day: dt.date | None = None  # what is stored; a text that is no day leaves it as it was
        self._typing = False  # between the first key typed and Enter (or leaving the field)
        self._before: dt.date | None = None  # the day when the typing began
        self.calendar: QCalendarWidget | None = None  # made on first use: most fields never open it
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(optional)
        self.edit.setPlaceholderText(self._forms())
        self.pick = self.edit.addAction(_calendar_icon(self.edit.palette()), QLineEdit.ActionPosition.TrailingPosition)
        self.pick.setToolTip("Choose from a calendar (Alt+↓)")
        self.pick.triggered.connect(self.open_calendar)
        # Wide enough for the placeholder, both buttons and the frame, and no wider: a date is short (the journal's
        # form beside its list fits a 640-pixel-wide window at 200 %).
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance(self.edit.placeholderText() + "MM") + 48)
        self.edit.installEventFilter(self)
        self.edit.textEdited.connect(self._typed)  # every edit by the user (typing, pasting, undo, ⌫ button)
        self.edit.editingFinished.connect(self._finished)
        # Lines of its own, never wrapped: a dialog does not grow for a label that wraps after it is shown.
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.note)
        layout.addStretch()  # box and words stay on the left
        self.setFocusProxy(self.edit)
        self._show()

    # ------------------------------------------------------------- the day
    def date(self) -> dt.date | None:
        return self._day

    def set_date(self, day: dt.date | None) -> None:
        """Show a stored day (not an edit: date_edited stays silent)."""
        self._day, self._typing = day, False
        self.edit.setText(day.isoformat() if day else "")
        self._show()

    def problem(self) -> str:
        """Why the text cannot be kept ("" when it can: a day in range, or empty where that is allowed)."""
        return self._check()[1]

    def _check(self) -> tuple[dt.date | None, str]:
        """The day the text names, and the problem."""
        text = self.edit.text().strip()
        if not text:
            return None, "" if self.optional else "A date is needed."
        day = read_date(text, self.locale())
        if day is None:
            return None, f"Not a date: type it like {self._example()}."
        if not FIRST_DAY <= day <= LAST_DAY:
            return day, f"Not between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}."
        return day, ""

    def _typed(self) -> None:
        """Every whole day typed is kept at once, as every other answer is, so saving never waits for Enter.
        A text that then stops being a day puts back the day from before the typing: "2026-02-3" was on
        its way to "2026-02-30", which is none."""
        if not self._typing:
            self._typing, self._before = True, self._day
        day, problem = self._check()
        self._keep(self._before if problem else day)
        self._show()

    def _keep(self, day: dt.date | None) -> None:
        if day != self._day:  # a change only when the day does
            self._day = day
            self.date_edited.emit(day)

    def _finished(self) -> None:
        self._typing = False
        day, problem = self._check()
        if day and not problem:
            self.edit.setText(day.isoformat())  # one unambiguous form: 12/4/26 becomes 2026-12-04
        self._show()

    def _choose(self, day: dt.date) -> None:
        """A day from the calendar or a step of ↑/↓: shown in full and kept."""
        self._typing = False
        self.edit.setText(day.isoformat())
        self._keep(day)
        self._show()

    def _show(self) -> None:
        day, problem = self._check()
        if problem and not self._typing:  # said once the typing is done, not at every keystroke
            kept = self._day.isoformat() if self._day else "empty"
            note = f"⚠ {problem}\nThe date is still {kept}."
        elif day:
            note = self.locale().toString(to_qdate(day), QLocale.FormatType.LongFormat)
        else:
            note = ""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.edit.setAccessibleDescription(" ".join(filter(None, (self.description, note.replace("\n", " ")))))
        self.edit.setToolTip(f"Type a date like {self._example()}, or press Alt+↓ for a calendar.")

    def _forms(self) -> str:
        """The forms the field reads, as the placeholder says them: YYYY-MM-DD or M/D/YY."""
        short = self.locale().dateFormat(QLocale.FormatType.ShortFormat).upper()
        return "YYYY-MM-DD" if short == "YYYY-MM-DD" else f"YYYY-MM-DD or {short}"

    def _example(self) -> str:
        day = self.opens_on()
        short = self.locale().toString(to_qdate(day), QLocale.FormatType.ShortFormat)
        return " or ".join(dict.fromkeys((day.isoformat(), short)))  # once where the locale writes ISO

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LocaleChange:  # the forms read and shown follow the locale
            self.edit.setPlaceholderText(self._forms())
            self._show()
        super().changeEvent(event)

    # ------------------------------------------------------------ the keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.edit:
            return False
        if event.type() == QEvent.Type.ReadOnlyChange:  # a signed, locked answer: no calendar either
            self.pick.setEnabled(not self.edit.isReadOnly())
        elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and not self.edit.isReadOnly():
            return self._key(Qt.Key(event.key()), event.modifiers())
        return False

    def _key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> bool:
        """Alt+↓ or F4 open the calendar (as in a combo box); ↑/↓ step a day, and leave an empty field empty."""
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and modifiers == Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return True
        step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(key, 0) if modifiers == Qt.KeyboardModifier.NoModifier else 0
        if step and self._day is not None and not self.problem():
            self._choose(min(max(self._day + dt.timedelta(days=step), FIRST_DAY), LAST_DAY))
            return True
        return False

    # -------------------------------------------------------- the calendar
    def open_calendar(self) -> None:
        if self.edit.isReadOnly():
            return
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)  # closes on Escape or a click elsewhere
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)  # Enter, or a double click
        calendar = self.calendar
        calendar.setDateRange(to_qdate(FIRST_DAY), to_qdate(LAST_DAY))
        shown = to_qdate(self._day or self.opens_on())
        calendar.setSelectedDate(shown)
        calendar.setCurrentPage(shown.year(), shown.month())
        calendar.adjustSize()
        # Below the field, or above it where the screen ends.
        room = screen_of(self.edit).availableGeometry()
        where = self.edit.mapToGlobal(QPoint(0, self.edit.height()))
        if where.y() + calendar.height() > room.bottom():
            where.setY(self.edit.mapToGlobal(QPoint(0, 0)).y() - calendar.height())
        where.setX(max(room.left(), min(where.x(), room.right() - calendar.width())))
        calendar.move(where)
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.close()
        self._choose(to_date(day))
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)


def _calendar_icon(palette: QPalette) -> QIcon:
    """A small calendar page in the text colour (no icon theme can be counted on), sharp at any scale."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = size / 16
        colour = palette.color(QPalette.ColorRole.Text)
        p.setPen(QPen(colour, max(1.0, 1.2 * s)))
        p.drawRoundedRect(QRectF(2 * s, 3 * s, 12 * s, 11 * s), 1.5 * s, 1.5 * s)
        p.fillRect(QRectF(2 * s, 3 * s, 12 * s, 3 * s), colour)  # the month's band
        for col in range(3):
            for row in range(2):
                p.fillRect(QRectF((4 + 3.2 * col) * s, (8 + 3 * row) * s, 1.8 * s, 1.6 * s), colour)
        p.end()
        icon.addPixmap(pixmap)
    return icon
