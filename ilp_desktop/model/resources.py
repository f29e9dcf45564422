"""Reference content: standards (CSTP, CPSEL, …) and self-assessment frameworks.

Both are TOML files with a top-level ``kind``. A district replaces the sample
framework by dropping its own file, in the same format, into the data folder's
``resources/`` directory; a file there with the same ``id`` wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ilp_desktop.model.errors import TemplateError
from ilp_desktop.model.tomlfile import Reader, read_toml


@dataclass(frozen=True)
class Element:
    key: str
    text: str


@dataclass(frozen=True)
class Standard:
    key: str
    title: str
    elements: tuple[Element, ...]


@dataclass(frozen=True)
class Standards:
    """One edition of a set of standards.

    Editions of the same standards share a family: the first edition's id (``cstp``), which templates name. A
    later edition names it in ``edition_of`` and the school year from which new plans use it in ``default_from``.
    """

    id: str
    title: str
    source: str
    standards: tuple[Standard, ...]
    edition: str = ""
    edition_of: str = ""
    default_from: str = ""  # a school year such as "2026-27"

    @property
    def family(self) -> str:
        return self.edition_of or self.id

    def element(self, key: str) -> Element | None:
        return self._elements().get(key)

    def _elements(self) -> dict[str, Element]:
        return {e.key: e for s in self.standards for e in s.elements}

    def label(self, key: str) -> str:
        """'1.2 Connecting learning …' for an element, '1 Engaging …' for a standard."""
        for s in self.standards:
            if s.key == key:
                return f"{s.key} {s.title}"
        element = self.element(key)
        return f"{element.key} {element.text}" if element else key


@dataclass(frozen=True)
class AssessmentWords:
    """What a self-assessment calls its parts: a framework's own words, which a template may change again."""

    domain: str = "Domain"
    marker: str = "Marker"
    prompt: str = "Coach asks"  # heads each marker's questions
    rationale: str = "required"  # per domain: required, optional or none

    def merged(self, changes: tuple[tuple[str, str], ...]) -> AssessmentWords:
        return replace(self, **dict(changes))


RATIONALE_RULES = ("required", "optional", "none")


def read_words(r: Reader) -> tuple[tuple[str, str], ...]:
    """A file's `words = { domain = "Standard", marker = "Element", prompt = "Mentor asks", rationale = … }`."""
    if not r.has("words"):
        return ()
    t = r.table("words")
    t.unknown_keys(("domain", "marker", "prompt", "rationale"))
    changes = [(key, t.text(key)) for key in ("domain", "marker", "prompt") if t.has(key)]
    if t.has("rationale"):
        changes.append(("rationale", t.choice("rationale", RATIONALE_RULES)))
    return tuple(changes)


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Marker:
    key: str
    title: str
    questions: tuple[str, ...]
    connections: tuple[str, ...]  # element keys of the framework's standards


@dataclass(frozen=True)
class Domain:
    key: str
    title: str
    description: str
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class Framework:
    """A self-assessment framework: vertically aligned domains of markers, rated on a scale.

    Domains are listed from the foundation of the alignment upwards, so the
    domain "closest to the foundation" is simply the one listed first.
    """

    id: str
    title: str
    notice: str
    standards_id: str
    scale: tuple[Level, ...]
    domains: tuple[Domain, ...]
    words: AssessmentWords = AssessmentWords()

    def domain(self, key: str) -> Domain | None:
        return next((d for d in self.domains if d.key == key), None)

    def marker(self, key: str) -> Marker | None:
        return next((m for d in self.domains for m in d.markers if m.key == key), None)


@dataclass(frozen=True)
class Continuum:
    """Levels on which every element of a set of standards is rated, in passes over the induction years."""

    id: str
    title: str
    source: str
    standards_id: str
    levels: tuple[Level, ...]

    def rank(self, level: str) -> int:
        """1 for the first level …; 0 for no rating."""
        return next((i + 1 for i, lv in enumerate(self.levels) if lv.id == level), 0)

    def label(self, level: str) -> str:
        return next((lv.label for lv in self.levels if lv.id == level), level)


Resource = Standards | Framework | Continuum

SCHOOL_YEAR = re.compile(r"\d{4}-\d{2}")


def _load_standards(r: Reader) -> Standards:
    r.unknown_keys(("kind", "id", "title", "source", "edition", "edition_of", "default_from", "standards"))
    standards = []
    for s in r.table_list("standards", min_count=1):
        s.unknown_keys(("key", "title", "elements"))
        elements = []
        for e in s.table_list("elements", min_count=1):
            e.unknown_keys(("key", "text"))
            elements.append(Element(e.text("key"), e.text("text")))
        standards.append(Standard(s.text("key"), s.text("title"), tuple(elements)))
    r.unique([e.key for s in standards for e in s.elements], "standards.elements.key")
    default_from = r.text("default_from", "")
    if default_from and not SCHOOL_YEAR.fullmatch(default_from):
        raise r.fail("default_from", f"'{default_from}' is not a school year such as 2026-27")
    return Standards(
        r.text("id"),
        r.text("title"),
        r.text("source"),
        tuple(standards),
        edition=r.text("edition", ""),
        edition_of=r.text("edition_of", ""),
        default_from=default_from,
    )


def _load_framework(r: Reader) -> Framework:
    r.unknown_keys(("kind", "id", "title", "notice", "standards", "scale", "domains", "words"))
    scale = _levels(r, "scale")
    domains = []
    for d in r.table_list("domains", min_count=1):
        d.unknown_keys(("key", "title", "description", "markers"))
        markers = []
        for m in d.table_list("markers", min_count=1):
            m.unknown_keys(("key", "title", "questions", "connections"))
            markers.append(
                Marker(
                    m.text("key"),
                    m.text("title"),
                    tuple(m.text_list("questions", min_count=1)),
                    tuple(m.text_list("connections", default=[])),
                )
            )
        domains.append(Domain(d.text("key"), d.text("title"), d.text("description", ""), tuple(markers)))
    r.unique([d.key for d in domains], "domains.key")
    r.unique([m.key for d in domains for m in d.markers], "domains.markers.key")
    return Framework(
        r.text("id"),
        r.text("title"),
        r.text("notice", ""),
        r.text("standards"),
        scale,
        tuple(domains),
        AssessmentWords().merged(read_words(r)),
    )


def _load_continuum(r: Reader) -> Continuum:
    r.unknown_keys(("kind", "id", "title", "source", "standards", "levels"))
    return Continuum(r.text("id"), r.text("title"), r.text("source"), r.text("standards"), _levels(r, "levels"))


def _levels(r: Reader, key: str) -> tuple[Level, ...]:
    """A rating scale: a framework's levels or the continuum's, at least two, each id once."""
    levels = []
    for lv in r.table_list(key, min_count=2):
        lv.unknown_keys(("id", "label", "description"))
        levels.append(Level(lv.text("id"), lv.text("label"), lv.text("description", "")))
    r.unique([lv.id for lv in levels], f"{key}.id")
    return tuple(levels)


RESOURCE_KINDS = ("standards", "framework", "continuum")


def load_resource(path: Path) -> Resource:
    """The standards or framework of a resource file, or TemplateProblems naming every problem in it."""
    r = read_toml(path)

    def load() -> Resource:
        kind = r.data.get("kind")
        if kind not in RESOURCE_KINDS:
            # Without its kind the file's other keys cannot be judged: say only this.
            raise r.fail("kind", f"must be one of: {', '.join(RESOURCE_KINDS)}")
        if kind == "standards":
            return _load_standards(r)
        return _load_framework(r) if kind == "framework" else _load_continuum(r)

    return r.source.collect(load)


@dataclass
class ResourceSet:
    """All resources by id, with cross-references (framework → standards) checked."""

    by_id: dict[str, Resource] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)

    def add(self, resource: Resource, path: Path) -> None:
        self.by_id[resource.id] = resource
        self.files[resource.id] = path

    def standards(self, rid: str) -> Standards | None:
        res = self.by_id.get(rid)
        return res if isinstance(res, Standards) else None

    def framework(self, rid: str) -> Framework | None:
        res = self.by_id.get(rid)
        return res if isinstance(res, Framework) else None

    def continuum(self, rid: str) -> Continuum | None:
        res = self.by_id.get(rid)
        return res if isinstance(res, Continuum) else None

    def editions(self, family: str) -> list[Standards]:
        """Every installed edition of a family of standards, oldest first (one, for most)."""
        found = [r for r in self.by_id.values() if isinstance(r, Standards) and r.family == family]
        return sorted(found, key=lambda s: (s.default_from, s.edition))

    def default_edition(self, family: str, school_year: str) -> str:
        """The edition a new plan of that school year uses: the newest one required by then."""
        # Both are school years (2026-27, 2026-2027): their first year decides.
        due = [s for s in self.editions(family) if s.default_from[:4] <= school_year[:4]]
        return due[-1].edition if due else ""

    def for_plan(self, editions: dict[str, str]) -> ResourceSet:
        """These resources as one plan sees them: each family's id stands for the edition the plan records.

        A plan that records no edition of a family keeps its first edition, the one it was written with.
        """
        view = ResourceSet(dict(self.by_id), dict(self.files))
        for family, edition in editions.items():
            chosen = next((s for s in self.editions(family) if s.edition == edition), None)
            if chosen is not None:
                view.by_id[family] = replace(chosen, id=family)
        return view

    def check_links(self) -> list[TemplateError]:
        """Problems such as a framework naming standards or elements that do not exist."""
        problems = []
        for rid, res in self.by_id.items():
            if isinstance(res, Continuum) and self.standards(res.standards_id) is None:
                problems.append(TemplateError(str(self.files[rid]), "standards", f"no standards '{res.standards_id}'"))
            if not isinstance(res, Framework):
                continue
            std = self.standards(res.standards_id)
            where = str(self.files[rid])
            if std is None:
                problems.append(
                    TemplateError(where, "standards", f"no standards resource with id '{res.standards_id}'")
                )
                continue
            # A marker may connect to elements of every edition; a plan is offered those of its own edition.
            editions = self.editions(std.family)
            for d in res.domains:
                for m in d.markers:
                    for key in m.connections:
                        if all(e.element(key) is None for e in editions):
                            problems.append(
                                TemplateError(
                                    where,
                                    f"domains.markers[{m.key}].connections",
                                    f"'{key}' is not an element of {std.id}",
                                )
                            )
        return problems
