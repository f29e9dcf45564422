"""One way to ask the user a question with named answers (recovery, unsaved text, a file in use)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


@dataclass(frozen=True)
class Choice:
    label: str  # with its & mnemonic
    answer: str
    role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.ActionRole
    enabled: bool = True


def sentence(text: str) -> str:
    """A message from below ('the data file … is full') as the start of a sentence."""
    return text[:1].upper() + text[1:]


def ask(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, choices: Sequence[Choice], name: str
) -> str:
    """The answer of the button pressed; the first choice is the default; closing the box answers the last."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setObjectName(name)
    answers: dict[QAbstractButton, str] = {}
    for choice in choices:
        button = box.addButton(choice.label, choice.role)
        button.setEnabled(choice.enabled)
        answers[button] = choice.answer
        if len(answers) == 1:
            box.setDefaultButton(button)
    box.exec()
    return answers.get(box.clickedButton(), choices[-1].answer)
