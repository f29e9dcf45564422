"""Every script on paper: names and answers in any writing system print readably and stay searchable.

Read back with pypdf: the text layer must hold the words as typed (right-to-left words in their logical order),
with no NUL, no replacement character and no private-use code standing in for a shaped glyph; what no font
can draw is named before printing.
"""

import datetime as dt
import re
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from test_export import pdf_text

from ilp_desktop.app.printing import export_pdf, missing_characters, printed_content, resolve_part
from ilp_desktop.cli import main

TODAY = dt.date(2026, 11, 22)
NAMES = {"teacher": "محمد علي", "coach": "山田 花子", "administrator": "김민준"}
ANSWERS = {
    "vietnamese": "Tôi sẽ dạy ba thói quen cho học sinh lớp Nguyễn Thị Minh",
    "chinese": "陈伟明老师在五周内教授三个课堂常规。",
    "japanese": "ひらがなとカタカナと漢字の練習",
    "korean": "학생들이 매일 책을 읽습니다",
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום עולם",
    "devanagari": "नमस्ते दुनिया विद्यालय क्षत्रिय श्री",
    "thai": "ครูสอนนักเรียนที่โรงเรียน",
    "bengali": "বাংলা শিক্ষক ক্ষমা",
    "tamil": "தமிழ் ஆசிரியர் பள்ளி",
    "emoji": "Great work 👍 🎉 ✅",
    "emoji sequences": "Family 👨\u200d👩\u200d👧\u200d👦 flag 🇺🇸 thumbs 👍🏽 heart ❤\ufe0f",
    "mixed": "The teacher محمد علي leads the class.",
}
PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")


@pytest.fixture
def world_plan(store):
    people = {role: store.add_person(name, role, "School") for role, name in NAMES.items()}
    return store.create_plan(
        "ilp-conversation-guide",
        people["teacher"],
        "2026-2027",
        dt.date(2026, 9, 1),
        coach_id=people["coach"],
        administrator_id=people["administrator"],
        school="مدرسة النور",
    )


def test_names_and_answers_in_every_script_print_searchable_in_logical_order(ws, store, world_plan, tmp_path):
    store.save(world_plan, {"goal": "\n".join(ANSWERS.values()), "outcomes": ANSWERS["mixed"]})
    target = tmp_path / "world.pdf"
    export_pdf(ws, world_plan, "initial", "letter", target)
    pages, text = pdf_text(target)
    for name in NAMES.values():
        assert name in text, name
    assert "مدرسة النور" in text
    for script, answer in ANSWERS.items():
        assert answer in text, script
    for page in pages:
        assert "محمد علي" in page, "the teacher's name in the header of every page, in logical order"
    assert "\x00" not in text and "\ufffd" not in text
    assert not PRIVATE_USE.search(text), "shaped glyphs map back to the letters they show"
    assert not [c for c in text if unicodedata.category(c) == "Cc" and c not in "\n"]
    assert missing_characters(printed_content(ws, store.plan(world_plan), "initial")) == []


def test_what_no_font_can_draw_is_named_and_still_searchable(ws, store, world_plan, tmp_path, capsys, data_dir):
    undrawable = "\ue123\u0378"  # a private-use character and an unassigned code point
    store.save(world_plan, {"goal": f"Logo {undrawable[0]} and {undrawable[1]} here 陈"})
    plan = store.plan(world_plan)
    printed = printed_content(ws, plan, resolve_part(ws.template(plan), plan, "initial"))
    assert missing_characters(printed) == ["\u0378", "\ue123"]
    target = tmp_path / "missing.pdf"
    export_pdf(ws, world_plan, "initial", "letter", target)
    _, text = pdf_text(target)
    assert "\x00" not in text and "Logo" in text and "here 陈" in text
    store.close()
    assert main(["--data-dir", str(data_dir), "export", str(world_plan), "--pdf", str(tmp_path / "cli.pdf")]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "U+0378" in err and "U+E123" in err and "cannot" in err


def test_plain_latin_plans_use_only_the_shipped_latin_font(ws, store, tmp_path):
    people = {role: store.add_person(f"Ann {role}", role) for role in ("teacher", "coach", "administrator")}
    plan = store.create_plan("ilp-conversation-guide", people["teacher"], "2026-2027", dt.date(2026, 9, 1))
    store.save(plan, {"goal": "Plain English goal – with “quotes” and Zoë."})
    export_pdf(ws, plan, "initial", "letter", tmp_path / "latin.pdf")
    fonts = set()
    for page in PdfReader(tmp_path / "latin.pdf").pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    # Helvetica is ReportLab's opening font on every page, with no text in it.
    assert fonts - {"/Helvetica"} <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}


def test_fallback_fonts_load_only_when_a_text_needs_them(data_dir, tmp_path):
    script = f"""
import datetime as dt
from pathlib import Path
from ilp_desktop.app.printing import export_pdf
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.export import scripts
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.storage.store import Store
store = Store.open(Path({str(data_dir)!r}))
ws = Workspace(store, load_catalog())
plan = store.create_plan("ilp-conversation-guide", store.add_person("Zoë", "teacher"), "2026-2027", dt.date(2026, 9, 1))
store.save(plan, {{"goal": "Plain goal – “quoted”."}})
export_pdf(ws, plan, "initial", "letter", Path({str(tmp_path / "a.pdf")!r}))
print(sorted(scripts._loaded))
store.save(plan, {{"goal": "名前 مرحبا"}})
export_pdf(ws, plan, "initial", "letter", Path({str(tmp_path / "b.pdf")!r}))
print(sorted(scripts._loaded))
"""
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    latin, world = out.splitlines()
    assert latin == "['ILPSans', 'ILPSans-Bold', 'ILPSans-Oblique']"
    assert "'ILPCJK'" in world and "'ILPArabic'" in world and "'ILPHangul'" not in world


def test_export_dialog_warns_about_characters_no_font_can_draw(qtbot, ws, store, world_plan, tmp_path):
    from PySide6.QtCore import QSettings

    from ilp_desktop.ui.export_dialog import ExportDialog

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    store.save(world_plan, {"goal": "Fine: 陈 👍 مرحبا"})
    dialog = ExportDialog(ws, world_plan, settings)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.checked_part == "initial")  # the fonts are asked off the UI thread
    assert dialog.missing.isHidden()
    store.save(world_plan, {"goal": "Logo \ue123"})
    dialog = ExportDialog(ws, world_plan, settings)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.missing.isHidden())
    assert dialog.missing.text().startswith("⚠") and "U+E123" in dialog.missing.text()


def test_a_long_right_to_left_answer_wraps_and_reads_in_order(ws, store, world_plan, tmp_path):
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
    words = [a + b + c for a in letters[:6] for b in letters[6:12] for c in letters[12:16]]  # 144 distinct words
    answer = " ".join(words)
    store.save(world_plan, {"goal": answer, "outcomes": "Before " + answer[:200] + " after."})
    export_pdf(ws, world_plan, "initial", "a4", tmp_path / "long.pdf")
    _, text = pdf_text(tmp_path / "long.pdf")
    assert answer in text, "every word, in reading order, across many lines"


MIXED = (
    "aé Zß0 9.,;:!?()[]«»–—‘’"  # Latin, digits, punctuation that mirrors
    "ابتثلامحمدعلي٠١٢ًٌَُِ،؟"  # Arabic letters, Arabic-Indic digits, harakat
    "אבגדהשלוםְֱ"  # Hebrew with points
    "नमस्तेदुनियाक्षि"  # Devanagari
    "陈伟明ひらがなカタカナ한국어。、"  # CJK and Hangul
    "👍🎉✅❤\ufe0f\u200d👩"  # emoji, variation selector, joiner
    "\u0301\u200e\u200f\u2066\u2067\u2068\u2069\u202b\u202c\u00ad\ue123\u0378\x85"  # marks, controls, unknowns
    "  \t"
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(MIXED), max_size=300))
def test_any_mix_of_scripts_lays_out_without_nul(text, tmp_path_factory):
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    from ilp_desktop.export import pdf
    from ilp_desktop.export.scripts import draw_string, paragraph

    pdf._register_fonts()
    style = pdf._styles()["base"]
    target = tmp_path_factory.mktemp("mix") / "mix.pdf"

    def header(canvas, doc):
        draw_string(canvas, 40, 800, text.replace("\t", " ")[:120], pdf.FONT, 8)

    story = [
        paragraph(text.replace("\t", " "), style),
        Table([[paragraph(text, pdf._styles()["small"]), "x"]], [90, 300]),
    ]
    SimpleDocTemplate(str(target), pagesize=A4).build(story, onFirstPage=header, onLaterPages=header)
    extracted = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "\x00" not in extracted
    assert not re.search("[\U00100000-\U0010ffff]", extracted), "no code standing in for a shaped glyph"


def test_every_script_is_drawn_with_real_glyphs_and_shaped(data_dir):
    """No character of any script prints as the empty box (.notdef); conjuncts and emoji sequences are shaped
    into fewer glyphs than characters (one picture for a family, a flag, a skin tone)."""
    from ilp_desktop.export import pdf
    from ilp_desktop.export.scripts import font, pieces

    pdf._register_fonts()

    def glyphs(text):
        line, _ = pieces(text, pdf.FONT)
        return [font(p.font).face.charToGlyph[ord(code)] for p in line if not p.space for code in p.text]

    for script, answer in ANSWERS.items():
        assert 0 not in glyphs(answer), script
    for conjunct in ("क्ष", "ক্ষ", "க்ஷ", "श्री"):
        assert len(glyphs(conjunct)) < len(conjunct), conjunct
    for sequence in ("👨\u200d👩\u200d👧\u200d👦", "🇺🇸", "👍🏽", "🏳\ufe0f\u200d🌈"):
        assert len([g for g in glyphs(sequence) if g != 3]) == 1, sequence  # glyph 3: the empty selector


def test_cjk_lines_break_between_ideographs_by_the_kinsoku_rules(ws, store, world_plan, tmp_path):
    sentence = "陈老师在五周内教授三个课堂常规。「漢字」（かんじ）の練習、ひらがな、classroom の言葉！"
    store.save(world_plan, {"goal": sentence * 60})
    export_pdf(ws, world_plan, "initial", "letter", tmp_path / "cjk.pdf")
    pages, text = pdf_text(tmp_path / "cjk.pdf")
    # Words in order, line after line (a line break reads as a space; page breaks put the header between).
    assert text.replace(" ", "").count(sentence.replace(" ", "")) >= 55
    lines = [line.strip() for page in pages for line in page.splitlines() if re.search("[\u3040-\u9fff]", line)]
    body = [line for line in lines if "陈" in line or "漢" in line or "練" in line]
    assert len(body) > 20, "the answer fills many lines, not one overflowing word"
    for line in body:
        assert line[0] not in "。、」）！", line
        assert line[-1] not in "「（", line
    assert all("classroom" in line for line in body if "classr" in line or line.endswith("cl"))


def test_bold_headings_print_bold_in_cjk_arabic_and_thai(tmp_path):
    from reportlab.platypus import SimpleDocTemplate

    from ilp_desktop.export import pdf
    from ilp_desktop.export.scripts import formatted, paragraph

    pdf._register_fonts()
    styles = pdf._styles()
    target = tmp_path / "bold.pdf"
    story = [
        paragraph("陈老师 课堂", styles["cell"]),
        paragraph("مرحبا بالعالم", styles["label"]),
        formatted([("Plain ", ()), ("ภาษาไทย 漢字", ("b",))], styles["base"]),
    ]
    SimpleDocTemplate(str(target)).build(story)
    page = PdfReader(target).pages[0]
    stream = page.get_contents().get_data()
    assert stream.count(b"2 Tr") >= 3, "fallback fonts without a bold face are filled and stroked"
    assert b"0 Tr" in stream, "the plain words are not"
    text = page.extract_text()
    assert "陈老师 课堂" in text and "مرحبا بالعالم" in text and "ภาษาไทย 漢字" in text


def test_missing_font_files_name_what_cannot_print_and_export_still_works(data_dir, tmp_path):
    """A damaged installation without the fallback fonts: the characters of every script are named for the
    export dialog's warning, and the plan still prints with its text searchable."""
    world = "陈 한 ไทย বাংলা தமிழ் नम مرحبا שלום 👍 👨\u200d👩\u200d👧"
    script = f"""
import dataclasses, datetime as dt
from pathlib import Path
from pypdf import PdfReader
from ilp_desktop.app.printing import export_pdf, missing_characters, plan_content
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.export import scripts
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.storage.store import Store
scripts.FALLBACKS = tuple(dataclasses.replace(f, file="absent-" + f.file) for f in scripts.FALLBACKS)
store = Store.open(Path({str(data_dir)!r}))
ws = Workspace(store, load_catalog())
plan = store.create_plan("ilp-conversation-guide", store.add_person("Zoë", "teacher"), "2026-2027", dt.date(2026, 9, 1))
store.save(plan, {{"goal": {world!r}}})
print("".join(missing_characters(plan_content(ws, plan, "initial"))))
export_pdf(ws, plan, "initial", "letter", Path({str(tmp_path / "a.pdf")!r}))
print(" ".join(PdfReader(Path({str(tmp_path / "a.pdf")!r})).pages[0].extract_text().split()))
"""
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    missing, text = out.splitlines()
    for char in "陈한ไবதन👍👨":  # (DejaVu Sans itself draws Arabic and Hebrew)
        assert char in missing, char
    assert "陈" in text and "ไทย" in text and "\x00" not in text


def assert_nothing_beyond_the_right_margin(path) -> None:
    """No ink right of the text column's margin, header included (the page code sits in the footer's margin)."""
    import pypdfium2 as pdfium

    from ilp_desktop.export.pdf import MARGIN

    document = pdfium.PdfDocument(path)
    try:
        for number in range(len(document)):
            image = document[number].render(scale=1, grayscale=True).to_pil()
            width, height = image.size
            pixels = image.load()
            beyond = [
                (x, y)
                for y in range(int(height - MARGIN))
                for x in range(int(width - MARGIN + 2), width)
                if pixels[x, y] < 128
            ]
            assert not beyond, f"page {number + 1}: ink beyond the right margin at {beyond[:3]}"
    finally:
        document.close()


@pytest.mark.parametrize("name", ["陈伟明" * 40, "ＡＢＣＤ" * 50, "สมชายใจดี" * 30])
def test_a_name_longer_than_the_line_is_cut_short_in_the_page_header(ws, store, tmp_path, name):
    teacher = store.add_person(name, "teacher", name)
    plan = store.create_plan("ilp-conversation-guide", teacher, "2026-2027", dt.date(2026, 9, 1), school=name)
    export_pdf(ws, plan, "initial", "letter", tmp_path / "long name.pdf")
    assert_nothing_beyond_the_right_margin(tmp_path / "long name.pdf")
    first = PdfReader(tmp_path / "long name.pdf").pages[0].extract_text()
    assert "…" in first and name[:6] in first, "the header says whose plan it is, cut short with an ellipsis"


@pytest.mark.parametrize(
    "word",
    [
        "นักเรียนเขียนเป้าหมายของตนเองทุกวันและครูช่วยติดตามความก้าวหน้า",  # Thai writes no spaces between words
        "مرحبابالطلابفيالمدرسة",  # a crafted right-to-left "word" without spaces
        "नमस्तेदुनियाक्षि",
    ],
)
def test_a_run_without_spaces_wider_than_the_line_breaks_inside_the_box(ws, store, world_plan, tmp_path, word):
    """Text of a shaped script with no space to break at (a Thai paragraph, a pasted run) wraps inside the
    text column instead of running off the page, and reads back whole and in order."""
    answer = word * 12  # lines wider than the column, on one page
    store.save(world_plan, {"goal": answer})
    out = tmp_path / "run.pdf"
    export_pdf(ws, world_plan, "initial", "letter", out)
    assert_nothing_beyond_the_right_margin(out)
    _, text = pdf_text(out)
    assert answer in re.sub(r"\s+", "", text), "every character, in order"


def test_italics_in_a_shaped_paragraph_print_slanted(ws, store, world_plan, tmp_path):
    """Markdown italics in an Arabic or Chinese journal note lean as italics do (the fallback fonts have no
    italic face), and the text reads back whole."""
    from ilp_desktop.export.scripts import SLANT

    store.add_journal_entry(world_plan, dt.date(2026, 10, 31), "Notes", "مرحبا *بالعالم* و 学校 *很好* end")
    out = tmp_path / "journal.pdf"
    export_pdf(ws, world_plan, "journal", "letter", out)
    streams = b"".join(page.get_contents().get_data() for page in PdfReader(out).pages)
    slanted = re.findall(rb"1 0 (\.\d+|0\.\d+) 1 [\d.]+ [\d.]+ Tm", streams)
    assert len(slanted) >= 2, "both italic runs are drawn slanted"
    assert all(abs(float(c) - SLANT) < 1e-3 for c in slanted)
    _, text = pdf_text(out)
    assert "بالعالم" in text and "很好" in text


def test_a_line_break_in_a_shaped_journal_paragraph_is_kept(ws, store, world_plan, tmp_path):
    """Shift+Enter in the journal (a Markdown hard break) starts a new line on paper in Arabic as in English."""
    store.add_journal_entry(world_plan, dt.date(2026, 10, 31), "Notes", "السطر الأول\\\nالسطر الثاني\\\nline three")
    out = tmp_path / "journal.pdf"
    export_pdf(ws, world_plan, "journal", "letter", out)
    lines = [line.strip() for page in PdfReader(out).pages for line in page.extract_text().splitlines()]
    assert "السطر الأول" in lines and "السطر الثاني" in lines and "line three" in lines


@pytest.mark.parametrize("length", [5_000, 100_000])
def test_a_name_pasted_thousands_of_characters_long_prints_cut_short(ws, store, tmp_path, length):
    """A paragraph pasted into a name field: the identity block and the signature lines print its start with
    "…" (a name is not read past a few lines), never a layout error."""
    name = ("Nguyễn Thị Minh " * (length // 16 + 1))[:length]
    teacher, admin = store.add_person(name, "teacher", name), store.add_person(name, "administrator", name)
    plan = store.create_plan(
        "ilp-conversation-guide", teacher, "2026-2027", dt.date(2026, 9, 1), administrator_id=admin, school=name
    )
    export_pdf(ws, plan, "initial", "letter", tmp_path / "names.pdf")
    assert_nothing_beyond_the_right_margin(tmp_path / "names.pdf")
    _, text = pdf_text(tmp_path / "names.pdf")
    assert "Nguyễn Thị Minh" in text and "…" in text and len(text) < length


def test_a_journal_title_longer_than_a_page_prints_whole_under_a_short_heading(ws, store, world_plan, tmp_path):
    """A title pasted a thousand characters long (and long explanations of its attachments): the entry's
    heading is cut short with "…", the whole title prints as the entry's first lines, the rest as ever."""
    title = "学校的目标" * 200  # a thousand characters: more than a heading, less than a page
    entry = store.add_journal_entry(world_plan, dt.date(2026, 10, 1), title, "The body.")
    attached = tmp_path / "chart.txt"
    attached.write_text("a chart")
    store.add_artifact(entry, attached, "word " * 20_000)
    export_pdf(ws, world_plan, "journal", "letter", tmp_path / "journal.pdf")
    assert_nothing_beyond_the_right_margin(tmp_path / "journal.pdf")
    _, text = pdf_text(tmp_path / "journal.pdf")
    flat = re.sub(r"\s+", "", text)
    assert "2026-10-01–学校的目标" in flat and "…" in text
    assert title in flat, "the whole title, once, in the entry"
    assert "Thebody." in flat
