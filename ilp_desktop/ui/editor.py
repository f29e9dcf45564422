"""The coaching wizard for one plan: step list, the step's page, the ILP filling in beside it."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.app.editing import RETRY_SECONDS
from ilp_desktop.app.events import Change, Event
from ilp_desktop.app.plans import open_parts, override_stage, remember_step, stage_overrides
from ilp_desktop.app.program_year import observation_log
from ilp_desktop.app.signing import amend, locks, signable_prints
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.calendar import school_date
from ilp_desktop.model.checks import Finding, check_field
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.observation_rules import logged_observations
from ilp_desktop.model.stages import current_stage, stage_id
from ilp_desktop.ui import preferences
from ilp_desktop.ui.cells_view import CellsView
from ilp_desktop.ui.fields import FieldContext
from ilp_desktop.ui.finish_page import FinishPage
from ilp_desktop.ui.form_parts import combo
from ilp_desktop.ui.history_dialog import HistoryDialog
from ilp_desktop.ui.look import with_icon
from ilp_desktop.ui.page_specs import PageSpec, page_specs
from ilp_desktop.ui.pages import Page
from ilp_desktop.ui.session import PlanSession
from ilp_desktop.ui.sign_dialog import SignDialog
from ilp_desktop.ui.step_list import StepList

CHECK_DELAY_MS = 250
# The page keeps room for lines of about this many characters; on a narrower window (a small screen at 200 %,
# a large text size) the side panes close, the plan panel first, and reopen with their buttons or a wider window.
PAGE_CHARACTERS = 70
IDENTITY_CHARACTERS = 30  # the room the teacher's name and program need beside the stage and signature
STAGE_CHARACTERS, NARROW_STAGE_CHARACTERS = 20, 8  # the stage box's width; the open list shows the stages whole


class PlanEditor(QWidget):
    close_requested = Signal()  # "All plans": the window closes the plan once its text is saved
    print_requested = Signal(str)  # the finish page's "Print … for signature": a part id
    people_requested = Signal()  # "People…": the window opens who fills the plan's roles

    def __init__(self, ws: Workspace, plan_id: int, settings: QSettings, coach_mode: bool):
        super().__init__()
        self.ws, self.catalog, self.settings = ws, ws.catalog, settings
        self.plan = ws.plan(plan_id)
        self.template = ws.template(self.plan)
        self._log = observation_log(ws, self.template, self.plan.id)  # read again when the log changes
        self.session = PlanSession(ws, plan_id, self)
        self.draft = self.session.draft
        self.resources = ws.resources(self.plan)  # the plan's edition of its standards
        self.ctx = FieldContext(self.draft, self.template, self.resources, self.show_history)
        self._last_field = ""
        self.pages = page_specs(self.template, self.plan.id, self.ctx)
        self._built: dict[int, Page] = {}
        self._scrolls: dict[int, QScrollArea] = {}  # each built page in its scroll area, in the stack
        self._index = -1  # the page shown
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.update_guidance)
        self._build_ui()
        self.set_coach_mode(coach_mode)
        self._apply_stage()
        self._unsubscribe = ws.events.subscribe(self._event)
        self.go_to(self._page_index(self.plan.current_step), confirm=False)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # always: widgets exist only under a QApplication
            app.focusChanged.connect(self._focus_changed)

    # ------------------------------------------------------------------ build
    def page(self, index: int) -> Page:
        """The page at `index`, built the first time it is wanted (see page_specs)."""
        built = self._built.get(index)
        if built is None:
            built = self._built[index] = self.pages[index].build()
            built.amend_requested.connect(self.amend)
            built.edit_requested.connect(self.edit_answer)
            if isinstance(built, FinishPage):
                built.print_requested.connect(self._print_requested)
            scroll = self._scrolls[index] = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(built)
            self.stack.addWidget(scroll)
        return built

    def _print_requested(self, part: str) -> None:
        self.session.flush()  # a printout is made of the saved text
        self.print_requested.emit(part)

    def _build_ui(self) -> None:
        self.identity = QLabel()
        self.identity.setWordWrap(True)  # a long name and program must not widen the window
        self._show_identity()
        self.people_button = QPushButton("People…")
        self.people_button.setToolTip("Who fills each role of this plan: change it, see what changed")
        self.people_button.clicked.connect(self.people_requested.emit)
        self.stage = combo(
            self.template.stages,
            current_stage(self.template.part_ids, self.plan.stage) or "",
            characters=STAGE_CHARACTERS,
        )
        self.stage.setAccessibleName("Stage of this plan")
        self.stage.setToolTip("The stage follows recorded signatures; setting it here is recorded with your name")
        self.stage.setEnabled(not self.ws.read_only)
        self.stage.currentIndexChanged.connect(self._stage_changed)
        stage_label = QLabel("S&tage:")
        stage_label.setBuddy(self.stage)
        # A stage set by hand says so in words, with who and when (the stage otherwise follows signatures).
        self.override_note = QLabel()
        self.override_note.setObjectName("stageOverride")
        self.override_note.setWordWrap(True)
        self.sign_button = QPushButton("Record &signature…")
        self.sign_button.setToolTip("Record that a printed version was signed; its cells are then locked")
        self.sign_button.clicked.connect(self.record_signature)
        self.sign_button.setEnabled(not self.ws.read_only)
        self.save_state = QLabel("Saved")
        self.save_state.setObjectName("saveState")
        self.save_state.setAccessibleName("Save status")
        self.session.state_changed.connect(self._show_save_state)
        self.session.save_failed.connect(self._save_failed)
        top = QHBoxLayout()
        top.addWidget(self.identity, 1)
        self.controls = QHBoxLayout()
        for w in (self.people_button, self.sign_button, stage_label, self.stage, self.save_state):
            self.controls.addWidget(w)
        top.addLayout(self.controls)

        self.steps = StepList()
        self.steps.setAccessibleName("Steps of the conversation")
        self.steps.setMinimumWidth(180)
        self._done = [False] * len(self.pages)
        for page in self.pages:
            self.steps.add_step(page.list_title, page.indented).setToolTip(page.list_title)
        self.steps.currentRowChanged.connect(self._step_chosen)
        self.stack = QStackedWidget()  # each page's scroll area, added when the page is first shown
        self.cells = CellsView(self.template, self.resources)
        self.cells.setMinimumWidth(220)
        split = QSplitter()
        for pane in (self.steps, self.stack, self.cells):
            split.addWidget(pane)
        split.setChildrenCollapsible(False)  # a pane is closed with its button, never dragged out of sight
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 1)
        self.widths = {self.steps: 240, self.cells: 320}  # as they open; the page takes the rest
        split.setSizes([self.widths[self.steps], 700, self.widths[self.cells]])
        self.panes = {
            self.steps: self._pane_action("Step &list", "Show or hide the list of steps"),
            self.cells: self._pane_action("Plan s&o far", "Show or hide the plan as it fills in"),
        }
        self.pane_names = {self.steps: "steps", self.cells: "plan"}
        # What the user chose with the buttons, remembered between runs.
        self._wanted = {
            pane: self.settings.value(f"panes/{name}", "true") != "false" for pane, name in self.pane_names.items()
        }
        self._opened: QWidget | None = None  # the pane last opened by hand: shown even when the window is narrow

        self.back = QPushButton("&Back")
        self.next = QPushButton("&Next")
        self.plans_button = QPushButton("All &plans")
        for labelled, icon in (
            (self.back, "arrow-left"),
            (self.next, "arrow-right"),
            (self.plans_button, "list"),
            (self.sign_button, "writing-sign"),
        ):
            with_icon(labelled, icon)
        self.back.clicked.connect(lambda: self.step_by(-1))
        self.next.clicked.connect(lambda: self.step_by(1))
        self.plans_button.clicked.connect(self.close_requested.emit)
        self.position = QLabel()
        self.position.setWordWrap(True)  # on two lines rather than wider than a narrow window
        # The buttons in one row, or in two on a narrow window (a large text size at 200 %): the places, then
        # the way through the steps.
        self.nav = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.nav_places = QHBoxLayout()
        for w in (self.plans_button, self.position):
            self.nav_places.addWidget(w, 1 if w is self.position else 0)
        for action in self.panes.values():
            button = QToolButton()
            button.setDefaultAction(action)
            self.nav_places.addWidget(button)
        self.nav_steps = QHBoxLayout()
        self.nav_steps.addStretch()
        self.nav_steps.addWidget(self.back)
        self.nav_steps.addWidget(self.next)
        self.nav.addLayout(self.nav_places, 1)
        self.nav.addLayout(self.nav_steps)

        layout = self.column = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.override_note)
        layout.addWidget(split, 1)
        layout.addLayout(self.nav)
        for keys, delta in (("Alt+Left", -1), ("Alt+Right", 1), ("Ctrl+PgUp", -1), ("Ctrl+PgDown", 1)):
            QShortcut(QKeySequence(keys), self, lambda d=delta: self.step_by(d))

    # ------------------------------------------------------------- side panes
    def _pane_action(self, text: str, tip: str) -> QAction:
        action = QAction(text, self, checkable=True, checked=True)
        action.setToolTip(tip)
        action.triggered.connect(lambda on, a=action: self._pane_chosen(a, on))
        return action

    def _pane_chosen(self, action: QAction, on: bool) -> None:
        pane = next(p for p, a in self.panes.items() if a is action)
        self._wanted[pane] = on
        self.settings.setValue(f"panes/{self.pane_names[pane]}", "true" if on else "false")
        self._opened = pane if on else None
        self._arrange_panes()

    def _arrange_panes(self) -> None:
        """Show the panes the user wants that leave the page its room: the one just opened by hand, then the
        steps, then the plan panel."""
        free = self.width() - self.fontMetrics().averageCharWidth() * PAGE_CHARACTERS
        for pane in sorted(self.panes, key=lambda p: p is not self._opened):
            shown = self._wanted[pane] and (pane is self._opened or free >= self.widths[pane])
            free -= self.widths[pane] if shown else 0
            pane.setVisible(shown)
            self.panes[pane].setChecked(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_bars()
        self._arrange_panes()

    def _arrange_bars(self) -> None:
        """On a window too narrow for the bars' buttons in one row each, the buttons go on two rows, the stage
        box narrows and who the plan is for leaves the top (the window's title says it): the page keeps its
        height and nothing widens the window."""
        chars = self.fontMetrics().averageCharWidth()
        stage_room = chars * (STAGE_CHARACTERS - self.stage.minimumContentsLength())  # as wide as it is at most
        # People… leaves a narrow window's top row too (File → People of the plan… stays): counted as if shown, so
        # the row's width does not depend on whether it is.
        people = 0 if self.people_button.isVisibleTo(self) else self.people_button.sizeHint().width()
        one_row = max(
            self.nav_places.sizeHint().width() + self.nav_steps.sizeHint().width(),
            self.controls.sizeHint().width() + people + stage_room + chars * IDENTITY_CHARACTERS,
        )
        narrow = self.width() < one_row
        self.identity.setVisible(not narrow)
        self.people_button.setVisible(not narrow)
        edge = 2 if narrow else self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)
        self.column.setContentsMargins(edge, edge, edge, edge)  # a narrow window is short too: lines for the page
        self.stage.setMinimumContentsLength(NARROW_STAGE_CHARACTERS if narrow else STAGE_CHARACTERS)
        wanted = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.nav.direction() != wanted:
            self.nav.setDirection(wanted)

    # ------------------------------------------------------------- navigation
    @property
    def current(self) -> Page:
        return self.page(self._index)

    def _page_index(self, page_id: str) -> int:
        return next((i for i, p in enumerate(self.pages) if p.page_id == page_id), 0)

    def _open(self, index: int) -> bool:
        return self.steps.item(index).flags() & Qt.ItemFlag.ItemIsEnabled != Qt.ItemFlag.NoItemFlags

    def _step_chosen(self, row: int) -> None:
        if row >= 0 and row != self._index:
            self.go_to(row)

    def step_by(self, delta: int) -> None:
        target = self._index + delta
        if not 0 <= target < len(self.pages):
            return
        if not self._open(target):
            later = self.template.part(self.pages[target].step.part)
            QMessageBox.information(
                self,
                f"{later.title} steps",
                f"The {later.title} steps open {self._opens_when(later.id)}. To open them now, set the stage "
                f"(top right) to “{self.template.stage_label(stage_id(self.template.part_ids, later.id, 'drafting'))}”"
                " – that change is recorded with your name.",
            )
            return
        self.go_to(target)

    def go_to(self, index: int, confirm: bool = True) -> None:
        here = self._index
        if confirm and index > here >= 0:
            missing = [f.message for f in self.findings(self.pages[here]) if f.severity == "required"]
            if missing and not self.confirm_leave(missing):
                self.steps.setCurrentRow(here)
                return
        self.session.flush()
        page = self.page(index)
        self._index = index
        self.stack.setCurrentWidget(self._scrolls[index])
        self.steps.setCurrentRow(index)
        page.refresh()
        page.set_coach_mode(self.coach_mode)
        self._apply_locks(page)
        remember_step(self.ws, self.plan.id, page.page_id)
        self.back.setEnabled(index > 0)
        self.next.setEnabled(index < len(self.pages) - 1)
        self.update_guidance(every_step=True)

    def confirm_leave(self, missing: list[str]) -> bool:
        """Ask before moving past unmet required items; the answers are kept as a draft either way."""
        listed = "\n".join(f"• {m}" for m in missing[:8]) + ("\n• …" if len(missing) > 8 else "")
        answer = QMessageBox.question(
            self,
            "Some items are still needed",
            f"This step still needs:\n{listed}\n\nEverything typed so far is saved as a draft. Continue anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def edit_answer(self, key: str) -> None:
        """Go to the page holding an answer and put the cursor in it (from the timeline, say)."""
        for index, spec in enumerate(self.pages):
            if spec.holds(key):
                self.go_to(index, confirm=False)
                self.focus_answer(key)
                return

    def focus_answer(self, key: str) -> bool:
        widget = self.current.input_for(key)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return widget is not None

    # ---------------------------------------------------------------- checks
    def findings(self, page: Page | PageSpec) -> list[Finding]:
        keys = page.answer_keys()
        out = []
        values = self.draft.values
        logged = logged_observations(self.template, values, self._log)  # observations logged count too
        for f in page.step.fields:
            for finding in check_field(f, self.template, self.resources, values, self.ws.today(), logged):
                if finding.key in keys or finding.field_id in keys:
                    out.append(finding)
        return out

    def update_guidance(self, every_step: bool = False) -> None:
        self.current.apply_conditions()
        self.current.show_findings(self.findings(self.current))
        self.cells.show_plan(self.draft.values, self.current.step.cells)
        self.mark_steps(None if every_step else self._index)

    # ---------------------------------------------------------------- state
    def set_coach_mode(self, on: bool) -> None:
        self.coach_mode = on
        for page in self._built.values():
            page.set_coach_mode(on)

    def _event(self, event: Event) -> None:
        """Views of this plan follow what changed, whoever changed it."""
        if event.plan_id != self.plan.id:
            return
        if event.what is Change.EDITED:
            for key in event.keys:
                self._remember_field(key)
            self._check_timer.start()
        elif event.what in (Change.PLAN, Change.SIGNATURES):
            self.plan = self.ws.plan(self.plan.id)
            self._show_identity()
            self._show_stage()
            self._apply_stage()
            self._apply_locks(self.current)
        elif event.what is Change.ANSWERS:
            self.current.refresh()
            self.update_guidance(every_step=True)
        elif event.what is Change.LOG:
            self._log = observation_log(self.ws, self.template, self.plan.id)
            self.update_guidance(every_step=True)

    def _opens_when(self, part_id: str) -> str:
        """When a part's steps open, in words: 'once the Initial ILP is signed', 'on 2026-10-01'."""
        part = self.template.part(part_id)
        if part.opens_on is not None:
            return f"on {school_date(part.opens_on, self.plan.school_year).isoformat()}"
        return f"once the {self.template.part(part.opens_after or part.id).title} is signed"

    def _stage_changed(self) -> None:
        """Setting the stage by hand is deliberate: it is confirmed and recorded with the name given."""
        wanted = self.stage.currentData()
        if wanted is None:  # the box was emptied, not set to a stage
            return
        label = self.template.stage_label(wanted)
        name, ok = QInputDialog.getText(
            self,
            "Set the stage by hand",
            f"The stage follows recorded signatures. Setting it to “{label}” by hand is recorded with your name "
            "and the time.\n\nYour name:",
            text=preferences.text(self.settings, "stage_changed_by") or preferences.profile(self.settings)["name"],
        )
        try:
            if not ok:
                raise UserError("the stage was left as it was")
            override_stage(self.ws, self.plan.id, wanted, name)
            self.settings.setValue("stage_changed_by", name.strip())
        except UserError as exc:
            if ok:
                QMessageBox.warning(self, "Stage not changed", str(exc))
            self._show_stage()

    def _show_identity(self) -> None:
        p = self.plan
        guide = p.person(self.template.guide)
        who = escape(p.teacher_name) + (f" · {escape(self.template.guide_label)} {escape(guide.name)}" if guide else "")
        self.identity.setText(
            f"<b>{who}</b><br>{escape(self.template.subtitle or self.template.title)} · "
            f"{escape(p.school)} · {escape(p.school_year)}"
        )

    def _show_stage(self) -> None:
        self.stage.blockSignals(True)
        self.stage.setCurrentIndex(max(0, self.stage.findData(current_stage(self.template.part_ids, self.plan.stage))))
        self.stage.blockSignals(False)

    def _apply_stage(self) -> None:
        is_open = open_parts(self.ws, self.plan.id)
        for i, page in enumerate(self.pages):
            item = self.steps.item(i)
            part = page.step.part
            locked = part not in is_open
            item.setFlags(
                Qt.ItemFlag.NoItemFlags if locked else Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            )
            self._show_step(i)
        overrides = stage_overrides(self.ws, self.plan.id)
        last = overrides[-1] if overrides else None
        self.override_note.setVisible(last is not None)
        if last is not None:
            t = self.template
            self.override_note.setText(
                f"Stage set by hand from “{t.stage_label(last.from_stage)}” to “{t.stage_label(last.to_stage)}” "
                f"by {last.changed_by} on {last.changed_at[:16].replace('T', ' ')}."
            )

    def _show_step(self, index: int) -> None:
        """A step's line in the list: ✓ when nothing it requires is missing, ⚠ when something is, and whether
        it is open yet, in words too (a symbol font may be missing; greyed text alone is colour)."""
        page, item = self.pages[index], self.steps.item(index)
        locked = not item.flags() & Qt.ItemFlag.ItemIsEnabled
        note = f" (opens {self._opens_when(page.step.part)})" if locked else ""
        item.setText(f"{'✓' if self._done[index] else '⚠'} {page.list_title}{note}")
        item.setToolTip(f"{page.list_title}: {'done' if self._done[index] else 'something is still needed'}{note}")

    def mark_steps(self, only: int | None = None) -> None:
        """✓/⚠ on the steps and "n of m steps done": every step when a page opens or answers were restored, the
        page being typed on after each pause in typing (the others' checks would re-read their answers, a
        pasted book among them, on every pause)."""
        for index in range(len(self.pages)) if only is None else [only]:
            done = not any(f.severity == "required" for f in self.findings(self.pages[index]))
            if done != self._done[index]:
                self._done[index] = done
                self._show_step(index)
        count, index = sum(self._done), self._index
        self.position.setText(f"Step {index + 1} of {len(self.pages)} · {count} of {len(self.pages)} done")

    def _apply_locks(self, page: Page) -> None:
        if self.ws.read_only:
            page.show_read_only()
            return
        page.apply_lock(locks(self.ws, self.plan.id), self.draft.amending)

    def amend(self) -> None:
        answer = QMessageBox.question(
            self,
            "Amend after signature",
            "This part was signed on paper. Change it anyway? The signed version stays on record, every change is "
            "kept in the history, and the next printout says “Amended after signature” with the signed "
            "version's fingerprint.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            amend(self.ws, self.plan.id)

    def record_signature(self) -> None:
        if not signable_prints(self.ws, self.plan.id):
            QMessageBox.information(
                self,
                "Record a signature",
                "Print the plan first (File → Export / Print): a "
                "signature is recorded against the printed version that was signed.",
            )
            return
        SignDialog(self.ws, self.plan.id, self).exec()  # the recorded signature is announced as an event

    def save_now(self) -> None:
        self.session.flush()

    def _show_save_state(self, state: str) -> None:
        """A few words in the bar (a long reason would widen the window past the screen); the whole
        sentence as its tooltip and for screen readers."""
        self.save_state.setText(re.split(r"[:(]", state, maxsplit=1)[0].strip())
        self.save_state.setToolTip(state)
        self.save_state.setAccessibleDescription(state)

    def _save_failed(self, message: str) -> None:
        QMessageBox.warning(
            self,
            "Not saved",
            f"{message}\n\nYour text is still on screen. ILP Desktop tries again every {RETRY_SECONDS} seconds "
            "and says “Saved” as soon as it worked.",
        )

    def _remember_field(self, key: str) -> None:
        """The answer last worked on, so reopening the app puts the cursor back there.

        Written when it changes, not per keystroke: each write schedules a settings-file sync.
        """
        if key != self._last_field:
            self._last_field = key
            self.settings.setValue(f"plans/{self.plan.id}/field", key)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and old.property("answer_key") is not None and self.isAncestorOf(old):
            self.session.flush()
        if new is not None and new.property("answer_key") is not None and self.isAncestorOf(new):
            self._remember_field(new.property("answer_key"))

    def restore_focus(self) -> None:
        key = self.settings.value(f"plans/{self.plan.id}/field", "")
        if not (key and self.focus_answer(str(key))):
            inputs = self.current.inputs()
            if inputs:
                inputs[0].setFocus()

    def show_history(self, key: str, label: str) -> None:
        self.session.flush()  # the wording on screen is the newest in the history
        dialog = HistoryDialog(label, self.ws.history(self.plan.id, key), self)
        if dialog.exec():
            self.draft.set(key, dialog.chosen())
            self.session.flush()
            self.current.refresh()

    def close_plan(self) -> None:
        """Stop timing, listening and following the focus: the plan is closed (its text already saved)."""
        self.session.flush()
        self.session.close()
        self._unsubscribe()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
