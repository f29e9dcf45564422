"""Input widgets generated from a template's field declarations.

Each answer key gets one editor. Editors write to the PlanSession on every
user change and re-read it on refresh() (a restored wording, a dependency that
changed). Text editors keep Qt's own per-field undo/redo (Ctrl+Z, Ctrl+Y).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.app.editing import Draft
from ilp_desktop.model.continuum import lowest
from ilp_desktop.model.document import item_title
from ilp_desktop.model.resources import ResourceSet
from ilp_desktop.model.template import Field, Template
from ilp_desktop.model.values import (
    checklist_ids,
    choices,
    format_range,
    group_count,
    item_key,
    item_limit,
    parse_date,
    parse_range,
)
from ilp_desktop.ui.date_input import DateInput
from ilp_desktop.ui.form_parts import combo, number_validator
from ilp_desktop.ui.long_text import fill, keep_wrapped

W = TypeVar("W", bound=QWidget)

HISTORY_KEYS = "Ctrl+H"  # the earlier wordings of the answer being typed
ARROW_STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}


@dataclass
class FieldContext:
    draft: Draft
    template: Template
    resources: ResourceSet
    show_history: Callable[[str, str], None]  # (key, label) → the earlier-wordings dialog


class Editor(QWidget):
    """Base: one answer key, read from and written to the plan's draft."""

    focused_key = Signal(str)

    def __init__(self, field: Field, key: str, ctx: FieldContext, name: str = ""):
        super().__init__()
        self.field, self.key, self.ctx = field, key, ctx
        self.name = name or field.label  # what assistive technology announces
        self._loading = False

    def write(self, value: str) -> None:
        if not self._loading:
            self.ctx.draft.set(self.key, value)

    def refresh(self) -> None:
        self._loading = True
        try:
            self.load(self.ctx.draft.get(self.key))
        finally:
            self._loading = False

    def load(self, value: str) -> None:
        raise NotImplementedError

    def input_widgets(self) -> Sequence[QWidget]:
        """The focusable widgets in tab order (for keyboard use and restoring focus)."""
        raise NotImplementedError

    def _date_input(self, name: str, opens_on: Callable[[], dt.date] | None = None) -> DateInput:
        """A date answer's input, named for screen readers; its calendar opens on today when it is empty."""
        date = DateInput(opens_on=opens_on or self.ctx.draft.ws.today, description=self.field.help)
        self._named(date.edit, name)
        return date

    def _named(self, widget: W, name: str = "") -> W:
        widget.setAccessibleName(name or self.name)
        if self.field.help:
            widget.setAccessibleDescription(self.field.help)
        widget.setProperty("answer_key", self.key)
        return widget


class LineEditor(Editor):
    def __init__(self, field: Field, key: str, ctx: FieldContext, name: str = ""):
        super().__init__(field, key, ctx, name)
        self.edit = self._named(QLineEdit())
        if field.type == "number":
            self.edit.setValidator(number_validator(self.edit))
            self.edit.setMaximumWidth(160)
        self.edit.textChanged.connect(self.write)
        _layout(self, QHBoxLayout, [self.edit])

    def load(self, value: str) -> None:
        if self.edit.text() != value:
            self.edit.setText(value)

    def input_widgets(self) -> Sequence[QWidget]:
        return [self.edit]


class AnswerBox(QPlainTextEdit):
    """A long answer's box, asking for five lines (Qt asks for 192 pixels whatever the text size): the coach's
    script and the answer under it fit on a 1366×768 screen; it grows into any room the page has."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.fontMetrics().lineSpacing() * 5 + 12)


class LongTextEditor(Editor):
    def __init__(self, field: Field, key: str, ctx: FieldContext, name: str = ""):
        super().__init__(field, key, ctx, name)
        self.edit = self._named(AnswerBox())
        self.edit.setTabChangesFocus(True)  # Tab moves on; keyboard users are never trapped
        self.edit.setMinimumHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
        keep_wrapped(self.edit)
        self.edit.textChanged.connect(lambda: self.write(self.edit.toPlainText()))
        _layout(self, QHBoxLayout, [self.edit])

    def load(self, value: str) -> None:
        if self.edit.toPlainText() != value:
            fill(self.edit, value)

    def input_widgets(self) -> Sequence[QWidget]:
        return [self.edit]


class ChoiceEditor(Editor):
    PLACEHOLDER = "— choose —"

    def __init__(self, field: Field, key: str, ctx: FieldContext, name: str = ""):
        super().__init__(field, key, ctx, name)
        self.combo = self._named(combo())
        self.combo.currentIndexChanged.connect(lambda _: self.write(self.combo.currentData() or ""))
        # The continuum's lowest-rated elements, offered as one-click choices (`suggest_from`).
        self.suggested = QWidget()
        self.suggested_row = QHBoxLayout(self.suggested)
        self.suggested_row.setContentsMargins(0, 0, 0, 0)
        self.suggested.setVisible(bool(field.suggest_from))
        _layout(self, QVBoxLayout, [self.suggested, self.combo])

    def _suggest(self) -> None:
        source = self.ctx.template.field(self.field.suggest_from) if self.field.suggest_from else None
        if source is None:
            return
        while (item := self.suggested_row.takeAt(0)) is not None:
            if (w := item.widget()) is not None:
                w.deleteLater()
        low = lowest(source, self.ctx.resources, self.ctx.draft.values)
        self.suggested_row.addWidget(QLabel("Rated lowest on the Continuum:" if low else "No Continuum ratings yet."))
        for key, level in low:
            button = QPushButton(f"{key} ({level})")
            button.setAccessibleName(f"Choose {key}, rated {level}")
            button.clicked.connect(lambda _c=False, k=key: self.combo.setCurrentIndex(self.combo.findData(k)))
            self.suggested_row.addWidget(button)
        self.suggested_row.addStretch()

    def load(self, value: str) -> None:
        self._suggest()
        self.combo.clear()
        self.combo.addItem(self.PLACEHOLDER, "")
        group = None
        for c in choices(self.field, self.ctx.template, self.ctx.resources, self.ctx.draft.values):
            if c.group and c.group != group:
                self.combo.insertSeparator(self.combo.count())
                self.combo.addItem(c.group, None)
                model = self.combo.model()
                if isinstance(model, QStandardItemModel):  # the combo box's own model, never replaced
                    model.item(self.combo.count() - 1).setEnabled(False)
                group = c.group
            self.combo.addItem(c.label, c.id)
            self.combo.setItemData(self.combo.count() - 1, c.label, Qt.ItemDataRole.ToolTipRole)
        index = self.combo.findData(value) if value else 0
        if index < 0:  # an answer that no longer fits the earlier choice stays visible until changed
            self.combo.addItem(f"{value} (no longer in the list)", value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def input_widgets(self) -> Sequence[QWidget]:
        return [self.combo]


class RatingEditor(Editor):
    """A rating scale as radio buttons: every level visible, chosen with arrow keys (Qt's own arrows only move
    the focus while no level is chosen yet, and Space was needed)."""

    def __init__(self, field: Field, key: str, ctx: FieldContext, name: str = ""):
        super().__init__(field, key, ctx, name)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        self.meanings: dict[str, str] = {}
        for c in choices(field, ctx.template, ctx.resources, ctx.draft.values):
            button = self._named(QRadioButton(c.label), f"{self.name}: {c.label}")
            button.setProperty("choice", c.id)
            if c.meaning:
                button.setToolTip(c.meaning)
                button.setAccessibleDescription(c.meaning)
                self.meanings[c.id] = f"{c.label}: {c.meaning}"
            button.installEventFilter(self)
            self.group.addButton(button)
            self.buttons.append(button)
        # buttonClicked, not buttonToggled: user choices only (arrow keys click too), and the
        # (button, bool) signal trips a reference-count bug in some PySide6 releases.
        self.group.buttonClicked.connect(self._chosen)
        # The chosen level's meaning in words under the scale (every level's meaning is its tooltip).
        self.meaning = _note("")
        self.meaning.setTextFormat(Qt.TextFormat.PlainText)
        scale = QWidget()
        _layout(scale, QHBoxLayout, self.buttons).addStretch()
        _layout(self, QVBoxLayout, [scale, self.meaning])
        self.meaning.setVisible(bool(self.meanings))

    def _chosen(self, button: QRadioButton) -> None:
        self.write(button.property("choice"))
        self._show_meaning(button.property("choice"))

    def _show_meaning(self, chosen: str) -> None:
        self.meaning.setText(
            self.meanings.get(chosen) or "Not rated yet: ← and → choose a level; its meaning shows here."
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        step = ARROW_STEPS.get(Qt.Key(event.key())) if isinstance(event, QKeyEvent) and pressed else None
        if step is not None and watched in self.buttons:
            index = self.buttons.index(watched) + step
            if 0 <= index < len(self.buttons):
                self.buttons[index].setFocus(Qt.FocusReason.TabFocusReason)
                self.buttons[index].click()
            return True
        return super().eventFilter(watched, event)

    def load(self, value: str) -> None:
        for b in self.buttons:
            b.setChecked(b.property("choice") == value)
        self._show_meaning(value)

    def input_widgets(self) -> Sequence[QWidget]:
        return self.buttons


class DateEditor(Editor):
    def __init__(self, field: Field, key: str, ctx: FieldContext, name: str = ""):
        super().__init__(field, key, ctx, name)
        self.date = self._date_input(self.name)
        self.date.date_edited.connect(lambda day: self.write(day.isoformat() if day else ""))
        _layout(self, QHBoxLayout, [self.date])

    def load(self, value: str) -> None:
        _show_stored(self.date, parse_date(value))

    def input_widgets(self) -> Sequence[QWidget]:
        return [self.date.edit]


class DateRangeEditor(Editor):
    def __init__(self, field: Field, key: str, ctx: FieldContext, name: str = ""):
        super().__init__(field, key, ctx, name)
        self.start = self._date_input(f"{self.name}: start date")
        # An empty end date's calendar opens where the range starts.
        self.end = self._date_input(f"{self.name}: end date", lambda: self.start.date() or ctx.draft.ws.today())
        for date in (self.start, self.end):
            date.date_edited.connect(self._changed)
        self.weeks = QLabel()
        # One above the other: each date's words beside it would push the other sideways while typing.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, (text, date) in enumerate((("Start", self.start), ("End", self.end))):
            label = QLabel(text)
            label.setBuddy(date.edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(date, row, 1)
        grid.addWidget(self.weeks, 1, 2)
        grid.setColumnStretch(1, 1)

    def _changed(self) -> None:
        start, end = self.start.date(), self.end.date()
        self.write(format_range(start, end) if start or end else "")
        self._show_span()

    def _show_span(self) -> None:
        start, end = parse_range(self.ctx.draft.get(self.key))
        self.weeks.setText(f"{(end - start).days / 7:.1f} weeks" if start and end and end >= start else "")

    def load(self, value: str) -> None:
        start, end = parse_range(value)
        _show_stored(self.start, start)
        _show_stored(self.end, end)
        self._show_span()

    def input_widgets(self) -> Sequence[QWidget]:
        return [self.start.edit, self.end.edit]


class ChecklistEditor(Editor):
    def __init__(self, field: Field, key: str, ctx: FieldContext, name: str = ""):
        super().__init__(field, key, ctx, name)
        self.boxes: list[QCheckBox] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        for row, c in enumerate(choices(field, ctx.template, ctx.resources, ctx.draft.values)):
            box = self._named(QCheckBox(), f"{self.name}: {c.label}")
            box.setProperty("choice", c.id)
            box.toggled.connect(self._changed)
            self.boxes.append(box)
            grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(CheckText(c.label, box), row, 1)

    def _changed(self) -> None:
        self.write("\n".join(b.property("choice") for b in self.boxes if b.isChecked()))

    def load(self, value: str) -> None:
        chosen = set(checklist_ids(value))
        for b in self.boxes:
            b.setChecked(b.property("choice") in chosen)

    def input_widgets(self) -> Sequence[QWidget]:
        return self.boxes


class CheckText(QLabel):
    """A check box's words, wrapped to the room the page has (a QCheckBox's own text never wraps, and a long
    standard was cut off at 200 %); a click on them toggles the box, as on a check box's own text."""

    def __init__(self, text: str, box: QCheckBox):
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a standard's wording is not markup
        self.setBuddy(box)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
            self.box.toggle()


EDITORS = {
    "text": LineEditor,
    "number": LineEditor,
    "longtext": LongTextEditor,
    "choice": ChoiceEditor,
    "rating": RatingEditor,
    "date": DateEditor,
    "daterange": DateRangeEditor,
    "checklist": ChecklistEditor,
}


class FieldRow(QWidget):
    """Label, help, editor and the field's findings: what a user sees for one answer."""

    def __init__(
        self, field: Field, key: str, ctx: FieldContext, label: str | None = None, editor: type[Editor] | None = None
    ):
        super().__init__()
        self.key, self.field = key, field
        self.editor = (editor or EDITORS[field.type])(field, key, ctx, label or field.label)
        title = QLabel(f"<b>{escape(label or field.label)}</b>" + (" <i>(required)</i>" if field.required else ""))
        title.setWordWrap(True)
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setBuddy(self.editor.input_widgets()[0])
        header: list[QWidget] = [title]
        if field.type in ("text", "longtext"):
            history = QToolButton()
            history.setText("Earlier wordings…")
            history.setAccessibleName(f"Earlier wordings of {field.label}")
            history.setToolTip(f"Restore an earlier wording of this answer ({HISTORY_KEYS} in the answer)")
            history.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # keeps Tab moving between answers
            history.setProperty("keys", HISTORY_KEYS)  # how the keyboard reaches it instead
            history.clicked.connect(lambda: ctx.show_history(key, label or field.label))
            # From the keyboard: the same keys in the answer itself, so Tab still goes from answer to answer.
            shortcut = QShortcut(QKeySequence(HISTORY_KEYS), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(history.click)
            header.append(history)
        rows: list[QWidget] = [_row(header)]
        if field.help:
            rows.append(_note(field.help))
        rows.append(self.editor)
        self.findings = _note("")
        self.findings.setObjectName("findings")
        self.findings.hide()
        rows.append(self.findings)
        self.column = _layout(self, QVBoxLayout, rows)

    def set_locked(self, locked: bool) -> None:
        for widget in self.editor.input_widgets():
            if hasattr(widget, "setReadOnly"):
                widget.setReadOnly(locked)  # text stays selectable and readable by screen readers
            else:
                widget.setEnabled(not locked)

    def show_findings(self, messages: list[tuple[str, str]]) -> None:
        _show_findings(self.findings, messages)


class GroupEditor(QWidget):
    """A repeating group: one box per item, with add/remove within the template's bounds."""

    def __init__(self, field: Field, ctx: FieldContext):
        super().__init__()
        self.field, self.ctx, self.key = field, ctx, field.id
        self.rows: list[FieldRow] = []
        self.boxes: list[QGroupBox] = []  # one an item
        self.locked = False
        title = QLabel(f"<b>{escape(field.label)}</b>")
        self.items_box = QVBoxLayout()
        self.add_button = QPushButton(f"&Add {field.item_label.lower()}")
        self.add_button.clicked.connect(self.add_item)
        self.findings = _note("")
        self.findings.hide()
        layout = _layout(self, QVBoxLayout, [title] + ([_note(field.help)] if field.help else []))
        layout.addLayout(self.items_box)
        layout.addWidget(self.findings)
        layout.addWidget(self.add_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.rebuild()

    def count(self) -> int:
        return group_count(self.ctx.draft.values, self.field)

    def rebuild(self) -> None:
        count = self.count()
        if count * len(self.field.fields) == len(self.rows):
            for row in self.rows:  # same items: only the answers may have changed
                row.editor.refresh()
            self._name_items()
            return
        while (item := self.items_box.takeAt(0)) is not None:
            old = item.widget()
            if old is not None:
                old.hide()  # deleteLater waits for the event loop; it must not linger on screen
                old.deleteLater()
        self.rows = []
        self.boxes = []
        for i in range(1, count + 1):
            box = QGroupBox(f"{self.field.item_label} {i}")
            self.boxes.append(box)
            inner = QVBoxLayout(box)
            for sub in self.field.fields:
                row = FieldRow(sub, item_key(self.field, i, sub), self.ctx, sub.label + self._condition_note(sub))
                row.editor.refresh()
                inner.addWidget(row)
                self.rows.append(row)
            if count > self.field.min:
                remove = QPushButton(f"Remove {self.field.item_label.lower()} {i}")
                remove.clicked.connect(lambda _=False, n=i: self.remove_item(n))
                inner.addWidget(remove, alignment=Qt.AlignmentFlag.AlignRight)
            self.items_box.addWidget(box)
        self._name_items()
        self.set_locked(self.locked)

    def _name_items(self) -> None:
        """Each item's box named after what an earlier step wrote of it (the research source's author)."""
        for i, box in enumerate(self.boxes, start=1):
            box.setTitle(item_title(self.field, i, self.ctx.template, self.ctx.draft.values))

    def _condition_note(self, sub: Field) -> str:
        """' (required for Educational Publication)': when a sibling's answer makes this field needed."""
        wanted: list[str] = []
        for name, ids in sub.required_when.items():
            sibling = next(s for s in self.field.fields if s.id == name)
            labels = {
                c.id: c.label for c in choices(sibling, self.ctx.template, self.ctx.resources, self.ctx.draft.values)
            }
            wanted.extend(labels.get(i, i) for i in ids)
        return f" (required for {' or '.join(wanted)})" if wanted else ""

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        for row in self.rows:
            row.set_locked(locked)
        for button in self.findChildren(QPushButton):
            if button is not self.add_button:
                button.setEnabled(not locked)
        self.add_button.setEnabled(not locked and self.count() < item_limit(self.field))

    def add_item(self) -> None:
        self.ctx.draft.set(self.field.id, str(self.count() + 1))
        self.rebuild()
        self.rows[-len(self.field.fields)].editor.input_widgets()[0].setFocus()

    def remove_item(self, n: int) -> None:
        """Shift later items down one place; every change goes through the draft (and history)."""
        count, values = self.count(), self.ctx.draft.values
        for i in range(n, count):
            for sub in self.field.fields:
                self.ctx.draft.set(item_key(self.field, i, sub), values.get(item_key(self.field, i + 1, sub), ""))
        for sub in self.field.fields:
            self.ctx.draft.set(item_key(self.field, count, sub), "")
        self.ctx.draft.set(self.field.id, str(count - 1))
        self.rebuild()

    def show_findings(self, messages: list[tuple[str, str]]) -> None:
        _show_findings(self.findings, messages)


def _show_findings(label: QLabel, messages: list[tuple[str, str]]) -> None:
    # Severity is spelled out in words and a symbol, never by colour alone.
    label.setText(
        "<br>".join(f"{'⚠ Needed' if sev == 'required' else 'ℹ Tip'}: {escape(msg)}" for sev, msg in messages)
    )
    label.setVisible(bool(messages))


def _show_stored(date: DateInput, day: dt.date | None) -> None:
    """The stored day, unless the field holds it already: then a text still being typed stays."""
    if date.date() != day:
        date.set_date(day)


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _row(widgets: Sequence[QWidget]) -> QWidget:
    holder = QWidget()
    layout = _layout(holder, QHBoxLayout, widgets)
    layout.setStretch(0, 1)
    return holder


def _layout(
    owner: QWidget, kind: type[QHBoxLayout] | type[QVBoxLayout], widgets: Sequence[QWidget]
) -> QHBoxLayout | QVBoxLayout:
    layout = kind(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w)
    return layout
