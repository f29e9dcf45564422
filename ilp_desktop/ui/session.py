"""One open plan: its answers in memory, and the autosave that writes them to SQLite.

Every change starts (or restarts) a short single-shot timer; when typing
pauses the pending answers are written in one transaction. DEBOUNCE_MS is
well under a second, so a word is on disk within a second of the last
keystroke. Step changes, focus loss, Ctrl+S and closing flush at once.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from ilp_desktop.model.errors import UserError
from ilp_desktop.storage.backups import BackupPolicy
from ilp_desktop.storage.store import Store

DEBOUNCE_MS = 400
BACKUP_CHECK_SECONDS = 60


class PlanSession(QObject):
    changed = Signal(str)  # a value key changed in memory
    state_changed = Signal(str)  # "Saved", "Saving…", "Unsaved changes", or an error sentence
    save_failed = Signal(str)

    def __init__(self, store: Store, plan_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.store, self.plan_id = store, plan_id
        self.values = store.values(plan_id)
        self.pending: dict[str, str] = {}
        self.last_save_seconds = 0.0
        self.backup_policy = BackupPolicy()
        self._next_backup_check = 0.0
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._autosave)

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    def set(self, key: str, value: str) -> None:
        if self.store.read_only or (self.values.get(key, "") == value and key not in self.pending):
            return
        self.values[key] = value
        self.pending[key] = value
        self.changed.emit(key)
        self.state_changed.emit("Unsaved changes")
        self._timer.start()

    @property
    def dirty(self) -> bool:
        return bool(self.pending)

    def _backup_if_due(self) -> None:
        """At most hourly while editing; a failed backup is reported, never blocks the save.

        The backups folder is looked at once a minute at most, not on every autosave.
        """
        if time.monotonic() < self._next_backup_check:
            return
        self._next_backup_check = time.monotonic() + BACKUP_CHECK_SECONDS
        try:
            self.store.backup_if_due(self.backup_policy)
        except UserError as exc:
            self.state_changed.emit(f"Saved (backup failed: {exc})")

    def _autosave(self) -> None:
        # A slot must not return a value: PySide6 mis-counts references to a returned bool.
        self.flush()

    def flush(self) -> bool:
        """Write what is pending now; True when everything typed is on disk."""
        self._timer.stop()
        if not self.pending:
            return True
        batch = dict(self.pending)
        started = time.perf_counter()
        try:
            self.store.save(self.plan_id, batch)
        except UserError as exc:
            # Keep the answers pending (nothing is lost) and try again on the next change.
            self.state_changed.emit(f"Not saved: {exc}")
            self.save_failed.emit(str(exc))
            return False
        self.last_save_seconds = time.perf_counter() - started
        self._backup_if_due()
        for key, value in batch.items():
            if self.pending.get(key) == value:
                del self.pending[key]
        self.state_changed.emit("Saved" if not self.pending else "Unsaved changes")
        return not self.pending
