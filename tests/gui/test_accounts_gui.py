"""Sign-in, the idle lock, what each role sees, the audit view, accounts and backups in the window."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lxp_desktop.services import accounts
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui import app as app_module
from lxp_desktop.ui.accounts_dialog import AccountForm
from lxp_desktop.ui.jobs import SyncRunner
from lxp_desktop.ui.sign_in import LOCK, SETUP, SIGN_IN, SignInDialog
from tests.makers import ADMIN_PASSWORD


def add_account(ws: Workspace, username: str, role: str) -> None:
    with ws.write() as (s, a):
        accounts.create_account(s, a, username, f"{role}同仁", [role], "password-123")


def test_first_start_setup_and_sign_in(app, data_dir, qtbot):
    ws = Workspace.open(data_dir)
    try:
        dialog = SignInDialog(ws, SETUP)
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.username.setText("boss")
        dialog.name.setText("陳校管")
        dialog.password.setText("a-long-password")
        dialog.repeat.setText("a-different-one")
        dialog.try_accept()
        assert dialog.isVisible() and "兩次輸入的密碼不同" in dialog.message.text()
        dialog.password.setText("a-long-password")
        dialog.repeat.setText("a-long-password")
        with qtbot.waitSignal(dialog.accepted):
            dialog.try_accept()
        assert ws.actor.name == "陳校管"
        ws.lock()
        dialog = SignInDialog(ws, SIGN_IN)
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.username.setText("boss")
        qtbot.keyClicks(dialog.password, "wrong-pass")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert dialog.isVisible() and "帳號或密碼不正確" in dialog.message.text()
        assert dialog.password.text() == "" and not ws.signed_in
    finally:
        ws.close()


def test_idle_lock_hides_data_until_someone_signs_in(window, workspace, qtbot):
    add_account(workspace, "teach", "academic")
    tab = window.record_tabs["students"]
    window.tabs.setCurrentWidget(tab)
    window.set_idle_minutes(0.004)  # about a quarter of a second
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert not workspace.signed_in and not window.tabs.isVisible()
    dialog = window.lock_dialog
    assert dialog.mode == LOCK and dialog.username.text() == "admin"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a lock is not dismissed
    assert dialog.isVisible() and window.locked
    # someone else sits down: the window now acts as them and shows what they may see
    dialog.username.setText("teach")
    dialog.password.setText("password-123")
    dialog.try_accept()
    assert not window.locked and window.tabs.isVisible()
    assert workspace.actor.roles == frozenset({"academic"})
    assert "academic同仁" in window.user_label.text()
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.total == 3)
    col = [c.key for c in tab.model.columns].index("national_id")
    shown = [tab.model.index(r, col).data() for r in range(tab.model.rowCount())]
    assert "A12****789" in shown and "A123456789" not in shown
    assert not tab.add_button.isVisible() and tab.add_record() is None
    consult = window.tabs.indexOf(window.record_tabs["consultations"])
    assert not window.tabs.isTabVisible(consult)
    assert not window.accounts_action.isVisible() and not window.restore_action.isVisible()
    window.set_idle_minutes(0)


def test_reveal_an_id_is_logged_and_history_shows_it(window, workspace, school, qtbot,
                                                     monkeypatch):
    add_account(workspace, "teach", "academic")
    workspace.sign_in("teach", "password-123")
    window.apply_actor()
    tab = window.record_tabs["students"]
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.total == 3)
    tab.view.selectRow(0)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _p, _t, text: shown.append(text)))
    number = tab.reveal_id()
    assert number is not None and number in shown[0]
    dialog = tab.show_history()
    qtbot.addWidget(dialog)
    rows = dialog.model.rows
    assert [r[6] for r in rows][:2] == ["顯示完整身分證號", "新增"]
    assert rows[0][1] == "academic同仁"
    assert all(number not in "".join(r) for r in rows)  # masked for this role


def test_audit_view_filters_by_person_and_date(window, workspace, school, qtbot,
                                               qtmodeltester):
    dialog = window.show_audit()
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    everything = dialog.model.total
    assert everything > 10
    row = dialog.model.rows[-1]  # the oldest: the administrator was created by the set-up
    assert row[1] == "系統" and row[6] == "新增" and "首次設定" in row[8]
    dialog.person.setCurrentIndex(dialog.person.findData(str(school.teacher.id)))
    dialog.apply()
    assert dialog.model.total == 0  # the teacher has not changed anything
    dialog.person.setCurrentIndex(0)
    dialog.since.setText("200/01/01")  # ROC 200 is far in the future
    dialog.apply()
    assert dialog.model.total == 0
    dialog.since.setText("不是日期")
    dialog.apply()
    assert "日期" in dialog.message.text() or "無法" in dialog.message.text()
    dialog.since.clear()
    dialog.table.setCurrentIndex(dialog.table.findData("student"))
    dialog.apply()
    assert dialog.model.total == 3


def test_accounts_dialog_adds_an_account(window, workspace, qtbot, qtmodeltester):
    dialog = window.manage_accounts()
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    before = dialog.model.rowCount()
    form = dialog.add()
    assert isinstance(form, AccountForm)
    form.username.setText("chen.ym")
    form.name.setText("陳怡敏")
    form.password.setText("password-123")
    form.save()
    assert "至少選一個角色" in form.message.text()
    form.roles["registrar"].setChecked(True)
    with qtbot.waitSignal(form.accepted):
        form.save()
    assert dialog.model.rowCount() == before + 1
    assert accounts.sign_in(workspace.store, "chen.ym", "password-123").roles == {"registrar"}


def test_backup_and_restore_from_the_menu(window, workspace, school, qtbot, monkeypatch,
                                          tmp_path):
    window.runner = SyncRunner()
    out = tmp_path / "office.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    window.back_up()
    assert zipfile.ZipFile(out).testzip() is None
    with workspace.write() as (s, a):
        from lxp_desktop.services.students import students

        students.delete(s, a, school.students["113001"].id)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    window.restore()
    assert window.locked  # the restored store has its own accounts: sign in again
    window.lock_dialog.password.setText(ADMIN_PASSWORD)
    window.lock_dialog.try_accept()
    tab = window.record_tabs["students"]
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.total == 3)


def test_a_damaged_store_is_restored_at_start(app, workspace, school, qtbot, monkeypatch,
                                              tmp_path):
    from lxp_desktop.services import backups

    out = tmp_path / "b.zip"
    backups.back_up(workspace, out)
    db = workspace.store.path
    workspace.close()
    db.write_bytes(b"this is not a database" * 200)
    Path(str(db) + "-wal").unlink(missing_ok=True)
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Open))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(app_module, "sign_in", lambda ws, parent=None: bool(
        ws.sign_in("admin", ADMIN_PASSWORD)))
    monkeypatch.setattr(app_module, "start_daily_backup", lambda window: None)
    _app, window = app_module.start_gui("zh_TW")
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert window.workspace.signed_in
        with window.workspace.read() as s:
            assert len(accounts.list_accounts(s, window.workspace.actor)) == 3
    finally:
        window.close()
        window.workspace.close()


def test_purge_from_the_menu_asks_and_archives(window, workspace, school, monkeypatch,
                                               tmp_path):
    from lxp_desktop.services.portfolio import performances
    from lxp_desktop.services.students import students

    with workspace.write() as (s, a):
        students.update(s, a, school.students["111005"].id,
                        {"status": "畢業", "status_date": "2010-06-30"})
        performances.create(s, a, {"student_no": "111005", "school_year": "113",
                                   "kind": "服務學習紀錄", "title": "淨灘",
                                   "summary": "淨灘", "in_school": "否"})
    asked: list[str] = []

    def no(_parent, _title, text, *_a):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(no))
    assert window.purge_expired() == 0 and "111005 張大同" in asked[0]
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    archive = tmp_path / "archive.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(archive), "")))
    assert window.purge_expired() == 1
    assert "111005.json" in zipfile.ZipFile(archive).namelist()
    # a PC that syncs says why it does not purge, before asking anything
    from lxp_desktop.services import sync as sync_service

    sync_service.save_connection(workspace, "postgresql+psycopg://lxp@server/school", None)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _p, _t, text, *a: told.append(text)))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(no))
    asked.clear()
    assert window.purge_expired() == 0
    assert told and "共用資料庫與其他電腦仍保留" in told[0] and not asked


def test_a_teacher_sees_their_own_students_and_is_told_so(window, workspace, school, qtbot):
    with workspace.write() as (s, a):
        accounts.set_password(s, a, school.teacher.id, "password-123")
    workspace.sign_in("t.lin", "password-123")
    window.apply_actor()
    tab = window.record_tabs["students"]
    window.tabs.setCurrentWidget(tab)
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.total == 1)  # 113001, in the course he teaches
    col = [c.key for c in tab.model.columns].index("student_no")
    assert tab.model.index(0, col).data() == "113001"
    assert "只列出您 113 學年度任教" in tab.count_label.text()


def test_audit_view_speaks_the_clerks_words(window, workspace, school, qtbot):
    """No UUIDs, no field keys, no hex PC ids: the record by 學號 and name, the field by label."""
    from lxp_desktop.services.students import find_student
    from lxp_desktop.services.students import students as svc

    with workspace.write() as (s, a):
        st = find_student(s, "113002")
        svc.update(s, a, st.id, {"address": "臺中市西屯區福星路90號"})
        sid, label = st.id, f"{st.student_no} {st.name}"
    dialog = window.show_audit()
    qtbot.addWidget(dialog)
    row = next(r for r in dialog.model.rows if "福星路90號" in r[7])
    assert row[5] == label and str(sid) not in row[5]
    assert row[7].startswith("通訊地址：") and "address" not in row[7]
    assert row[3] == "本機"
