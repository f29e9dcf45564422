"""The program leader's roll-up of 500 teachers × 40 mentoring log entries, from a folder of bundles.

Run on demand:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_rollup.py
Targets (issue 20): the first load ≤ 3 s, a refresh ≤ 300 ms. The baseline, measured in the same run, reads the
same bundles (checked, as any received file is) without aggregating anything; the ratios say what the roll-up
adds to that.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.rollup import Rollup
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.model.program_year import LogEntry, YearDates
from ilp_desktop.storage.exchange import export_bundle, read_bundle
from ilp_desktop.storage.store import Store
from ilp_desktop.ui.app import application
from ilp_desktop.ui.leader_view import LeaderView
from ilp_desktop.ui.preferences import settings_for

TEACHERS, ENTRIES = 500, 40
TODAY = dt.date(2026, 11, 22)
START = dt.date(2026, 8, 17)
SCHOOLS = ["Lincoln Middle School", "Riverside Elementary", "Valley High School", "Sample Coast Elementary"]


def fill(folder: Path, outbox: Path) -> None:
    """500 plans of 20 coaches, each with 40 log entries of a term and its CTC dates, sent as bundles."""
    store = Store.open(folder)
    coaches = [store.add_person(f"Coach {i}", "coach") for i in range(20)]
    with store.transaction():
        for n in range(TEACHERS):
            school = SCHOOLS[n % len(SCHOOLS)]
            plan_id = store.create_plan(
                "ilp-conversation-guide",
                store.add_person(f"Teacher {n}", "teacher", school),
                "2026-2027",
                START,
                coach_id=coaches[n % len(coaches)],
                school=school,
            )
            store.save(plan_id, {"goal": f"Goal of teacher {n}", "focus_domain": "2"})
            store.set_year_dates(plan_id, YearDates(START, START + dt.timedelta(days=10 + n % 40), None))
            for i in range(ENTRIES):
                day = START + dt.timedelta(days=14 + (i * 2 + n % 3))
                store.add_log_entry(
                    plan_id, LogEntry(0, plan_id, "", day, 20 + (n + i) % 60, "meeting", "1A", "notes " * 20, False, "")
                )
    outbox.mkdir()
    for plan in store.plans():
        export_bundle(store, plan.id, outbox / f"{plan.uid}.ilpbundle")
    store.close()


def timed(action, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> int:
    application()
    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        began = time.perf_counter()
        fill(root / "coach", root / "outbox")
        print(f"made {TEACHERS} bundles × {ENTRIES} log entries in {time.perf_counter() - began:.1f} s")
        files = sorted((root / "outbox").glob("*.ilpbundle"))

        baseline = timed(lambda: [read_bundle(f) for f in files])
        first = timed(lambda: Rollup(catalog, [root / "outbox"], TODAY).refresh())
        rollup = Rollup(catalog, [root / "outbox"], TODAY)
        rollup.refresh()
        refresh = timed(rollup.refresh, repeat=5)

        leader = Workspace(Store.open(root / "leader"), catalog, Clock(TODAY))
        settings = settings_for(root / "leader")
        window_first = timed(lambda: LeaderView(leader, settings).add_source(root / "outbox"), repeat=1)
        view = LeaderView(leader, settings)
        window_refresh = timed(view.refresh, repeat=5)
        leader.close()

    print(f"baseline: reading the {TEACHERS} bundles, nothing aggregated: {baseline * 1000:.0f} ms")
    print(f"roll-up, first load: {first * 1000:.0f} ms (×{first / baseline:.2f} the baseline; target ≤ 3000 ms)")
    print(f"roll-up, refresh (nothing changed): {refresh * 1000:.0f} ms (×{refresh / baseline:.3f}; target ≤ 300 ms)")
    print(f"leader window, first load: {window_first * 1000:.0f} ms (×{window_first / baseline:.2f})")
    print(f"leader window, refresh: {window_refresh * 1000:.0f} ms (×{window_refresh / baseline:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
