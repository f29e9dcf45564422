"""Export / Print: one plan to a PDF, or every plan to a folder with a progress bar."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ilp_desktop.app.printing import (
    FIRST,
    LAST,
    PART_LABELS,
    BatchExport,
    Exported,
    PrintJob,
    describe_missing,
    file_name,
    finish,
    missing_characters,
    part_choices,
    plan_content,
    preview_file,
    print_job,
    record_print,
    still_needed,
    suggested_part,
)
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.errors import UserError
from ilp_desktop.ui import preferences
from ilp_desktop.ui.background import STEPS, Cancelled, cancellable, progress_bar, when_done
from ilp_desktop.ui.fit import Dialog
from ilp_desktop.ui.form_parts import combo, labelled_rows, paper_combo
from ilp_desktop.ui.unsaved import wait_for_save

if TYPE_CHECKING:
    from ilp_desktop.ui.preview import PdfPreview

BATCH_PARTS = (
    (FIRST, "Each plan's first part (e.g. the Initial ILP)"),
    (LAST, "Each plan's complete form (e.g. the Final ILP)"),
    *PART_LABELS.items(),
)


def export_folder(settings: QSettings) -> str:
    return preferences.text(settings, "last_export_dir") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )


def _choices(
    parent_form: QFormLayout, parts: list[tuple[str, str]], settings: QSettings
) -> tuple[QComboBox, QComboBox]:
    part, paper = combo(parts), paper_combo(settings)
    labelled_rows(parent_form, (("&Part", part), ("P&aper", paper)))
    return part, paper


def _path_row(form: QFormLayout, label: str, edit: QLineEdit, browse: Callable[[], None]) -> None:
    """A file or folder path with its Browse… button, labelled for keyboard and screen reader."""
    edit.setAccessibleName(label.replace("&", ""))
    button = QPushButton("&Browse…")
    button.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    form.addRow(label, row)
    caption = form.labelForField(row)
    if isinstance(caption, QLabel):  # addRow made it from the text
        caption.setBuddy(edit)


class ExportDialog(Dialog):
    def __init__(self, ws: Workspace, plan_id: int, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.plan_id, self.settings = ws, plan_id, settings
        self.exported: Exported | None = None
        self.setWindowTitle(f"Export / Print – {ws.plan(plan_id).teacher_name}")
        form = self.scrolled_form()
        self.part, self.paper = _choices(form, part_choices(ws, plan_id), settings)
        self.part.setCurrentIndex(max(0, self.part.findData(suggested_part(ws, plan_id))))
        self.path = QLineEdit(str(Path(export_folder(settings)) / file_name(ws, plan_id, self.part.currentData())))
        self.part.currentIndexChanged.connect(self._rename)
        _path_row(form, "&Save as", self.path, self._browse)
        self.readiness = QLabel()
        self.readiness.setWordWrap(True)
        form.addRow(self.readiness)
        self.missing = QLabel()  # characters no font can draw, named before anyone prints
        self.checked_part: str | None = None  # the part whose characters were checked for a font
        self.missing.setWordWrap(True)
        form.addRow(self.missing)
        self.part.currentIndexChanged.connect(self._readiness)
        self._readiness()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = buttons.addButton("Pre&view and print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = buttons.addButton("&Export PDF", QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.clicked.connect(self.preview)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        self.column.addWidget(buttons)
        self.resize(620, self.sizeHint().height())
        self.preview_window: PdfPreview | None = None

    def _readiness(self) -> None:
        """Say, before anyone signs, what the chosen part still lacks (printing is allowed regardless)."""
        needed = still_needed(self.ws, self.plan_id, self.part.currentData())
        self.readiness.setText(
            ""
            if needed is None
            else "✓ Every required item of this part is answered."
            if not needed
            else f"⚠ {len(needed)} required item{'s' if len(needed) != 1 else ''} still empty – the paper says DRAFT "
            f"and lists them: {'; '.join(needed[:3])}{' …' if len(needed) > 3 else ''}"
        )
        # Which characters no font draws is known once ReportLab has loaded the fonts: worked out in a worker
        # thread, so the dialog opens at once; the answer is shown if the part is still the one chosen.
        part = self.part.currentData()
        self.missing.setVisible(False)
        printed = plan_content(self.ws, self.plan_id, part)
        when_done(self, partial(missing_characters, printed), partial(self._show_missing, part))

    def _show_missing(self, part: str, characters: list[str]) -> None:
        if part != self.part.currentData():
            return
        self.checked_part = part
        missing = describe_missing(characters)
        self.missing.setText(f"⚠ {missing}." if missing else "")
        self.missing.setVisible(bool(missing))

    def _rename(self) -> None:
        current = Path(self.path.text())
        self.path.setText(str(current.parent / file_name(self.ws, self.plan_id, self.part.currentData())))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the PDF as", self.path.text(), "PDF files (*.pdf)")
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")

    def _write(self, target: Path, record: bool) -> Exported | None:
        if not wait_for_save(self, self.ws, self.plan_id, "Printing"):
            return None
        progress = progress_bar(self, "Laying out the PDF…", STEPS)
        progress.setMinimumDuration(300)  # a short plan shows no dialog at all
        try:
            job = print_job(self.ws, self.plan_id, self.part.currentData(), self.paper.currentData(), target)
            # Laying out a long plan takes seconds: off the UI thread, so the window keeps answering.
            written = cancellable(progress, job.write)
            return finish(self.ws, job, written, record)
        except Cancelled:
            return None  # nothing was written; the dialog stays open to export again
        except UserError as exc:
            QMessageBox.warning(self, "Not exported", str(exc))
            return None
        finally:
            progress.close()

    def preview(self) -> None:
        """The real PDF, rendered page by page; printing from it records the printed version."""
        from ilp_desktop.ui.preview import PdfPreview

        part, paper = self.part.currentData(), self.paper.currentData()
        shown = self._write(preview_file(self.ws, self.plan_id), record=False)
        if shown is None:
            return
        self.preview_window = PdfPreview(
            shown.path, self.windowTitle(), lambda: record_print(self.ws, self.plan_id, part, paper, shown), self
        )
        try:
            self.preview_window.exec()
        finally:
            with contextlib.suppress(OSError):  # still open elsewhere (Windows): cleared at the next start
                shown.path.unlink(missing_ok=True)  # printed or not, the preview is not kept

    def export(self) -> None:
        target = Path(self.path.text().strip()).expanduser()
        self.exported = self._write(target, record=True)
        if self.exported is None:
            return
        self.settings.setValue("last_export_dir", str(target.parent))
        self.settings.setValue("paper", self.paper.currentData())
        self.accept()
        self.offer_to_open(self.parentWidget(), target, self.exported.fingerprint)

    @staticmethod
    def offer_to_open(parent: QWidget | None, target: Path, fingerprint: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Exported",
            f"Saved {target}\n\nFingerprint {fingerprint} (printed in the footer of every page, "
            "so the signed paper can be matched to this version).",
            parent=parent,
        )
        open_button = box.addButton("&Open the PDF", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


class BatchExportDialog(Dialog):
    """Every plan to one folder: choose part and paper, then a progress bar that can be cancelled."""

    def __init__(self, ws: Workspace, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.settings = ws, settings
        self.written: list[Path] = []
        self.setWindowTitle("Export all plans")
        form = self.scrolled_form()
        self.part, self.paper = _choices(form, list(BATCH_PARTS), settings)
        self.folder = QLineEdit(export_folder(settings))
        _path_row(form, "&Folder", self.folder, self._browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        self.column.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export into folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def run(self) -> None:
        if not wait_for_save(self, self.ws, None, "Exporting"):
            return
        folder = Path(self.folder.text().strip()).expanduser()
        progress = progress_bar(self, "Exporting plans…", 0)
        handled = 0  # plans done so far: where the bar of the plan being laid out starts

        def write(job: PrintJob) -> Exported:
            return cancellable(progress, job.write, handled * STEPS)

        batch = BatchExport(self.ws, folder, self.part.currentData(), self.paper.currentData(), write)
        total = len(batch.plans)
        progress.setMaximum(max(1, total) * STEPS)
        problems, cancelled = [], False
        try:
            for step in batch:  # each plan is laid out off the UI thread; a cancel stops it before its file
                handled = step.done
                progress.setLabelText(f"Exported {step.plan.teacher_name} ({step.done} of {total})…")
                if step.written is not None:
                    self.written.append(step.written)
                else:
                    problems.append(step.problem)
                progress.setValue(step.done * STEPS)
        except Cancelled:
            cancelled = True
        progress.close()
        self.settings.setValue("last_export_dir", str(folder))
        summary = f"{len(self.written)} of {total} plans exported to {folder}."
        if cancelled:
            summary += " Cancelled; the files already written are complete."
        if problems:
            summary += "\n\nNot exported:\n" + "\n".join(problems[:10])
        QMessageBox.information(self, "Export all plans", summary)
        self.accept()
