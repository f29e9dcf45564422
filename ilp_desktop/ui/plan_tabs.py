"""One open plan: the conversation (wizard) and its dashboard – timeline, journal, outcome data."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QTabWidget

from ilp_desktop.model.calendar import plan_calendar
from ilp_desktop.model.catalog import Catalog
from ilp_desktop.model.timeline import plan_timeline
from ilp_desktop.storage.store import Store
from ilp_desktop.ui.editor import PlanEditor
from ilp_desktop.ui.journal_view import JournalView
from ilp_desktop.ui.outcomes_view import OutcomesView
from ilp_desktop.ui.timeline_view import TimelineView


class PlanTabs(QTabWidget):
    def __init__(self, editor: PlanEditor, store: Store, catalog: Catalog, today: dt.date):
        super().__init__()
        self.editor, self.store, self.today = editor, store, today
        values = editor.session.values
        self.timeline = TimelineView()
        self.journal = JournalView(store, editor.template, editor.plan.id, values)
        self.outcomes = OutcomesView(store, editor.template, editor.plan.id, values)
        self.addTab(editor, "&Conversation")
        self.addTab(self.timeline, "T&imeline")
        self.addTab(self.journal, f"&{editor.template.journal.title}")
        self.addTab(self.outcomes, "Outcome &data")
        self.timeline.edit_answer.connect(self.edit_answer)
        self.currentChanged.connect(self.refresh)

    def due(self):
        plan = self.store.plan(self.editor.plan.id)
        return plan_calendar(
            self.editor.template,
            plan.school_year,
            plan.start_date,
            plan.stage,
            self.store.journal_dates(plan.id).get(plan.id, []),
            self.today,
        )

    def refresh(self, _index: int | None = None) -> None:
        """Bring the shown view up to date with what was typed in the wizard."""
        self.editor.save_now()
        self.journal.save()
        self.outcomes.save()
        values = self.editor.session.values
        widget = self.currentWidget()
        if widget is self.timeline:
            self.timeline.show_items(plan_timeline(self.editor.template, values, self.due()), self.today)
        elif widget is self.journal:
            self.journal.values = values
            self.journal.reload(self.journal.current.id if self.journal.current else None, self.due())
        elif widget is self.outcomes:
            self.outcomes.reload(values)

    def edit_answer(self, key: str) -> None:
        self.setCurrentWidget(self.editor)
        self.editor.edit_answer(key)

    def close_views(self) -> None:
        self.journal.save()
        self.outcomes.save()
