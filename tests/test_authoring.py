"""Writing a program file: every mistake reported at once with its line, the silent traps named, versions that
plans follow, and a preview that touches no data file."""

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from test_templates import GOOD

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.overview import overview
from ilp_desktop.app.printing import export_pdf
from ilp_desktop.app.programs import check_program_file, install_program, unprinted_answers
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.cli import main
from ilp_desktop.model.catalog import load_catalog, shipped_dir, validate_file
from ilp_desktop.model.errors import TemplateError, TemplateProblems
from ilp_desktop.model.template import load_template
from ilp_desktop.storage.location import DATA_FILE

TODAY = dt.date(2026, 11, 22)

# The smallest program (test_templates' GOOD), declaring its version.
MINI = GOOD.lstrip("\n").replace('id = "mini"\n', 'id = "mini"\nversion = "1"\n')

# Ten different mistakes, each on its own line (marked), as an author might make them in one sitting.
TEN_MISTAKES = textwrap.dedent(
    """\
    format = 1
    roles = [{ id = "teacher", label = "Teacher" }]
    [program]
    id = "ten"
    title = "Ten"
    audience = "students"
    resources = ["cstp"]
    colour = "blue"
    [[cells]]
    key = "1"
    title = "Goal"
    [[cells]]
    key = "1"
    title = "Again"
    [[parts]]
    id = "initial"
    title = "Initial"
    cells = ["1", "9"]
    signatures = ["teacher", "principal"]
    [[calendar]]
    id = "a"
    title = "A"
    date = "13-40"
    [[steps]]
    id = "s1"
    title = "Goal"
    part = "middle"
      [[steps.fields]]
      id = "Goal"
      label = "Goal"
      cell = "1"
      type = "essay"
      requried = true
    """
)
TEN_LINES = {6, 8, 13, 18, 19, 23, 27, 29, 32, 33}


def write(folder: Path, text: str, name: str = "district.toml", encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(path: Path, catalog) -> list[TemplateError]:
    with pytest.raises(TemplateProblems) as err:
        load_template(path, catalog.resources)
    return err.value.problems


def test_ten_mistakes_give_ten_messages_with_their_lines(tmp_path, catalog):
    problems = problems_of(write(tmp_path, TEN_MISTAKES), catalog)
    assert len(problems) == 10, "\n".join(map(str, problems))
    assert {p.line for p in problems} == TEN_LINES
    assert [p.line for p in problems] == sorted(p.line for p in problems), "in the order of the file"
    text = "\n".join(map(str, problems))
    for expected in (
        "line 6, column 1: program.audience: 'students' is not one of: teacher, administrator",
        "line 8, column 1: program.colour: is not a known key here",
        "line 13, column 1: cells.key: '1' is used twice",
        "parts[initial].cells: '9' is not a declared cell",
        "parts[initial].signatures: 'principal' is not a declared role",
        "line 23, column 1: calendar[a].date: '13-40' is not a month-day",
        "line 27, column 1: steps[s1].part: 'middle' is not one of the template's parts",
        "line 29, column 3: steps[s1].fields[Goal].id: 'Goal' must be lower case",
        "line 32, column 3: steps[s1].fields[Goal].type: 'essay' is not one of",
        "line 33, column 3: steps[s1].fields[Goal].requried: is not a known key here (did you mean 'required'?)",
    ):
        assert expected in text
    assert all(str(tmp_path / "district.toml") in line for line in text.splitlines())


def test_the_command_line_prints_every_problem_on_its_own_line(tmp_path, capsys):
    path = write(tmp_path, TEN_MISTAKES)
    assert main(["--data-dir", str(tmp_path / "data"), "templates", "--validate", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 10 and all(line.startswith("ilp-desktop: error: ") and ", line " in line for line in lines)


def test_notepad_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path, catalog):
    path = write(tmp_path, "\ufeff" + MINI.replace("\n", "\r\n"))
    assert load_template(path, catalog.resources).field("goal").cell == "1"
    broken = write(tmp_path, "\ufeff" + MINI.replace('type = "longtext"', 'type = "essay"').replace("\n", "\r\n"))
    (problem,) = problems_of(broken, catalog)
    assert (problem.line, problem.column) == (30, 3), "lines counted as the author's editor counts them"


def test_pasted_curly_quotes_are_explained_where_they_are(tmp_path, catalog):
    pasted = MINI.replace('title = "Mini"', "title = “Mini”").replace('label = "Goal"', "label = ‘Goal’")
    problems = problems_of(write(tmp_path, pasted), catalog)
    assert [(p.line, p.column) for p in problems] == [(6, 9), (28, 11)]
    assert all("curly quote" in p.problem and "straight quotes" in p.problem for p in problems)
    assert "Invalid" not in "\n".join(map(str, problems)), "not TOML's own cryptic message"
    # Curly quotes inside straight ones are words, not mistakes.
    fine = write(tmp_path, MINI.replace('title = "Mini"', 'title = "The “Mini” plan"'), "fine.toml")
    assert load_template(fine, catalog.resources).title == "The “Mini” plan"


def test_a_syntax_error_names_its_line_and_column(tmp_path, catalog):
    (problem,) = problems_of(write(tmp_path, MINI.replace('id = "s1"', 'id = "s1')), catalog)
    assert (problem.key, problem.line) == ("(syntax)", 23) and problem.column


def test_a_file_not_ending_in_toml_is_reported_not_passed_over(tmp_path):
    write(tmp_path / "forms", MINI, "district.toml.txt")
    write(tmp_path / "resources", "kind = 'standards'", "standards.TOML")
    catalog = load_catalog(tmp_path)
    assert "mini" not in catalog.templates
    problems = "\n".join(catalog.problems)
    assert (
        "district.toml.txt: (file): is not read: only files ending in .toml are (rename it district.toml)" in problems
    )
    assert "standards.TOML: (file): is not read" in problems
    with pytest.raises(TemplateError, match=r"must end in \.toml"):
        validate_file(tmp_path / "forms" / "district.toml.txt", catalog)


def test_a_misspelt_key_in_a_resource_file_is_an_error(tmp_path, catalog):
    shipped = Path(catalog.resources.files["tpf-sample"]).read_text(encoding="utf-8")
    assert "\ntitle = " in shipped
    misspelt = shipped.replace('id = "tpf-sample"', 'id = "district-tpf"').replace("\ntitle = ", "\ntitel = ", 1)
    path = write(tmp_path / "resources", misspelt)
    with pytest.raises(TemplateProblems) as err:
        validate_file(path, catalog)
    keys = {p.key: p for p in err.value.problems}
    assert "titel" in keys and "did you mean 'title'" in keys["titel"].problem
    assert (
        keys["titel"].line
        == misspelt.splitlines().index(next(x for x in misspelt.splitlines() if x.startswith("titel"))) + 1
    )
    assert any("titel" in p for p in load_catalog(tmp_path).problems), "left out with its reason at start-up"


def test_a_data_folder_program_with_an_installed_id_must_say_it_replaces_it(tmp_path, catalog):
    shipped_path = shipped_dir("forms") / "ilp-conversation-guide.toml"
    shipped = shipped_path.read_text(encoding="utf-8")
    write(tmp_path / "forms", shipped.replace('title = "', 'title = "District ', 1), "guide.toml")
    loaded = load_catalog(tmp_path)
    assert loaded.template("ilp-conversation-guide").path == shipped_path, "the installed program stays"
    (problem,) = loaded.problems
    assert "guide.toml" in problem and "program.id" in problem and 'replaces = "ilp-conversation-guide"' in problem
    replacing = shipped.replace("[program]\n", '[program]\nreplaces = "ilp-conversation-guide"\n', 1)
    write(tmp_path / "forms", replacing, "guide.toml")
    loaded = load_catalog(tmp_path)
    assert loaded.problems == [] and loaded.template("ilp-conversation-guide").path == tmp_path / "forms" / "guide.toml"


def test_plans_record_the_version_of_their_template(ws):
    from ilp_desktop.app.plans import NewPlan, create_plan

    template = ws.catalog.template("ilp-conversation-guide")
    new = NewPlan("Ana", "School", "", "", template.id, "2026-2027", TODAY)
    plan_id = create_plan(ws, new)
    assert ws.plan(plan_id).template_version == template.version == "1"


RENAMED = MINI.replace('version = "1"', 'version = "2"\nrenamed = { goal = "growth_goal" }').replace(
    'id = "goal"', 'id = "growth_goal"'
)


def test_a_renamed_field_keeps_its_answers_in_the_wizard_and_the_printout(tmp_path, qtbot):
    from wizard_driver import answer, close_window, open_window

    folder = tmp_path / "data"
    write(folder / "forms", MINI, "mini.toml")
    ws = Workspace.open(folder, clock=Clock(TODAY))
    teacher = ws.store.add_person("Zoë Łukasiewicz", "teacher")
    plan_id = ws.store.create_plan("mini", teacher, "2026-2027", TODAY, template_version="1")
    ws.store.save(plan_id, {"goal": "Students explain their thinking in writing every week."})
    ws.close()

    write(folder / "forms", MINI.replace('id = "goal"', 'id = "growth_goal"'), "mini.toml")
    ws = Workspace.open(folder, clock=Clock(TODAY))
    warnings = unprinted_answers(ws)
    assert len(warnings) == 1 and "'goal'" in warnings[0] and f"Zoë Łukasiewicz (#{plan_id})" in warnings[0]
    assert 'renamed = { goal = "<new id>" }' in warnings[0]
    ws.close()

    write(folder / "forms", RENAMED, "mini.toml")
    window = open_window(folder)
    try:
        assert window.ws.plan(plan_id).template_version == "2"
        assert unprinted_answers(window.ws) == []
        window.open_plan(plan_id)
        assert answer(window, "growth_goal").toPlainText() == "Students explain their thinking in writing every week."
        pdf = export_pdf(window.ws, plan_id, "initial", "letter", tmp_path / "plan.pdf").path
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "Students explain their thinking in writing every week." in text
        assert window.ws.history(plan_id, "growth_goal"), "its history came along"
    finally:
        close_window(window)


def test_installing_a_program_checks_it_first_and_names_answers_it_would_drop(tmp_path, store):
    ws = Workspace(store, load_catalog(), Clock(TODAY))  # its own catalog: installing reloads it in place
    broken = write(tmp_path / "in", TEN_MISTAKES)
    with pytest.raises(TemplateProblems):
        install_program(ws, broken)
    assert not (ws.folder / "forms" / "district.toml").exists()
    path = install_program(ws, write(tmp_path / "in", MINI, "mini.toml"))
    assert path == ws.folder / "forms" / "mini.toml" and ws.catalog.template("mini") is not None
    teacher = ws.store.add_person("Ana", "teacher")
    plan_id = ws.store.create_plan("mini", teacher, "2026-2027", TODAY)
    ws.store.save(plan_id, {"goal": "Kept"})
    dropped = write(tmp_path / "in", MINI.replace('id = "goal"', 'id = "aim"'), "mini.toml")
    _, warnings = check_program_file(ws, dropped)
    assert len(warnings) == 1 and f"Ana (#{plan_id})" in warnings[0]


def test_plans_of_a_broken_program_stay_listed_with_the_reason(tmp_path):
    folder = tmp_path / "data"
    write(folder / "forms", MINI, "mini.toml")
    ws = Workspace.open(folder, clock=Clock(TODAY))
    teacher = ws.store.add_person("Ana", "teacher")
    ws.store.create_plan("mini", teacher, "2026-2027", TODAY)
    ws.close()
    write(folder / "forms", MINI.replace('type = "longtext"', 'type = "essay"'), "mini.toml")
    ws = Workspace.open(folder, clock=Clock(TODAY))
    try:
        (row,), _ = overview(ws)
        assert row.program_title.startswith("mini (program file has a problem: ")
        assert "line 30, column 3: steps[s1].fields[goal].type: 'essay'" in row.program_title
    finally:
        ws.close()


def test_the_window_opens_on_the_plan_list_when_the_last_plan_s_program_broke(tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from wizard_driver import close_window, open_window

    from ilp_desktop.ui.preferences import settings_for

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warned.append(a[2])))
    folder = tmp_path / "data"
    write(folder / "forms", MINI, "mini.toml")
    ws = Workspace.open(folder, clock=Clock(TODAY))
    plan_id = ws.store.create_plan("mini", ws.store.add_person("Ana", "teacher"), "2026-2027", TODAY)
    ws.close()
    settings_for(folder).setValue("open_plan", plan_id)
    write(folder / "forms", MINI.replace("[[steps]]", "[[stepz]]"), "mini.toml")
    window = open_window(folder)
    try:
        assert window.stack.currentWidget() is window.home, "not the first-run welcome page"
        assert window.plan_list.model.rowCount() == 1
        assert warned == [
            f"the program file of plan {plan_id} ('mini') has a problem: {window.ws.catalog.broken('mini')}"
        ]
        assert "mini.toml, line 22, column 1: stepz: is not a known key here (did you mean 'steps'?)" in warned[0]
    finally:
        close_window(window)


def test_preview_prints_blank_forms_and_a_sample_plan_without_a_data_file(tmp_path, capsys):
    data = tmp_path / "data"
    source = shipped_dir("forms") / "ilp-conversation-guide.toml"
    out = tmp_path / "preview.pdf"
    assert main(["--data-dir", str(data), "templates", "--preview", str(source), "--pdf", str(out)]) == 0
    assert "blank:initial, blank:final, initial, final" in capsys.readouterr().out
    assert not (data / DATA_FILE).exists(), "no data file made or touched"
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Initial ILP – blank form" in text and "Final ILP – blank form" in text
    assert "Sample Teacher" in text and "Sample School" in text
    assert main(["templates", "--preview", str(source)]) == 1, "the PDF's name is needed"


def test_preview_of_a_broken_file_lists_its_problems(tmp_path, capsys):
    out = tmp_path / "preview.pdf"
    assert main(["templates", "--preview", str(write(tmp_path, TEN_MISTAKES)), "--pdf", str(out)]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 10 and not out.exists()


def test_every_shipped_program_previews(tmp_path, catalog):
    from ilp_desktop.app.preview import preview_parts, write_preview

    for t in catalog.templates.values():
        out = tmp_path / f"{t.id}.pdf"
        write_preview(t.path, catalog, out, today=TODAY)
        assert len(PdfReader(out).pages) >= len(preview_parts(t)), t.id


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(MINI.splitlines()) - 1), min_size=1, max_size=3), st.data())
def test_any_broken_file_reports_positions_inside_it(tmp_path_factory, catalog, lines_hit, data):
    """Whatever lines are damaged, every problem points at a line of the file, and nothing escapes as a traceback."""
    lines = MINI.splitlines()
    for index in lines_hit:
        lines[index] = data.draw(st.sampled_from(["", "[[steps]]", 'x = "', "id = 3", "type = ”text”", "[cells]"]))
    path = write(tmp_path_factory.mktemp("f"), "\n".join(lines) + "\n")
    try:
        load_template(path, catalog.resources)
    except TemplateProblems as exc:
        assert exc.problems
        assert all(p.line is None or 1 <= p.line <= len(lines) + 1 for p in exc.problems)


def test_the_programs_window_lists_installs_and_previews_from_the_keyboard(tmp_path, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
    from wizard_driver import close_window, open_window, press

    from ilp_desktop.ui.preview import PdfPreview
    from ilp_desktop.ui.programs import ProgramsDialog

    shown: list[str] = []

    def answer_box(box):
        shown.append(f"{box.text()}\n{box.detailedText()}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", answer_box)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text: shown.append(text)))
    previewed: list[int] = []
    monkeypatch.setattr(PdfPreview, "exec", lambda self: previewed.append(len(self.document)))
    broken = write(tmp_path / "in", TEN_MISTAKES, "ten.toml")
    good = write(tmp_path / "in", MINI, "mini.toml")
    window = open_window(tmp_path / "data")
    try:
        file_menu = window.menuBar().actions()[0].menu()
        programs = next(a for a in file_menu.actions() if a.text() == "&Programs…")
        dialogs: list[ProgramsDialog] = []

        def work() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ProgramsDialog)
            try:
                dialogs.append(dialog)
                shown.append(f"{dialog.table.rowCount()}|{dialog.details.toPlainText()}")
                for path in (broken, good):
                    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, p=path: (str(p), "")))
                    dialog.install_button.click()
                press(dialog.table, Qt.Key.Key_End)
                dialog.preview_button.click()
            finally:
                dialog.reject()

        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, work)
        programs.trigger()
        (dialog,) = dialogs
        first = shipped_dir("forms") / "ga-personalized-learning-plan.toml"
        assert shown.pop(0) == f"5|File: {first}\n\nNo problems.", "the five shipped programs, none with a problem"
        assert "ten.toml was not installed: 10 problem(s)" in shown[0] and "line 33, column 3" in shown[0]
        assert "Mini (version 1) is installed" in shown[1]
        assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())][-1] == "Mini"
        assert dialog.table.item(dialog.table.rowCount() - 1, 2).text() == "Ready", "its state in words"
        assert previewed and previewed[0] >= 2, "the blank form and a sample plan"
        assert (tmp_path / "data" / "forms" / "mini.toml").read_text(encoding="utf-8") == MINI
        assert not (tmp_path / "data" / "forms" / "ten.toml").exists()
        assert window.ws.catalog.template("mini") is not None, "the New ILP dialog offers it"
    finally:
        close_window(window)


def test_the_example_in_forms_readme_validates_and_previews(tmp_path, catalog):
    import re

    from ilp_desktop.app.preview import write_preview

    readme = (shipped_dir("forms") / "README.md").read_text(encoding="utf-8")
    example = re.search(r"## A complete small example with a version\n\n```toml\n(.*?)```", readme, re.S)
    assert example is not None
    path = write(tmp_path, example[1])
    assert "ok (program 'district-ilp', version 2026.1" in validate_file(path, catalog)
    write_preview(path, catalog, tmp_path / "example.pdf", today=TODAY)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "example.pdf").pages)
    assert "By May, 80 % of my students will explain their reasoning in writing." in text


def test_the_start_up_message_shows_a_few_problems_and_keeps_the_rest_under_details(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ilp_desktop.ui.app import STARTUP_PROBLEMS, left_out

    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append((box.text(), box.detailedText())))
    problems = [f"district.toml, line {n}, column 1: key{n}: is not a known key here" for n in range(1, 31)]
    left_out(problems)
    ((text, details),) = seen
    assert "(30 problem(s))" in text and "File › Programs…" in text
    assert problems[STARTUP_PROBLEMS - 1] in text and problems[STARTUP_PROBLEMS] not in text
    assert details.splitlines() == problems
