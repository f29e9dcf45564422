"""Every window and dialog fits the screen at 200 % on the small laptop screens many teachers have.

At 200 % a 1366×768 screen has 683×384 device-independent pixels, a 1280×800 one 640×400: no window may be
larger, or unable to shrink that far (a window manager cannot shrink a window below its minimum size).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCREENS_SCRIPT = Path(__file__).with_name("screens.py")


@pytest.mark.parametrize("width, height", [(1366, 768), (1280, 800)])
def test_every_window_and_dialog_fits_the_screen_at_200_percent(tmp_path, width, height):
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [screen]}))
    # Its own process: the scale factor and the screen are read once, when the QApplication starts.
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": "2"}
    run = subprocess.run(
        [sys.executable, str(SCREENS_SCRIPT), "--check", "--all-programs"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout or run.stderr[-3000:]
