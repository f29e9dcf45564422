"""Export speed: in-process time per Final ILP (and the same plan in CJK and in Arabic), and the whole
`ilp-desktop export` command.

Run on demand:  .venv/bin/python tests/bench/bench_export.py
Targets (issue 6): ≤ 60 ms in-process for a 7-page Final ILP; the command is
reported as a ratio against `python -c pass` measured in the same run (the
interpreter's own start-up is the floor no command can go below).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from ilp_desktop.app.printing import LAST, BatchExport, export_pdf
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.samples import load_samples
from ilp_desktop.storage.store import Store

ROUNDS = 15
WORLD = {
    "CJK": "陈老师在五周内教授三个课堂常规。ひらがなとカタカナの練習。학생들이 매일 책을 읽습니다. ",
    "Arabic": "يعلم محمد علي ثلاثة إجراءات صفية خلال خمسة أسابيع. ",
}


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="ilp-bench-"))
    data = folder / "data"
    store, catalog = Store.open(data), load_catalog()
    ws = Workspace(store, catalog)
    load_samples(store, catalog)
    final = [p.id for p in store.plans() if p.stage == "final_signed"]
    # A 7-page plan: a complete sample with its reflection written out at length.
    long_plan, out = final[0], folder / "out.pdf"
    values, repeat, pages = store.values(long_plan), 1, 0
    while pages < 7:  # the first export also registers the fonts, once per process
        repeat += 4
        store.save(long_plan, {k: (values[k] + "\n") * repeat for k in ("growth", "next_steps")})
        export_pdf(ws, long_plan, "final", "letter", out)
        pages = len(PdfReader(out).pages)
    per_plan = [timed(lambda: export_pdf(ws, long_plan, "final", "letter", out)) for _ in range(ROUNDS)]
    # The same plan written in other scripts: Chinese, Japanese and Korean (fallback fonts), Arabic (shaped,
    # right to left). The Latin plan above must not pay for them.
    world = {}
    for script, sentence in WORLD.items():
        text = {
            k: (sentence * (len(values[k]) // len(sentence) + 1))[: len(values[k])] for k in ("growth", "next_steps")
        }
        store.save(long_plan, {k: (text[k] + "\n") * repeat for k in text})
        export_pdf(ws, long_plan, "final", "letter", out)  # loads the script's fonts
        took = [timed(lambda: export_pdf(ws, long_plan, "final", "letter", out)) for _ in range(5)]
        world[script] = (statistics.median(took), len(PdfReader(out).pages))
    store.save(long_plan, {k: (values[k] + "\n") * repeat for k in ("growth", "next_steps")})
    # Every sample plan's complete form (programs name it differently: final, complete, plan).
    store_plans = store.plans()
    all_demo = timed(lambda: list(BatchExport(ws, folder, LAST, "letter")))
    # One answer of 100,000 and of 1,000,000 characters in one line: ten times the text should take about ten
    # times as long (it took the square before long lines were cut into pieces).
    answer_times = {}
    other = final[1]  # not the 7-page plan, which the command below prints
    for size in (100_000, 1_000_000):
        store.save(other, {"growth": ("word " * (size // 5))[:size]})
        answer_times[size] = timed(lambda: export_pdf(ws, other, "final", "letter", out))
    store.close()

    command = [
        sys.executable,
        "-m",
        "ilp_desktop",
        "--data-dir",
        str(data),
        "export",
        str(long_plan),
        "--pdf",
        str(out),
        "--part",
        "final",
    ]
    cli = [timed(lambda: subprocess.run(command, check=True, capture_output=True)) for _ in range(5)]
    bare = [timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True)) for _ in range(5)]
    print(f"Final ILP pages:                   {pages}")
    print(
        f"in-process per Final ILP p50/max:  {statistics.median(per_plan) * 1e3:.1f} ms / {max(per_plan) * 1e3:.1f} ms  (target ≤ 60 ms)"
    )
    for script, (took, script_pages) in world.items():
        print(f"the same plan in {script} ({script_pages} pages) p50:  {took * 1e3:.1f} ms")
    print(f"all {len(store_plans)} demo plans, complete form: {all_demo * 1e3:.0f} ms")
    small, large = answer_times[100_000], answer_times[1_000_000]
    print(
        f"one answer of 100k / 1M characters: {small:.2f} s / {large:.2f} s  (ratio {large / small:.1f}x for 10x the text)"
    )
    print(f"`ilp-desktop export` p50:          {statistics.median(cli) * 1e3:.0f} ms")
    print(f"`python -c pass` p50 (baseline):   {statistics.median(bare) * 1e3:.0f} ms")
    print(f"ratio command / bare interpreter:  {statistics.median(cli) / statistics.median(bare):.1f}x")


if __name__ == "__main__":
    main()
