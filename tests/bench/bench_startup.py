"""Start-up: the main window with 500 plans, shown and usable, against a bare PySide6 QWizard.

Run on demand:  .venv/bin/python tests/bench/bench_startup.py
Each start is a fresh process (imports included, as a user double-clicking the
icon waits for them), timed from launch to the window painted and the event
loop idle; the median of 5 starts of each. Targets (issue 16): within 2× of
the bare QWizard measured in the same run (issue 9 asked ≤ 0.5 s or 3×);
resident memory ≤ 120 MiB.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_dashboard import fill

from ilp_desktop.app.workspace import Workspace
from ilp_desktop.samples import load_samples
from ilp_desktop.ui.fields import FieldContext
from ilp_desktop.ui.page_specs import page_specs

RUNS, PLANS = 5, 500
BARE = """
import resource, sys
from PySide6.QtWidgets import QApplication, QLabel, QWizard, QWizardPage, QVBoxLayout
app = QApplication(sys.argv)
wizard, page = QWizard(), QWizardPage()
QVBoxLayout(page).addWidget(QLabel("A bare wizard page"))
wizard.addPage(page)
wizard.show()
app.processEvents()
print("ready", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""
APP = """
import resource, sys
from pathlib import Path
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.ui.app import application
from ilp_desktop.ui.main_window import MainWindow
from ilp_desktop.ui.preferences import settings_for
folder = Path(sys.argv[1])
app = application()
window = MainWindow(Workspace.open(folder), settings_for(folder))
window.show()
window.start()
app.processEvents()
print("ready", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


# Issue 16: the conversation window with a loaded plan against a bare QWizard of as many pages, each with a label
# and an answer box.
BARE_PAGES = """
import resource, sys
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWizard, QWizardPage, QVBoxLayout
app = QApplication(sys.argv)
wizard = QWizard()
for n in range(int(sys.argv[1])):
    page = QWizardPage()
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel(f"Step {n + 1}"))
    layout.addWidget(QLineEdit())
    wizard.addPage(page)
wizard.show()
app.processEvents()
print("ready", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""
CONVERSATION = """
import resource, sys
from pathlib import Path
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.ui.app import application
from ilp_desktop.ui.main_window import MainWindow
from ilp_desktop.ui.preferences import settings_for
folder = Path(sys.argv[1])
app = application()
window = MainWindow(Workspace.open(folder), settings_for(folder))
window.show()
window.start()
window.open_plan(int(sys.argv[2]))
app.processEvents()
print("ready", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def start(code: str, *args: str) -> tuple[float, float]:
    """Seconds from launch until the window is shown and idle; peak resident memory in MiB."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    took = time.perf_counter() - began
    proc.kill()
    proc.wait()
    assert line.startswith("ready"), line
    return took, int(line.split()[1]) / 1024


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="ilp-startup-")) / "data"
    fill(folder, plans=PLANS, entries=10)
    start(BARE), start(APP, str(folder))  # warm the file cache for both
    bare = [start(BARE) for _ in range(RUNS)]
    app = [start(APP, str(folder)) for _ in range(RUNS)]
    bare_s, app_s = statistics.median(t for t, _ in bare), statistics.median(t for t, _ in app)
    rss = max(m for _, m in app)
    print(f"bare QWizard start:            {bare_s * 1000:6.0f} ms (median of {RUNS})")
    print(
        f"main window, {PLANS} plans:       {app_s * 1000:6.0f} ms  → {app_s / bare_s:.2f}× the bare wizard "
        f"(target ≤ 2×: {'met' if app_s <= 2 * bare_s else 'NOT met'})"
    )
    print(
        f"peak resident memory:          {rss:6.0f} MiB (target ≤ 120 MiB: {'met' if rss <= 120 else 'NOT met'}); "
        f"bare wizard {max(m for _, m in bare):.0f} MiB"
    )
    conversation()


def conversation() -> None:
    """The most-answered sample plan opened in the conversation, against a bare QWizard of as many pages."""
    folder = Path(tempfile.mkdtemp(prefix="ilp-conversation-")) / "data"
    ws = Workspace.open(folder)
    load_samples(ws.store, ws.catalog)
    plan = max(ws.plans(), key=lambda p: len(ws.values(p.id)))
    pages = len(
        page_specs(
            ws.template(plan),
            plan.id,
            FieldContext(ws.draft(plan.id), ws.template(plan), ws.resources(plan), lambda *_: None),
        )
    )
    answers = len(ws.values(plan.id))
    ws.close()
    start(BARE_PAGES, str(pages)), start(CONVERSATION, str(folder), str(plan.id))
    bare = statistics.median(start(BARE_PAGES, str(pages))[0] for _ in range(RUNS))
    app = statistics.median(start(CONVERSATION, str(folder), str(plan.id))[0] for _ in range(RUNS))
    print(f"bare QWizard, {pages} pages:     {bare * 1000:6.0f} ms (median of {RUNS})")
    print(
        f"conversation, {answers} answers:  {app * 1000:6.0f} ms  → {app / bare:.2f}× the bare wizard "
        f"(target ≤ 2×: {'met' if app <= 2 * bare else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
