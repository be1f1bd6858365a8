"""The main window: a tab per record category, the term selector, the status bar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from lxp_desktop import __version__
from lxp_desktop.domain.roc import Term, term_of
from lxp_desktop.services.registry import CATEGORIES
from lxp_desktop.services.school import get_school, list_terms
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.changes import ChangeBus
from lxp_desktop.ui.tabs.records import RecordTab


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.bus = ChangeBus(self)
        self.setObjectName("MainWindow")
        with workspace.read() as session:
            school = get_school(session)
        title = "LXP Desktop — " + tr("學生學習歷程檔案")
        self.setWindowTitle(f"{title}｜{school.name}" if school else title)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.record_tabs: dict[str, RecordTab] = {}
        for category in CATEGORIES:
            tab = RecordTab(category, workspace, self.bus, self)
            tab.countChanged.connect(self._show_count)
            self.record_tabs[category.key] = tab
            self.tabs.addTab(tab, QCoreApplication.translate("records", category.label))
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_changed)

        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self._restore_geometry()
        self.bus.changed.connect(self._on_changed)
        self.reload_terms()
        from lxp_desktop.ui.sync_ui import SyncController

        self.sync = SyncController(self)

    # --- pieces ------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("學期"), self)
        bar.setObjectName("toolbar")
        bar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        label = QLabel(tr("學期："), bar)
        self.term_box = QComboBox(bar)
        self.term_box.setObjectName("term")
        self.term_box.setMinimumContentsLength(14)
        label.setBuddy(self.term_box)
        bar.addWidget(label)
        bar.addWidget(self.term_box)
        self.term_box.currentIndexChanged.connect(self._term_changed)
        self.toolbar = bar

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("檔案(&F)"))
        quit_action = QAction(tr("結束(&X)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.file_menu = file_menu
        self.tools_menu = self.menuBar().addMenu(tr("工具(&T)"))
        help_menu = self.menuBar().addMenu(tr("說明(&H)"))
        about = QAction(tr("關於 LXP Desktop"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(tr("資料庫：") + str(self.workspace.store.path), bar)
        self.db_label.setObjectName("status_db")
        self.count_label = QLabel(bar)
        self.count_label.setObjectName("status_count")
        self.sync_label = QLabel(tr("未設定共用資料庫"), bar)
        self.sync_label.setObjectName("status_sync")
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.sync_label)

    # --- terms ---------------------------------------------------------------------------
    def reload_terms(self) -> None:
        with self.workspace.read() as session:
            terms = [Term(t.school_year, t.semester) for t in list_terms(session)
                     if t.semester in (1, 2)]
        current = self.current_term()
        self.term_box.blockSignals(True)
        self.term_box.clear()
        self.term_box.addItem(tr("全部學期"), None)
        for t in reversed(terms):
            self.term_box.addItem(t.label, t.code)
        wanted = Term(*current).code if current else term_of(date.today()).code
        index = self.term_box.findData(wanted)
        if index < 0 and terms:
            index = 1
        self.term_box.setCurrentIndex(max(index, 0))
        self.term_box.blockSignals(False)
        self._term_changed()

    def current_term(self) -> tuple[int, int] | None:
        data = self.term_box.currentData()
        if not data:
            return None
        term = Term.parse(data)
        return term.school_year, term.semester

    def select_term(self, school_year: int, semester: int) -> None:
        self.term_box.setCurrentIndex(self.term_box.findData(Term(school_year, semester).code))

    def _term_changed(self, *_args: object) -> None:
        term = self.current_term()
        for tab in self.record_tabs.values():
            tab.set_term(term)

    # --- reactions -------------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, RecordTab):
            self._show_count(widget.model.total)

    def _show_count(self, count: int) -> None:
        sender = self.sender()
        if sender is None or sender is self.tabs.currentWidget():
            self.count_label.setText(tr("%n 筆").replace("%n", str(count)))

    def _on_changed(self, tables: frozenset[str]) -> None:
        if "term" in tables:
            self.reload_terms()

    def _about(self) -> None:
        QMessageBox.about(self, tr("關於 LXP Desktop"),
                          tr("LXP Desktop %1\n學生學習歷程檔案 — 註冊組的桌面程式").replace(
                              "%1", __version__))

    # --- geometry ------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        state = QSettings()
        geometry = state.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def closeEvent(self, event: object) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)  # type: ignore[arg-type]
