"""All plans in a sortable, filterable table (Qt model/view)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from ilp_desktop.storage.overview import PlanRow

COLUMNS = ("Teacher", "School", "Program", "Year", "Stage", "Next due", "When")


class PlanTableModel(QAbstractTableModel):
    def __init__(self):
        super().__init__()
        self.rows: list[PlanRow] = []

    def set_rows(self, rows: list[PlanRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        due = row.next_due
        if role == Qt.ItemDataRole.UserRole:
            return row.plan.id
        if role == Qt.ItemDataRole.UserRole + 1:  # sort key: overdue first, by days left
            return [row.plan.teacher_name.casefold(), row.plan.school, row.program_title, row.plan.school_year,
                    row.plan.stage, due.title if due else "", due.days_left if due else 10**6][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return [row.plan.teacher_name, row.plan.school, row.program_title, row.plan.school_year,
                    row.plan.stage_label, due.title if due else "Nothing due",
                    due.describe() if due else "–"][index.column()]
        return None


class PlanListPage(QWidget):
    open_plan = Signal(int)
    new_plan = Signal()

    def __init__(self):
        super().__init__()
        self.model = PlanTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole + 1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Plans")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(6, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda index: self.open_plan.emit(index.data(Qt.ItemDataRole.UserRole)))
        self.search = QLineEdit(placeholderText="Filter by teacher, school, program or stage")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        find = QLabel("&Find:")
        find.setBuddy(self.search)
        new = QPushButton("&New ILP…")
        new.clicked.connect(self.new_plan.emit)
        self.open_button = QPushButton("&Open selected")
        self.open_button.clicked.connect(self._open_selected)
        bar = QHBoxLayout()
        for w in (find, self.search, new, self.open_button):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def set_rows(self, rows: list[PlanRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()

    def selected_plan(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None

    def _open_selected(self) -> None:
        plan_id = self.selected_plan()
        if plan_id is not None:
            self.open_plan.emit(plan_id)
