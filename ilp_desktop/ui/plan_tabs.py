"""One open plan: the conversation (wizard) and its dashboard – timeline, journal, outcome data, mentoring log.

The views read the plan as typed (its draft), so nothing has to be saved before another tab shows it. A view
that is not on screen only notes that its plan changed, and brings itself up to date when it is shown.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QTabWidget, QWidget

from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.journal import add_entry
from ilp_desktop.app.overview import plan_due
from ilp_desktop.model.calendar import DueItem
from ilp_desktop.model.timeline import plan_timeline, undated
from ilp_desktop.ui.editor import PlanEditor
from ilp_desktop.ui.form_parts import with_mnemonic
from ilp_desktop.ui.journal_view import JournalView
from ilp_desktop.ui.log_view import LogView
from ilp_desktop.ui.outcomes_view import OutcomesView
from ilp_desktop.ui.timeline_view import TimelineView

CHECK_IN_NOTE = "Weekly check-in"  # the title of the journal note that marks a week's check-in done

# What each view shows, by the changes that make it out of date (typing changes all of them).
SHOWS = {
    "timeline": {Change.EDITED, Change.PLAN, Change.JOURNAL, Change.ANSWERS},
    "journal": {Change.EDITED, Change.PLAN, Change.JOURNAL, Change.ANSWERS},
    "outcomes": {Change.EDITED, Change.OUTCOMES, Change.ANSWERS},
    # The observation rules count the plan's own observations too; a signature may set the goals date.
    "log": {Change.LOG, Change.EDITED, Change.ANSWERS, Change.SIGNATURES},
}


# The Alt letters of the window around the journal's tab: the other tabs, the menus, the conversation's buttons
# (Back, Next, All plans, Stage, Record signature, Step list, Plan so far, Amend, Add …) and the journal's own
# (Date, Title, Entry, New, Delete, Attach, Open, Remove), and the mentoring log's (Kind, Next steps, Save changes,
# New entry).
SCREEN_KEYS = "abcdefghiklmnoprstuvxy"


class PlanTabs(QTabWidget):
    def __init__(self, editor: PlanEditor):
        super().__init__()
        self.editor, self.ws, self.plan_id = editor, editor.ws, editor.plan.id
        self.timeline = TimelineView()
        self.journal = JournalView(editor.ws, editor.template, editor.plan.id)
        self.outcomes = OutcomesView(editor.ws, editor.template, editor.plan.id)
        self.log = LogView(editor.ws, editor.template, editor.plan.id)
        self.addTab(editor, "&Conversation")
        self.addTab(self.timeline, "T&imeline")
        self.addTab(self.journal, with_mnemonic(editor.template.journal.title, set(SCREEN_KEYS)))
        self.addTab(self.outcomes, "O&utcome data")  # Alt+D: the journal's date
        self.addTab(self.log, "&Mentoring log and hours")
        self._views: dict[QWidget, str] = {
            self.timeline: "timeline",
            self.journal: "journal",
            self.outcomes: "outcomes",
            self.log: "log",
        }
        self._stale = set(self._views)
        self.timeline.edit_answer.connect(self.edit_answer)
        self.timeline.check_in_held.connect(self.check_in_held)
        self.currentChanged.connect(self.refresh)
        self._unsubscribe = editor.ws.events.subscribe(self._event)

    def _event(self, event: Event) -> None:
        if event.plan_id != self.plan_id:
            return
        shown = self.currentWidget()
        for view, name in self._views.items():
            if event.what in SHOWS[name] and view is not shown:
                self._stale.add(view)

    def due(self) -> list[DueItem]:
        return plan_due(self.ws, self.plan_id)

    def refresh(self, _index: int | None = None) -> None:
        """Bring the view now shown up to date, if its plan changed while it was hidden."""
        widget = self.currentWidget()
        if widget not in self._stale:
            return
        self._stale.discard(widget)
        if widget is self.timeline:
            template, values = self.editor.template, self.editor.draft.values
            self.timeline.show_items(
                plan_timeline(template, values, self.due()), self.ws.today(), undated(template, values)
            )
        elif widget is self.journal:
            self.journal.reload(self.journal.current.id if self.journal.current else None, self.due())
        elif widget is self.outcomes:
            self.outcomes.reload()
        elif widget is self.log:
            self.log.reload()

    def check_in_held(self, day: dt.date) -> None:
        """A weekly check-in marked done: its note in the journal, dated in its week (the journal then lists it
        to write more in)."""
        add_entry(self.ws, self.plan_id, day, CHECK_IN_NOTE)
        self._stale.add(self.timeline)  # shown: the journal's change marked only the hidden views
        self.refresh()

    def log_time(self, minutes: int) -> None:
        """The mentoring log, a new entry of `minutes` today ready to add."""
        self.setCurrentWidget(self.log)
        self.log.start_entry(minutes)

    def edit_answer(self, key: str) -> None:
        self.setCurrentWidget(self.editor)
        self.editor.edit_answer(key)

    def close_views(self) -> None:
        self._unsubscribe()
