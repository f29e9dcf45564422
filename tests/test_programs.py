"""Programs other than the conversation guide, driven like the guide: wizard, reopen, print."""

import datetime as dt

from pypdf import PdfReader
from wizard_driver import TODAY, answer, click, close_window, fill_current_page, next_page, open_window, type_into

from ilp_desktop.export.service import export_pdf
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
    texts = {"context": "We teach teachers.", "goals": "A PL menu and pathway for every teacher.",
             "timeline": "See the action steps.", "barriers": "Time.", "readiness": "Approved; a year to plan.",
             "pathway": "An overall PL badge for the year.", "resources.1.what": "Menu",
             "resources.1.need": "Offerings from the self-assessment."}
    for i in range(1, 5):
        texts[f"steps.{i}.when"] = f"Spring {2026 + i}"
        texts[f"steps.{i}.step"] = f"Action number {i}"
    while True:
        page = editor.current
        if page.page_id == "standards":
            for box in page.inputs():  # tick two standards and one element
                if box.text().startswith(("Standard 2:", "Standard 7:", "7.i ")):
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
    assert again.editor.current.page_id == "menu"
    values = again.store.values(1)
    assert values["standards"].split() == ["2", "7"] and values["elements"] == "7.i"
    assert values["steps.4.step"] == "Action number 4" and values["menu.1.name"] == "Quick bite: choice boards"
    done = export_pdf(again.store, again.catalog, 1, None, "letter", tmp_path / "plp.pdf", TODAY)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "plp.pdf").pages)
    for piece in ("Personalized Learning Plan", "Cell 3 – Action Steps", "Barriers & Readiness",
                  "Standard 2: Learner Agency", "Action number 4", "Spring 2030", "An overall PL badge for the year.",
                  "Candidate – printed name", "Program Instructor – printed name", "Dana Whitfield", "Renée Baptiste"):
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
    assert catalog.template(GA).stage_label("initial_signed") == "Signed"


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
    assert window.store.values(1)["cycles"] == "2"
    done = export_pdf(window.store, window.catalog, 1, "complete", "a4", tmp_path / "tisp.pdf", TODAY)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "tisp.pdf").pages)
    for piece in ("Cycle 2 – Inquiry question", "Does partner reading help my English learners?",
                  "Observation of Best Practice", "TISP Mentor – printed name", done.fingerprint):
        assert piece in text, piece
    assert editor.stage.currentText() == "Professional goals agreed", "stages in the program's words"
    close_window(window)
