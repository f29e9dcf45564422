"""How long sync takes for one plan carrying a whole year and more: thousands of log entries and journal
entries, and a thousand of them deleted at once, against sending that plan by hand.

Run on demand:  .venv/bin/python tests/bench/bench_sync_year.py [LOG_ENTRIES]

Measured in the same run: the baseline, exporting the plan to a bundle once (File → Send); the first pass; the
other computer receiving it; a pass with nothing new; a pass after 1,000 journal entries were deleted; and the
other computer receiving those deletions. Target: each within a few times the baseline (before the deletions
and log entries were written in bulk, the deletions' pass cost 10 s and receiving 10,000 entries 9 s).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_sync import timed
from test_sync import device, new_plan

from ilp_desktop.app.sync import set_default_folder, sync_pass
from ilp_desktop.model.program_year import LogEntry
from ilp_desktop.storage.exchange import export_bundle


def main() -> int:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    root = Path(tempfile.mkdtemp())
    shared = root / "shared"
    shared.mkdir()
    start = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
    coach, teacher = device(root, "coach", start), device(root, "teacher", start)
    for ws in (coach, teacher):
        set_default_folder(ws, shared)
    plan = new_plan(coach)
    first = dt.date(2026, 9, 1)
    coach.store.add_log_entries(
        plan,
        [
            (
                LogEntry(0, plan, "", first + dt.timedelta(days=i % 300), 30, "meeting", "", f"note {i}", False, ""),
                None,
                None,
            )
            for i in range(entries)
        ],
    )
    with coach.store.transaction():
        for i in range(2000):
            coach.store.add_journal_entry(plan, first, f"Entry {i}", "body")
    print(f"one plan, {entries} log entries, 2,000 journal entries")
    baseline = timed("baseline: export the plan once", lambda: export_bundle(coach.store, plan, root / "one.ilpbundle"))
    timed("first pass (written)", lambda: sync_pass(coach, shared), baseline)
    timed("the other computer receives it", lambda: sync_pass(teacher, shared), baseline)
    timed("a pass with nothing new", lambda: sync_pass(coach, shared), baseline)
    for entry in coach.store.journal(plan)[:1000]:
        coach.store.delete_journal_entry(entry.id)
    timed("a pass after 1,000 entries were deleted", lambda: sync_pass(coach, shared), baseline)
    timed("the other computer receives the deletions", lambda: sync_pass(teacher, shared), baseline)
    theirs = teacher.store.plan_id_for_uid(coach.plan(plan).uid)
    assert len(teacher.store.journal(theirs)) == 1000 and len(teacher.store.log_entries(theirs)) == entries
    coach.close()
    teacher.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
