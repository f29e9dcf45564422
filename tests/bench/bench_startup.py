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


if __name__ == "__main__":
    main()
