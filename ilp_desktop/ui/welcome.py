"""The first screen of an empty data folder."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    new_plan = Signal()
    load_samples = Signal()

    def __init__(self, data_file: str):
        super().__init__()
        intro = QLabel(
            "<h1>Welcome to ILP Desktop</h1>"
            "<p>Write Individual Learning Plans with your coach, step by step, with no network needed. "
            "Every word is saved on this computer as you type.</p>"
            f"<p><small>Your plans are kept in {data_file}</small></p>")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        start = QPushButton("Start a &new ILP")
        samples = QPushButton("&Load sample plans to explore")
        start.clicked.connect(self.new_plan.emit)
        samples.clicked.connect(self.load_samples.emit)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(intro)
        for b in (start, samples):
            b.setMinimumHeight(b.sizeHint().height() * 3 // 2)
            layout.addWidget(b)
        layout.addStretch()
        layout.setContentsMargins(80, 40, 80, 40)
        start.setDefault(True)
