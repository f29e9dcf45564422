"""Printing from the app: the export dialog, batch export with cancel, signatures that lock and amend."""

import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QProgressDialog
from wizard_driver import TODAY, answer, choose, click, close_window, open_window, type_into

from ilp_desktop.app.data import clear_previews
from ilp_desktop.samples import load_samples
from ilp_desktop.ui.export_dialog import BatchExportDialog, ExportDialog
from ilp_desktop.ui.preview import PdfPreview
from ilp_desktop.ui.sign_dialog import SignDialog


@pytest.fixture
def window(qtbot, data_dir, monkeypatch):
    monkeypatch.setattr(ExportDialog, "offer_to_open", staticmethod(lambda *args: None))
    w = open_window(data_dir)
    load_samples(w.ws.store, w.catalog, TODAY)
    w.show_home()
    yield w
    close_window(w)


def plan_in_stage(window, stage):
    return next(p for p in window.ws.store.plans() if p.stage == stage)


def test_export_dialog_writes_the_pdf_and_remembers_folder_and_paper(window, tmp_path):
    plan = plan_in_stage(window, "final_signed")
    window.open_plan(plan.id)
    dialog = ExportDialog(window.ws, plan.id, window.settings, window)
    assert dialog.part.currentData() == "final", "a finished plan offers its Final ILP first"
    assert dialog.readiness.text() == "✓ Every required item of this part is answered."
    drafting = ExportDialog(window.ws, plan_in_stage(window, "drafting").id, window.settings, window)
    assert drafting.readiness.text().startswith("⚠") and "the paper says DRAFT" in drafting.readiness.text()
    choose(dialog.paper, "A4")
    dialog.path.selectAll()
    type_into(dialog.path, str(tmp_path / "Marcus final.pdf"))
    click(dialog.export_button)
    assert (tmp_path / "Marcus final.pdf").exists()
    assert round(float(PdfReader(tmp_path / "Marcus final.pdf").pages[0].mediabox.height)) == 842
    assert window.ws.store.print_records(plan.id)[-1].fingerprint == dialog.exported.fingerprint
    again = ExportDialog(window.ws, plan.id, window.settings, window)
    assert Path(again.path.text()).parent == tmp_path and again.paper.currentData() == "a4"


def test_batch_export_with_progress_can_be_cancelled(qtbot, window, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: said.append(args[2]))
    dialog = BatchExportDialog(window.ws, window.settings, window)
    dialog.folder.setText(str(tmp_path))
    dialog.run()
    everyone = len(window.ws.store.plans())
    assert len(list(tmp_path.glob("*.pdf"))) == everyone >= 15
    assert said[-1].startswith(f"{everyone} of {everyone} plans exported")

    out = tmp_path / "partial"
    out.mkdir()
    dialog = BatchExportDialog(window.ws, window.settings, window)
    dialog.folder.setText(str(out))
    where = cancel_during_write(qtbot, dialog, monkeypatch, call=4)
    dialog.run()
    assert where == [False] * 4, "every plan laid out off the UI thread"
    written = sorted(out.iterdir())
    assert len(written) == 3 and all(p.suffix == ".pdf" for p in written), "no half-written fourth file"
    assert all(len(PdfReader(p).pages) >= 1 for p in written)
    assert "3 of" in said[-1] and "Cancelled; the files already written are complete" in said[-1]


def cancel_during_write(qtbot, dialog, monkeypatch, call: int) -> list[bool]:
    """Press Escape on the progress bar while the `call`th PDF is being laid out; whether each layout ran on
    the UI thread."""
    import threading
    import time

    from PySide6.QtCore import Qt, QTimer

    from ilp_desktop.app.printing import PrintJob
    from ilp_desktop.ui.background import TICK_SECONDS

    real, calls = PrintJob.write, []
    laying_out, cancelled = threading.Event(), threading.Event()

    def write(job, report=None):
        calls.append(threading.current_thread() is threading.main_thread())
        if len(calls) == call:
            laying_out.set()
            cancelled.wait(10)  # the layout goes on after the user pressed Cancel, and stops at its next report
            time.sleep(4 * TICK_SECONDS)  # once the window has passed the cancel on (it looks every tick)
        return real(job, report)

    def press_cancel():
        bars = [b for b in dialog.findChildren(QProgressDialog) if b.isVisible()]
        if laying_out.is_set() and bars:
            qtbot.keyClick(bars[0], Qt.Key.Key_Escape)
            cancelled.set()
            timer.stop()

    monkeypatch.setattr(PrintJob, "write", write)
    timer = QTimer(dialog)
    timer.timeout.connect(press_cancel)
    timer.start(10)
    return calls


def test_a_long_export_can_be_cancelled_and_leaves_no_file(qtbot, window, tmp_path, monkeypatch):
    plan = plan_in_stage(window, "final_signed")
    dialog = ExportDialog(window.ws, plan.id, window.settings, window)
    out = tmp_path / "out"
    out.mkdir()
    dialog.path.setText(str(out / "plan.pdf"))
    where = cancel_during_write(qtbot, dialog, monkeypatch, call=1)
    click(dialog.export_button)
    assert where == [False]
    assert dialog.exported is None and list(out.iterdir()) == [], "no PDF, no temporary file"
    assert window.ws.store.print_records(plan.id) == [], "nothing printed, nothing recorded"


def test_opening_the_export_dialog_leaves_reportlab_to_a_worker(qtbot, window, monkeypatch):
    import subprocess
    import sys
    import threading

    from ilp_desktop.ui import export_dialog

    imported = subprocess.run(
        [sys.executable, "-c", "import sys, ilp_desktop.ui.export_dialog; print('reportlab' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert imported.strip() == "False"
    on_ui_thread = []
    real = export_dialog.missing_characters

    def watched(printed):
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real(printed)

    monkeypatch.setattr(export_dialog, "missing_characters", watched)
    dialog = ExportDialog(window.ws, plan_in_stage(window, "final_signed").id, window.settings, window)
    qtbot.waitUntil(lambda: dialog.checked_part == "final")
    assert on_ui_thread == [False]


def test_signature_locks_the_cells_and_later_edits_print_as_amendments(window, tmp_path, monkeypatch):
    plan = plan_in_stage(window, "initial_ready")
    window.open_plan(plan.id)
    editor = window.editor
    first = export_dialog_export(window, plan.id, "initial", tmp_path / "signed.pdf")
    monkeypatch.setattr(SignDialog, "exec", lambda self: sign_all_roles(self) or True)
    click(editor.sign_button)
    assert editor.stage.currentData() == "initial_signed", "all three signed: the Initial ILP counts as signed"
    editor.go_to(editor._page_index("growth-goal"), confirm=False)
    goal = answer(window, "goal")
    assert goal.isReadOnly() and editor.current.lock_banner.isVisible()
    assert "Locked: this part was signed on 2026-11-22" in editor.current.lock_text.text()
    editor.go_to(editor._page_index("timeline"), confirm=False)
    assert not editor.current.lock_banner.isVisible(), "the Final ILP's own cells stay open"

    editor.go_to(editor._page_index("growth-goal"), confirm=False)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: QMessageBox.StandardButton.Yes)
    click(editor.current.amend_button)
    goal = answer(window, "goal")
    assert not goal.isReadOnly()
    goal.moveCursor(QTextCursor.MoveOperation.End)
    type_into(goal, " Amended in December.")
    editor.save_now()
    second = export_dialog_export(window, plan.id, "initial", tmp_path / "amended.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "amended.pdf").pages)
    text = " ".join(text.split())
    assert second != first
    assert "Amended after signature: the version signed on 2026-11-22 by" in text
    assert f"has fingerprint {first}" in text and "Amended since: Cell 2 – Professional Growth Goal." in text
    history = [h.value for h in window.ws.store.history(plan.id, "goal")]
    assert history[0].endswith("Amended in December.")
    assert history[1] + " Amended in December." == history[0], "the signed wording stays in the history"


def sign_all_roles(dialog: SignDialog) -> None:
    for i in range(dialog.role.count()):
        dialog.role.setCurrentIndex(i)
        dialog.accept()  # "Record signature"


def export_dialog_export(window, plan_id, part, target) -> str:
    dialog = ExportDialog(window.ws, plan_id, window.settings, window)
    dialog.part.setCurrentIndex(dialog.part.findData(part))
    dialog.path.setText(str(target))
    click(dialog.export_button)
    return dialog.exported.fingerprint


def test_export_to_a_missing_folder_says_so(window, tmp_path, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    plan = plan_in_stage(window, "drafting")
    dialog = ExportDialog(window.ws, plan.id, window.settings, window)
    dialog.path.setText(str(tmp_path / "no such folder" / "x.pdf"))
    click(dialog.export_button)
    assert dialog.exported is None and "does not exist" in warned[0]
    assert window.ws.store.print_records(plan.id) == []


def test_preview_shows_the_real_pages_and_printing_records_the_version(window, monkeypatch, tmp_path):
    plan = plan_in_stage(window, "final_signed")
    dialog = ExportDialog(window.ws, plan.id, window.settings, window)
    shown = {}

    def look(self):
        """What the user sees, then "Print…" to a printer that writes a PDF file."""
        self.show()  # the pages are drawn as wide as the dialog once shown, in a worker thread
        deadline = time.monotonic() + 30
        while self.rendering and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        shown["labels"] = [w.accessibleName() for w in self.findChildren(QLabel) if not w.pixmap().isNull()]
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        self.print_to(printer)
        self.on_printed()
        return 0

    monkeypatch.setattr(PdfPreview, "exec", look)
    assert window.ws.store.print_records(plan.id) == []
    click(dialog.preview_button)
    pages = len(PdfReader(tmp_path / "printed.pdf").pages)
    assert shown["labels"] == [f"Page {i} of {pages}" for i in range(1, pages + 1)]
    (record,) = window.ws.store.print_records(plan.id)
    assert record.part == "final" and record.fingerprint
    previews = window.ws.folder / "previews"
    assert previews.is_dir() and list(previews.iterdir()) == [], "the preview is not kept, and never in /tmp"
    (previews / "plan-1-left-by-a-crash.pdf").write_bytes(b"%PDF")
    clear_previews(window.ws.folder)  # what every start does
    assert list(previews.iterdir()) == []


def test_the_pdf_is_laid_out_off_the_ui_thread(window, tmp_path, monkeypatch):
    import threading

    from ilp_desktop.app.printing import PrintJob

    plan = plan_in_stage(window, "final_signed")
    on_ui_thread = []
    real = PrintJob.write

    def watched(job, report=None):
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real(job, report)

    monkeypatch.setattr(PrintJob, "write", watched)
    dialog = ExportDialog(window.ws, plan.id, window.settings, window)
    dialog.path.setText(str(tmp_path / "plan.pdf"))
    click(dialog.export_button)
    assert on_ui_thread == [False] and PdfReader(tmp_path / "plan.pdf").pages
    assert window.ws.store.print_records(plan.id)[-1].fingerprint == dialog.exported.fingerprint
