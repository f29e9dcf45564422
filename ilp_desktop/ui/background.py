"""Slow work that touches no data file (reading and checking a received plan file) runs off the UI thread,
with a progress dialog, so the window keeps painting and answering."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as NotYet
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

T = TypeVar("T")
TICK_SECONDS = 0.05  # how often the window is given a turn while waiting


def in_background(parent: QWidget | None, label: str, work: Callable[[], T]) -> T:
    """Run `work` in a worker thread and return its result (or raise its exception) once it is done."""
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setCancelButton(None)  # Qt's way to show no cancel button: the check is short and all or nothing
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)  # quick work shows no dialog at all
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ilp-background") as pool:
            future = pool.submit(work)
            while True:
                try:
                    return future.result(timeout=TICK_SECONDS)
                except NotYet:
                    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    finally:
        progress.close()
