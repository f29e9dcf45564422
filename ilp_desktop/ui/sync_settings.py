"""Settings' sync rows: the folder a sync engine keeps in step, this computer's name, the shared passphrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton

from ilp_desktop.app import sync
from ilp_desktop.app.exchange import MIN_PASSWORD
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.ui.form_parts import folder_row, labelled_rows


class SyncRows:
    def __init__(self, ws: Workspace, form: QFormLayout):
        self.ws = ws
        self.folder = sync.default_folder(ws)
        choose = QPushButton("C&hoose…")
        choose.setAccessibleName("Choose the sync folder")
        choose.clicked.connect(self._choose)
        self.stop = QPushButton("Stop syncin&g")
        self.stop.clicked.connect(self._stop)
        row, self.folder_label = folder_row(self.folder or Path(), choose)
        row_layout = row.layout()
        if isinstance(row_layout, QHBoxLayout):
            row_layout.addWidget(self.stop)
        self.name = QLineEdit(sync.device_name(ws))
        self.name.setMaxLength(200)
        self.name.setPlaceholderText("e.g. the coach's laptop")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = QLabel()
        self.note.setWordWrap(True)
        labelled_rows(
            form,
            (
                ("S&ync folder", row),
                ("This computer is &called", self.name),
                ("Shared pa&ssphrase", self.passphrase),
                ("", self.note),
            ),
        )
        self._show()

    def _show(self) -> None:
        self.folder_label.setText(str(self.folder) if self.folder else "None: plans move only by Send and Receive")
        self.stop.setEnabled(self.folder is not None)
        kept = self.folder is not None and sync.passphrase(self.folder) is not None
        self.passphrase.setPlaceholderText("kept on this computer (type to change)" if kept else "none: not encrypted")
        self.note.setText(
            "Plans are written to the sync folder for your other computers and the people you share them with, "
            "and what they write is merged every few minutes. With a passphrase (the same on every computer), "
            "the files there are encrypted."
        )

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self.folder_label.window(), "The folder OneDrive, Google Drive, Dropbox or Syncthing keeps in step"
        )
        if chosen:
            self.folder = Path(chosen)
            self._show()

    def _stop(self) -> None:
        self.folder = None
        self._show()

    def apply(self) -> str:
        """Keep the choices; what the user should know about the passphrase ('' when nothing). UserError when
        the passphrase is too short (nothing is kept then)."""
        text = self.passphrase.text()
        if text and len(text) < MIN_PASSWORD:
            raise UserError(
                f"a passphrase needs at least {MIN_PASSWORD} characters: a shorter one is guessed in minutes"
            )
        sync.set_default_folder(self.ws, self.folder)
        if self.name.text().strip():
            sync.set_device_name(self.ws, self.name.text())
        if text and self.folder is not None and not sync.remember_passphrase(self.folder, text):
            return (
                "This computer has no keyring to keep the passphrase in: it is kept until ILP Desktop closes "
                "and asked for again next time."
            )
        return ""
