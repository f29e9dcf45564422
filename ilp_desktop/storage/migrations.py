"""Schema migrations, applied in order; the schema version lives in PRAGMA user_version.

Each migration runs in its own transaction together with the version bump, so
a file is always at exactly one version. Migrations are never edited once
released: a change to the schema is a new function appended to MIGRATIONS.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database


def _v1_plans_and_answers(db: Database) -> None:
    db.table("people").create(
        {"id": int, "name": str, "role": str, "email": str, "school": str, "district": str, "created_at": str},
        pk="id",
        not_null={"name", "role"},
        defaults={"email": "", "school": "", "district": ""},
    )
    db.table("plans").create(
        {
            "id": int,
            "uid": str,
            "program": str,
            "teacher_id": int,
            "coach_id": int,
            "administrator_id": int,
            "school": str,
            "district": str,
            "school_year": str,
            "start_date": str,
            "stage": str,
            "current_step": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"uid", "program", "school_year", "start_date", "stage"},
        defaults={"stage": "drafting", "school": "", "district": "", "current_step": ""},
        foreign_keys=[
            ("teacher_id", "people", "id"),
            ("coach_id", "people", "id"),
            ("administrator_id", "people", "id"),
        ],
    )
    db.table("plans").create_index(["uid"], unique=True)
    db.table("field_values").create(
        {"plan_id": int, "key": str, "value": str, "updated_at": str},
        pk=("plan_id", "key"),
        not_null={"value"},
        foreign_keys=[("plan_id", "plans", "id")],
    )
    # Earlier wordings of every answer; the newest row equals the current value.
    db.table("field_history").create(
        {"id": int, "plan_id": int, "key": str, "value": str, "saved_at": str},
        pk="id",
        not_null={"plan_id", "key", "value", "saved_at"},
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db.table("field_history").create_index(["plan_id", "key", "id"])


def _v2_journal_timeline_prints(db: Database) -> None:
    db.table("timeline_items").create(
        {"id": int, "plan_id": int, "title": str, "kind": str, "start_date": str, "end_date": str, "notes": str},
        pk="id",
        not_null={"plan_id", "title", "start_date"},
        defaults={"kind": "event", "notes": ""},
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db.table("journal_entries").create(
        {
            "id": int,
            "plan_id": int,
            "uid": str,
            "entry_date": str,
            "title": str,
            "body": str,
            "link": str,
            "not_submitted": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"plan_id", "uid", "entry_date"},
        defaults={"title": "", "body": "", "link": "", "not_submitted": 0},
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db.table("journal_entries").create_index(["plan_id", "entry_date"])
    db.table("artifacts").create(
        {
            "id": int,
            "entry_id": int,
            "filename": str,
            "stored_name": str,
            "size": int,
            "mime": str,
            "explanation": str,
            "added_at": str,
        },
        pk="id",
        not_null={"entry_id", "filename", "stored_name"},
        defaults={"explanation": ""},
        foreign_keys=[("entry_id", "journal_entries", "id")],
    )
    db.table("print_records").create(
        {"id": int, "plan_id": int, "part": str, "paper": str, "fingerprint": str, "printed_at": str, "snapshot": str},
        pk="id",
        not_null={"plan_id", "part", "fingerprint", "printed_at"},
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db.table("signatures").create(
        {"id": int, "plan_id": int, "print_id": int, "role": str, "name": str, "signed_on": str},
        pk="id",
        not_null={"plan_id", "role", "name", "signed_on"},
        foreign_keys=[("plan_id", "plans", "id"), ("print_id", "print_records", "id")],
    )


def _v3_search_and_outcome_data(db: Database) -> None:
    # Full-text search over every answer and journal entry, kept current by triggers.
    db.table("field_values").enable_fts(["value"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db.table("journal_entries").enable_fts(
        ["title", "body"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )
    # Measured results for a quantitative outcome: one row per student (by pseudonym) and measure.
    db.table("outcome_measures").create(
        {"id": int, "plan_id": int, "outcome": str, "student": str, "student_group": str, "pre": float, "post": float},
        pk="id",
        not_null={"plan_id", "outcome", "student"},
        defaults={"student_group": ""},
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db.table("outcome_measures").create_index(["plan_id", "outcome"])
    # What the outcome promises, e.g. 80 % of students gain 20 % from pre to post.
    db.table("outcome_targets").create(
        {"plan_id": int, "outcome": str, "share": float, "rule": str, "amount": float},
        pk=("plan_id", "outcome"),
        not_null={"share", "rule", "amount"},
        foreign_keys=[("plan_id", "plans", "id")],
    )


def _v4_merge_conflicts(db: Database) -> None:
    # An imported edit that collides with a local one: both kept, the user chooses.
    db.table("conflicts").create(
        {
            "id": int,
            "plan_id": int,
            "key": str,
            "local": str,
            "remote": str,
            "base": str,
            "found_at": str,
            "resolved": int,
        },
        pk="id",
        not_null={"plan_id", "key", "found_at"},
        defaults={"resolved": 0},
        foreign_keys=[("plan_id", "plans", "id")],
    )


def _v5_shared_wordings(db: Database) -> None:
    # A wording another computer also holds (sent or received) is the common ancestor of the next merge:
    # it must never be refined away by later typing.
    db.table("field_history").add_column("shared", int, not_null_default=0)


def _v6_program_year(db: Database) -> None:
    # The mentoring log (meetings, observations … with their minutes) and the dates the CTC's clocks run on.
    db.table("mentoring_log").create(
        {
            "id": int,
            "plan_id": int,
            "uid": str,
            "entry_date": str,
            "minutes": int,
            "kind": str,
            "standards": str,
            "notes": str,
            "released": int,
            "next_steps": str,
            "artifacts": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"plan_id", "uid", "entry_date", "minutes", "kind"},
        defaults={"standards": "", "notes": "", "released": 0, "next_steps": "", "artifacts": ""},
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db.table("mentoring_log").create_index(["uid"], unique=True)
    db.table("mentoring_log").create_index(["plan_id", "entry_date"])
    db.table("plan_year").create(
        {"plan_id": int, "enrolled_on": str, "matched_on": str, "goals_on": str},
        pk="plan_id",
        foreign_keys=[("plan_id", "plans", "id")],
    )


def _v7_whole_plan_sync(db: Database) -> None:
    # The versions of each journal entry and outcome row that another computer also holds (sent or received):
    # the common ancestors of the next merge, as sha-256 of their content.
    db.table("sync_versions").create(
        {"plan_id": int, "kind": str, "uid": str, "hash": str},
        pk=("plan_id", "kind", "uid", "hash"),
        foreign_keys=[("plan_id", "plans", "id")],
    )
    # A journal entry or outcome row deleted after it was shared, with the versions it had: the deletion
    # travels, so an older copy arriving later does not bring it back.
    db.table("sync_deletions").create(
        {"plan_id": int, "kind": str, "uid": str, "versions": str, "deleted_at": str},
        pk=("plan_id", "kind", "uid"),
        not_null={"versions", "deleted_at"},
        foreign_keys=[("plan_id", "plans", "id")],
    )
    # The sync folders each plan is shared through (a folder shared with one teacher holds only their plans).
    db.table("sync_shares").create(
        {"plan_id": int, "folder": str}, pk=("plan_id", "folder"), foreign_keys=[("plan_id", "plans", "id")]
    )
    # Every bundle file seen in a sync folder, by name and checksum: one already merged is not read again,
    # and this computer's own file is rewritten only when its plan changed.
    db.table("sync_files").create(
        {"folder": str, "name": str, "digest": str, "seen_at": str}, pk=("folder", "name"), not_null={"digest"}
    )
    # This computer's identity in sync folders (a random id, a name people recognise), and the last pass.
    db.table("sync_settings").create({"key": str, "value": str}, pk="key", not_null={"value"})
    # Conflicts of every kind travel between computers: an id both sides derive alike, what was in conflict,
    # and who wrote each wording when.
    conflicts = db.table("conflicts")
    conflicts.add_column("kind", str, not_null_default="answer")
    conflicts.add_column("uid", str, not_null_default="")
    for column in ("local_who", "local_at", "remote_who", "remote_at"):
        conflicts.add_column(column, str, not_null_default="")


def _v8_roles_and_stage_overrides(db: Database) -> None:
    # A person for every role a program names beyond the plans table's teacher, coach and administrator
    # (a mentor, a site administrator).
    db.table("plan_people").create(
        {"plan_id": int, "role": str, "person_id": int},
        pk=("plan_id", "role"),
        not_null={"person_id"},
        foreign_keys=[("plan_id", "plans", "id"), ("person_id", "people", "id")],
    )
    # A stage set by hand rather than by signatures: who, when, from what to what.
    db.table("stage_overrides").create(
        {"id": int, "plan_id": int, "from_stage": str, "to_stage": str, "changed_by": str, "changed_at": str},
        pk="id",
        not_null={"plan_id", "from_stage", "to_stage", "changed_by", "changed_at"},
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db.table("stage_overrides").create_index(["plan_id"])


def _v9_standards_editions(db: Database) -> None:
    # The edition of each family of standards a plan cites (CSTP 2009 or 2024). A plan without a row keeps the
    # family's first edition, which is what every plan written before editions existed used.
    db.table("plan_editions").create(
        {"plan_id": int, "family": str, "edition": str},
        pk=("plan_id", "family"),
        not_null={"edition"},
        foreign_keys=[("plan_id", "plans", "id")],
    )


def _v10_template_versions(db: Database) -> None:
    # The version of its program's template a plan's answers are stored for ('' for plans older than this:
    # the renames the template declares are applied to them once, then the plan takes its version).
    db.table("plans").add_column("template_version", str, not_null_default="")


def _v11_people_changes(db: Database) -> None:
    # Someone else in one of a plan's roles, changed after the plan was made: from whom to whom, on which
    # computer, when (copies of the plan on other computers take the latest change of each role).
    db.table("people_changes").create(
        {
            "id": int,
            "plan_id": int,
            "role": str,
            "from_name": str,
            "name": str,
            "school": str,
            "district": str,
            "email": str,
            "changed_by": str,
            "changed_at": str,
        },
        pk="id",
        not_null={"plan_id", "role", "from_name", "name", "school", "district", "email", "changed_by", "changed_at"},
        foreign_keys=[("plan_id", "plans", "id")],
    )
    db.table("people_changes").create_index(["plan_id"])


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_plans_and_answers,
    _v2_journal_timeline_prints,
    _v3_search_and_outcome_data,
    _v4_merge_conflicts,
    _v5_shared_wordings,
    _v6_program_year,
    _v7_whole_plan_sync,
    _v8_roles_and_stage_overrides,
    _v9_standards_editions,
    _v10_template_versions,
    _v11_people_changes,
]
LATEST = len(MIGRATIONS)


def version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: Database, target: int = LATEST) -> None:
    while (current := version(db)) < target:
        with db.atomic():
            MIGRATIONS[current](db)
            db.execute(f"PRAGMA user_version = {current + 1}")
