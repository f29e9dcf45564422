"""When an open plan's edits are written: after a pause in typing, at once on request, and again and again
while saving fails.

The edits themselves live in the plan's draft (app/editing.py); this only keeps the time. Every change
(re)starts a short single-shot timer; DEBOUNCE_MS is well under a second, so a word is on disk within a second
of the last keystroke. A failed save is retried every RETRY_SECONDS on its own, and the window says so.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ilp_desktop.app.editing import RETRY_SECONDS, Draft
from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.workspace import Workspace

DEBOUNCE_MS = 400


class PlanSession(QObject):
    state_changed = Signal(str)  # "Saved", "Unsaved changes", or why saving does not work
    save_failed = Signal(str)  # the first failure after a good save: worth a dialog, the retries are not

    def __init__(self, ws: Workspace, plan_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.ws, self.plan_id = ws, plan_id
        self.draft: Draft = ws.draft(plan_id)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._save)
        self._retry = QTimer(self, singleShot=True, interval=int(RETRY_SECONDS * 1000))
        self._retry.timeout.connect(self._save)
        self._unsubscribe = ws.events.subscribe(self._event)

    def _event(self, event: Event) -> None:
        if event.plan_id != self.plan_id:
            return
        if event.what is Change.EDITED and not self._retry.isActive():
            self.state_changed.emit(self.draft.state())
            self._timer.start()
        elif event.what is Change.SAVE_STATE:
            state = self.draft.state()
            self.state_changed.emit(f"{state} ({event.message})" if event.message and not self.draft.failure else state)

    @property
    def dirty(self) -> bool:
        return self.draft.dirty

    def _save(self) -> None:
        # A slot must not return a value: PySide6 mis-counts references to a returned bool.
        self.flush()

    def flush(self) -> bool:
        """Write what is pending now; True when everything typed is on disk."""
        self._timer.stop()
        first_failure = not self.draft.failure
        if self.draft.save():
            self._retry.stop()
            return True
        if self.draft.failure:
            self._retry.start()
            if first_failure:
                self.save_failed.emit(self.draft.failure)
        return False

    def close(self) -> None:
        """Stop listening and timing (the plan is closed; its draft stays with the workspace until saved)."""
        self._timer.stop()
        self._retry.stop()
        self._unsubscribe()
