"""The lifecycle from the template: any number of parts opening after each other or on a day, stages derived
from the parts, a part signed when all its roles have signed, due dates met by a signature or by content and
moved by a district calendar file, people for any role, and stages set by hand on the record."""

import datetime as dt
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from ilp_desktop.app import exchange, plans, printing, signing
from ilp_desktop.app.clock import Clock
from ilp_desktop.app.overview import overview, plan_due
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model import lifecycle
from ilp_desktop.model.calendar import due_dates
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.model.district_calendar import load_district_calendar
from ilp_desktop.model.errors import TemplateError
from ilp_desktop.model.stages import LEGACY_STAGES, current_stage, stage_ids
from ilp_desktop.model.template import load_template
from ilp_desktop.model.values import satisfied
from ilp_desktop.storage import migrations
from ilp_desktop.storage.location import DATA_FILE
from ilp_desktop.storage.store import Store

TODAY = dt.date(2026, 11, 22)

# A district's own three-section plan with its own roles; the mentor leads the conversation.
THREE_PARTS = """\
format = 1
roles = [
  { id = "teacher", label = "Teacher" },
  { id = "mentor", label = "Mentor" },
  { id = "site_admin", label = "Site Administrator" },
]

[program]
id = "three-section-plan"
title = "Three-Section Growth Plan"
audience = "teacher"
guide = "mentor"
resources = ["cstp", "continuum"]

[[cells]]
key = "1"
title = "Inquiry Goal"

[[cells]]
key = "2"
title = "Action Research"

[[cells]]
key = "3"
title = "Reflection and Application"

[[parts]]
id = "goal"
title = "Inquiry Goal"
cells = ["1"]
signatures = ["teacher", "mentor"]

[[parts]]
id = "research"
title = "Action Research"
cells = ["1", "2"]
signatures = ["teacher", "mentor"]
stages = { drafting = "Researching", signed = "Research reviewed" }

[[parts]]
id = "reflection"
title = "Reflection and Application"
cells = ["1", "2", "3"]
signatures = ["teacher", "mentor", "site_admin"]

[[steps]]
id = "goal"
title = "Write the inquiry goal"
part = "goal"
script = [{ kind = "coach_asks", text = "What will your students do differently?" }]

  [[steps.fields]]
  id = "practice"
  type = "continuum"
  label = "Where my practice is (CSTP elements)"
  framework = "continuum"
  cell = "1"

  [[steps.fields]]
  id = "goal"
  type = "longtext"
  label = "Inquiry goal"
  cell = "1"
  required = true

[[steps]]
id = "research"
title = "Action research"
part = "research"

  [[steps.fields]]
  id = "research"
  type = "longtext"
  label = "What I tried and what happened"
  cell = "2"
  required = true

[[steps]]
id = "reflection"
title = "Reflection and application"
part = "reflection"

  [[steps.fields]]
  id = "reflection"
  type = "longtext"
  label = "What I learned and will apply"
  cell = "3"
  required = true

[[calendar]]
id = "goal"
title = "Inquiry goal signed"
after = "start"
days = 30
done_when = { signed = "goal" }

[[calendar]]
id = "research"
title = "Action research written"
date = "01-31"
done_when = { answered = "research" }

[[calendar]]
id = "reflection"
title = "Reflection written"
after = "research"
days = 60
done_when = { answered = "reflection" }
"""


def install(folder, text=THREE_PARTS, name="three-section-plan.toml"):
    (folder / "forms").mkdir(parents=True, exist_ok=True)
    (folder / "forms" / name).write_text(text, encoding="utf-8")
    return folder / "forms" / name


def problem_of(tmp_path, catalog, text):
    path = install(tmp_path, text, "broken.toml")
    with pytest.raises(TemplateError) as err:
        load_template(path, catalog.resources)
    return str(err.value)


# ------------------------------------------------------------------ stages


def test_stages_come_from_the_parts():
    assert stage_ids(["plan"]) == ["drafting", "plan_ready", "plan_signed"]
    assert stage_ids(["initial", "final"]) == [
        "drafting",
        "initial_ready",
        "initial_signed",
        "final_drafting",
        "final_ready",
        "final_signed",
    ]
    assert len(stage_ids(["a", "b", "c"])) == 9


@pytest.mark.parametrize(
    "parts, legacy, now",
    [
        (["initial", "final"], LEGACY_STAGES, stage_ids(["initial", "final"])),  # same meaning, one to one
        (["goals", "complete"], ["initial_signed", "summative"], ["goals_signed", "complete_ready"]),
        (["initial", "implementation", "complete"], ["in_progress"], ["implementation_drafting"]),
        (
            ["initial", "implementation", "complete"],
            ["summative", "final_signed"],
            ["complete_drafting", "complete_signed"],
        ),
        (["plan"], ["initial_signed", "final_signed"], ["plan_ready", "plan_signed"]),
    ],
)
def test_stages_stored_by_earlier_versions_keep_their_meaning(parts, legacy, now):
    assert [current_stage(parts, s) for s in legacy] == list(now)


@given(st.lists(st.from_regex(r"[a-z][a-z0-9]{0,8}", fullmatch=True), min_size=1, max_size=6, unique=True))
def test_every_earlier_stage_means_a_stage_of_any_program_in_order(parts):
    mapped = [current_stage(parts, s) for s in LEGACY_STAGES]
    ids = stage_ids(parts)
    assert all(m in ids for m in mapped)
    assert [ids.index(m) for m in mapped] == sorted(ids.index(m) for m in mapped), "the order is kept"
    assert mapped[-1] == ids[-1], "final_signed is the last part signed"


# ------------------------------------------------------- the template keys


def test_a_three_part_template_loads_with_its_opening_rules_and_stage_names(tmp_path, catalog):
    t = load_template(install(tmp_path), catalog.resources)
    assert [p.opens_after for p in t.parts] == [None, "goal", "research"], "by default after the part before"
    assert t.stage_label("research_drafting") == "Researching"
    assert t.stage_label("reflection_ready") == "Reflection and Application ready for signature"
    assert t.stage_label("nonsense") == "Unknown stage 'nonsense'"
    assert t.guide_label == "Mentor" and t.speaker(t.steps[0].script[0]) == "Mentor asks"


@pytest.mark.parametrize(
    "change, message",
    [
        (('date = "01-31"', 'date = "02-30"'), "February has 29 days, so there is no February 30"),
        (('date = "01-31"', 'date = "09-31"'), "September has 30 days, so there is no September 31"),
        (('date = "01-31"', 'date = "13-01"'), "'13-01' is not a month-day"),
        (
            ('title = "Action Research"\ncells', 'title = "Action Research"\nopens_after = "reflection"\ncells'),
            "'reflection' is neither a month-day such as \"10-01\" nor an earlier part",
        ),
        (
            ('done_when = { answered = "research" }', 'done_when = { items = "research", count = 3 }'),
            "'research' is not a group of the template",
        ),
        (('done_when = { signed = "goal" }', 'done_when = { signed = "nowhere" }'), "is not a part that is signed"),
        (('done_when = { signed = "goal" }', 'done_when = { signed = "goal", count = 2 }'), "use it with items"),
        (('done_when = { signed = "goal" }', 'done_when = { signed = "goal" }\ndone_at = "drafting"'), "not both"),
        (('done_when = { signed = "goal" }', 'done_at = "signed!"'), "'signed!' is not a stage: drafting, goal_ready"),
        (('guide = "mentor"', 'guide = "coach_x"'), "program.guide: 'coach_x' is not a declared role"),
        (('stages = { drafting = "Researching"', 'stages = { sigend = "x", drafting = "Researching"'), "sigend"),
    ],
)
def test_template_mistakes_in_the_lifecycle_are_named(tmp_path, catalog, change, message):
    old, new = change
    assert old in THREE_PARTS
    assert message in problem_of(tmp_path, catalog, THREE_PARTS.replace(old, new, 1))


def test_a_part_can_open_on_a_day_and_only_after_a_part_someone_signs(tmp_path, catalog):
    text = THREE_PARTS.replace(
        'title = "Action Research"\ncells', 'title = "Action Research"\nopens_after = "01-15"\ncells'
    )
    t = load_template(install(tmp_path, text), catalog.resources)
    assert t.part("research").opens_on == (1, 15)
    assert not lifecycle.part_open(t, "research", "drafting", set(), dt.date(2027, 1, 14), "2026-2027")
    assert lifecycle.part_open(t, "research", "drafting", set(), dt.date(2027, 1, 15), "2026-2027")
    unsigned = THREE_PARTS.replace(
        'signatures = ["teacher", "mentor"]\n\n[[parts]]\nid = "research"',
        'signatures = []\n\n[[parts]]\nid = "research"',
    )
    assert "part 'goal' has no signatures to wait for" in problem_of(tmp_path, catalog, unsigned)


def test_when_on_a_checklist_fires_when_that_box_is_ticked_among_others():
    condition = {"derived_from": ("observations",)}
    assert satisfied(condition, {"derived_from": "observations"})
    assert satisfied(condition, {"derived_from": "student_work\nobservations\nsite_focus"})
    assert not satisfied(condition, {"derived_from": "student_work\nsite_focus"})
    assert not satisfied(condition, {})
    assert satisfied({"track": ("year1", "early")}, {"track": "early"}), "a single choice as before"


# ---------------------------------------------- signing each part of each program


def sign_part(ws, plan_id, part, tmp_path):
    """Print the part and record every role's signature on that printout; the plan's stage after it."""
    printed = printing.export_pdf(ws, plan_id, part, "letter", tmp_path / f"{plan_id}-{part}.pdf")
    template = ws.template(ws.plan(plan_id))
    stage = ""
    for role in template.part(part).signatures:
        stage = signing.record_signature(ws, printed.print_id, role, f"Signer {role}", TODAY)
    return stage


@pytest.mark.parametrize(
    "program, parts",
    [
        ("ilp-conversation-guide", ["initial", "final"]),
        ("individual-leadership-plan", ["initial", "implementation", "complete"]),
        ("induction-ilp", ["initial", "updated"]),
        ("tisp-ilp", ["goals", "complete"]),
        ("ga-personalized-learning-plan", ["plan"]),
    ],
)
def test_each_shipped_program_is_signed_part_by_part_to_its_end(ws, tmp_path, program, parts):
    template = ws.catalog.template(program)
    assert list(template.part_ids) == parts
    plan_id = plans.create_plan(
        ws, plans.NewPlan("Zoë Teacher", "Lincoln", "Dr. Ellis", "Ms. Park", program, "2026-2027", TODAY)
    )
    for i, part in enumerate(parts):
        later = parts[i + 1 :]
        assert all(p not in plans.open_parts(ws, plan_id) for p in later if template.part(p).opens_after == part)
        assert sign_part(ws, plan_id, part, tmp_path) == f"{part}_signed"
        assert lifecycle.complete(template, ws.plan(plan_id).stage) == (not later), "only the last part completes"
        assert set(later) <= plans.open_parts(ws, plan_id), "a signed part opens the parts after it"
    (row,) = overview(ws)[0]
    assert row.phase == "complete" and row.stage_label == template.stage_label(template.final_stage)


def test_a_part_counts_as_signed_only_when_every_role_has_signed(ws, tmp_path):
    plan_id = plans.create_plan(
        ws, plans.NewPlan("Zoë", "Lincoln", "Dr. Ellis", "Ms. Park", "individual-leadership-plan", "2026-2027", TODAY)
    )
    printed = printing.export_pdf(ws, plan_id, "initial", "letter", tmp_path / "i.pdf")
    assert signing.record_signature(ws, printed.print_id, "teacher", "Zoë", TODAY) == "drafting"
    assert "implementation" not in plans.open_parts(ws, plan_id)
    assert signing.record_signature(ws, printed.print_id, "coach", "Dr. Ellis", TODAY) == "initial_signed"
    assert {"implementation", "complete"} <= plans.open_parts(ws, plan_id)
    # Signing the middle section moves the stage on but does not complete the plan.
    assert sign_part(ws, plan_id, "implementation", tmp_path) == "implementation_signed"
    assert overview(ws)[0][0].phase == "in_progress"


# ---------------------------------------------------------- stored plans


def test_a_file_at_the_previous_schema_keeps_its_stages_and_gains_roles_and_overrides(tmp_path, catalog):
    folder = tmp_path / "data"
    folder.mkdir()
    conn = sqlite3.connect(folder / DATA_FILE, isolation_level=None)
    old = Database(conn)
    migrations.migrate(old, target=migrations.LATEST - 1)
    teacher = old["people"].insert({"name": "Zoë", "role": "teacher", "created_at": "2026-09-01"}).last_pk
    for uid, program, stage in (
        ("a", "individual-leadership-plan", "in_progress"),
        ("b", "ga-personalized-learning-plan", "final_signed"),
        ("c", "tisp-ilp", "initial_signed"),
    ):
        old["plans"].insert(
            {
                "uid": uid,
                "program": program,
                "teacher_id": teacher,
                "school_year": "2026-2027",
                "start_date": "2026-09-01",
                "stage": stage,
            }
        )
    conn.close()

    ws = Workspace(Store.open(folder), catalog, Clock(TODAY))
    try:
        labels = {row.plan.uid: (row.stage_label, row.phase) for row in overview(ws)[0]}
        assert labels == {
            "a": ("Implementing the inquiry", "in_progress"),
            "b": ("Plan signed", "complete"),
            "c": ("Professional goals agreed", "in_progress"),
        }
        leadership = next(p for p in ws.plans() if p.uid == "a")
        assert plans.open_parts(ws, leadership.id) == {"initial", "implementation", "complete"}, "in_progress: open"
        plans.override_stage(ws, leadership.id, "complete_drafting", "Dr. Ellis")
        assert plans.stage_overrides(ws, leadership.id)[0].from_stage == "in_progress", "recorded as it was stored"
    finally:
        ws.close()


def test_a_stage_the_program_cannot_place_needs_attention(ws):
    plan_id = plans.create_plan(
        ws, plans.NewPlan("Zoë", "Lincoln", "", "", "ilp-conversation-guide", "2026-2027", TODAY)
    )
    ws.store.db.execute("UPDATE plans SET stage = 'middle_signed' WHERE id = ?", [plan_id])  # another program's
    (row,) = overview(ws)[0]
    assert row.plan.problems == (
        "the stage 'middle_signed' is not one of the stages of Individualized Learning Plan (ILP)",
    )
    assert row.stage_label == "Unknown stage 'middle_signed'"
    ws.store.db.execute("UPDATE plans SET stage = 'archived' WHERE id = ?", [plan_id])
    assert ws.plan(plan_id).problems == ("the stage 'archived' is not one this version knows",)


# ------------------------------------------------------------- due dates


def test_due_dates_are_met_by_a_signature_or_by_content(tmp_path, catalog):
    folder = tmp_path / "data"
    install(folder)
    ws = Workspace.open(folder, clock=Clock(dt.date(2027, 2, 10)))
    try:
        plan_id = plans.create_plan(
            ws, plans.NewPlan("Zoë", "Lincoln", "", "", "three-section-plan", "2026-2027", dt.date(2026, 9, 1))
        )
        due = {i.id: i for i in plan_due(ws, plan_id)}
        assert due["goal"].due == dt.date(2026, 10, 1) and due["goal"].describe() == "Overdue by 132 days"
        assert due["research"].state == "overdue"
        ws.draft(plan_id).set("research", "Tried think-pair-share in period 3.")
        ws.require_saved()
        assert {i.id: i.state for i in plan_due(ws, plan_id)}["research"] == "done", "met by the answer"
        assert {i.id: i.state for i in plan_due(ws, plan_id)}["goal"] == "overdue"
        sign_part(ws, plan_id, "goal", tmp_path)
        (row,) = overview(ws)[0]
        assert row.next_due is not None and row.next_due.id == "reflection", "the signature met the goal's date"
    finally:
        ws.close()


def test_group_item_counts_meet_a_due_date(ws):
    template = ws.catalog.template("individual-leadership-plan")
    plan_id = plans.create_plan(
        ws, plans.NewPlan("Zoë", "Lincoln", "", "", template.id, "2026-2027", dt.date(2026, 9, 1))
    )
    assert {i.id: i.done for i in plan_due(ws, plan_id)}["entries"] is False
    ws.draft(plan_id).set("inquiry1", "2")
    assert {i.id: i.done for i in plan_due(ws, plan_id)}["entries"] is False, "two of three entries"
    ws.draft(plan_id).set("inquiry1", "3")
    ws.require_saved()
    assert {i.id: i.done for i in plan_due(ws, plan_id)}["entries"] is True
    assert overview(ws)[0][0].next_due.id != "entries", "the plan list reads the count too"


def test_a_district_calendar_file_moves_dates_for_one_school_year(tmp_path, catalog):
    folder = tmp_path / "data"
    install(folder)
    (folder / "calendar.toml").write_text(
        "# Our district's days this year\n"
        '["three-section-plan"."2026-2027"]\n'
        'research = "2027-02-12"\n'
        "goal = 2026-10-15\n"
        'reflection = "2026-02-30"\n'
        'nonsense = "2027-01-01"\n'
        '["three-section-plan"."2027-2028"]\n'
        'research = "2026-12-01"\n'
        '["no-such-program"."2026-2027"]\n'
        'x = "2027-01-01"\n',
        encoding="utf-8",
    )
    templates = load_catalog(folder).templates
    found = load_district_calendar(folder, templates)
    assert found.moved("three-section-plan", "2026-2027") == {
        "research": dt.date(2027, 2, 12),
        "goal": dt.date(2026, 10, 15),
    }
    problems = "\n".join(found.problems)
    assert len(found.problems) == 4, problems
    assert "reflection: must be a date such as" in problems
    assert "nonsense: is not a calendar item of this program" in problems
    assert "2026-12-01 is not in the school year 2027-2028" in problems
    assert "no-such-program: is not an installed program" in problems
    template = templates["three-section-plan"]
    dates = due_dates(template, "2026-2027", dt.date(2026, 9, 1), found.moved("three-section-plan", "2026-2027"))
    assert dates["research"] == dt.date(2027, 2, 12)
    assert dates["reflection"] == dt.date(2027, 4, 13), "an item counted from a moved one moves with it"
    assert due_dates(template, "2027-2028", dt.date(2027, 9, 1))["research"] == dt.date(2028, 1, 31), "other years"

    ws = Workspace.open(folder, clock=Clock(TODAY))
    try:
        assert any("calendar.toml" in p for p in ws.catalog.problems), "listed with the program files' problems"
        plan_id = plans.create_plan(
            ws, plans.NewPlan("Zoë", "Lincoln", "", "", "three-section-plan", "2026-2027", dt.date(2026, 9, 1))
        )
        assert {i.id: i.due for i in plan_due(ws, plan_id)}["research"] == dt.date(2027, 2, 12)
    finally:
        ws.close()


def test_a_broken_district_calendar_file_leaves_the_template_dates(tmp_path, catalog):
    (tmp_path / "calendar.toml").write_text('["x"\n', encoding="utf-8")
    found = load_district_calendar(tmp_path, catalog.templates)
    assert found.dates == {} and "calendar.toml" in found.problems[0]


# ------------------------------------------------------------------ roles


def test_any_role_gets_a_person_that_survives_reopening_and_travels_in_a_bundle(tmp_path, catalog):
    folder = tmp_path / "data"
    install(folder)
    ws = Workspace.open(folder, clock=Clock(TODAY))
    try:
        new = plans.NewPlan(
            "Zoë",
            "Lincoln",
            "",
            "",
            "three-section-plan",
            "2026-2027",
            TODAY,
            others={"mentor": " Łukasz Mentor ", "site_admin": "Dr. 王 Site"},
        )
        plan_id = plans.create_plan(ws, new)
        exchange.send_plan(ws, plan_id, tmp_path / "plan.ilpbundle")
    finally:
        ws.close()
    ws = Workspace.open(folder, clock=Clock(TODAY))
    try:
        plan = ws.plan(plan_id)
        assert plan.person("mentor").name == "Łukasz Mentor" and plan.person("site_admin").name == "Dr. 王 Site"
        assert plan.person("nobody") is None
    finally:
        ws.close()
    other = tmp_path / "other"
    install(other)
    receiver = Workspace.open(other, clock=Clock(TODAY))
    try:
        exchange.receive_plan(receiver, tmp_path / "plan.ilpbundle")
        assert receiver.plans()[0].person("mentor").name == "Łukasz Mentor"
    finally:
        receiver.close()


# ------------------------------------------------------- through the windows


def test_a_three_part_program_with_its_own_roles_runs_through_the_windows(qtbot, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton
    from test_print_ui import export_dialog_export, sign_all_roles
    from wizard_driver import answer, choose, click, close_window, next_page, open_window, type_into

    from ilp_desktop.ui.export_dialog import ExportDialog
    from ilp_desktop.ui.sign_dialog import SignDialog

    folder = tmp_path / "data"
    install(folder)
    monkeypatch.setattr(ExportDialog, "offer_to_open", staticmethod(lambda *args: None))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    window = open_window(folder)
    seen: dict[str, bool] = {}

    def fill():
        dialog = QApplication.activeModalWidget()
        choose(next(c for c in dialog.findChildren(QComboBox) if c.accessibleName() == "Program"), "Three-Section")
        fields = {w.objectName(): w for w in dialog.findChildren(QLineEdit)}
        seen.update({name: fields[name].isVisibleTo(dialog) for name in ("coach", "administrator", "mentor")})
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        seen["labels"] = "&Mentor" in labels and "&Site Administrator" in labels
        type_into(fields["teacher"], "Aisha Rahman")
        type_into(fields["mentor"], "Łukasz Nowak")
        type_into(fields["site_admin"], "Dr. Grace Obi")
        click(next(b for b in dialog.findChildren(QPushButton) if b.text() == "Create ILP"))

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, fill)
    window.new_action.trigger()
    assert seen == {"coach": False, "administrator": False, "mentor": True, "labels": True}
    editor = window.editor
    plan = window.ws.plans()[0]
    assert plan.person("mentor").name == "Łukasz Nowak" and plan.person("site_admin").name == "Dr. Grace Obi"
    assert "Mentor Łukasz Nowak" in editor.identity.text()
    script = [w.text() for w in editor.current.findChildren(QLabel)]
    assert any("Mentor asks:" in t for t in script), "the wizard says mentor where the program's guide is one"

    # The self-assessment on the CSTP elements (the plan's 2024 edition), rated on the goal's page.
    from ilp_desktop.ui.continuum_view import ContinuumEditor

    (practice,) = editor.current.findChildren(ContinuumEditor)
    click(practice.new_button)
    level = practice.levels["1B"]
    level.setCurrentIndex(level.findText("Exploring"))
    level.activated.emit(level.currentIndex())

    monkeypatch.setattr(SignDialog, "exec", lambda self: sign_all_roles(self) or True)
    answers = {"goal": "Students explain their reasoning.", "research": "Tried talk moves.", "reflection": "Wait."}
    printed = {}
    for i, part in enumerate(("goal", "research", "reflection")):
        assert editor.current.page_id == part
        type_into(answer(window, part), answers[part])
        editor.save_now()
        if i < 2:
            next_page(window)
            assert editor.current.page_id == part and "once the" in told[-1], "the next part waits for signatures"
        printed[part] = tmp_path / f"{part}.pdf"
        export_dialog_export(window, plan.id, part, printed[part])
        click(editor.sign_button)
        assert editor.stage.currentData() == f"{part}_signed"
        if i < 2:
            next_page(window)
    assert editor.stage.currentText() == "Reflection and Application signed"
    assert window.ws.plans()[0].stage == "reflection_signed"

    for part, path in printed.items():
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
        assert answers[part] in text
        assert "Mentor" in text and "Łukasz Nowak" in text
    goal = " ".join(" ".join(p.extract_text() for p in PdfReader(printed["goal"]).pages).split())
    assert "Where my practice is" in goal and "Exploring" in goal, "the self-assessment prints with the goal"
    final = " ".join(" ".join(p.extract_text() for p in PdfReader(printed["reflection"]).pages).split())
    assert "Site Administrator" in final and "Dr. Grace Obi" in final

    # Setting the stage back by hand is confirmed, recorded and shown.
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Łukasz Nowak", True)))
    editor.stage.setCurrentIndex(editor.stage.findData("research_drafting"))
    assert window.ws.plans()[0].stage == "research_drafting"
    note = editor.override_note
    assert note.isVisibleTo(editor)
    assert "Stage set by hand from “Reflection and Application signed” to “Researching” by Łukasz Nowak" in note.text()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    editor.stage.setCurrentIndex(editor.stage.findData("drafting"))
    assert editor.stage.currentData() == "research_drafting", "a cancelled override changes nothing"
    close_window(window)


def test_the_documented_example_is_a_working_template(tmp_path, catalog):
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "forms" / "README.md").read_text(encoding="utf-8")
    example = readme.split("## A complete small example", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    t = load_template(install(tmp_path, example, "example.toml"), catalog.resources)
    assert t.part_ids == ("goal", "research", "reflection") and t.part("reflection").opens_on == (4, 1)
    assert t.stage_label("goal_signed") == "Goal agreed"
    calendar = readme.split("### The district's own dates", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "calendar.toml").write_text(calendar, encoding="utf-8")
    found = load_district_calendar(tmp_path, {t.id: t})
    assert found.problems == [] and found.moved(t.id, "2026-2027")["research"] == dt.date(2027, 2, 12)
