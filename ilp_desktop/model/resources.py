"""Reference content: standards (CSTP, CPSEL, …) and self-assessment frameworks.

Both are TOML files with a top-level ``kind``. A district replaces the sample
framework by dropping its own file, in the same format, into the data folder's
``resources/`` directory; a file there with the same ``id`` wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    id: str
    title: str
    source: str
    standards: tuple[Standard, ...]

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

    def domain(self, key: str) -> Domain | None:
        return next((d for d in self.domains if d.key == key), None)

    def marker(self, key: str) -> Marker | None:
        return next((m for d in self.domains for m in d.markers if m.key == key), None)


Resource = Standards | Framework


def _load_standards(r: Reader) -> Standards:
    r.unknown_keys(("kind", "id", "title", "source", "standards"))
    standards = []
    for s in r.table_list("standards", min_count=1):
        s.unknown_keys(("key", "title", "elements"))
        elements = []
        for e in s.table_list("elements", min_count=1):
            e.unknown_keys(("key", "text"))
            elements.append(Element(e.text("key"), e.text("text")))
        standards.append(Standard(s.text("key"), s.text("title"), tuple(elements)))
    r.unique([e.key for s in standards for e in s.elements], "standards.elements.key")
    return Standards(r.text("id"), r.text("title"), r.text("source"), tuple(standards))


def _load_framework(r: Reader) -> Framework:
    r.unknown_keys(("kind", "id", "title", "notice", "standards", "scale", "domains"))
    scale = []
    for lv in r.table_list("scale", min_count=2):
        lv.unknown_keys(("id", "label", "description"))
        scale.append(Level(lv.text("id"), lv.text("label"), lv.text("description", "")))
    r.unique([lv.id for lv in scale], "scale.id")
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
        r.text("id"), r.text("title"), r.text("notice", ""), r.text("standards"), tuple(scale), tuple(domains)
    )


RESOURCE_KINDS = ("standards", "framework")


def load_resource(path: Path) -> Resource:
    """The standards or framework of a resource file, or TemplateProblems naming every problem in it."""
    r = read_toml(path)

    def load() -> Resource:
        kind = r.data.get("kind")
        if kind not in RESOURCE_KINDS:
            # Without its kind the file's other keys cannot be judged: say only this.
            raise r.fail("kind", f"must be one of: {', '.join(RESOURCE_KINDS)}")
        return _load_standards(r) if kind == "standards" else _load_framework(r)

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

    def check_links(self) -> list[TemplateError]:
        """Problems such as a framework naming standards or elements that do not exist."""
        problems = []
        for rid, res in self.by_id.items():
            if not isinstance(res, Framework):
                continue
            std = self.standards(res.standards_id)
            where = str(self.files[rid])
            if std is None:
                problems.append(
                    TemplateError(where, "standards", f"no standards resource with id '{res.standards_id}'")
                )
                continue
            for d in res.domains:
                for m in d.markers:
                    for key in m.connections:
                        if std.element(key) is None:
                            problems.append(
                                TemplateError(
                                    where,
                                    f"domains.markers[{m.key}].connections",
                                    f"'{key}' is not an element of {std.id}",
                                )
                            )
        return problems
