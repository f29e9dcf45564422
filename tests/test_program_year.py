"""The program year: the CTC clocks on injected dates, the hours rule (the CTC's weekly default and a template's
minutes per month), the mentoring log typed into its window with the ledger and observation rules following,
and log entries travelling in a bundle."""

import datetime as dt
import itertools
from dataclasses import replace

import pytest
from conftest import TODAY
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from wizard_driver import choose, click, press, type_into

from ilp_desktop.app.exchange import receive_plan, send_plan
from ilp_desktop.app.program_year import add_log_entry, hours_due, plan_year, set_year_dates
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import TemplateError, UserError
from ilp_desktop.model.program_year import (
    DEFAULT_RULES,
    HoursRule,
    LogEntry,
    YearDates,
    clocks,
    ledger,
    minutes_per_month,
)
from ilp_desktop.model.template import load_template
from ilp_desktop.storage.store import Store
from ilp_desktop.ui.log_view import LogView

D = dt.date
ENROLLED = D(2026, 9, 1)


def entry(day, minutes, kind="meeting", notes="", released=False, plan_id=0):
    return LogEntry(0, plan_id, "", day, minutes, kind, "", notes, released, "")


# ------------------------------------------------------------------ the clocks
@pytest.mark.parametrize(
    ("dates", "today", "match", "goals"),
    [
        # matched on day 12, goals on day 45: both met, said with the days taken
        (
            YearDates(ENROLLED, D(2026, 9, 13), D(2026, 10, 16)),
            D(2026, 11, 22),
            "✓ Mentor match met: 12 days after enrolment (within 30)",
            "✓ ILP goals met: 45 days after enrolment (within 60)",
        ),
        # nothing yet on day 25: due in 5 and in 35 days
        (
            YearDates(ENROLLED),
            D(2026, 9, 26),
            "◆ Mentor match due in 5 days (by 2026-10-01)",
            "◆ ILP goals due in 35 days (by 2026-10-31)",
        ),
        # on the 30th day itself: due today, still in time
        (YearDates(ENROLLED), D(2026, 10, 1), "◆ Mentor match due today (by 2026-10-01)", None),
        # matched on day 31: missed by a day; goals not set on day 70: missed
        (
            YearDates(ENROLLED, D(2026, 10, 2)),
            D(2026, 11, 10),
            "✕ Mentor match missed: 31 days after enrolment (allowed 30)",
            "✕ ILP goals missed: not done, 10 days past the 60-day limit",
        ),
        # no enrolment date: nothing can be said, and it says so
        (YearDates(None, D(2026, 9, 5)), D(2026, 11, 1), "Mentor match: enrolment date not recorded", None),
    ],
)
def test_the_30_and_60_day_clocks_say_met_due_or_missed_in_words(dates, today, match, goals):
    match_clock, goals_clock = clocks(DEFAULT_RULES, dates, today)
    assert match_clock.describe() == match
    if goals:
        assert goals_clock.describe() == goals


def test_the_goals_date_comes_from_the_signature_when_none_was_recorded():
    _, goals = clocks(DEFAULT_RULES, YearDates(ENROLLED), D(2026, 12, 1), goals_signed=D(2026, 10, 20))
    assert goals.state == "met" and goals.days_taken == 49 and goals.derived == "signature"
    _, typed = clocks(DEFAULT_RULES, YearDates(ENROLLED, None, D(2026, 10, 1)), D(2026, 12, 1), D(2026, 10, 20))
    assert typed.days_taken == 30 and not typed.derived  # a recorded date wins


# ------------------------------------------------------------------ the hours rule
def test_ctc_default_average_of_an_hour_per_school_week_with_a_warning_before_it_falls_below():
    rule = DEFAULT_RULES.hours
    assert (rule.minutes, rule.per) == (60, "week")
    start = D(2026, 9, 7)  # a Monday
    # Three full weeks: 90, 60, 30 → average 60, met; this week (the fourth) has 20 so far.
    entries = [(D(2026, 9, 8), 90), (D(2026, 9, 14), 60), (D(2026, 9, 23), 30), (D(2026, 9, 29), 20)]
    book = ledger(rule, entries, start, D(2026, 10, 1))
    assert [m for _, m in book.periods] == [90, 60, 30, 20]
    assert book.average == 60 and not book.below
    assert book.running_averages() == [90, 75, 60]
    assert book.needed_now == 40  # 4 × 60 − 200
    assert book.describe() == (
        "⚠ Average 60 min per week over 3 weeks (rule: 60) – log 40 more min this week to stay at the rule"
    )
    # The week ends with only the 20: the average falls below, and the ledger says what would bring it back.
    later = ledger(rule, entries, start, D(2026, 10, 6))
    assert later.average == 50 and later.below
    assert later.describe().startswith("✕ Average 50 min per week over 4 weeks (rule: 60) – below the rule; 100 min")


def test_a_template_may_ask_for_222_minutes_a_month(tmp_path, catalog):
    text = (catalog.template("tisp-ilp").path.read_text(encoding="utf-8")).split("\n[program_year]")[0]
    path = tmp_path / "monthly.toml"
    path.write_text(text + '\n[program_year]\nhours = { minutes = 222, per = "month" }\n', encoding="utf-8")
    rule = load_template(path, catalog.resources).year.hours
    assert rule == HoursRule(222, "month")
    entries = [(D(2026, 9, 3), 120), (D(2026, 9, 24), 120), (D(2026, 10, 8), 200), (D(2026, 11, 2), 60)]
    book = ledger(rule, entries, D(2026, 9, 1), D(2026, 11, 10))
    assert [(p.isoformat(), m) for p, m in book.periods] == [
        ("2026-09-01", 240),
        ("2026-10-01", 200),
        ("2026-11-01", 60),
    ]
    assert book.average == 220 and book.below  # (240 + 200) / 2 < 222
    assert book.needed_now == 3 * 222 - 500
    assert "min per month" in book.describe()
    assert minutes_per_month(entries) == {"2026-09": 240, "2026-10": 200, "2026-11": 60}


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ('hours = { minutes = 0, per = "week" }', "minutes"),
        ('hours = { minutes = 60, per = "fortnight" }', "per"),
        ('goals_signed_part = "nowhere"', "goals_signed_part"),
        ('observations = "goal"', "observations"),
        ("match_within_days = -3", "match_within_days"),
        (
            '[[program_year.kinds]]\nid = "meeting"\nlabel = "A"\n[[program_year.kinds]]\nid = "meeting"\nlabel = "B"',
            "kinds",
        ),
    ],
)
def test_a_broken_program_year_table_names_its_key(tmp_path, catalog, table, key):
    text = catalog.template("tisp-ilp").path.read_text(encoding="utf-8").split("\n[program_year]")[0]
    path = tmp_path / "broken.toml"
    path.write_text(text + "\n[program_year]\n" + table + "\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=key):
        load_template(path, catalog.resources)


@given(
    st.lists(st.tuples(st.dates(D(2026, 8, 1), D(2027, 6, 30)), st.integers(1, 24 * 60)), max_size=60),
    st.dates(D(2026, 8, 1), D(2027, 6, 30)),
    st.sampled_from(["week", "month"]),
)
def test_the_ledger_counts_every_minute_from_the_start_to_today_once(entries, today, per):
    start = D(2026, 9, 1)  # a Tuesday: its week began on Monday 31 August
    book = ledger(HoursRule(60, per), entries, start, today)
    if today < (D(2026, 8, 31) if per == "week" else start):
        assert book.periods == () and book.total == 0
        return
    begin = book.periods[0][0]
    assert begin == (D(2026, 8, 31) if per == "week" else D(2026, 9, 1))
    assert book.total == sum(m for d, m in entries if begin <= d <= today)
    assert book.periods[-1][0] <= today
    assert all(a[0] < b[0] for a, b in itertools.pairwise(book.periods))


# ------------------------------------------------------------------ the log window
@pytest.fixture
def induction_plan(store):
    teacher = store.add_person("Itzel Ramírez-Cho", "teacher", "Sample Valley Middle School")
    return store.create_plan("induction-ilp", teacher, "2026-2027", D(2026, 11, 2))


def _date(box, day: str) -> None:
    box.edit.clear()
    type_into(box.edit, day)
    press(box.edit, Qt.Key.Key_Return)


def _log(view: LogView, day: str, minutes: int, kind: str, notes: str = "") -> None:
    click(view.new_button)
    _date(view.date, day)
    view.minutes.setFocus()
    view.minutes.selectAll()
    type_into(view.minutes.lineEdit(), str(minutes))
    choose(view.kind, kind)
    type_into(view.notes, notes)
    click(view.add_button)
    assert view.problem.text() == "✓ Saved"


def test_a_week_of_meetings_and_an_observation_update_the_ledger_and_the_rule_once(qtbot, ws, induction_plan):
    view = LogView(ws, ws.template(ws.plan(induction_plan)), induction_plan)
    qtbot.addWidget(view)
    view.reload()
    view.show()
    _date(view.enrolled, "2026-11-02")
    _date(view.matched, "2026-11-16")
    assert "✓ Mentor match met: 14 days after enrolment (within 30)" in view.clocks.text()
    assert "◆ ILP goals due in 40 days (by 2027-01-01)" in view.clocks.text()
    assert "◆ Mentor Teacher observes me: 0 of 4" in view.observations.text()

    _log(view, "2026-11-16", 20, "Weekly", "Just in time: tomorrow's lab")
    _log(view, "2026-11-17", 20, "Weekly", "Long term: Zoë's data, 数据")
    assert view.hours.text() == (
        "⚠ First week: 40 min so far (rule: average of 60 per week) – log 20 more min this week to stay at the rule"
    )
    _log(view, "2026-11-18", 20, "Weekly")
    _log(view, "2026-11-19", 45, "Observation by the Mentor", "Period 3 lab transitions")
    assert view.hours.text() == "✓ First week: 105 min so far (rule: average of 60 per week)"
    assert "◆ Mentor Teacher observes me: 1 of 4" in view.observations.text()
    assert view.table.rowCount() == 4
    assert view.table.item(0, 2).text() == "Observation by the Mentor Teacher"

    # Entered once: four rows in the data file, and the plan's own observations were not touched.
    stored = ws.store.log_entries(induction_plan)
    assert [(e.entry_date.isoformat(), e.minutes, e.kind) for e in stored] == [
        ("2026-11-16", 20, "meeting"),
        ("2026-11-17", 20, "meeting"),
        ("2026-11-18", 20, "meeting"),
        ("2026-11-19", 45, "observation_by_mentor"),
    ]
    assert stored[1].notes == "Long term: Zoë's data, 数据"
    assert not any(k.startswith("observations") for k in ws.store.values(induction_plan))
    # The same observation also listed in the plan (same day, same kind) still counts once; another day counts.
    ws.store.save(
        induction_plan, {"observations": "2", "observations.1.kind": "mentor", "observations.1.when": "2026-11-19"}
    )
    assert [o.done for o in plan_year(ws, induction_plan).observations if o.kind == "mentor"] == [1]
    ws.store.save(induction_plan, {"observations.2.kind": "mentor", "observations.2.when": "2026-10-01"})
    assert [o.done for o in plan_year(ws, induction_plan).observations if o.kind == "mentor"] == [2]

    # Edited in place: the ledger follows.
    view.table.selectRow(0)
    view.minutes.setValue(90)
    click(view.save_button)
    assert ws.store.log_entries(induction_plan)[-1].minutes == 90
    assert "150 min so far" in view.hours.text()


def test_bad_log_input_is_refused_with_a_message_and_nothing_is_lost(qtbot, ws, induction_plan):
    view = LogView(ws, ws.template(ws.plan(induction_plan)), induction_plan)
    qtbot.addWidget(view)
    view.reload()
    _date(view.enrolled, "2026-11-10")
    _date(view.matched, "2026-11-01")  # before enrolment
    assert view.clocks.text().startswith("⚠ Not saved: the mentor match date 2026-11-01 is before enrolment")
    assert ws.store.year_dates(induction_plan)[induction_plan].matched is None
    view.date.edit.clear()
    type_into(view.date.edit, "2026-02-30")
    type_into(view.notes, "x" * 1_000)
    click(view.add_button)
    assert view.problem.text().startswith("⚠ Not saved:")
    assert view.notes.toPlainText() == "x" * 1_000  # still in the form
    assert ws.store.log_entries(induction_plan) == []
    with pytest.raises(UserError, match="minutes"):
        add_log_entry(ws, induction_plan, entry(TODAY, 0, plan_id=induction_plan))
    with pytest.raises(UserError, match="kind"):
        add_log_entry(ws, induction_plan, entry(TODAY, 30, kind="lunch", plan_id=induction_plan))


def test_a_million_character_note_is_kept_whole(ws, induction_plan):
    note = "ñ" * 1_000_000
    add_log_entry(ws, induction_plan, entry(TODAY, 30, notes=note, plan_id=induction_plan))
    assert ws.store.log_entries(induction_plan)[0].notes == note


def test_the_coach_sees_who_has_not_had_their_hour_this_week(ws, catalog):
    ids = {}
    for name, minutes in (("Ana", 60), ("Ben", 45), ("Cy", 0)):
        teacher = ws.store.add_person(name, "teacher")
        ids[name] = ws.store.create_plan("ilp-conversation-guide", teacher, "2026-2027", D(2026, 9, 1))
        if minutes:
            add_log_entry(ws, ids[name], entry(D(2026, 11, 17), minutes, plan_id=ids[name]))
    add_log_entry(ws, ids["Cy"], entry(D(2026, 11, 13), 90, plan_id=ids["Cy"]))  # last week's does not count
    due = hours_due(ws)
    assert [(h.plan.teacher_name, h.minutes, h.needed) for h in due] == [("Cy", 0, 60), ("Ben", 45, 60)]


# ------------------------------------------------------------------ exchange
def test_log_entries_and_dates_travel_in_a_bundle_and_merge_by_entry(tmp_path, ws, catalog, induction_plan):
    set_year_dates(ws, induction_plan, YearDates(D(2026, 11, 2), D(2026, 11, 9)))
    add_log_entry(ws, induction_plan, entry(D(2026, 11, 10), 60, notes="private to us", plan_id=induction_plan))
    send_plan(ws, induction_plan, tmp_path / "a.ilpbundle")
    other = Workspace(Store.open(tmp_path / "other"), catalog, ws.clock)
    there = receive_plan(other, tmp_path / "a.ilpbundle").plan_id
    assert [(e.minutes, e.notes) for e in other.store.log_entries(there)] == [(60, "private to us")]
    assert other.store.year_dates(there)[there] == YearDates(D(2026, 11, 2), D(2026, 11, 9))
    # The teacher's computer adds one and edits the first; back on the coach's, each arrives once.
    first = other.store.log_entries(there)[0]
    other.store.update_log_entry(replace(first, minutes=75))
    add_log_entry(other, there, entry(D(2026, 11, 12), 30, plan_id=there))
    send_plan(other, there, tmp_path / "b.ilpbundle")
    report = receive_plan(ws, tmp_path / "b.ilpbundle")
    assert "1 log entry added" in report.describe()
    assert [e.minutes for e in ws.store.log_entries(induction_plan)] == [75, 30]
    receive_plan(ws, tmp_path / "b.ilpbundle")  # twice changes nothing
    assert len(ws.store.log_entries(induction_plan)) == 2
    other.close()


def test_the_dashboard_counts_down_to_the_clocks_beside_the_programs_dates(ws, store):
    from ilp_desktop.app.overview import overview

    teacher = store.add_person("Cy", "teacher")
    plan_id = store.create_plan("tisp-ilp", teacher, "2026-2027", D(2026, 11, 2))
    assert all(not i.title.startswith("CTC") for _, i in overview(ws)[1])  # no enrolment date: no clock
    set_year_dates(ws, plan_id, YearDates(D(2026, 10, 27)))
    rows, week = overview(ws)
    due = rows[0].next_due
    assert (due.title, due.describe()) == ("CTC: Mentor match within 30 days", "Due in 4 days")
    assert ("CTC: Mentor match within 30 days", D(2026, 11, 26)) in [(i.title, i.due) for _, i in week]
    set_year_dates(ws, plan_id, YearDates(D(2026, 10, 27), D(2026, 11, 20)))
    assert all(i.title != "CTC: Mentor match within 30 days" for _, i in overview(ws)[1])


def test_observations_logged_count_in_the_plans_own_checks_and_printout(ws, induction_plan):
    from ilp_desktop.app.printing import still_needed
    from ilp_desktop.app.program_year import logged_items
    from ilp_desktop.model.checks import check_field

    template = ws.template(ws.plan(induction_plan))
    mentor_rule = "The Mentor Teacher conducts four observations through the year."
    management_rule = "Year One and Early Completion candidates observe classroom management in October."

    def findings():
        logged = logged_items(ws, template, induction_plan)
        values = ws.values(induction_plan)
        return [
            f.message
            for f in check_field(template.field("observations"), template, ws.catalog.resources, values, TODAY, logged)
        ]

    plan_items = {
        "track": "year1",
        "observations": "1",
        "observations.1.kind": "mentor",
        "observations.1.when": "2026-09-10",
    }
    ws.store.save(induction_plan, plan_items)
    assert f"{mentor_rule} (1 so far.)" in findings()
    assert any(m.startswith(management_rule) for m in still_needed(ws, induction_plan, "initial"))
    for day in (D(2026, 9, 10), D(2026, 10, 1), D(2026, 10, 20)):  # the first is the plan's own, logged too
        add_log_entry(ws, induction_plan, entry(day, 50, kind="observation_by_mentor", plan_id=induction_plan))
    assert f"{mentor_rule} (3 so far.)" in findings()
    add_log_entry(ws, induction_plan, entry(D(2026, 11, 5), 50, kind="observation_by_mentor", plan_id=induction_plan))
    assert not any(m.startswith(mentor_rule) for m in findings())
    # The printout's list of what is still needed counts the log too.
    add_log_entry(ws, induction_plan, entry(D(2026, 10, 8), 55, kind="management_observation", plan_id=induction_plan))
    assert not any(m.startswith(management_rule) for m in still_needed(ws, induction_plan, "initial"))


# ------------------------------------------------------------------ a program without a program year
GEORGIA = "ga-personalized-learning-plan"  # an endorsement course: no CTC, no weekly support rule


def test_a_program_without_a_program_year_has_no_ctc_clocks_and_no_hours_to_chase(qtbot, ws, catalog):
    from ilp_desktop.app.overview import overview, plan_due

    teacher = ws.store.add_person("Dana Whitfield", "teacher")
    plan = ws.store.create_plan(GEORGIA, teacher, "2026-2027", D(2026, 9, 1))
    set_year_dates(ws, plan, YearDates(D(2026, 9, 1)))
    year = plan_year(ws, plan)
    assert year.clocks == [] and year.ledger is None
    assert hours_due(ws) == []
    rows, week = overview(ws)
    listed = [row.next_due.title for row in rows if row.next_due] + [item.title for _, item in week]
    assert not [title for title in [*listed, *(i.title for i in plan_due(ws, plan))] if "CTC" in title]
    view = LogView(ws, ws.template(ws.plan(plan)), plan)
    qtbot.addWidget(view)
    view.reload()
    shown = " ".join(label.text() for label in view.findChildren(type(view.hours)) if label.isVisibleTo(view))
    assert "Mentor match" not in shown and "Support hours" not in shown
    assert "sets no support-hours rule" in shown


def test_a_plan_whose_last_part_is_signed_is_not_chased_for_hours(ws, catalog):
    from ilp_desktop.model.lifecycle import complete

    template = catalog.template("induction-ilp")
    teacher = ws.store.add_person("Adaeze Nwosu", "teacher")
    plan = ws.store.create_plan("induction-ilp", teacher, "2026-2027", D(2026, 9, 1))
    assert [h.plan.id for h in hours_due(ws)] == [plan]
    ws.store.update_plan(plan, stage=template.final_stage)
    assert complete(template, ws.plan(plan).stage)
    assert hours_due(ws) == []


def test_enter_on_a_teacher_in_hours_this_week_opens_a_new_log_entry_for_the_time_still_to_go(data_dir, catalog):
    from wizard_driver import close_window, open_window

    store = Store.open(data_dir)
    for name, minutes in (("Ana", 0), ("Ben", 45)):
        plan = store.create_plan("ilp-conversation-guide", store.add_person(name, "teacher"), "2026-2027", ENROLLED)
        if minutes:
            store.add_log_entry(plan, entry(D(2026, 11, 23), minutes, plan_id=plan))
    store.close()
    window = open_window(data_dir, today=D(2026, 11, 25))
    window.home.setCurrentWidget(window.hours)
    table = window.hours.table
    ben = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Ben")
    table.setFocus()
    table.setCurrentCell(ben, 0)
    press(table, Qt.Key.Key_Return)
    log = window.plan_tabs.log
    assert window.plan_tabs.currentWidget() is log and window.editor.plan.teacher_name == "Ben"
    assert log.minutes.value() == 15 and log.date.date() == D(2026, 11, 25)
    assert window.focusWidget() is log.minutes  # typed over: the minutes are selected
    click(log.add_button)
    assert [e.minutes for e in window.ws.store.log_entries(window.editor.plan.id)] == [45, 15]
    window.show_home()
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["Ana"]
    close_window(window)


# ------------------------------------------------------------------ school breaks
BREAKS = """
[breaks."2026-2027"]
thanksgiving = ["2026-11-23", "2026-11-27"]
winter = ["2026-12-21", "2027-01-01"]
"""


def test_weeks_of_a_school_break_in_the_district_calendar_do_not_count_against_the_hours_rule(ws, catalog):
    from ilp_desktop.model.district_calendar import load_district_calendar

    (ws.store.folder / "calendar.toml").write_text(BREAKS, encoding="utf-8")
    breaks = load_district_calendar(ws.store.folder, catalog.templates).breaks
    assert breaks == ((D(2026, 11, 23), D(2026, 11, 27)), (D(2026, 12, 21), D(2027, 1, 1)))
    mondays = [D(2026, 11, 2) + dt.timedelta(weeks=n) for n in range(11)]  # 2 Nov … 11 Jan
    entries = [(day, 60) for day in mondays if not any(a <= day <= b for a, b in breaks)]
    book = ledger(DEFAULT_RULES.hours, entries, D(2026, 11, 2), D(2027, 1, 12), breaks)
    assert book.breaks == (D(2026, 11, 23), D(2026, 12, 21), D(2026, 12, 28))
    assert book.average == 60 and not book.below
    assert "3 weeks of school break not counted" in book.describe()
    without = ledger(DEFAULT_RULES.hours, entries, D(2026, 11, 2), D(2027, 1, 12))
    assert without.below, "the same log counted through the breaks falls below the rule"


def test_no_one_is_chased_for_hours_in_a_break_week(ws, catalog):
    (ws.store.folder / "calendar.toml").write_text(BREAKS, encoding="utf-8")
    teacher = ws.store.add_person("Ana", "teacher")
    plan = ws.store.create_plan("ilp-conversation-guide", teacher, "2026-2027", D(2026, 9, 1))
    ws.clock = type(ws.clock)(D(2026, 11, 24))  # Thanksgiving week
    assert hours_due(ws) == []
    ws.clock = type(ws.clock)(D(2026, 11, 30))
    assert [h.plan.id for h in hours_due(ws)] == [plan]
    assert plan_year(ws, plan).ledger.breaks == (D(2026, 11, 23),)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[breaks."2026-2027"]\nwinter = ["2027-01-01", "2026-12-21"]\n', "ends before it begins"),
        ('[breaks."2026-2027"]\nsummer = ["2027-07-01", "2027-08-15"]\n', "not in the school year 2026-2027"),
        ('[breaks."2026-2027"]\nwinter = "2026-12-21"\n', "two dates"),
        ('[breaks."2026"]\nwinter = ["2026-12-21", "2027-01-01"]\n', "not a school year"),
    ],
)
def test_a_break_that_cannot_be_read_is_named_and_left_out(tmp_path, catalog, text, problem):
    from ilp_desktop.model.district_calendar import load_district_calendar

    (tmp_path / "calendar.toml").write_text(text, encoding="utf-8")
    found = load_district_calendar(tmp_path, catalog.templates)
    assert found.breaks == () and len(found.problems) == 1 and problem in found.problems[0]


def test_a_calendar_with_thousands_of_breaks_uses_the_first_sixty_and_says_so(tmp_path, catalog):
    from ilp_desktop.model.district_calendar import MAX_BREAKS, load_district_calendar

    days = [D(2026, 9, 1) + dt.timedelta(days=n) for n in range(300)]
    lines = "".join(f'b{n} = ["{day}", "{day}"]\n' for n, day in enumerate(days * 10))
    (tmp_path / "calendar.toml").write_text('[breaks."2026-2027"]\n' + lines, encoding="utf-8")
    found = load_district_calendar(tmp_path, catalog.templates)
    assert len(found.breaks) == MAX_BREAKS and "more than 60 breaks" in found.problems[0]
