"""What a bundle's plan.json may hold (JSON Schema, draft 2020-12): types, lengths, counts and nesting of
everything a plan can carry. Checked before anything is read into the data file."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ilp_desktop.model.outcomes import RULES
from ilp_desktop.model.program_year import MAX_MINUTES
from ilp_desktop.model.stages import STAGE_PATTERN

MAX_TEXT = 2_000_000  # one answer or journal entry: a 1,000,000-character answer fits twice
NAME: dict[str, Any] = {"type": "string", "maxLength": 200}
SHORT: dict[str, Any] = {"type": "string", "maxLength": 64}
DATE: dict[str, Any] = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# Saved-at times as this app writes them: ISO 8601 with a time zone (a zone-less one cannot be compared).
STAMP: dict[str, Any] = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$",
}
NUMBER_OR_NULL: dict[str, Any] = {"type": ["number", "null"]}


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


PERSON = _object({"name": NAME, "school": NAME, "district": NAME, "email": NAME}, ("name",))
ARTIFACT = _object(
    {
        "filename": {"type": "string", "maxLength": 255},
        "stored_name": {"type": "string", "pattern": r"^[0-9a-f]{32}(\.[a-z0-9]{1,10})?$"},
        "size": {"type": "integer", "minimum": 0},
        "mime": NAME,
        "explanation": {"type": "string", "maxLength": 100_000},
    },
    ("filename", "stored_name"),
)
ENTRY = _object(
    {
        "uid": SHORT,
        "entry_date": DATE,
        "title": {"type": "string", "maxLength": 1000},
        "body": {"type": "string", "maxLength": MAX_TEXT},
        "link": NAME,
        "not_submitted": {"type": "boolean"},
        "updated_at": {"type": "string", "maxLength": 64},
        "artifacts": {"type": "array", "maxItems": 100, "items": ARTIFACT},
    },
    ("uid", "entry_date"),
)
LOG_ENTRY = _object(
    {
        "uid": SHORT,
        "entry_date": DATE,
        "minutes": {"type": "integer", "minimum": 1, "maximum": MAX_MINUTES},
        "kind": SHORT,
        "standards": {"type": "string", "maxLength": 1000},
        "notes": {"type": "string", "maxLength": MAX_TEXT},
        "released": {"type": "boolean"},
        "next_steps": {"type": "string", "maxLength": MAX_TEXT},
        "artifacts": {"type": "string", "maxLength": 100_000},
        "updated_at": {"type": "string", "maxLength": 64},
    },
    ("uid", "entry_date", "minutes", "kind"),
)
KINDS_OF_ITEMS = ("journal", "measure", "target")
HASHES: dict[str, Any] = {"type": "array", "maxItems": 10_000, "items": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}
ITEM_UID: dict[str, Any] = {"maxLength": 1000}
VERSIONS = _object(
    {
        kind: {"type": "object", "maxProperties": 100_000, "propertyNames": ITEM_UID, "additionalProperties": HASHES}
        for kind in KINDS_OF_ITEMS
    }
)
DELETED = _object(
    {
        kind: {
            "type": "object",
            "maxProperties": 100_000,
            "propertyNames": ITEM_UID,
            "additionalProperties": _object({"versions": HASHES, "deleted_at": SHORT}, ("versions", "deleted_at")),
        }
        for kind in KINDS_OF_ITEMS
    }
)
CONFLICT = _object(
    {
        "kind": {"enum": ["answer", *KINDS_OF_ITEMS]},
        "key": {"type": "string", "maxLength": 1000},
        "local": {"type": "string", "maxLength": MAX_TEXT * 2},
        "remote": {"type": "string", "maxLength": MAX_TEXT * 2},
        "base": {"type": "string", "maxLength": MAX_TEXT},
        "local_who": NAME,
        "local_at": SHORT,
        "remote_who": NAME,
        "remote_at": SHORT,
        "resolved": {"type": "boolean"},
    },
    ("kind", "key", "local", "remote"),
)
ROLE: dict[str, Any] = {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,80}$"}
STAGE: dict[str, Any] = {"type": "string", "pattern": STAGE_PATTERN.pattern}
STAGE_OVERRIDE = _object(
    {"from_stage": STAGE, "to_stage": STAGE, "changed_by": NAME, "changed_at": STAMP},
    ("from_stage", "to_stage", "changed_by", "changed_at"),
)
PERSON_CHANGE = _object(
    {"role": ROLE, "changed_at": STAMP}
    | {key: NAME for key in ("from_name", "name", "school", "district", "email", "changed_by")},
    ("role", "from_name", "name", "school", "district", "email", "changed_by", "changed_at"),
)
PRINT = _object(
    {
        "part": NAME,
        "paper": NAME,
        "fingerprint": NAME,
        "printed_at": SHORT,
        "snapshot": {"type": "string", "maxLength": MAX_TEXT * 4},
        "signatures": {
            "type": "array",
            "maxItems": 100,
            "items": _object({"role": NAME, "name": NAME, "signed_on": DATE}, ("role", "name", "signed_on")),
        },
    },
    ("part", "fingerprint", "printed_at"),
)
PLAN_DOCUMENT = _object(
    {
        "plan": _object(
            {
                "uid": SHORT,
                "program": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_-]{0,99}$"},
                "school": NAME,
                "district": NAME,
                "school_year": {"type": "string", "maxLength": 20},
                "start_date": DATE,
                "stage": {"type": "string", "maxLength": 80},
                "template_version": {"type": "string", "maxLength": 80},
                "editions": {
                    "type": "object",
                    "maxProperties": 20,
                    "propertyNames": {"pattern": "^[a-z0-9][a-z0-9_-]{0,79}$"},
                    "additionalProperties": {"type": "string", "maxLength": 80},
                },
            },
            ("uid", "program", "school_year", "start_date", "stage"),
        ),
        # By role id: teacher, coach, administrator and whatever other roles the program names (a mentor).
        "people": {
            "type": "object",
            "maxProperties": 100,
            "propertyNames": ROLE,
            "additionalProperties": {"anyOf": [{"type": "null"}, PERSON]},
        },
        "values": {
            "type": "object",
            "maxProperties": 20_000,
            "propertyNames": {"maxLength": 200},
            "additionalProperties": {"type": "string", "maxLength": MAX_TEXT},
        },
        "history": {
            "type": "array",
            "maxItems": 200_000,
            "items": {
                "type": "array",
                "prefixItems": [{"type": "string", "maxLength": 200}, {"type": "string", "maxLength": MAX_TEXT}, STAMP],
                "minItems": 3,
                "maxItems": 3,
            },
        },
        "journal": {"type": "array", "maxItems": 10_000, "items": ENTRY},
        # The mentoring log and the CTC dates (older bundles have neither).
        "log": {"type": "array", "maxItems": 20_000, "items": LOG_ENTRY},
        "year": _object({"enrolled_on": DATE, "matched_on": DATE, "goals_on": DATE}),
        "measures": {
            "type": "array",
            "maxItems": 100_000,
            "items": _object(
                {
                    "outcome": NAME,
                    "student": NAME,
                    "student_group": NAME,
                    "pre": NUMBER_OR_NULL,
                    "post": NUMBER_OR_NULL,
                },
                ("outcome", "student"),
            ),
        },
        "targets": {
            "type": "array",
            "maxItems": 1000,
            "items": _object(
                {
                    "outcome": NAME,
                    "share": {"type": "number", "minimum": 0, "maximum": 100},
                    "rule": {"enum": sorted(RULES)},
                    "amount": {"type": "number"},
                },
                ("outcome", "share", "rule", "amount"),
            ),
        },
        "sender": _object({"id": SHORT, "name": NAME}, ("id", "name")),
        "versions": VERSIONS,
        "deleted": DELETED,
        "conflicts": {"type": "array", "maxItems": 100_000, "items": CONFLICT},
        "prints": {"type": "array", "maxItems": 10_000, "items": PRINT},
        "stage_overrides": {"type": "array", "maxItems": 10_000, "items": STAGE_OVERRIDE},
        "people_changes": {"type": "array", "maxItems": 10_000, "items": PERSON_CHANGE},
    },
    ("plan", "people", "values", "history", "journal"),
)


@lru_cache(maxsize=1)
def _validator() -> Any:
    # jsonschema-rs: the same draft checked in Rust, about 150 times faster than the pure-Python jsonschema
    # (9 ms → 0.05 ms a plan), which the program leader's roll-up of hundreds of plans feels.
    from jsonschema_rs import Draft202012Validator  # only when a plan is received

    return Draft202012Validator(PLAN_DOCUMENT)


def schema_problem(doc: object) -> str:
    """The first way the document breaks the schema, in words with where it is ('' when it fits)."""
    error = next(iter(_validator().iter_errors(doc)), None)
    if error is None:
        return ""
    where = "/".join(str(p) for p in error.instance_path) or "the document"
    return one_line(f"{where}: {error.message[:200]}")


def one_line(text: str) -> str:
    """One line, whatever the sender put in a key or a value: control characters are shown escaped."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda c: repr(c.group())[1:-1], text)
