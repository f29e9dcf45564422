"""Restore an earlier wording of one answer, from the history kept in the data file."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
)

from ilp_desktop.model.plan import HistoryEntry
from ilp_desktop.ui.fit import Dialog
from ilp_desktop.ui.long_text import fill


class HistoryDialog(Dialog):
    def __init__(self, label: str, entries: list[HistoryEntry], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Earlier wordings – {label}")
        self.list = QListWidget()
        self.list.setAccessibleName("Saved wordings, newest first")
        for entry in entries:
            when = dt.datetime.fromisoformat(entry.saved_at).astimezone().strftime("%Y-%m-%d %H:%M")
            first_line = entry.value.strip().splitlines()[0] if entry.value.strip() else "(empty)"
            item = QListWidgetItem(f"{when} – {first_line[:80]}")
            item.setData(Qt.ItemDataRole.UserRole, entry.value)
            self.list.addItem(item)
        self.preview = QPlainTextEdit(readOnly=True)
        self.preview.setAccessibleName("Selected wording")
        self.list.currentItemChanged.connect(
            lambda item, _: fill(self.preview, item.data(Qt.ItemDataRole.UserRole) if item else "")
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore = buttons.addButton("&Restore this wording", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel("Each saved wording of this answer. The first is what it says now.")
        intro.setBuddy(self.list)
        for w in (intro, self.list, self.preview, buttons):
            layout.addWidget(w)
        self.list.setCurrentRow(1 if len(entries) > 1 else 0)
        self.restore.setEnabled(bool(entries))
        self.resize(640, 420)

    def chosen(self) -> str:
        return self.list.currentItem().data(Qt.ItemDataRole.UserRole)
