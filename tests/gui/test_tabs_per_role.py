"""The window shows each role exactly the tabs and menu entries the table of roles gives it.

Expected answers come from ``domain/roles.py`` (DOMAIN.md's roles as data); a 任課教師 in
particular no longer sees 提交與收訖, 紙本通知, 學校設定 or 帳號管理, and the 學生基本資料
tab lists only their own students, as its label says.
"""

from __future__ import annotations

import pytest

from lxp_desktop.domain import roles
from lxp_desktop.services import accounts
from lxp_desktop.ui.main_window import IMPORT_TABLES

PASSWORD = "password-123"


def _holds(role: str, permission: str) -> bool:
    return roles.holds(frozenset({role}), permission)


def _visible_tabs(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [window.tabs.tabText(i) for i in range(window.tabs.count())
            if window.tabs.isTabVisible(i)]


@pytest.mark.parametrize("role", roles.role_keys())
def test_each_role_sees_the_tabs_and_menus_of_its_role(window, workspace, role):
    with workspace.write() as (s, a):
        accounts.create_account(s, a, f"u.{role}", f"測試{roles.ROLES[role]}", [role], PASSWORD)
    workspace.sign_in(f"u.{role}", PASSWORD)
    window.apply_actor()

    expected_tabs = [tab.category.label for tab in window.record_tabs.values()
                     if _holds(role, f"read:{tab.service.table}")]
    if _holds(role, "read:submission"):
        expected_tabs.append("提交與收訖")
    if _holds(role, "read:notice"):
        expected_tabs.append("紙本通知")
    assert _visible_tabs(window) == expected_tabs

    actions = {
        window.school_action: _holds(role, "write:school"),
        window.terms_action: _holds(role, "write:term"),
        window.settings_action: _holds(role, "write:setting"),
        window.accounts_action: _holds(role, "manage_accounts"),
        window.audit_action: _holds(role, "audit"),
        window.backup_action: _holds(role, "backup"),
        window.restore_action: _holds(role, "restore"),
        window.purge_action: _holds(role, "purge"),
        window.queue_action: _holds(role, "certify"),
        window.transfer.import_action: _holds(role, "all_students") and any(
            _holds(role, f"write:{t}") for t in IMPORT_TABLES),
    }
    got = {a.text(): a.isVisible() for a in actions}
    assert got == {a.text(): v for a, v in actions.items()}
    for key, tab in window.record_tabs.items():
        assert (not tab.add_button.isHidden()) == (
            _holds(role, f"read:{tab.service.table}")
            and _holds(role, f"write:{tab.service.table}")), key


def test_a_teachers_window(window, workspace, school, qtbot, tmp_path):
    """A 任課教師: the record tabs but not 課程諮詢紀錄, no 提交與收訖 or 紙本通知, the
    certification queue but no office menus; the student tab lists their own students."""
    with workspace.write() as (s, a):
        accounts.set_password(s, a, school.teacher.id, PASSWORD)
    workspace.sign_in("t.lin", PASSWORD)
    window.apply_actor()
    window.resize(1366, 768)
    assert _visible_tabs(window) == ["學生基本資料", "幹部經歷", "修課紀錄", "課程學習成果",
                                     "多元表現", "課程"]
    tools = [a.text() for a in window.tools_menu.actions()
             if a.isVisible() and not a.isSeparator()]
    assert "課程學習成果認證佇列(&Q)…" in tools and "承辦人與代理人(&D)…" in tools
    for office in ("學校資料(&S)…", "學期與班級(&C)…", "學校設定(&G)…", "帳號管理(&A)…",
                   "稽核紀錄(&U)…", "清除保存期限已過的資料(&P)…"):
        assert office not in tools
    files = [a.text() for a in window.file_menu.actions() if a.isVisible() and not a.isSeparator()]
    assert "備份資料庫(&B)…" not in files and "從備份還原(&R)…" not in files
    assert not window.transfer.import_action.isVisible()
    tab = window.record_tabs["students"]
    window.tabs.setCurrentWidget(tab)
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.total == 1)
    assert "只列出您 113 學年度任教" in tab.count_label.text()
    window.grab().save(str(tmp_path / "teacher_window.png"))
