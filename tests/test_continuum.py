"""The Continuum of Teaching Practice as dated data: two passes walked through the window, the growth view, a
focus picked from the lowest-rated elements, and both passes in the printout."""

import datetime as dt
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from reportlab.graphics import renderPDF
from wizard_driver import click, close_window, create_plan_through_dialog, open_window

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.printing import export_pdf
from ilp_desktop.export.growth_chart import PER_PANEL, growth_panels, swatch
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


@contextmanager
def continuum_window(data_dir, teacher: str):
    """The main window on a new plan of the continuum program, at its continuum step: (window, the editor)."""
    (data_dir / "forms").mkdir(parents=True)
    (data_dir / "forms" / "continuum-plan.toml").write_text(PROGRAM, encoding="utf-8")
    window = open_window(data_dir, TODAY)
    try:
        create_plan_through_dialog(window, teacher, program="Continuum Plan")
        yield window, window.editor.current.findChildren(ContinuumEditor)[0]
    finally:
        close_window(window)


def rate_in_window(cot: ContinuumEditor, element: str, level: str) -> None:
    box = cot.levels[element]
    box.setCurrentIndex(box.findText(level))
    box.activated.emit(box.currentIndex())


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
    with continuum_window(data_dir, "Zoë Łukasiewicz") as (window, cot):
        editor = window.editor
        assert [e.key for e in cot.elements][:2] == ["1A", "1B"], "a plan of 2026-27 rates the 2024 elements"

        click(cot.new_button)
        for key, level in (("1B", "Exploring"), ("3A", "Emerging"), ("3B", "Applying")):
            rate_in_window(cot, key, level)
        cot.evidence["3A"].setText("Unit plan")
        cot.evidence["3A"].textEdited.emit("Unit plan")

        window.ws.clock = Clock(LATER)  # months later, the second pass
        click(cot.new_button)
        assert cot.passes.count() == 2 and cot.levels["3A"].currentText() == "Emerging", "copied to revise"
        rate_in_window(cot, "3A", "Integrating")

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


def test_deleting_a_pass_moves_the_later_ones_up(tmp_path, catalog):
    path = tmp_path / "c.toml"
    path.write_text(PROGRAM, encoding="utf-8")
    f = load_template(path, catalog.resources).field("cot")
    std = catalog.resources.for_plan({"cstp": "2024"}).standards("cstp")
    values: dict[str, str] = {}
    for n, level in enumerate(("emerging", "exploring", "applying"), start=1):
        values |= continuum.new_pass(f, std, values, f"Pass {n}")
        values |= continuum.rate(f, n, "3A", level, TODAY)
        values[f"cot.{n}.3A.evidence"] = f"evidence {n}"
    values |= continuum.delete_pass(f, std, values, 2)
    assert continuum.pass_count(f, values) == 2
    assert [values["cot.1.title"], values["cot.2.title"]] == ["Pass 1", "Pass 3"]
    assert values["cot.2.3A"] == "applying" and values["cot.2.3A.evidence"] == "evidence 3"
    assert values["cot.3.3A"] == "" and values["cot.3.title"] == ""
    assert continuum.delete_pass(f, std, values, 5) == {}, "no such pass: nothing changes"
    values |= continuum.delete_pass(f, std, values, 1)
    values |= continuum.delete_pass(f, std, values, 1)
    assert continuum.pass_count(f, values) == 0 and values["cot.1.3A"] == ""


def answer_box(name: str, button: str) -> None:
    """Press `button` in the message box `name` as soon as it is shown."""

    def press() -> None:
        box = next((w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(20, press)
            return
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, press)


def test_a_pass_is_deleted_only_after_confirmation_and_the_chart_prints(qtbot, data_dir, tmp_path):
    with continuum_window(data_dir, "Ngozi Okonkwo-Đặng") as (window, cot):
        click(cot.delete_button)
        assert cot.passes.count() == 0, "no pass yet: nothing to delete, nothing asked"
        for level in ("Emerging", "Applying", "Innovating"):
            click(cot.new_button)
            rate_in_window(cot, "2A", level)
        cot.passes.setCurrentIndex(1)
        answer_box("delete-pass", "&Keep the pass")
        click(cot.delete_button)
        assert cot.passes.count() == 3, "kept when the user says so"
        answer_box("delete-pass", "&Delete")
        click(cot.delete_button)
        assert cot.passes.count() == 2 and cot.levels["2A"].currentText() == "Innovating", "the third moved up"
        assert cot.undo_button.isVisible(), "the undo is offered at once"
        click(cot.undo_button)
        assert cot.passes.count() == 3 and cot.levels["2A"].currentText() == "Applying", "back in its place"
        assert not cot.undo_button.isVisible()
        answer_box("delete-pass", "&Delete")
        click(cot.delete_button)
        cot.evidence["2A"].setText("Seating chart")
        cot.evidence["2A"].textEdited.emit("Seating chart")
        assert not cot.undo_button.isVisible(), "an undo now would take the new evidence back too"
        window.editor.draft.save()
        plan = window.ws.plans()[-1]
        values = window.ws.values(plan.id)
        assert values["cot"] == "2" and values["cot.2.2A"] == "innovating" and values["cot.1.2A"] == "emerging"

        target = tmp_path / "continuum.pdf"
        export_pdf(window.ws, plan.id, "initial", "letter", target)
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
        assert "growth across passes" in text
        assert "1 Emerging" in text
        assert "5 Innovating" in text, "the chart names its levels up the side"


@settings(max_examples=25, deadline=None)
@given(
    passes=st.integers(min_value=1, max_value=12),
    elements=st.integers(min_value=1, max_value=45),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_the_growth_chart_fits_the_page_whatever_the_passes(passes, elements, seed):
    """Any number of passes and elements, any ratings (none rated, all equal, jumps): every panel is the text
    column's width and renders, and no two passes look alike."""
    ranks = tuple(
        (f"{i}.{i % 7}", tuple((seed * (i + 1) * (n + 3)) % 6 for n in range(passes))) for i in range(elements)
    )
    levels = ("Emerging", "Exploring", "Applying", "Integrating", "Innovating")
    chart = continuum.GrowthChart(levels, tuple(f"Pass {n}" for n in range(passes)), ranks)
    width = 468.0
    panels = growth_panels(chart, "Helvetica", width)
    assert len(panels) == -(-elements // PER_PANEL)
    assert all(d.width == width for d in panels)
    assert all(renderPDF.drawToString(d) for d in panels)
    swatches = {renderPDF.drawToString(swatch(n)) for n in range(passes)}
    assert len(swatches) == passes, "no two passes are drawn alike"
