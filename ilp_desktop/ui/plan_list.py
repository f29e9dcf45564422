"""All plans in a sortable, filterable, searchable table (Qt model/view)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ilp_desktop.app.overview import PlanRow
from ilp_desktop.model.calendar import DueItem
from ilp_desktop.model.lifecycle import PHASES
from ilp_desktop.ui.form_parts import combo
from ilp_desktop.ui.look import with_icon

# What matters first, so that it is in view on a 1280-pixel screen: who, whether anything is overdue, what is due.
COLUMNS = ("Teacher", "Status", "Next due", "Stage", "Program", "School", "Year", "Details", "Match")
STATUS, NEXT_DUE = COLUMNS.index("Status"), COLUMNS.index("Next due")
MATCH = len(COLUMNS) - 1
ANY = ""
# A due date's state as a mark beside its words (the timeline draws the same shapes): never colour alone.
MARKS = {"overdue": "✕", "due": "◆", "done": "✓"}
ATTENTION = "⚠ Needs attention"


def status(due: DueItem) -> str:
    """'✕ Overdue by 85 days': the state of a due date in a mark and words."""
    return f"{MARKS[due.state]} {due.describe()}"


def highlight(snippet: str) -> str:
    """A search snippet as HTML: matches (marked \\x02…\\x03 by the store) in bold, everything else escaped."""
    return escape(snippet).replace("\x02", "<b>").replace("\x03", "</b>")


class PlanTableModel(QAbstractTableModel):
    """Rows are computed once when set; data() only looks them up."""

    def __init__(self, snippet: Callable[[int], str]):
        super().__init__()
        self.rows: list[PlanRow] = []
        self.display: list[tuple[str, ...]] = []
        self.sort_keys: list[tuple[str | int, ...]] = []
        self.haystacks: list[str] = []  # what the filter box matches without a full-text search
        self.matches: set[int] = set()
        self.snippet = snippet  # made on demand, only for the rows painted
        self._snippets: dict[int, str] = {}

    def set_rows(
        self, rows: list[PlanRow], column: int = STATUS, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    ) -> None:
        self.beginResetModel()
        self.rows = rows
        self.display, self.sort_keys, self.haystacks = [], [], []
        for row in rows:
            plan, due = row.plan, row.next_due
            self.display.append(
                (
                    plan.teacher_name,
                    ATTENTION if plan.problems else status(due) if due else "Nothing due",
                    "; ".join(plan.problems).capitalize() if plan.problems else due.title if due else "–",
                    row.stage_label,
                    row.program_title,
                    plan.school,
                    plan.school_year,
                    row.details,
                )
            )
            # Status sorts by days left, so the most overdue come first
            self.sort_keys.append(
                (
                    plan.teacher_name.casefold(),
                    -(10**7) if plan.problems else due.days_left if due else 10**6,  # attention first
                    due.title if due else "",
                    row.stage_rank,
                    row.program_title,
                    plan.school,
                    plan.school_year,
                    row.details,
                )
            )
            words = (plan.teacher_name, row.stage_label, row.program_title, plan.school, plan.school_year, row.details)
            self.haystacks.append(" ".join(words).casefold())
        self._order(column, order)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._order(column, order)
        self.endResetModel()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        """Python's sort on the precomputed keys: far cheaper than a proxy calling back per comparison."""

        def key(i: int) -> str | int:
            return self.rows[i].plan.id not in self.matches if column == MATCH else self.sort_keys[i][column]

        ranked = sorted(range(len(self.rows)), key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = [self.rows[i] for i in ranked]
        self.display = [self.display[i] for i in ranked]
        self.sort_keys = [self.sort_keys[i] for i in ranked]
        self.haystacks = [self.haystacks[i] for i in ranked]

    def set_matches(self, matches: set[int]) -> None:
        self.matches, self._snippets = matches, {}
        if self.rows:
            self.dataChanged.emit(self.index(0, MATCH), self.index(len(self.rows) - 1, MATCH))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[r].plan.id
        if c == MATCH:
            pid = self.rows[r].plan.id
            if pid not in self.matches or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return None
            if pid not in self._snippets:
                self._snippets[pid] = self.snippet(pid)
            match = self._snippets[pid]
            if role == Qt.ItemDataRole.DisplayRole:
                return match
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return match.replace("\x02", "").replace("\x03", "")
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display[r][c]
        if role == Qt.ItemDataRole.FontRole and c == STATUS and self._urgent(r):
            bold = QApplication.font()  # the chosen text size, in bold
            bold.setBold(True)
            return bold
        return None

    def _urgent(self, r: int) -> bool:
        """Overdue, or unreadable: in bold besides its mark and words, to be seen at a glance."""
        row = self.rows[r]
        return bool(row.plan.problems) or (row.next_due is not None and row.next_due.state == "overdue")


class PlanFilter(QSortFilterProxyModel):
    """Stage, program, school, overdue-only, and the search: text in the columns or in anything written."""

    def __init__(self, model: PlanTableModel):
        super().__init__()
        self.stage = self.program = self.school = ANY
        self.overdue_only = False
        self.words: list[str] = []
        self.table_model = model
        self.setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Sorting happens in the source model; this proxy only filters.
        self.sourceModel().sort(column, order)

    def set(self, **changes: object) -> None:
        self.beginFilterChange()
        for name, value in changes.items():
            setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.table_model
        row = model.rows[source_row]
        plan = row.plan
        if (
            (self.stage and row.phase != self.stage)
            or (self.program and plan.program != self.program)
            or (self.school and plan.school != self.school)
        ):
            return False
        if self.overdue_only and not (row.next_due and row.next_due.state == "overdue"):
            return False
        if not self.words or plan.id in model.matches:
            return True
        haystack = model.haystacks[source_row]
        return all(word in haystack for word in self.words)


class HtmlDelegate(QStyledItemDelegate):
    """Draws the match column's snippet with the matched words in bold."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        self.initStyleOption(option, index)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(highlight(index.data() or ""))
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        painter.translate(option.rect.left() + 2, option.rect.top())
        painter.setClipRect(0, 0, option.rect.width() - 4, option.rect.height())
        doc.drawContents(painter)
        painter.restore()


class PlanListPage(QWidget):
    open_plan = Signal(int)
    new_plan = Signal()

    def __init__(self, search: Callable[[str], set[int]], snippet: Callable[[int, str], str]):
        super().__init__()
        self.search_store = search
        self.model = PlanTableModel(lambda plan_id: snippet(plan_id, self.search.text()))
        self.proxy = PlanFilter(self.model)
        self.proxy.setDynamicSortFilter(False)  # filtering is re-run explicitly when a filter changes
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Plans")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setItemDelegateForColumn(MATCH, HtmlDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(50)  # size columns from a sample, not from thousands of rows
        header.setMaximumSectionSize(360)  # long due-item titles elide rather than push columns out of view
        header.moveSection(MATCH, 1)  # matches read beside the teacher's name
        self.table.setColumnHidden(MATCH, True)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.activated.connect(lambda index: self.open_plan.emit(index.data(Qt.ItemDataRole.UserRole)))

        self.search = QLineEdit(placeholderText="Search names, schools, and everything written in plans and journals")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._to_results)
        self.search.installEventFilter(self)
        find = QLabel("F&ind:")  # Alt+F is the File menu
        find.setBuddy(self.search)
        self.stage = self._combo("All stages", list(PHASES), "stage")
        self.program = self._combo("All programs", [], "program")
        self.school = self._combo("All schools", [], "school")
        self.overdue = QCheckBox("&Overdue only")
        self.overdue.toggled.connect(lambda on: self.proxy.set(overdue_only=on))
        self.count = QLabel()
        new = with_icon(QPushButton("&New ILP…"), "file-plus")
        new.clicked.connect(self.new_plan.emit)
        self.open_button = with_icon(QPushButton("Open &selected"), "folder-open")
        self.open_button.clicked.connect(self._open_selected)
        bar = QHBoxLayout()
        for w in (find, self.search, self.count, new, self.open_button):  # the count says what the search found
            bar.addWidget(w)
        filters = QHBoxLayout()
        for choice, share in ((self.stage, 2), (self.program, 3), (self.school, 2), (self.overdue, 0)):
            filters.addWidget(choice, share)  # the lists share the width; a long program name is cut, not widened
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._show_count)

    def _combo(self, everything: str, items: list[tuple[str, str]], attribute: str) -> QComboBox:
        box = combo([(ANY, everything), *items])
        box.setAccessibleName(everything.replace("All", "Filter by"))
        box.currentIndexChanged.connect(lambda _i: self.proxy.set(**{attribute: box.currentData()}))
        return box

    def _refill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value, label in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def set_rows(self, rows: list[PlanRow]) -> None:
        header = self.table.horizontalHeader()
        self.model.set_rows(rows, header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._refill(self.program, sorted({(r.plan.program, r.program_title) for r in rows}, key=lambda p: p[1]))
        self._refill(self.school, sorted({(r.plan.school, r.plan.school) for r in rows if r.plan.school}))
        if self.search.text():
            self.run_search()
        if not getattr(self, "_sized", False) and rows:
            self.table.resizeColumnsToContents()
            self._sized = True
        self._show_count()

    def run_search(self) -> None:
        text = self.search.text().strip()
        self.model.set_matches(self.search_store(text) if text else set())
        self.proxy.set(words=text.casefold().split())
        self.table.setColumnHidden(MATCH, not text)
        if text:
            self.table.setColumnWidth(MATCH, 360)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ in the Find box moves into the results, as Enter does."""
        down = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
        if watched is self.search and down:
            self._to_results()
            return True
        return super().eventFilter(watched, event)

    def _to_results(self) -> None:
        if self._search_timer.isActive():  # Enter before the pause that runs the search: run it now
            self._search_timer.stop()
            self.run_search()
        if self.proxy.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _show_count(self, *_args: object) -> None:
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} plans")

    def selected_plan(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None

    def _open_selected(self) -> None:
        plan_id = self.selected_plan()
        if plan_id is not None:
            self.open_plan.emit(plan_id)
