"""Table columns that serve the clerk: sized to their content within the window, chosen from
the header's menu (right-click: which columns to show), and kept per user — each account's
widths, order and hidden columns come back the next time it signs in on this PC.

The state is window state (``ui-state`` beside the data, not a school setting): QSettings key
``columns/<account>/<table>`` holds the header's own ``saveState()``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView

#: a column sized to its content is never wider than this (an address is cut with 「…」
#: beyond it rather than pushing every other column off the window)
MAX_WIDTH = 360


def tr(text: str) -> str:
    return QCoreApplication.translate("Columns", text)


class ColumnState:
    """Restore, size, choose and save the columns of ``view`` for the signed-in account."""

    def __init__(self, view: QTableView, table: str, account: Callable[[], str]) -> None:
        self.view, self.table, self.account = view, table, account
        self.header = view.horizontalHeader()
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self.chooser)
        self.header.setSectionsMovable(True)
        self.restored = False
        self.sized = False
        self._save_timer = QTimer(view)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.save)
        self.header.sectionResized.connect(lambda *_a: self._changed())
        self.header.sectionMoved.connect(lambda *_a: self._changed())

    def key(self) -> str:
        return f"columns/{self.account() or '_'}/{self.table}"

    def restore(self) -> bool:
        """The account's saved columns, if any; True when they were applied."""
        state = QSettings().value(self.key())
        self.restored = bool(state) and self.header.restoreState(state)
        return self.restored

    def fit(self) -> None:
        """Columns sized to their content (the rows loaded), within ``MAX_WIDTH``; the last
        visible one takes what is left of the window. Done once, unless the user has saved
        widths of their own."""
        if self.restored or self.sized or self.view.model() is None:
            return
        if self.view.model().rowCount() == 0:
            return
        self.sized = True
        self._quiet = True
        try:
            self.view.resizeColumnsToContents()
            for i in range(self.header.count()):
                if self.header.sectionSize(i) > MAX_WIDTH:
                    self.header.resizeSection(i, MAX_WIDTH)
            self.header.setStretchLastSection(True)
        finally:
            self._quiet = False

    def _changed(self) -> None:
        if not getattr(self, "_quiet", False) and (self.sized or self.restored):
            self._save_timer.start()

    def save(self) -> None:
        QSettings().setValue(self.key(), self.header.saveState())
        self.restored = True

    def chooser(self, pos: QPoint | None = None) -> QMenu:
        """The header's menu: a check per column (at least one stays), and 重設欄寬."""
        menu = QMenu(self.view)
        model = self.view.model()
        visible = [i for i in range(self.header.count()) if not self.header.isSectionHidden(i)]
        for i in range(self.header.count()):
            title = str(model.headerData(i, Qt.Orientation.Horizontal) or i)
            action = QAction(title, menu)
            action.setCheckable(True)
            action.setChecked(not self.header.isSectionHidden(i))
            action.setEnabled(not (len(visible) == 1 and i in visible))
            action.toggled.connect(lambda on, i=i: self.show_column(i, on))
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction(tr("依內容重設欄寬"))
        reset.triggered.connect(self.reset)
        if pos is not None:
            menu.popup(self.header.mapToGlobal(pos))
        return menu

    def show_column(self, index: int, shown: bool) -> None:
        self.header.setSectionHidden(index, not shown)
        self.save()

    def reset(self) -> None:
        QSettings().remove(self.key())
        for i in range(self.header.count()):
            self.header.setSectionHidden(i, False)
        self.restored = self.sized = False
        self.fit()
        self.save()

