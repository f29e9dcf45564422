"""The conversation window: pages built when first shown, checklist items and step names that wrap."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel
from wizard_driver import click, close_window, open_window, press

from ilp_desktop.app.overview import overview
from ilp_desktop.ui.fields import CheckText
from ilp_desktop.ui.step_list import INDENTED


def plan_of(window, program: str) -> int:
    return next(p.id for p in window.ws.plans() if p.program == program)


def test_a_plan_opens_with_only_its_current_page_built_and_each_page_holds_the_answers_planned(qtbot, sample_dir):
    window = open_window(sample_dir)
    programs = sorted({p.program for p in window.ws.plans()})
    assert len(programs) >= 3
    for program in programs:
        window.open_plan(plan_of(window, program))
        editor = window.editor
        assert list(editor._built) == [editor._index], "nothing but the page shown is built on opening"
        for index, spec in enumerate(editor.pages):
            page = editor.page(index)
            assert (page.page_id, page.list_title) == (spec.page_id, spec.list_title)
            assert page.answer_keys() == spec.answer_keys(), f"{program}: {spec.page_id}"
    close_window(window)


def test_going_to_an_answer_on_a_page_not_built_yet_builds_it_and_puts_the_cursor_there(qtbot, sample_dir):
    window = open_window(sample_dir)
    window.open_plan(plan_of(window, "ilp-conversation-guide"))
    editor = window.editor
    assert 0 not in editor._built or editor._index == 0
    editor.edit_answer("sources.2.what")
    wanted = editor.current.input_for("sources.2.what")
    assert wanted is not None and editor.current.focusWidget() is wanted, "the cursor is in the answer"
    close_window(window)


def test_a_long_checklist_item_wraps_within_the_page_and_its_words_toggle_it(qtbot, sample_dir):
    window = open_window(sample_dir)
    window.resize(683, 384)  # 1366×768 at 200 %
    window.open_plan(plan_of(window, "ga-personalized-learning-plan"))
    editor = window.editor
    editor.edit_answer("standards")
    QApplication.processEvents()
    words = editor.current.findChildren(CheckText)
    assert words, "the standards are listed"
    longest = max(words, key=lambda w: len(w.text()))
    scroll = editor.stack.currentWidget()
    right = longest.mapTo(scroll.viewport(), QPoint(longest.width(), 0)).x()
    assert right <= scroll.viewport().width(), "the words end inside the page"
    assert longest.height() > 1.5 * longest.fontMetrics().height(), "a long standard wraps onto more lines"
    box = longest.box
    assert isinstance(box, QCheckBox)
    was = box.isChecked()
    click(longest)
    assert box.isChecked() is not was
    assert (box.property("choice") in editor.draft.get("standards").split("\n")) is not was, "the change is kept"
    close_window(window)


def test_a_wrapped_domain_name_keeps_its_indent_on_every_line(qtbot, sample_dir):
    window = open_window(sample_dir)
    window.open_plan(plan_of(window, "ilp-conversation-guide"))
    editor = window.editor
    steps = editor.steps
    steps.setFixedWidth(180)
    QApplication.processEvents()
    row = next(i for i in range(steps.count()) if steps.item(i).data(INDENTED))
    steps.setCurrentRow(0)
    rect = steps.visualItemRect(steps.item(row))
    assert rect.height() > 1.5 * steps.fontMetrics().height(), "the domain's name wraps at this width"
    image = steps.viewport().grab(rect).toImage()
    background = QColor(image.pixel(1, 1))
    indent = steps.fontMetrics().averageCharWidth() * 2
    inked = [(x, y) for y in range(image.height()) for x in range(indent) if QColor(image.pixel(x, y)) != background]
    assert not inked, "no line of the name starts in the indent"
    close_window(window)


def test_the_coach_script_sits_beside_its_answers_on_a_wide_window_and_above_them_on_a_narrow_one(qtbot, sample_dir):
    window = open_window(sample_dir)
    window.open_plan(plan_of(window, "ilp-conversation-guide"))
    editor = window.editor
    window.resize(1366, 700)  # a laptop screen less a panel and a title bar
    editor.go_to(editor._page_index("growth-goal"), confirm=False)
    QApplication.processEvents()
    page = editor.current
    script, answer = page.script_panel, page.input_for("goal")
    assert script.isVisible() and answer is not None
    here = answer.mapTo(page, QPoint(0, 0))
    assert here.x() >= script.geometry().right(), "beside: the answer starts right of the script"
    for label in script.findChildren(QLabel):
        assert label.height() >= label.heightForWidth(label.width()), "every line of the script is shown"
    window.resize(683, 384)  # 1366×768 at 200 %
    QApplication.processEvents()
    here = answer.mapTo(page, QPoint(0, 0))
    assert here.y() >= script.geometry().bottom(), "above: the answer comes under the script"
    close_window(window)


def test_weekly_check_ins_run_each_week_to_their_end_and_a_note_in_the_week_marks_one_done():
    import datetime as dt

    from ilp_desktop.model.calendar import weekly_check_ins

    first, until, today = dt.date(2026, 11, 5), dt.date(2026, 12, 17), dt.date(2026, 11, 20)
    items = weekly_check_ins("check-in", "Weekly check-in", first, until, [dt.date(2026, 11, 10)], today)
    assert [i.due for i in items] == [first + dt.timedelta(days=7 * n) for n in range(7)]
    assert [i.state for i in items[:4]] == ["overdue", "done", "overdue", "due"], "the note of 10 Nov closes week 2"
    assert items[1].week_of == dt.date(2026, 11, 6) and items[0].title == "Weekly check-in 1 of 7"
    only = weekly_check_ins("c", "C", until, first, [], today)
    assert len(only) == 1, "an end before the start still gives the one check-in"


def this_week(window, plan_id: int) -> list[str]:
    return [due.title for plan, due in overview(window.ws)[1] if plan.id == plan_id]


def test_a_weekly_check_in_is_marked_done_from_the_timeline_by_keyboard_and_leaves_this_week(qtbot, sample_dir):
    window = open_window(sample_dir)
    plan_id = next(p.id for p in window.ws.plans() if p.teacher_name == "Hannah Schmidt")  # in her research weeks
    window.open_plan(plan_id)
    tabs = window.plan_tabs
    tabs.setCurrentWidget(tabs.timeline)
    QApplication.processEvents()
    timeline = tabs.timeline
    rows = [i for i, item in enumerate(timeline.rows) if getattr(item, "week_of", None) is not None]
    assert rows, "the research weeks are listed as check-ins"
    open_rows = [i for i in rows if timeline._can_mark(timeline.rows[i])]
    assert open_rows, "a check-in of a week begun is not done yet"
    row = open_rows[0]
    item = timeline.rows[row]
    assert item.label in this_week(window, plan_id), "This week lists the check-in to hold"
    assert "Enter marks it done" in timeline.table.item(row, 2).text()
    timeline.table.setFocus()
    timeline.table.setCurrentCell(row, 0)
    assert timeline.mark_done.isEnabled()
    press(timeline.table, Qt.Key.Key_Return)
    QApplication.processEvents()
    marked = next(i for i in timeline.rows if getattr(i, "label", "") == item.label)
    assert marked.state == "done" and "done" in timeline.table.item(timeline.rows.index(marked), 2).text()
    notes = window.ws.journal(plan_id)
    assert any(item.week_of <= n.entry_date <= item.start for n in notes), "that week's note is in the journal"
    assert item.label not in this_week(window, plan_id), "This week no longer lists it"
    close_window(window)


def test_at_the_largest_text_on_a_1366_by_768_screen_at_200_percent_no_page_widens_the_window(qtbot, sample_dir):
    from ilp_desktop.ui import preferences

    window = open_window(sample_dir)
    window.open_plan(plan_of(window, "ilp-conversation-guide"))
    window.settings.setValue("font_size", max(preferences.FONT_SIZES))
    try:
        window.apply_settings()
        window.resize(683, 384)  # 1366×768 at 200 %
        editor = window.editor
        for index in range(len(editor.pages)):
            editor.go_to(index, confirm=False)
            QApplication.processEvents()
            outer = window.centralWidget()
            assert not outer.horizontalScrollBar().isVisible(), f"page {index + 1}: nothing beyond the window's side"
            view = editor.stack.currentWidget().viewport()
            lines = view.height() / editor.current.fontMetrics().lineSpacing()
            assert lines >= 2, f"page {index + 1}: the page shows {lines:.1f} lines"
            assert editor.back.isVisible() and editor.next.isVisible()
    finally:
        window.settings.setValue("font_size", 0)
        window.apply_settings()
    close_window(window)


def test_the_whole_script_shows_beside_a_long_column_of_answers(qtbot, sample_dir):
    window = open_window(sample_dir)
    window.resize(1366, 700)
    window.open_plan(plan_of(window, "induction-ilp"))
    editor = window.editor
    for index in range(len(editor.pages)):
        editor.go_to(index, confirm=False)
        QApplication.processEvents()
        for label in editor.current.script_panel.findChildren(QLabel):
            if label.isVisible():
                assert label.height() >= label.heightForWidth(label.width()), f"page {index + 1}: a line cut off"
    close_window(window)
