"""The first screen of an empty data folder: who uses this copy, then a first plan or the samples."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from ilp_desktop.model.catalog import Catalog
from ilp_desktop.ui import preferences
from ilp_desktop.ui.fit import ScrollingPage
from ilp_desktop.ui.form_parts import combo, folder_row, labelled_rows, paper_combo, program_combo


class WelcomePage(ScrollingPage):
    new_plan = Signal()
    load_samples = Signal()
    move_requested = Signal()  # "Change…" the data folder

    def __init__(self, data_folder: Path, catalog: Catalog, settings: QSettings):
        super().__init__()
        self.settings = settings
        intro = QLabel(
            "<h1>Welcome to ILP Desktop</h1>"
            "<p>Write Individual Learning Plans with your coach, step by step, with no network needed. "
            "Every word is saved on this computer as you type. Tell ILP Desktop who you are, so new plans "
            "start filled in; you can change all of this later in Settings.</p>"
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        saved = preferences.profile(settings)
        self.role = combo(preferences.ROLES, saved["role"])
        self.name = QLineEdit(saved["name"])
        self.district = QLineEdit(saved["district"])
        self.school = QLineEdit(saved["school"])
        self.program = program_combo(catalog, preferences.text(settings, "default_program"))
        self.paper = paper_combo(settings)  # guessed from the locale until chosen
        change = QPushButton("Chan&ge…")  # Alt+H is the Help menu
        change.setAccessibleName("Change the data folder")
        change.clicked.connect(self.move_requested.emit)
        folder, self.folder = folder_row(data_folder, change)
        form = QFormLayout()
        labelled_rows(
            form,
            (
                ("I am &a", self.role),
                ("&Your name", self.name),
                ("&District", self.district),
                ("&School", self.school),
                ("&Program", self.program),
                ("Pap&er", self.paper),
                ("Plans are kept in", folder),
            ),
        )
        start = QPushButton("Start a &new ILP")
        samples = QPushButton("&Load sample plans to explore")
        start.clicked.connect(lambda: self._save_then(self.new_plan))
        samples.clicked.connect(lambda: self._save_then(self.load_samples))
        layout = QVBoxLayout(self.content)
        layout.addStretch()
        layout.addWidget(intro)
        layout.addLayout(form)
        for b in (start, samples):
            b.setMinimumHeight(b.sizeHint().height() * 3 // 2)
            layout.addWidget(b)
        layout.addStretch()
        layout.setContentsMargins(80, 40, 80, 40)
        start.setDefault(True)

    def _save_then(self, step: SignalInstance) -> None:
        self._save()
        step.emit()

    def _save(self) -> None:
        preferences.save_profile(
            self.settings,
            self.role.currentData(),
            self.name.text().strip(),
            self.district.text().strip(),
            self.school.text().strip(),
            self.program.currentData() or "",
            self.paper.currentData(),
        )
