"""The conversation's step list: one line per page, a self-assessment's domains indented under their step.

The indent is the item's, not spaces in its text: a long domain name wraps onto lines that keep it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyledItemDelegate, QStyleOptionViewItem, QWidget

INDENTED = Qt.ItemDataRole.UserRole + 1  # whether the item is indented under the step before it
INDENT_CHARACTERS = 3


class _IndentingDelegate(QStyledItemDelegate):
    def __init__(self, view: QWidget):
        super().__init__(view)
        self.view = view  # the indent follows its text size

    def _indent(self, index: QModelIndex | QPersistentModelIndex) -> int:
        return self.view.fontMetrics().averageCharWidth() * INDENT_CHARACTERS if index.data(INDENTED) else 0

    def _inset(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QStyleOptionViewItem:
        inset = QStyleOptionViewItem(option)
        inset.rect = option.rect.adjusted(self._indent(index), 0, 0, 0)
        return inset

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, self._inset(option, index), index)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(self._inset(option, index), index)  # wrapped to the room after the indent
        return QSize(hint.width() + self._indent(index), hint.height())


class StepList(QListWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setItemDelegate(_IndentingDelegate(self))

    def add_step(self, title: str, indented: bool) -> QListWidgetItem:
        item = QListWidgetItem(title)
        item.setData(INDENTED, indented)
        self.addItem(item)
        return item
