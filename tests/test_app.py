"""The use cases without any window: what each user action changes, what it reports, and what it refuses."""

import dataclasses
import datetime as dt

import pytest
from pypdf import PdfReader
from test_robustness import fill_disk, free_disk

from ilp_desktop.app import data, journal, plans, printing, signing
from ilp_desktop.app.clock import Clock
from ilp_desktop.app.editing import UnsavedChanges
from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.exchange import receive_plan, resolve_conflict, send_plan
from ilp_desktop.app.overview import overview
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model import lifecycle
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.outcomes import Measure, Target
from ilp_desktop.model.template import Part
from ilp_desktop.storage.store import Store

GUIDE = "ilp-conversation-guide"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def heard(ws):
    events: list[Event] = []
    ws.events.subscribe(events.append)
    return events


def new_plan(ws, program=GUIDE, teacher="Nguyễn Thị Minh") -> int:
    return plans.create_plan(
        ws, plans.NewPlan(teacher, "Lincoln MS", "Dr. Ellis", "Principal Park", program, "2026-2027", TODAY, "Oak USD")
    )


def test_create_plan_makes_the_plan_and_its_people_and_says_so(ws, heard):
    plan = ws.plan(new_plan(ws))
    assert (plan.teacher_name, plan.coach.name, plan.administrator.name) == (
        "Nguyễn Thị Minh",
        "Dr. Ellis",
        "Principal Park",
    )
    assert plan.district == "Oak USD" and plan.stage == "drafting"
    assert heard == [Event(Change.PLANS, plan.id)]
    with pytest.raises(UserError, match="'no-such-program' is not installed"):
        new_plan(ws, program="no-such-program")
    assert len(ws.plans()) == 1, "a refused plan leaves no people or plan behind"


def test_stage_changes_are_checked_recorded_and_reported(ws, heard):
    plan_id = new_plan(ws)
    plans.override_stage(ws, plan_id, "initial_ready", "Ana Coach")
    assert ws.plan(plan_id).stage == "initial_ready" and heard[-1] == Event(Change.PLAN, plan_id)
    (override,) = plans.stage_overrides(ws, plan_id)
    assert (override.from_stage, override.to_stage, override.changed_by) == ("drafting", "initial_ready", "Ana Coach")
    with pytest.raises(UserError, match="'signed!' is not a stage"):
        plans.override_stage(ws, plan_id, "signed!", "Ana Coach")
    with pytest.raises(UserError, match="name of whoever"):
        plans.override_stage(ws, plan_id, "final_signed", "  ")
    count = len(heard)
    plans.override_stage(ws, plan_id, "initial_ready", "Ana Coach")
    assert len(heard) == count and len(plans.stage_overrides(ws, plan_id)) == 1, "no change, no news"


def test_the_draft_is_the_one_truth_while_editing(ws, heard):
    plan_id = new_plan(ws)
    draft = ws.draft(plan_id)
    assert ws.draft(plan_id) is draft, "every view of a plan shares one draft"
    draft.set("goal", "Students will explain their thinking")
    assert heard[-1] == Event(Change.EDITED, plan_id, frozenset({"goal"}))
    assert ws.values(plan_id)["goal"] == "Students will explain their thinking", "views read what was typed"
    assert "goal" not in ws.store.values(plan_id) and draft.state() == "Unsaved changes"
    assert draft.save() and ws.store.values(plan_id)["goal"] == "Students will explain their thinking"
    assert draft.state() == "Saved" and heard[-1].what is Change.SAVE_STATE


def test_journal_and_outcome_edits_are_saved_with_the_answers_in_one_transaction(ws):
    plan_id = new_plan(ws)
    entry = journal.add_entry(ws, plan_id, dt.date(2026, 11, 20))
    draft = ws.draft(plan_id)
    draft.set("goal", "A goal " * 20_000)  # more than the full disk has room for
    draft.edit_journal(entry, title="Week 2", body="- exit tickets\n- frames")
    target, measures = Target(80, "gain_percent", 20), [Measure("A.B.", "EL", 40, 60)]
    draft.edit_outcome("outcomes.1", target, measures)
    assert ws.journal(plan_id)[0].title == "Week 2", "the journal shows the entry as typed"
    assert ws.outcome(plan_id, "outcomes.1") == (target, measures)
    fill_disk(ws.store)
    assert draft.save() is False
    assert ws.store.values(plan_id) == {} and ws.store.journal(plan_id)[0].title == "", "all or nothing"
    free_disk(ws.store)
    assert draft.save() is True and not draft.dirty
    assert ws.store.journal(plan_id)[0].body == "- exit tickets\n- frames"
    assert ws.store.measures(plan_id, "outcomes.1") == measures and ws.store.target(plan_id, "outcomes.1") == target
    draft.edit_journal(entry, title="About to go")
    journal.delete_entry(ws, plan_id, entry)
    assert draft.save() and ws.journal(plan_id) == [], "a deleted entry's typing is not saved into nothing"


def test_a_failed_save_keeps_everything_and_succeeds_when_tried_again(ws, heard):
    plan_id = new_plan(ws)
    draft = ws.draft(plan_id)
    fill_disk(ws.store)
    draft.set("goal", "x" * 100_000)
    assert draft.save() is False and draft.dirty
    assert draft.state().startswith("Not saved – retrying every 5 s: the disk holding")
    assert heard[-1].what is Change.SAVE_STATE and "full" in heard[-1].message
    draft.set("goal", "x" * 100_000 + "!")  # typing goes on while saving fails
    assert draft.save() is False
    free_disk(ws.store)
    assert draft.save() is True and draft.state() == "Saved"
    assert ws.store.values(plan_id)["goal"] == "x" * 100_000 + "!"


def test_printing_and_sending_refuse_over_text_that_is_not_saved(ws, tmp_path):
    plan_id = new_plan(ws)
    draft = ws.draft(plan_id)
    draft.set("goal", "Old goal")
    draft.save()
    draft.set("goal", "New goal typed just now. " * 5_000)
    fill_disk(ws.store)
    with pytest.raises(UnsavedChanges, match="not saved yet"):
        printing.export_pdf(ws, plan_id, "initial", "letter", tmp_path / "plan.pdf")
    with pytest.raises(UnsavedChanges):
        send_plan(ws, plan_id, tmp_path / "plan.ilpbundle")
    with pytest.raises(UnsavedChanges):
        list(printing.BatchExport(ws, tmp_path, "first", "letter"))
    assert not (tmp_path / "plan.pdf").exists() and not (tmp_path / "plan.ilpbundle").exists()
    free_disk(ws.store)
    done = printing.export_pdf(ws, plan_id, "initial", "letter", tmp_path / "plan.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(done.path).pages)
    assert "New goal typed just now" in text and "Old goal" not in text
    assert ws.print_records(plan_id)[-1].fingerprint == done.fingerprint


def test_signatures_complete_parts_for_any_number_of_parts(ws, tmp_path, heard):
    plan_id = new_plan(ws)
    printed = printing.export_pdf(ws, plan_id, "initial", "letter", tmp_path / "i.pdf")
    assert signing.signable_prints(ws, plan_id)[0].id == printed.print_id
    with pytest.raises(UserError, match="name is needed"):
        signing.record_signature(ws, printed.print_id, "teacher", "  ", TODAY)
    tomorrow = TODAY + dt.timedelta(days=1)  # 2027 typed for 2026: a signature no one has made yet
    with pytest.raises(UserError, match="after today"):
        signing.record_signature(ws, printed.print_id, "teacher", "Teacher", tomorrow)
    assert ws.signatures(plan_id) == []
    for role in ("teacher", "coach"):
        assert signing.record_signature(ws, printed.print_id, role, role.title(), TODAY) == "drafting"
    assert signing.record_signature(ws, printed.print_id, "administrator", "Park", TODAY) == "initial_signed"
    assert ws.plan(plan_id).stage == "initial_signed"
    assert {Event(Change.SIGNATURES, plan_id), Event(Change.PLAN, plan_id)} <= set(heard)
    assert set(signing.locks(ws, plan_id)) >= {"1a", "2", "admin"}

    georgia = new_plan(ws, program="ga-personalized-learning-plan")
    one = printing.export_pdf(ws, georgia, None, "letter", tmp_path / "g.pdf")
    for role in ("teacher", "coach"):
        signing.record_signature(ws, one.print_id, role, role.title(), TODAY)
    assert ws.plan(georgia).stage == "plan_signed", "signing a one-part plan completes it"
    assert lifecycle.complete(ws.catalog.template("ga-personalized-learning-plan"), "plan_signed")

    template = ws.catalog.template(GUIDE)
    three = dataclasses.replace(
        template,
        parts=(
            template.parts[0],
            Part("middle", "Mid-year", ("5",), ("coach",), opens_after="initial"),
            dataclasses.replace(template.parts[1], opens_after="middle"),
        ),
    )
    assert [lifecycle.milestone(three, p) for p in three.parts] == ["initial_signed", "middle_signed", "final_signed"]
    assert lifecycle.default_part(three, "in_progress") == "middle", "an earlier version's id, mapped"
    assert lifecycle.default_part(three, "summative") == "final"
    assert not lifecycle.part_open(three, "middle", "initial_ready", set(), TODAY, "2026-2027")
    assert lifecycle.part_open(three, "middle", "initial_ready", {"initial"}, TODAY, "2026-2027")
    assert not lifecycle.complete(three, "middle_signed"), "signing a middle part does not complete the plan"


def test_received_answers_reach_an_open_draft_and_edits_right_after_an_exchange_merge_cleanly(ws, tmp_path, catalog):
    plan_id = new_plan(ws)
    ws.draft(plan_id).set("goal", "Base goal")
    ws.draft(plan_id).set("growth", "Base growth")
    ws.require_saved()
    send_plan(ws, plan_id, tmp_path / "to-teacher.ilpbundle")
    teacher = Workspace(Store.open(tmp_path / "teacher"), catalog, Clock(TODAY))
    receive_plan(teacher, tmp_path / "to-teacher.ilpbundle")
    mine = teacher.plans()[0].id
    teacher.draft(mine).set("growth", "Teacher's growth")
    teacher.draft(mine).set("goal", "Teacher's goal")
    send_plan(teacher, mine, tmp_path / "back.ilpbundle")
    teacher.close()

    draft = ws.draft(plan_id)
    draft.set("goal", "Coach's goal")  # within a minute of sending: the sent wording must stay in the history
    report = receive_plan(ws, tmp_path / "back.ilpbundle")  # saves what is typed first, then merges
    assert [v for k, v, _ in ws.store.history_rows(plan_id) if k == "goal"][:2] == ["Base goal", "Coach's goal"]
    assert report.taken == ["growth"] and report.conflicts == ["goal"]
    assert draft.get("growth") == "Teacher's growth", "the open plan shows the merged answer at once"
    assert draft.get("goal") == "Coach's goal"
    (conflict,) = ws.conflicts(plan_id)
    resolve_conflict(ws, conflict.id, take_remote=True)
    assert draft.get("goal") == "Teacher's goal" and ws.conflicts(plan_id) == []


def test_today_is_asked_each_time(ws):
    class Overnight(Clock):
        day = dt.date(2026, 9, 20)

        def today(self):
            return self.day

    ws.clock = clock = Overnight()
    plan_id = new_plan(ws, program="induction-ilp")
    (row,), _ = overview(ws)
    assert row.next_due.due == dt.date(2026, 9, 21) and row.next_due.days_left == 1
    clock.day = dt.date(2026, 9, 21)  # the window stayed open past midnight
    (row,), _ = overview(ws)
    assert row.plan.id == plan_id and row.next_due.days_left == 0


def test_samples_moves_and_a_failed_move_leaves_the_data_open(ws, heard, tmp_path):
    assert data.load_samples(ws) > 10 and Event(Change.PLANS) in heard
    assert data.load_samples(ws) == 0
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "someone else's.txt").write_text("x")
    with pytest.raises(UserError):
        data.move_data(ws, occupied)
    assert len(ws.plans()) > 10, "still open on the old folder"
    count = len(ws.plans())
    moved = data.move_data(ws, tmp_path / "new home")
    again = Workspace.open(moved)
    assert len(again.plans()) == count
    again.close()


def test_a_listener_that_stops_listening_hears_nothing_more(ws):
    heard = []
    stop = ws.events.subscribe(heard.append)
    new_plan(ws)
    stop()
    stop()  # twice is harmless
    new_plan(ws, teacher="Second")
    assert len(heard) == 1


def test_attachments_are_copied_explained_and_removed_with_the_journal_told(ws, heard, tmp_path):
    plan_id = new_plan(ws)
    entry = journal.add_entry(ws, plan_id, TODAY, "Exit tickets")
    sheet = tmp_path / "Nguyễn tally.csv"
    sheet.write_text("a,b\n1,2\n", encoding="utf-8")
    problems = journal.attach(ws, plan_id, entry, [sheet, tmp_path / "vanished.pdf"])
    assert len(problems) == 1 and "vanished.pdf" in problems[0]
    (artifact,) = ws.journal(plan_id)[0].artifacts
    assert ws.artifact_path(artifact).read_bytes() == sheet.read_bytes() and artifact.filename == sheet.name
    journal.explain_artifact(ws, plan_id, artifact.id, "Who answered correctly")
    assert ws.journal(plan_id)[0].artifacts[0].explanation == "Who answered correctly"
    journal.remove_artifact(ws, plan_id, artifact.id)
    assert ws.journal(plan_id)[0].artifacts == () and heard.count(Event(Change.JOURNAL, plan_id)) == 4


def test_every_plan_printed_in_one_go_and_amending_unlocks(ws, tmp_path):
    first, second = new_plan(ws), new_plan(ws, teacher="José Núñez")
    steps = list(printing.BatchExport(ws, tmp_path, printing.LAST, "a4"))
    assert [s.done for s in steps] == [1, 2] and all(s.written and s.written.exists() for s in steps)
    assert {r.part for p in (first, second) for r in ws.print_records(p)} == {"final"}
    missing = list(printing.BatchExport(ws, tmp_path / "gone", "first", "letter"))
    assert len(missing) == 1 and "does not exist" in missing[0].problem, "stops at the first plan"
    signing.amend(ws, first)
    assert ws.draft(first).amending is True
