"""The main window: a tab per record category, the term selector, the status bar."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QToolBar,
    QWidget,
)

from lxp_desktop import __version__, paths
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term, term_of
from lxp_desktop.services import accounts, scope
from lxp_desktop.services.context import Actor
from lxp_desktop.services.imports import KINDS
from lxp_desktop.services.permissions import (
    is_admin,
    may_backup,
    may_purge,
    may_read,
    may_read_audit,
)
from lxp_desktop.services.registry import CATEGORIES
from lxp_desktop.services.school import get_school, list_terms
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.changes import ChangeBus
from lxp_desktop.ui.jobs import ThreadRunner
from lxp_desktop.ui.record_form import RecordForm
from lxp_desktop.ui.school_dialog import TermsAndClassesDialog, school_form
from lxp_desktop.ui.sign_in import DEFAULT_IDLE_MINUTES, LOCK, IdleWatcher, SignInDialog
from lxp_desktop.ui.tabs.portfolio import TAB_CLASSES
from lxp_desktop.ui.tabs.records import RecordTab
from lxp_desktop.ui.transfer import Transfer

IDLE_SETTING = "security/idle_minutes"


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


#: the tab that shows a table's records (for links from the 提交與收訖 tab)
_TABLE_TABS = {"student": "students", "cadre_record": "cadres", "enrolment": "enrolments",
               "consultation": "consultations", "outcome": "outcomes",
               "performance": "performances", "course": "courses"}


#: the tables the import dialog writes (one per import kind)
IMPORT_TABLES = frozenset(k.service.table for k in KINDS.values())


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 runner: ThreadRunner | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner or ThreadRunner()
        self.bus = ChangeBus(self)
        self.lock_dialog: SignInDialog | None = None
        self.setObjectName("MainWindow")
        self._show_title()

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.record_tabs: dict[str, RecordTab] = {}
        for category in CATEGORIES:
            tab = TAB_CLASSES.get(category.key, RecordTab)(category, workspace, self.bus, self)
            tab.countChanged.connect(self._show_count)
            self.record_tabs[category.key] = tab
            self.tabs.addTab(tab, QCoreApplication.translate("records", category.label))
        from lxp_desktop.ui.tabs.submission import SubmissionTab

        self.submission_tab = SubmissionTab(workspace, self.bus, self.open_record, self)
        self.tabs.addTab(self.submission_tab, tr("提交與收訖"))
        from lxp_desktop.ui.tabs.notices import NoticesTab

        self.notices_tab = NoticesTab(workspace, self.bus, self)
        self.tabs.addTab(self.notices_tab, tr("紙本通知"))
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_changed)

        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self.transfer = Transfer(self)
        self._restore_geometry()
        self.bus.changed.connect(self._on_changed)
        self.reload_terms()
        minutes = QSettings().value(IDLE_SETTING, DEFAULT_IDLE_MINUTES)
        self.idle = IdleWatcher(int(float(minutes or 0) * 60_000), self)
        self.idle.idle.connect(self.lock)
        self.apply_actor()
        from lxp_desktop.ui.sync_ui import SyncController

        self.sync = SyncController(self)

    def _show_title(self) -> None:
        with self.workspace.read() as session:
            school = get_school(session)
        title = "LXP Desktop — " + tr("學生學習歷程檔案")
        self.setWindowTitle(f"{title}｜{school.name}" if school else title)

    def first_start(self) -> None:
        """A store with no school yet: ask for the school's data, then its terms and classes."""
        with self.workspace.read() as session:
            if get_school(session) is not None:
                return
        form = self.edit_school()
        form.accepted.connect(self.edit_terms_and_classes)

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
        self.backup_action = QAction(tr("備份資料庫(&B)…"), self)
        self.backup_action.triggered.connect(self.back_up)
        self.restore_action = QAction(tr("從備份還原(&R)…"), self)
        self.restore_action.triggered.connect(self.restore)
        self.lock_action = QAction(tr("鎖定畫面／切換使用者(&L)"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        for action in (self.backup_action, self.restore_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        quit_action = QAction(tr("結束(&X)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.file_menu = file_menu
        self.tools_menu = self.menuBar().addMenu(tr("工具(&T)"))
        self.school_action = QAction(tr("學校資料(&S)…"), self)
        self.school_action.triggered.connect(self.edit_school)
        self.terms_action = QAction(tr("學期與班級(&C)…"), self)
        self.terms_action.triggered.connect(self.edit_terms_and_classes)
        self.settings_action = QAction(tr("學校設定(&G)…"), self)
        self.settings_action.setObjectName("action_school_settings")
        self.settings_action.triggered.connect(self.open_school_settings)
        self.tools_menu.addAction(self.school_action)
        self.tools_menu.addAction(self.terms_action)
        self.promotion_action = QAction(tr("升級作業(&Y)…"), self)
        self.promotion_action.setObjectName("action_promotion")
        self.promotion_action.triggered.connect(self.open_promotion)
        self.tools_menu.addAction(self.promotion_action)
        self.tools_menu.addAction(self.settings_action)
        self.tools_menu.addSeparator()
        self.queue_action = queue = QAction(tr("課程學習成果認證佇列(&Q)…"), self)
        queue.setObjectName("action_certification_queue")
        queue.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        queue.triggered.connect(self.open_certification_queue)
        self.tools_menu.addAction(queue)
        duties_action = QAction(tr("承辦人與代理人(&D)…"), self)
        duties_action.setObjectName("action_duties")
        duties_action.triggered.connect(self.open_duties)
        self.tools_menu.addAction(duties_action)
        overview_action = QAction(tr("學生歷程總覽(&O)…"), self)
        overview_action.setObjectName("action_student_overview")
        overview_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        overview_action.triggered.connect(self.open_overview)
        self.tools_menu.addAction(overview_action)
        self.accounts_action = QAction(tr("帳號管理(&A)…"), self)
        self.accounts_action.triggered.connect(self.manage_accounts)
        self.audit_action = QAction(tr("稽核紀錄(&U)…"), self)
        self.audit_action.triggered.connect(self.show_audit)
        self.purge_action = QAction(tr("清除保存期限已過的資料(&P)…"), self)
        self.purge_action.triggered.connect(self.purge_expired)
        self.tools_menu.addAction(self.accounts_action)
        self.tools_menu.addAction(self.audit_action)
        self.tools_menu.addAction(self.purge_action)
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
        self.user_label = QLabel(bar)
        self.user_label.setObjectName("status_user")
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.user_label)
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
        self.submission_tab.set_term(term)
        self.notices_tab.set_term(term)

    def open_record(self, table: str, row_id: uuid.UUID) -> bool:
        """Show one record in its tab (the finding of a check, a receipt difference): select
        its term, search for its student (or course code) and select its row."""
        from lxp_desktop.store.models import Attachment, Course, Student

        with self.workspace.read() as session:
            if table == "attachment":
                att = session.get(Attachment, row_id)
                if att is None:
                    return False
                table, row_id = att.owner_table, att.owner_id
            key = _TABLE_TABS.get(table)
            tab = self.record_tabs.get(key or "")
            if tab is None:
                return False
            obj = session.get(tab.service.model, row_id)
            if obj is None:
                return False
            if isinstance(obj, Course):
                search = obj.code
            else:
                student = obj if isinstance(obj, Student) else session.get(
                    Student, getattr(obj, "student_id", None))
                search = student.student_no if student else ""
            year = getattr(obj, "school_year", None)
            semester = getattr(obj, "semester", None) or (self.current_term() or (0, 1))[1]
        if year is not None and self.current_term() != (year, semester):
            index = self.term_box.findData(Term(year, semester).code)
            if index < 0:
                index = self.term_box.findData(Term(year, 3 - semester).code)
            self.term_box.setCurrentIndex(max(index, 0))
        self.tabs.setCurrentWidget(tab)
        tab.search.setText(search)
        tab._search_timer.stop()  # reload now, once, and keep the selection
        tab.reload()
        tab.select_record(row_id)
        tab.view.setFocus()
        return tab.current_id() == row_id

    # --- reactions -------------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, RecordTab):
            self._show_count(widget.model.total)
        else:  # 提交與收訖, 紙本通知: no row count of another tab
            self.count_label.clear()

    def _show_count(self, count: int) -> None:
        sender = self.sender()
        if sender is None or sender is self.tabs.currentWidget():
            self.count_label.setText(tr("%n 筆").replace("%n", str(count)))

    def _on_changed(self, tables: frozenset[str]) -> None:
        if "term" in tables:
            self.reload_terms()
        if "school" in tables:
            self._show_title()

    def edit_school(self) -> RecordForm:
        return school_form(self.workspace, self.bus, self)

    def edit_terms_and_classes(self) -> TermsAndClassesDialog:
        dialog = TermsAndClassesDialog(self.workspace, self.bus, self)
        dialog.open()
        return dialog

    def open_certification_queue(self) -> QDialog:
        from lxp_desktop.ui.certification_queue import CertificationQueue

        dialog = CertificationQueue(self.workspace, self.bus, self.current_term(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_school_settings(self) -> QDialog:
        from lxp_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def selected_student(self) -> uuid.UUID | None:
        """The student of the row selected in the visible tab (any record tab, 紙本通知)."""
        from lxp_desktop.store.models import Student

        widget = self.tabs.currentWidget()
        if widget is self.notices_tab:
            rows = self.notices_tab.selected_rows()
            return rows[0].student_id if rows else None
        if not isinstance(widget, RecordTab) or widget.current_id() is None:
            return None
        with self.workspace.read() as session:
            obj = session.get(widget.service.model, widget.current_id())
            if obj is None:
                return None
            return obj.id if isinstance(obj, Student) else getattr(obj, "student_id", None)

    def open_overview(self) -> QDialog | None:
        """學生歷程總覽 of the selected student (Ctrl+Shift+O)."""
        from lxp_desktop.domain.errors import ValidationFailed
        from lxp_desktop.ui.overview_dialog import OverviewDialog

        student_id = self.selected_student()
        if student_id is None:
            self.statusBar().showMessage(
                tr("請先在分頁中選一位學生（或他的一筆紀錄），再開啟學生歷程總覽。"), 8000)
            return None
        try:
            dialog = OverviewDialog(self.workspace, student_id, self)
        except ValidationFailed as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_promotion(self) -> QDialog:
        """升級作業 from the 學年度 before the one the term selector shows."""
        from lxp_desktop.services.promotion import default_from_year
        from lxp_desktop.ui.promotion_dialog import PromotionDialog

        with self.workspace.read() as s:
            year = default_from_year(s, term_of(date.today()).school_year - 1)
        dialog = PromotionDialog(self.workspace, year, self)
        dialog.on_written = self.bus.notify
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_duties(self) -> QDialog:
        from lxp_desktop.ui.duties_dialog import DutiesDialog

        dialog = DutiesDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _about(self) -> None:
        QMessageBox.about(self, tr("關於 LXP Desktop"),
                          tr("LXP Desktop %1\n學生學習歷程檔案 — 註冊組的桌面程式").replace(
                              "%1", __version__))

    # --- who acts ----------------------------------------------------------------------------
    def apply_actor(self) -> None:
        """Show what the signed-in person may read and do; the services enforce the same."""
        actor = self.workspace.actor
        roles = accounts.role_labels(",".join(sorted(actor.roles)))
        self.user_label.setText(tr("登入：%1（%2）").replace("%1", actor.name)
                                .replace("%2", roles) if self.workspace.signed_in
                                else tr("未登入"))
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if isinstance(tab, RecordTab):
                self.tabs.setTabVisible(i, may_read(actor, tab.service.table))
                tab.apply_permissions()
        # the submission cycle and the paper notices are the 註冊組's work (domain/roles.py)
        self.tabs.setTabVisible(self.tabs.indexOf(self.submission_tab),
                                scope.may_read(actor, "submission"))
        self.tabs.setTabVisible(self.tabs.indexOf(self.notices_tab),
                                scope.may_read(actor, "notice"))
        self.school_action.setVisible(scope.may_write(actor, "school"))
        self.terms_action.setVisible(scope.may_write(actor, "term"))
        self.settings_action.setVisible(scope.may_write(actor, "setting"))
        self.queue_action.setVisible(self._may_certify(actor))
        self.accounts_action.setVisible(scope.may(actor, "manage_accounts"))
        self.transfer.import_action.setVisible(
            any(scope.may_write(actor, t) for t in IMPORT_TABLES)
            and scope.sees_all_students(actor))
        self.audit_action.setVisible(may_read_audit(actor))
        self.backup_action.setVisible(may_backup(actor))
        self.restore_action.setVisible(is_admin(actor))
        self.purge_action.setVisible(may_purge(actor))

    def _may_certify(self, actor: Actor) -> bool:
        with self.workspace.read() as session:
            return scope.may_certify(session, actor)

    def set_idle_minutes(self, minutes: float) -> None:
        """The idle lock's delay (0: never); kept as this PC's preference."""
        QSettings().setValue(IDLE_SETTING, minutes)
        self.idle.set_timeout(int(minutes * 60_000))

    def lock(self) -> SignInDialog:
        """Hide the data and ask for a sign-in (the same person or another)."""
        if self.lock_dialog is not None:
            return self.lock_dialog
        self.idle.pause()
        last = self.workspace.actor.staff_id
        username = ""
        if last:
            with self.workspace.read() as s:
                staff = s.get(accounts.Staff, uuid.UUID(last))
                username = staff.username if staff else ""
        self.workspace.lock()
        self.tabs.hide()
        self.apply_actor()
        dialog = SignInDialog(self.workspace, LOCK, self, username)
        dialog.accepted.connect(self._unlocked)
        self.lock_dialog = dialog
        dialog.open()
        return dialog

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    def _unlocked(self) -> None:
        if self.lock_dialog is not None:
            self.lock_dialog.deleteLater()
        self.lock_dialog = None
        self.tabs.show()
        self.apply_actor()
        self.bus.notify(*{c.service.table for c in CATEGORIES})
        self.idle.resume()

    # --- accounts, audit, backups -------------------------------------------------------------
    def manage_accounts(self) -> QWidget:
        from lxp_desktop.ui.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_audit(self) -> QWidget:
        from lxp_desktop.ui.audit_view import AuditDialog

        dialog = AuditDialog(self.workspace, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _progress(self, title: str) -> QProgressDialog:
        dialog = QProgressDialog(title, tr("取消"), 0, 0, self)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        return dialog

    def back_up(self) -> None:
        from lxp_desktop.services import backups
        from lxp_desktop.store.backup import backup_name

        suggested = str(paths.backups_dir() / backup_name("manual"))
        path, _filter = QFileDialog.getSaveFileName(self, tr("備份資料庫"), suggested,
                                                    tr("備份檔 (*.zip)"))
        if not path:
            return
        from pathlib import Path

        progress = self._progress(tr("備份資料庫"))

        def done(manifest: object) -> None:
            progress.close()
            self.statusBar().showMessage(tr("已備份到 %1").replace("%1", path), 10_000)
            damage = getattr(manifest, "damage_text", lambda: [])()
            if damage:  # the backup is made; say what it could not hold
                QMessageBox.warning(self, tr("備份完成，但有附件損壞"), tr(
                    "備份已完成，可以還原；但下列附件損壞或不見了，沒有放進備份，請從較早的備份"
                    "還原這些檔案，或請上傳者重新上傳：") + "\n" + "\n".join(damage[:20]))

        def failed(exc: BaseException, _tb: str) -> None:
            progress.close()
            QMessageBox.warning(self, tr("備份失敗"), str(exc))

        handle = self.runner.start(lambda report: backups.back_up(self.workspace, Path(path),
                                                                  report),
                                   done=done, failed=failed,
                                   progress=lambda d, t, _x: (progress.setMaximum(t),
                                                              progress.setValue(d)))
        progress.canceled.connect(handle.cancel)

    def restore(self) -> None:
        from pathlib import Path

        from lxp_desktop.services import backups
        from lxp_desktop.store.backup import BackupError, read_manifest

        path, _filter = QFileDialog.getOpenFileName(self, tr("從備份還原"),
                                                    str(paths.backups_dir()),
                                                    tr("備份檔 (*.zip)"))
        if not path:
            return
        try:
            manifest = read_manifest(Path(path))
        except BackupError as exc:
            QMessageBox.warning(self, tr("無法還原"), str(exc))
            return
        answer = QMessageBox.question(
            self, tr("確認還原"),
            tr("以 %1 的備份（學生 %2 筆）取代目前的資料庫？\n還原前會先檢查備份；目前的資料庫會保留在備份資料夾。還原後請重新登入。")
            .replace("%1", manifest.created)
            .replace("%2", str(manifest.counts.get("student", 0))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            result = backups.restore(self.workspace, Path(path))
        except ValidationFailed as exc:
            QMessageBox.warning(self, tr("無法還原"), str(exc))
            return
        kept = str(result.replaced) if result.replaced else ""
        self.statusBar().showMessage(tr("已還原；被取代的資料庫保留於 %1").replace("%1", kept))
        self.lock()

    def purge_expired(self) -> int:
        """List the students past retention, confirm, archive to a chosen file, purge."""
        from pathlib import Path

        from lxp_desktop.services import retention
        from lxp_desktop.services.base import show

        title = tr("清除保存期限已過的資料")
        blocked = retention.purge_blocked(self.workspace)
        if blocked:
            QMessageBox.information(self, title, blocked)
            return 0
        with self.workspace.read() as s:
            due = retention.due(s)
            limit = retention.cutoff(s)
        if not due:
            QMessageBox.information(self, title, tr("沒有離校日在 %1 以前、仍有學習歷程資料的學生。")
                                    .replace("%1", show(limit)))
            return 0
        names = "\n".join(f"{d.student_no} {d.name}（{d.status} {show(d.status_date)}，{d.rows} 筆）"
                          for d in due[:20])
        more = tr("\n…等 %n 位").replace("%n", str(len(due))) if len(due) > 20 else ""
        answer = QMessageBox.question(
            self, title,
            tr("以下學生離校已超過保存期限：\n%1%2\n\n先封存（匯出成一個檔案）再清除他們的學習歷程資料與附件？學籍保留；清除後無法復原。")
            .replace("%1", names).replace("%2", more),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        path, _f = QFileDialog.getSaveFileName(self, tr("封存檔"), "retention-archive.zip",
                                               tr("封存檔 (*.zip)"))
        if not path:
            return 0
        try:
            result = retention.purge_students(self.workspace, [d.student_id for d in due],
                                              Path(path))
        except ValidationFailed as exc:
            QMessageBox.warning(self, title, str(exc))
            return 0
        self.bus.notify(*[t for t, _l, _m in retention.PURGED])
        self.statusBar().showMessage(tr("已封存到 %1 並清除 %2 位學生的資料").replace("%1", path)
                                     .replace("%2", str(result.students)), 10_000)
        return result.students

    # --- geometry ------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        state = QSettings()
        geometry = state.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)  # the size the user chose (or maximised) last time
        else:
            # the office PC is 1366×768: open maximised, so the status bar is on the screen;
            # un-maximised it is as large as the screen's free area
            room = self.screen().availableGeometry()
            self.resize(min(1280, room.width() - 16), min(800, room.height() - 40))
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def closeEvent(self, event: object) -> None:
        self.idle.stop()
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)  # type: ignore[arg-type]
