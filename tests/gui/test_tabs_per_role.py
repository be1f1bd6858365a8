"""The window shows each role exactly the tabs and menu entries the table of roles gives it.

Expected answers come from ``domain/roles.py`` (docs/domain.md's roles as data); a 任課教師 in
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


#: the forms the window's 新增 (Ctrl+N) opens, with a valid record of the role's own student
_FORMS = {
    "cadres": {"student_no": "113001", "school_year": "113", "semester": "1",
               "unit_name": "一年一班", "position": "風紀股長", "level": "2"},
    "outcomes": {"student_no": "113001", "school_year": "113", "semester": "1",
                 "title": "閱讀心得", "summary": "讀完一本書的心得"},
    "performances": {"student_no": "113001", "school_year": "113", "kind": "服務學習紀錄",
                     "title": "淨灘", "summary": "淨灘活動", "in_school": "否"},
    "consultations": {"student_no": "113001", "date": "1131015", "time": "10:00",
                      "place": "輔導室", "content": "選修規劃", "opinion": "再談"},
}


@pytest.mark.parametrize("role", roles.role_keys())
def test_the_windows_new_record_action_is_the_roles(window, workspace, school, qtbot, role):
    """The window's door for writes: Ctrl+N on a tab opens the form only for a role that may
    write the tab's table, and the form's save succeeds (the 任課教師 on their own course's
    outcome); for anyone else no form opens."""
    from PySide6.QtCore import Qt

    from lxp_desktop.services.courses import courses
    from lxp_desktop.ui.record_form import RecordForm

    username = f"u.{role}"
    with workspace.write() as (s, a):
        accounts.create_account(s, a, username, f"測試{roles.ROLES[role]}", [role], PASSWORD)
        if role == "teacher":
            courses.update(s, a, school.courses["國語文"].id, {"teacher": username})
    workspace.sign_in(username, PASSWORD)
    window.apply_actor()
    window.select_term(113, 1)
    for key, values in _FORMS.items():
        tab = window.record_tabs[key]
        table = tab.service.table
        permitted = _holds(role, f"read:{table}") and _holds(role, f"write:{table}")
        if not window.tabs.isTabVisible(window.tabs.indexOf(tab)):
            assert not permitted, key
            continue
        window.tabs.setCurrentWidget(tab)
        before = tab.model.total
        qtbot.keyClick(tab.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        forms = [f for f in tab.findChildren(RecordForm) if f.isVisible()]
        assert bool(forms) == permitted, (role, key)
        if not forms:
            continue
        form = forms[0]
        typed = dict(values)
        if key == "outcomes":
            typed["course_code"] = school.courses["國語文"].code
        if key == "consultations":
            typed["consultant"] = username
        for field, text in typed.items():
            form.editors[field].set_text(text)
        assert form.try_save(), (role, key, form.general_error.text())
        qtbot.waitUntil(lambda t=tab, b=before: t.model.total == b + 1)
