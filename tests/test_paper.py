"""What the paper says to the administrator who signs it, read back with pypdf page by page.

The signature section is an attestation (what is signed, its pages and fingerprint, draft or complete, the
program's statement), never alone on a page; an incomplete plan says DRAFT on every page and lists what is
missing; blank forms hold the rows a program requires and tick boxes for choices; everything stays inside the
margins.
"""

import dataclasses
import datetime as dt
import itertools
import re

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from ilp_desktop.app.printing import export_pdf, part_choices, printed_content, still_needed
from ilp_desktop.export.printed import PaperState, PrintedCell, PrintedPlan, Signer
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.model.document import Entry, TableBlock
from ilp_desktop.model.template import DEFAULT_STATEMENT
from ilp_desktop.samples import load_samples

TODAY = dt.date(2026, 11, 22)
PROGRAMS = sorted(load_catalog(None).templates)
HEADING = "Signatures"


def read(path) -> tuple[list[str], str]:
    pages = [page.extract_text() for page in PdfReader(path).pages]
    return pages, re.sub(r"\s+", " ", " ".join(pages))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def signature_page(pages: list[str]) -> tuple[int, str]:
    """The page where the signature section starts, and what that page prints before it (the page's own
    content comes first in the text layer: header, footer and bands are drawn after it)."""
    index = next(i for i, page in enumerate(pages) if re.search(rf"^{HEADING}$", page, re.M))
    before = re.split(rf"^{HEADING}$", pages[index], maxsplit=1, flags=re.M)[0]
    shown = [line for line in before.splitlines() if line.strip() and "(continued)" not in line]
    return index, "\n".join(shown)


def assert_signatures_not_alone(pages: list[str], what: str) -> None:
    index, before = signature_page(pages)
    assert before.strip(), f"{what}: the signature section starts page {index + 1} with nothing of the plan above it"


@pytest.fixture
def samples(ws, store, catalog):
    load_samples(store, catalog, TODAY)
    return {p.teacher_name: p for p in store.plans()}


def new_plan(store, program: str) -> int:
    teacher = store.add_person("Ngozi Åberg-Fernández", "teacher", "Hillcrest School")
    admin = store.add_person("Dr. Kwame Asante", "administrator", "Hillcrest School")
    return store.create_plan(program, teacher, "2026-2027", TODAY, administrator_id=admin, school="Hillcrest School")


def most_answered(ws, store, program: str) -> int:
    """The sample plan of a program with the fewest required items missing."""
    plans = [p for p in store.plans() if p.program == program]
    parts = [p.id for p in ws.template(plans[0]).parts]
    return min(plans, key=lambda p: sum(len(still_needed(ws, p.id, part) or []) for part in parts)).id


@pytest.mark.parametrize("program", PROGRAMS)
def test_the_signature_section_never_starts_a_page_alone(ws, store, samples, tmp_path, program):
    """Every part of every program, answered and empty, on Letter and A4, and every part's blank form."""
    plans = {"answered": most_answered(ws, store, program), "empty": new_plan(store, program)}
    for state, plan_id in plans.items():
        for part, _ in part_choices(ws, plan_id):
            if part == "journal" or (state == "empty" and part.startswith("blank")):
                continue
            for paper in ("letter", "a4"):
                target = tmp_path / f"{state}-{part.replace(':', '-')}-{paper}.pdf"
                export_pdf(ws, plan_id, part, paper, target, record=False)
                pages, _ = read(target)
                assert_signatures_not_alone(pages, f"{program} {state} {part} {paper}")


@pytest.mark.parametrize("paper", ["letter", pytest.param("a4", marks=pytest.mark.thorough)])
def test_a_long_last_answer_takes_its_end_onto_the_signature_page(ws, store, samples, tmp_path, paper):
    """The last answer grows a line at a time, so the signature section meets every place on a page."""
    plan_id = samples["Marcus Johnson"].id  # a complete Initial ILP, whose last cell is the administrator's
    starts = set()
    for lines in range(1, 60, 2):
        store.save(plan_id, {"admin_comments": "\n".join(f"Comment line {i} of {lines}." for i in range(lines))})
        target = tmp_path / f"{lines}.pdf"
        export_pdf(ws, plan_id, "initial", paper, target, record=False)
        pages, _ = read(target)
        assert_signatures_not_alone(pages, f"{lines} lines")
        index, before = signature_page(pages)
        assert f"Comment line {lines - 1} of {lines}." in flat(before), "the answer's end is on the signing page"
        starts.add(index)
    assert len(starts) >= 2, "the answers were long enough to push the section onto the next page"


def test_a_long_last_table_takes_its_last_rows_onto_the_signature_page(ws, store, samples, tmp_path):
    plan_id = samples["Itzel Ramírez-Cho"].id  # the Induction ILP's first part ends with the observations table
    for rows in range(1, 44, 3):
        store.save(
            plan_id,
            {"observations": str(rows)}
            | {f"observations.{i}.focus": f"Observation focus {i}" for i in range(1, rows + 1)},
        )
        target = tmp_path / f"{rows}.pdf"
        export_pdf(ws, plan_id, "initial", "letter", target, record=False)
        pages, _ = read(target)
        assert_signatures_not_alone(pages, f"{rows} rows")


def test_an_incomplete_plan_says_draft_on_every_page_and_lists_what_is_missing(ws, samples, tmp_path):
    plan_id = samples["Aisha Rahman"].id  # drafting: the Initial ILP lacks required answers
    missing = still_needed(ws, plan_id, "initial")
    assert missing
    export_pdf(ws, plan_id, "initial", "letter", tmp_path / "draft.pdf")
    pages, text = read(tmp_path / "draft.pdf")
    for number, page in enumerate(pages, 1):
        assert "DRAFT" in page, f"page {number} of {len(pages)} has no DRAFT band"
    assert f"{len(missing)} required items are missing" in text
    end = text[text.index("Required items still missing") :]
    for message in missing:
        assert flat(message) in end, message
    assert text.index(HEADING) < text.index("Required items still missing"), "the list follows the signatures"


def test_a_complete_plan_has_no_draft_mark(ws, samples, tmp_path):
    plan_id = samples["Marcus Johnson"].id  # final signed: every required item answered
    assert still_needed(ws, plan_id, "final") == []
    export_pdf(ws, plan_id, "final", "a4", tmp_path / "complete.pdf")
    pages, text = read(tmp_path / "complete.pdf")
    assert not [i for i, page in enumerate(pages, 1) if "DRAFT" in page]
    assert "Required items still missing" not in text
    assert "Complete: every required item is answered." in text


def test_the_attestation_states_what_is_signed(ws, samples, tmp_path):
    plan_id = samples["Marcus Johnson"].id
    done = export_pdf(ws, plan_id, "final", "letter", tmp_path / "final.pdf")
    pages, _ = read(tmp_path / "final.pdf")
    index, _ = signature_page(pages)
    section = flat(" ".join(pages[index:]))
    for said in (
        "Final ILP of Individualized Learning Plan (ILP)",
        "cells 1a, 1b, 1c, 2, 3, 4, 5, 6a, 6b and 7",
        f"pages 1–{len(pages)}",
        f"fingerprint {done.fingerprint}",
        f"printed {TODAY.isoformat()}",
        DEFAULT_STATEMENT,
    ):
        assert said in section, said
    for role in ("Participating Teacher", "Induction Coach", "Administrator"):
        assert f"{role} – printed name" in section
    assert section.count("Signature") >= 3 and section.count("Date") >= 3


def test_the_sample_framework_is_marked_sample_on_paper(ws, samples, tmp_path):
    export_pdf(ws, samples["Marcus Johnson"].id, "initial", "letter", tmp_path / "guide.pdf")
    _, text = read(tmp_path / "guide.pdf")
    assert "Teaching Practice Framework (SAMPLE" in text
    export_pdf(ws, samples["Mei-Ling Okonkwo-Santos"].id, "goals", "letter", tmp_path / "tisp.pdf")
    _, text = read(tmp_path / "tisp.pdf")
    assert "SAMPLE" not in text, "a program without the sample framework is not marked"


def test_amended_cells_are_marked_where_they_stand(ws, store, samples, tmp_path):
    plan_id = samples["Marcus Johnson"].id
    signed = export_pdf(ws, plan_id, "initial", "letter", tmp_path / "signed.pdf")
    store.record_signature(signed.print_id, "administrator", "Principal", TODAY)
    store.save(plan_id, {"goal": "An amended goal."})
    export_pdf(ws, plan_id, "initial", "letter", tmp_path / "amended.pdf")
    _, text = read(tmp_path / "amended.pdf")
    mark = f"Amended after the version signed on {TODAY.isoformat()}"
    assert f"Cell 2 – Professional Growth Goal {mark}" in text
    assert text.count(mark) == 1, "only the amended cell is marked"


def test_an_answer_broken_across_pages_says_continued(ws, store, samples, tmp_path):
    plan_id = samples["Marcus Johnson"].id
    store.save(plan_id, {"goal": "\n".join(f"Goal line {i}." for i in range(120))})
    export_pdf(ws, plan_id, "initial", "letter", tmp_path / "long.pdf")
    pages, _ = read(tmp_path / "long.pdf")
    continued = [i for i, page in enumerate(pages) if "Professional Growth Goal (continued)" in page]
    assert continued and continued[0] >= 1
    assert "Goal line" in pages[continued[0]]


def test_the_fingerprint_covers_the_content_not_the_paper_state(ws, samples):
    """Fingerprints printed before draft marks existed still match: signatures recorded against them keep
    pointing at the same content."""
    plan = PrintedPlan(
        "Individualized Learning Plan (ILP)",
        "ILP Conversation Guide",
        "Final ILP",
        (("Participating Teacher", "Nguyễn Thị Minh"), ("School", "Escuela “Los Álamos”")),
        (
            PrintedCell(
                "Cell 2 – Professional Growth Goal", "A goal.", (Entry("Goal", "Teach **three** routines.", True),)
            ),
            PrintedCell(
                "Cell 5 – Timeline", "", (TableBlock("Timeline", ("Step", "When"), (("Step 1", "September 1, 2026"),)),)
            ),
        ),
        (Signer("Administrator", "Zoë"), Signer("Induction Coach", "")),
    )
    assert plan.fingerprint == "4907-C945-DEF3"
    drafted = dataclasses.replace(plan, state=PaperState(missing=("Goal: please fill this in.",), statement="Other"))
    assert drafted.fingerprint == plan.fingerprint
    for teacher, part, fingerprint in (
        ("Marcus Johnson", "final", "29C9-0FA3-7880"),  # with the class measure of his outcome 1
        ("Aisha Rahman", "initial", "3426-5A28-158A"),
        ("Dana Whitfield", "plan", "D6C2-AD00-E1EE"),
        ("Itzel Ramírez-Cho", "updated", "D918-C9A8-F1B0"),  # with the measured result of her goal 1
    ):
        assert printed_content(ws, samples[teacher], part).fingerprint == fingerprint, teacher


def test_every_part_prints_as_a_blank_form(ws, samples, tmp_path):
    for program in PROGRAMS:
        plan = next(p for p in samples.values() if p.program == program)
        template = ws.template(plan)
        choices = dict(part_choices(ws, plan.id))
        for part in template.parts:
            assert f"blank:{part.id}" in choices, program
            target = tmp_path / f"{program}-{part.id}.pdf"
            export_pdf(ws, plan.id, f"blank:{part.id}", "letter", target)
            _, text = read(target)
            assert f"{part.title} – blank form" in text
            assert plan.teacher_name not in text and "(name)" not in text
            assert "DRAFT" not in text, "a blank form is not a draft"
            for key in part.cells:
                assert template.cell(key).heading in text


def test_blank_forms_have_the_rows_programs_require_and_boxes_to_tick(ws, samples, tmp_path):
    plan = samples["Itzel Ramírez-Cho"]
    export_pdf(ws, plan.id, "blank:initial", "letter", tmp_path / "induction.pdf")
    _, text = read(tmp_path / "induction.pdf")
    # 4 observations by the mentor, 4 by the candidate, 1 of classroom management (Year One)
    assert "Observation 9" in text and "Observation 10" not in text
    assert "☐ Mentor Teacher observes me" in text and "☐ I observe another teacher" in text
    assert "Goal 3" in text, "Year Two asks for three goals"
    assert "☐ Year One" in text and "tick one" in text

    export_pdf(ws, samples["Dana Whitfield"].id, "blank:plan", "letter", tmp_path / "ga.pdf")
    _, text = read(tmp_path / "ga.pdf")
    assert "Offering 3" in text, "a table the program does not count still has rows to write in"
    assert "Action step 4" in text and "Action step 5" not in text
    assert "☐ Appetizer" in text and "Offering Offering" not in text

    export_pdf(ws, samples["Marcus Johnson"].id, "blank:initial", "letter", tmp_path / "guide.pdf")
    _, text = read(tmp_path / "guide.pdf")
    assert "☐ Educational Publication" in text and "Research source 2" in text
    assert "☐ 5B" in text, "a list that depends on an earlier choice lists every option"
    assert "Research source 1 – Year of publication (only if Kind of source: Educational Publication)" in text

    export_pdf(ws, samples["Joaquín Salazar"].id, "blank:complete", "letter", tmp_path / "leadership.pdf")
    _, text = read(tmp_path / "leadership.pdf")
    assert "Entry 1 – Date (only if Inquiry cycles this year: Two inquiry cycles)" in text, "the second inquiry's"
    assert "Standard 1: Development and Implementation of a Shared Vision: ☐ 1A ☐ 1B ☐ 1C" in text


def test_journal_markdown_prints_formatted_without_its_marks(ws, store, samples, tmp_path):
    plan_id = samples["Marcus Johnson"].id
    store.add_journal_entry(
        plan_id,
        dt.date(2026, 10, 31),
        "Formatted notes",
        "We **tried** the *timer* and it\nworked.\n\n- first point\n- second **point**\n\n1. one\n2. two\n\n"
        "## Next\n\nمرحبا **بالعالم** again, 5 \\* 3 and <b>not a tag</b> & more",
    )
    export_pdf(ws, plan_id, "journal", "letter", tmp_path / "journal.pdf")
    _, text = read(tmp_path / "journal.pdf")
    assert "We tried the timer and it worked." in text
    assert "• first point" in text and "• second point" in text and "1. one" in text
    assert "Next" in text and "##" not in text
    assert "بالعالم" in text and "5 * 3 and <b>not a tag</b> & more" in text
    assert "**" not in text


def test_everything_prints_inside_the_margins_on_one_grid(ws, samples, tmp_path):
    """Boxes span the margins (0.75 in); text, tables and signature lines stay in the column inside them, which
    starts where the title starts: nothing sticks out past the text column or the margins."""
    from ilp_desktop.export.pdf import MARGIN, PAD

    for teacher, part in (("Marcus Johnson", "final"), ("Dana Whitfield", "blank:plan"), ("Aisha Rahman", "initial")):
        for paper in ("letter", "a4"):
            target = tmp_path / f"{part.replace(':', '-')}-{paper}.pdf"
            export_pdf(ws, samples[teacher].id, part, paper, target, record=False)
            for number, page in enumerate(PdfReader(target).pages, 1):
                width = float(page.mediabox.width)
                xs = drawn_x(page)
                assert xs, "something was drawn"
                edges, column = (MARGIN, width - MARGIN), (MARGIN + PAD, width - MARGIN - PAD)
                astray = [
                    round(x, 1)
                    for x, grid in xs
                    if (grid or min(abs(x - e) for e in edges) > 0.5) and not column[0] - 0.5 <= x <= column[1] + 0.5
                ]
                assert not astray, f"{teacher} {part} {paper} page {number}: drawn at x={astray[:5]}"
                if number == 1:
                    assert abs(xs[0][0] - column[0]) < 0.5, "the title starts on the column's left edge"


def drawn_x(page) -> list[tuple[float, bool]]:
    """The x of every text start, line end and rectangle corner on a page in drawing order (following q/Q/cm),
    each with whether it is a grey vertical line (a table's grid, where a box's border is black)."""
    xs: list[tuple[float, bool]] = []
    ctm, stack, grey, moved = [1.0, 0, 0, 1.0, 0, 0], [], False, (0.0, 0.0)

    def x_of(x: float, y: float) -> float:
        return ctm[0] * x + ctm[2] * y + ctm[4]

    for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
        if op == b"q":
            stack.append((ctm, grey))
        elif op == b"Q":
            ctm, grey = stack.pop()
        elif op == b"RG":
            grey = any(float(v) > 0 for v in operands)
        elif op == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            m = ctm
            ctm = [
                a * m[0] + b * m[2],
                a * m[1] + b * m[3],
                c * m[0] + d * m[2],
                c * m[1] + d * m[3],
                e * m[0] + f * m[2] + m[4],
                e * m[1] + f * m[3] + m[5],
            ]
        elif op == b"m":
            moved = (float(operands[0]), float(operands[1]))
            xs.append((x_of(*moved), False))
        elif op == b"l":
            x, y = float(operands[0]), float(operands[1])
            xs.append((x_of(x, y), grey and abs(x - moved[0]) < 0.01))
        elif op == b"re":
            x, y, w, _ = (float(v) for v in operands)
            xs += [(x_of(x, y), False), (x_of(x + w, y), False)]
        elif op == b"Tm":
            xs.append((x_of(float(operands[4]), float(operands[5])), False))
    return xs


def test_a_program_supplies_its_own_statement(tmp_path, catalog):
    from ilp_desktop.export.pdf import build_pdf
    from ilp_desktop.export.printed import printed_plan
    from ilp_desktop.model.errors import TemplateError
    from ilp_desktop.model.template import load_template

    shipped = catalog.template("ilp-conversation-guide").path.read_text(encoding="utf-8")
    edited = shipped.replace(
        'resources = ["cstp", "tpf-sample"]',
        'resources = ["cstp", "tpf-sample"]\nstatement = "Signed for the district’s records."',
    ).replace('title = "Final ILP"', 'title = "Final ILP"\nstatement = "We agree the cycle is complete."')
    path = tmp_path / "guide.toml"
    path.write_text(edited, encoding="utf-8")
    template = load_template(path, catalog.resources)
    assert template.statement_for(template.part("initial")) == "Signed for the district’s records."
    assert template.statement_for(template.part("final")) == "We agree the cycle is complete."
    assert catalog.template("tisp-ilp").statement_for(catalog.template("tisp-ilp").parts[0]) == DEFAULT_STATEMENT
    for part, said in (("blank:initial", "Signed for the district’s records."), ("blank:final", "We agree the")):
        build_pdf(printed_plan(template, catalog.resources, part, None, {}), tmp_path / "p.pdf", "letter", TODAY)
        assert said in read(tmp_path / "p.pdf")[1]
    path.write_text(edited.replace("statement = ", "statment = ", 1), encoding="utf-8")
    with pytest.raises(TemplateError, match="statment"):
        load_template(path, catalog.resources)


def test_an_answered_group_with_one_long_answer_prints_as_a_table_and_keeps_its_fingerprint(ws, samples, tmp_path):
    """Georgia's action steps (when, and the step in words) print as rows under one header, not as twelve
    labelled answers; the fingerprint is the one the plan had when they printed one under the other."""
    plan_id = samples["Dana Whitfield"].id
    target = tmp_path / "plan.pdf"
    exported = export_pdf(ws, plan_id, "plan", "letter", target, record=False)
    _, text = read(target)
    assert "Action step 1 – Action step" not in text and "Resource 1 – What is needed" not in text
    assert re.search(r"Action step When \(e\.g\. Spring 2022, SY ?2022-2023\) Action step", text)
    assert re.search(r"Action step 1 Spring 2022 Deploy a self-assessment", text)
    assert exported.fingerprint == "D6C2-AD00-E1EE"
    blank = tmp_path / "blank.pdf"
    export_pdf(ws, plan_id, "blank:plan", "letter", blank, record=False)
    assert "Action step 1 – Action step" in read(blank)[1], "a blank form keeps room to write each step"


CELL_SIZE, LABEL_SIZE = 11.5, 9.0  # the cell heading's and an answer label's type sizes (export/pdf.py)


def body_lines(path) -> list[list[tuple[float, str, str]]]:
    """Each page's lines of its own content (no header, footer or DRAFT band) in the order drawn: (size, font,
    text)."""
    pages = []
    for page in PdfReader(path).pages:
        top, lines = float(page.mediabox.top), []

        def visit(text, cm, tm, font, size, lines=lines, top=top):
            y = tm[5] * cm[3] + cm[5]
            if text.strip() and 60 < y < top - 60 and not text.startswith("DRAFT –"):
                lines.append((round(size * tm[0] * cm[0], 1), str(font.get("/BaseFont", "")), text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(lines)
    return pages


def assert_no_heading_left_alone(path, what: str) -> None:
    """No page ends with a cell's heading bar (its heading, its description) or with an answer's label whose
    answer goes on on the next page: a heading is always followed by some of what it introduces."""
    pages = body_lines(path)
    for number, (page, following) in enumerate(itertools.pairwise(pages), 1):
        headings = [i for i, (size, font, _) in enumerate(page) if size == CELL_SIZE and "Bold" in font]
        if headings:
            after = page[headings[-1] + 1 :]
            content = [line for line in after if "Oblique" not in line[1]]  # the heading bar's description
            assert content, f"{what}: page {number} ends with the heading {page[headings[-1]][2]!r}"
        label = next((text for size, font, text in reversed(page) if size == LABEL_SIZE and "Bold" in font), None)
        if label and page[-1][2] == label and following:
            assert not following[0][2].endswith(f"· {label} (continued)"), f"{what}: page {number} ends with {label!r}"


@pytest.mark.parametrize("paper", ["letter", pytest.param("a4", marks=pytest.mark.thorough)])
def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(ws, store, samples, tmp_path, paper):
    """An early answer grows a line at a time, so every later heading and label meets the foot of a page."""
    plan_id = samples["Grace Okafor"].id  # a Final ILP whose Cell 6a heading once stayed behind its table
    goal = store.values(plan_id)["goal"]
    for lines in range(0, 56, 2):
        store.save(plan_id, {"goal": "\n".join([goal, *(f"Goal note {i}." for i in range(lines))])})
        target = tmp_path / f"{lines}.pdf"
        export_pdf(ws, plan_id, "final", paper, target, record=False)
        assert_no_heading_left_alone(target, f"{lines} lines, {paper}")


def test_a_heading_starts_its_long_table_on_the_same_page_when_its_first_rows_fit(ws, store, samples, tmp_path):
    """Kept with the start of its table, not with the whole of it: a long table does not leave a page's foot
    empty under the cell before it."""
    plan_id = samples["Grace Okafor"].id
    rows = {f"learnings.{n}.text": "\n".join(f"Insight {n}, line {i}." for i in range(12)) for n in range(1, 3)}
    store.save(plan_id, rows)
    export_pdf(ws, plan_id, "final", "letter", tmp_path / "long.pdf", record=False)
    pages = body_lines(tmp_path / "long.pdf")
    where = next(n for n, page in enumerate(pages) if any(t.startswith("Cell 6a") for _, _, t in page))
    assert any(t.startswith("Insight 1, line 0.") for _, _, t in pages[where]), "the table starts under its heading"


@pytest.mark.thorough
def test_no_printout_of_any_sample_plan_leaves_a_heading_alone(ws, store, samples, tmp_path):
    for plan in store.plans():
        for part, _ in part_choices(ws, plan.id):
            for paper in ("letter", "a4"):
                export_pdf(ws, plan.id, part, paper, tmp_path / "p.pdf", record=False)
                assert_no_heading_left_alone(tmp_path / "p.pdf", f"{plan.teacher_name} {part} {paper}")
