"""The guide's advice for choosing a focus domain, computed from the self-assessment.

"If you have multiple Domains that you believe can be potential areas of
focus, please prioritize the Domain that is closest to the foundation of the
vertical alignment pyramid." Candidates are the domains with a marker rated in
the lower half of the scale; the suggestion is the candidate nearest the
foundation (frameworks list their domains from the foundation up).
"""

from __future__ import annotations

from dataclasses import dataclass

from ilp_desktop.model.resources import Domain, Framework
from ilp_desktop.model.template import Field
from ilp_desktop.model.values import Values, rating_key


@dataclass(frozen=True)
class DomainStanding:
    domain: Domain
    ratings: tuple[str, ...]  # level labels of the rated markers, in marker order
    rated: int
    lowest: int | None  # index of the lowest level given (0 = bottom of the scale)
    candidate: bool


def domain_standings(fw: Framework, assessment: Field, values: Values) -> list[DomainStanding]:
    levels = [level.id for level in fw.scale]
    labels = {level.id: level.label for level in fw.scale}
    lower_half = (len(levels) + 1) // 2  # levels with index below this count as "growth areas"
    out = []
    for d in fw.domains:
        given = [values.get(rating_key(assessment, d.key, m.key), "") for m in d.markers]
        given = [g for g in given if g in levels]
        lowest = min((levels.index(g) for g in given), default=None)
        out.append(
            DomainStanding(
                d, tuple(labels[g] for g in given), len(given), lowest, lowest is not None and lowest < lower_half
            )
        )
    return out


def suggested_domain(standings: list[DomainStanding]) -> DomainStanding | None:
    """The candidate closest to the foundation, as the guide advises."""
    return next((s for s in standings if s.candidate), None)
