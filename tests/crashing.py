"""Kill a saving process at random moments, then check nothing acknowledged was lost (tests and bench)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ilp_desktop.storage.database import integrity_problems
from ilp_desktop.storage.location import DATA_FILE
from ilp_desktop.storage.store import Store

CHILD = Path(__file__).with_name("crash_child.py")


@dataclass
class CrashResult:
    kills: int = 0
    acknowledged: int = 0  # saves the child reported as done, over all runs
    lost: int = 0  # acknowledged saves missing afterwards (must stay 0)
    damaged: int = 0  # integrity_check failures (must stay 0)


def crash_repeatedly(folder: Path, kills: int, seed: int = 7) -> CrashResult:
    rng, result = random.Random(seed), CrashResult()
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, str(CHILD), str(folder)], stdout=subprocess.PIPE, text=True)
        first = child.stdout.readline()  # running and saving
        time.sleep(rng.uniform(0.0, 0.05))  # then die at a random moment, mid-transaction or not
        os.kill(child.pid, signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        acked = [int(n) for n in (first + rest).split()]
        result.kills += 1
        result.acknowledged += len(acked)
        result.damaged += bool(integrity_problems(folder / DATA_FILE))
        store = Store.open(folder)
        counter = int(store.values(store.plans()[0].id)["counter"])
        store.close()
        if acked and counter < acked[-1]:
            result.lost += acked[-1] - counter
    return result
