"""A Continuum of Teaching Practice self-assessment kept as dated data: passes of ratings of every element.

Each pass rates every element of the plan's edition of the standards on the continuum's levels, each rating
dated, with an optional evidence note. Stored as answers, so each has its history and travels with the plan:
`<field>` the number of passes, `<field>.<n>.title`, `<field>.<n>.<element>` (a level id) with `.date` and
`.evidence`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ilp_desktop.model.resources import Continuum, Element, ResourceSet, Standards
from ilp_desktop.model.template import Field
from ilp_desktop.model.values import Values, display_date

# How many of the lowest-rated elements are offered when choosing a focus.
SUGGESTED = 3


def pass_count(f: Field, values: Values) -> int:
    text = values.get(f.id, "")
    return int(text) if text.isdigit() else 0


def level_key(f: Field, n: int, element: str) -> str:
    return f"{f.id}.{n}.{element}"


def title_key(f: Field, n: int) -> str:
    return f"{f.id}.{n}.title"


def resources_of(f: Field, resources: ResourceSet) -> tuple[Continuum, Standards]:
    cont = resources.continuum(f.framework or "")
    std = resources.standards(cont.standards_id) if cont else None
    if cont is None or std is None:
        raise AssertionError(f"no continuum '{f.framework}'")  # the loader accepted the template only with both
    return cont, std


def elements(std: Standards) -> list[Element]:
    return [e for s in std.standards for e in s.elements]


def new_pass(f: Field, std: Standards, values: Values, title: str) -> dict[str, str]:
    """The answers that open the next pass: the previous pass's ratings and evidence copied to revise (their
    dates too, until a rating is changed), or an empty first pass."""
    n = pass_count(f, values) + 1
    changes = {f.id: str(n), title_key(f, n): title}
    if n > 1:
        for e in elements(std):
            for suffix in ("", ".date", ".evidence"):
                changes[level_key(f, n, e.key) + suffix] = values.get(level_key(f, n - 1, e.key) + suffix, "")
    return changes


def delete_pass(f: Field, std: Standards, values: Values, n: int) -> dict[str, str]:
    """The answers that delete pass `n`: every later pass moves up one place and the last place is emptied. Each
    answer keeps its history, so a deleted pass can still be read in the plan's history."""
    count = pass_count(f, values)
    if not 1 <= n <= count:
        return {}
    keys = [""] + [f".{e.key}{suffix}" for e in elements(std) for suffix in ("", ".date", ".evidence")]

    def at(i: int, key: str) -> str:
        return title_key(f, i) if key == "" else f"{f.id}.{i}{key}"

    changes = {at(i, key): values.get(at(i + 1, key), "") for i in range(n, count) for key in keys}
    changes |= {at(count, key): "" for key in keys}
    changes[f.id] = str(count - 1) if count > 1 else ""
    return changes


def rate(f: Field, n: int, element: str, level: str, today: dt.date) -> dict[str, str]:
    """A rating given today."""
    return {level_key(f, n, element): level, level_key(f, n, element) + ".date": today.isoformat()}


@dataclass(frozen=True)
class Growth:
    element: Element
    levels: tuple[str, ...]  # the level id in each pass ("" not rated)


def growth(f: Field, std: Standards, values: Values) -> list[Growth]:
    passes = range(1, pass_count(f, values) + 1)
    return [Growth(e, tuple(values.get(level_key(f, n, e.key), "") for n in passes)) for e in elements(std)]


@dataclass(frozen=True)
class GrowthChart:
    """What the printed growth chart draws: each element's level rank (0 not rated) in each pass."""

    levels: tuple[str, ...]  # the level labels, lowest first (rank 1 …)
    passes: tuple[str, ...]  # the passes' names
    ranks: tuple[tuple[str, tuple[int, ...]], ...]  # (element key, its rank in each pass)


def chart(f: Field, resources: ResourceSet, values: Values) -> GrowthChart:
    cont, std = resources_of(f, resources)
    n = pass_count(f, values)
    return GrowthChart(
        tuple(level.label for level in cont.levels),
        tuple(values.get(title_key(f, i), "") or f"Pass {i}" for i in range(1, n + 1)),
        tuple((g.element.key, tuple(cont.rank(level) for level in g.levels)) for g in growth(f, std, values)),
    )


def lowest(f: Field, resources: ResourceSet, values: Values) -> list[tuple[str, str]]:
    """The elements rated lowest in the latest pass, as (element key, level label): focus candidates."""
    n = pass_count(f, values)
    if n == 0:
        return []
    cont, std = resources_of(f, resources)
    rated = [(cont.rank(values.get(level_key(f, n, e.key), "")), i, e.key) for i, e in enumerate(elements(std))]
    rated = sorted(r for r in rated if r[0] > 0)
    return [(key, cont.label(values[level_key(f, n, key)])) for _, _, key in rated[:SUGGESTED]]


def comparison(f: Field, resources: ResourceSet, values: Values) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The printed comparison of passes: a column per pass (level and date) and the latest evidence."""
    cont, std = resources_of(f, resources)
    n = pass_count(f, values)
    columns = ("Element", *(values.get(title_key(f, i), "") or f"Pass {i}" for i in range(1, n + 1)), "Evidence")
    rows = []
    for e in elements(std):
        cells = []
        for i in range(1, n + 1):
            level = values.get(level_key(f, i, e.key), "")
            day = display_date(values.get(level_key(f, i, e.key) + ".date", ""))
            cells.append(f"{cont.label(level)}\n{day}".strip() if level else "")
        rows.append((f"{e.key} {e.text}", *cells, values.get(level_key(f, n, e.key) + ".evidence", "") if n else ""))
    return columns, rows
