"""A small bundle that would expand to 1 GB: refused quickly and without the memory to expand it.

Run on demand:  .venv/bin/python tests/bench/bench_bundle_bomb.py

Each measurement is a fresh process (peak resident memory is per process): receiving the bomb, against
receiving an ordinary sample plan's bundle in the same run (the baseline). Targets: peak memory under
256 MiB, refused in under 2 s.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECEIVE = """
import resource, sys
from pathlib import Path
from ilp_desktop.model.errors import UserError
from ilp_desktop.storage.exchange import import_bundle
from ilp_desktop.storage.store import Store
store = Store.open(Path(sys.argv[1]))
try:
    import_bundle(store, Path(sys.argv[2]))
    outcome = "received"
except UserError as exc:
    outcome = "refused: " + str(exc)[:90]
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, outcome, flush=True)
"""


def bomb(source: Path, target: Path, expanded: int) -> Path:
    """The sample bundle plus one member of `expanded` zero bytes, written in chunks (never held whole)."""
    with zipfile.ZipFile(source) as z:
        members = {n: z.read(n) for n in z.namelist() if n != "manifest.json"}
        manifest = json.loads(z.read("manifest.json"))
    name, digest, chunk = "artifacts/" + "0" * 32 + ".txt", hashlib.sha256(), bytes(1 << 20)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for n, d in members.items():
            z.writestr(n, d)
        with z.open(name, "w", force_zip64=True) as fh:
            for _ in range(expanded >> 20):
                fh.write(chunk)
                digest.update(chunk)
        manifest["files"] = {**{n: hashlib.sha256(d).hexdigest() for n, d in members.items()}, name: digest.hexdigest()}
        z.writestr("manifest.json", json.dumps(manifest))
    return target


def receive(bundle: Path, folder: Path) -> tuple[float, float, str]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", RECEIVE, str(folder), str(bundle)], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.split(" ", 1)
    return time.perf_counter() - started, int(out[0]) / 1024, out[1].strip()


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="ilp-bench-"))
    subprocess.run(
        [sys.executable, "-m", "ilp_desktop", "--data-dir", str(work / "coach"), "demo"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ilp_desktop",
            "--data-dir",
            str(work / "coach"),
            "export",
            "1",
            "--bundle",
            str(work / "plan.ilpbundle"),
        ],
        check=True,
        capture_output=True,
    )
    big = bomb(work / "plan.ilpbundle", work / "bomb.ilpbundle", 1 << 30)
    base_s, base_mib, base_said = receive(work / "plan.ilpbundle", work / "baseline")
    bomb_s, bomb_mib, bomb_said = receive(big, work / "target")
    print(f"bomb file:                       {big.stat().st_size / 1e6:.1f} MB, expanding to 1024 MiB")
    print(f"ordinary bundle (baseline):      {base_s * 1e3:.0f} ms, peak {base_mib:.0f} MiB ({base_said})")
    print(f"bomb:                            {bomb_s * 1e3:.0f} ms, peak {bomb_mib:.0f} MiB ({bomb_said})")
    print(f"ratio bomb / baseline:           {bomb_s / base_s:.2f}x time, {bomb_mib / base_mib:.2f}x memory")
    print(
        f"targets: refused {'met' if bomb_said.startswith('refused') else 'NOT met'}, "
        f"< 2 s {'met' if bomb_s < 2 else 'NOT met'}, < 256 MiB {'met' if bomb_mib < 256 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
