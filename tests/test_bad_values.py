"""Ordinary and odd values in a plan's details never stop the app: typed ones are checked, stored ones are
listed as needing attention, and everything else goes on working."""

import datetime as dt
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from wizard_driver import TODAY, click, close_window, open_window, press, type_into

from ilp_desktop.app import plans
from ilp_desktop.app.printing import export_pdf
from ilp_desktop.cli import main
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.outcomes import Measure
from ilp_desktop.model.plan_rules import school_year
from ilp_desktop.storage.store import Store
from ilp_desktop.ui.plan_list import NEXT_DUE, STATUS

GUIDE = "ilp-conversation-guide"
# (school_year, stage, start_date) as an older version, a hand edit or another tool may have stored them
STORED = [
    ("2026/27", "drafting", "2026-09-01"),
    ("2026–2027", "drafting", "2026-09-01"),
    ("0000", "drafting", "2026-09-01"),
    ("9999", "in_progress", "2026-09-01"),
    ("next year", "drafting", "2026-09-01"),
    ("2026-2027", "archived", "2026-09-01"),
    ("2026-2027", "drafting", "9999-12-31"),
    ("2026-2027", "drafting", "31/12/2026"),
    (2026, "drafting", "2026-09-01"),  # SQLite keeps whatever type it was given
]


@pytest.fixture
def odd_plans(data_dir):
    store = Store.open(data_dir)
    good = store.create_plan(GUIDE, store.add_person("Good Plan", "teacher"), "2026-2027", dt.date(2026, 9, 1))
    for i, (year, stage, start) in enumerate(STORED):
        plan_id = store.create_plan(GUIDE, store.add_person(f"Odd {i}", "teacher"), "2026-2027", dt.date(2026, 9, 1))
        store.db.execute(
            "UPDATE plans SET school_year = ?, stage = ?, start_date = ? WHERE id = ?", [year, stage, start, plan_id]
        )
        store.save(plan_id, {"goal": "x" * 1000})
    store.close()
    return good


def test_the_command_line_lists_every_plan_and_says_which_need_attention(odd_plans, data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "plans", "--json"]) == 0
    rows = {r["teacher"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["Good Plan"]["problems"] == [] and rows["Good Plan"]["next_due"] is not None
    for i in range(len(STORED)):
        assert rows[f"Odd {i}"]["problems"], f"Odd {i} is flagged"
    assert "'next year' is not a school year" in rows["Odd 4"]["problems"][0]
    assert "'archived' is not one this version knows" in rows["Odd 5"]["problems"][0]
    assert "'31/12/2026' is not a date" in rows["Odd 7"]["problems"][-1]
    assert main(["--data-dir", str(data_dir), "plans"]) == 0
    assert "needs attention: the start date 9999-12-31 is not between 1990 and 2100" in capsys.readouterr().out


def test_the_window_starts_lists_and_opens_every_plan_at_its_worst(odd_plans, data_dir, qtbot, tmp_path):
    window = open_window(data_dir)
    window.show_home()
    model = window.plan_list.model
    shown = {model.display[i][0]: model.display[i] for i in range(len(model.rows))}
    assert shown["Odd 6"][STATUS] == "⚠ Needs attention" and "9999-12-31" in shown["Odd 6"][NEXT_DUE]
    assert model.display[0][STATUS] == "⚠ Needs attention", "plans needing attention sort first"
    for plan in window.ws.plans():
        window.open_plan(plan.id)
        assert window.editor is not None, plan.teacher_name
        for index in range(window.plan_tabs.count()):
            window.plan_tabs.setCurrentIndex(index)  # timeline, journal, outcome data
        export_pdf(window.ws, plan.id, None, "letter", tmp_path / f"{plan.id}.pdf")
        window.show_home()
    close_window(window)


@given(st.text(max_size=40))
def test_a_school_year_is_read_or_refused_never_raises(text):
    year = school_year(text)
    assert year is None or (re.fullmatch(r"(\d{4})-(\d{4})", year) and int(year[5:]) == int(year[:4]) + 1)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2026-2027", "2026-2027"), ("2026/27", "2026-2027"), (" 2026 – 27 ", "2026-2027"), ("2099/00", "2099-2100")],
)
def test_school_years_people_write_are_understood(typed, stored):
    assert school_year(typed) == stored


@pytest.mark.parametrize("typed", ["0000", "9999", "2026", "2026-2028", "2027-2026", "20262027", "1066-1067", ""])
def test_what_is_not_a_school_year_is_refused(typed):
    assert school_year(typed) is None


def test_a_new_plan_is_checked_all_at_once(ws):
    bad = plans.NewPlan(" ", "S" * 201, "", "", GUIDE, "0000", dt.date(9999, 12, 31))
    with pytest.raises(UserError) as refused:
        plans.create_plan(ws, bad)
    said = str(refused.value)
    assert "school's name is longer than 200" in said and "teacher's name is needed" in said
    assert "'0000' is not a school year" in said and "9999-12-31 is not between 1990 and 2100" in said
    assert ws.plans() == []
    good = plans.NewPlan(" Zoë ", "Lincoln", "", "", GUIDE, "2026/27", TODAY)
    plan = ws.plan(plans.create_plan(ws, good))
    assert (plan.teacher_name, plan.school_year, plan.problems) == ("Zoë", "2026-2027", ())


def test_the_new_ilp_dialog_explains_a_school_year_it_cannot_read(data_dir, qtbot):
    from PySide6.QtCore import QTimer

    window = open_window(data_dir)
    seen = {}

    def fill():
        dialog = QApplication.activeModalWidget()
        fields = {w.objectName(): w for w in dialog.findChildren(QLineEdit)}
        year = next(w for w in dialog.findChildren(QLineEdit) if w.accessibleName() == "School year")
        create = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Create ILP")
        type_into(fields["teacher"], "Nguyễn Thị Minh")
        year.clear()
        type_into(year, "0000")
        seen["refused"] = not create.isEnabled()
        seen["hint"] = [lbl.text() for lbl in dialog.findChildren(QLabel) if "2026-2027" in lbl.text()]
        year.clear()
        type_into(year, "2026/27")
        click(create)

    QTimer.singleShot(0, fill)
    window.new_action.trigger()
    assert seen["refused"] and seen["hint"] == ["⚠ The school year is written like 2026-2027."]
    (plan,) = window.ws.plans()
    assert plan.school_year == "2026-2027"
    close_window(window)


# Text a person can paste: every script, right-to-left and joined, combining marks, zero-width and
# control characters, an emoji sequence, a lone surrogate's replacement, a long unbroken word.
NASTY = "Nguyễn 李小龍 مرحبا עברית हिन्दी e\u0301\u200b\u200f\x00\x07\t👩🏽‍🏫 \ufffd " + "w" * 5000 + "\n" * 200
LONGEST = 1_000_000
WORST_BY_TYPE = {
    "date": ["9999-99-99", "0001-01-01", "", "2026-02-30", NASTY],
    "daterange": ["2026-10-13/2026-09-01", "/", "2026-09-01/", NASTY],
    "number": ["1e999", "-0", "NaN", NASTY],
    "choice": ["no-such-option", NASTY],
    "rating": ["99", "banana", NASTY],
    "checklist": ["no-such-option\n\n\nanother", NASTY],
    "text": [NASTY, "x" * 100_000],
    "longtext": [NASTY, "y" * 100_000],
}


@pytest.fixture
def worst_plans(data_dir, catalog):
    """One plan per program with every answer at its worst, one of them 1,000,000 characters long, a group
    that claims a billion items, a journal entry and outcome rows at their worst (one plan holds the longest
    answer; a million characters in every program would only repeat the same work)."""
    store = Store.open(data_dir)
    for n_program, program in enumerate(catalog.templates.values()):
        teacher = store.add_person(NASTY[:200], "teacher")
        plan_id = store.create_plan(program.id, teacher, "2026-2027", dt.date(2026, 9, 1))
        values: dict[str, str] = {}
        for n, f in enumerate(program.fields):
            fields = [(f"{f.id}.1.{sub.id}", sub) for sub in f.fields] if f.type == "group" else [(f.id, f)]
            if f.type == "group":
                values[f.id] = "999999999"
            if f.type == "self_assessment":
                values[f"{f.id}.no-domain.no-marker"] = "banana"
                values[f"{f.id}.no-domain.rationale"] = NASTY
            for key, field in fields:
                choices = WORST_BY_TYPE.get(field.type, [NASTY])
                values[key] = choices[n % len(choices)]
        values[next(f.id for f in program.fields if f.type == "longtext")] = ("ab cd. " * 150_000)[
            : LONGEST if n_program == 0 else 100_000
        ]
        values["not-a-field-of-this-program"] = NASTY
        store.save(plan_id, values)
        entry = store.add_journal_entry(plan_id, dt.date(2026, 10, 1), NASTY, "z" * 1_000_000, NASTY)
        assert entry
        store.save_measures(
            plan_id, "no-such-outcome", [Measure(NASTY, NASTY, 1e308, -1e308), Measure("", "", None, float("nan"))]
        )
    store.close()


def test_the_window_opens_every_program_with_every_answer_at_its_worst(worst_plans, data_dir, qtbot, tmp_path):
    window = open_window(data_dir)
    window.show_home()
    for plan in window.ws.plans():
        window.open_plan(plan.id)
        editor = window.editor
        assert editor is not None, plan.program
        for page in range(len(editor.pages)):
            editor.go_to(page, confirm=False)
        for index in range(window.plan_tabs.count()):
            window.plan_tabs.setCurrentIndex(index)  # timeline, journal, outcome data
        export_pdf(window.ws, plan.id, None, "letter", tmp_path / f"{plan.id}.pdf")
        window.show_home()
    close_window(window)
    store = Store.open(data_dir)
    longest = sorted(len(max(store.values(p.id).values(), key=len)) for p in store.plans())
    assert longest == [100_000] * (len(longest) - 1) + [LONGEST], "nothing lost"
    store.close()


def test_a_score_takes_only_a_number_and_a_bundle_cannot_bring_infinity(data_dir, qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    from ilp_desktop.storage.exchange import export_bundle, import_bundle, read_bundle

    store = Store.open(data_dir)
    plan_id = store.create_plan(GUIDE, store.add_person("Ana", "teacher"), "2026-2027", dt.date(2026, 9, 1))
    store.save(plan_id, {"outcomes": "1", "outcomes.1.kind": "quantitative", "outcomes.1.text": "Exit tickets"})
    export_bundle(store, plan_id, tmp_path / "sent.ilpbundle")
    store.close()
    window = open_window(data_dir)
    window.open_plan(plan_id)
    view = window.plan_tabs.outcomes
    window.plan_tabs.setCurrentWidget(view)
    click(next(b for b in view.findChildren(QPushButton) if b.text() == "Add &student"))
    for column, typed in ((0, "A.B."), (2, "abc12,5e999"), (3, "nan 1e999 40")):
        view.table.setCurrentCell(0, column)
        press(view.table, Qt.Key.Key_F2)
        (editor,) = [e for e in view.table.viewport().findChildren(QLineEdit) if e.isVisible()]
        QTest.keyClicks(editor, typed)
        press(editor, Qt.Key.Key_Return)
        QApplication.processEvents()  # the delegate commits a finished edit from the event loop
    # Letters, a second sign and an exponent cannot be typed; at most four decimals.
    assert [view.table.item(0, c).text() for c in (0, 2, 3)] == ["A.B.", "12,5999", "199940"]
    assert window.ws.outcome(plan_id, "outcomes.1")[1] == [Measure("A.B.", "", 12.5999, 199940)]
    close_window(window)

    # The same plan's bundle, with scores Python's JSON reader would take but no plan can hold.
    from test_bundle_limits import rebuilt

    doc = read_bundle(tmp_path / "sent.ilpbundle").doc
    for bad in ("NaN", "Infinity", "-Infinity", "1e999"):
        doc["measures"] = [{"outcome": "outcomes.1", "student": "X", "student_group": "", "pre": 0, "post": 0}]
        text = json.dumps(doc).replace('"post": 0', f'"post": {bad}')
        crafted = rebuilt(tmp_path / "sent.ilpbundle", tmp_path / "bad.ilpbundle", lambda _, t=text: t.encode())
        store = Store.open(data_dir)
        with pytest.raises(UserError, match="is not a number a plan can hold"):
            import_bundle(store, crafted)
        store.close()


def test_pasting_a_long_unbroken_run_wraps_it_anywhere_and_ordinary_text_keeps_its_words(qapp):
    from PySide6.QtGui import QTextOption
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

    from ilp_desktop.ui.long_text import keep_wrapped

    for kind in (QPlainTextEdit, QTextEdit):  # answers; journal bodies
        edit = kind()
        keep_wrapped(edit)
        edit.insertPlainText("z" * 1_000_000)  # as a paste arrives: one change
        assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
        edit.selectAll()
        edit.insertPlainText("Ordinary words again.")
        assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
