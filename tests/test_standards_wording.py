"""The shipped standards say exactly what their published sources say.

tests/standards_sources/ holds copies of the source text each resource was compared against. Every element
whose wording was compared must be found there word for word (only spacing, curly quotes, dashes, colons and
commas aside, which copies set differently), so a later edit of the wording is deliberate: change the copy too.
"""

import re
import unicodedata
from pathlib import Path

import pytest

from ilp_desktop.model.catalog import shipped_dir
from ilp_desktop.model.resources import Standards, load_resource

SOURCES = Path(__file__).parent / "standards_sources"

# Elements whose wording no copy at hand showed; each is named in the report of the change that shipped it.
NOT_YET_COMPARED = {
    "cpsel": {"4B", "4C"},
}


def normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(
        str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", ":": " ", ",": " "})
    )
    return " ".join(text.split())


def standards_files() -> list[Path]:
    return [p for p in sorted(shipped_dir("resources").glob("*.toml")) if isinstance(load_resource(p), Standards)]


def test_every_resource_file_names_its_source():
    for path in sorted(shipped_dir("resources").glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        assert re.search(r"^#.*\bSource: \S", text, re.MULTILINE), f"{path.name} cites no source in its header"
        resource = load_resource(path)
        if isinstance(resource, Standards):
            assert resource.source.strip(), f"{path.name} has no source"


@pytest.mark.parametrize(
    "path", [p for p in standards_files() if (SOURCES / f"{p.stem}.txt").exists()], ids=lambda p: p.name
)
def test_compared_wording_matches_the_source_copy(path):
    std = load_resource(path)
    assert isinstance(std, Standards)
    copy = normal((SOURCES / f"{path.stem}.txt").read_text(encoding="utf-8"))
    skipped = NOT_YET_COMPARED.get(std.id, set())
    compared = 0
    for standard in std.standards:
        for element in standard.elements:
            if element.key in skipped:
                continue
            for piece in element.text.split(": "):  # "Title: statement" – copies set the title on its own line
                assert normal(piece) in copy, f"{std.id} {element.key}: '{piece}' is not in the source copy"
            compared += 1
    assert compared > 0


def test_cpsel_6b_says_lead_to_all_students_to_graduate():
    cpsel = load_resource(shipped_dir("resources") / "cpsel.toml")
    assert isinstance(cpsel, Standards)
    text = cpsel.element("6B").text
    assert "lead to all students to graduate ready" in text and "graduating" not in text


def test_the_2024_edition_is_complete_and_every_title_is_the_publications():
    cstp = load_resource(shipped_dir("resources") / "cstp-2024.toml")
    assert isinstance(cstp, Standards) and cstp.edition_of == "cstp" and cstp.default_from == "2026-27"
    assert {s.key: "".join(e.key[-1] for e in s.elements) for s in cstp.standards} == {
        "1": "ABCD",
        "2": "ABCD",
        "3": "ABCDE",
        "4": "ABCD",
        "5": "ABCD",
        "6": "ABCDEFG",
    }
    copy = normal((SOURCES / "cstp-2024.txt").read_text(encoding="utf-8"))
    for standard in cstp.standards:
        assert normal(f"CSTP {standard.key}: {standard.title}") in copy


@pytest.mark.parametrize("path", standards_files(), ids=lambda p: p.name)
def test_no_shipped_element_stands_in_for_wording_not_entered(path):
    """A placeholder ("(wording not yet entered …)") would be offered in pickers and printed in plans as if it
    were the standard: every shipped element says what its publication says."""
    std = load_resource(path)
    assert isinstance(std, Standards)
    for standard in std.standards:
        for element in standard.elements:
            assert element.text.strip() and not element.text.lstrip().startswith("("), f"{std.id} {element.key}"
