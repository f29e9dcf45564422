"""Answers changed on both computers: both wordings side by side, the user chooses."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.app.exchange import resolve_conflict
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.template import Template
from ilp_desktop.ui.fit import Dialog


def answer_label(template: Template, key: str) -> str:
    """'Research source 2 – Why …' for 'sources.2.why'."""
    head, _, rest = key.partition(".")
    try:
        f = template.field(head)
    except StopIteration:
        return key
    if f.type == "group" and rest.count(".") == 1:
        index, sub = rest.split(".")
        return f"{f.item_label} {index} – {next((s.label for s in f.fields if s.id == sub), sub)}"
    return f.label


class ConflictDialog(Dialog):
    def __init__(self, ws: Workspace, plan_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        template = ws.template(ws.plan(plan_id))
        self.setWindowTitle("Changed on both computers")
        inner = QWidget()
        layout = QVBoxLayout(inner)
        intro = QLabel(
            "These answers were changed here and on the other computer. Both wordings are kept "
            "until you choose; nothing is lost either way (the other stays in the history)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.rows = []
        for c in ws.conflicts(plan_id):
            box = QGroupBox(answer_label(template, c.key))
            grid = QGridLayout(box)
            for col, (title, text) in enumerate((("On this computer", c.local), ("From the other computer", c.remote))):
                grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
                view = QPlainTextEdit(text, readOnly=True)
                view.setAccessibleName(f"{answer_label(template, c.key)}: {title}")
                grid.addWidget(view, 1, col)
                choose = QPushButton("Keep this" if col == 0 else "Take this")
                choose.clicked.connect(lambda _=False, cid=c.id, remote=col == 1, b=box: self.choose(cid, remote, b))
                grid.addWidget(choose, 2, col)
            layout.addWidget(box)
            self.rows.append((c.id, box))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(buttons)
        self.resize(900, 600)

    def choose(self, conflict_id: int, take_remote: bool, box: QGroupBox) -> None:
        resolve_conflict(self.ws, conflict_id, take_remote)
        box.setEnabled(False)
        box.setTitle(box.title() + (" – took the other computer's" if take_remote else " – kept this computer's"))
