"""Sync without a click: a pass over the sync folders on start, when the window regains focus and every few
minutes, off the UI thread; the status bar always says when the plans last synced, what is waiting and how
many changes wait for a choice, and what came in."""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QStatusBar

from ilp_desktop.app import sync
from ilp_desktop.app.workspace import UnsavedChanges, Workspace
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.model.errors import UserError

log = logging.getLogger(__name__)
POLL_MS = 200  # how often the window looks whether a pass has finished


class SyncStatus(QObject):
    """Runs the passes and keeps the status bar's sync button up to date (it opens what waits for a choice)."""

    conflicts_waiting = Signal(int)  # a plan with changes to choose between: the window opens its conflicts
    passphrase_needed = Signal()  # the folder holds encrypted plans and no passphrase is kept: Settings

    def __init__(self, ws: Workspace, bar: QStatusBar):
        super().__init__(bar)
        self.ws, self.bar = ws, bar
        self.button = QPushButton()
        self.button.setFlat(True)
        self.button.setAccessibleName("Sync status")
        self.button.clicked.connect(self._open_waiting)
        bar.addPermanentWidget(self.button)
        bar.messageChanged.connect(self._fit_bar)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ilp-sync")
        self._running: Future | None = None
        self._again = False
        self._last: list[sync.SyncReport] = []
        self._folders: list[Path] = []
        self._finished = False
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._check_done)
        self._every = QTimer(self, interval=sync.EVERY_MINUTES * 60_000)
        self._every.timeout.connect(self.start)
        self._every.start()
        self.show_status()

    def start(self) -> None:
        """A pass now, unless one is running (then one more after it), or there is nothing to sync."""
        if self._finished:
            return  # the window closed (its data file may be closed too)
        if self.ws.read_only:
            return  # nothing can be merged into a file open read-only (which may be too old to hold the folder)
        self._folders = sync.all_folders(self.ws)
        if not self._folders:
            self.show_status()
            return
        if self._running is not None:
            self._again = True
            return
        try:
            self.ws.require_saved()  # what was typed goes out with this pass
        except UnsavedChanges:
            return  # the editor already says saving failed; the next pass tries again
        self.button.setText("Syncing…")
        self._running = self._pool.submit(sync.sync_on_own_connection, self.ws)
        self._poll.start()

    def _check_done(self) -> None:
        if self._running is None or not self._running.done():
            return
        self._poll.stop()
        future, self._running = self._running, None
        try:
            self._last = future.result()
        except (UserError, OSError) as exc:
            log.warning("sync failed: %s", exc)
            self._last = [sync.SyncReport(Path(), waiting=[str(exc)])]
        if any(r.received for r in self._last):
            self.ws.catalog = load_catalog(self.ws.folder)  # a template that came with a plan
            sync.publish(self.ws, self._last)
            self.bar.showMessage("; ".join(line for r in self._last for line in r.received), 30_000)
        self.show_status()
        if self._again:
            self._again = False
            self.start()

    def show_status(self) -> None:
        """'Synced 10:42 · 1 waiting · 2 to choose', in words (never by colour alone)."""
        if self.ws.read_only:
            self.button.setText("Not syncing (the data is open read-only)")
            self.button.setHidden(False)
            self._fit_bar()
            return
        folders = sync.all_folders(self.ws)
        self.button.setText("" if folders else "Not syncing (choose a sync folder in Settings)")
        # Without a sync folder the line stays free for the plan (a laptop at 200 % has none to spare); Settings
        # offers the folder.
        self.button.setHidden(not folders)
        self._fit_bar()
        if not folders:
            return
        if not self._last:
            self.button.setText("Sync starting…")
            return
        parts = []
        stamps = [sync.last_synced(self.ws, f) for f in folders]
        if any(stamps):
            parts.append(synced_at(max(s for s in stamps if s), dt.datetime.now().astimezone()))
        unavailable = [r for r in self._last if not r.available]
        if unavailable:
            parts.append(f"{len(unavailable)} folder(s) not available")
        waiting = sum(len(r.waiting) for r in self._last)
        if waiting or any(r.needs_passphrase for r in self._last):
            parts.append(
                f"{waiting} waiting" + (" – passphrase needed" if any(r.needs_passphrase for r in self._last) else "")
            )
        choose = self._plans_with_conflicts()
        if choose:
            parts.append(f"{sum(n for _, n in choose)} to choose")
        self.button.setText(" · ".join(parts) or "Synced")
        self.button.setToolTip("\n".join(line for r in self._last for line in r.lines()))

    def _fit_bar(self) -> None:
        """The status bar takes a line of the window only while it says something: a message or the sync state."""
        self.bar.setVisible(bool(self.bar.currentMessage()) or not self.button.isHidden())

    def _plans_with_conflicts(self) -> list[tuple[int, int]]:
        return sorted(sync.conflicts_waiting(self.ws).items())

    def _open_waiting(self) -> None:
        choose = self._plans_with_conflicts()
        if choose:
            self.conflicts_waiting.emit(choose[0][0])
        elif any(r.needs_passphrase for r in self._last):
            self.passphrase_needed.emit()
        else:
            self.start()

    def finish(self) -> None:
        """The window closes: the pass running ends in its thread (its changes are whole), then one last pass
        writes what was typed since, so the other computers have it without waiting for the next start."""
        self._finished = True
        self._every.stop()
        self._poll.stop()
        if self.ws.read_only:
            self._pool.shutdown(wait=True)
            return
        if self._running is not None:
            self._running.result()
        try:
            if self._folders:  # as the last pass found them (the data file may be closed by now)
                self._pool.submit(sync.sync_on_own_connection, self.ws).result()
        except (UserError, OSError) as exc:
            log.warning("the last sync before closing failed: %s", exc)
        self._pool.shutdown(wait=True)


def synced_at(stamp: str, now: dt.datetime) -> str:
    """'Synced 10:42' today, by this computer's clock and zone; 'Synced 2026-11-20 10:42' on another day (a
    laptop that was off for the weekend must not look up to date)."""
    when = dt.datetime.fromisoformat(stamp).astimezone(now.tzinfo)
    return f"Synced {when:%H:%M}" if when.date() == now.date() else f"Synced {when:%Y-%m-%d %H:%M}"
