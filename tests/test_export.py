"""Printable ILPs, read back with pypdf as an administrator's printer would get them."""

import datetime as dt
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from ilp_desktop.app.printing import export_pdf, part_choices
from ilp_desktop.cli import main
from ilp_desktop.export.printed import printed_plan
from ilp_desktop.model.errors import UserError
from ilp_desktop.samples import load_samples

TODAY = dt.date(2026, 11, 22)
NAMES = {"teacher": "Nguyễn Thị Minh", "coach": "José Núñez", "administrator": "Zoë O'Brien-Łukasiewicz"}


def pdf_text(path) -> tuple[list[str], str]:
    pages = [page.extract_text() for page in PdfReader(path).pages]
    return pages, re.sub(r"\s+", " ", " ".join(pages))


@pytest.fixture
def unicode_plan(store):
    people = {role: store.add_person(name, role, "Escuela Primaria “Los Álamos”") for role, name in NAMES.items()}
    plan_id = store.create_plan(
        "ilp-conversation-guide",
        people["teacher"],
        "2026-2027",
        dt.date(2026, 9, 1),
        coach_id=people["coach"],
        administrator_id=people["administrator"],
        school="Escuela Primaria “Los Álamos”",
    )
    return plan_id


def full_values(store, catalog):
    """The answers of a complete sample plan (stage final_signed), reused for a fresh plan."""
    load_samples(store, catalog, TODAY)
    done = next(p for p in store.plans() if p.stage == "final_signed")
    return store.values(done.id)


def test_final_ilp_prints_every_cell_in_order_with_unicode_names(ws, store, catalog, unicode_plan, tmp_path):
    values = full_values(store, catalog)
    values["goal"] = (
        "Over five weeks I’ll teach “three routines” – entry, pick-up and transitions — for 100% of students."
    )
    store.save(unicode_plan, values)
    target = tmp_path / "final.pdf"
    done = export_pdf(ws, unicode_plan, "final", "letter", target)
    pages, text = pdf_text(target)
    for name in NAMES.values():
        assert name in text
    assert "Escuela Primaria “Los Álamos”" in text
    assert values["goal"] in text
    template = catalog.template("ilp-conversation-guide")
    headings = [template.cell(key).heading for key in template.part("final").cells]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions), "cells print in the template's print order"
    printed = printed_plan(template, catalog.resources, "final", store.plan(unicode_plan), store.values(unicode_plan))
    for cell in printed.cells:
        for block in cell.blocks:
            for piece in [block.text] if hasattr(block, "text") else [v for row in block.rows for v in row]:
                assert re.sub(r"\s+", " ", piece) in text, piece
    for i, page in enumerate(pages, 1):
        assert f"Page {i} of {len(pages)}" in page
        assert f"Fingerprint {done.fingerprint}" in page
        assert "Nguyễn Thị Minh" in page, "the plan's identity is on every page"
    record = store.print_records(unicode_plan)[-1]
    assert (record.fingerprint, record.part, record.paper) == (done.fingerprint, "final", "letter")
    for role in (
        "Participating Teacher – printed name",
        "Induction Coach – printed name",
        "Administrator – printed name",
    ):
        assert role in pages[-1], "signature blocks stay together on the last page"
    assert "None" not in text


def test_fingerprint_follows_the_content(ws, store, catalog, unicode_plan, tmp_path):
    store.save(unicode_plan, {"goal": "Goal one"})
    first = export_pdf(ws, unicode_plan, "initial", "letter", tmp_path / "a.pdf")
    again = export_pdf(ws, unicode_plan, "initial", "a4", tmp_path / "b.pdf")
    assert first.fingerprint == again.fingerprint, "the same words give the same fingerprint on any paper"
    store.save(unicode_plan, {"goal": "Goal one."})
    changed = export_pdf(ws, unicode_plan, "initial", "letter", tmp_path / "c.pdf")
    assert changed.fingerprint != first.fingerprint


def test_letter_and_a4(ws, store, catalog, unicode_plan, tmp_path):
    export_pdf(ws, unicode_plan, "initial", "letter", tmp_path / "l.pdf")
    export_pdf(ws, unicode_plan, "initial", "a4", tmp_path / "a.pdf")
    letter = PdfReader(tmp_path / "l.pdf").pages[0].mediabox
    a4 = PdfReader(tmp_path / "a.pdf").pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_a_100000_character_answer_flows_across_pages(ws, store, catalog, unicode_plan, tmp_path):
    words = [f"w{i}" for i in range(20000)]
    long = "\n".join(" ".join(words[i : i + 15]) for i in range(0, len(words), 15))
    assert len(long) > 100_000
    store.save(unicode_plan, {"goal": long, "admin_comments": "Start of comments"})
    export_pdf(ws, unicode_plan, "initial", "letter", tmp_path / "long.pdf")
    pages, text = pdf_text(tmp_path / "long.pdf")
    assert len(pages) > 20
    assert re.findall(r"\bw\d+\b", text) == words, "every word, in order, nothing clipped"
    assert text.index("w19999") < text.index("Start of comments")
    assert all(f"of {len(pages)}" in p for p in pages)


def test_empty_cells_print_as_blank_lines_not_none(ws, store, catalog, unicode_plan, tmp_path):
    export_pdf(ws, unicode_plan, "final", "letter", tmp_path / "empty.pdf")
    _, text = pdf_text(tmp_path / "empty.pdf")
    assert "Cell 7 – Summative Reflection" in text and "None" not in text


def test_blank_form_has_the_headings_and_no_answers(ws, store, catalog, unicode_plan, tmp_path):
    store.save(unicode_plan, {"goal": "A private goal"})
    export_pdf(ws, unicode_plan, "blank", "letter", tmp_path / "blank.pdf")
    _, text = pdf_text(tmp_path / "blank.pdf")
    assert "Cell 2 – Professional Growth Goal" in text and "Final ILP – blank form" in text
    assert "A private goal" not in text and "Nguyễn" not in text


def test_journal_export_lists_entries_and_artifacts(ws, store, catalog, unicode_plan, tmp_path):
    entry = store.add_journal_entry(unicode_plan, dt.date(2026, 10, 31), "October journal", "Tried the timer.")
    source = tmp_path / "exit ticket.pdf"
    source.write_bytes(b"x" * 2048)
    store.add_artifact(entry, source, "Shows who understood")
    export_pdf(ws, unicode_plan, "journal", "a4", tmp_path / "journal.pdf")
    _, text = pdf_text(tmp_path / "journal.pdf")
    for piece in (
        "2026-10-31 – October journal",
        "Tried the timer.",
        "exit ticket.pdf",
        "2 KB",
        "Shows who understood",
    ):
        assert piece in text


def test_unwritable_target_and_full_disk_leave_nothing_behind(ws, store, catalog, unicode_plan, tmp_path, monkeypatch):
    with pytest.raises(UserError, match="does not exist"):
        export_pdf(ws, unicode_plan, "initial", "letter", tmp_path / "nope" / "x.pdf")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "signed copy.pdf"
    target.write_bytes(b"the previous printout")
    import errno

    from reportlab.platypus import BaseDocTemplate

    def full_disk(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(BaseDocTemplate, "build", full_disk)
    with pytest.raises(UserError, match="the disk is full; nothing was written"):
        export_pdf(ws, unicode_plan, "initial", "letter", target)
    assert target.read_bytes() == b"the previous printout"
    assert sorted(p.name for p in target.parent.iterdir()) == ["signed copy.pdf"], "no half-written file"
    assert store.print_records(unicode_plan) == [], "a failed print is not recorded"


def test_cli_export_and_errors(data_dir, tmp_path, capsys):
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "plans", "--json"]) == 0
    guide = next(str(p["id"]) for p in json.loads(capsys.readouterr().out) if p["program"] == "ilp-conversation-guide")
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "export",
                guide,
                "--pdf",
                str(tmp_path / "one.pdf"),
                "--part",
                "final",
                "--paper",
                "a4",
            ]
        )
        == 0
    )
    assert "fingerprint" in capsys.readouterr().out
    assert PdfReader(tmp_path / "one.pdf").pages
    assert main(["--data-dir", str(data_dir), "export", "all", "--pdf", str(tmp_path / "all")]) == 0
    assert len(list((tmp_path / "all").glob("*.pdf"))) >= 12
    capsys.readouterr()
    assert (
        main(["--data-dir", str(data_dir), "export", guide, "--pdf", str(tmp_path / "x.pdf"), "--part", "appendix"])
        == 1
    )
    assert (
        "'appendix' is not a part of Individualized Learning Plan (ILP); choose one of: initial, final, blank:initial, "
        "blank:final, journal" in capsys.readouterr().err
    )
    assert main(["--data-dir", str(data_dir), "export", "77", "--pdf", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "no plan with id 77" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_default_part_export_still_says_amended_after_signature(ws, store, catalog, unicode_plan, tmp_path):
    store.save(unicode_plan, {"goal": "Signed goal"})
    signed = export_pdf(ws, unicode_plan, "initial", "letter", tmp_path / "signed.pdf")
    store.record_signature(signed.print_id, "administrator", "Zoë O'Brien-Łukasiewicz", TODAY)
    store.save(unicode_plan, {"goal": "Amended goal"})
    export_pdf(ws, unicode_plan, None, "letter", tmp_path / "default.pdf")  # no part named
    _, text = pdf_text(tmp_path / "default.pdf")
    assert f"Amended after signature: the version signed on {TODAY.isoformat()}" in text
    assert signed.fingerprint in text and store.print_records(unicode_plan)[-1].part == "initial"


def test_parts_of_a_program_not_installed_is_a_user_error(ws, store):
    # The plan list keeps plans whose template was removed; the export dialog asks for their parts.
    plan = store.create_plan("retired-program", store.add_person("A", "teacher"), "2026-2027", TODAY)
    with pytest.raises(UserError, match=r"'retired-program' of plan .* is not installed"):
        part_choices(ws, plan)


def test_a_table_cell_longer_than_a_page_flows_on_instead_of_stopping_the_export(ws, store, unicode_plan, tmp_path):
    entry = store.add_journal_entry(unicode_plan, dt.date(2026, 10, 31), "October journal", "Tried the timer.")
    source = tmp_path / "tally.csv"
    source.write_text("a,b\n", encoding="utf-8")
    words = " ".join(f"reason{i}" for i in range(1200))  # about 11,000 characters in one cell
    store.add_artifact(entry, source, words + " THE-END")
    export_pdf(ws, unicode_plan, "journal", "letter", tmp_path / "journal.pdf")
    pages, text = pdf_text(tmp_path / "journal.pdf")
    assert len(pages) >= 2 and "reason1199" in text and "THE-END" in text


@given(st.text(alphabet=st.sampled_from("ab .é\u00a0"), max_size=20_000))
def test_long_lines_are_cut_into_pieces_that_keep_every_character(line):
    from ilp_desktop.export.pdf import PIECE, _pieces

    pieces = _pieces(line)
    assert "".join(pieces) == line and all(len(p) <= PIECE for p in pieces)


def test_a_million_character_answer_prints_every_word(ws, store, unicode_plan, tmp_path):
    words = [f"w{i}" + ("." if i % 10 == 9 else "") for i in range(140_000)]  # 1,000,000 characters, one line
    text = " ".join(words)
    assert len(text) >= 1_000_000
    store.save(unicode_plan, {"goal": text})
    export_pdf(ws, unicode_plan, "initial", "letter", tmp_path / "million.pdf")
    _, printed = pdf_text(tmp_path / "million.pdf")
    found = [w.rstrip(".") for w in printed.split() if re.fullmatch(r"w\d+\.?", w)]
    assert found == [w.rstrip(".") for w in words], "every word, once, in order"


def test_the_final_ilp_prints_each_measured_result_and_the_initial_does_not(ws, store, catalog, unicode_plan, tmp_path):
    from ilp_desktop.model.outcomes import Measure, Target

    values = full_values(store, catalog)
    values |= {"outcomes.count": "1", "outcomes.1.kind": "quantitative", "outcomes.1.description": "Minutes to start."}
    store.save(unicode_plan, values)
    days = [Measure("Oct 1", "baseline", None, 8), Measure("Oct 12", "", None, 3), Measure("Oct 13", "", None, 2)]
    store.save_target(unicode_plan, "outcomes.1", Target(80, "class_at_most", 3))
    store.save_measures(unicode_plan, "outcomes.1", days)
    export_pdf(ws, unicode_plan, "final", "letter", tmp_path / "final.pdf")
    _, text = pdf_text(tmp_path / "final.pdf")
    said = "Met: 2 of 2 occasions (100%): the class measures at most 3 (lower is better); the goal is 80%."
    assert "Outcome 1 – Measured result" in text and said in text and "Baseline average: 8." in text
    assert text.index("Minutes to start.") < text.index(said), "the result follows the outcome it measures"
    export_pdf(ws, unicode_plan, "initial", "letter", tmp_path / "initial.pdf")
    assert "Measured result" not in pdf_text(tmp_path / "initial.pdf")[1], "signed before anything is measured"
