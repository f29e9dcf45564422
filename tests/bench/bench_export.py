"""Export speed, each figure with its ratio against a baseline measured in the same run (a loaded or slow
machine slows both alike):

- a 7-page Final ILP in-process (target ≤ 60 ms): against one page of plain Helvetica text built with
  ReportLab (the least any PDF costs), and its CPU time (what the process itself spent, whatever else runs);
- the same plan in Chinese/Japanese/Korean and in Arabic: against the Latin plan;
- one answer of 100k / 1M characters, Latin and CJK, and 1M characters in a table's cells (target ≤ 10 s for
  1M): against the 100k figure (10x the text should take about 10x the time: linear growth);
- the whole `ilp-desktop export` process (target ≤ 0.28 s more than `python -c pass`): against `python -c
  pass`, wall time and CPU time.

Run on demand:  .venv/bin/python tests/bench/bench_export.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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
TABLE = ("induction-ilp", "observations.1.focus")  # a program with a table of text, and one of its cells


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cpu_timed(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def children_cpu(fn: Callable[[], object]) -> float:
    """CPU time (user + system) of the processes `fn` runs."""
    before = os.times()
    fn()
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def plain_page(out: Path) -> None:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(str(out)).build([Paragraph("A plain line of text. " * 20, style) for _ in range(30)])


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
    plain_page(folder / "plain.pdf")
    baseline = statistics.median(timed(lambda: plain_page(folder / "plain.pdf")) for _ in range(ROUNDS))
    per_plan = [timed(lambda: export_pdf(ws, long_plan, "final", "letter", out)) for _ in range(ROUNDS)]
    per_plan_cpu = [cpu_timed(lambda: export_pdf(ws, long_plan, "final", "letter", out)) for _ in range(ROUNDS)]
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
    # One answer of 100,000 and of 1,000,000 characters in one line, in Latin and in CJK, and in a table's
    # cells: ten times the text should take about ten times as long.
    other = final[1]  # not the 7-page plan, which the command below prints
    tabled = next(p.id for p in store_plans if p.program == TABLE[0])
    sizes: dict[str, dict[int, float]] = {}
    for kind, plan, key, unit in (
        ("Latin answer", other, "growth", "word "),
        ("CJK answer", other, "growth", WORLD["CJK"]),
        ("table cell", tabled, TABLE[1], "word "),
    ):
        kept = store.values(plan).get(key, "")
        for size in (100_000, 1_000_000):
            store.save(plan, {key: (unit * (size // len(unit) + 1))[:size]})
            sizes.setdefault(kind, {})[size] = timed(lambda p=plan: export_pdf(ws, p, LAST, "letter", out))
        store.save(plan, {key: kept})
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
    bare_command = [sys.executable, "-c", "pass"]
    cli, bare, cli_cpu, bare_cpu = [], [], [], []
    for _ in range(7):  # interleaved: a moment of load falls on both alike
        cli.append(timed(lambda: subprocess.run(command, check=True, capture_output=True)))
        bare.append(timed(lambda: subprocess.run(bare_command, check=True)))
        cli_cpu.append(children_cpu(lambda: subprocess.run(command, check=True, capture_output=True)))
        bare_cpu.append(children_cpu(lambda: subprocess.run(bare_command, check=True)))

    ms = 1e3
    p50 = statistics.median(per_plan)
    print(f"Final ILP pages:                      {pages}")
    print(
        f"in-process per Final ILP p50/max:     {p50 * ms:.1f} ms / {max(per_plan) * ms:.1f} ms, CPU "
        f"{statistics.median(per_plan_cpu) * ms:.1f} ms  (target ≤ 60 ms)"
    )
    print(f"  baseline, one page of plain text:   {baseline * ms:.1f} ms  (ratio {p50 / baseline:.1f}x)")
    for script, (took, script_pages) in world.items():
        print(
            f"the same plan in {script} ({script_pages} pages) p50: {took * ms:.1f} ms  (ratio {took / p50:.1f}x Latin)"
        )
    print(f"all {len(store_plans)} demo plans, complete form:   {all_demo * ms:.0f} ms")
    for kind, times in sizes.items():
        small, large = times[100_000], times[1_000_000]
        print(
            f"{kind} of 100k / 1M characters:".ljust(38)
            + f"{small:.2f} s / {large:.2f} s  (ratio {large / small:.1f}x for 10x the text; target 1M ≤ 10 s)"
        )
    command_p50, bare_p50 = statistics.median(cli), statistics.median(bare)
    command_cpu, bare_cpu_p50 = statistics.median(cli_cpu), statistics.median(bare_cpu)
    print(
        f"`ilp-desktop export` p50:             {command_p50 * ms:.0f} ms, CPU {command_cpu * ms:.0f} ms  "
        f"(target ≤ 280 ms more than the baseline)"
    )
    print(f"  baseline, `python -c pass` p50:     {bare_p50 * ms:.0f} ms, CPU {bare_cpu_p50 * ms:.0f} ms")
    print(
        f"  more than the baseline:             {(command_p50 - bare_p50) * ms:.0f} ms, CPU "
        f"{(command_cpu - bare_cpu_p50) * ms:.0f} ms  (ratio {command_p50 / bare_p50:.1f}x)"
    )


if __name__ == "__main__":
    main()
