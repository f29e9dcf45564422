"""The Linux bundle, built from this checkout and run as a user would, headless (slow: minutes; run with -m slow)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux recipe builds on Linux")
def test_linux_bundle_builds_and_runs(tmp_path):
    build = subprocess.run(["bash", "packaging/build-linux.sh"], cwd=ROOT, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    print(build.stdout.splitlines()[-1])  # the bundle size
    app = ROOT / "dist" / "ilp-desktop" / "ilp-desktop"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ILP_DESKTOP_DATA_DIR": str(tmp_path / "data")}

    def run(*args):
        done = subprocess.run([str(app), *args], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert run("--version").startswith("ilp-desktop ")
    assert "sample plans" in run("demo")
    assert "induction-ilp" in run("templates"), "the program templates travel inside the bundle"
    run("export", "1", "--pdf", str(tmp_path / "plan.pdf"))
    assert "Signatures" in " ".join(p.extract_text() for p in PdfReader(tmp_path / "plan.pdf").pages)
    licences = {p.name for p in (ROOT / "dist" / "ilp-desktop" / "licences").iterdir()}
    assert {"LGPL-3.0.txt", "GPL-3.0.txt", "LICENSE-DejaVu.txt"} <= licences
    for qt_module in ("QtNetwork.abi3.so", "QtQml.abi3.so", "QtQuick.abi3.so"):
        assert not list((ROOT / "dist" / "ilp-desktop").rglob(qt_module)), f"{qt_module} is not used"
