"""Journal entries of one plan: dated notes with paragraphs and lists, and attached artifacts.

Text is kept as Markdown (QTextEdit reads and writes it), so lists and
paragraphs survive, print as readable text and move between machines as
plain text. Attached files are copied into the data folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.app.journal import add_entry, attach, delete_entry, explain_artifact, remove_artifact
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.calendar import DueItem
from ilp_desktop.model.checks import check_journal_entry
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.plan import JournalEntry
from ilp_desktop.model.template import Template
from ilp_desktop.model.values import Values, file_size, group_count
from ilp_desktop.ui.date_input import DateInput
from ilp_desktop.ui.fit import ScrollingPage
from ilp_desktop.ui.form_parts import combo, labelled_rows
from ilp_desktop.ui.long_text import fill, keep_wrapped

T = TypeVar("T")


def link_choices(template: Template, values: Values) -> list[tuple[str, str]]:
    """What an entry can be about: the plan as a whole, or one item of the first part (a research source, …)."""
    first = template.parts[0].id
    choices = [("", "The plan as a whole")]
    for step in template.steps:
        for f in step.fields:
            if step.part == first and f.type == "group":
                choices += [(f"{f.id}.{i}", f"{f.item_label} {i}") for i in range(1, group_count(values, f) + 1)]
    return choices


class JournalView(ScrollingPage):
    def __init__(self, ws: Workspace, template: Template, plan_id: int):
        super().__init__()
        self.ws, self.template, self.plan_id = ws, template, plan_id
        self.entries: list[JournalEntry] = []
        self.current: JournalEntry | None = None
        self._loading = False

        self.list = QListWidget()
        self.list.setAccessibleName(template.journal.title)
        # Long titles wrap in the narrow list (at 200 % they ran off its side behind a scroll bar).
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.currentRowChanged.connect(self._select)
        new = QPushButton("&New entry")
        new.clicked.connect(self.new_entry)
        self.delete_button = QPushButton("De&lete entry…")  # Alt+D is the entry's date
        self.delete_button.clicked.connect(self.delete_entry)
        self.due = QLabel()
        self.due.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        title = QLabel(f"<b>{template.journal.title}</b>")
        title.setBuddy(self.list)
        for w in (title, self.list, new, self.delete_button, self.due):
            left_layout.addWidget(w)

        self.date = DateInput(optional=False, opens_on=ws.today)
        self.title = QLineEdit()
        self.link = combo()
        self.not_submitted = QCheckBox("Weekly notes – kept, not submitted")
        self.body = QTextEdit()
        self.body.setAcceptRichText(False)  # typed Markdown lists ("- ", "1. ") keep their meaning
        self.body.setTabChangesFocus(True)
        keep_wrapped(self.body)
        self.artifacts = QTableWidget(0, 4)
        self.artifacts.setHorizontalHeaderLabels(["File", "Size", "Type", "What it shows (explanation)"])
        self.artifacts.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.artifacts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.artifacts.setTabKeyNavigation(False)
        self.artifacts.itemChanged.connect(self._explanation_changed)
        attach = QPushButton("&Attach files…")
        attach.clicked.connect(self.attach)
        open_button = QPushButton("&Open")
        open_button.clicked.connect(self.open_artifact)
        remove = QPushButton("&Remove file")
        remove.clicked.connect(self.remove_artifact)
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.form = QWidget()
        form = QFormLayout(self.form)
        self.not_submitted.setAccessibleName(self.not_submitted.text())  # its own text: the row has no label
        labelled_rows(
            form,
            (
                ("&Date", self.date),
                ("&Title", self.title),
                ("About", self.link),
                ("", self.not_submitted),
                ("&Entry", self.body),
                ("Artifacts", self.artifacts),
            ),
        )
        buttons = QHBoxLayout()
        for b in (attach, open_button, remove):
            buttons.addWidget(b)
        buttons.addStretch()
        form.addRow("", buttons)
        form.addRow("", self.findings)
        for signal in (
            self.date.date_edited,
            self.title.textChanged,
            self.link.currentIndexChanged,
            self.not_submitted.toggled,
            self.body.textChanged,
        ):
            signal.connect(self._changed)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.form)
        split.setSizes([320, 800])
        QVBoxLayout(self.content).addWidget(split)

    # ------------------------------------------------------------- showing
    def reload(self, select_id: int | None = None, due: list[DueItem] | None = None) -> None:
        self.entries = self.ws.journal(self.plan_id)
        self._loading = True
        self.list.clear()
        for e in self.entries:
            problems = check_journal_entry(self.template.journal, list(e.artifacts), not e.not_submitted)
            note = " · needs attention" if problems else ""
            kept = " · not submitted" if e.not_submitted else ""
            self.list.addItem(
                QListWidgetItem(
                    f"{e.entry_date.isoformat()} – {e.title or 'Untitled'} ({len(e.artifacts)} files){kept}{note}"
                )
            )
        self._loading = False
        if due is not None:
            self.show_due(due)
        rows = [i for i, e in enumerate(self.entries) if e.id == select_id]
        self.list.setCurrentRow(rows[0] if rows else len(self.entries) - 1)
        self.form.setEnabled(bool(self.entries))
        self.delete_button.setEnabled(bool(self.entries))

    def show_due(self, due: list[DueItem]) -> None:
        """The program's journal due dates (e.g. monthly), each done, due or overdue in words."""
        journal_due = [d for d in due if d.id in {c.id for c in self.template.calendar if c.journal}]
        self.due.setText(
            ""
            if not journal_due
            else "<b>Journal due dates</b><br>"
            + "<br>".join(f"{d.due.isoformat()}: {d.describe()}" for d in journal_due)
        )

    def _select(self, row: int) -> None:
        if self._loading:
            return
        chosen = self.entries[row].id if 0 <= row < len(self.entries) else None
        # As typed so far: another entry's unsaved edits are in the draft, not in the list read earlier.
        self.current = next((e for e in self.ws.journal(self.plan_id) if e.id == chosen), None)
        if self.current is None:
            return
        e = self.current
        self._loading = True
        self.date.set_date(e.entry_date)
        self.title.setText(e.title)
        self.link.clear()
        for key, label in link_choices(self.template, self.ws.values(self.plan_id)):
            self.link.addItem(label, key)
        self.link.setCurrentIndex(max(0, self.link.findData(e.link)))
        self.not_submitted.setChecked(e.not_submitted)
        fill(self.body, e.body, markdown=True)
        self._show_artifacts(e)
        self._loading = False

    def _show_artifacts(self, entry: JournalEntry) -> None:
        artifacts = list(entry.artifacts)
        self.artifacts.blockSignals(True)
        self.artifacts.setRowCount(len(artifacts))
        for row, a in enumerate(artifacts):
            for col, text in enumerate((a.filename, file_size(a.size), a.mime or "file", a.explanation)):
                item = QTableWidgetItem(text)
                if col < 3:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                self.artifacts.setItem(row, col, item)
        self.artifacts.resizeColumnsToContents()
        self.artifacts.blockSignals(False)
        problems = check_journal_entry(self.template.journal, artifacts, not self.not_submitted.isChecked())
        self.findings.setText("<br>".join(f"⚠ {p}" for p in problems))

    # ------------------------------------------------------------ changing
    def _changed(self, *_args: object) -> None:
        """Typed into the entry: into the plan's draft, saved with everything else typed."""
        if self._loading or self.current is None:
            return
        self.ws.draft(self.plan_id).edit_journal(
            self.current.id,
            entry_date=self.date.date() or self.current.entry_date,  # never empty: the field keeps its last day
            title=self.title.text(),
            link=self.link.currentData() or "",
            not_submitted=self.not_submitted.isChecked(),
            body=self.body.toMarkdown().strip() if self.body.toPlainText().strip() else "",
        )

    def new_entry(self, today: dt.date | None = None) -> None:
        entry = self._act(lambda: add_entry(self.ws, self.plan_id, today or self.ws.today()))
        if entry is not None:
            self.reload(entry)
            self.title.setFocus()

    def _act(self, action: Callable[[], T]) -> T | None:
        """A change written at once; why it was not, in a dialog."""
        try:
            return action()
        except UserError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return None

    def delete_entry(self) -> None:
        if self.current is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete entry",
            f"Delete the entry “{self.current.title or 'Untitled'}” "
            "and detach its files? (The files are kept in the data folder's artifacts/removed.)",
        )
        if answer == QMessageBox.StandardButton.Yes:
            entry, self.current = self.current, None
            self._act(lambda: delete_entry(self.ws, self.plan_id, entry.id))
            self.reload()

    def attach(self, paths: list[str] | None = None) -> None:
        if self.current is None:
            return
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, "Attach artifacts")
        problems = attach(self.ws, self.plan_id, self.current.id, [Path(p) for p in paths])
        if problems:
            QMessageBox.warning(self, "Some files were not attached", "\n".join(problems))
        self.reload(self.current.id)

    def _selected_artifact(self) -> int | None:
        item = self.artifacts.item(self.artifacts.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def open_artifact(self) -> None:
        aid = self._selected_artifact()
        artifact = next((a for a in self.current.artifacts if a.id == aid), None) if self.current else None
        if artifact is None:
            return
        path = self.ws.artifact_path(artifact)
        if not path.exists():
            QMessageBox.warning(
                self,
                "File missing",
                f"The copy of {artifact.filename} is no longer in the data "
                "folder. Attach it again, or remove it from the entry.",
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_artifact(self) -> None:
        aid = self._selected_artifact()
        if aid is not None and self.current is not None:
            self._act(lambda: remove_artifact(self.ws, self.plan_id, aid))
            self.reload(self.current.id)

    def _explanation_changed(self, item: QTableWidgetItem) -> None:
        first = self.artifacts.item(item.row(), 0)
        if item.column() == 3 and first is not None:
            artifact_id = first.data(Qt.ItemDataRole.UserRole)
            self._act(lambda: explain_artifact(self.ws, self.plan_id, artifact_id, item.text()))
            if self.current is not None:
                self.reload(self.current.id)
