"""1,000 SIGKILLs of a process saving in a loop: every acknowledged save present, the file intact.

Run on demand:  .venv/bin/python tests/bench/bench_crash.py [KILLS]
Prints the counts, and the acknowledged-save rate against the same loop left
to run undisturbed for the same total time (the baseline, measured in this run).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crashing import CHILD, crash_repeatedly


def main() -> None:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    folder = Path(tempfile.mkdtemp(prefix="ilp-crash-")) / "data"
    started = time.perf_counter()
    result = crash_repeatedly(folder, kills, seed=1000)
    took = time.perf_counter() - started
    calm = Path(tempfile.mkdtemp(prefix="ilp-calm-")) / "data"
    child = subprocess.Popen([sys.executable, str(CHILD), str(calm)], stdout=subprocess.PIPE, text=True)
    child.stdout.readline()
    time.sleep(2)
    child.kill()
    undisturbed = len(child.communicate()[0].split()) / 2
    print(
        f"kills: {result.kills}  acknowledged saves: {result.acknowledged}  lost: {result.lost}  "
        f"damaged files: {result.damaged}  ({took:.0f} s)"
    )
    print(
        f"saves per second, undisturbed loop (baseline): {undisturbed:.0f}/s; "
        f"between kills {result.acknowledged / took:.0f}/s (ratio {result.acknowledged / took / undisturbed:.2f}, "
        "most of the difference is process start-up)"
    )


if __name__ == "__main__":
    main()
