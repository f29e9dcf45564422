"""The main window: welcome, the plan list, and the wizard for the open plan.

Only what the first screen needs is imported at start; the wizard, dialogs,
exchange and samples load on first use (start-up time: tests/bench/bench_startup.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
)

from ilp_desktop import APP_NAME
from ilp_desktop.app.data import load_samples, move_data
from ilp_desktop.app.overview import overview
from ilp_desktop.app.plans import create_plan
from ilp_desktop.app.program_year import break_today, hours_due
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.backup_policy import BackupPolicy
from ilp_desktop.model.errors import UserError
from ilp_desktop.ui import preferences
from ilp_desktop.ui.fit import ScrollingPage, fit_to_screen
from ilp_desktop.ui.hours_week import HoursWeekView
from ilp_desktop.ui.plan_list import PlanListPage
from ilp_desktop.ui.sync_status import SyncStatus
from ilp_desktop.ui.unsaved import wait_for_save
from ilp_desktop.ui.week_view import WeekView
from ilp_desktop.ui.welcome import WelcomePage

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from ilp_desktop.ui.editor import PlanEditor
    from ilp_desktop.ui.help import HelpDialog
    from ilp_desktop.ui.plan_tabs import PlanTabs


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace, settings: QSettings):
        super().__init__()
        self.ws, self.catalog, self.settings = ws, ws.catalog, settings
        ws.backup_policy = BackupPolicy.from_settings(settings.value)
        self.editor: PlanEditor | None = None
        self.relaunch_folder: Path | None = None  # set when the data moved: the app reopens from there
        self.guide: HelpDialog | None = None  # the one guide window, kept to be brought forward again
        preferences.apply_font_size(settings)
        self.setWindowTitle(self._title())
        self.welcome = WelcomePage(ws.folder, ws.catalog, settings)
        self.plan_list = PlanListPage(ws.search, ws.snippet)
        self.week = WeekView()
        self.home = QTabWidget()
        self.home.addTab(self.plan_list, "&Plans")
        self.home.addTab(self.week, "This &week")
        self.hours = HoursWeekView()
        self.home.addTab(self.hours, "Ho&urs this week")
        self._hours_stale = True
        self.home.currentChanged.connect(self._show_hours_if_due)
        self.plan_tabs: PlanTabs | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.home)
        # Scrolled rather than widening the window when its content needs more room than the screen has
        # (the largest text size at 200 %); each screen is built to fit 640×400 without it.
        self.setCentralWidget(ScrollingPage(self.stack))
        self.welcome.new_plan.connect(self.new_plan)
        self.welcome.load_samples.connect(self.load_samples)
        self.welcome.move_requested.connect(self.choose_data_folder)
        self.plan_list.new_plan.connect(self.new_plan)
        self.plan_list.open_plan.connect(self.open_plan)
        self.week.open_plan.connect(self.open_plan)
        self.hours.log_time.connect(self.log_time)
        self._build_menus()
        self.sync_status = SyncStatus(ws, self.statusBar())
        self.sync_status.conflicts_waiting.connect(self.show_conflicts)
        self.sync_status.passphrase_needed.connect(self.show_settings)
        self.resize(1280, 760)  # on a smaller screen, cut to it when shown

    def showEvent(self, event: QShowEvent) -> None:
        if not event.spontaneous():  # opened, not restored by the window manager
            fit_to_screen(self)
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # Back to the window: what came in meanwhile; away from it: what was typed goes out.
        if event.type() == QEvent.Type.ActivationChange and getattr(self, "sync_status", None) is not None:
            self.sync_status.start()
        super().changeEvent(event)

    def _build_menus(self) -> None:
        file = self.menuBar().addMenu("&File")
        self.new_action = self._action(file, "&New ILP…", QKeySequence.StandardKey.New, self.new_plan)
        self._action(file, "&Continue last plan", "Ctrl+E", self.continue_last)
        self._action(file, "&All plans", "Ctrl+L", self.show_home)
        self._action(file, "Load &sample plans", None, self.load_samples)
        file.addSeparator()
        self._action(file, "&Export / Print…", QKeySequence.StandardKey.Print, self.export_plan)
        self._action(file, "Export all plans to a &folder…", None, self.export_all)
        self._action(file, "Program &leader roll-up…", None, self.show_rollup)
        self.scan_action = self._action(file, "Record si&gnature from scan…", None, self.sign_from_scan)
        self.scan_action.setEnabled(not self.ws.read_only)
        file.addSeparator()
        self._action(file, "Se&nd plan to another computer…", None, self.send_plan)
        self._action(file, "&Receive a plan…", None, self.receive_plan)
        self._action(file, "S&hare plan through a folder…", None, self.share_plan)
        self._action(file, "Pe&ople of the plan…", None, self.plan_people)
        self._action(file, "S&ync now", "F5", lambda: self.sync_status.start())
        file.addSeparator()
        self._action(file, "&Programs…", None, self.show_programs)
        self.breaks_action = self._action(file, "School &breaks…", None, self.show_breaks)
        self.breaks_action.setEnabled(not self.ws.read_only)
        settings = self._action(file, "Se&ttings…", None, self.show_settings)
        # The platform's Preferences key (none on most Linux desktops) and Ctrl+, everywhere.
        settings.setShortcuts([*QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences), QKeySequence("Ctrl+,")])
        self._action(file, "&Save now", QKeySequence.StandardKey.Save, self.save_now)
        self._action(file, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        view = self.menuBar().addMenu("&View")
        self.coach_action = self._action(view, "&Coach mode (show the coach's script)", "Ctrl+M", self._coach_mode)
        self.coach_action.setCheckable(True)
        self.coach_action.setChecked(preferences.coach_mode(self.settings))
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Guide to this step", QKeySequence.StandardKey.HelpContents, self.show_guide)
        self._action(help_menu, "&What is an ILP?", None, lambda: self.show_guide(anchor=""))
        self._action(help_menu, "&Keyboard shortcuts", None, lambda: self.show_guide(anchor="shortcuts"))
        self._action(help_menu, f"&About {APP_NAME}", None, self._about)

    def _action(
        self, menu: QMenu, text: str, shortcut: QKeySequence.StandardKey | str | None, slot: Callable[..., object]
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _title(self, plan: str = "") -> str:
        return (f"{plan} – " if plan else "") + APP_NAME + (" (read-only)" if self.ws.read_only else "")

    # ------------------------------------------------------------- screens
    def start(self) -> None:
        """Back where the user left off: the open plan, its step and field; else the plan list."""
        last = preferences.number(self.settings, "open_plan")
        if last and any(p.id == last for p in self.ws.plans()):
            self.open_plan(last)
        if self.editor is None:  # also when the last plan cannot open (its program file broke)
            self.show_home()
        if preferences.profile(self.settings)["role"] == "leader" and preferences.first_run_done(self.settings):
            QTimer.singleShot(0, self.show_rollup)  # a program leader's work starts from the coaches' plans
        self.sync_status.start()  # what the other computers wrote while this one was off

    def show_home(self) -> None:
        if not self._close_editor():
            return
        rows, week = overview(self.ws)
        self.plan_list.set_rows(rows)
        self.week.show_items(week, self.ws.today())
        self._hours_stale = True
        self._show_hours_if_due()
        self.stack.setCurrentWidget(self.home if rows else self.welcome)
        self.settings.setValue("open_plan", 0)

    def _show_hours_if_due(self, *_: object) -> None:
        """Hours this week, worked out when it is looked at: every teacher's ledger, a tenth of a second for 500
        plans, is not kept from the plan list at start-up."""
        if self._hours_stale and self.home.currentWidget() is self.hours:
            self._hours_stale = False
            self.hours.show_due(hours_due(self.ws), break_today(self.ws))

    def open_plan(self, plan_id: int) -> None:
        from ilp_desktop.ui.editor import PlanEditor
        from ilp_desktop.ui.plan_tabs import PlanTabs

        if not self._close_editor():
            return
        try:
            plan = self.ws.plan(plan_id)
            self.ws.template(plan)
        except UserError as exc:
            QMessageBox.warning(self, "Cannot open plan", str(exc))
            return
        self.editor = PlanEditor(self.ws, plan_id, self.settings, self.coach_action.isChecked())
        self.editor.close_requested.connect(self.show_home)
        self.editor.print_requested.connect(lambda part: self.export_plan(part=part))
        self.editor.people_requested.connect(self.plan_people)
        self.plan_tabs = PlanTabs(self.editor)
        self.stack.addWidget(self.plan_tabs)
        self.stack.setCurrentWidget(self.plan_tabs)
        self.settings.setValue("open_plan", plan_id)
        self.settings.setValue("last_plan", plan_id)
        self.setWindowTitle(self._title(plan.teacher_name))
        self.editor.restore_focus()

    def log_time(self, plan_id: int, minutes: int) -> None:
        self.open_plan(plan_id)
        if self.plan_tabs is not None and self.plan_tabs.plan_id == plan_id:
            self.plan_tabs.log_time(minutes)

    def _close_editor(self) -> bool:
        """Close the open plan once what was typed is saved (or the user stays on it: False)."""
        if self.editor is None or self.plan_tabs is None:
            return True
        if not wait_for_save(self, self.ws, self.editor.plan.id, "Leaving the plan"):
            return False
        editor, tabs, self.editor, self.plan_tabs = self.editor, self.plan_tabs, None, None
        editor.close_requested.disconnect(self.show_home)
        editor.close_plan()
        tabs.close_views()
        self.ws.release(editor.plan.id)
        self.stack.removeWidget(tabs)
        tabs.deleteLater()
        self.setWindowTitle(self._title())
        return True

    # ------------------------------------------------------------- actions
    def new_plan(self) -> None:
        from ilp_desktop.ui.new_plan import NewPlanDialog

        defaults = {key: preferences.text(self.settings, f"default_{key}") for key in ("school", "coach", "program")}
        me = preferences.profile(self.settings)
        if me["name"]:  # the user's own name goes where their role signs
            defaults[me["role"] or "coach"] = defaults.get(me["role"]) or me["name"]
        dialog = NewPlanDialog(self.catalog, self.ws.today(), defaults, self)
        if dialog.exec():
            new = dialog.result_plan(district=me["district"])
            try:
                plan_id = create_plan(self.ws, new)
            except UserError as exc:
                QMessageBox.warning(self, "Plan not created", str(exc))
                return
            self.settings.setValue("default_school", new.school)
            self.settings.setValue("default_coach", new.coach)
            self.settings.setValue("default_program", new.program)  # coaches mostly start plans of one program
            self.open_plan(plan_id)

    def _chosen_plan(self, title: str) -> int | None:
        plan_id = self.editor.plan.id if self.editor is not None else self.plan_list.selected_plan()
        if plan_id is None:
            QMessageBox.information(self, title, "Open a plan, or select one in the list, first.")
        return plan_id

    def export_plan(self, _checked: bool = False, part: str = "") -> None:
        """The export dialog for the open or chosen plan, at `part` if given (else the part its stage suggests)."""
        from ilp_desktop.ui.export_dialog import ExportDialog

        plan_id = self._chosen_plan("Export / Print")
        if plan_id is None:
            return
        try:
            dialog = ExportDialog(self.ws, plan_id, self.settings, self)
        except UserError as exc:  # e.g. the plan's program is no longer installed
            QMessageBox.warning(self, "Export / Print", str(exc))
            return
        if part:
            dialog.part.setCurrentIndex(max(0, dialog.part.findData(part)))
        dialog.exec()

    def export_all(self) -> None:
        from ilp_desktop.ui.export_dialog import BatchExportDialog

        BatchExportDialog(self.ws, self.settings, self).exec()

    def show_rollup(self) -> None:
        from ilp_desktop.ui.leader_view import LeaderView

        LeaderView(self.ws, self.settings, self).exec()

    def sign_from_scan(self, path: str | None = None) -> None:
        """The scanned signed paper names its printed version by the code on its pages: record the signature
        against it (the sign dialog opens on that version)."""
        from ilp_desktop.app.scan_back import match_scan, read_scan
        from ilp_desktop.export.scanned import IMAGE_TYPES
        from ilp_desktop.ui.background import in_background
        from ilp_desktop.ui.export_dialog import export_folder
        from ilp_desktop.ui.sign_dialog import SignDialog

        title = "Record signature from scan"
        if path is None:
            kinds = f"Scans (*.pdf {' '.join(IMAGE_TYPES)});;All files (*)"
            path, _ = QFileDialog.getOpenFileName(self, title, export_folder(self.settings), kinds)
        if not path:
            return
        try:
            codes = in_background(self, "Reading the code on the scan…", partial(read_scan, Path(path)))
            scanned = match_scan(self.ws, Path(path), codes)
        except UserError as exc:
            QMessageBox.warning(self, title, f"No signature recorded: {exc}.")
            return
        SignDialog(self.ws, scanned.record.plan_id, self, scanned).exec()

    def send_plan(self) -> None:
        from ilp_desktop.app.exchange import MIN_PASSWORD, send_plan
        from ilp_desktop.ui.export_dialog import export_folder

        plan_id = self._chosen_plan("Send plan")
        if plan_id is None or not wait_for_save(self, self.ws, plan_id, "Sending the plan"):
            return
        name = f"{self.ws.plan(plan_id).teacher_name} plan.ilpbundle"
        target, _ = QFileDialog.getSaveFileName(
            self,
            "Save the plan for the other computer",
            str(Path(export_folder(self.settings)) / name),
            "ILP Desktop plans (*.ilpbundle)",
        )
        if not target:
            return
        password, ok = QInputDialog.getText(
            self,
            "Protect the plan file",
            "A password keeps the plan private on a USB stick or in e-mail.\n"
            f"Password of at least {MIN_PASSWORD} characters (leave empty for none):",
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        if password:
            again, ok = QInputDialog.getText(
                self, "Protect the plan file", "Type the password again:", QLineEdit.EchoMode.Password
            )
            if not ok:
                return
            if again != password:
                QMessageBox.warning(self, "Not saved", "The two passwords differ; nothing was saved. Please try again.")
                return
        try:
            send_plan(self.ws, plan_id, Path(target), password or None)
        except UserError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return
        QMessageBox.information(
            self,
            "Plan saved",
            f"Saved {target}. Copy it to the other computer (USB stick, e-mail) and choose File → Receive a plan there.",
        )

    def receive_plan(self, path: str | None = None) -> None:
        from ilp_desktop.app.exchange import PasswordNeeded, open_plan_file, receive_plan
        from ilp_desktop.ui.background import in_background
        from ilp_desktop.ui.conflicts import ConflictDialog
        from ilp_desktop.ui.export_dialog import export_folder

        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, "Receive a plan", export_folder(self.settings), "ILP Desktop plans (*.ilpbundle);;All files (*)"
            )
        if not path or not wait_for_save(self, self.ws, None, "Receiving a plan"):
            return
        password = None
        try:
            while True:
                try:
                    # partial binds the password now: the worker never sees a later value
                    work = partial(open_plan_file, Path(path), password)
                    opened = in_background(self, "Checking the plan file…", work)
                    report = receive_plan(self.ws, Path(path), opened=opened)
                    break
                except PasswordNeeded:
                    password, ok = QInputDialog.getText(
                        self,
                        "Password",
                        f"{Path(path).name} is protected by a password:",
                        QLineEdit.EchoMode.Password,
                    )
                    if not ok:
                        return
        except UserError as exc:
            QMessageBox.warning(self, "Not received", f"{exc}\n\nNothing was changed.")
            return
        self.open_plan(report.plan_id)
        QMessageBox.information(self, "Plan received", report.describe().capitalize() + ".")
        if report.conflicts:
            ConflictDialog(self.ws, report.plan_id, self).exec()

    def share_plan(self) -> None:
        """Who the plan is shared with: folders of its own (one shared with its teacher), added or taken away."""
        from ilp_desktop.ui.share_dialog import ShareDialog

        plan_id = self._chosen_plan("Share which plan?")
        if plan_id is None:
            return
        dialog = ShareDialog(self.ws, plan_id, self)
        dialog.exec()
        if dialog.changed:
            self.sync_status.start()

    def plan_people(self) -> None:
        """Who fills each role of the open or chosen plan, changed and recorded (travels with the plan)."""
        from ilp_desktop.ui.people_dialog import PeopleDialog

        plan_id = self._chosen_plan("People of the plan")
        if plan_id is None:
            return
        try:
            dialog = PeopleDialog(self.ws, plan_id, self)
        except UserError as exc:  # the plan's program is no longer installed
            QMessageBox.warning(self, "People of the plan", str(exc))
            return
        if not dialog.exec():
            return
        if self.editor is None:
            self.show_home()  # the plan list names the new people
        elif self.editor.plan.id == plan_id:
            self.setWindowTitle(self._title(self.ws.plan(plan_id).teacher_name))  # the teacher may have changed

    def show_conflicts(self, plan_id: int) -> None:
        from ilp_desktop.ui.conflicts import ConflictDialog

        self.open_plan(plan_id)
        ConflictDialog(self.ws, plan_id, self).exec()
        self.sync_status.show_status()

    def continue_last(self) -> None:
        last = preferences.number(self.settings, "last_plan")
        if last:
            self.open_plan(last)

    def load_samples(self) -> None:
        try:
            added = load_samples(self.ws)
        except UserError as exc:
            QMessageBox.warning(self, "Sample plans not loaded", str(exc))
            return
        self.show_home()
        self.statusBar().showMessage(
            f"Added {added} sample plans." if added else "The sample plans are already here.", 8000
        )

    def save_now(self) -> None:
        if self.editor is not None:
            self.editor.save_now()

    def show_programs(self) -> None:
        """The installed programs; one installed there lists its plans at once."""
        from ilp_desktop.ui.programs import ProgramsDialog

        ProgramsDialog(self.ws, self).exec()
        if self.editor is None:
            self.show_home()

    def show_breaks(self) -> None:
        from ilp_desktop.ui.breaks_dialog import BreaksDialog

        if BreaksDialog(self.ws, self).exec() and self.editor is None:
            self.show_home()  # Hours this week and the due dates read the breaks again

    def show_settings(self) -> None:
        from ilp_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.ws.folder, self, self.ws)
        dialog.move_requested.connect(self.move_data_to)
        if dialog.exec():
            self.apply_settings()
            self.sync_status.start()

    def apply_settings(self) -> None:
        """Settings take effect at once: text size, backup schedule, coach or teacher mode."""
        preferences.apply_font_size(self.settings)
        self.ws.backup_policy = BackupPolicy.from_settings(self.settings.value)
        if self.coach_action.isChecked() != preferences.coach_mode(self.settings):
            self.coach_action.trigger()

    def choose_data_folder(self) -> None:
        target = QFileDialog.getExistingDirectory(self, "Keep the plans in this (empty) folder")
        if target:
            self.move_data_to(Path(target))

    def move_data_to(self, target: Path) -> None:
        """Close the data, move it (verified, see storage/relocation.py), and reopen the app from there."""
        if not self._close_editor():
            return
        self.settings.sync()
        try:
            moved = move_data(self.ws, target)
        except UserError as exc:
            QMessageBox.warning(self, "Data not moved", str(exc))
            return
        self.relaunch_folder = moved
        self.settings = preferences.settings_for(moved)  # the old folder is gone; nothing may recreate it
        QMessageBox.information(
            self, "Data moved", f"Your plans are now kept in {moved}. ILP Desktop reopens from there."
        )
        self.close()

    def _coach_mode(self, on: bool) -> None:
        preferences.set_coach_mode(self.settings, on)
        if self.editor is not None:
            self.editor.set_coach_mode(on)

    def show_guide(self, _checked: bool = False, anchor: str | None = None) -> HelpDialog:
        """The offline guide, at the open step unless another place is asked for."""
        from ilp_desktop.ui.help import HelpDialog, guide_html

        template = self.editor.template if self.editor is not None else None
        if anchor is None:
            anchor = self.editor.current.step.id if self.editor is not None else ""
        # One guide window: F1 again brings it forward at the step now open instead of opening another.
        if self.guide is None:
            self.guide = HelpDialog(f"{APP_NAME} guide", guide_html(template), anchor, self)
        else:
            self.guide.show_text(guide_html(template), anchor)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def _about(self) -> None:
        from ilp_desktop.ui.help import HelpDialog, about_html

        # A scrolling dialog, not QMessageBox.about: the licence table is taller than a small screen.
        HelpDialog(f"About {APP_NAME}", about_html(str(self.ws.data_file)), parent=self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quit only once everything typed is saved, or the user knowingly lets it go."""
        if self.relaunch_folder is None:  # after a move the data is closed and already complete
            try:
                ready = wait_for_save(self, self.ws, None, "Quitting", discard="&Quit without them")
            except Exception:  # saving failed in a way nobody foresaw: ask, never exit silently
                log.exception("saving before quitting failed")
                ready = (
                    QMessageBox.question(
                        self,
                        "Not saved",
                        "The latest changes could not be saved (the details are in the log). Quit anyway and lose "
                        "them?",
                        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                        QMessageBox.StandardButton.No,
                    )
                    == QMessageBox.StandardButton.Yes
                )
            if not ready:
                event.ignore()
                return
        if self.plan_tabs is not None:
            self.plan_tabs.close_views()
        self.sync_status.finish()
        self.settings.sync()
        event.accept()
