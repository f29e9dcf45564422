"""Installed programs as a program leader manages them: versions that plans follow, answers a template would
leave unprinted, installing a district's file into the data folder."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.catalog import Catalog, load_catalog
from ilp_desktop.model.errors import TemplateError, UserError
from ilp_desktop.model.template import Template, load_template

# So many plans are named in one warning; the rest are counted.
NAMED_PLANS = 6


def unprinted_answers(ws: Workspace, templates: dict[str, Template] | None = None) -> list[str]:
    """Answers that plans hold but the program's template no longer asks, so no printout shows them: one line
    per program and field, naming the plans (a field renamed without `renamed = { old = "new" }`, or dropped)."""
    templates = ws.catalog.templates if templates is None else templates
    asked = {tid: {f.id for f in t.fields} | set(t.renamed) for tid, t in templates.items()}
    missing: dict[tuple[str, str], list[int]] = defaultdict(list)
    for program, field_id, plan_id in ws.store.answered_ids():
        if program in asked and field_id not in asked[program]:
            missing[(program, field_id)].append(plan_id)
    if not missing:
        return []
    names = {p.id: p.teacher_name for p in ws.plans()}
    lines = []
    for (program, field_id), plan_ids in sorted(missing.items()):
        shown = ", ".join(f"{names.get(i) or 'plan'} (#{i})" for i in plan_ids[:NAMED_PLANS])
        more = f" and {len(plan_ids) - NAMED_PLANS} more" if len(plan_ids) > NAMED_PLANS else ""
        lines.append(
            f"{templates[program].path.name}: '{field_id}' is not a field of {program} any more, so "
            f"{len(plan_ids)} plan(s) would not print their answers to it: {shown}{more}. If the field was "
            f'renamed, declare renamed = {{ {field_id} = "<new id>" }} under [program].'
        )
    return lines


def check_program_file(ws: Workspace, path: Path) -> tuple[Template, list[str]]:
    """A file about to be installed: its program (TemplateError if broken or clashing) and the existing answers
    it would leave unprinted."""
    if path.suffix != ".toml":
        raise TemplateError(str(path), "(file)", "must end in .toml: the app reads no other files")
    template = load_template(path, ws.catalog.resources)
    installed = ws.catalog.template(template.id)
    target = ws.folder / "forms" / path.name
    if installed is not None and installed.path != target and template.replaces != template.id:
        raise TemplateError(
            str(path),
            "program.id",
            f"'{template.id}' is the id of the installed program in {installed.path.name}; to take its place write "
            f'replaces = "{template.id}" under [program], or give this program an id of its own',
        )
    return template, unprinted_answers(ws, {**ws.catalog.templates, template.id: template})


def install_program(ws: Workspace, path: Path) -> Path:
    """Copy a checked template file into the data folder's forms/ and load the programs again."""
    check_program_file(ws, path)
    if ws.read_only:
        raise UserError("the data folder is open read-only; programs cannot be installed")
    forms = ws.folder / "forms"
    target = forms / path.name
    try:
        forms.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.part")
        shutil.copyfile(path, partial)
        partial.replace(target)  # a half-copied file is never read as a program
    except OSError as exc:
        raise UserError(f"the program file could not be copied into {forms}: {exc.strerror or exc}") from None
    reload_programs(ws)
    return target


def reload_programs(ws: Workspace) -> Catalog:
    """The programs as the data folder holds them now; every view holding the catalog sees them."""
    ws.catalog.take(load_catalog(ws.folder))
    ws.adopt_template_versions()
    ws.publish(Event(Change.PLANS))
    return ws.catalog
