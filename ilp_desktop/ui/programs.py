"""The Programs window: the installed programs with their file, version and problems; installing a district's
program file; previewing a program's blank forms and a sample-filled plan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.app.printing import preview_file
from ilp_desktop.app.programs import check_program_file, install_program, unprinted_answers
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.catalog import ProgramFile
from ilp_desktop.model.errors import UserError
from ilp_desktop.ui.fit import Dialog

COLUMNS = ("Program", "Version", "State", "File")


class ProgramsDialog(Dialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Programs")
        intro = QLabel(
            "The programs installed on this computer. A district adds its own program by installing its "
            "program file: it is checked first, then copied into the data folder's forms folder."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Installed programs")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Problems of the chosen program")
        self.details.setTabChangesFocus(True)
        details_label = QLabel("&Problems and warnings of the chosen program:")
        details_label.setBuddy(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.install_button = buttons.addButton("&Install a program file…", QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button = buttons.addButton("Pre&view blank forms…", QDialogButtonBox.ButtonRole.ActionRole)
        self.install_button.clicked.connect(self.choose_and_install)
        self.preview_button.clicked.connect(self.preview)
        self.install_button.setEnabled(not ws.read_only)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.table, 3)
        column.addWidget(details_label)
        column.addWidget(self.details, 2)
        column.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self.show_details)
        self.refresh()
        self.resize(960, 600)  # room for the file names; cut to a smaller screen as it is shown
        self.table.setFocus()

    # ------------------------------------------------------------------ the list
    def refresh(self, chosen: Path | None = None) -> None:
        self.files = list(self.ws.catalog.files)
        self.warnings = unprinted_answers(self.ws)
        self.table.setRowCount(len(self.files))
        for row, f in enumerate(self.files):
            cells = (
                f.template.title if f.template else f.program_id,
                f.template.version if f.template else "–",
                self._state(f),
                f.path.name + (" (comes with the app)" if f.shipped else ""),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(f.path) if col == len(cells) - 1 else text)
                self.table.setItem(row, col, item)
        rows = [i for i, f in enumerate(self.files) if f.path == chosen] or [0]
        if self.files:
            self.table.selectRow(rows[0])
        self.show_details()

    def _state(self, f: ProgramFile) -> str:
        # In words, never by colour alone.
        if f.template is None:
            return f"Left out: {len(f.problems)} problem(s)"
        if self._warnings_of(f):
            return "Ready; answers would not print"
        return "Ready"

    def _warnings_of(self, f: ProgramFile) -> list[str]:
        return [w for w in self.warnings if w.startswith(f"{f.path.name}: ")] if f.template else []

    def chosen(self) -> ProgramFile | None:
        row = self.table.currentRow()
        return self.files[row] if 0 <= row < len(self.files) else None

    def show_details(self) -> None:
        f = self.chosen()
        self.preview_button.setEnabled(f is not None and f.template is not None)
        if f is None:
            self.details.setPlainText("")
            return
        # The file is named once, above its problems; each problem says where in it.
        problems = [f"{p.place}: {p.key}: {p.problem}" if p.place else f"{p.key}: {p.problem}" for p in f.problems]
        lines = problems + self._warnings_of(f)
        self.details.setPlainText(f"File: {f.path}\n\n" + ("\n\n".join(lines) if lines else "No problems."))

    # ------------------------------------------------------------------ actions
    def choose_and_install(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Install a program file", str(Path.home()), "Program files (*.toml);;All files (*)"
        )
        if name:
            self.install(Path(name))

    def install(self, path: Path) -> bool:
        """Check the file, say what it would leave unprinted, then copy it in (False: not installed)."""
        try:
            template, warnings = check_program_file(self.ws, path)
        except UserError as exc:
            self._refused(path, str(exc))
            return False
        if warnings:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Install a program file",
                f"Installing {template.title} would leave answers of existing plans unprinted. Install anyway?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self,
            )
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.setDetailedText("\n\n".join(warnings))
            if box.exec() != QMessageBox.StandardButton.Yes:
                return False
        try:
            target = install_program(self.ws, path)
        except UserError as exc:
            self._refused(path, str(exc))
            return False
        self.refresh(target)
        QMessageBox.information(
            self, "Install a program file", f"{template.title} (version {template.version}) is installed: {target}"
        )
        return True

    def _refused(self, path: Path, problems: str) -> None:
        count = len(problems.splitlines())
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Install a program file",
            f"{path.name} was not installed: {count} problem(s) to fix first. Show Details lists each one "
            "with its line and column.",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setDetailedText(problems)
        box.exec()

    def preview(self) -> None:
        from ilp_desktop.app.preview import write_preview
        from ilp_desktop.ui.preview import PdfPreview

        f = self.chosen()
        if f is None or f.template is None:
            return
        target = preview_file(self.ws, 0)
        try:
            write_preview(f.path, self.ws.catalog, target, today=self.ws.today())
        except UserError as exc:
            QMessageBox.warning(self, "Preview", str(exc))
            return
        try:
            PdfPreview(target, f"{f.template.title} – blank forms and a sample plan", lambda: None, self).exec()
        finally:
            target.unlink(missing_ok=True)
