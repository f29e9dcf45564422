"""The program leader's roll-up: three coaches' folders of bundles read into the leader's window, the numbers
checked against ones worked out by hand, nothing of a plan's content or a private note visible, and the CTC
evidence read back from CSV and XLSX (and from `ilp-desktop report ctc`)."""

import csv
import datetime as dt

import pytest
from conftest import TODAY
from openpyxl import load_workbook
from pypdf import PdfReader

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.exchange import send_plan
from ilp_desktop.app.program_year import add_log_entry, set_year_dates
from ilp_desktop.app.rollup import Rollup
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.cli import main
from ilp_desktop.model.program_year import LogEntry, YearDates
from ilp_desktop.model.rollup import totals
from ilp_desktop.storage.store import Store
from ilp_desktop.ui.leader_view import PLAN_HEADINGS, LeaderView
from ilp_desktop.ui.preferences import settings_for

D = dt.date
SECRET = "SECRET ANSWER: my growth goal"
PRIVATE = "PRIVATE NOTE: the principal was unkind"
RELEASED = "Released: co-planned the unit"
PROGRAM = "ilp-conversation-guide"


def mondays(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


# Three coaches, each on their own computer, each with one teacher:
#   Ana (coach Alma, Lincoln): enrolled 1 Sep, matched 15 Sep (14 days), goals 20 Oct (49 days); 60 min every
#     Monday 14 Sep – 16 Nov. Weeks from 14 Sep: 9 complete weeks of 60 → average 60, the rule met.
#     Hours: September 3 (14, 21, 28), October 4, November 3.
#   Ben (coach Bo, Lincoln): enrolled 1 Sep, matched 15 Oct (44 days: missed), no goals (60 days passed on
#     31 Oct: missed); 30 min every Monday 19 Oct – 16 Nov. Weeks from 12 Oct: 5 complete (0, 30, 30, 30, 30)
#     → average 24, below.
#   Cy (coach Cleo, Riverside): enrolled 2 Nov, not matched (due in 10 days), goals due in 40 days; no log.
#     Weeks from 2 Nov: 2 complete of 0 → average 0, below.
PLANS = {
    "Alma": ("Ana", "Lincoln Middle School", YearDates(D(2026, 9, 1), D(2026, 9, 15), D(2026, 10, 20)), 60),
    "Bo": ("Ben", "Lincoln Middle School", YearDates(D(2026, 9, 1), D(2026, 10, 15)), 30),
    "Cleo": ("Cy", "Riverside Elementary", YearDates(D(2026, 11, 2)), 0),
}
FIRST_MONDAY = {"Alma": D(2026, 9, 14), "Bo": D(2026, 10, 19)}


@pytest.fixture
def coach_folders(tmp_path, catalog):
    """Each coach's data folder, and beside it the folder of bundles they send to the program."""
    folders = []
    for coach, (teacher, school, dates, minutes) in PLANS.items():
        ws = Workspace(Store.open(tmp_path / coach / "data"), catalog, Clock(TODAY))
        plan_id = ws.store.create_plan(
            PROGRAM,
            ws.store.add_person(teacher, "teacher", school),
            "2026-2027",
            dates.enrolled,
            coach_id=ws.store.add_person(coach, "coach"),
            school=school,
        )
        ws.store.save(plan_id, {"goal": SECRET})
        set_year_dates(ws, plan_id, dates)
        for i, day in enumerate(mondays(FIRST_MONDAY[coach], TODAY) if minutes else []):
            notes, released = (RELEASED, True) if i == 1 else (PRIVATE, False)
            add_log_entry(ws, plan_id, LogEntry(0, plan_id, "", day, minutes, "meeting", "1A", notes, released, ""))
        outbox = tmp_path / coach / "outbox"
        outbox.mkdir()
        send_plan(ws, plan_id, outbox / f"{teacher}.ilpbundle")
        ws.close()
        folders.append(outbox)
    return folders


def by_name(rows):
    return {r.facts.teacher: r for r in rows}


def test_the_roll_up_numbers_are_the_hand_computed_ones(coach_folders, catalog):
    rows = Rollup(catalog, coach_folders, TODAY).refresh()
    got = by_name(rows)
    assert set(got) == {"Ana", "Ben", "Cy"}
    ana, ben, cy = got["Ana"], got["Ben"], got["Cy"]
    assert [c.days_taken for c in ana.clocks] == [14, 49] and [c.state for c in ana.clocks] == ["met", "met"]
    assert ana.ledger.average == 60 and ana.hours_met
    assert [c.state for c in ben.clocks] == ["missed", "missed"] and ben.clocks[0].days_taken == 44
    assert ben.ledger.average == 24 and not ben.hours_met
    assert [c.describe() for c in cy.clocks] == [
        "◆ Mentor match due in 10 days (by 2026-12-02)",
        "◆ ILP goals due in 40 days (by 2027-01-01)",
    ]
    assert cy.ledger.average == 0
    assert ana.facts.released == ((D(2026, 9, 21), RELEASED),)
    lincoln = next(t for t in totals(rows) if t.by == "School" and t.name == "Lincoln Middle School")
    assert (lincoln.plans, lincoln.hours_met, lincoln.match_met, lincoln.goals_met) == (2, 1, 1, 1)
    assert lincoln.average == "42 min/week"  # (60 + 24) / 2
    assert [t.plans for t in totals(rows) if t.by == "Coach"] == [1, 1, 1]


def test_the_leader_view_shows_dates_and_statuses_never_answers_or_private_notes(
    qtbot, tmp_path, coach_folders, catalog
):
    leader = Workspace(Store.open(tmp_path / "leader"), catalog, Clock(TODAY))
    view = LeaderView(leader, settings_for(tmp_path / "leader"))
    qtbot.addWidget(view)
    for folder in coach_folders:
        view.add_source(folder)
    assert view.summary.text().startswith("<b>3 plans</b> from 3 folders")
    shown = [
        table.item(r, c).text()
        for table in (view.totals, view.plans)
        for r in range(table.rowCount())
        for c in range(table.columnCount())
    ]
    text = "\n".join(shown)
    assert SECRET not in text and "PRIVATE" not in text
    assert RELEASED in text  # released by its owner
    lines = {
        view.plans.item(r, 0).text(): [view.plans.item(r, c).text() for c in range(len(PLAN_HEADINGS))]
        for r in range(view.plans.rowCount())
    }
    assert lines["Ana"][5] == "✓ Mentor match met: 14 days after enrolment (within 30)"
    assert lines["Ben"][5] == "✕ Mentor match missed: 44 days after enrolment (allowed 30)"
    assert lines["Ben"][7].startswith("✕ Average 24 min per week over 5 weeks (rule: 60)")
    coach_lines = {view.totals.item(r, 1).text(): view.totals.item(r, 5).text() for r in range(view.totals.rowCount())}
    assert coach_lines["Alma"] == "1 (60 min/week)" and coach_lines["Bo"] == "0 (24 min/week)"

    # The evidence, written and read back to the same numbers.
    written_csv = view.write("csv", tmp_path / "ctc.csv")
    written_xlsx = view.write("xlsx", tmp_path / "ctc.xlsx")
    written_pdf = view.write("pdf", tmp_path / "ctc.pdf")
    with written_csv.open(encoding="utf-8-sig", newline="") as file:
        table = {r["Teacher"]: r for r in csv.DictReader(file)}
    assert table["Ana"]["Days to match"] == "14" and table["Ana"]["Days to goals"] == "49"
    assert table["Ana"]["Enrolment"] == "2026-09-01" and table["Ana"]["Match date"] == "2026-09-15"
    assert [table["Ana"][f"Hours 2026-{m}"] for m in ("09", "10", "11")] == ["3.0", "4.0", "3.0"]
    assert table["Ana"]["Average (min)"] == "60.0" and table["Ben"]["Average (min)"] == "24.0"
    assert table["Cy"]["Match date"] == "" and table["Cy"]["Days to match"] == ""
    sheet = load_workbook(written_xlsx)["CTC evidence"]
    headings = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(headings, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Ana"]["Days to match"] == 14 and rows["Ben"]["Days to match"] == 44
    assert rows["Ana"]["Match date"] == dt.datetime(2026, 9, 15)  # a real date in the spreadsheet
    assert rows["Ana"]["Hours 2026-10"] == 4.0 and rows["Ben"]["Average (min)"] == 24.0
    every_cell = " ".join(str(v) for r in rows.values() for v in r.values())
    assert SECRET not in every_cell and "PRIVATE" not in every_cell
    pdf = " ".join(" ".join(page.extract_text() for page in PdfReader(written_pdf).pages).split())
    assert "CTC evidence summary" in pdf and "Mentor match missed: 44 days" in pdf and "PRIVATE" not in pdf
    leader.close()


def test_a_refresh_reads_only_what_changed_and_a_bad_file_is_named_not_fatal(coach_folders, catalog, tmp_path):
    rollup = Rollup(catalog, [*coach_folders, tmp_path / "nowhere"], TODAY)
    first = rollup.refresh()
    (coach_folders[0] / "broken.ilpbundle").write_bytes(b"not a zip")
    again = rollup.refresh()
    assert again == first and all(a is b for a, b in zip(again, first, strict=True))  # nothing re-read
    assert any("broken.ilpbundle" in p for p in rollup.problems)
    assert any("nowhere" in p for p in rollup.problems)
    # Cy's coach logs an hour this week and sends the plan again: the next refresh has it.
    ws = Workspace(Store.open(tmp_path / "Cleo" / "data"), catalog, Clock(TODAY))
    plan = ws.plans()[0]
    add_log_entry(ws, plan.id, LogEntry(0, plan.id, "", D(2026, 11, 16), 60, "meeting", "", "", False, ""))
    set_year_dates(ws, plan.id, YearDates(D(2026, 11, 2), D(2026, 11, 12)))
    send_plan(ws, plan.id, coach_folders[2] / "Cy.ilpbundle")
    ws.close()
    cy = by_name(rollup.refresh())["Cy"]
    assert cy.clocks[0].describe() == "✓ Mentor match met: 10 days after enrolment (within 30)"
    assert cy.ledger.current == 60
    # The leader reads a coach's data folder directly too, and sees the same.
    assert by_name(Rollup(catalog, [tmp_path / "Cleo" / "data"], TODAY).refresh())["Cy"].clocks == cy.clocks


def test_report_ctc_builds_the_table_from_bundle_folders_and_data_folders(coach_folders, tmp_path, capsys):
    out = tmp_path / "ctc.csv"
    data_folder = coach_folders[2].parent / "data"
    assert (
        main(
            [
                "--data-dir",
                str(tmp_path / "leader"),
                "report",
                "ctc",
                str(coach_folders[0]),
                str(data_folder),
                "--csv",
                str(out),
            ]
        )
        == 0
    )
    assert "2 plans" in capsys.readouterr().out
    with out.open(encoding="utf-8-sig", newline="") as file:
        assert sorted(r["Teacher"] for r in csv.DictReader(file)) == ["Ana", "Cy"]
    assert main(["report", "ctc", str(tmp_path / "nowhere"), "--xlsx", str(tmp_path / "x" / "ctc.xlsx")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_a_program_leader_starts_on_the_roll_up(qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from wizard_driver import close_window, open_window

    folder = tmp_path / "leader"
    folder.mkdir()
    settings = settings_for(folder)
    for key, value in (("user/role", "leader"), ("user/first_run_done", "true"), ("user/name", "Pat Leader")):
        settings.setValue(key, value)
    settings.sync()
    seen = []

    def look():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(0, look)
    window = open_window(folder)
    qtbot.waitUntil(lambda: bool(seen))
    assert isinstance(seen[0], LeaderView)
    close_window(window)


def test_a_plan_of_a_program_without_an_induction_year_is_listed_but_not_ctc_evidence(coach_folders, catalog, tmp_path):
    from ilp_desktop.model.rollup import evidence_table

    ws = Workspace(Store.open(tmp_path / "Dee" / "data"), catalog, Clock(TODAY))
    plan_id = ws.store.create_plan(
        "ga-personalized-learning-plan", ws.store.add_person("Dana", "teacher"), "2026-2027", D(2026, 9, 1)
    )
    set_year_dates(ws, plan_id, YearDates(D(2026, 9, 1)))
    send_plan(ws, plan_id, coach_folders[0] / "Dana.ilpbundle")
    ws.close()
    rows = Rollup(catalog, coach_folders, TODAY).refresh()
    dana = by_name(rows)["Dana"]
    assert dana.clocks == () and dana.ledger is None and not dana.in_year
    _, table = evidence_table(rows)
    assert sorted(line[0] for line in table) == ["Ana", "Ben", "Cy"]


def test_the_leaders_school_breaks_are_not_held_against_the_hours_rule(coach_folders, catalog):
    thanksgiving = ((D(2026, 11, 23), D(2026, 11, 27)),)
    plain = by_name(Rollup(catalog, coach_folders, D(2026, 12, 1)).refresh())["Ana"]
    with_break = by_name(Rollup(catalog, coach_folders, D(2026, 12, 1), thanksgiving).refresh())["Ana"]
    assert with_break.ledger.breaks == (D(2026, 11, 23),) and plain.ledger.breaks == ()
    assert len(with_break.ledger.completed) == len(plain.ledger.completed)
    assert "1 week of school break not counted" in with_break.ledger.describe()
