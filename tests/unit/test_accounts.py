"""Accounts, sign-in, the permission matrix, masked IDs and the tamper-evident audit log."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy import select

from lxp_desktop.domain.enums import ROLES
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roles import OFFICES
from lxp_desktop.services import accounts, audit, settings
from lxp_desktop.services.base import ListQuery
from lxp_desktop.services.cadres import cadres
from lxp_desktop.services.context import Actor
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.permissions import WRITERS
from lxp_desktop.services.portfolio import consultations, outcomes, performances
from lxp_desktop.services.privacy import reveal_national_id
from lxp_desktop.services.school import classes, schools, terms
from lxp_desktop.services.students import students
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store.models import AuditEntry, Staff
from tests.makers import ADMIN_PASSWORD, course_code


# --- set-up and sign-in -------------------------------------------------------------------
def test_fresh_store_needs_setup_and_nobody_can_write(data_dir):
    ws = Workspace.open(data_dir)
    try:
        assert ws.needs_setup() and not ws.signed_in
        with ws.read() as s:
            assert s.scalars(select(Staff)).all() == []  # no default account, no password
        with pytest.raises(ValidationFailed, match="請先登入"), ws.write() as (s, a):
            pass
        with ws.store.transaction() as s, pytest.raises(ValidationFailed, match="請先登入"):
            students.create(s, ws.actor, {"student_no": "1"})
        with pytest.raises(accounts.SignInFailed, match="首次設定"):
            ws.sign_in("admin", "whatever-pw")
        with pytest.raises(ValidationFailed) as exc:
            ws.set_up("admin", "系統管理者", "short")
        assert "至少 8 個字元" in exc.value.by_field()["password"]
        actor = ws.set_up("boss", "陳校管", "a-long-password")
        assert actor.roles == frozenset({"admin"}) and ws.signed_in
        assert not ws.needs_setup()
        with pytest.raises(ValidationFailed, match="已設定系統管理者"):
            ws.set_up("boss2", "又一位", "a-long-password")
        with ws.read() as s:
            staff = accounts.find_account(s, "boss")
            assert staff.password_hash.startswith("$argon2id$")
            assert "a-long-password" not in staff.password_hash
            first = s.scalars(select(AuditEntry).order_by(AuditEntry.seq)).first()
            assert first.action == "create" and first.source == "首次設定"
            assert "password" not in first.changes
    finally:
        ws.close()


def test_open_signed_in_and_wrong_password(data_dir, workspace):
    workspace.close()
    ws = Workspace.open(data_dir, username="admin", password=ADMIN_PASSWORD)
    assert ws.actor.name == "系統管理者"
    ws.close()
    with pytest.raises(accounts.SignInFailed, match="帳號或密碼不正確"):
        Workspace.open(data_dir, username="admin", password="wrong")
    with pytest.raises(accounts.SignInFailed, match="帳號或密碼不正確"):
        Workspace.open(data_dir, username="nobody", password=ADMIN_PASSWORD)


def test_delay_after_repeated_failures(workspace, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(accounts, "now", lambda: clock[0])
    store = workspace.store
    for i in range(accounts.FAILURE_FREE - 1):
        with pytest.raises(accounts.SignInFailed) as exc:
            accounts.sign_in(store, "admin", f"wrong{i}")
        assert "秒後再試" not in str(exc.value)
    with pytest.raises(accounts.SignInFailed, match="請 5 秒後再試"):
        accounts.sign_in(store, "admin", "wrong-again")
    # while the delay runs even the right password is refused, without being checked
    with pytest.raises(accounts.SignInFailed, match="錯誤次數過多"):
        accounts.sign_in(store, "admin", ADMIN_PASSWORD)
    assert accounts.wait_seconds(store, "admin") == pytest.approx(5)
    clock[0] += 5.1
    with pytest.raises(accounts.SignInFailed, match="請 10 秒後再試"):
        accounts.sign_in(store, "admin", "wrong-4th")  # the delay doubles
    clock[0] += 10.1
    assert accounts.sign_in(store, "admin", ADMIN_PASSWORD).name == "系統管理者"
    assert accounts.wait_seconds(store, "admin") == 0  # success clears the count
    assert accounts.delay_after(40) == accounts.MAX_DELAY


def test_account_management_and_last_admin(workspace):
    with workspace.write() as (s, a):
        clerk = accounts.create_account(s, a, "chen.ym", "陳怡敏", "註冊組,導師", "clerk-pass-1")
        assert clerk.roles == "registrar,homeroom"
        with pytest.raises(ValidationFailed, match="沒有「校長」這個角色"):
            accounts.create_account(s, a, "x1", "某人", ["校長"], "password-xx")
    with workspace.write() as (s, a):
        me = accounts.find_account(s, "admin")
        with pytest.raises(ValidationFailed, match="唯一的系統管理者"):
            accounts.update_account(s, a, me.id, active=False)
    clerk_actor = accounts.sign_in(workspace.store, "chen.ym", "clerk-pass-1")
    with workspace.store.transaction() as s:
        with pytest.raises(ValidationFailed, match="沒有管理教職員帳號的權限"):
            accounts.create_account(s, clerk_actor, "y1", "某人", ["teacher"], "password-yy")
        with pytest.raises(ValidationFailed, match="舊密碼不正確"):
            accounts.set_password(s, clerk_actor, clerk_actor.staff_id, "new-pass-22", "bad")
        accounts.set_password(s, clerk_actor, clerk_actor.staff_id, "new-pass-22",
                              "clerk-pass-1")
    assert accounts.sign_in(workspace.store, "chen.ym", "new-pass-22").staff_id
    with workspace.write() as (s, a):
        accounts.update_account(s, a, clerk_actor.staff_id, active=False)
        logged = [e.changes for e in audit.history(s, "staff", clerk_actor.staff_id)]
    assert all("new-pass-22" not in c and "argon2" not in c for c in logged)
    with pytest.raises(accounts.SignInFailed):
        accounts.sign_in(workspace.store, "chen.ym", "new-pass-22")  # deactivated


def test_demo_accounts_for_every_role(data_dir):
    ws = Workspace.open(data_dir)
    with ws.store.transaction() as s:
        made = accounts.create_demo_accounts(s, accounts.system_actor(ws.store.workstation_id))
    assert ("admin", "demo", "系統管理者") in made
    assert {role for _u, _p, role in made} == set(ROLES.values())
    assert ws.sign_in("admin", "demo").roles == frozenset({"admin"})
    assert ws.sign_in("teacher", "demo").roles == frozenset({"teacher"})
    ws.close()


# --- the permission matrix ------------------------------------------------------------------
def _writes(school: Any) -> dict[str, tuple[str, Any]]:
    """table → (what, write(session, actor)) — one real, valid write of every service."""
    code = school.courses["國語文"].code
    sid = school.students["113002"].id
    return {
        "school": ("edit", lambda s, a: schools.update(s, a, schools.page(
            s, ListQuery(), 0, 1)[0][0], {"phone": "04-1234567"})),
        "term": ("create", lambda s, a: terms.create(s, a, {
            "school_year": "114", "semester": "1", "start_date": "114/08/01",
            "end_date": "115/01/31"})),
        "school_class": ("create", lambda s, a: classes.create(s, a, {
            "school_year": "113", "code": "102", "name": "一年二班", "grade": "1"})),
        "student": ("edit", lambda s, a: students.update(s, a, sid, {"phone": "0912345678"})),
        "course": ("create", lambda s, a: courses.create(s, a, {
            "code": course_code("03"), "name": "數學", "credits": "4", "grade": "1",
            "school_year": "113", "semester": "1"})),
        "enrolment": ("create", lambda s, a: enrolments.create(s, a, {
            "student_no": "113002", "school_year": "113", "semester": "1",
            "course_code": code, "credit_counted": "是", "kind": "原修"})),
        "cadre_record": ("create", lambda s, a: cadres.create(s, a, {
            "student_no": "113001", "school_year": "113", "semester": "1",
            "unit_name": "一年一班", "position": "班長", "level": "2"})),
        "consultation": ("create", lambda s, a: consultations.create(s, a, {
            "student_no": "113001", "date": "1131015", "place": "輔導室",
            "consultant": "c.chen", "content": "選修規劃"})),
        "outcome": ("create", lambda s, a: outcomes.create(s, a, {
            "student_no": "113001", "school_year": "113", "semester": "1",
            "course_code": code, "title": "讀書報告", "summary": "心得"})),
        "performance": ("create", lambda s, a: performances.create(s, a, {
            "student_no": "113001", "school_year": "113", "kind": "服務學習紀錄",
            "title": "淨灘", "summary": "淨灘活動", "in_school": "否"})),
        "setting": ("edit", lambda s, a: settings.put(s, a, "retention_years", 6)),
        "staff": ("create", lambda s, a: accounts.create_account(
            s, a, "new.one", "新同事", ["teacher"], "password-123")),
        "student delete": ("delete", lambda s, a: students.delete(s, a, sid)),
    }


@pytest.mark.parametrize("role", sorted(ROLES))
def test_permission_matrix(workspace, school, role):
    with workspace.write() as (s, a):
        staff = accounts.create_account(s, a, f"u.{role}", f"測試{ROLES[role]}", [role],
                                        "password-123")
    actor = accounts.sign_in(workspace.store, f"u.{role}", "password-123")
    outcome: dict[str, bool] = {}
    for table, (_what, write) in _writes(school).items():
        session = workspace.store.write_session()
        try:
            write(session, actor)
            session.flush()
            outcome[table] = True
        except ValidationFailed as exc:
            assert "權限" in str(exc), (table, str(exc))
            outcome[table] = False
        finally:
            session.rollback()
            session.close()
    # the role's table grant, and the row's scope: these rows are not a 任課教師's or a
    # 課程諮詢教師's own (another teacher's course, another consultant's record)
    expected = {t: role == "admin" or (role in WRITERS[t.split()[0]] and role in OFFICES)
                for t in outcome}
    assert outcome == expected
    assert staff.roles == role


def test_no_write_without_a_signed_in_actor(workspace, school):
    workspace.lock()
    ghost = Actor(None, "某人", frozenset(), workspace.store.workstation_id)
    for _table, (_what, write) in _writes(school).items():
        with workspace.store.write_session() as session:
            with pytest.raises(ValidationFailed, match="請先登入|權限"):
                write(session, ghost)
            session.rollback()


# --- reading: masked IDs, restricted tables ---------------------------------------------------
def test_teachers_list_only_their_own_students(workspace, school):
    """任課教師 see the students and enrolments of the courses they teach, 導師 their class,
    課程諮詢教師 the students they counselled; the offices see everyone."""
    from lxp_desktop.services import school as sch
    from lxp_desktop.services.courses import courses, enrolments
    from lxp_desktop.services.portfolio import consultations as cons
    from lxp_desktop.store.models import SchoolClass
    from tests.makers import course_code

    with workspace.write() as (s, a):
        accounts.create_account(s, a, "home", "鄭導師", ["homeroom"], "password-123")
        accounts.create_account(s, a, "other", "吳老師", ["teacher"], "password-123")
        accounts.set_password(s, a, school.teacher.id, "password-123")
        accounts.set_password(s, a, school.consultant.id, "password-123")
        klass = s.scalar(select(SchoolClass.id).where(SchoolClass.code == "301"))
        sch.classes.update(s, a, klass, {"homeroom": "home"})
        math = courses.create(s, a, {"code": course_code("05"), "name": "數學", "credits": "4",
                                     "grade": "1", "school_year": "113", "semester": "1",
                                     "teacher": "other"})
        enrolments.create(s, a, {"student_no": "113001", "school_year": "113", "semester": "1",
                                 "course_code": math.code, "score": "90"})
        cons.create(s, a, {"student_no": "113002", "consultant": "c.chen", "date": "113/10/01",
                           "place": "輔導室", "content": "選課諮詢，討論第二外語。"})
    who = {name: accounts.sign_in(workspace.store, name, "password-123")
           for name in ("t.lin", "home", "other", "c.chen")}
    who["registrar"] = workspace.actor

    def listed(service, viewer) -> set[str]:
        col = [c.key for c in service.columns()].index("student_no") + 1
        with workspace.read() as s:
            rows = service.page(s, ListQuery(viewer=viewer), 0, 50)
            assert service.count(s, ListQuery(viewer=viewer)) == len(rows)
        return {r[col] for r in rows}

    assert listed(students, who["registrar"]) == {"113001", "113002", "111005"}
    assert listed(students, who["t.lin"]) == {"113001"}  # enrolled in 國語文, which he teaches
    assert listed(students, who["home"]) == {"111005"}  # his class, 301
    assert listed(students, who["other"]) == {"113001"}
    assert listed(students, who["c.chen"]) == {"113002"}  # counselled
    # a teacher sees the enrolments of their own courses, not the student's other grades
    with workspace.read() as s:
        col = [c.key for c in enrolments.columns()].index("course_name") + 1
        seen = {r[col] for r in enrolments.page(s, ListQuery(viewer=who["other"]), 0, 50)}
        assert seen == {"數學"}
        seen = {r[col] for r in enrolments.page(s, ListQuery(viewer=who["t.lin"]), 0, 50)}
        assert seen == {"國語文"}


def test_ids_masked_for_roles_that_do_not_need_them(workspace, school):
    with workspace.write() as (s, a):
        accounts.create_account(s, a, "teach", "教學組長", ["academic"], "password-123")
        accounts.create_account(s, a, "reg", "註冊組長", ["registrar"], "password-123")
    teacher = accounts.sign_in(workspace.store, "teach", "password-123")
    registrar = accounts.sign_in(workspace.store, "reg", "password-123")
    col = [c.key for c in students.columns()].index("national_id") + 1
    with workspace.read() as s:
        full = [r[col] for r in students.page(s, ListQuery(viewer=registrar), 0, 10)]
        masked = [r[col] for r in students.page(s, ListQuery(viewer=teacher), 0, 10)]
        assert "A123456789" in full
        assert "A12****789" in masked and "A123456789" not in masked
        # an ID prefix finds nobody for a masked viewer (no guessing digit by digit) …
        assert students.count(s, ListQuery(search="A1234", viewer=teacher)) == 0
        assert students.count(s, ListQuery(search="A1234", viewer=registrar)) == 1
        # … nor does the whole number: only the roles that read IDs whole search by them
        assert students.count(s, ListQuery(search="A123456789", viewer=teacher)) == 0
        assert students.count(s, ListQuery(search="A123456789", viewer=registrar)) == 1
        # 課程諮詢紀錄 is not for every role
        assert consultations.count(s, ListQuery(viewer=teacher)) == 0
        assert consultations.page(s, ListQuery(viewer=teacher), 0, 10) == []
    with workspace.store.transaction() as s:
        assert reveal_national_id(s, teacher, school.students["113001"].id) == "A123456789"
    with workspace.read() as s:
        last = audit.history(s, "student", school.students["113001"].id)[-1]
    assert (last.action, last.staff_id) == ("reveal_id", teacher.staff_id)
    assert "A123456789" not in last.changes


# --- the audit log ------------------------------------------------------------------------------
def test_tampering_with_the_audit_log_is_detected(workspace, school):
    with workspace.read() as s:
        assert audit.check(s) is None
        target = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "student")
                           .order_by(AuditEntry.seq)).first().seq
    db = sqlite3.connect(workspace.store.path)
    # the store itself refuses to change or delete entries …
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit_log SET staff_id = 'x' WHERE seq = ?", (target,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit_log WHERE seq = ?", (target,))
    # … and someone who removes that guard is still found out by the hash chain
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("UPDATE audit_log SET changes = replace(changes, '王小明', '王大明') "
               "WHERE seq = ?", (target,))
    db.commit()
    with workspace.read() as s:
        broken = audit.check(s)
    assert broken is not None and broken.seq == target and "內容被改過" in broken.reason
    # recomputing the changes hash breaks the entry's own hash instead
    db.execute("UPDATE audit_log SET changes_sha256 = ? WHERE seq = ?",
               (audit.changes_digest(db.execute("SELECT changes FROM audit_log WHERE seq = ?",
                                                (target,)).fetchone()[0]), target))
    db.commit()
    with workspace.read() as s:
        assert audit.check(s).seq == target
    # deleting an entry in the middle leaves a gap in the positions: the cut is named
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute("UPDATE audit_log SET changes_sha256 = NULL WHERE seq = ?", (target,))
    db.execute("DELETE FROM audit_log WHERE seq = ?", (target - 1,))
    db.commit()
    db.close()
    with workspace.read() as s:
        broken = audit.check(s)
    assert broken.seq == target and broken.text() == f"第 {target - 1} 筆紀錄被刪除（鏈從中被截斷）"


def test_a_password_stored_with_old_argon2_costs_is_rehashed_as_a_synced_change(workspace):
    """Signing in re-stores a hash made with other Argon2 costs: a new version of the staff
    row, in the outbox like any change, and in the audit log without the hash."""
    import json

    from argon2 import PasswordHasher
    from sqlalchemy import update

    from lxp_desktop.store.sync_models import OutboxChange

    with workspace.write() as (s, a):
        staff = accounts.create_account(s, a, "old", "老帳號", ["registrar"], "password-123")
        old_hash = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1).hash("password-123")
        s.execute(update(Staff).where(Staff.id == staff.id).values(password_hash=old_hash))
        staff_id, version = staff.id, staff.version
    accounts.sign_in(workspace.store, "old", "password-123")
    with workspace.read() as s:
        row = s.get(Staff, staff_id)
        assert row.password_hash != old_hash and row.version == version + 1
        assert accounts.check_password(row.password_hash, "password-123")
        change = s.scalars(select(OutboxChange).where(OutboxChange.row_id == staff_id)
                           .order_by(OutboxChange.seq.desc())).first()
        assert "password_hash" in json.loads(change.changes)
        entry = audit.history(s, "staff", staff_id)[-2]  # then the sign-in itself
        assert entry.action == "password" and old_hash not in entry.changes
    accounts.sign_in(workspace.store, "old", "password-123")  # now current: nothing to do
    with workspace.read() as s:
        assert s.get(Staff, staff_id).version == version + 1
