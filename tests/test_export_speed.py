"""What made exports fast must not change what they print, and the export command must stay light.

The timings themselves are on-demand benchmarks (tests/bench/bench_export.py), never timed assertions here.
"""

import subprocess
import sys
from xml.sax.saxutils import escape

import pypdfium2 as pdfium
from hypothesis import given
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from ilp_desktop.app.printing import export_pdf
from ilp_desktop.export.pdf import MARGIN, _register_fonts, _styles
from ilp_desktop.export.plain_paragraph import plain_paragraph
from ilp_desktop.model.page_code import parse_page_code
from ilp_desktop.samples import load_samples

_register_fonts()
STYLES = _styles()


@given(st.text(alphabet=st.characters(codec="latin-1") | st.sampled_from(" \n\t\xa0&<>;"), max_size=200))
def test_a_plain_paragraph_made_without_the_parser_is_the_parsed_one(text):
    for style in STYLES.values():
        made, parsed = plain_paragraph(text, style), Paragraph(escape(text), style)
        assert "".join(f.text for f in made.frags) == "".join(f.text for f in parsed.frags)
        # One fragment (the parser makes one per escaped character), dressed as the parser dresses them.
        assert len(made.frags) == min(1, len(parsed.frags))
        for fragment in made.frags:
            assert {**vars(fragment), "text": ""} == {**vars(parsed.frags[0]), "text": ""}
        assert made.wrap(300, 1000) == parsed.wrap(300, 1000)


def _long_final(ws, store, catalog):
    """A signed sample Final ILP with its reflection written out over several pages."""
    load_samples(store, catalog)
    plan = next(p.id for p in store.plans() if p.stage == "final_signed")
    values = store.values(plan)
    store.save(plan, {k: (values[k] + "\n") * 9 for k in ("growth", "next_steps")})
    return plan


def _dark_rows(page: pdfium.PdfPage, x0: int, x1: int) -> list[int]:
    """Rows (from the top, in points) with a dark pixel between x0 and x1, above the footer."""
    image = page.render(scale=1, grayscale=True).to_pil()
    height = image.size[1]
    pixels = image.load()
    return [y for y in range(int(height - MARGIN + 4)) if any(pixels[x, y] < 128 for x in range(int(x0), int(x1)))]


def test_a_box_running_on_to_the_next_page_ends_where_its_text_ends(ws, store, catalog, tmp_path):
    out = tmp_path / "final.pdf"
    export_pdf(ws, _long_final(ws, store, catalog), "final", "letter", out)
    document = pdfium.PdfDocument(out)
    try:
        assert len(document) >= 4
        for number in range(len(document)):
            page = document[number]
            border = _dark_rows(page, MARGIN - 1, MARGIN + 2)
            text = _dark_rows(page, MARGIN + 8, page.get_width() - MARGIN - 60)  # left of the page's code
            # The left border goes no further down than a line below the page's last text (a row's room for a
            # pen, the 4 pt under a box's text): it went down to the foot of the page, under empty space, where
            # a cell's next part did not fit.
            assert max(border) <= max(text) + 20, f"page {number + 1}: border to {max(border)}, text to {max(text)}"
    finally:
        document.close()


def test_every_page_code_of_a_document_reads_back(ws, store, catalog, tmp_path):
    """Each page's code, drawn as one path, decodes to its own page."""
    import zxingcpp

    out = tmp_path / "final.pdf"
    plan = _long_final(ws, store, catalog)
    done = export_pdf(ws, plan, "final", "letter", out)
    document = pdfium.PdfDocument(out)
    try:
        codes = [
            parse_page_code(code.text)
            for n in range(len(document))
            for code in zxingcpp.read_barcodes(document[n].render(scale=150 / 72, grayscale=True).to_pil())
        ]
        assert [(c.page, c.pages) for c in codes] == [(n, len(document)) for n in range(1, len(document) + 1)]
        assert {(c.plan_uid, c.part, c.fingerprint) for c in codes} == {
            (store.plan(plan).uid, "final", done.fingerprint)
        }
    finally:
        document.close()


# Never needed to print a plan: the window, exchange and sync, checks of received files, spreadsheets, key
# storage, template error positions, the PDF renderer, the Markdown parser of journals. (zxing-cpp is: it makes
# the page codes.)
NOT_FOR_EXPORT = (
    "ilp_desktop.app.exchange",
    "ilp_desktop.storage.exchange",
    "ilp_desktop.storage.whole_plan",
    "ilp_desktop.app.overview",
    "PySide6",
    "cryptography",
    "jsonschema_rs",
    "openpyxl",
    "keyring",
    "tree_sitter",
    "pypdfium2",
    "markdown_it",
)


def test_the_export_command_loads_only_what_printing_needs(data_dir, tmp_path):
    code = (
        "import sys\n"
        "from ilp_desktop.cli import main\n"
        "assert main(sys.argv[1:]) == 0\n"
        f"print(sorted(m for m in sys.modules for n in {NOT_FOR_EXPORT!r} if m == n or m.startswith(n + '.')))\n"
    )
    subprocess.run([sys.executable, "-m", "ilp_desktop", "--data-dir", str(data_dir), "demo"], check=True)
    run = subprocess.run(
        [sys.executable, "-c", code, "--data-dir", str(data_dir), "export", "1", "--pdf", str(tmp_path / "1.pdf")],
        check=True,
        capture_output=True,
        text=True,
    )
    assert (tmp_path / "1.pdf").stat().st_size > 0
    assert run.stdout.splitlines()[-1] == "[]"
