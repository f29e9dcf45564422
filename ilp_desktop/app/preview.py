"""A program file seen before it is installed: the blank form of every part and every part filled with sample
answers, in one PDF. Nothing is read from or written to a data file: the plan is made up here."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from ilp_desktop.model.catalog import Catalog
from ilp_desktop.model.plan import Person, Plan
from ilp_desktop.model.resources import ResourceSet
from ilp_desktop.model.template import Field, Template, load_template
from ilp_desktop.model.values import Values, choices, format_range, item_key, rating_key, rationale_key

SAMPLE_PEOPLE = {"teacher": "Sample Teacher", "coach": "Sample Coach", "administrator": "Sample Administrator"}


def sample_plan(template: Template, today: dt.date) -> Plan:
    """A made-up plan of the program, with a sample person in each of its roles."""
    people = {role: Person(0, name, role, "Sample School") for role, name in SAMPLE_PEOPLE.items()}
    return Plan(
        id=0,
        uid="preview",
        program=template.id,
        teacher=people["teacher"],
        coach=people["coach"],
        administrator=people["administrator"],
        school="Sample School",
        district="Sample District",
        school_year=f"{today.year}-{today.year + 1}",
        start_date=today,
        stage="drafting",
        current_step="",
        updated_at="",
        template_version=template.version,
    )


def sample_answers(template: Template, resources: ResourceSet, start: dt.date) -> Values:
    """An answer to every field, from the field's own examples where it gives some: enough to see how each
    cell prints."""
    values: Values = {}
    for f in template.fields:
        if f.type == "group":
            count = min(max(f.min, 1), f.max or 2)
            values[f.id] = str(count)
            for index in range(1, count + 1):
                item: Values = {}
                for sub in f.fields:
                    item[sub.id] = _sample(sub, template, resources, item, start, index)
                    values[item_key(f, index, sub)] = item[sub.id]
        elif f.type == "self_assessment":
            framework = resources.framework(f.framework or "")
            if framework is None:
                continue
            level = framework.scale[min(1, len(framework.scale) - 1)].id
            for domain in framework.domains:
                for marker in domain.markers:
                    values[rating_key(f, domain.key, marker.key)] = level
                values[rationale_key(f, domain.key)] = f"A sample rationale for {domain.title}."
        else:
            values[f.id] = _sample(f, template, resources, values, start, 1)
    return values


def _sample(f: Field, template: Template, resources: ResourceSet, answers: Values, start: dt.date, n: int) -> str:
    if f.type in ("choice", "rating", "checklist"):
        offered = choices(f, template, resources, answers)
        ids = [c.id for c in offered[: 2 if f.type == "checklist" else 1]]
        return "\n".join(ids)
    if f.type == "date":
        return (start + dt.timedelta(weeks=2 * n)).isoformat()
    if f.type == "daterange":
        return format_range(start, start + dt.timedelta(weeks=6))
    if f.type == "number":
        return str(start.year) if any(c.rule == "within_years" for c in f.checks) else str(n + 2)
    if f.examples:
        return f.examples[(n - 1) % len(f.examples)]
    if f.type == "longtext":
        return (
            f"A sample answer to “{f.label}”, as long as a teacher might write it, to show how the printout "
            "wraps a paragraph across its cell and where the next answer begins."
        )
    return f"Sample {f.label.lower()}"


def preview_parts(template: Template) -> list[str]:
    """What a preview prints, in order: the blank form of every part, then every part filled."""
    return [f"blank:{p.id}" for p in template.parts] + [p.id for p in template.parts]


def write_preview(
    path: Path, catalog: Catalog, target: Path, paper: str = "letter", today: dt.date | None = None
) -> Template:
    """Render the program file at `path` into one PDF at `target`; raises TemplateError if the file is broken."""
    import pypdfium2

    from ilp_desktop.export.pdf import build_pdf
    from ilp_desktop.export.printed import printed_plan

    template = load_template(path, catalog.resources)
    today = today or dt.date.today()
    plan = sample_plan(template, today)
    values = sample_answers(template, catalog.resources, today)
    merged = pypdfium2.PdfDocument.new()
    with tempfile.TemporaryDirectory(prefix="ilp-desktop-preview-") as folder:
        for i, part in enumerate(preview_parts(template)):
            piece = Path(folder) / f"{i}.pdf"
            build_pdf(printed_plan(template, catalog.resources, part, plan, values), piece, paper, today)
            document = pypdfium2.PdfDocument(piece)
            merged.import_pages(document)
            document.close()
        target.parent.mkdir(parents=True, exist_ok=True)
        merged.save(target)
    merged.close()
    return template
