"""The CSTP edition a plan cites: 2024 for plans of 2026-27 on, 2009 kept for candidates who began earlier —
in the New ILP dialog, the wizard's lists, the checks and the printed PDF, for every program that cites the CSTP."""

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton
from wizard_driver import choose, click, close_window, open_window, type_into

from ilp_desktop.app import plans
from ilp_desktop.app.printing import export_pdf
from ilp_desktop.model.checks import check_field
from ilp_desktop.model.editions import families
from ilp_desktop.model.values import choices

TODAY = dt.date(2026, 11, 22)
TISP = "tisp-ilp"
INDUCTION = "induction-ilp"
GUIDE = "ilp-conversation-guide"


def new_plan(ws, program: str, year: str, editions=()) -> int:
    new = plans.NewPlan("Zoë Łukasiewicz", "Lincoln MS", "Dr. Ellis", "Principal Park", program, year, TODAY)
    return plans.create_plan(ws, plans.NewPlan(**{**new.__dict__, "editions": tuple(editions)}))


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.mark.parametrize("program", [GUIDE, INDUCTION, TISP])
def test_a_plan_of_2026_27_cites_2024_and_one_of_2025_26_keeps_2009(ws, catalog, program):
    assert families(catalog.template(program), catalog.resources) == ["cstp"]
    new = ws.plan(new_plan(ws, program, "2026-2027"))
    old = ws.plan(new_plan(ws, program, "2025-2026"))
    assert new.edition_of == {"cstp": "2024"} and old.edition_of == {"cstp": "2009"}
    assert ws.resources(new).standards("cstp").title.endswith("(2024)")
    assert ws.resources(old).standards("cstp").title.endswith("(2009)")


def test_a_candidate_who_began_under_2009_can_keep_it_in_2026_27(ws):
    kept = ws.plan(new_plan(ws, TISP, "2026-2027", [("cstp", "2009")]))
    assert kept.edition_of == {"cstp": "2009"}
    with pytest.raises(Exception, match="not an installed edition"):
        new_plan(ws, TISP, "2026-2027", [("cstp", "1998")])


def test_plans_written_before_editions_existed_keep_2009(ws, plan_id):
    # The conftest plan is stored as an older version stored it: no edition recorded.
    assert ws.plan(plan_id).edition_of == {}
    assert ws.resources(ws.plan(plan_id)).standards("cstp").standards[0].elements[0].key == "1.1"


def test_tisp_offers_and_prints_the_elements_of_the_plans_edition(ws, catalog, tmp_path):
    template = catalog.template(TISP)
    growth = template.field("growth_areas")
    for year, element, printed in (
        ("2026-2027", "3A", "3A Knowledge of Subject Matter and Pedagogy"),
        ("2025-2026", "3.1", "3.1 Demonstrating knowledge of subject matter"),
    ):
        plan = ws.plan(new_plan(ws, TISP, year))
        offered = [c.id for c in choices(growth, template, ws.resources(plan), {})]
        assert element in offered and ({"3A", "3.1"} - {element}).isdisjoint(offered)
        ws.store.save(
            plan.id,
            {"strengths": "1B", "growth_areas": element}
            if year[:4] == "2026"
            else {"strengths": "1.2", "growth_areas": element},
        )
        target = tmp_path / f"{year}.pdf"
        export_pdf(ws, plan.id, "goals", "letter", target)
        assert printed in pdf_text(target)


def test_induction_year_one_means_standards_1_and_2_in_either_edition(ws, catalog):
    template = catalog.template(INDUCTION)
    goals = template.field("goals")
    for year in ("2026-2027", "2025-2026"):
        plan = ws.plan(new_plan(ws, INDUCTION, year))
        resources = ws.resources(plan)
        offered = [c.id for c in choices(_standard_field(goals), template, resources, {})]
        assert offered == ["1", "2", "3", "4", "5"]  # `only` keeps CSTP 6 out in both editions
        values = {"track": "year1", "goals": "2", "goals.1.standard": "1", "goals.2.standard": "2"}
        assert not [f for f in check_field(goals, template, resources, values, TODAY) if "Year One" in f.message]
        values["goals.2.standard"] = "3"
        assert [f for f in check_field(goals, template, resources, values, TODAY) if "Year One" in f.message]


def _standard_field(group):
    return next(f for f in group.fields if f.source and f.source.endswith(":standards"))


def test_the_guide_offers_the_2024_connections_of_the_chosen_marker(ws, catalog):
    template = catalog.template(GUIDE)
    element = template.field("cstp_element")
    new = ws.plan(new_plan(ws, GUIDE, "2026-2027"))
    old = ws.plan(new_plan(ws, GUIDE, "2025-2026"))
    marker = {"focus_marker": "3A"}
    assert [c.id for c in choices(element, template, ws.resources(new), marker)] == ["3A", "4A"]
    assert [c.id for c in choices(element, template, ws.resources(old), marker)] == ["4.2", "4.3", "3.1"]


def test_new_ilp_dialog_defaults_by_school_year_and_offers_2009(qtbot, data_dir):
    window = open_window(data_dir, TODAY)
    seen: dict[str, str] = {}

    def fill():
        dialog = QApplication.activeModalWidget()
        try:
            combos = {c.accessibleName(): c for c in dialog.findChildren(QComboBox)}
            choose(combos["Program"], "Individual Learning Plan (ILP) – TISP")
            edition = combos["Standards edition"]
            seen["2026"] = edition.currentText()
            year = next(e for e in dialog.findChildren(QLineEdit) if e.text() == "2026-2027")
            year.selectAll()
            type_into(year, "2025-2026")
            seen["2025"] = edition.currentText()
            type_into({w.objectName(): w for w in dialog.findChildren(QLineEdit)}["teacher"], "Zoë")
        finally:
            click(next(b for b in dialog.findChildren(QPushButton) if b.text() == "Create ILP"))
            if dialog.isVisible():
                dialog.reject()

    try:
        QTimer.singleShot(0, fill)
        window.new_action.trigger()
        assert "(2024)" in seen["2026"] and "(2009)" in seen["2025"]
        plan = window.ws.plans()[-1]
        assert plan.edition_of == {"cstp": "2009"}
        assert window.editor.ctx.resources.standards("cstp").edition == "2009"
    finally:
        close_window(window)


def test_a_plan_sent_to_another_computer_keeps_its_edition(ws, catalog, tmp_path):
    from ilp_desktop.storage.exchange import export_bundle, import_bundle
    from ilp_desktop.storage.store import Store

    kept = new_plan(ws, TISP, "2026-2027", [("cstp", "2009")])  # began under 2009, kept it
    current = new_plan(ws, TISP, "2026-2027")
    other = Store.open(tmp_path / "other")
    for plan_id, edition in ((kept, "2009"), (current, "2024")):
        bundle = export_bundle(ws.store, plan_id, tmp_path / f"{plan_id}.ilpbundle")
        received = import_bundle(other, bundle).plan_id
        assert other.plan(received).edition_of == {"cstp": edition}
        import_bundle(other, bundle)  # received again: still that edition
        assert other.plan(received).edition_of == {"cstp": edition}
    other.close()
