"""Which edition of its standards a plan cites (CSTP 2009 or 2024): the choices a new plan has and the default.

Templates name a family of standards by its first edition's id ("the CSTP": ``cstp``); each plan records the
edition it uses, and everything that reads the standards for that plan sees that edition under the family's id
(``ResourceSet.for_plan``).
"""

from __future__ import annotations

from ilp_desktop.model.errors import UserError
from ilp_desktop.model.resources import ResourceSet, Standards
from ilp_desktop.model.template import Template


def families(template: Template, resources: ResourceSet) -> list[str]:
    """The families of standards with more than one edition that a program cites, itself or through its
    framework's connections or its continuum."""
    named = list(template.resources)
    for rid in template.resources:
        linked = resources.framework(rid) or resources.continuum(rid)
        if linked is not None:
            named.append(linked.standards_id)
    found: list[str] = []
    for rid in named:
        std = resources.standards(rid)
        if std is not None and len(resources.editions(std.family)) > 1 and std.family not in found:
            found.append(std.family)
    return found


def editions_for(
    template: Template, resources: ResourceSet, school_year: str, chosen: dict[str, str] | None = None
) -> dict[str, str]:
    """The edition of each family a new plan of that school year cites: the one chosen, else the default (the
    newest edition required by that year)."""
    chosen = chosen or {}
    result = {}
    for family in families(template, resources):
        edition = chosen.get(family) or resources.default_edition(family, school_year)
        known = [e.edition for e in resources.editions(family)]
        if edition not in known:
            raise UserError(f"'{edition}' is not an installed edition of {family} (installed: {', '.join(known)})")
        result[family] = edition
    return result


def edition_label(std: Standards) -> str:
    """An edition as the New ILP dialog offers it: its title and whom it is for."""
    if std.default_from:
        return f"{std.title} – for plans from {std.default_from} on"
    return f"{std.title} – for candidates who began earlier"
