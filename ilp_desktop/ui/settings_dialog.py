"""Settings: paper, the data folder (moved safely), backups, coach or teacher mode, text size, the sync folder.

Each change is written to settings.ini when OK is pressed and takes effect at
once; moving the data folder is its own confirmed action.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.backup_policy import BackupPolicy
from ilp_desktop.model.errors import UserError
from ilp_desktop.ui import preferences
from ilp_desktop.ui.fit import Dialog
from ilp_desktop.ui.form_parts import combo, folder_row, labelled_rows, paper_combo
from ilp_desktop.ui.sync_settings import SyncRows


class SettingsDialog(Dialog):
    move_requested = Signal(Path)  # the main window closes the data, moves it and reopens it

    def __init__(
        self, settings: QSettings, data_folder: Path, parent: QWidget | None = None, ws: Workspace | None = None
    ):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Settings")
        form = self.scrolled_form()
        self.paper = paper_combo(settings)
        self.mode = combo(
            ((True, "Coach mode: show the coach's script"), (False, "Teacher mode: the teacher's questions only")),
            preferences.coach_mode(settings),
        )
        self.font_size = combo(
            ((size, f"{size} pt" if size else "System size") for size in preferences.FONT_SIZES),
            preferences.font_size(settings),
        )
        policy = BackupPolicy.from_settings(settings.value)
        self.keep_recent = _spin(1, 200, policy.keep_recent, " newest copies")
        self.keep_weekly = _spin(0, 104, policy.keep_weekly, " weeks (one copy each)")
        self.every = _spin(5, 24 * 60, int(policy.every.total_seconds() // 60), " minutes while editing")
        move = QPushButton("&Move…")
        move.setAccessibleName("Move the data folder")
        move.clicked.connect(self._choose_folder)
        folder, _ = folder_row(data_folder, move)
        labelled_rows(
            form,
            (
                ("&Paper size", self.paper),
                ("Start &in", self.mode),
                ("&Text size", self.font_size),
                ("&Keep", self.keep_recent),
                ("…and the &last", self.keep_weekly),
                ("&Back up every", self.every),
                ("Data folder", folder),
            ),
        )
        self.sync = SyncRows(ws, form) if ws is not None and not ws.read_only else None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.column.addWidget(buttons)

    def accept(self) -> None:
        if self.sync is not None:
            try:
                note = self.sync.apply()
            except UserError as exc:
                QMessageBox.warning(self, "Settings", str(exc))
                return
            if note:
                QMessageBox.information(self, "Sync passphrase", note)
        s = self.settings
        s.setValue("paper", self.paper.currentData())
        preferences.set_coach_mode(s, self.mode.currentData())
        s.setValue("font_size", self.font_size.currentData())
        s.setValue("backup/keep_recent", self.keep_recent.value())
        s.setValue("backup/keep_weekly", self.keep_weekly.value())
        s.setValue("backup/every_minutes", self.every.value())
        s.sync()
        super().accept()

    def _choose_folder(self) -> None:
        target = QFileDialog.getExistingDirectory(self, "Move the data to an empty folder")
        if not target:
            return
        answer = QMessageBox.question(
            self,
            "Move the data folder",
            f"Copy all plans, attachments, backups and settings to\n{target}\ncheck the copy, then remove the old "
            "folder? ILP Desktop reopens from the new folder.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.accept()  # keep the other choices made in this dialog
            self.move_requested.emit(Path(target))


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin
