"""The Continuum of Teaching Practice as dated data: two passes walked through the window, the growth view, a
focus picked from the lowest-rated elements, and both passes in the printout."""

import datetime as dt

from pypdf import PdfReader
from PySide6.QtWidgets import QPushButton
from wizard_driver import click, close_window, create_plan_through_dialog, open_window

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.printing import export_pdf
from ilp_desktop.model import continuum
from ilp_desktop.model.template import load_template
from ilp_desktop.ui.continuum_view import ContinuumEditor

TODAY = dt.date(2026, 9, 14)
LATER = dt.date(2027, 1, 25)

PROGRAM = """
format = 1
roles = [{ id = "teacher", label = "Teacher" }]
[program]
id = "continuum-plan"
title = "Continuum Plan"
audience = "teacher"
resources = ["cstp", "continuum"]
[[cells]]
key = "1"
title = "Continuum results"
[[cells]]
key = "2"
title = "Focus"
[[parts]]
id = "initial"
title = "Initial"
cells = ["1", "2"]
signatures = ["teacher"]
[[steps]]
id = "continuum"
title = "Rate yourself on the Continuum"
part = "initial"
  [[steps.fields]]
  id = "cot"
  type = "continuum"
  label = "Continuum of Teaching Practice"
  framework = "continuum"
  cell = "1"
  required = true
[[steps]]
id = "focus"
title = "Choose your focus"
part = "initial"
  [[steps.fields]]
  id = "focus"
  type = "choice"
  label = "Focus element"
  source = "cstp:elements"
  suggest_from = "cot"
  cell = "2"
  required = true
"""


def test_a_new_pass_copies_the_previous_ratings_to_revise(tmp_path, catalog):
    path = tmp_path / "c.toml"
    path.write_text(PROGRAM, encoding="utf-8")
    template = load_template(path, catalog.resources)
    f = template.field("cot")
    std = catalog.resources.for_plan({"cstp": "2024"}).standards("cstp")
    values = continuum.new_pass(f, std, {}, "Beginning of year 1")
    values |= continuum.rate(f, 1, "3A", "exploring", TODAY)
    second = continuum.new_pass(f, std, values, "Middle of year 1")
    assert second["cot"] == "2" and second["cot.2.3A"] == "exploring" and second["cot.2.3A.date"] == "2026-09-14"


def test_two_passes_growth_focus_and_printout_through_the_window(qtbot, data_dir, tmp_path):
    (data_dir / "forms").mkdir(parents=True)
    (data_dir / "forms" / "continuum-plan.toml").write_text(PROGRAM, encoding="utf-8")
    window = open_window(data_dir, TODAY)
    try:
        create_plan_through_dialog(window, "Zoë Łukasiewicz", program="Continuum Plan")
        editor = window.editor
        cot = editor.current.findChildren(ContinuumEditor)[0]
        assert [e.key for e in cot.elements][:2] == ["1A", "1B"], "a plan of 2026-27 rates the 2024 elements"

        click(cot.new_button)
        for key, level in (("1B", "Exploring"), ("3A", "Emerging"), ("3B", "Applying")):
            box = cot.levels[key]
            box.setCurrentIndex(box.findText(level))
            box.activated.emit(box.currentIndex())
        cot.evidence["3A"].setText("Unit plan")
        cot.evidence["3A"].textEdited.emit("Unit plan")

        window.ws.clock = Clock(LATER)  # months later, the second pass
        click(cot.new_button)
        assert cot.passes.count() == 2 and cot.levels["3A"].currentText() == "Emerging", "copied to revise"
        box = cot.levels["3A"]
        box.setCurrentIndex(box.findText("Integrating"))
        box.activated.emit(box.currentIndex())

        assert cot.growth_table.columnCount() == 2
        row = [cot.growth_table.verticalHeaderItem(r).text() for r in range(cot.growth_table.rowCount())].index("3A")
        assert [cot.growth_table.item(row, c).text() for c in (0, 1)] == ["1 Emerging", "4 Integrating"]
        assert "1B (Exploring)" in cot.suggestions.text()

        editor.go_to(1, confirm=False)
        suggestion = next(b for b in editor.current.findChildren(QPushButton) if b.text() == "1B (Exploring)")
        click(suggestion)
        editor.draft.save()
        plan = window.ws.plans()[-1]
        values = window.ws.values(plan.id)
        assert values["focus"] == "1B"
        assert values["cot.1.3A"] == "emerging" and values["cot.2.3A"] == "integrating"
        assert values["cot.2.3A.date"] == LATER.isoformat() and values["cot.1.3A.date"] == TODAY.isoformat()

        target = tmp_path / "continuum.pdf"
        export_pdf(window.ws, plan.id, "initial", "letter", target)
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
        assert "Pass 1 – September 14, 2026" in text and "Pass 2 – January 25, 2027" in text
        assert "Emerging September 14, 2026" in text and "Integrating January 25, 2027" in text
        assert "Unit plan" in text
    finally:
        close_window(window)
