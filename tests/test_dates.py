"""Dates typed as people type them, in every date field and dialog, read back as the day stored.

Each field is found as a user finds it (the answer's input, the dialog's labelled row) and typed into one
key at a time; the day is then read from the reopened data file.
"""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QDate, QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)
from wizard_driver import TODAY, answer, click, close_window, open_window, press, type_into

from ilp_desktop.app.printing import export_pdf
from ilp_desktop.model.plan_rules import FIRST_YEAR, LAST_YEAR
from ilp_desktop.storage.store import Store
from ilp_desktop.ui.sign_dialog import SignDialog

GUIDE = "ilp-conversation-guide"
US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
NOT_A_DATE = "Not a date: type it like 2026-11-22 or 11/22/26."  # today, from the workspace clock


@pytest.fixture
def us_locale():
    """The system locale of a US teacher's computer: short dates like 12/4/26."""
    before = QLocale()
    QLocale.setDefault(US)
    yield
    QLocale.setDefault(before)


@pytest.fixture
def plan_dir(data_dir):
    store = Store.open(data_dir)
    teacher = store.add_person("Zoë Ångström", "teacher", "Lincoln Middle School")
    store.create_plan(GUIDE, teacher, "2026-2027", dt.date(2026, 9, 1), stage="in_progress")
    store.close()
    return data_dir


def on_page(data_dir, page_id: str):
    window = open_window(data_dir)
    window.open_plan(1)
    window.editor.go_to(window.editor._page_index(page_id), confirm=False)
    return window


def keys_go_to(widget: QWidget) -> QWidget:
    """Where a field's keystrokes go: the text box of a date field (its focus proxy), or the widget itself."""
    return widget.focusProxy() or widget


def type_date(widget: QWidget, text: str) -> None:
    """Type a date and press Enter, as a coach does."""
    target = keys_go_to(widget)
    type_into(target, text)
    press(target, Qt.Key.Key_Return)


def retype(widget: QWidget, text: str) -> None:
    """Select the field's text and type over it (nothing typed: delete it), then press Enter."""
    target = keys_go_to(widget)
    target.setFocus()
    target.selectAll()
    if not text:
        press(target, Qt.Key.Key_Backspace)
    type_date(target, text)


def stored(window, key: str) -> str:
    window.editor.save_now()
    close_window(window)
    store = Store.open(window.ws.store.folder)
    try:
        return store.values(1).get(key, "")
    finally:
        store.close()


def said_beside(widget: QWidget) -> str:
    """The words shown next to a field: what it understood, or why not."""
    holder = keys_go_to(widget).parentWidget()
    return " ".join(label.text() for label in holder.findChildren(QLabel) if label.isVisibleTo(holder))


# ------------------------------------------------------------------ typing into an answer


@pytest.mark.parametrize("typed", ["2026-12-04", "2026-12-4", " 2026-12-04 ", "12/4/26", "12/04/2026", "12/4/2026"])
def test_a_typed_date_is_the_day_stored(qtbot, plan_dir, us_locale, typed):
    window = on_page(plan_dir, "admin-collaborative")
    field = answer(window, "admin_meeting")
    type_date(field, typed)
    assert keys_go_to(field).text() == "2026-12-04", "after editing the day shows in one unambiguous form"
    assert "Friday, December 4, 2026" in said_beside(field)
    assert stored(window, "admin_meeting") == "2026-12-04"
    again = on_page(plan_dir, "admin-collaborative")
    assert keys_go_to(answer(again, "admin_meeting")).text() == "2026-12-04"
    close_window(again)


def test_up_on_an_empty_date_does_not_jump_and_typing_after_it_stores_that_day(qtbot, plan_dir, us_locale):
    window = on_page(plan_dir, "admin-collaborative")
    field = keys_go_to(answer(window, "admin_meeting"))
    field.setFocus()
    press(field, Qt.Key.Key_Up)
    assert field.text() == "" and window.editor.draft.get("admin_meeting") == ""
    type_date(field, "2026-12-04")
    press(field, Qt.Key.Key_Up)  # on a date, ↑ is the next day
    assert field.text() == "2026-12-05"
    press(field, Qt.Key.Key_Down)
    assert stored(window, "admin_meeting") == "2026-12-04"


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("1899-12-04", f"Not between {FIRST_YEAR}-01-01 and {LAST_YEAR}-12-31."),
        ("2026-02-30", NOT_A_DATE),
        ("next tuesday", NOT_A_DATE),
        ("13/45/26", NOT_A_DATE),
        ("4/12", NOT_A_DATE),
    ],
)
def test_a_wrong_date_stores_nothing_keeps_the_text_and_says_why(qtbot, plan_dir, us_locale, typed, why):
    window = on_page(plan_dir, "admin-collaborative")
    field = answer(window, "admin_meeting")
    type_date(field, typed)
    assert keys_go_to(field).text() == typed, "nothing typed is lost"
    message = said_beside(field)
    assert message == f"⚠ {why}\nThe date is still empty."
    assert f"⚠ {why} The date is still empty." in keys_go_to(field).accessibleDescription(), "read out too"
    retype(field, "2026-10-05")
    retype(field, typed)
    assert "The date is still 2026-10-05." in said_beside(field)
    assert stored(window, "admin_meeting") == "2026-10-05"


def test_a_date_is_cleared_with_the_clear_button_or_by_deleting(qtbot, plan_dir):
    window = on_page(plan_dir, "admin-collaborative")
    field = keys_go_to(answer(window, "admin_meeting"))
    assert isinstance(field, QLineEdit) and field.isClearButtonEnabled()
    assert field.placeholderText().startswith("YYYY-MM-DD")
    type_date(field, "2026-10-05")
    clear = field.findChild(QAction, "_q_qlineeditclearaction")
    click(next(b for b in field.findChildren(QToolButton) if b.defaultAction() is clear))  # ⌫ inside the field
    assert field.text() == "" and window.editor.draft.get("admin_meeting") == ""
    type_date(field, "2026-10-05")
    field.selectAll()
    press(field, Qt.Key.Key_Backspace)
    assert said_beside(field) == "", "an empty optional date is not a problem"
    assert stored(window, "admin_meeting") == ""


def test_the_answer_changes_only_when_the_day_does(qtbot, plan_dir, monkeypatch):
    window = on_page(plan_dir, "admin-collaborative")
    draft = window.editor.draft
    field = answer(window, "admin_meeting")
    type_date(field, "2026-12-04")
    written = []
    real_set = draft.set
    monkeypatch.setattr(draft, "set", lambda key, value: written.append((key, value)) or real_set(key, value))
    retype(field, "2026-12-04")
    retype(field, "12/4/26 is not a date")
    assert written == []
    retype(field, "2026-12-05")
    press(keys_go_to(field), Qt.Key.Key_Return)
    assert written == [("admin_meeting", "2026-12-05")]
    close_window(window)


def test_timeline_dates_are_typed_into_start_and_end(qtbot, plan_dir, us_locale):
    window = on_page(plan_dir, "timeline")
    page = window.editor.current
    start, end = [w for w in page.inputs() if w.property("answer_key") == "timeline.1.research"]
    assert "start" in start.accessibleName() and "end" in end.accessibleName()
    type_date(start, "10/6/26")
    assert window.editor.draft.get("timeline.1.research") == "2026-10-06/"
    type_date(end, "2026-11-10")
    assert any(label.text() == "5.0 weeks" for label in page.findChildren(QLabel))
    assert stored(window, "timeline.1.research") == "2026-10-06/2026-11-10"


def test_a_signed_date_is_locked_against_keys_and_the_calendar(qtbot, plan_dir):
    window = on_page(plan_dir, "admin-collaborative")
    field = keys_go_to(answer(window, "admin_meeting"))
    type_date(field, "2026-10-05")
    window.editor.current.rows["admin_meeting"].set_locked(True)  # as when its part is signed
    retype(field, "2027-01-01")
    press(field, Qt.Key.Key_Up)
    press(field, Qt.Key.Key_F4)
    calendar = next(a for a in field.actions() if a.toolTip().startswith("Choose from a calendar"))
    assert QApplication.activePopupWidget() is None and not calendar.isEnabled()
    assert field.text() == "2026-10-05" and stored(window, "admin_meeting") == "2026-10-05"


# ------------------------------------------------------------------ the calendar


def test_the_calendar_opens_on_today_or_the_date_and_picks_with_the_keyboard(qtbot, plan_dir):
    window = on_page(plan_dir, "admin-collaborative")
    field = keys_go_to(answer(window, "admin_meeting"))
    field.setFocus()
    press(field, Qt.Key.Key_Down, "")  # ↓ alone on an empty field does nothing
    assert QApplication.activePopupWidget() is None and field.text() == ""
    calendar = open_calendar(field, Qt.Key.Key_F4)
    assert (calendar.yearShown(), calendar.monthShown()) == (TODAY.year, TODAY.month), "empty: today's month"
    press(keys_go_to(calendar), Qt.Key.Key_Escape)
    assert not calendar.isVisible() and field.text() == "" and window.editor.draft.get("admin_meeting") == ""

    type_date(field, "2027-03-15")
    calendar = open_calendar(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert (calendar.yearShown(), calendar.monthShown()) == (2027, 3)
    assert calendar.selectedDate() == QDate(2027, 3, 15)
    press(keys_go_to(calendar), Qt.Key.Key_Down)  # a week later
    press(keys_go_to(calendar), Qt.Key.Key_Return)
    assert not calendar.isVisible() and field.text() == "2027-03-22"
    assert stored(window, "admin_meeting") == "2027-03-22"


def test_the_calendar_of_an_empty_end_date_opens_on_the_start(qtbot, plan_dir):
    window = on_page(plan_dir, "timeline")
    start, end = [w for w in window.editor.current.inputs() if w.property("answer_key") == "timeline.2.research"]
    type_date(start, "2027-01-11")
    calendar = open_calendar(keys_go_to(end), Qt.Key.Key_F4)
    assert (calendar.yearShown(), calendar.monthShown()) == (2027, 1)
    press(keys_go_to(calendar), Qt.Key.Key_Escape)
    close_window(window)


def open_calendar(field: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> QCalendarWidget:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(field, QKeyEvent(kind, key, modifiers))
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, QCalendarWidget) and popup.isVisible()
    return popup


# ------------------------------------------------------------------ dialogs


def test_a_signature_date_is_typed_in_the_locale_form(qtbot, store, ws, plan_id, tmp_path, us_locale):
    export_pdf(ws, plan_id, None, "letter", tmp_path / "plan.pdf")
    dialog = SignDialog(ws, plan_id)
    qtbot.addWidget(dialog)
    record = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Record signature")
    date = labelled(dialog, "Date")
    assert keys_go_to(date).text() == TODAY.isoformat(), "today, from the workspace clock"
    retype(date, "11/20/26x")
    assert not record.isEnabled() and said_beside(date).startswith(f"⚠ {NOT_A_DATE}")
    retype(date, "1/1/2101")
    assert not record.isEnabled() and said_beside(date).startswith("⚠ Not between")
    keys_go_to(date).selectAll()
    press(keys_go_to(date), Qt.Key.Key_Backspace)
    assert not record.isEnabled() and said_beside(date) == "", "said once the typing is done"
    press(keys_go_to(date), Qt.Key.Key_Return)
    assert not record.isEnabled() and "A date is needed" in said_beside(date)
    assert not keys_go_to(date).isClearButtonEnabled(), "a signature always has a date"
    retype(date, "11/20/26")
    assert record.isEnabled()
    click(record)
    assert store.signatures(plan_id)[-1].signed_on == dt.date(2026, 11, 20)


def labelled(dialog: QWidget, text: str) -> QWidget:
    """The field a form labels `text` (mnemonic aside); its label's buddy is the widget that takes the keys."""
    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if (
                label
                and field
                and isinstance(label.widget(), QLabel)
                and label.widget().text().replace("&", "") == text
            ):
                assert label.widget().buddy() is keys_go_to(field.widget()), "Alt+mnemonic goes to the text box"
                assert keys_go_to(field.widget()).accessibleName() == text
                return field.widget()
    raise AssertionError(f"no field labelled {text}")


def test_a_journal_entry_date_is_typed_and_a_wrong_one_keeps_the_entry_date(qtbot, plan_dir, us_locale):
    window = open_window(plan_dir)
    window.open_plan(1)
    window.plan_tabs.setCurrentWidget(window.plan_tabs.journal)
    journal = window.plan_tabs.journal
    journal.new_entry(dt.date(2026, 11, 20))
    date = labelled(journal, "Date")
    retype(date, "11/19/26")
    retype(date, "yesterday")
    assert "The date is still 2026-11-19." in said_beside(date)
    retype(date, "")
    assert said_beside(date) == "⚠ A date is needed.\nThe date is still 2026-11-19."
    window.save_now()
    close_window(window)
    store = Store.open(plan_dir)
    assert [e.entry_date for e in store.journal(1)] == [dt.date(2026, 11, 19)]
    store.close()


def test_a_new_plan_starts_on_the_typed_day_inside_the_years_the_calendar_knows(qtbot, data_dir, us_locale):
    window = open_window(data_dir)
    seen = {}

    def fill():
        dialog = QApplication.activeModalWidget()
        type_into(next(w for w in dialog.findChildren(QLineEdit) if w.objectName() == "teacher"), "Ana Lima")
        create = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Create ILP")
        start = labelled(dialog, "Start date")
        assert keys_go_to(start).text() == TODAY.isoformat()
        retype(start, "9/8/1989")
        seen["out of range"] = (create.isEnabled(), said_beside(start))
        retype(start, "9/8/26")
        click(create)

    QTimer.singleShot(0, fill)
    window.new_action.trigger()
    assert seen["out of range"] == (
        False,
        "⚠ Not between 1990-01-01 and 2100-12-31.\nThe date is still 2026-11-22.",
    )
    assert window.ws.store.plans()[0].start_date == dt.date(2026, 9, 8)
    close_window(window)


# ------------------------------------------------------------------ any day, any locale

LOCALES = [US, QLocale("en_GB"), QLocale("de_DE"), QLocale("ja_JP"), QLocale("fr_FR"), QLocale.c()]


def test_any_day_typed_in_iso_or_the_locale_short_form_is_that_day(qtbot):
    from ilp_desktop.ui.date_input import DateInput

    field = DateInput()
    qtbot.addWidget(field)
    edited = []
    field.date_edited.connect(edited.append)

    @settings(max_examples=300, deadline=None)
    @given(
        day=st.dates(dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)),
        locale=st.sampled_from(LOCALES),
        iso=st.booleans(),
    )
    def typed(day, locale, iso):
        field.setLocale(locale)
        text = (
            day.isoformat()
            if iso
            else locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
        )
        two_digit_year = str(day.year) not in text
        if two_digit_year and day.year >= FIRST_YEAR + 100:
            return  # two digits name the hundred years from FIRST_YEAR on; later years are typed in full
        field.set_date(None)
        edited.clear()
        type_date(field, text)
        assert field.date() == day and edited[-1] == day, text
        assert field.edit.text() == day.isoformat()

    typed()
