"""The ILP as it fills in: every cell with its current answers, the cells of this step marked."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser

from ilp_desktop.model.document import Entry, cell_blocks
from ilp_desktop.model.resources import ResourceSet
from ilp_desktop.model.template import Template
from ilp_desktop.model.values import Values

PREVIEW_CHARS = 600  # a pasted book would make the side panel useless; the full text is in the field


class CellsView(QTextBrowser):
    def __init__(self, template: Template, resources: ResourceSet):
        super().__init__()
        self.template, self.resources = template, resources
        self.setAccessibleName("The plan so far")
        self.setOpenLinks(False)
        self._shown_for: tuple[str, ...] | None = None

    def show_plan(self, values: Values, current: tuple[str, ...]) -> None:
        parts = [f"<h3>{escape(self.template.title)}</h3>"]
        for cell in self.template.cells:
            now = cell.key in current
            marker = "<a name='now'></a>▶ Now filling: " if now else ""
            parts.append(f"<p><b>{marker}{escape(cell.heading)}</b></p>")
            body = []
            for block in cell_blocks(cell, self.template, self.resources, values):
                pairs = (
                    [(block.label, block.text)]
                    if isinstance(block, Entry)
                    else [
                        (f"{row[0]} – {column}", text)
                        for row in block.rows
                        for column, text in zip(block.columns[1:], row[1:], strict=False)
                    ]
                    + [(result.label, result.text) for result in block.after]
                )
                for label, text in pairs:
                    text = text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + " …"
                    shown = escape(text).replace("\n", "<br>") if text else "<i>not answered yet</i>"
                    body.append(f"<li>{escape(label)}: {shown}</li>")
            parts.append(f"<ul>{''.join(body)}</ul>" if body else "")
        scroll = self.verticalScrollBar().value()
        self.setHtml("".join(parts))
        if current != self._shown_for:  # a new step: bring its cells into view; else keep the reader's place
            self._shown_for = current
            if current:
                self.scrollToAnchor("now")
        else:
            self.verticalScrollBar().setValue(scroll)
