"""Slow work that touches no data file (reading and checking a received plan file, laying out a PDF, reading a
scan) runs off the UI thread, with a progress dialog, so the window keeps painting and answering; work that
reports how far it is can be cancelled."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as NotYet
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

T = TypeVar("T")
TICK_SECONDS = 0.05  # how often the window is given a turn while waiting
STEPS = 1000  # a progress bar's steps for one piece of work


class Cancelled(Exception):
    """The user cancelled; the work stopped at its next report and wrote nothing half-done."""


class Progress:
    """Between a worker and the window: the worker reports how far it is (0 to 1) and learns of a cancel."""

    def __init__(self) -> None:
        self.done = 0.0
        self._cancel = threading.Event()

    def report(self, done: float) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.done = done

    def cancel(self) -> None:
        self._cancel.set()


def in_background(parent: QWidget | None, label: str, work: Callable[[], T]) -> T:
    """Run `work` in a worker thread and return its result (or raise its exception) once it is done."""
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setCancelButton(None)  # Qt's way to show no cancel button: the check is short and all or nothing
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)  # quick work shows no dialog at all
    try:
        return _wait(lambda: work(), progress, None, 0, 0)
    finally:
        progress.close()


def progress_bar(parent: QWidget, label: str, steps: int) -> QProgressDialog:
    """A window-modal progress bar that Cancel, Escape or closing it cancels."""
    progress = QProgressDialog(label, "&Cancel", 0, steps, parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAutoReset(False)  # reaching the end would clear a cancel pressed just before it
    progress.rejected.connect(progress.cancel)  # Escape only hides a QProgressDialog; the user meant stop
    return progress


def cancellable(dialog: QProgressDialog, work: Callable[[Callable[[float], None]], T], start: int = 0) -> T:
    """Run `work(report)` in a worker thread; its reports move the dialog's bar from `start` on by STEPS, and
    the dialog's Cancel stops it at its next report (Cancelled is raised here)."""
    progress = Progress()
    result = _wait(lambda: work(progress.report), dialog, progress, start, STEPS)
    if dialog.wasCanceled():
        raise Cancelled  # cancelled after the last report: the caller keeps what was finished, nothing more
    return result


def _wait(work: Callable[[], T], dialog: QProgressDialog, progress: Progress | None, start: int, span: int) -> T:
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ilp-background") as pool:
        future: Future[T] = pool.submit(work)
        while True:
            try:
                return future.result(timeout=TICK_SECONDS)
            except NotYet:
                if progress is not None:
                    if dialog.wasCanceled():
                        progress.cancel()
                    dialog.setValue(start + round(span * progress.done))
                    # Qt shows the bar once it can estimate the time left; work stuck at its start shows it too
                    if not dialog.isVisible() and time.monotonic() - began > dialog.minimumDuration() / 1000:
                        dialog.show()
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def when_done(owner: QWidget, work: Callable[[], T], done: Callable[[T], None]) -> None:
    """Run `work` in a worker thread and hand its result to `done` on the UI thread, without waiting for it
    (nothing is handed over once `owner` is gone)."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ilp-background")
    future = pool.submit(work)
    pool.shutdown(wait=False)
    timer = QTimer(owner)
    timer.setInterval(round(TICK_SECONDS * 1000))

    def look() -> None:
        if future.done():
            # Stopped, not deleted: deleting a timer from its own timeout crashed PySide now and then (the
            # owner deletes it).
            timer.stop()
            done(future.result())

    timer.timeout.connect(look)
    timer.start()
