"""The wizard's pages as planned before any is built: what the step list, the ✓/⚠ checks and "go to this answer"
need (title, step, the answers on the page), and how to build the page when it is first shown.

A page's widgets cost far more than its checks (a long guide has a hundred answer rows); building only the
pages a conversation reaches opens the window in the time of one page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ilp_desktop.model.errors import UserError
from ilp_desktop.model.template import Step, Template, assessment_words
from ilp_desktop.model.values import rating_key, rationale_key
from ilp_desktop.ui.fields import FieldContext
from ilp_desktop.ui.finish_page import FINISH, FinishPage
from ilp_desktop.ui.pages import DomainPage, Page, StepPage


@dataclass(frozen=True)
class PageSpec:
    page_id: str
    list_title: str
    step: Step
    keys: frozenset[str]  # the answers the page holds: field ids, group ids, a domain's rating and rationale keys
    build: Callable[[], Page]
    indented: bool = False  # a domain under its self-assessment step

    def answer_keys(self) -> frozenset[str]:
        return self.keys

    def holds(self, key: str) -> bool:
        """Whether an answer is on this page: one of its keys, or an item of one of its groups ("sources.2.year")."""
        return key in self.keys or key.split(".", 1)[0] in self.keys


def page_specs(template: Template, plan_id: int, ctx: FieldContext) -> list[PageSpec]:
    """A page per step; a step with a self-assessment a page per framework domain (then one for its other
    fields); the finish page last."""
    specs: list[PageSpec] = []
    for step in template.steps:
        assessment = next((f for f in step.fields if f.type == "self_assessment"), None)
        others = frozenset(f.id for f in step.fields if f.type != "self_assessment")
        title = f"{step.number}: {step.title}" if step.number else step.title
        if assessment is None:
            specs.append(PageSpec(step.id, title, step, others, partial(StepPage, step, ctx, step.id, title)))
            continue
        fw = ctx.resources.framework(assessment.framework or "")
        if fw is None:  # the catalog does not load a template whose framework is missing
            raise UserError(f"the framework '{assessment.framework}' of {template.title} is not installed")
        words = assessment_words(assessment, fw)
        for d in fw.domains:
            keys = {rating_key(assessment, d.key, m.key) for m in d.markers}
            if words.rationale != "none":
                keys.add(rationale_key(assessment, d.key))
            page_id, domain_title = f"{step.id}#{d.key}", f"{words.domain} {d.key}: {d.title}"
            specs.append(
                PageSpec(
                    page_id,
                    domain_title,
                    step,
                    frozenset(keys),
                    partial(DomainPage, step, assessment, fw, d, ctx, page_id, domain_title),
                    indented=True,
                )
            )
        if others:
            more_id, more_title = f"{step.id}#more", f"{title} – more"
            specs.append(
                PageSpec(
                    more_id,
                    more_title,
                    step,
                    others,
                    partial(StepPage, step, ctx, more_id, more_title, after_assessment=True),
                )
            )
    finish = FinishPage.step_for(template)
    specs.append(PageSpec(FINISH, FinishPage.TITLE, finish, frozenset(), partial(FinishPage, template, plan_id, ctx)))
    return specs
