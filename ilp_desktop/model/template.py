"""Program templates: one TOML file per induction program (see forms/README.md).

A template declares the conversation steps, the ILP cells, the fields that
fill them, the checks, the due-date calendar, signature roles and the print
order. Wizard pages, checks, dashboard and PDF are all generated from it, so a
district adds a program by adding a file. Loading validates everything and
reports the first problem as "file: key: problem".
"""

from __future__ import annotations

import calendar as month_calendar
import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, TypedDict

import regex

from ilp_desktop.model.program_year import NO_PROGRAM_YEAR, YearRules, read_year_rules
from ilp_desktop.model.resources import AssessmentWords, Framework, ResourceSet, read_words
from ilp_desktop.model.stages import LEGACY_STAGES, STEPS, current_stage, stage_id, stage_ids
from ilp_desktop.model.tomlfile import Reader, read_toml

FORMAT_VERSION = 1

FIELD_TYPES = (
    "text",
    "longtext",
    "choice",
    "rating",
    "date",
    "daterange",
    "number",
    "checklist",
    "group",
    "self_assessment",
    "continuum",
)
SCRIPT_KINDS = {
    "coach_says": "Coach says",
    "coach_asks": "Coach asks",
    "coach_note": "Coach",
    "consider": "Consider",
    "teacher": "Teacher",
}
CheckParam = Literal["pattern", "value", "min", "max", "years", "field", "values", "except_in", "where"]
# Which checks make sense on which field types, and the parameters each takes (CheckParams says what each holds).
# The first parameter, or one of min and max, must be given.
CHECK_RULES: dict[str, tuple[tuple[str, ...], tuple[CheckParam, ...]]] = {
    "matches": (("text", "longtext"), ("pattern",)),
    "min_words": (("text", "longtext"), ("value",)),
    "span_weeks": (("daterange",), ("min", "max")),
    "within_years": (("number",), ("years",)),
    # On a group, about one field of its items (e.g. the CSTP standard each goal is for):
    "distinct": (("group",), ("field",)),  # no two items give the same answer
    "covers": (("group",), ("field", "values", "except_in")),  # answers are exactly these
    "count": (("group",), ("min", "max", "where")),  # items (matching `where`)
}
SEVERITIES = ("required", "advice")
# Lists a choice field can draw its options from: resource kind → list names.
SOURCE_LISTS = {"standards": ("standards", "elements"), "framework": ("domains", "markers", "connections")}
DEPENDENT_LISTS = {"markers": "domains", "connections": "markers"}
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# What the signers of a printed part affirm, unless the program or the part says otherwise.
DEFAULT_STATEMENT = "This plan is for professional growth, not employment evaluation."


@dataclass(frozen=True)
class Option:
    id: str
    label: str


Condition = dict[str, tuple[str, ...]]  # answer key → the answers that satisfy it


class CheckParams(TypedDict, total=False):
    """A check's parameters: those its rule takes (CHECK_RULES), each present; min or max not given is None."""

    pattern: str  # a regular expression
    value: int
    min: int | None
    max: int | None
    years: int
    field: str  # the item field of a group the rule is about
    values: tuple[str, ...]
    except_in: str | None  # a like group whose answers are taken out of `values`
    where: Condition  # which items count


@dataclass(frozen=True)
class Check:
    rule: str
    params: CheckParams
    severity: str
    message: str
    when: Condition = field(default_factory=dict)  # the check counts only while these earlier answers are given


@dataclass(frozen=True)
class Field:
    id: str
    type: str
    label: str
    cell: str | None = None
    help: str = ""
    examples: tuple[str, ...] = ()
    required: bool = False
    options: tuple[Option, ...] = ()
    source: str | None = None  # "<resource id>:<list>", e.g. "cstp:elements"
    depends_on: str | None = None  # field whose value filters a dependent source list
    framework: str | None = None  # self_assessment: the framework resource id
    min: int = 0  # group: fewest items
    max: int | None = None  # group: most items
    fields: tuple[Field, ...] = ()  # group: the fields of one item
    required_when: Condition = field(default_factory=dict)  # group item: {sibling field: values}
    when: Condition = field(default_factory=dict)  # the field is asked only while earlier answers are these
    only: tuple[str, ...] = ()  # offer only these ids of the source list (e.g. CSTP 1–5, not 6)
    checks: tuple[Check, ...] = ()
    item_label: str = "Item"
    item_plural: str = ""  # "pieces of evidence"; by default the item label plus s/es/ies
    measures_when: Condition | None = None  # group: its items take measured data ({} = every item)
    words: tuple[tuple[str, str], ...] = ()  # self_assessment: its own words for the framework's parts
    suggest_from: str | None = None  # choice of elements: the continuum whose lowest-rated elements it suggests

    @property
    def items_label(self) -> str:
        """What several items are called, e.g. 'entries', for messages such as 'needs 3 to 4 entries'."""
        if self.item_plural:
            return self.item_plural
        noun = self.item_label.lower()
        if re.search(r"[^aeiou]y$", noun):
            return noun[:-1] + "ies"
        return noun + ("es" if re.search(r"(s|x|ch|sh)$", noun) else "s")

    @property
    def source_resource(self) -> str | None:
        return self.source.split(":", 1)[0] if self.source else None

    @property
    def source_list(self) -> str | None:
        return self.source.split(":", 1)[1] if self.source else None


@dataclass(frozen=True)
class ScriptLine:
    kind: str
    text: str

    @property
    def speaker(self) -> str:
        return SCRIPT_KINDS[self.kind]

    @property
    def for_coach(self) -> bool:
        return self.kind.startswith("coach")


@dataclass(frozen=True)
class Step:
    id: str
    number: str
    section: str
    title: str
    part: str
    directions: str
    script: tuple[ScriptLine, ...]
    examples: tuple[str, ...]
    fields: tuple[Field, ...]
    notes: tuple[str, ...] = ()  # guidance shown to everyone (e.g. credibility criteria)
    recall: tuple[str, ...] = ()  # earlier steps' answers shown on this one (the goal beside its outcomes)

    @property
    def cells(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for f in self.fields:
            if f.cell:
                seen[f.cell] = None
        return tuple(seen)


@dataclass(frozen=True)
class Cell:
    key: str
    title: str
    description: str = ""

    @property
    def heading(self) -> str:
        """'Cell 2 – Professional Growth Goal'; a cell keyed by a word is named by its title alone."""
        return f"Cell {self.key} – {self.title}" if self.key[:1].isdigit() else self.title


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    cells: tuple[str, ...]
    signatures: tuple[str, ...]
    statement: str = ""  # what the signers affirm, printed above their signatures ("": the program's)
    opens_after: str | None = None  # the part whose signatures open this one (None: open from the start)
    opens_on: tuple[int, int] | None = None  # or the month-day in the school year it opens
    stage_names: dict[str, str] = field(default_factory=dict)  # drafting/ready/signed → the program's words

    def stage_label(self, step: str, first: bool) -> str:
        """The part's drafting, ready or signed stage in the program's words, else in plain ones."""
        if step in self.stage_names:
            return self.stage_names[step]
        if step == "drafting":
            return "Drafting" if first else f"Drafting the {self.title}"
        return f"{self.title} {'ready for signature' if step == 'ready' else 'signed'}"


@dataclass(frozen=True)
class JournalRules:
    title: str = "Journal entries"
    artifacts_min: int = 0
    artifacts_max: int | None = None
    explain_artifacts: bool = False


DONE_WHEN_KINDS = ("signed", "answered", "items")


@dataclass(frozen=True)
class DoneWhen:
    """What meets a due date: a part signed by all its roles, a field answered, or a group with enough items."""

    kind: str  # one of DONE_WHEN_KINDS
    target: str  # the part id (signed) or field id (answered, items)
    count: int = 1  # items: how many


@dataclass(frozen=True)
class CalendarItem:
    id: str
    title: str
    month_day: tuple[int, int] | None  # fixed date in the school year
    after: str | None  # "start", or another calendar item's id
    days: int
    done_at: str | None  # the stage at which this item counts as done
    journal: bool  # done when a journal entry is dated in the month it closes
    done_when: DoneWhen | None = None  # met by a signature or by content rather than by a stage
    weekly_until: str | None = None  # repeats every week up to that calendar item; each done by a note in its week


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    subtitle: str
    audience: str
    description: str
    resources: tuple[str, ...]
    roles: tuple[Option, ...]
    cells: tuple[Cell, ...]
    parts: tuple[Part, ...]
    steps: tuple[Step, ...]
    calendar: tuple[CalendarItem, ...]
    path: Path
    version: str = "1"  # the district's own numbering; every plan records the version it was written with
    replaces: str = ""  # a data-folder template that takes the place of an installed one names its id
    renamed: dict[str, str] = field(default_factory=dict)  # earlier field id → the field's id now
    journal: JournalRules = JournalRules()
    stage_names: dict[str, str] = field(default_factory=dict)  # stage id → the program's own name for it
    list_fields: tuple[str, ...] = ()  # answers shown in the plan list's Details column (e.g. the induction year)
    statement: str = ""  # what signers affirm on every part that has no statement of its own
    year: YearRules = NO_PROGRAM_YEAR  # the mentoring log's kinds, the hours rule and the CTC clocks
    guide: str = "coach"  # the role that leads the conversation: its label replaces "coach" in the wizard's words

    @property
    def guide_label(self) -> str:
        return self.role_label(self.guide)

    def speaker(self, line: ScriptLine) -> str:
        """Who says a script line, in the program's words ("Mentor asks")."""
        return line.speaker.replace("Coach", self.guide_label, 1) if line.for_coach else line.speaker

    def statement_for(self, part: Part) -> str:
        return part.statement or self.statement or DEFAULT_STATEMENT

    # Cached: the plan list asks every plan's stage of its template (a frozen dataclass's fields never change).
    @functools.cached_property
    def part_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.parts)

    @functools.cached_property
    def stages(self) -> list[tuple[str, str]]:
        """(stage id, label) in the order a plan goes through them, derived from the parts."""
        return [
            (
                stage_id(self.part_ids, p.id, step),
                self.stage_names.get(stage_id(self.part_ids, p.id, step)) or p.stage_label(step, i == 0),
            )
            for i, p in enumerate(self.parts)
            for step in STEPS
        ]

    def stage_label(self, stage: str) -> str:
        """In the program's words; a stage of an earlier version by what it now means."""
        current = current_stage(self.part_ids, stage)
        return self._stage_labels.get(current or "", f"Unknown stage '{stage}'")

    @functools.cached_property
    def _stage_labels(self) -> dict[str, str]:
        return dict(self.stages)

    @property
    def final_stage(self) -> str:
        """The last part signed: the plan is complete."""
        return stage_id(self.part_ids, self.parts[-1].id, "signed")

    def role_label(self, role: str) -> str:
        return next((r.label for r in self.roles if r.id == role), role)

    def cell(self, key: str) -> Cell:
        return next(c for c in self.cells if c.key == key)

    def part(self, pid: str) -> Part:
        return next(p for p in self.parts if p.id == pid)

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for s in self.steps for f in s.fields)

    def field(self, fid: str) -> Field:
        return next(f for f in self.fields if f.id == fid)

    def fields_in_cell(self, key: str) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.cell == key)

    def step_index(self, step_id: str) -> int:
        return next((i for i, s in enumerate(self.steps) if s.id == step_id), 0)


def _options(r: Reader, key: str) -> tuple[Option, ...]:
    opts = []
    for o in r.table_list(key):
        o.unknown_keys(("id", "label"))
        opts.append(Option(o.text("id"), o.text("label")))
    r.unique([o.id for o in opts], f"{key}.id")
    return tuple(opts)


def _condition(r: Reader, key: str) -> Condition:
    """`{ track = "early" }` or `{ track = ["year1", "early"] }`: which answers satisfy it."""
    data = r.data.get(key, {})
    if not isinstance(data, dict):
        r.fail(key, 'must be a table such as { kind = "publication" }')
        return {}
    out: Condition = {}
    for name, wanted in data.items():
        wanted = [wanted] if isinstance(wanted, str) else wanted
        if not isinstance(wanted, list) or not wanted or not all(isinstance(w, str) for w in wanted):
            r.fail(f"{key}.{name}", "must be an answer id or a list of them")
            continue
        out[name] = tuple(wanted)
    return out


def _check(r: Reader, ftype: str, item_fields: set[str]) -> Check:
    rule = r.choice("rule", CHECK_RULES)
    types, names = CHECK_RULES[rule]
    r.unknown_keys(("rule", "severity", "message", "when", *names))
    if ftype not in types:
        r.fail("rule", f"'{rule}' does not apply to a {ftype} field")
    params: CheckParams = {}
    for p in names:
        if p == "pattern":
            params[p] = pattern = r.text(p)
            try:
                regex.compile(pattern, regex.V0)
            except regex.error as exc:
                r.fail(p, f"is not a valid pattern: {exc}")
        elif p == "field":
            params[p] = item = r.text(p)
            if item not in item_fields:
                r.fail(p, f"'{item}' is not a field of this group")
        elif p == "values":
            params[p] = tuple(r.text_list(p, [], min_count=1))
        elif p == "where":
            params[p] = where = _condition(r, p)
            if not set(where) <= item_fields:
                r.fail(p, f"'{sorted(set(where) - item_fields)[0]}' is not a field of this group")
        elif p == "except_in":
            params[p] = r.text(p, None)
        elif p in ("value", "years"):
            params[p] = r.integer(p)
        else:
            params[p] = r.integer(p, None)
    if "min" in params and params["min"] is None and params["max"] is None:
        r.fail(names[0], "is required but missing")
    return Check(rule, params, r.choice("severity", SEVERITIES, "advice"), r.text("message"), _condition(r, "when"))


FIELD_KEYS = (
    "id",
    "type",
    "label",
    "cell",
    "help",
    "examples",
    "required",
    "options",
    "source",
    "depends_on",
    "framework",
    "min",
    "max",
    "fields",
    "required_when",
    "checks",
    "item_label",
    "measures",
    "measures_when",
    "when",
    "only",
    "item_plural",
    "words",
    "suggest_from",
)


def _field(r: Reader, in_group: bool = False) -> Field:
    r.unknown_keys(FIELD_KEYS)
    fid = r.text("id")
    if not ID_PATTERN.match(fid):
        r.fail("id", f"'{fid}' must be lower case letters, digits and _ and start with a letter")
    ftype = r.choice("type", FIELD_TYPES)
    if in_group and ftype in ("group", "self_assessment", "continuum"):
        r.fail("type", f"a {ftype} cannot sit inside a group")
    options = _options(r, "options")
    source = r.text("source", None)
    if ftype in ("choice", "rating", "checklist") and not options and not source:
        r.fail("options", f"a {ftype} field needs options or a source")
    if source is not None and ":" not in source:
        r.fail("source", f"'{source}' must look like resource:list, e.g. cstp:elements")
        source = None
    subfields = tuple(_field(s, in_group=True) for s in r.table_list("fields", 1 if ftype == "group" else 0))
    if subfields and ftype != "group":
        r.fail("fields", "only a group has fields")
    r.unique([s.id for s in subfields], "fields.id")
    lo, hi = r.integer("min", 0), r.integer("max", None)
    if lo < 0 or (hi is not None and hi < max(lo, 1)):
        r.fail("max", f"count bounds min={lo} max={hi} are impossible")
    required_when = _condition(r, "required_when")
    if in_group and r.has("when"):
        r.fail("when", "inside a group, use required_when with the item's own fields")
    only = tuple(r.text_list("only", []))
    if only and source is None:
        r.fail("only", "narrows a source list; with options, list just the options wanted")
    framework = r.text("framework", None)
    if ftype in ("self_assessment", "continuum") and framework is None:
        r.fail("framework", f"a {ftype} names the resource it walks (a framework, or a continuum's levels)")
    if r.has("words") and ftype != "self_assessment":
        r.fail("words", "only a self_assessment names its parts")
    measures_when = _condition(r, "measures_when") if r.boolean("measures", False) else None
    if measures_when is not None and ftype != "group":
        r.fail("measures", "only a group's items take measures")
    if measures_when and not set(measures_when) <= {sub.id for sub in subfields}:
        r.fail(
            "measures_when",
            f"'{sorted(set(measures_when) - {sub.id for sub in subfields})[0]}' is not a field of this group",
        )
    return Field(
        id=fid,
        type=ftype,
        label=r.text("label"),
        cell=r.text("cell", None),
        help=r.text("help", ""),
        examples=tuple(r.text_list("examples", [])),
        required=r.boolean("required", False),
        options=options,
        source=source,
        depends_on=r.text("depends_on", None),
        framework=framework,
        min=lo,
        max=hi,
        fields=subfields,
        required_when=required_when,
        when=_condition(r, "when"),
        only=only,
        checks=tuple(_check(c, ftype, {sub.id for sub in subfields}) for c in r.table_list("checks")),
        item_label=r.text("item_label", "Item"),
        item_plural=r.text("item_plural", ""),
        measures_when=measures_when,
        words=read_words(r),
        suggest_from=r.text("suggest_from", None),
    )


def _step(r: Reader, parts: set[str]) -> Step:
    r.unknown_keys(
        ("id", "number", "section", "title", "part", "directions", "script", "examples", "fields", "notes", "recall")
    )
    script = []
    for line in r.table_list("script"):
        line.unknown_keys(("kind", "text"))
        script.append(ScriptLine(line.choice("kind", SCRIPT_KINDS), line.text("text")))
    part = r.text("part")
    if part not in parts:
        r.fail("part", f"'{part}' is not one of the template's parts: {', '.join(sorted(parts))}")
    return Step(
        id=r.text("id"),
        number=r.text("number", ""),
        section=r.text("section", ""),
        title=r.text("title"),
        part=part,
        directions=r.text("directions", ""),
        script=tuple(script),
        examples=tuple(r.text_list("examples", [])),
        fields=tuple(_field(f) for f in r.table_list("fields")),
        notes=tuple(r.text_list("notes", [])),
        recall=tuple(r.text_list("recall", [])),
    )


def _month_day(r: Reader, key: str) -> tuple[int, int] | None:
    """A "MM-DD" day of the school year; a day its month never has ("02-30", "09-31") is refused."""
    text = r.text(key, None)
    if text is None:
        return None
    m = re.fullmatch(r"(\d\d)-(\d\d)", text)
    if not m or not 1 <= int(m[1]) <= 12:
        r.fail(key, f"'{text}' is not a month-day such as \"09-21\"")
        return None
    month, day = int(m[1]), int(m[2])
    longest = month_calendar.monthrange(2024, month)[1]  # a leap year: "02-29" is a day (Feb 28 in other years)
    if not 1 <= day <= longest:
        name = month_calendar.month_name[month]
        r.fail(key, f"'{text}': {name} has {longest} days, so there is no {name} {day}")
        return None
    return month, day


def _done_when(r: Reader) -> DoneWhen | None:
    """`{ signed = "initial" }`, `{ answered = "reflection" }` or `{ items = "entries", count = 3 }`."""
    if not r.has("done_when"):
        return None
    d = r.table("done_when")
    d.unknown_keys((*DONE_WHEN_KINDS, "count"))
    kinds = [k for k in DONE_WHEN_KINDS if d.has(k)]
    if len(kinds) != 1:
        d.fail("signed", 'give one of signed = "<part>", answered = "<field>" or items = "<group>"')
        return None
    count = d.integer("count", 1)
    if d.has("count") and kinds[0] != "items":
        d.fail("count", "counts the items of a group: use it with items")
    if count < 1:
        d.fail("count", "must be 1 or more")
    return DoneWhen(kinds[0], d.text(kinds[0]), count)


def _calendar_item(r: Reader) -> CalendarItem:
    r.unknown_keys(("id", "title", "date", "after", "days", "done_at", "done_when", "journal", "weekly_until"))
    if r.has("date") == r.has("after"):
        r.fail("date", 'give either date = "MM-DD" or after = "start" with days')
    month_day, after = _month_day(r, "date"), r.text("after", None)
    if month_day is None and after is None:
        after = "start"  # a stand-in after the problem above, so the rest of the file is still checked
    done_when = _done_when(r)
    done_at = r.text("done_at", None)
    if done_at is not None and done_when is not None:
        r.fail("done_at", "give done_at (a stage) or done_when, not both")
    return CalendarItem(
        r.text("id"),
        r.text("title"),
        month_day,
        after,
        r.integer("days", 0),
        done_at,
        r.boolean("journal", False),
        done_when,
        r.text("weekly_until", None),
    )


def _part(r: Reader) -> Part:
    r.unknown_keys(("id", "title", "cells", "signatures", "statement", "opens_after", "stages"))
    opens_after = opens_on = None
    if r.has("opens_after"):
        when = r.text("opens_after")
        opens_on = _month_day(r, "opens_after") if re.fullmatch(r"\d.*", when) else None
        opens_after = None if opens_on else when
    names = {}
    if r.has("stages"):
        table = r.table("stages")
        table.unknown_keys(STEPS)
        names = {step: table.text(step) for step in table.data}
    return Part(
        r.text("id"),
        r.text("title"),
        tuple(r.text_list("cells", min_count=1)),
        tuple(r.text_list("signatures", [])),
        r.text("statement", ""),
        opens_after,
        opens_on,
        names,
    )


def _opening(parts: list[Part]) -> list[Part]:
    """A later part says nothing about opening: it opens when the part before it is signed."""
    return [
        replace(p, opens_after=parts[i - 1].id) if i and p.opens_after is None and p.opens_on is None else p
        for i, p in enumerate(parts)
    ]


PROGRAM_KEYS = (
    "id",
    "version",
    "replaces",
    "renamed",
    "title",
    "subtitle",
    "audience",
    "description",
    "resources",
    "list_fields",
    "statement",
    "guide",
)


def _renamed(r: Reader) -> dict[str, str]:
    """`renamed = { old_id = "new_id" }`: answers stored under a field's earlier id belong to its new one."""
    data = r.data.get("renamed", {})
    if not isinstance(data, dict):
        r.fail("renamed", 'must be a table such as { old_id = "new_id" }')
        return {}
    out = {}
    for old, new in data.items():
        if not isinstance(new, str) or not ID_PATTERN.match(new):
            r.fail(f"renamed.{old}", "must be the field's new id")
        else:
            out[old] = new
    return out


class _Program(TypedDict):
    """The [program] table, read before the rest so its problems are reported first."""

    id: str
    version: str
    replaces: str
    renamed: dict[str, str]
    title: str
    subtitle: str
    audience: str
    description: str
    resources: tuple[str, ...]
    list_fields: tuple[str, ...]
    statement: str
    guide: str


def load_template(path: Path, resources: ResourceSet) -> Template:
    """The program of a template file, or TemplateProblems naming every problem in it."""
    r = read_toml(path)
    return r.source.collect(lambda: _read_template(r, path, resources))


def _read_template(r: Reader, path: Path, resources: ResourceSet) -> Template:
    r.unknown_keys(
        ("format", "program", "roles", "cells", "parts", "steps", "calendar", "journal", "stages", "program_year")
    )
    if r.integer("format") != FORMAT_VERSION:
        r.fail("format", f"this version of ILP Desktop reads format {FORMAT_VERSION}")
    prog = r.table("program")
    prog.unknown_keys(PROGRAM_KEYS)
    program = _Program(
        id=prog.text("id"),
        version=str(prog._get("version", "1", (str, int), 'text such as "2026.1"')).strip() or "1",
        replaces=prog.text("replaces", ""),
        renamed=_renamed(prog),
        title=prog.text("title"),
        subtitle=prog.text("subtitle", ""),
        audience=prog.choice("audience", ("teacher", "administrator")),
        description=prog.text("description", ""),
        resources=tuple(prog.text_list("resources", [])),
        list_fields=tuple(prog.text_list("list_fields", [])),
        statement=prog.text("statement", ""),
        guide=prog.text("guide", "coach"),
    )
    roles = _options(r, "roles")
    cells = []
    for c in r.table_list("cells", min_count=1):
        c.unknown_keys(("key", "title", "description"))
        cells.append(Cell(c.text("key"), c.text("title"), c.text("description", "")))
    r.unique([c.key for c in cells], "cells.key")
    parts = _opening([_part(p) for p in r.table_list("parts", min_count=1)])
    r.unique([p.id for p in parts], "parts.id")
    steps = [_step(s, {p.id for p in parts}) for s in r.table_list("steps", min_count=1)]
    r.unique([s.id for s in steps], "steps.id")
    calendar = [_calendar_item(c) for c in r.table_list("calendar")]
    r.unique([c.id for c in calendar], "calendar.id")
    stage_names = {}
    if r.has("stages"):
        # The program-wide names of earlier versions, by the six fixed ids; each part can name its own.
        names = r.table("stages")
        names.unknown_keys(LEGACY_STAGES)
        ids = tuple(p.id for p in parts)
        stage_names = {current_stage(ids, stage) or stage: names.text(stage) for stage in names.data}
    journal = JournalRules()
    if r.has("journal"):
        j = r.table("journal")
        j.unknown_keys(("title", "artifacts_min", "artifacts_max", "explain_artifacts"))
        journal = JournalRules(
            j.text("title", journal.title),
            j.integer("artifacts_min", 0),
            j.integer("artifacts_max", None),
            j.boolean("explain_artifacts", False),
        )
        if journal.artifacts_max is not None and journal.artifacts_max < journal.artifacts_min:
            j.fail("artifacts_max", "is below artifacts_min")
    year = NO_PROGRAM_YEAR
    if r.has("program_year"):
        groups = {f.id for s in steps for f in s.fields if f.type == "group"}
        year = read_year_rules(r.table("program_year"), {p.id for p in parts}, groups)
    template = Template(
        **program,
        year=year,
        roles=roles,
        journal=journal,
        stage_names=stage_names,
        cells=tuple(cells),
        parts=tuple(parts),
        steps=tuple(steps),
        calendar=tuple(calendar),
        path=path,
    )
    _cross_check(template, r, resources)
    return template


def _cross_check(t: Template, r: Reader, resources: ResourceSet) -> None:
    """References between parts of the template, and from it to resources; each problem is recorded in r."""
    for rid in t.resources:
        if rid not in resources.by_id:
            r.fail("program.resources", f"no resource with id '{rid}' is installed")
    cell_keys = {c.key for c in t.cells}
    role_ids = {o.id for o in t.roles}
    if t.guide != "coach" and t.guide not in role_ids:
        r.fail("program.guide", f"'{t.guide}' is not a declared role")
    for p in t.parts:
        for key in p.cells:
            if key not in cell_keys:
                r.fail(f"parts[{p.id}].cells", f"'{key}' is not a declared cell")
        for role in p.signatures:
            if role not in role_ids:
                r.fail(f"parts[{p.id}].signatures", f"'{role}' is not a declared role")
        _check_opening(r, t, p)
    r.unique([f.id for f in t.fields], "steps.fields.id")
    field_ids = {f.id for f in t.fields}
    for fid in t.list_fields:
        if fid not in {f.id for f in t.fields if f.type not in ("group", "self_assessment")}:
            r.fail("program.list_fields", f"'{fid}' is not a single answer of the template")
    for old, new in t.renamed.items():
        if new not in field_ids:
            r.fail(f"program.renamed.{old}", f"'{new}' is not a field of the template")
        elif old in field_ids:
            r.fail(f"program.renamed.{old}", f"'{old}' is still a field; a renamed field has only its new id")
    seen: set[str] = set()
    for s in t.steps:
        for fid in s.recall:
            if fid not in seen:
                r.fail(f"steps[{s.id}].recall", f"'{fid}' is not a field of an earlier step")
        for f in s.fields:
            where = f"steps[{s.id}].fields[{f.id}]"
            if f.cell is not None and f.cell not in cell_keys:
                r.fail(f"{where}.cell", f"'{f.cell}' is not a declared cell")
            _check_source(r, where, f, t, resources, seen)
            _check_conditions(r, where, f, t, seen)
            for sub in f.fields:
                _check_source(r, f"{where}.fields[{sub.id}]", sub, t, resources, seen | {x.id for x in f.fields})
                for sibling in sub.required_when:
                    if sibling not in {x.id for x in f.fields}:
                        r.fail(f"{where}.fields[{sub.id}].required_when", f"'{sibling}' is not a field of this group")
            if f.suggest_from is not None and f.suggest_from not in {x.id for x in t.fields if x.type == "continuum"}:
                r.fail(f"{where}.suggest_from", f"'{f.suggest_from}' is not a continuum field")
            if f.type == "continuum" and resources.continuum(f.framework or "") is None:
                r.fail(f"{where}.framework", f"no continuum resource with id '{f.framework}'")
            if f.type != "continuum" and f.framework is not None and resources.framework(f.framework) is None:
                r.fail(f"{where}.framework", f"no framework resource with id '{f.framework}'")
            seen.add(f.id)
    _check_calendar(r, t)


def _names(values: list[str], one: str, many: str) -> str:
    """ "'a' is not an option" or "'a', 'b' are not options": every value a check found wrong, in one message."""
    return ", ".join(f"'{v}'" for v in values) + " " + (one if len(values) == 1 else many)


def _check_source(r: Reader, where: str, f: Field, t: Template, resources: ResourceSet, earlier: set[str]) -> None:
    """Where a field's list comes from, what it depends on and what narrows it: every problem recorded."""
    if f.source is None:
        return
    rid = f.source_resource
    res = resources.by_id.get(rid) if rid is not None else None
    if f.depends_on is not None and f.depends_on not in earlier:
        r.fail(f"{where}.depends_on", f"'{f.depends_on}' is not a field asked earlier")
    if res is None or rid not in t.resources:
        r.fail(f"{where}.source", f"resource '{f.source_resource}' is not in program.resources")
        return  # the rest is asked of the resource
    kind = "framework" if resources.framework(res.id) else "standards"
    lists = SOURCE_LISTS[kind] + (("scale",) if kind == "framework" else ())
    if f.source_list not in lists:
        r.fail(f"{where}.source", f"a {kind} resource offers {', '.join(lists)}")
    needs = DEPENDENT_LISTS.get(f.source_list or "")
    if needs and f.depends_on is None:
        r.fail(f"{where}.depends_on", f"{f.source_list} depend on a chosen {needs[:-1]}")
    if f.only:
        std = resources.standards(res.id)
        if std is None:
            r.fail(f"{where}.only", "narrows a standards list, not a framework's")
            return
        keys = {s.key for s in std.standards} | {e.key for s in std.standards for e in s.elements}
        if unknown := [k for k in f.only if k not in keys]:
            r.fail(f"{where}.only", _names(unknown, f"is not in {res.id}", f"are not in {res.id}"))


def _check_conditions(r: Reader, where: str, f: Field, t: Template, earlier: set[str]) -> None:
    """`when` names earlier answers with options, and only their option ids; `except_in` a like group. Every
    problem of a condition is said in its one message."""
    conditions = [(f"{where}.when", f.when)] + [(f"{where}.checks[{c.rule}].when", c.when) for c in f.checks]
    for place, condition in conditions:
        said = []
        for name, wanted in condition.items():
            if name not in earlier:
                said.append(f"'{name}' is not a field asked earlier")
                continue
            options = {o.id for o in t.field(name).options}
            if not options:
                said.append(f"'{name}' must be a field with options")
            elif unknown := [w for w in wanted if w not in options]:
                said.append(_names(unknown, f"is not an option of '{name}'", f"are not options of '{name}'"))
        if said:
            r.fail(place, "; ".join(said))
    for c in f.checks:
        other = c.params.get("except_in")
        if other is not None:
            like = next((g for g in t.fields if g.id == other and g.type == "group"), None)
            if like is None or c.params.get("field") not in {s.id for s in like.fields}:
                r.fail(
                    f"{where}.checks[{c.rule}].except_in",
                    f"'{other}' is not a group with a '{c.params.get('field')}' field",
                )


def _check_opening(r: Reader, t: Template, p: Part) -> None:
    """A part opens after an earlier part that someone signs (so the parts' order is the order they open in)."""
    if p.opens_after is None:
        return
    earlier = {q.id: q for q in t.parts[: t.part_ids.index(p.id)]}
    where = f"parts[{p.id}].opens_after"
    if p.opens_after not in earlier:
        r.fail(where, f"'{p.opens_after}' is neither a month-day such as \"10-01\" nor an earlier part")
    elif not earlier[p.opens_after].signatures:
        r.fail(where, f"part '{p.opens_after}' has no signatures to wait for")


def _check_done(r: Reader, t: Template, c: CalendarItem) -> None:
    """A calendar item is done at one of the program's stages, or by a part signed or an answer given."""
    where = f"calendar[{c.id}]"
    stages = stage_ids(t.part_ids)
    if c.done_at is not None and c.done_at not in stages and c.done_at not in LEGACY_STAGES:
        r.fail(f"{where}.done_at", f"'{c.done_at}' is not a stage: {', '.join(stages)}")
    d = c.done_when
    if d is None:
        return
    if d.kind == "signed":
        if d.target not in t.part_ids or not t.part(d.target).signatures:
            r.fail(f"{where}.done_when.signed", f"'{d.target}' is not a part that is signed")
        return
    fields = {f.id: f for f in t.fields}
    wanted = "group" if d.kind == "items" else None
    if d.target not in fields or (wanted and fields[d.target].type != wanted):
        what = "a group of the template" if wanted else "a field of the template"
        r.fail(f"{where}.done_when.{d.kind}", f"'{d.target}' is not {what}")


def _check_calendar(r: Reader, t: Template) -> None:
    """Every item's own problems, and each cycle of "after" links once."""
    by_id = {c.id: c for c in t.calendar}
    for c in t.calendar:
        _check_done(r, t, c)
        if c.after is not None and c.after != "start" and c.after not in by_id:
            r.fail(f"calendar[{c.id}].after", f"'{c.after}' is neither 'start' nor a calendar id")
        if c.weekly_until is not None and c.weekly_until not in set(by_id) - {c.id}:
            r.fail(f"calendar[{c.id}].weekly_until", f"'{c.weekly_until}' is not another calendar id")
    # Follow each chain of "after" links; meeting an item twice means a cycle.
    in_cycles: set[str] = set()
    for c in t.calendar:
        chain = [c.id]
        while (nxt := by_id[chain[-1]].after) in by_id and nxt not in in_cycles:
            if nxt in chain:
                r.fail(f"calendar[{c.id}].after", f"dates depend on each other in a cycle: {' → '.join([*chain, nxt])}")
                in_cycles.update(chain)
                break
            chain.append(nxt)


def assessment_words(f: Field, fw: Framework) -> AssessmentWords:
    """What a self-assessment calls its domains and markers, its prompt, and whether each domain needs a
    rationale: the framework's words, as the template's field changes them."""
    return fw.words.merged(f.words)
