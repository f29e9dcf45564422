"""Keystroke → saved latency, and the longest the UI thread is blocked while autosaving.

Run on demand:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_autosave.py
Targets (issue 4): p99 save < 5 ms; the UI thread never blocked > 16 ms.
Baseline, measured in the same run: one bare sqlite3 UPSERT+COMMIT on the same
disk with the same durability settings (WAL, synchronous=FULL); the ratio shows
what the app adds on top of what the disk costs anyway.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication
from wizard_driver import answer, close_window, open_window, type_into

from ilp_desktop.storage.store import Store
from ilp_desktop.ui.session import DEBOUNCE_MS

SAVES = 200


def p(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def baseline(folder: Path) -> list[float]:
    conn = sqlite3.connect(folder / "baseline.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE v (k TEXT PRIMARY KEY, v TEXT)")
    times = []
    for i in range(SAVES):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO v VALUES ('goal', ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v", (f"text {i}",))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="ilp-bench-"))
    store = Store.open(folder / "data")
    import datetime as dt

    teacher = store.add_person("Bench Teacher", "teacher")
    store.create_plan("ilp-conversation-guide", teacher, "2026-2027", dt.date(2026, 9, 1))
    store.close()
    window = open_window(folder / "data")
    window.open_plan(1)
    editor = window.editor
    editor.go_to(editor._page_index("growth-goal"), confirm=False)
    goal = answer(window, "goal")
    session = editor.session

    # The longest gap between ticks of a 1 ms timer is the longest the UI thread was busy. Only
    # the wait after each burst of typing counts: that is when the debounced save runs; the
    # synthetic typing itself (this script sending key events) is not the app blocking.
    clock, gaps, measuring = QElapsedTimer(), [], [False]
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick():
        now = clock.nsecsElapsed()
        if measuring[0]:
            gaps.append((now - last[0]) / 1e9)
        last[0] = now

    ticker = QTimer(interval=1)
    ticker.timeout.connect(tick)
    ticker.start()

    saves, latencies, app = [], [], QApplication.instance()
    # Baseline in the same run: the same ticker with the window idle. Whatever gaps the machine
    # itself causes (scheduling on a shared 2-core box) show up here too.
    last[0], measuring[0] = clock.nsecsElapsed(), True
    end = time.perf_counter() + 3
    while time.perf_counter() < end:
        app.processEvents()
    measuring[0] = False
    idle_gaps, gaps[:] = list(gaps), []
    for i in range(SAVES):
        type_into(goal, f"word{i} ")
        typed = time.perf_counter()
        last[0], measuring[0] = clock.nsecsElapsed(), True
        while session.dirty:  # the debounce fires, then the save
            app.processEvents()
        latencies.append(time.perf_counter() - typed)
        end = time.perf_counter() + 0.3  # and the checks and live ILP view that follow the pause
        while time.perf_counter() < end:
            app.processEvents()
        measuring[0] = False
        saves.append(session.draft.last_save_seconds)
    ticker.stop()
    close_window(window)
    base = baseline(folder)
    worst_gap, idle_worst = max(gaps), max(idle_gaps)
    over = sum(g > 0.016 for g in gaps)
    print(f"saves measured:                  {SAVES}")
    print(
        f"save (transaction) p50 / p99:    {statistics.median(saves) * 1e3:.2f} ms / {p(saves, 0.99) * 1e3:.2f} ms  (target p99 < 5 ms)"
    )
    print(
        f"bare sqlite commit p50 / p99:    {statistics.median(base) * 1e3:.2f} ms / {p(base, 0.99) * 1e3:.2f} ms  (baseline)"
    )
    print(
        f"ratio app save / bare commit:    {p(saves, 0.99) / p(base, 0.99):.2f}x at p99, {statistics.median(saves) / statistics.median(base):.2f}x at p50"
    )
    print(
        f"keystroke → saved p50 / p99:     {statistics.median(latencies) * 1e3:.0f} ms / {p(latencies, 0.99) * 1e3:.0f} ms  (debounce {DEBOUNCE_MS} ms; must be < 1000 ms)"
    )
    print(
        f"longest UI-thread block:         {worst_gap * 1e3:.1f} ms while saving and checking after a pause "
        f"(target < 16 ms; {over} of {len(gaps)} ticks over 16 ms)"
    )
    print(f"longest gap, idle UI (baseline): {idle_worst * 1e3:.1f} ms  (ratio {worst_gap / idle_worst:.1f}x)")


if __name__ == "__main__":
    main()
