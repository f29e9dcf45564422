"""The coach's dashboard: filters, full-text search, the week, timeline, journal and outcome data."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem
from wizard_driver import choose, click, close_window, open_window, type_into

from ilp_desktop.model.checks import check_journal_entry
from ilp_desktop.model.plan import Artifact
from ilp_desktop.model.template import JournalRules
from ilp_desktop.ui.plan_list import MATCH, STATUS, highlight


def open_tab(data_dir, teacher: str, tab: str):
    """Open the main window, the teacher's plan, and one of its dashboard tabs."""
    window = open_window(data_dir)
    plan = next(p for p in window.ws.store.plans() if p.teacher_name == teacher)
    window.open_plan(plan.id)
    window.plan_tabs.setCurrentWidget(getattr(window.plan_tabs, tab))
    return window, plan, getattr(window.plan_tabs, tab)


def visible_teachers(window) -> list[str]:
    proxy = window.plan_list.proxy
    return sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount()))


def test_filters_and_search_find_the_right_plans(qtbot, sample_dir):
    window = open_window(sample_dir)
    page = window.plan_list
    everyone = len(window.ws.store.plans())
    assert len(visible_teachers(window)) == everyone
    choose(page.stage, "Drafting")
    assert visible_teachers(window) == [
        "Aisha Rahman",
        "Joaquín Salazar",
        "Liam Chen",
        "Sofía Castillo",
        "Tomasz Wiśniewski",
    ], "every program's drafts, whatever it calls the stage"
    choose(page.program, "ILP Conversation Guide")
    assert visible_teachers(window) == ["Aisha Rahman", "Liam Chen", "Sofía Castillo"]
    choose(page.program, "All programs")
    choose(page.school, "Valley High School")
    assert visible_teachers(window) == ["Liam Chen"]
    choose(page.stage, "All stages")
    choose(page.school, "All schools")
    choose(page.program, "ILP Conversation Guide")
    click(page.overdue)
    # Hannah is five weeks in with no note of a weekly check-in since the Initial ILP was due
    assert visible_teachers(window) == [
        "Daniel Kim",
        "Fatima Al-Sayed",
        "Hannah Schmidt",
        "José Núñez",
        "Sofía Castillo",
    ]
    click(page.overdue)
    choose(page.program, "All programs")

    type_into(page.search, "timer")  # only in journals and learnings, not in any visible column
    page.run_search()
    assert visible_teachers(window) == ["Grace Okafor", "Itzel Ramírez-Cho", "José Núñez", "Marcus Johnson"]
    assert not page.table.isColumnHidden(MATCH)
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == "José Núñez")
    match = page.proxy.index(row, MATCH).data()
    assert "\x02timer\x03" in match.lower(), "the match is marked for highlighting"
    assert "<b>timer</b>" in highlight(match).lower()
    page.search.clear()
    type_into(page.search, "hinge whiteb")  # every word, in any order, as prefixes
    page.run_search()
    assert visible_teachers(window) == ["Daniel Kim", "Zoë O'Brien-Łukasiewicz"], "Liam has no goal yet"
    page.search.clear()
    type_into(page.search, "wiliam okoro")  # words from two different answers of one plan
    page.run_search()
    assert visible_teachers(window) == ["Daniel Kim", "Zoë O'Brien-Łukasiewicz"]
    page.search.clear()
    type_into(page.search, "okafor")  # names are searched too
    page.run_search()
    assert visible_teachers(window) == ["Grace Okafor"]
    page.search.clear()
    page.run_search()
    assert page.table.isColumnHidden(MATCH) and len(visible_teachers(window)) == everyone
    close_window(window)


def test_search_ignores_accents_and_punctuation(sample_dir):
    from ilp_desktop.storage.store import Store

    store = Store.open(sample_dir)
    plan = store.plans()[0].id
    store.save(plan, {"growth": "Señora Núñez’s “entrance” routine"})
    assert plan in store.search("nunez")
    assert plan in store.search('entrance" (*')  # no query syntax leaks through
    assert store.search("   ") == set()
    assert "\x02Núñez\x03" in store.snippet(plan, "nunez")
    store.close()


def test_journal_entry_with_two_artifacts_persists_across_reopen(qtbot, sample_dir, tmp_path):
    window, plan, journal = open_tab(sample_dir, "Aisha Rahman", "journal")
    journal.new_entry(dt.date(2026, 11, 20))
    type_into(journal.title, "Week 2 – exit tickets")
    journal.body.setFocus()
    type_into(journal.body, "Students used the frames.")
    files = []
    for name in ("exit tickets.pdf", "Nguyễn tally.csv"):
        path = tmp_path / name
        path.write_bytes(b"artifact " + name.encode())
        files.append(str(path))
    journal.attach(files)
    for row, text in ((0, "Shows who met the target"), (1, "Counts of oral responses")):
        journal.artifacts.item(row, 3).setText(text)  # as typed into the explanation cell
    window.save_now()  # Ctrl+S
    close_window(window)

    again = open_window(sample_dir)
    assert again.editor is not None and again.editor.plan.id == plan.id
    again.plan_tabs.setCurrentWidget(again.plan_tabs.journal)
    journal = again.plan_tabs.journal
    entry = next(e for e in journal.entries if e.title == "Week 2 – exit tickets")
    assert entry.body == "Students used the frames." and entry.entry_date == dt.date(2026, 11, 20)
    assert sorted((a.filename, a.explanation) for a in entry.artifacts) == [
        ("Nguyễn tally.csv", "Counts of oral responses"),
        ("exit tickets.pdf", "Shows who met the target"),
    ]
    for a in entry.artifacts:
        assert again.ws.store.artifact_path(a).read_bytes() == b"artifact " + a.filename.encode()
    assert any("(2 files)" in journal.list.item(i).text() for i in range(journal.list.count()))
    close_window(again)


def test_program_journal_rules():
    rules = JournalRules(artifacts_min=2, artifacts_max=3, explain_artifacts=True)
    one = [Artifact(1, "a.pdf", "x", 1, "", "Shows growth")]
    assert check_journal_entry(rules, one) == ["Each entry needs 2–3 artifacts; this one has 1."]
    two = [*one, Artifact(2, "b.pdf", "y", 1, "", "")]
    assert check_journal_entry(rules, two) == [
        "Explain what each artifact shows and how it relates to the goal: b.pdf."
    ]
    assert check_journal_entry(JournalRules(), []) == []


@pytest.mark.parametrize(
    "today, expected",
    [
        (dt.date(2026, 11, 18), "Due in 1 day"),
        (dt.date(2026, 11, 19), "Due today"),
        (dt.date(2026, 11, 22), "Overdue by 3 days"),
    ],
)
def test_an_item_is_overdue_from_the_day_after_it_is_due(qtbot, data_dir, today, expected):
    from ilp_desktop.storage.store import Store

    store = Store.open(data_dir)
    teacher = store.add_person("Keanu Kahale", "teacher", "Valley High School")
    # start 2026-10-08 → Initial ILP due 21 days later, on 2026-10-29; the check-in 21 days after that, 2026-11-19,
    # with the third weekly check-in (the first two held: their weeks' notes are in the journal)
    plan = store.create_plan(
        "ilp-conversation-guide", teacher, "2026-2027", dt.date(2026, 10, 8), stage="initial_signed"
    )
    for held in (dt.date(2026, 11, 2), dt.date(2026, 11, 9)):
        store.add_journal_entry(plan, held, "Weekly check-in", "")
    store.close()
    window = open_window(data_dir, today)
    page = window.plan_list
    assert page.proxy.index(0, STATUS).data().endswith(expected)
    window.home.setCurrentWidget(window.week)  # the "This week" tab
    day = window.week.tree.topLevelItem(0)
    heading = {18: "Tomorrow – Thursday 19 November", 19: "Today – Thursday 19 November", 22: "Overdue"}[today.day]
    assert day.text(0) == f"{heading} (2)" and day.child(0).text(1) == "Keanu Kahale"
    titles = [day.child(i).text(0) for i in range(day.childCount())]
    assert any("Weekly check-in with coach 3 of" in t for t in titles), "This week lists the week's check-in"
    assert day.child(0).text(2).endswith(expected)
    close_window(window)


def test_the_week_is_grouped_by_day_and_enter_opens_the_plan(qtbot, sample_dir):
    window = open_window(sample_dir)
    window.home.setCurrentWidget(window.week)
    tree = window.week.tree
    headings = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert headings and all(
        h.startswith(
            (
                "Overdue",
                "Today",
                "Tomorrow",
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            )
        )
        for h in headings
    )
    assert len(headings) == len(set(headings)), "one heading a day"
    first = tree.topLevelItem(0).child(0)
    tree.setFocus()
    tree.setCurrentItem(first)
    with qtbot.waitSignal(window.week.open_plan) as opened:
        tree.activated.emit(tree.currentIndex())
    assert opened.args == [first.data(0, Qt.ItemDataRole.UserRole)]
    close_window(window)


def test_find_moves_into_the_results_by_down_or_enter(qtbot, sample_dir):
    window = open_window(sample_dir)
    page = window.plan_list
    page.search.setFocus()
    type_into(page.search, "Kim")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert window.focusWidget() is page.table and page.table.currentIndex().data() == "Daniel Kim"
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert window.focusWidget() is page.table
    close_window(window)


def test_timeline_shows_ranges_and_due_dates_and_a_click_opens_the_field(qtbot, sample_dir):
    window, plan, timeline = open_tab(sample_dir, "José Núñez", "timeline")
    tabs, table = window.plan_tabs, timeline.table
    rows = {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())
    }
    assert rows["Research cycle check-in with coach (cells 5–6 under way)"] == ("2026-11-19", "✕ overdue by 3 days")
    assert rows["Initial ILP (cells 1–4) signed by administrator and uploaded"][1] == "✓ done"
    start = plan.start_date
    assert (
        rows["Research source 1 – Research: start and end date"][0]
        == f"{start + dt.timedelta(days=22)} – {start + dt.timedelta(days=57)}"
    )
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text().startswith("Research source 2 – Research"))
    table.setCurrentCell(row, 0)
    table.activated.emit(table.currentIndex())
    assert tabs.currentWidget() is window.editor and window.editor.current.page_id == "timeline"
    assert window.editor.focusWidget().property("answer_key") == "timeline.2.research"
    close_window(window)


def test_the_timeline_lists_dates_not_set_yet_to_add_them(qtbot, sample_dir):
    from ilp_desktop.ui.timeline_view import NOT_SET

    window, _plan, timeline = open_tab(sample_dir, "Aisha Rahman", "timeline")  # a plan still being drafted
    table = timeline.table
    unset = [r for r in range(table.rowCount()) if table.item(r, 1).text() == NOT_SET]
    assert unset, "the dates the plan asks for and has not got are listed"
    key = timeline.rows[unset[0]]
    table.setCurrentCell(unset[0], 0)
    table.activated.emit(table.currentIndex())
    assert window.plan_tabs.currentWidget() is window.editor
    assert window.editor.focusWidget().property("answer_key") == key
    close_window(window)


def test_outcome_data_computes_the_result(qtbot, sample_dir):
    window, plan, view = open_tab(sample_dir, "Daniel Kim", "outcomes")
    assert view.outcome.currentText().startswith("Outcome 1")
    assert "4 of 6 students (67%) score at least 80" in view.result.text()
    view.add_row()
    for col, text in enumerate(("G.P.", "EL", "60", "81")):
        view.table.setItem(6, col, QTableWidgetItem(text))
    assert "5 of 7 students (71%)" in view.result.text() and "Not met yet" in view.result.text()
    view.table.setItem(4, 3, QTableWidgetItem("80"))  # E.L. retested
    assert "Met: 6 of 7 students (86%)" in view.result.text()
    assert "EL: 3 of 3 (100%)" in view.result.text()
    window.save_now()  # Ctrl+S
    rows = window.ws.store.measures(plan.id, "outcomes.1")
    assert len(rows) == 7 and rows[-1].student == "G.P." and rows[-1].post == 81
    close_window(window)


def test_a_class_measure_taken_daily_is_entered_and_kept(qtbot, sample_dir):
    window, _plan, view = open_tab(sample_dir, "Daniel Kim", "outcomes")
    assert "All students: 4 of 6 (67%)" in view.result.text(), "every student counts, grouped or not"
    while view.table.rowCount():
        view.table.setCurrentCell(0, 0)
        click(view.remove_button)
    choose(view.rule, "the class measures at most")
    view.amount.setValue(3)
    assert view.add_button.text() == "&Add occasion" and view.table.isColumnHidden(2)
    for day, minutes, baseline in (("Oct 1", "8", True), ("Oct 2", "7", True), ("Oct 12", "3", False)):
        click(view.add_button)
        row = view.table.rowCount() - 1
        view.table.setItem(row, 0, QTableWidgetItem(day))
        view.table.setItem(row, 3, QTableWidgetItem(minutes))
        if baseline:
            view.table.item(row, 1).setCheckState(Qt.CheckState.Checked)
    click(view.add_button)
    view.table.setItem(3, 0, QTableWidgetItem("Oct 13"))
    view.table.setItem(3, 3, QTableWidgetItem("4"))
    assert "1 of 2 occasions (50%): the class measures at most 3" in view.result.text()
    assert "Baseline average: 7.5" in view.result.text()
    assert view.table.item(0, 4).text() == "baseline" and view.table.item(2, 4).text() == "yes"
    window.save_now()
    close_window(window)
    window, _plan, view = open_tab(sample_dir, "Daniel Kim", "outcomes")
    assert view.rule.currentData() == "class_at_most" and view.table.item(1, 1).checkState() == Qt.CheckState.Checked
    assert "Baseline average: 7.5" in view.result.text()
    close_window(window)
