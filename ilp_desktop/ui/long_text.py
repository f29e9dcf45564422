"""Text boxes that lay out any text in time linear in its length.

Qt's default wrapping (at a word boundary, or anywhere when a word is longer than the line) searches ahead for a
boundary on every line, so one unbroken run of 100,000 characters takes 1.5 s to lay out and 1,000,000 over two
minutes, freezing the window. Breaking anywhere is linear (0.8 s for 1,000,000); it is used only while the text
holds such a run, so ordinary text keeps its words whole.
"""

from __future__ import annotations

from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

LONG_RUN = 10_000  # an unbroken run this long lays out in ~15 ms with word wrapping


def has_long_run(text: str) -> bool:
    return len(text) > LONG_RUN and any(len(word) > LONG_RUN for word in text.split())


def wrap_for(edit: QTextEdit | QPlainTextEdit, text: str) -> None:
    """Choose the wrap mode for text about to be shown or just typed in edit."""
    mode = (
        QTextOption.WrapMode.WrapAnywhere if has_long_run(text) else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    )
    if edit.wordWrapMode() != mode:
        edit.setWordWrapMode(mode)


def keep_wrapped(edit: QTextEdit | QPlainTextEdit) -> None:
    """Re-choose the wrap mode as text is typed or pasted, looking again only after the length moved by a
    thousand characters, so a keystroke in a long answer does not scan it."""
    checked = [0]

    def changed() -> None:
        # The document's own count (its closing paragraph separator aside): copying the text out to measure it
        # would be a second copy of a long answer per keystroke, beside the one the draft takes.
        length = edit.document().characterCount() - 1
        if abs(length - checked[0]) > 1000 or (length <= LONG_RUN) != (checked[0] <= LONG_RUN):
            checked[0] = length
            wrap_for(edit, edit.toPlainText())

    edit.textChanged.connect(changed)


def fill(edit: QTextEdit | QPlainTextEdit, text: str, markdown: bool = False) -> None:
    """Show text in edit, wrapped so that it lays out quickly whatever its shape."""
    wrap_for(edit, text)
    if markdown and isinstance(edit, QTextEdit):
        edit.setMarkdown(text)
    else:
        edit.setPlainText(text)
