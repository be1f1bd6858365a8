"""The permission matrix: every role × every operation × every door, from the one table.

The expected answer of every cell comes from ``domain/roles.py`` (docs/domain.md's roles kept as
data), never from the code under test: an operation names the permission it needs, and a role
may do it exactly when the table grants that permission. Each door is driven for real —
the service functions the window's forms and buttons call, the command line (``main``), and
the import — on a school where the role's own account teaches the course, is homeroom teacher
of the class and counsels the student, so that a 任課教師, 導師 or 課程諮詢教師 is tested on
their own rows (another teacher's rows: see ``test_scope_rows.py``). An allowed operation must
succeed; a refused one must say so in Chinese (「…權限…」) and write nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from lxp_desktop.cli import main
from lxp_desktop.domain import roles
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term
from lxp_desktop.services import (
    accounts,
    attachments,
    backups,
    certification,
    duties,
    exports,
    precheck,
    settings,
)
from lxp_desktop.services.base import ListQuery
from lxp_desktop.services.cadres import cadres
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.imports import KINDS, run_import
from lxp_desktop.services.portfolio import consultations, outcomes, performances
from lxp_desktop.services.school import classes, schools, terms
from lxp_desktop.services.students import students
from lxp_desktop.store.models import AuditEntry
from tests.files import pdf_bytes, write
from tests.makers import course_code, make_small_school
from tests.xlsx_makers import write_book

PASSWORD = "password-123"
ROLE_KEYS = roles.role_keys()


@dataclass
class World:
    """A small school whose 國語文 course, class 101 and one consultation are the role's own."""

    ws: Any
    role: str
    username: str
    folder: Path
    certified: str  # an outcome of the role's course: 已認證, with a file
    pending: str  # another one, 待認證, with a file
    pdf: Path


@pytest.fixture(params=ROLE_KEYS)
def world(request, workspace, data_dir, monkeypatch) -> World:
    role: str = request.param
    school = make_small_school(workspace)
    username = f"u.{role}"
    pdf = write(data_dir.parent, "成果.pdf", pdf_bytes())
    with workspace.write("測試資料") as (s, a):
        accounts.create_account(s, a, username, f"測試{roles.ROLES[role]}", [role], PASSWORD)
        if role == "teacher":  # the course's teacher is a 任課教師 (another one otherwise)
            courses.update(s, a, school.courses["國語文"].id, {"teacher": username})
        klass = classes.page(s, ListQuery(search="101"), 0, 1)[0][0]
        classes.update(s, a, klass, {"homeroom": username})
        consultations.create(s, a, {"student_no": "113001", "date": "1131015",
                                    "place": "輔導室", "consultant": username,
                                    "content": "選修規劃", "opinion": "依興趣選修",
                                    "time": "10:00"})
        made = []
        for title in ("讀書報告", "期末專題"):
            o = outcomes.create(s, a, {"student_no": "113001", "school_year": "113",
                                       "semester": "1", "course_code": school.courses["國語文"].code,
                                       "title": title, "summary": "心得"})
            attachments.attach(s, a, "outcome", o.id, pdf)
            made.append(o)
        # certified as its teacher would (set-up: the teacher is the role's account)
        outcomes.apply(s, a, made[0], {"status": "已認證"}, action="certify")
    monkeypatch.setenv("LXP_USER", username)
    monkeypatch.setenv("LXP_PASSWORD", PASSWORD)
    workspace.sign_in(username, PASSWORD)
    return World(workspace, role, username, data_dir.parent, str(made[0].id),
                 str(made[1].id), pdf)


def audit_count(ws: Any) -> int:
    with ws.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


# --- the operations -------------------------------------------------------------------------
@dataclass(frozen=True)
class Op:
    name: str
    permission: str
    #: the window's door: the service call its form or button makes, as the signed-in actor
    service: Callable[[World], Any] | None = None
    #: the command line's door: its arguments (the result's check is shared)
    cli: Callable[[World], list[str]] | None = None
    #: a read: how many rows the role gets (refused: none, or a refusal)
    read: bool = False
    extra: tuple[str, ...] = ()  # further permissions needed (all of them)


def _write(w: World, fn: Callable[[Any, Any], Any]) -> Any:
    with w.ws.write("表單") as (s, a):
        return fn(s, a)


def _rows(w: World, service: Any, **q: Any) -> int:
    with w.ws.read() as s:
        return service.count(s, ListQuery(viewer=w.ws.actor, **q))


def _check(w: World) -> Any:
    with w.ws.read() as s:
        return precheck.run_check(s, Term(113, 1), viewer=w.ws.actor) is not None


def _accounts(w: World) -> Any:
    with w.ws.read() as s:
        return accounts.list_accounts(s, w.ws.actor)


def _export(w: World, tab: str) -> int:
    return exports.export_view(w.ws, tab, ListQuery(viewer=w.ws.actor),
                               w.folder / f"{tab}.xlsx").rows


OPS: tuple[Op, ...] = (
    # reading
    Op("學生基本資料清單", "read:student", read=True,
       service=lambda w: _rows(w, students) + _export(w, "students"),
       cli=lambda w: ["export", "roster", str(w.folder / "r.xlsx")]),
    Op("課程諮詢紀錄清單", "read:consultation", read=True,
       service=lambda w: _rows(w, consultations) + _export(w, "consultations"),
       cli=lambda w: ["export", "consultations", str(w.folder / "c.xlsx")]),
    Op("預檢", "precheck",
       service=lambda w: _check(w),
       cli=lambda w: ["check", "--term", "113-1"]),
    Op("提交紀錄", "read:submission", cli=lambda w: ["submission", "list", "--term", "113-1"]),
    Op("收訖差異", "read:receipt", cli=lambda w: ["receipts", "diff", "--term", "113-1"]),
    Op("確認狀態", "read:confirmation",
       cli=lambda w: ["confirmation", "status", "--term", "113-1"]),
    Op("紙本通知", "read:notice",
       cli=lambda w: ["notices", "--term", "113-1", "--out", str(w.folder / "n.pdf")]),
    Op("帳號清單", "manage_accounts",
       service=lambda w: _accounts(w),
       cli=lambda w: ["account", "list"]),
    Op("稽核紀錄", "audit", cli=lambda w: ["audit", "verify"]),
    Op("保存期限清單", "purge", cli=lambda w: ["retention", "list"]),
    # writing a record (the forms)
    Op("修改學生基本資料", "write:student",
       service=lambda w: _write(w, lambda s, a: students.update(
           s, a, students.page(s, ListQuery(search="113002"), 0, 1)[0][0],
           {"phone": "0912345678"}))),
    Op("新增課程", "write:course", service=lambda w: _write(w, lambda s, a: courses.create(s, a, {
        "code": course_code("03"), "name": "數學", "credits": "4", "grade": "1",
        "school_year": "113", "semester": "1"}))),
    Op("新增修課紀錄", "write:enrolment",
       service=lambda w: _write(w, lambda s, a: enrolments.create(s, a, {
           "student_no": "113001", "school_year": "113", "semester": "1",
           "course_code": course_code("02"), "credit_counted": "是", "kind": "原修"}))),
    Op("新增幹部經歷", "write:cadre_record",
       service=lambda w: _write(w, lambda s, a: cadres.create(s, a, {
           "student_no": "113001", "school_year": "113", "semester": "1",
           "unit_name": "一年一班", "position": "班長", "level": "2"}))),
    Op("新增課程諮詢紀錄", "write:consultation",
       service=lambda w: _write(w, lambda s, a: consultations.create(s, a, {
           "student_no": "113001", "date": "1131020", "place": "輔導室", "time": "10:00",
           "consultant": w.username, "content": "選修規劃", "opinion": "再談"}))),
    Op("新增課程學習成果", "write:outcome",
       service=lambda w: _write(w, lambda s, a: outcomes.create(s, a, {
           "student_no": "113001", "school_year": "113", "semester": "1",
           "course_code": course_code("01"), "title": "學習單", "summary": "學習單"}))),
    Op("新增多元表現", "write:performance",
       service=lambda w: _write(w, lambda s, a: performances.create(s, a, {
           "student_no": "113001", "school_year": "113", "kind": "服務學習紀錄",
           "title": "淨灘", "summary": "淨灘活動", "in_school": "否"}))),
    Op("修改學校資料", "write:school",
       service=lambda w: _write(w, lambda s, a: schools.update(
           s, a, schools.page(s, ListQuery(), 0, 1)[0][0], {"phone": "04-1234567"}))),
    Op("新增學期", "write:term", service=lambda w: _write(w, lambda s, a: terms.create(s, a, {
        "school_year": "114", "semester": "1", "start_date": "114/08/01",
        "end_date": "115/01/31"}))),
    Op("新增班級", "write:school_class",
       service=lambda w: _write(w, lambda s, a: classes.create(s, a, {
           "school_year": "113", "code": "102", "name": "一年二班", "grade": "1"}))),
    Op("學校設定", "write:setting",
       service=lambda w: _write(w, lambda s, a: settings.put(s, a, "retention_years", 6)),
       cli=lambda w: ["settings", "retention_years=6"]),
    Op("承辦人與代理人", "write:duty",
       service=lambda w: _write(w, lambda s, a: duties.seed_default_duties(s, a)),
       cli=lambda w: ["duties", "--seed"]),
    Op("新增教職員帳號", "manage_accounts",
       service=lambda w: _write(w, lambda s, a: accounts.create_account(
           s, a, "new.one", "新同事", ["teacher"], PASSWORD))),
    # the portfolio's own actions
    Op("附加成果檔案", "write:outcome",
       service=lambda w: _write(w, lambda s, a: attachments.attach(
           s, a, "outcome", w.pending, pdf_bytes("補充"), "補充.pdf")),
       cli=lambda w: ["attach", "outcome", w.pending,
                      str(write(w.folder, "第二份.pdf", pdf_bytes("second")))]),
    Op("勾選成果", "write:outcome",
       service=lambda w: _write(w, lambda s, a: certification.set_selected(
           s, a, "outcome", [w.certified], True)),
       cli=lambda w: ["select", "outcome", w.certified]),
    Op("認證成果", "certify",
       service=lambda w: _write(w, lambda s, a: certification.certify(s, a, [w.pending])),
       cli=lambda w: ["certify", "--id", w.pending]),
    Op("備份", "backup", service=lambda w: backups.back_up(w.ws, w.folder / "b.zip"),
       cli=lambda w: ["backup", "--out", str(w.folder / "b2.zip")]),
)


def allowed(role: str, op: Op) -> bool:
    """The answer of the table (domain/roles.py) for this role and operation."""
    return all(roles.holds(frozenset({role}), p) for p in (op.permission, *op.extra))


def _refused(exc: BaseException) -> bool:
    return isinstance(exc, ValidationFailed) and "權限" in str(exc)


# --- door 1: the window's service calls -----------------------------------------------------------
def test_service_door(world: World) -> None:
    got: dict[str, bool] = {}
    for op in OPS:
        if op.service is None:
            continue
        before = audit_count(world.ws)
        try:
            result = op.service(world)
        except ValidationFailed as exc:
            assert _refused(exc), (op.name, str(exc))
            assert audit_count(world.ws) == before, f"{op.name}: refused but written"
            got[op.name] = False
            continue
        got[op.name] = bool(result) if op.read else True
    expected = {op.name: allowed(world.role, op) for op in OPS if op.service is not None}
    assert got == expected


# --- door 2: the command line ---------------------------------------------------------------------
def test_command_line_door(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    got: dict[str, bool] = {}
    messages: dict[str, str] = {}
    for op in OPS:
        if op.cli is None:
            continue
        argv = op.cli(world)
        capsys.readouterr()
        code = main(argv)
        out, err = capsys.readouterr()
        messages[op.name] = err
        if "權限" in err:
            assert code == 1, (op.name, code, err)
            got[op.name] = False
        else:
            assert code in (0, 1) and "Traceback" not in err, (op.name, code, err)
            if op.name == "預檢":
                assert "預檢：須修正" in out
            else:
                assert code == 0, (op.name, out, err)
            if op.read:  # an export that runs yields the role's rows, not an empty file
                got[op.name] = "已匯出 0 筆" not in out
            else:
                got[op.name] = True
    expected = {op.name: allowed(world.role, op) for op in OPS if op.cli is not None}
    assert got == expected, messages


# --- door 3: the import ---------------------------------------------------------------------------
def _import_rows(kind: str, code: str) -> list[list[Any]]:
    values = {
        "roster": {"學號": "113009", "身分證統一編號": "A800000014", "姓名": "林新生",
                   "性別": "女", "出生日期": "097/05/12", "班級": "101", "座號": 9,
                   "學籍狀態": "在學", "郵遞區號": "40756",
                   "通訊地址": "臺中市西屯區福星路123號"},
        "courses": {"課程代碼": course_code("04"), "科目名稱": "歷史", "學分數": 2,
                    "開課年級": 1, "學年度": 113, "學期": 1},
        "enrolments": {"學號": "113002", "學年度": 113, "學期": 1, "課程代碼": code,
                       "修課學分": 4, "學期學業成績": 75, "是否採計學分": "是"},
        "cadres": {"學號": "113001", "學年度": 113, "學期": 1, "單位名稱": "一年一班",
                   "擔任職務": "副班長", "幹部等級": 2},
        "performances": {"學號": "113001", "學年度": 113, "類別": "服務學習紀錄",
                         "名稱": "社區服務", "主辦單位": "本校", "開始日期": "113/10/01",
                         "結束日期": "113/10/02", "時數": 4, "內容簡述": "社區打掃",
                         "校內／校外": "校外"},
    }[kind]
    return [[values.get(h) for h in KINDS[kind].headers]]


@pytest.mark.parametrize("kind", list(KINDS))
def test_import_door(world: World, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_book(world.folder / f"{kind}.xlsx", KINDS[kind].headers,
                      _import_rows(kind, course_code("02")), KINDS[kind].label)
    table = KINDS[kind].service.table
    permitted = roles.holds(frozenset({world.role}), f"write:{table}") and roles.holds(
        frozenset({world.role}), "all_students")
    before = audit_count(world.ws)
    report = run_import(world.ws, kind, path, dry_run=False)
    if permitted:
        assert report.committed and report.error_count == 0, report.full_text()
    else:
        assert not report.committed
        assert "權限" in report.full_text()
        assert audit_count(world.ws) == before
    # the command line's import says the same
    other = write_book(world.folder / f"{kind}_cli.xlsx", KINDS[kind].headers,
                       _import_rows(kind, course_code("02")), KINDS[kind].label)
    code = main(["import", kind, str(other)])
    out = capsys.readouterr().out
    assert code == (0 if permitted else 1), out
    assert ("權限" in out) is not permitted


def test_the_table_covers_every_role_and_names_every_permission() -> None:
    """Every role of docs/domain.md §6 is in the table, and every operation above asks a
    permission the table knows (a typo would make a cell silently 'refused')."""
    assert set(ROLE_KEYS) == {"registrar", "academic", "curriculum", "student_affairs",
                              "counseling", "internship", "teacher", "consultant",
                              "homeroom", "admin"}
    known = set(roles.permissions())
    for op in OPS:
        assert op.permission in known, op.name
    # each operation is allowed for someone, and all but the student list (every role has
    # students of its own) refused to someone
    for op in OPS:
        verdicts = {allowed(r, op) for r in ROLE_KEYS}
        assert verdicts == ({True} if op.permission == "read:student" else {True, False}), op.name


def test_the_table_says_what_the_domain_says() -> None:
    """The table against docs/domain.md §1/§9 and the school's 職掌分工表 (seeds/002), read
    independently of the code: who keeps each part, who submits and mails, who sees IDs."""
    def holders(permission: str) -> set[str]:
        return {r for r in ROLE_KEYS if r != "admin" and roles.holds(frozenset({r}), permission)}

    assert holders("write:student") == {"registrar"}  # 學籍: 註冊組
    assert holders("write:enrolment") == {"registrar"}  # 修課紀錄 and grades: 註冊組
    assert "student_affairs" in holders("write:cadre_record")  # 幹部經歷: 學務處 (訓育組)
    assert "consultant" in holders("write:consultation")  # 課程諮詢紀錄: 課程諮詢教師
    assert "teacher" not in holders("read:consultation")  # kept in school, for those who counsel
    assert holders("certify") == {"teacher"}  # the course's teacher (or proxy); not even admin
    assert not roles.holds(frozenset({"admin"}), "certify")
    for cycle in ("write:submission", "write:receipt", "write:confirmation_period",
                  "write:notice", "read:notice", "precheck"):
        assert holders(cycle) == {"registrar"}, cycle  # 統整上傳, 紙本通知: 註冊組
    assert holders("full_ids") == {"registrar"}
    assert holders("all_students") == set(roles.OFFICES)
    assert not holders("all_students") & {"teacher", "consultant", "homeroom"}
    # 系統管理者 holds every permission of the table but the personal one
    assert all(roles.holds(frozenset({"admin"}), p) for p in roles.permissions()
               if p not in roles.PERSONAL)
    # nobody signed in holds nothing
    assert not any(roles.holds(frozenset(), p) for p in roles.permissions())
