"""Export time of one 100,000-character answer in Chinese/Japanese and in Arabic, against the same length in
Latin measured in the same run (the fallback fonts, shaping and right-to-left ordering are what the ratio shows).

Run on demand:  .venv/bin/python tests/bench/bench_scripts.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from ilp_desktop.app.printing import export_pdf
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.storage.store import Store

SIZE = 100_000
SENTENCES = {
    "Latin": "Ms. Nguyen teaches three classroom routines over five weeks. ",
    "CJK": "陈老师在五周内教授三个课堂常规。ひらがなとカタカナの練習、「漢字」（かんじ）。",
    "Arabic": "يعلم محمد علي ثلاثة إجراءات صفية خلال خمسة أسابيع (Grade 5). ",
}


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="ilp-bench-"))
    store = Store.open(folder / "data")
    ws = Workspace(store, load_catalog())
    plan = store.create_plan(
        "ilp-conversation-guide", store.add_person("Teacher", "teacher"), "2026-2027", dt.date(2026, 9, 1)
    )
    out, times = folder / "out.pdf", {}
    for script, sentence in SENTENCES.items():
        store.save(plan, {"goal": (sentence * (SIZE // len(sentence) + 1))[:SIZE]})
        export_pdf(ws, plan, "initial", "letter", out)  # loads the script's fonts
        took = []
        for _ in range(3):
            start = time.perf_counter()
            export_pdf(ws, plan, "initial", "letter", out)
            took.append(time.perf_counter() - start)
        times[script] = statistics.median(took)
    store.close()
    for script, took in times.items():
        print(f"100k characters of {script:6}: {took:.2f} s  (ratio to Latin {took / times['Latin']:.1f}x)")


if __name__ == "__main__":
    main()
