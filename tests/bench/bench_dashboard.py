"""The plan list with 5,000 plans × 10 journal entries: opening, and searching.

Run on demand:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_dashboard.py
Targets (issue 5): the main window with a filled plan list in < 300 ms beyond
the start with an empty data file (the baseline, measured in the same run);
a full-text search in < 50 ms. Issue 16: listing the plans (the time beyond the
empty start) within 3× a bare QTableView shown with the same rows and columns.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from ilp_desktop.app.workspace import Workspace
from ilp_desktop.storage.store import Store
from ilp_desktop.ui.app import application
from ilp_desktop.ui.main_window import MainWindow
from ilp_desktop.ui.preferences import settings_for

PLANS, ENTRIES = 5000, 10
WORDS = [
    "routine",
    "timer",
    "partner",
    "talk",
    "frames",
    "exit",
    "ticket",
    "hinge",
    "question",
    "whiteboard",
    "feedback",
    "rubric",
    "goal",
]


def fill(folder: Path, plans: int = PLANS, entries: int = ENTRIES) -> None:
    """Realistic volume, written in bulk (the app's own save path is measured elsewhere)."""
    store = Store.open(folder)
    db, start = store.db, dt.date(2026, 9, 1)
    with db.atomic():
        db["people"].insert_all(
            {"id": i, "name": f"Teacher {i}", "role": "teacher", "school": f"School {i % 40}", "created_at": "x"}
            for i in range(1, plans + 1)
        )
        db["plans"].insert_all(
            {
                "id": i,
                "uid": str(uuid.uuid4()),
                "program": "ilp-conversation-guide",
                "teacher_id": i,
                "school": f"School {i % 40}",
                "school_year": "2026-2027",
                "start_date": (start + dt.timedelta(days=i % 60)).isoformat(),
                "stage": ["drafting", "in_progress"][i % 2],
                "current_step": "",
                "created_at": "x",
                "updated_at": "x",
            }
            for i in range(1, plans + 1)
        )
        db["field_values"].insert_all(
            {"plan_id": i, "key": key, "value": f"{key} {WORDS[(i + n) % len(WORDS)]} plan {i}", "updated_at": "x"}
            for i in range(1, plans + 1)
            for n, key in enumerate(("goal", "growth", "sources.1.who"))
        )
        db["journal_entries"].insert_all(
            {
                "plan_id": i,
                "uid": str(uuid.uuid4()),
                "entry_date": (start + dt.timedelta(days=7 * n)).isoformat(),
                "title": f"Week {n}",
                "body": f"Notes on {WORDS[(i * n) % len(WORDS)]} and {WORDS[n]} for plan {i}",
                "created_at": "x",
                "updated_at": "x",
            }
            for i in range(1, plans + 1)
            for n in range(entries)
        )
    store.close()


def bare_table(rows: list[list[str]]) -> float:
    """A bare QTableView over a QStandardItemModel holding `rows`, shown and painted."""
    app = QApplication.instance()
    started = time.perf_counter()
    model = QStandardItemModel(len(rows), len(rows[0]) if rows else 0)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            model.setItem(r, c, QStandardItem(text))
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 700)
    view.show()
    app.processEvents()
    took = time.perf_counter() - started
    view.close()
    return took


def open_main_window(folder: Path) -> float:
    app = QApplication.instance()
    started = time.perf_counter()
    ws = Workspace.open(folder)
    window = MainWindow(ws, settings_for(folder))
    window.show()
    window.start()
    app.processEvents()  # until the list is painted
    took = time.perf_counter() - started
    window.close()
    ws.close()
    return took


def main() -> None:
    application()
    root = Path(tempfile.mkdtemp(prefix="ilp-bench-"))
    empty, full = root / "empty", root / "full"
    Store.open(empty).close()
    fill(full)
    open_main_window(empty)  # warm-up: Qt, fonts and templates loaded once per process
    base = statistics.median(open_main_window(empty) for _ in range(5))
    filled = statistics.median(open_main_window(full) for _ in range(5))

    window = MainWindow(Workspace.open(full), settings_for(full))
    window.show()
    window.start()
    page = window.plan_list
    model = page.model
    rows = [[str(model.index(r, c).data() or "") for c in range(model.columnCount())] for r in range(model.rowCount())]
    bare = statistics.median(bare_table(rows) for _ in range(5))
    searches = []
    for term in ("timer", "partner frames", "hinge", "plan 4242", "rubric feedback"):
        page.search.setText(term)
        started = time.perf_counter()
        page.run_search()
        searches.append(time.perf_counter() - started)
        shown = page.proxy.rowCount()
    store_only = []
    for term in ("timer", "partner frames", "hinge"):
        started = time.perf_counter()
        window.ws.search(term)
        store_only.append(time.perf_counter() - started)
    window.close()
    window.ws.close()
    print(f"data:                                  {PLANS} plans × {ENTRIES} journal entries")
    print(f"open, empty data file (baseline):      {base * 1e3:.0f} ms")
    print(
        f"open, {PLANS} plans listed:             {filled * 1e3:.0f} ms  "
        f"(+{(filled - base) * 1e3:.0f} ms beyond the baseline, target < 300 ms; ratio {filled / base:.2f}x)"
    )
    print(
        f"bare QTableView, same {len(rows)} rows:    {bare * 1e3:.0f} ms  "
        f"(listing beyond the baseline / bare table: {(filled - base) / bare:.2f}x, target ≤ 3x)"
    )
    print(
        f"search, list filtered (p50 / max):     {statistics.median(searches) * 1e3:.1f} ms / {max(searches) * 1e3:.1f} ms"
        f"  (target < 50 ms; last search showed {shown} plans)"
    )
    print(f"search, storage query only (p50):      {statistics.median(store_only) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
