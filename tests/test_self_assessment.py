"""A self-assessment as a first-class field: its words from the template or framework, a rationale per domain
only when the program asks for one, the other fields of its step asked too, and a printed table of marker,
level, date and rationale."""

import datetime as dt

from pypdf import PdfReader
from PySide6.QtWidgets import QLabel, QRadioButton
from wizard_driver import click, close_window, create_plan_through_dialog, open_window, type_into

from ilp_desktop.app.printing import export_pdf
from ilp_desktop.model.checks import check_field
from ilp_desktop.model.document import TableBlock, cell_blocks
from ilp_desktop.model.template import load_template

TODAY = dt.date(2026, 11, 22)

RATED = """
format = 1
roles = [{ id = "teacher", label = "Teacher" }]
[program]
id = "rated"
title = "Rated Practice Plan"
audience = "teacher"
resources = ["cstp", "tpf-sample"]
[[cells]]
key = "1"
title = "Where I start"
[[parts]]
id = "initial"
title = "Initial"
cells = ["1"]
signatures = ["teacher"]
[[steps]]
id = "rate"
title = "Rate your practice"
part = "initial"
  [[steps.fields]]
  id = "practice"
  type = "self_assessment"
  label = "Practice self-assessment"
  framework = "tpf-sample"
  cell = "1"
  words = { domain = "Area", marker = "Practice", prompt = "Mentor asks", rationale = "optional" }
  [[steps.fields]]
  id = "notes"
  type = "longtext"
  label = "What stands out to you"
  cell = "1"
  required = true
"""


def rated_template(tmp_path, catalog):
    path = tmp_path / "rated.toml"
    path.write_text(RATED, encoding="utf-8")
    return load_template(path, catalog.resources)


def test_the_template_names_the_parts_and_whether_a_rationale_is_asked(tmp_path, catalog):
    template = rated_template(tmp_path, catalog)
    practice = template.field("practice")
    findings = check_field(practice, template, catalog.resources, {}, TODAY)
    assert findings and all(f.message.startswith("Area ") and "rate every practice" in f.message for f in findings)
    assert not [f for f in findings if "rationale" in f.message], "the program asks no rationale it does not need"


def test_results_print_as_a_table_of_marker_level_date_and_rationale(tmp_path, catalog):
    template = rated_template(tmp_path, catalog)
    values = {"practice.1.1A": "applying", "practice.1.1A.date": "2026-09-14", "practice.1.rationale": "Circles."}
    table = next(
        b for b in cell_blocks(template.cells[0], template, catalog.resources, values) if b.label.startswith("Practice")
    )
    assert isinstance(table, TableBlock)
    assert table.columns == ("Practice", "Level", "Date", "Rationale")
    assert ("Practice 1A: Relationships and belonging", "Applying", "September 14, 2026", "") in table.rows
    assert any(row[0].startswith("Area 1") and row[3] == "Circles." for row in table.rows)
    blank = cell_blocks(template.cells[0], template, catalog.resources, {}, blank=True)
    assert "☐\u00a0Applying" in next(b for b in blank if isinstance(b, TableBlock)).rows[0][1]


def test_walking_the_self_assessment_in_the_window_then_printing_it(qtbot, data_dir, tmp_path, catalog):
    (data_dir / "forms").mkdir(parents=True)
    (data_dir / "forms" / "rated.toml").write_text(RATED, encoding="utf-8")
    window = open_window(data_dir, TODAY)
    try:
        create_plan_through_dialog(window, "Zoë Łukasiewicz", program="Rated Practice Plan")
        editor = window.editor
        titles = [page.list_title for page in editor.pages]
        assert titles[0].startswith("Area 1:") and titles[-2:] == [
            "Rate your practice – more",
            "Finish: review and print",
        ]
        first = editor.current
        assert any("Mentor asks:" in label.text() for label in first.findChildren(QLabel))
        applying = next(b for b in first.findChildren(QRadioButton) if b.text() == "Applying")
        click(applying)
        editor.go_to(len(editor.pages) - 2, confirm=False)  # the page before Finish
        notes = editor.current.input_for("notes")
        assert notes is not None, "the other field of the self-assessment's step is asked"
        type_into(notes, "Morning circles work")
        editor.draft.save()
        plan = window.ws.plans()[-1]
        values = window.ws.values(plan.id)
        assert values["notes"] == "Morning circles work"
        rated = [k for k, v in values.items() if v == "applying"]
        assert rated and values[rated[0] + ".date"] == TODAY.isoformat()
        target = tmp_path / "rated.pdf"
        export_pdf(window.ws, plan.id, "initial", "letter", target)
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
        assert "Applying" in text and "November 22, 2026" in text and "Morning circles work" in text
        assert "Practice 1A" in text and "Level" in text
    finally:
        close_window(window)
