"""The program leader's roll-up window: folders of coaches' bundles (or sync or data folders) gathered read-only,
totals by program, school and coach, one line per teacher with dates and statuses only, and the CTC evidence
exported as CSV, XLSX or a printable summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.app.rollup import Rollup
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.export.ctc_report import write_csv, write_summary_pdf, write_xlsx
from ilp_desktop.model.errors import UserError
from ilp_desktop.model.rollup import TOTAL_HEADINGS, RollupRow, totals
from ilp_desktop.ui.fit import Dialog
from ilp_desktop.ui.hours_week import read_only_table, show_lines

SOURCES_KEY = "leader/sources"
PLAN_HEADINGS = ("Teacher", "Program", "School", "Coach", "Status", "Mentor match", "ILP goals", "Hours", "Released")


def plan_line(r: RollupRow) -> list[str]:
    """What the leader sees of one plan: dates and statuses in words, and only the notes released to them."""
    clocks = [c.describe() for c in r.clocks] + [""] * (2 - len(r.clocks))
    released = " · ".join(f"{day.isoformat()}: {note}" for day, note in r.facts.released)
    return [
        r.facts.teacher,
        r.program_title,
        r.facts.school,
        r.facts.coach,
        ("✕ " if r.overdue else "") + r.status,
        *clocks,
        r.ledger.describe() if r.ledger else "",
        released,
    ]


class LeaderView(Dialog):
    def __init__(self, ws: Workspace, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.settings = ws, settings
        self.setWindowTitle("Program leader – roll-up of coaches' plans (read-only)")
        saved = settings.value(SOURCES_KEY, []) or []
        self.rollup = Rollup(
            ws.catalog,
            [Path(str(s)) for s in (saved if isinstance(saved, list) else [saved])],
            ws.today(),
            ws.district_calendar.breaks,
        )
        self.rows: list[RollupRow] = []

        intro = QLabel(
            "Add the folders where coaches' plans arrive (exchange files, sync folders or data folders). They are "
            "read, never changed; only dates and statuses are shown, and notes a plan's owner released."
        )
        intro.setWordWrap(True)
        self.sources = QListWidget()
        self.sources.setAccessibleName("Folders read")
        self.sources.setMaximumHeight(80)
        add = QPushButton("&Add folder…")
        add.clicked.connect(self.choose_folder)
        remove = QPushButton("Re&move folder")
        remove.clicked.connect(self.remove_folder)
        refresh = QPushButton("&Refresh")
        refresh.clicked.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.totals = read_only_table(TOTAL_HEADINGS, "Totals by program, school and coach")
        self.plans = read_only_table(PLAN_HEADINGS, "Plans")
        csv_button = QPushButton("Export &CSV…")
        csv_button.clicked.connect(lambda: self.export("csv"))
        xlsx_button = QPushButton("Export &XLSX…")
        xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        pdf_button = QPushButton("&Printable summary (PDF)…")
        pdf_button.clicked.connect(lambda: self.export("pdf"))
        close = QPushButton("Close")
        close.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.sources, 1)
        buttons = QVBoxLayout()
        for b in (add, remove, refresh):
            buttons.addWidget(b)
        row.addLayout(buttons)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.totals)
        split.addWidget(self.plans)
        layout.addWidget(split, 1)
        bottom = QHBoxLayout()
        for b in (csv_button, xlsx_button, pdf_button):
            bottom.addWidget(b)
        bottom.addStretch()
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.resize(1200, 700)
        self.refresh()

    def add_source(self, folder: Path) -> None:
        if folder not in self.rollup.sources:
            self.rollup.sources.append(folder)
            self.settings.setValue(SOURCES_KEY, [str(s) for s in self.rollup.sources])
        self.refresh()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder of coaches' plans")
        if folder:
            self.add_source(Path(folder))

    def remove_folder(self) -> None:
        row = self.sources.currentRow()
        if 0 <= row < len(self.rollup.sources):
            del self.rollup.sources[row]
            self.settings.setValue(SOURCES_KEY, [str(s) for s in self.rollup.sources])
            self.refresh()

    def refresh(self) -> None:
        self.rollup.today = self.ws.today()
        rows = self.rollup.refresh()
        self.sources.clear()
        self.sources.addItems([str(s) for s in self.rollup.sources])
        problems = self.rollup.problems
        self.summary.setText(
            f"<b>{len(rows)} plans</b> from {len(self.rollup.sources)} folder{'' if len(self.rollup.sources) == 1 else 's'}"
            + (f"; {len(problems)} files left out: " + "; ".join(problems[:5]) if problems else "")
        )
        if rows == self.rows and self.plans.rowCount() == len(rows):
            return  # nothing changed: the tables stand (refilling 500 lines takes longer than reading the files)
        self.rows = rows
        show_lines(self.totals, [t.cells() for t in totals(rows)])
        show_lines(self.plans, [plan_line(r) for r in rows])

    def export(self, kind: str) -> None:
        names = {"csv": "CSV (*.csv)", "xlsx": "Excel workbook (*.xlsx)", "pdf": "PDF (*.pdf)"}
        target, _ = QFileDialog.getSaveFileName(self, "Export the CTC evidence", f"ctc-evidence.{kind}", names[kind])
        if target:
            self.write(kind, Path(target))

    def write(self, kind: str, target: Path) -> Path | None:
        try:
            if kind == "csv":
                return write_csv(self.rows, target)
            if kind == "xlsx":
                return write_xlsx(self.rows, target)
            return write_summary_pdf(self.rows, target, self.ws.today())
        except UserError as exc:
            self.summary.setText(f"⚠ Not written: {exc}")
            return None
