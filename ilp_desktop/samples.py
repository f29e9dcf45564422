"""Sample plans for trying the app: `ilp-desktop demo` and the welcome screen's "Load sample plans".

The content lives in resources/samples/<program>.toml (one file per program);
this module only knows how far a plan at a given stage has got, so any
program with a samples file gets sample plans without code.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from ilp_desktop.model.calendar import current_school_year
from ilp_desktop.model.catalog import Catalog, shipped_dir
from ilp_desktop.model.outcomes import Measure, Target
from ilp_desktop.model.program_year import LogEntry, YearDates
from ilp_desktop.model.stages import LEGACY_STAGES, current_stage
from ilp_desktop.model.template import Template
from ilp_desktop.model.tomlfile import read_toml
from ilp_desktop.model.values import rating_key, rationale_key
from ilp_desktop.storage.store import Store

RELATIVE_DATE = re.compile(r"\+(\d+)")


def sample_files() -> list[Path]:
    return sorted((shipped_dir("resources") / "samples").glob("*.toml"))


def _steps_done(template: Template, stage: str) -> int:
    """How many of the template's steps a plan at `stage` has filled in."""
    initial = [s for s in template.steps if s.part == template.parts[0].id]
    later = len(template.steps) - len(initial)
    progress = {
        "drafting": len(initial) // 2,
        "initial_ready": len(initial),
        "initial_signed": len(initial),
        "in_progress": len(initial) + min(1, later),
        "summative": len(template.steps) - 1,
        "final_signed": len(template.steps),
    }
    return progress[stage]


def _resolve_dates(value: str, start: dt.date) -> str:
    """'+20' is 20 days after the plan's start; '+22/+57' a range of two such dates."""
    return RELATIVE_DATE.sub(lambda m: (start + dt.timedelta(days=int(m[1]))).isoformat(), value)


def _answers(template: Template, profile, stage: str, start: dt.date) -> dict[str, str]:
    steps = template.steps[: _steps_done(template, stage)]
    wanted = {f.id: f for s in steps for f in s.fields}
    values = {}
    given = profile.table("values").data
    for key, value in given.items():
        if key.split(".")[0] in wanted:
            values[key] = _resolve_dates(str(value), start)
    ratings, rationales = profile.data.get("ratings", {}), profile.data.get("rationales", {})
    for f in wanted.values():
        if f.type == "self_assessment":
            for domain_key, text in rationales.items():
                values[rationale_key(f, domain_key)] = text
                for marker_key, level in ratings.items():
                    if marker_key.startswith(domain_key):
                        values[rating_key(f, domain_key, marker_key)] = level
    return values


def _attach_samples(store: Store, entry_id: int, artifacts) -> None:
    """Sample artifacts are small text files written from the samples file, then attached as a user would."""
    with tempfile.TemporaryDirectory() as folder:
        for a in artifacts:
            path = Path(folder) / a.text("name")
            path.write_text(a.text("text"), encoding="utf-8")
            store.add_artifact(entry_id, path, a.text("explanation"))


def _days(reader, key: str, start: dt.date) -> dt.date | None:
    return start + dt.timedelta(days=reader.integer(key)) if reader.has(key) else None


def _year_samples(store: Store, doc, plan_id: int, p, start: dt.date, today: dt.date, turn: int) -> None:
    """The plan's CTC dates and its mentoring log: a meeting a week from the mentor match, and dated entries."""
    dates = YearDates(_days(p, "enrolled", start), _days(p, "matched", start), _days(p, "goals", start))
    store.set_year_dates(plan_id, dates)
    if not doc.has("log") or dates.matched is None:
        return
    log = doc.table("log")
    minutes, notes = log.data["minutes"], log.text_list("notes")
    steps, standards = log.text_list("next_steps"), log.text_list("standards")
    week, day = turn, dates.matched
    while day <= today:
        if minutes[week % len(minutes)]:
            entry = LogEntry(
                0,
                plan_id,
                "",
                day,
                minutes[week % len(minutes)],
                log.text("kind"),
                standards[week % len(standards)],
                notes[week % len(notes)],
                False,
                steps[week % len(steps)],
            )
            store.add_log_entry(plan_id, entry)
        week, day = week + 1, day + dt.timedelta(days=7)
    for e in log.table_list("entries"):
        when = start + dt.timedelta(days=e.integer("days"))
        if dates.matched <= when <= today:
            entry = LogEntry(
                0,
                plan_id,
                "",
                when,
                e.integer("minutes"),
                e.text("kind"),
                e.text("standards", ""),
                e.text("notes", ""),
                e.boolean("released", False),
                e.text("next_steps", ""),
            )
            store.add_log_entry(plan_id, entry)


def load_samples(store: Store, catalog: Catalog, today: dt.date | None = None) -> int:
    """Add every sample plan whose teacher is not in the data file yet; returns how many were added."""
    today = today or dt.date.today()
    existing = {p.teacher_name for p in store.plans()}
    added = 0
    docs = [read_toml(path) for path in sample_files()]
    programs = [(catalog.template(d.text("program")), d) for d in docs]
    # Installed programs only (a broken template is left out), in the order the app lists them.
    for template, doc in sorted(((t, d) for t, d in programs if t is not None), key=lambda p: p[0].title.casefold()):
        district = doc.text("district")
        profiles = {p.text("id"): p for p in doc.table_list("profiles", min_count=1)}
        new_plans = [p for p in doc.table_list("plans", min_count=1) if p.text("teacher") not in existing]
        if not new_plans:
            continue
        coaches = [
            store.add_person(c.text("name"), "coach", district=district) for c in doc.table_list("coaches", min_count=1)
        ]
        admins = {a.text("school"): a.text("name") for a in doc.table_list("administrators")}
        admin_ids: dict[str, int] = {}
        for i, p in enumerate(new_plans):
            school, stage = p.text("school"), p.choice("stage", LEGACY_STAGES)
            profile = profiles.get(p.text("profile"))
            if profile is None:
                raise p.fail("profile", f"no profile '{p.text('profile')}'")
            if school in admins and school not in admin_ids:
                admin_ids[school] = store.add_person(admins[school], "administrator", school, district)
            start = today - dt.timedelta(days=p.integer("started"))
            teacher = store.add_person(p.text("teacher"), "teacher", school, district)
            plan_id = store.create_plan(
                template.id,
                teacher,
                current_school_year(start),
                start,
                coach_id=coaches[i % len(coaches)],
                administrator_id=admin_ids.get(school),
                school=school,
                district=district,
                stage=current_stage(template.part_ids, stage) or stage,  # sample files name the six general stages
            )
            store.save(plan_id, _answers(template, profile, stage, start))
            store.update_plan(
                plan_id, current_step=template.steps[min(_steps_done(template, stage), len(template.steps) - 1)].id
            )
            if LEGACY_STAGES.index(stage) >= LEGACY_STAGES.index("in_progress"):
                for m in profile.table_list("measures"):
                    t = m.table("target")
                    store.save_target(
                        plan_id, m.text("outcome"), Target(t.data["share"], t.text("rule"), t.data["amount"])
                    )
                    store.save_measures(
                        plan_id,
                        m.text("outcome"),
                        [
                            Measure(r["student"], r.get("group", ""), r.get("pre"), r.get("post"))
                            for r in m.data["students"]
                        ],
                    )
            for entry in profile.table_list("journal"):
                when = start + dt.timedelta(days=entry.integer("days"))
                if LEGACY_STAGES.index(stage) >= LEGACY_STAGES.index("initial_signed") and when <= today:
                    entry_id = store.add_journal_entry(
                        plan_id,
                        when,
                        entry.text("title"),
                        entry.text("body"),
                        not_submitted=entry.boolean("not_submitted", False),
                    )
                    _attach_samples(store, entry_id, entry.table_list("artifacts"))
            _year_samples(store, doc, plan_id, p, start, today, i)
            added += 1
    return added
