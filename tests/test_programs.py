"""Programs other than the conversation guide, driven like the guide: wizard, reopen, print."""

import datetime as dt

from pypdf import PdfReader
from wizard_driver import (
    TODAY,
    answer,
    choose,
    click,
    close_window,
    create_plan_through_dialog,
    fill_current_page,
    next_page,
    open_window,
    type_into,
)

from ilp_desktop.app.printing import export_pdf
from ilp_desktop.model.checks import check_field

GA = "ga-personalized-learning-plan"


def test_georgia_plan_through_the_wizard_reopened_and_printed(qtbot, data_dir, tmp_path):
    from ilp_desktop.storage.store import Store

    store = Store.open(data_dir)
    teacher = store.add_person("Dana Whitfield", "teacher", "District Office")
    coach = store.add_person("Renée Baptiste", "coach", "District Office")
    store.create_plan(GA, teacher, "2026-2027", dt.date(2026, 11, 1), coach_id=coach, school="District Office")
    store.close()
    window = open_window(data_dir)
    window.open_plan(1)
    editor = window.editor
    editor.confirm_leave = lambda missing: True
    texts = {
        "context": "We teach teachers.",
        "goals": "A PL menu and pathway for every teacher.",
        "timeline": "See the action steps.",
        "barriers": "Time.",
        "readiness": "Approved; a year to plan.",
        "pathway": "An overall PL badge for the year.",
        "resources.1.what": "Menu",
        "resources.1.need": "Offerings from the self-assessment.",
    }
    for i in range(1, 5):
        texts[f"steps.{i}.when"] = f"Spring {2026 + i}"
        texts[f"steps.{i}.step"] = f"Action number {i}"
    while True:
        page = editor.current
        if page.page_id == "standards":
            for box in page.inputs():  # tick two standards and one element
                if box.accessibleName().split(": ", 1)[1].startswith(("Standard 2:", "Standard 7:", "7.i ")):
                    click(box)
        if page.page_id == "menu":
            click(page.rows["menu"].add_button)
            type_into(answer(window, "menu.1.name"), "Quick bite: choice boards")
        fill_current_page(window, texts)
        if not editor.next.isEnabled():
            break
        next_page(window)
    editor.save_now()
    close_window(window)

    again = open_window(data_dir)
    assert again.editor.current.page_id == "finish", "the walk ends on the finish step"
    values = again.ws.store.values(1)
    assert values["standards"].split() == ["2", "7"] and values["elements"] == "7.i"
    assert values["steps.4.step"] == "Action number 4" and values["menu.1.name"] == "Quick bite: choice boards"
    done = export_pdf(again.ws, 1, None, "letter", tmp_path / "plp.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "plp.pdf").pages)
    for piece in (
        "Personalized Learning Plan",
        "Cell 3 – Action Steps",
        "Barriers & Readiness",
        "Standard 2: Learner Agency",
        "Action number 4",
        "Spring 2030",
        "An overall PL badge for the year.",
        "Candidate – printed name",
        "Program Instructor – printed name",
        "Dana Whitfield",
        "Renée Baptiste",
    ):
        assert piece in text, piece
    assert done.fingerprint in text
    close_window(again)


def test_an_action_plan_with_three_steps_is_flagged(catalog):
    template = catalog.template(GA)
    steps = template.field("steps")
    values = {f"steps.{i}.{s}": "x" for i in range(1, 4) for s in ("when", "step")}
    messages = [f.message for f in check_field(steps, template, catalog.resources, values, TODAY)]
    assert messages == ["Action steps: needs at least 4 action steps; 3 so far."]
    values.update({"steps": "4", "steps.4.when": "SY 2027", "steps.4.step": "Deploy"})
    assert check_field(steps, template, catalog.resources, values, TODAY) == []


def test_demo_has_a_plan_of_every_installed_program(data_dir, catalog):
    from ilp_desktop.samples import load_samples
    from ilp_desktop.storage.store import Store

    store = Store.open(data_dir)
    load_samples(store, catalog, TODAY)
    assert {p.program for p in store.plans()} == set(catalog.templates)
    ga = next(p for p in store.plans() if p.program == GA)
    assert store.values(ga.id)["steps"] == "6" and "Badgr" in store.values(ga.id)["steps.4.step"]
    store.close()


def test_no_module_names_a_program(catalog):
    """Programs are data: adding one means adding files, never editing Python."""
    from pathlib import Path

    import ilp_desktop

    code = "\n".join(p.read_text(encoding="utf-8") for p in Path(ilp_desktop.__file__).parent.rglob("*.py"))
    for template in catalog.templates.values():
        for name in (template.id, template.title, template.subtitle):
            assert name not in code, name


def test_stages_in_each_programs_words(catalog):
    assert catalog.template("ilp-conversation-guide").stage_label("initial_signed") == "Initial ILP signed"
    assert catalog.template(GA).stage_label("plan_signed") == "Plan signed"
    assert catalog.template(GA).stage_label("final_signed") == "Plan signed", "an earlier version's id, mapped"


def test_tisp_goals_are_due_sixty_days_after_enrolment_and_cycles_repeat(qtbot, data_dir, tmp_path, catalog):
    from ilp_desktop.model.calendar import plan_calendar
    from ilp_desktop.storage.store import Store

    template = catalog.template("tisp-ilp")
    (due,) = plan_calendar(template, "2026-2027", dt.date(2026, 9, 14), "drafting", [], TODAY)
    assert (due.due, due.state) == (dt.date(2026, 11, 13), "overdue")
    store = Store.open(data_dir)
    teacher = store.add_person("Mei-Ling Okonkwo-Santos", "teacher", "Riverside")
    store.create_plan("tisp-ilp", teacher, "2026-2027", dt.date(2026, 9, 14), stage="initial_signed")
    store.close()
    window = open_window(data_dir)
    window.open_plan(1)
    editor = window.editor
    editor.go_to(editor._page_index("inquiry"), confirm=False)
    cycles = editor.current.rows["cycles"]
    click(cycles.add_button)  # a second cycle of inquiry
    type_into(answer(window, "cycles.2.question"), "Does partner reading help my English learners?")
    editor.save_now()
    assert window.ws.store.values(1)["cycles"] == "2"
    done = export_pdf(window.ws, 1, "complete", "a4", tmp_path / "tisp.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "tisp.pdf").pages)
    for piece in (
        "Cycle 2 – Inquiry question",
        "Does partner reading help my English learners?",
        "Observation of Best Practice",
        "TISP Mentor – printed name",
        done.fingerprint,
    ):
        assert piece in text, piece
    assert editor.stage.currentText() == "Professional goals agreed", "stages in the program's words"
    close_window(window)


# ---------------------------------------------------------------- Induction ILP (ILP Directions)
INDUCTION = "induction-ilp"


def _messages(catalog, field_id, values, program=INDUCTION):
    template = catalog.template(program)
    return [f.message for f in check_field(template.field(field_id), template, catalog.resources, values, TODAY)]


def _goals(*standards):
    values = {"goals": str(len(standards))}
    for i, s in enumerate(standards, 1):
        values.update(
            {
                f"goals.{i}.standard": s,
                f"goals.{i}.goal": f"I will grow on CSTP {s}.",
                f"goals.{i}.pre_assessment": "Pre-test",
                f"goals.{i}.summative_assessment": "Unit test",
            }
        )
    return values


def test_year_two_demands_goals_for_cstp_3_4_and_5(catalog):
    assert _messages(catalog, "goals", {"track": "year2", **_goals("3", "4", "5")}) == []
    (problem,) = _messages(catalog, "goals", {"track": "year2", **_goals("1", "2")})
    assert problem.startswith("Year Two candidates write goals for CSTP 3, 4 and 5. Missing: Standard 3:")
    assert "Not expected: Standard 1: Engaging" in problem
    assert _messages(catalog, "goals", {"track": "year1", **_goals("1", "2")}) == []
    assert any(
        "One goal per CSTP standard" in m for m in _messages(catalog, "goals", {"track": "year1", **_goals("1", "1")})
    )


def test_no_goal_can_be_written_for_cstp_6(catalog):
    from ilp_desktop.model.values import choices

    template = catalog.template(INDUCTION)
    standard = template.field("goals").fields[0]
    assert [c.id for c in choices(standard, template, catalog.resources, {})] == ["1", "2", "3", "4", "5"]


def test_early_completion_demands_three_goals_and_a_rationale_for_each_other_standard(catalog):
    values = {"track": "early", **_goals("1", "4")}
    assert _messages(catalog, "goals", values) == [
        "Early Completion candidates write three goals on CSTP 1–5. (2 so far.)"
    ]
    values.update(_goals("1", "4", "5"))
    assert _messages(catalog, "goals", values) == []
    missing = _messages(catalog, "not_chosen", values)
    assert (
        "Give a rationale for each of CSTP 1–5 that has no goal. Missing: Standard 2: Creating and Maintaining "
        "Effective Environments for Student Learning; Standard 3: Understanding" in " ".join(missing)
    )
    values.update(
        {
            "not_chosen.1.standard": "2",
            "not_chosen.1.rationale": "A strength already.",
            "not_chosen.2.standard": "4",
            "not_chosen.2.rationale": "Covered by the site's PD.",
        }
    )
    (wrong,) = _messages(catalog, "not_chosen", values)
    assert wrong.endswith(
        "Missing: Standard 3: Understanding and Organizing Subject Matter for Student Learning. "
        "Not expected: Standard 4: Planning Instruction and Designing Learning Experiences for All Students."
    )
    values["not_chosen.2.standard"] = "3"
    assert _messages(catalog, "not_chosen", values) == []
    assert _messages(catalog, "not_chosen", {**values, "track": "year1"}) == [], "asked on Early Completion only"


def test_focus_students_one_of_each_kind_and_never_a_full_name(catalog):
    values = {"focus_students": "3"}
    for i, (kind, name) in enumerate((("el", "R.T."), ("sped", "Maria Lopez Garcia"), ("el", "K.L.")), 1):
        values.update(
            {
                f"focus_students.{i}.kind": kind,
                f"focus_students.{i}.pseudonym": name,
                f"focus_students.{i}.why": "Because.",
            }
        )
    messages = _messages(catalog, "focus_students", values)
    assert any(m.startswith("Focus student 2 – Use initials or a one-word pseudonym") for m in messages)
    assert any("Missing: Student of my choice." in m for m in messages)


def test_observations_classroom_management_for_year_one_and_early_completion(catalog):
    values = {"observations": "1", "observations.1.kind": "mentor", "observations.1.focus": "Goal 1"}
    needed = "Year One and Early Completion candidates observe classroom management in October. (0 so far.)"
    assert needed in _messages(catalog, "observations", {**values, "track": "year1"})
    assert needed not in _messages(catalog, "observations", {**values, "track": "year2"})
    assert "The Mentor Teacher conducts four observations through the year. (1 so far.)" in _messages(
        catalog, "observations", values
    )


def test_monthly_journal_rules_and_due_dates_roll_forward(catalog):
    from ilp_desktop.model.calendar import plan_calendar
    from ilp_desktop.model.checks import check_journal_entry
    from ilp_desktop.model.plan import Artifact

    rules = catalog.template(INDUCTION).journal
    one = [Artifact(1, "tally.csv", "x", 10, "text/csv", "Who speaks")]
    assert check_journal_entry(rules, one) == ["Each entry needs 2–3 artifacts; this one has 1."]
    assert check_journal_entry(rules, one, submitted=False) == [], "weekly notes are kept, not submitted"
    two = [*one, Artifact(2, "plan.pdf", "y", 10, "application/pdf", "")]
    assert check_journal_entry(rules, two) == [
        "Explain what each artifact shows and how it relates to the goal: plan.pdf."
    ]

    template = catalog.template(INDUCTION)
    for year, first in (("2026-2027", 2026), ("2027-2028", 2027)):
        items = plan_calendar(template, year, dt.date(first, 8, 10), "drafting", [], TODAY)
        due = {(i.title, i.due) for i in items}
        for title, month, day, y in (
            ("Learning goals due", 9, 21, first),
            ("Pathway to meeting growth goals due", 10, 28, first),
            ("Measurable outcomes due", 10, 28, first),
            ("ILP update due", 11, 30, first),
            ("ILP update due", 3, 15, first + 1),
            ("IC Monthly Journal (August)", 8, 30, first),
            ("IC Monthly Journal (February)", 2, 28, first + 1),
        ):
            assert (title, dt.date(y, month, day)) in due
        assert len([i for i in items if i.title.startswith("IC Monthly Journal")]) == 7
    late = plan_calendar(template, "2026-2027", dt.date(2026, 9, 14), "drafting", [dt.date(2026, 9, 30)], TODAY)
    journals = [i for i in late if i.title.startswith("IC Monthly Journal")]
    assert journals[0].title == "IC Monthly Journal (September)" and journals[0].done, (
        "no August journal before joining"
    )


def test_induction_ilp_through_the_wizard_reopened_and_printed(qtbot, data_dir, tmp_path):
    from ilp_desktop.app.overview import plan_rows

    window = open_window(data_dir)
    create_plan_through_dialog(window, "Björn Ødegård-Nakamura", program="Induction ILP")
    editor = window.editor
    editor.confirm_leave = lambda missing: True
    assert editor.current.page_id == "goals"
    not_chosen = editor.current.rows["not_chosen"]
    texts = {"track": "Early Completion", "focus_class": "English 9, period 2"}
    fill_current_page(window, texts)
    qtbot.waitUntil(lambda: not not_chosen.isHidden(), timeout=3000)  # asked once the track needs it
    goals = editor.current.rows["goals"]
    click(goals.add_button)
    for i, standard in enumerate(("Standard 1:", "Standard 4:", "Standard 5:"), 1):
        choose(answer(window, f"goals.{i}.standard"), standard)
        type_into(answer(window, f"goals.{i}.goal"), f"I will grow my practice, goal {i}.")
        type_into(answer(window, f"goals.{i}.pre_assessment"), f"Pre-test {i}")
        type_into(answer(window, f"goals.{i}.summative_assessment"), f"Summative {i}")
        type_into(answer(window, f"goals.{i}.outcome"), f"{70 + i}% of my students will improve 20%.")
    for i, standard in ((1, "Standard 2:"), (2, "Standard 3:")):
        choose(answer(window, f"not_chosen.{i}.standard"), standard)
        type_into(answer(window, f"not_chosen.{i}.rationale"), f"Not chosen reason {i}.")
    editor.update_guidance()
    assert "Needed" not in goals.findings.text() and "Needed" not in not_chosen.findings.text()
    choose(answer(window, "track"), "Year Two")
    editor.update_guidance()
    assert (
        not_chosen.isHidden()
        and "Year Two candidates write goals for CSTP 3, 4 and 5. Missing: Standard 3" in goals.findings.text()
    )
    choose(answer(window, "track"), "Early Completion")
    next_page(window)
    assert editor.current.page_id == "students"
    for i, (kind, name) in enumerate((("English", "M.A."), ("Special", "D.J."), ("Student of my", "Owl")), 1):
        choose(answer(window, f"focus_students.{i}.kind"), kind)
        type_into(answer(window, f"focus_students.{i}.pseudonym"), name)
        type_into(answer(window, f"focus_students.{i}.why"), f"Focus reason {i}.")
    next_page(window)
    assert editor.current.page_id == "pathway"
    for i in (1, 2):
        type_into(answer(window, f"pd.{i}.activity"), f"Workshop {i}")
        choose(answer(window, f"pd.{i}.standard"), "Standard 1:")
        type_into(answer(window, f"pd.{i}.rationale"), f"PD rationale {i}.")
    choose(answer(window, "observations.1.kind"), "I observe classroom management")
    type_into(answer(window, "observations.1.focus"), "Routines in room 12")
    editor.save_now()
    close_window(window)

    again = open_window(data_dir)
    assert again.editor.current.page_id == "pathway"
    values = again.ws.store.values(1)
    assert values["track"] == "early" and values["goals.3.standard"] == "5" and values["not_chosen.2.standard"] == "3"
    assert values["focus_students.3.pseudonym"] == "Owl"
    (row,) = plan_rows(again.ws)
    assert row.details == "Early Completion Option (three of CSTP 1–5)", "the program's own list column"
    done = export_pdf(again.ws, 1, "initial", "letter", tmp_path / "ilp.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "ilp.pdf").pages)
    for piece in (
        "Induction ILP",
        "Cell 1 – Individual Learning Goals",
        "Cell 2 – Focus Students",
        "Cell 3 – Pathway to Meeting Growth Goals",
        "Early Completion Option",
        "English 9, period 2",
        "Standard 4: Planning Instruction",
        "I will grow my practice, goal 3.",
        "73% of my students will improve 20%.",
        "Not chosen reason 2.",
        "Rationale CSTP standard",  # a table: an item per row under one header
        "Focus reason 1.",
        "Owl",
        "Workshop 2",
        "PD rationale 2.",
        "Routines in room 12",
        "Björn Ødegård-Nakamura",
        "Induction Candidate – printed name",
        "Mentor Teacher – printed name",
        "Site Administrator – printed name",
    ):
        assert piece in text, piece
    assert "ILP Updates" not in text, "the update cell prints with the updated ILP"
    assert done.fingerprint in text
    close_window(again)


# ---------------------------------------------------------------- Individual Leadership Plan (administrators)
LEADERSHIP = "individual-leadership-plan"


def test_cpsel_ships_six_standards_and_their_elements(catalog):
    cpsel = catalog.resources.standards("cpsel")
    assert [s.key for s in cpsel.standards] == ["1", "2", "3", "4", "5", "6"]
    assert [e.key for e in cpsel.standards[2].elements] == ["3A", "3B", "3C", "3D"]
    assert sum(len(s.elements) for s in cpsel.standards) == 19
    assert cpsel.standards[3].title.startswith("Family and Community Engagement")


def test_leadership_plan_wants_three_to_four_entries_per_inquiry_and_two_evidence(catalog):
    entries = {"inquiry1": "2"}
    for i in (1, 2):
        entries.update(
            {
                f"inquiry1.{i}.date": "2026-10-01",
                f"inquiry1.{i}.action": "Feedback form",
                f"inquiry1.{i}.evidence": "Walkthrough log",
            }
        )
    assert _messages(catalog, "inquiry1", entries, LEADERSHIP) == [
        "Inquiry 1 – implementation entries: needs 3 to 4 entries; 2 so far."
    ]
    entries.update(
        {
            "inquiry1": "3",
            "inquiry1.3.date": "2026-10-20",
            "inquiry1.3.action": "Modelled protocol",
            "inquiry1.3.evidence": "7 of 12 lessons",
        }
    )
    assert _messages(catalog, "inquiry1", entries, LEADERSHIP) == []
    assert _messages(catalog, "inquiry2", {"cycles": "1"}, LEADERSHIP) == [], "a second inquiry only when there is one"
    assert _messages(catalog, "inquiry2", {"cycles": "2"}, LEADERSHIP)[0].startswith(
        "Inquiry 2 – implementation entries: needs"
    )
    assert _messages(catalog, "reflection2", {"cycles": "2"}, LEADERSHIP) == [
        "Reflection on inquiry 2: please fill this in."
    ]
    one = {"evidence": "1", "evidence.1.entry": "Entry 3", "evidence.1.what": "Talk rose to 58%"}
    assert _messages(catalog, "evidence", one, LEADERSHIP) == [
        "Evidence from the Ongoing Implementation: needs exactly 2 pieces of evidence; 1 so far."
    ]


def test_leadership_plan_asks_for_impact_on_each_stakeholder(catalog):
    template = catalog.template(LEADERSHIP)
    labels = [f.label for f in template.fields_in_cell("7")]
    for who in ("staff", "students", "families", "the community"):
        assert f"Impact on {who}" in labels
    assert template.field("cpsel_referenced").source == "cpsel:standards"
    (milestone,) = [c for c in template.calendar if c.id == "milestone"]
    assert template.part("initial").cells == ("1", "2", "3", "4") and milestone.month_day == (11, 30)


def test_a_sample_naming_a_missing_profile_says_where(data_dir, catalog, monkeypatch, tmp_path):
    import pytest

    from ilp_desktop import samples
    from ilp_desktop.model.errors import TemplateError
    from ilp_desktop.storage.store import Store

    broken = tmp_path / "tisp-ilp.toml"
    text = (samples.sample_files()[0].parent / "tisp-ilp.toml").read_text(encoding="utf-8")
    broken.write_text(text.replace('profile = "reading-groups"', 'profile = "nope"'), encoding="utf-8")
    monkeypatch.setattr(samples, "sample_files", lambda: [broken])
    store = Store.open(data_dir)
    with pytest.raises(TemplateError) as err:
        samples.load_samples(store, catalog, TODAY)
    assert (err.value.file, err.value.key) == (str(broken), "plans[0].profile")
    store.close()
