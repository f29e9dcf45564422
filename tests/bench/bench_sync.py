"""How long a pass over a sync folder takes for a coach's whole caseload, against sending each plan by hand.

Run on demand:  .venv/bin/python tests/bench/bench_sync.py [PLANS]

The sample plans (copied up to PLANS, default 60) on two computers sharing one folder. Measured in the same
run: the baseline, exporting every plan to a bundle once (what File → Send does); the first pass (every plan
written); the other computer's first pass (every plan received, and written back as its own copy); the first
computer reading those copies (merging changes nothing); a pass with nothing new (the one that runs
every few minutes all day); and a pass after one answer changed. Target: a pass with nothing new costs a
small fraction of the baseline, so syncing in the background is never felt.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from wizard_driver import TODAY

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.sync import set_default_folder, sync_pass
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.samples import load_samples
from ilp_desktop.storage.exchange import export_bundle


def timed(label: str, work, baseline: float | None = None) -> float:
    start = time.perf_counter()
    work()
    took = time.perf_counter() - start
    ratio = f"  ({took / baseline:.2f} × baseline)" if baseline else ""
    print(f"{label:<42} {took:8.3f} s{ratio}")
    return took


def main() -> int:
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    root = Path(tempfile.mkdtemp(prefix="ilp-bench-sync-"))
    shared = root / "shared"
    shared.mkdir()
    coach = Workspace.open(root / "coach", clock=Clock(TODAY))
    load_samples(coach.store, coach.catalog, TODAY)
    samples = coach.plans()
    for n in range(wanted - len(samples)):  # more teachers, each with a sample plan's answers
        source = samples[n % len(samples)]
        teacher_id = coach.store.add_person(f"Teacher {n}", "teacher")
        copy = coach.store.create_plan(source.program, teacher_id, source.school_year, source.start_date)
        coach.store.save(copy, coach.store.values(source.id))
    plans = coach.plans()[:wanted]
    teacher = Workspace.open(root / "teacher", clock=Clock(TODAY))
    for ws in (coach, teacher):
        set_default_folder(ws, shared)
    print(f"{len(coach.plans())} plans")
    (root / "sent").mkdir()
    baseline = timed(
        "baseline: export every plan once",
        lambda: [export_bundle(coach.store, p.id, root / "sent" / f"{p.id}.ilpbundle") for p in plans],
    )
    timed("first pass (every plan written)", lambda: sync_pass(coach, shared), baseline)
    timed("other computer's first pass (all received)", lambda: sync_pass(teacher, shared), baseline)
    timed("first computer taking the other's copies", lambda: sync_pass(coach, shared), baseline)
    timed("a pass with nothing new", lambda: sync_pass(coach, shared), baseline)
    coach.store.save(plans[0].id, {"goal": "Changed once"})
    timed("a pass after one answer changed", lambda: sync_pass(coach, shared), baseline)
    timed("the other computer receiving it", lambda: sync_pass(teacher, shared), baseline)
    coach.close()
    teacher.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
