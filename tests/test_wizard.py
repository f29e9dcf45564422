"""The coaching wizard, driven with keystrokes and clicks, then reopened from the same data folder."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QToolButton
from wizard_driver import (
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

from ilp_desktop.storage.store import Store

TEXTS = {
    "induction_year": "Year 1",
    "transition_reflections": "Routines were named as my first area to grow.",
    "focus_domain": "Domain 2",
    "focus_marker": "2A",
    "cstp_element": "2B",  # a plan of 2026-27 cites the 2024 CSTP
    "goal": "Over the next five weeks I will teach three routines so that class starts within 3 minutes.",
    "outcomes.1.kind": "Quantitative",
    "outcomes.1.description": "Minutes from bell to instruction, timed daily.",
    "sources.1.kind": "Observation of a Peer",
    "sources.1.who": "Ms. Alvarez, 7th grade science",
    "sources.1.what": "Her entry routine",
    "sources.1.why": "Shows my goal in action",
    "sources.2.kind": "Educational Publication",
    "sources.2.who": "Wong and Wong",
    "sources.2.what": "Procedures and routines",
    "sources.2.why": "A method for teaching routines",
    "sources.2.authority": "Harry K. Wong Publications",
    "sources.2.year": "2018",
    "sources.2.audience": "K-12 teachers",
    "admin_meeting": "2026-10-05",
    "admin_comments": "Strong goal.",
    "reviewer_feedback": "Added baseline data.",
    "timeline.1.research": "2026-10-06/2026-11-10",
    "timeline.1.implementation": "2026-10-08/2026-11-12",
    "timeline.2.research": "2026-10-10/2026-11-14",
    "timeline.2.implementation": "2026-10-12/2026-11-16",
    "learnings.1.text": "Teach procedures like content.",
    "learnings.2.text": "A visible timer helps.",
    "progress.1.text": "Down from 9 to 4 minutes.",
    "progress.2.text": "3 minutes on 4 of 5 days.",
    "growth": "I now teach routines explicitly.",
    "next_steps": "Add a closing routine.",
    **{f"reflection.{d}.rationale": f"Why I rated domain {d} this way." for d in range(1, 6)},
}


def new_plan_at(data_dir, page_id: str, answers: dict[str, str] | None = None):
    """The window with a new plan, given these answers, open at one of its pages."""
    window = open_window(data_dir)
    create_plan_through_dialog(window, "Daniel Kim")
    for key, text in (answers or {}).items():
        window.editor.draft.set(key, text)
    window.editor.go_to(window.editor._page_index(page_id), confirm=False)
    return window, window.editor


def test_whole_conversation_then_reopen(qtbot, data_dir, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Dr. Ramona Ellis", True)))
    window = open_window(data_dir)
    assert window.stack.currentWidget() is window.welcome, "an empty data folder opens on the welcome screen"
    create_plan_through_dialog(window, "Zoë O'Brien-Łukasiewicz")
    editor = window.editor
    assert editor is not None and editor.current.page_id == "welcome"
    asked = []
    editor.confirm_leave = lambda missing: asked.append(missing) or True
    visited = []
    while True:
        page = editor.current
        visited.append(page.page_id)
        if page.page_id == "admin-collaborative":
            choose(editor.stage, "Initial ILP signed")  # the administrator signed: the Final ILP opens
        fill_current_page(window, TEXTS)
        if page.page_id == "outcomes":
            assert editor.current.rows["outcomes"].add_button.isEnabled()
        if not editor.next.isEnabled():
            break
        next_page(window)
    assert visited[:6] == [
        "welcome",
        "tpf-reflection#1",
        "tpf-reflection#2",
        "tpf-reflection#3",
        "tpf-reflection#4",
        "tpf-reflection#5",
    ], "the framework is walked domain 1 → 5"
    assert visited[-2:] == ["reflection-summative", "finish"] and len(visited) == 17
    assert asked == [], f"every required item was answered, yet the wizard asked: {asked}"
    finish = editor.current
    assert [finish.summaries[p].text().split("</h3>")[0] for p in ("initial", "final")] == [
        "<h3>✓ Initial ILP",
        "<h3>✓ Final ILP",
    ]
    assert editor.position.text() == "Step 17 of 17 · 17 of 17 done"
    assert all(editor.steps.item(i).text().lstrip().startswith("✓") for i in range(17))
    editor.step_by(-1)
    last_field = answer(window, "next_steps")
    last_field.setFocus()
    qtbot.waitUntil(lambda: editor.save_state.text() == "Saved", timeout=3000)
    saved = Store.open(data_dir)
    plan = saved.plans()[0]
    values = saved.values(plan.id)
    saved.close()
    for key, text in TEXTS.items():
        if key not in ("induction_year", "focus_domain", "focus_marker", "cstp_element") and "kind" not in key:
            assert values[key] == text, key
    assert values["focus_domain"] == "2" and values["focus_marker"] == "2A" and values["cstp_element"] == "2B"
    assert values["sources.2.kind"] == "publication" and values["induction_year"] == "year1"
    assert values["reflection.2.2A"] == "developing" and values["reflection.1.1B"] == "applying"
    close_window(window)

    again = open_window(data_dir)
    assert again.editor is not None, "reopening returns to the open plan"
    assert again.editor.plan.teacher_name == "Zoë O'Brien-Łukasiewicz"
    assert again.editor.current.page_id == "reflection-summative"
    assert answer(again, "next_steps").toPlainText() == "Add a closing routine."
    focused = again.focusWidget()
    assert focused is not None and focused.property("answer_key") == "next_steps", "and to the same field"
    close_window(again)


def test_unanswered_required_items_ask_before_moving_on(qtbot, data_dir):
    window = open_window(data_dir)
    create_plan_through_dialog(window, "Liam Chen")
    editor = window.editor
    asked = []
    editor.confirm_leave = lambda missing: asked.append(missing) or False  # "stay on this step"
    next_page(window)  # the welcome step has nothing required
    assert editor.current.page_id == "tpf-reflection#1"
    next_page(window)
    assert editor.current.page_id == "tpf-reflection#1", "staying put when the user says so"
    assert any("rationale for the ratings is required" in m for m in asked[0])
    findings = editor.current.rows["reflection.1.rationale"].findings
    assert findings.isVisible() or not findings.isHidden()
    assert "⚠ Needed" in findings.text(), "severity is spelled out, not only coloured"
    editor.confirm_leave = lambda missing: True  # "continue, keep as draft"
    next_page(window)
    assert editor.current.page_id == "tpf-reflection#2"
    close_window(window)


def test_final_steps_stay_locked_until_the_initial_ilp_is_signed(qtbot, data_dir, monkeypatch):
    window = open_window(data_dir)
    create_plan_through_dialog(window, "Aisha Rahman")
    editor = window.editor
    editor.confirm_leave = lambda missing: True
    from PySide6.QtWidgets import QMessageBox

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    editor.go_to(editor._page_index("admin-collaborative"), confirm=False)
    next_page(window)
    assert editor.current.page_id == "admin-collaborative" and "Initial ILP is signed" in told[0]
    close_window(window)


def test_earlier_wording_can_be_restored(qtbot, data_dir, monkeypatch):
    window, editor = new_plan_at(data_dir, "growth-goal")
    goal = answer(window, "goal")
    type_into(goal, "First wording of my goal")
    editor.save_now()
    # Pretend the first wording was typed yesterday, so the next one is a new history entry.
    window.ws.store.db.execute("UPDATE field_history SET saved_at = '2026-01-01T00:00:00.000+00:00'")
    goal.selectAll()
    type_into(goal, "Second wording")
    editor.save_now()
    from ilp_desktop.ui import history_dialog

    monkeypatch.setattr(history_dialog.HistoryDialog, "exec", lambda self: True)
    editor.show_history("goal", "Professional Growth Goal")
    assert goal.toPlainText() == "First wording of my goal"
    assert window.ws.store.values(editor.plan.id)["goal"] == "First wording of my goal"
    close_window(window)


def test_teacher_mode_hides_the_coach_script(qtbot, data_dir):
    window = open_window(data_dir)
    create_plan_through_dialog(window, "Grace Okafor")
    editor = window.editor
    editor.go_to(editor._page_index("focus-domain"), confirm=False)
    script = editor.current.findChild(type(editor.current.coach_widgets[-1]), "coachScript")
    assert script.isVisible()
    window.coach_action.trigger()  # Ctrl+M: teacher mode
    assert not script.isVisible()
    assert "Teacher:" in " ".join(w.text() for w in editor.current.findChildren(type(editor.identity)))
    close_window(window)


CHILD = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {tests!r})
    from pathlib import Path
    from PySide6.QtTest import QTest
    from wizard_driver import open_window, answer, type_into
    window = open_window(Path({folder!r}))
    window.open_plan(1)
    editor = window.editor
    editor.go_to(editor._page_index("growth-goal"), confirm=False)
    goal = answer(window, "goal")
    goal.setFocus()
    words = [f"word{{i}}" for i in range(10000)]
    acknowledged = 0
    for i, word in enumerate(words):
        type_into(goal, word + " ")
        if i % 7 == 6:
            QTest.qWait(450)  # a pause in typing: the autosave fires
            if editor.save_state.text() == "Saved":
                print("SAVED", goal.toPlainText(), flush=True)
""")


def test_text_acknowledged_as_saved_survives_sigkill(tmp_path, data_dir):
    store = Store.open(data_dir)
    teacher = store.add_person("José Núñez", "teacher")
    import datetime as dt

    store.create_plan("ilp-conversation-guide", teacher, "2026-2027", dt.date(2026, 9, 1))
    store.close()
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(tests=str(Path(__file__).parent), folder=str(data_dir)), encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    acknowledged = ""
    try:
        for line in child.stdout:
            if line.startswith("SAVED "):
                acknowledged = line[len("SAVED ") :].rstrip("\n")
                if acknowledged.count("word") >= 14:
                    os.kill(child.pid, signal.SIGKILL)  # right after the "Saved" state, mid-typing
                    break
    finally:
        child.kill()
        child.wait(timeout=30)
    assert acknowledged.count("word") >= 14
    after = Store.open(data_dir)
    goal = after.values(1)["goal"]
    after.close()
    assert goal.startswith(acknowledged.rstrip()), "every acknowledged word is in the data file"


def test_ratings_move_with_arrow_keys_and_say_what_each_level_means(qtbot, data_dir):
    from ilp_desktop.ui.fields import RatingEditor

    window, editor = new_plan_at(data_dir, "tpf-reflection#1")
    rating = editor.current.findChildren(RatingEditor)[0]
    first = rating.buttons[0]
    assert "Not rated yet" in rating.meaning.text()
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Right)  # nothing chosen yet: the arrow chooses, no Space needed
    assert rating.buttons[1].isChecked() and window.focusWidget() is rating.buttons[1]
    assert editor.draft.get(rating.key) == "developing"
    assert rating.meaning.text() == "Developing: I do this sometimes; it does not yet work consistently."
    qtbot.keyClick(rating.buttons[1], Qt.Key.Key_Left)
    assert editor.draft.get(rating.key) == "beginning" and first.toolTip().startswith("I am learning")
    close_window(window)


def test_earlier_wordings_open_from_the_keyboard(qtbot, data_dir, monkeypatch):
    window, editor = new_plan_at(data_dir, "growth-goal")
    opened = []
    monkeypatch.setattr(editor, "show_history", lambda key, label: opened.append(key))
    editor.ctx.show_history = editor.show_history
    goal = answer(window, "goal")
    window.activateWindow()  # shortcuts reach only the active window
    qtbot.waitUntil(window.isActiveWindow)
    goal.setFocus()
    qtbot.keyClick(goal, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["goal"]
    close_window(window)


def test_step_marks_and_the_finish_step_print_for_signature(qtbot, data_dir, monkeypatch):
    from ilp_desktop.ui import export_dialog

    window = open_window(data_dir)
    create_plan_through_dialog(window, "Daniel Kim")
    editor = window.editor
    goal_step = editor._page_index("growth-goal")
    assert editor.steps.item(goal_step).text().startswith("⚠"), "nothing written yet"
    assert " of 17 done" in editor.position.text()
    editor.go_to(editor._page_index("finish"), confirm=False)
    summary = editor.current.summaries["initial"].text()
    assert summary.startswith("<h3>⚠ Initial ILP") and "Still needed" in summary
    shown = []
    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda self: shown.append(self.part.currentData()))
    button = next(b for b in editor.current.findChildren(QPushButton) if b.text().startswith("Print the Final ILP"))
    click(button)
    assert shown == ["final"], "the export opens at the part asked for"
    close_window(window)


def test_the_goal_and_outcomes_steps_show_the_earlier_answers_they_build_on(qtbot, data_dir):
    answers = {"focus_domain": "2", "goal": "Start instruction within 3 minutes of the bell."}
    window, editor = new_plan_at(data_dir, "growth-goal", answers)
    shown = [label.text() for label in editor.current.recalled]
    assert shown[0].startswith("<b>Focus Domain:</b> Domain 2: ") and "not answered yet" in shown[1]
    editor.go_to(editor._page_index("outcomes"), confirm=False)
    assert "Start instruction within 3 minutes of the bell." in editor.current.recalled[0].text()
    change = next(
        b for b in editor.current.findChildren(QToolButton) if b.accessibleName() == "Change Professional Growth Goal"
    )
    click(change)
    assert editor.current.page_id == "growth-goal" and window.focusWidget().property("answer_key") == "goal"
    close_window(window)


def test_a_template_recalls_only_fields_of_earlier_steps(tmp_path):
    from ilp_desktop.model.catalog import load_catalog
    from ilp_desktop.model.errors import TemplateError
    from ilp_desktop.model.template import load_template

    catalog = load_catalog()
    source = Path(catalog.template("ilp-conversation-guide").path).read_text(encoding="utf-8")
    broken = tmp_path / "t.toml"
    broken.write_text(source.replace('recall = ["goal"]', 'recall = ["next_steps"]', 1), encoding="utf-8")
    with pytest.raises(TemplateError, match="'next_steps' is not a field of an earlier step"):
        load_template(broken, catalog.resources)


def test_cells_5_and_6_name_each_research_source(qtbot, data_dir):
    who = "Harry K. Wong and Rosemary T. Wong, educators and authors of classroom texts."
    window, editor = new_plan_at(data_dir, "timeline", {"sources": "2", "sources.1.who": who, "timeline": "2"})
    titles = [box.title() for box in editor.current.rows["timeline"].boxes]
    assert titles == [
        "Research source 1: Harry K. Wong and Rosemary T. Wong, educators and authors …",
        "Research source 2",
    ], "named after what cell 4 says of it, or by number while it says nothing"
    close_window(window)
