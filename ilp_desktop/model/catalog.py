"""Every installed program template and resource, shipped and district-added.

Shipped files come with the package (the repository's forms/ and resources/);
a district adds or replaces them by putting files into the data folder's
forms/ and resources/ directories. A plan received from another computer brings
the template and resources it was written with; they are kept in the data
folder's received/ directory and stand in only for a program (or resource) not
installed otherwise, so they never replace an installed one of the same id. A broken file never stops the app: it is
left out and its one-line problem is listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ilp_desktop.model.errors import TemplateError
from ilp_desktop.model.resources import ResourceSet, load_resource
from ilp_desktop.model.template import Template, load_template
from ilp_desktop.model.tomlfile import read_toml


def shipped_dir(name: str) -> Path:
    """The repository's top-level `forms` or `resources` folder, wherever it was installed.

    An installed package carries them inside itself (see pyproject.toml); a
    source checkout or editable install has them beside the package.
    """
    package = Path(__file__).resolve().parents[1]
    installed = package / name
    return installed if installed.is_dir() else package.parent / name


@dataclass
class Catalog:
    templates: dict[str, Template] = field(default_factory=dict)
    resources: ResourceSet = field(default_factory=ResourceSet)
    problems: list[str] = field(default_factory=list)

    def template(self, program: str) -> Template | None:
        return self.templates.get(program)


RECEIVED = "received"


def _toml_files(folders: list[Path]) -> list[Path]:
    # Later folders override earlier ones by id, so keep the folder order.
    return [p for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.toml"))]


def load_catalog(user_dir: Path | None = None) -> Catalog:
    catalog = Catalog()
    extra = [user_dir] if user_dir else []
    received = [d / RECEIVED for d in extra]
    for path in _toml_files(
        [*(d / "resources" for d in received), shipped_dir("resources"), *(d / "resources" for d in extra)]
    ):
        try:
            catalog.resources.add(load_resource(path), path)
        except TemplateError as exc:
            catalog.problems.append(str(exc))
    catalog.problems.extend(str(p) for p in catalog.resources.check_links())
    for path in _toml_files([*(d / "forms" for d in received), shipped_dir("forms"), *(d / "forms" for d in extra)]):
        try:
            template = load_template(path, catalog.resources)
        except TemplateError as exc:
            catalog.problems.append(str(exc))
            continue
        catalog.templates[template.id] = template
    return catalog


def used_files(catalog: Catalog, template: Template) -> dict[str, Path]:
    """The template's file and every resource file it reads ('forms/<id>.toml', 'resources/<id>.toml' → file),
    so a plan can travel with what it was written with."""
    wanted = set(template.resources) | {f.framework for f in template.fields if f.framework}
    for rid in list(wanted):
        framework = catalog.resources.framework(rid)
        if framework is not None:
            wanted.add(framework.standards_id)
    files = {
        f"resources/{rid}.toml": catalog.resources.files[rid]
        for rid in sorted(wanted)
        if rid in catalog.resources.files
    }
    return {f"forms/{template.id}.toml": template.path} | files


def validate_file(path: Path, catalog: Catalog) -> str:
    """Validate one template or resource file; returns a summary or raises TemplateError."""
    if read_toml(path).has("kind"):
        res = load_resource(path)
        trial = ResourceSet(dict(catalog.resources.by_id), dict(catalog.resources.files))
        trial.add(res, path)
        problems = [p for p in trial.check_links() if p.file == str(path)]
        if problems:
            raise problems[0]
        return f"{path}: ok ({type(res).__name__.lower()} '{res.id}')"
    t = load_template(path, catalog.resources)
    return f"{path}: ok (program '{t.id}', {len(t.steps)} steps, {len(t.cells)} cells)"
