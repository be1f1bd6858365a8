"""A table model over one record category that reads from the database in pages.

Filtering and sorting happen in SQL (``RecordService.page``/``count``); the model holds only
the rows fetched so far and asks for the next page when the view scrolls to the end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from sqlalchemy.orm import Session

from lxp_desktop.domain import enums
from lxp_desktop.domain.course_code import CATEGORIES as COURSE_CATEGORIES
from lxp_desktop.domain.enums import LEFT_STATUSES
from lxp_desktop.services.base import Column, ListQuery, RecordService, show

RecordIdRole = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200

_LABELS: dict[str, dict[str, str]] = {
    "gender": dict(enums.GENDERS),
    "cadre_level": {str(k): v for k, v in enums.CADRE_LEVELS.items()},
    "course_category": dict(COURSE_CATEGORIES),
}


def tr(text: str) -> str:
    """Labels that come from the services are translated in the "records" context."""
    return QCoreApplication.translate("records", text)


def display(value: Any, kind: str) -> str:
    if value is not None and kind in _LABELS:
        return tr(_LABELS[kind].get(str(value), str(value)))
    if kind == "bool" and value is not None:
        return tr(show(value, kind))
    return show(value, kind)


class RecordTableModel(QAbstractTableModel):
    """Rows of one category, fetched page by page; ``RecordIdRole`` gives a row's id."""

    def __init__(self, service: RecordService[Any], session_factory: Callable[[], Session],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.service = service
        self._session_factory = session_factory
        self.columns: list[Column] = service.columns()
        #: the 學籍狀態 column of 學生基本資料, whose departed rows are shown grey
        self._status_column = next((i for i, c in enumerate(self.columns)
                                    if service.table == "student" and c.key == "status"), None)
        self.query = ListQuery()
        self._rows: list[tuple[Any, ...]] = []
        self._total = 0
        #: the sort key of the last row fetched: the next page starts after it (keyset)
        self._key: tuple[Any, ...] | None = None

    # --- what the view shows ---------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            col = self.columns[index.column()]
            return display(row[index.column() + 1], col.kind)
        if role == RecordIdRole:
            return row[0]
        if role == Qt.ItemDataRole.ForegroundRole and self._status_column is not None:
            # a departed student (轉出, 休學, 退學, 畢業) is shown grey beside those in school
            if row[self._status_column + 1] in LEFT_STATUSES:
                return QBrush(QColor("#8a8a8a"))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            kind = self.columns[index.column()].kind
            if kind in ("int", "float"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.columns):
                return tr(self.columns[section].label)
            return None
        return str(section + 1)

    # --- paging ----------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid():
            return
        with self._session_factory() as session:
            rows, key = self.service.page_after(session, self.query, self._key, PAGE_SIZE)
        if not rows:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._key = key
        self.endInsertRows()

    def refresh(self, query: ListQuery | None = None) -> None:
        """Run the (new) query again and show its first page."""
        if query is not None:
            self.query = query
        with self._session_factory() as session:
            total = self.service.count(session, self.query)
            rows, key = (self.service.page_after(session, self.query, None, PAGE_SIZE)
                         if total else ([], None))
        self.beginResetModel()
        self._rows, self._total, self._key = rows, total, key
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.query.sort = self.columns[column].key
        self.query.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def row_id(self, row: int) -> Any:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: Any) -> int:
        for i, row in enumerate(self._rows):
            if row[0] == record_id:
                return i
        return -1
