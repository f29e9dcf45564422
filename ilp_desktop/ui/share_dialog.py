"""Who a plan is shared with: the folders it travels through by itself (one shared with its teacher), added
and taken away; without one, it travels through the folder chosen in Settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QWidget

from ilp_desktop.app import sync
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.ui.fit import Dialog


class ShareDialog(Dialog):
    def __init__(self, ws: Workspace, plan_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.plan_id = ws, plan_id
        self.changed = False  # a folder was added or taken away: the window runs a pass
        plan = ws.plan(plan_id)
        self.setWindowTitle(f"Share the plan of {plan.teacher_name or f'plan {plan_id}'}")
        form = self.scrolled_form()
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.folders = QListWidget()
        self.folders.setAccessibleName("Folders this plan is shared through")
        add = QPushButton("&Add a folder…")
        add.clicked.connect(self.add_folder)
        self.stop = QPushButton("&Stop sharing through the chosen folder")
        self.stop.clicked.connect(self.stop_sharing)
        self.folders.currentRowChanged.connect(lambda row: self.stop.setEnabled(row >= 0))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.stop)
        buttons.addStretch()
        note = QLabel(
            "A plan shared through a folder of its own travels only there: a folder shared with its teacher holds "
            "only that teacher's plans. Stopping sends no more changes there; what was sent already stays on the "
            "other computers."
        )
        note.setWordWrap(True)
        form.addRow(self.where)
        form.addRow(self.folders)
        form.addRow(buttons)
        form.addRow(note)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.column.addWidget(close)
        self._show()

    def _show(self) -> None:
        own = sync.own_folders(self.ws, self.plan_id)
        self.folders.clear()
        self.folders.addItems([str(f) for f in own])
        self.folders.setVisible(bool(own))
        self.stop.setVisible(bool(own))
        self.stop.setEnabled(False)
        chosen = sync.default_folder(self.ws)
        if own:
            self.where.setText("This plan travels through these folders only:")
        elif chosen:
            self.where.setText(f"This plan travels through the folder chosen in Settings: {chosen}")
        else:
            self.where.setText("This plan is not shared: add a folder, or choose one for every plan in Settings.")

    def add_folder(self) -> None:
        target = QFileDialog.getExistingDirectory(self, "The folder you share with this plan's teacher")
        if target:
            self._share(Path(target), True)

    def stop_sharing(self) -> None:
        item = self.folders.currentItem()
        if item is not None:
            self._share(Path(item.text()), False)

    def _share(self, folder: Path, shared: bool) -> None:
        try:
            sync.share_plan(self.ws, self.plan_id, folder, shared)
        except UserError as exc:
            self.where.setText(f"⚠ Not changed: {exc}")
            return
        self.changed = True
        self._show()
