"""What changed, told to whoever listens: every use case reports its changes here, views subscribe."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

log = logging.getLogger(__name__)


class Change(Enum):
    PLANS = "plans"  # plans were added (created, received, samples)
    PLAN = "plan"  # a plan's details or stage
    EDITED = "edited"  # text typed into an open plan, not yet saved
    SAVE_STATE = "save_state"  # the open plan's edits were saved, or saving failed
    ANSWERS = "answers"  # stored answers changed from outside the editor (received, conflict resolved)
    JOURNAL = "journal"
    OUTCOMES = "outcomes"
    PRINTS = "prints"
    SIGNATURES = "signatures"
    CONFLICTS = "conflicts"
    LOG = "log"  # the mentoring log or the CTC dates


@dataclass(frozen=True)
class Event:
    what: Change
    plan_id: int | None = None
    keys: frozenset[str] = field(default_factory=frozenset)
    message: str = ""  # why saving failed, for SAVE_STATE


Listener = Callable[[Event], None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Listen from now on; call the returned function to stop (a closed view must stop listening)."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, event: Event) -> None:
        log.debug("%s plan=%s keys=%s", event.what.value, event.plan_id, sorted(event.keys)[:5])
        for listener in list(self._listeners):  # a listener may unsubscribe while being told
            listener(event)
