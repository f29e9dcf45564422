"""Changed on two computers: both versions side by side, with who wrote each and when; the user chooses.

Answers, journal entries and outcome rows alike (a deletion on one computer against an edit on the other too).
"""

from __future__ import annotations

import datetime as dt
import json

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
from ilp_desktop.model.plan import Conflict
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


def conflict_title(template: Template, c: Conflict) -> str:
    if c.kind == "answer":
        return answer_label(template, c.key)
    if c.kind == "journal":
        entry = json.loads(c.local or c.remote)
        return f"Journal entry of {entry['entry_date']}: {entry['title'] or '(no title)'}"
    where = json.loads(c.key)
    return f"Target of {where[0]}" if c.kind == "target" else f"Outcome data of {where[0]}: {where[1]}"


def version_text(c: Conflict, text: str) -> str:
    """A version as the user reads it (entries and rows are kept as JSON)."""
    if c.kind == "answer":
        return text
    if not text:
        return "(deleted)"
    content = json.loads(text)
    if c.kind == "journal":
        return f"{content['entry_date']} – {content['title']}\n\n{content['body']}" + (
            f"\n\nLink: {content['link']}" if content.get("link") else ""
        )
    return ", ".join(f"{k}: {'' if v is None else v}" for k, v in content.items())


def heading(title: str, who: str, at: str) -> str:
    """'Now in the plan – the teacher's laptop, 23 Nov 2026 10:42' (the time in this computer's zone)."""
    try:
        when = dt.datetime.fromisoformat(at).astimezone().strftime("%d %b %Y %H:%M")
    except ValueError:
        when = ""
    detail = ", ".join(x for x in (who, when) if x)
    return f"{title} – {detail}" if detail else title


class ConflictDialog(Dialog):
    def __init__(self, ws: Workspace, plan_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        template = ws.template(ws.plan(plan_id))
        self.setWindowTitle("Changed on two computers")
        inner = QWidget()
        layout = QVBoxLayout(inner)
        intro = QLabel(
            "These were changed on this computer and on another one. Both versions are kept until you choose; "
            "the plan holds the later one meanwhile. Nothing is lost either way (the other stays in the history)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.rows = []
        for c in ws.conflicts(plan_id):
            title = conflict_title(template, c)
            box = QGroupBox(title)
            grid = QGridLayout(box)
            sides = (
                (heading("Now in the plan", c.local_who, c.local_at), c.local),
                (heading("The other version", c.remote_who, c.remote_at), c.remote),
            )
            for col, (side, text) in enumerate(sides):
                label = QLabel(side)
                label.setWordWrap(True)
                label.setStyleSheet("font-weight: bold")
                grid.addWidget(label, 0, col)
                view = QPlainTextEdit(version_text(c, text), readOnly=True)
                view.setAccessibleName(f"{title}: {side}")
                grid.addWidget(view, 1, col)
                choose = QPushButton("Keep this" if col == 0 else "Take this")
                choose.setAccessibleName(f"{'Keep' if col == 0 else 'Take'} {side.lower()} of {title}")
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
        box.setTitle(box.title() + (" – took the other version" if take_remote else " – kept the version in the plan"))
