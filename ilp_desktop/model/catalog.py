"""Every installed program template and resource, shipped and district-added.

Shipped files come with the package (the repository's forms/ and resources/);
a district adds programs and resources by putting files into the data folder's
forms/ and resources/ directories, and replaces a shipped program only by
saying so (`replaces = "<id>"`): a file that merely reuses a shipped id would
make that program's plans print from a form they were not written on. A plan
received from another computer brings the template and resources it was written
with; they are kept in the data folder's received/ directory and stand in only
for a program (or resource) not installed otherwise. A broken file never stops
the app: it is left out, every problem in it is listed, and the plans of its
program stay listed with the reason.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ilp_desktop.model.errors import TemplateError, TemplateProblems
from ilp_desktop.model.resources import ResourceSet, load_resource
from ilp_desktop.model.template import Template, load_template
from ilp_desktop.model.tomlfile import Source, read_toml


def shipped_dir(name: str) -> Path:
    """The repository's top-level `forms` or `resources` folder, wherever it was installed.

    An installed package carries them inside itself (see pyproject.toml); a
    source checkout or editable install has them beside the package.
    """
    package = Path(__file__).resolve().parents[1]
    installed = package / name
    return installed if installed.is_dir() else package.parent / name


@dataclass
class ProgramFile:
    """One template file as the Programs page lists it: what it holds, or why it was left out."""

    path: Path
    shipped: bool
    template: Template | None = None
    problems: list[TemplateError] = field(default_factory=list)

    @property
    def program_id(self) -> str:
        return self.template.id if self.template else _declared_id(self.path)


@dataclass
class Catalog:
    templates: dict[str, Template] = field(default_factory=dict)
    resources: ResourceSet = field(default_factory=ResourceSet)
    problems: list[str] = field(default_factory=list)
    files: list[ProgramFile] = field(default_factory=list)

    def template(self, program: str) -> Template | None:
        return self.templates.get(program)

    def take(self, fresh: Catalog) -> None:
        """Become a freshly loaded catalog, in place: open windows hold this one."""
        self.templates, self.resources, self.problems, self.files = (
            fresh.templates,
            fresh.resources,
            fresh.problems,
            fresh.files,
        )

    def broken(self, program: str) -> str:
        """Why a program that plans use is missing: its file's first problem, or ''."""
        if program in self.templates:
            return ""
        found = next((f for f in self.files if f.template is None and f.program_id == program), None)
        return str(found.problems[0]) if found and found.problems else ""


def _declared_id(path: Path) -> str:
    """The program id a broken file means to declare, if its [program] table can be read; else its name."""
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8").removeprefix("\ufeff"))
        program_id = data.get("program", {}).get("id")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError, RecursionError):
        program_id = None
    return program_id if isinstance(program_id, str) else path.stem


def _problems(exc: TemplateError) -> list[TemplateError]:
    return exc.problems if isinstance(exc, TemplateProblems) else [exc]


def _located(path: Path, key: str, problem: str) -> TemplateError:
    """A problem found after loading (a clash between files), placed where its key was written."""
    error = TemplateError(str(path), key, problem)
    try:
        source = Source(str(path), path.read_bytes().decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n"))
        error.line, error.column = source.locate(key)
    except (OSError, UnicodeDecodeError):
        pass
    return error


def _files(folder: Path, shipped: bool, found: list[TemplateError]) -> list[Path]:
    """The folder's .toml files in name order. In a data folder anything else is reported, not passed over:
    an author whose editor saved 'district.toml.txt' would otherwise wonder where the program went."""
    if not folder.is_dir():
        return []
    paths = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not shipped:
        for p in paths:
            if p.suffix != ".toml":
                stem = p.name.split(".")[0] or p.name
                found.append(
                    TemplateError(
                        str(p), "(file)", f"is not read: only files ending in .toml are (rename it {stem}.toml)"
                    )
                )
    return [p for p in paths if p.suffix == ".toml"]


RECEIVED = "received"


def load_catalog(user_dir: Path | None = None) -> Catalog:
    catalog = Catalog()
    found: list[TemplateError] = []
    folders = [(shipped_dir("resources"), shipped_dir("forms"), True)]
    if user_dir is not None:
        folders.append((user_dir / "resources", user_dir / "forms", False))
    for resources, _, shipped in folders:
        for path in _files(resources, shipped, found):
            try:
                catalog.resources.add(load_resource(path), path)
            except TemplateError as exc:
                found.extend(_problems(exc))
    received = user_dir / RECEIVED if user_dir is not None else None
    if received is not None:
        _add_received_resources(catalog, received / "resources")
    found.extend(_located(Path(p.file), p.key, p.problem) for p in catalog.resources.check_links())
    shipped_ids: dict[str, Path] = {}
    for _, forms, shipped in folders:
        for path in _files(forms, shipped, found):
            entry = ProgramFile(path, shipped)
            catalog.files.append(entry)
            try:
                template = load_template(path, catalog.resources)
            except TemplateError as exc:
                entry.problems = _problems(exc)
                continue
            entry.problems = _clash(template, shipped, shipped_ids, catalog.templates)
            if entry.problems:
                continue
            entry.template = catalog.templates[template.id] = template
            if shipped:
                shipped_ids[template.id] = path
    if received is not None:
        _add_received_templates(catalog, received / "forms", found)
    found.extend(p for f in catalog.files for p in f.problems)
    catalog.problems = [str(p) for p in found]
    return catalog


def _add_received_resources(catalog: Catalog, folder: Path) -> None:
    """Resources that came with received plans, for the ids nothing installed has."""
    for path in _files(folder, True, []):
        try:
            resource = load_resource(path)
        except TemplateError:
            continue  # checked when it arrived; one damaged since is simply not used
        if resource.id not in catalog.resources.by_id:
            catalog.resources.add(resource, path)


def _add_received_templates(catalog: Catalog, folder: Path, found: list[TemplateError]) -> None:
    """Programs that came with received plans, for the ids no installed program has: they never replace one."""
    for path in _files(folder, True, found):
        try:
            template = load_template(path, catalog.resources)
        except TemplateError as exc:
            found.extend(_problems(exc))
            continue
        if template.id not in catalog.templates:
            catalog.templates[template.id] = template
            catalog.files.append(ProgramFile(path, False, template))


def _clash(
    template: Template, shipped: bool, shipped_ids: dict[str, Path], loaded: dict[str, Template]
) -> list[TemplateError]:
    """A data-folder template may take an installed program's id only by saying `replaces`; two of its own
    files may not share one."""
    path, tid = template.path, template.id
    if template.replaces and template.replaces != tid:
        return [_located(path, "program.replaces", f"must be this program's own id '{tid}'")]
    if shipped:
        return []
    if tid in shipped_ids and loaded[tid].path == shipped_ids[tid]:
        if template.replaces != tid:
            return [
                _located(
                    path,
                    "program.id",
                    f"'{tid}' is the id of the installed program in {shipped_ids[tid].name}; to take its place "
                    f'write replaces = "{tid}" under [program], or give this program an id of its own',
                )
            ]
        return []
    if tid in loaded:
        return [_located(path, "program.id", f"'{tid}' is already the id of the program in {loaded[tid].path.name}")]
    return []


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
    """Validate one template or resource file; returns a summary or raises TemplateError (TemplateProblems
    with every problem found)."""
    if path.suffix != ".toml":
        raise TemplateError(str(path), "(file)", "must end in .toml: the app reads no other files")
    if read_toml(path).has("kind"):
        res = load_resource(path)
        trial = ResourceSet(dict(catalog.resources.by_id), dict(catalog.resources.files))
        trial.add(res, path)
        problems = [p for p in trial.check_links() if p.file == str(path)]
        if problems:
            raise TemplateProblems([_located(path, p.key, p.problem) for p in problems])
        return f"{path}: ok ({type(res).__name__.lower()} '{res.id}')"
    t = load_template(path, catalog.resources)
    return f"{path}: ok (program '{t.id}', version {t.version}, {len(t.steps)} steps, {len(t.cells)} cells)"
