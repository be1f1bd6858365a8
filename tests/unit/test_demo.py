"""The demo school (services/demo.py): valid, realistic, deterministic, and never mixed in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lxp_desktop import paths
from lxp_desktop.domain import enums, records
from lxp_desktop.domain.course_code import parse_course_code
from lxp_desktop.domain.ids import is_valid_id
from lxp_desktop.domain.postal import check_address
from lxp_desktop.domain.roc import ad_year
from lxp_desktop.services import accounts, audit
from lxp_desktop.services.demo import (
    EXT_B_CHAR,
    RARE_CHARS,
    SCHOOL_CODE,
    DemoError,
    make_demo_school,
)
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store.blobs import BlobStore
from lxp_desktop.store.models import (
    Attachment,
    AuditEntry,
    CadreRecord,
    Consultation,
    Course,
    Enrolment,
    Outcome,
    Performance,
    School,
    SchoolClass,
    Staff,
    Student,
    Term,
)

TODAY = date(2026, 11, 25)  # current term 115-1
STUDENTS = 90


def _make(folder: Path, seed: int = 7) -> tuple[Workspace, dict[str, int], list[str]]:
    ws = Workspace.open(folder, source="示範資料")
    accounts.prepare_demo_store(ws)  # demo accounts, signed in as admin (as the CLI does)
    messages: list[str] = []
    summary = make_demo_school(ws, STUDENTS, seed, messages.append, today=TODAY)
    return ws, summary, messages


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, dict[str, int],
                                                                     list[str]]]:
    ws, summary, messages = _make(tmp_path_factory.mktemp("demo"))
    yield ws, summary, messages
    ws.close()
    paths.set_data_dir(None)


def test_counts_are_plausible(demo: tuple[Workspace, dict[str, int], list[str]]) -> None:
    ws, summary, messages = demo
    assert summary["學生"] == STUDENTS + 2 * STUDENTS // 3  # three grades + two graduated cohorts
    assert summary["學期"] == 9  # 111-1 … 115-1
    assert summary["在校學生"] + summary["離校學生"] == summary["學生"]
    with ws.read() as s:
        for model, label in ((Student, "學生"), (Enrolment, "修課紀錄"), (Course, "課程"),
                             (Outcome, "課程學習成果"), (Performance, "多元表現"),
                             (CadreRecord, "幹部經歷"), (Consultation, "課程諮詢紀錄")):
            assert s.scalar(select(func.count()).select_from(model)) == summary[label] > 0
        per_term = Counter(s.execute(
            select(Enrolment.student_id, Enrolment.school_year, Enrolment.semester)
            .where(Enrolment.kind == "原修")).all())
        assert set(per_term.values()) <= set(range(13, 16))
        sizes = Counter(s.scalars(select(Student.class_id)))
        assert max(sizes.values()) <= 42
        roles = {r for text in s.scalars(select(Staff.roles)) for r in text.split(",")}
        assert {"registrar", "academic", "curriculum", "student_affairs", "counseling",
                "teacher", "consultant", "homeroom"} <= roles
        statuses = Counter(s.scalars(select(Student.status)))
        assert set(statuses) == set(enums.STUDENT_STATUSES)
        school = s.scalars(select(School)).one()
        assert school.code == SCHOOL_CODE and len(school.code) == 6
        assert check_address(school.postal_code or "", school.address or "") is None
        assert school.registrar_name
        assert s.scalar(select(func.count()).select_from(Term)) == 9
    assert messages[-1].startswith("完成") and "秒" in messages[-1]


def test_every_student_is_valid(demo: tuple[Workspace, dict[str, int], list[str]]) -> None:
    ws, _summary, _messages = demo
    with ws.read() as s:
        rows = s.execute(select(Student, SchoolClass.code)
                         .join(SchoolClass, Student.class_id == SchoolClass.id)).all()
    assert len(rows) == STUDENTS + 2 * STUDENTS // 3
    ids = [st.national_id for st, _code in rows]
    assert len(set(ids)) == len(ids)
    assert len({st.student_no for st, _code in rows}) == len(rows)
    for st, code in rows:
        assert st.national_id and is_valid_id(st.national_id), st.national_id
        assert st.national_id[1] == st.gender
        assert check_address(st.postal_code or "", st.address or "") is None, st.address
        raw = {f: getattr(st, f) for f in Student.EDITABLE if f != "class_id"}
        _clean, errors = records.clean_student({**raw, "class_code": code}, today=TODAY)
        assert errors == [], (st.student_no, errors)
        entry = date(ad_year(int(st.student_no[:3])), 9, 1)
        assert st.birth_date and 15 <= (entry - st.birth_date).days // 365 <= 16


def test_outcomes_belong_to_an_enrolment_of_the_same_student_and_term(
        demo: tuple[Workspace, dict[str, int], list[str]]) -> None:
    ws, _summary, _messages = demo
    with ws.read() as s:
        rows = s.execute(select(Outcome, Enrolment, Course)
                         .join(Enrolment, Outcome.enrolment_id == Enrolment.id)
                         .join(Course, Enrolment.course_id == Course.id)).all()
        per_term = Counter(s.execute(select(Outcome.student_id, Outcome.school_year,
                                            Outcome.semester)).all())
    assert rows
    assert {o.status for o, _e, _c in rows} == set(enums.OUTCOME_STATES)
    for outcome, enrolment, course in rows:
        assert outcome.student_id == enrolment.student_id
        assert (outcome.school_year, outcome.semester) == (enrolment.school_year,
                                                           enrolment.semester)
        assert enrolment.credits > 0
        if outcome.status == "待認證":
            assert outcome.certified_by is None
        else:
            assert outcome.certified_by == course.teacher_id and outcome.certified_at
    assert max(per_term.values()) <= 6


def test_courses_and_enrolments(demo: tuple[Workspace, dict[str, int], list[str]]) -> None:
    ws, _summary, _messages = demo
    with ws.read() as s:
        courses = list(s.scalars(select(Course)))
        enrolments = list(s.scalars(select(Enrolment)))
    categories = set()
    for course in courses:
        parsed = parse_course_code(course.code)
        assert parsed.school_code == SCHOOL_CODE and parsed.category == course.category
        categories.add(course.category)
    assert {"1", "2", "3", "5", "8", "9"} <= categories
    scored = [e for e in enrolments if e.score is not None]
    assert scored and all(e.passed == (e.score >= 60) for e in scored)
    assert any(not e.passed for e in scored)
    assert any(e.makeup_score is not None for e in scored)
    assert {"原修", "重修"} <= {e.kind for e in enrolments}
    # the current term (115-1) has not ended: no 學期成績 yet
    assert all(e.score is None for e in enrolments if (e.school_year, e.semester) == (115, 1))


def test_files_and_the_pre_check_of_past_terms(
        demo: tuple[Workspace, dict[str, int], list[str]]) -> None:
    from lxp_desktop.domain.roc import Term as TermKey
    from lxp_desktop.services.precheck import run_check

    ws, summary, _messages = demo
    with ws.read() as s:
        outcome_ids = set(s.scalars(select(Outcome.id)))
        files = list(s.scalars(select(Attachment)))
        assert {a.owner_id for a in files if a.owner_table == "outcome"} == outcome_ids
        assert any(a.owner_table == "performance" for a in files)
        assert len(files) == summary["附件"]
        assert ws.store.path is not None
        store = BlobStore(ws.store.path.parent / "attachments")
        for sha in {a.sha256 for a in files}:
            store.verify(sha)  # on disk, and the bytes still match their hash
        # a past term is ready to submit; the current one lacks scores (the term is not over)
        assert run_check(s, TermKey(114, 2), store) == []
        assert {f.code for f in run_check(s, TermKey(115, 1), store)} == {"E01"}
        left_during = s.execute(select(Enrolment.remark, Student.status).join(
            Student, Enrolment.student_id == Student.id).where(
            Enrolment.score.is_(None), Enrolment.credits > 0, Enrolment.school_year < 115,
            Student.status.in_(("轉出", "休學", "退學")))).all()
        assert left_during and all(remark and status in remark for remark, status in left_during)


def test_graduated_cohorts_and_departed_students(
        demo: tuple[Workspace, dict[str, int], list[str]]) -> None:
    ws, _summary, _messages = demo
    with ws.read() as s:
        students = list(s.scalars(select(Student)))
    graduates = [st for st in students if st.status == "畢業"]
    assert {st.student_no[:3] for st in graduates} == {"111", "112"}
    assert {st.status_date for st in graduates} == {date(2025, 7, 31), date(2026, 7, 31)}
    assert len(graduates) >= 2 * STUDENTS // 3 - 2
    for st in students:
        if st.status != "在學":
            assert st.status_date is not None and st.status_date <= TODAY
    ext_b = [st for st in students if EXT_B_CHAR in st.name]
    assert len(ext_b) == 1 and ext_b[0].status in enums.LEFT_STATUSES
    for ch in RARE_CHARS:
        assert any(ch in st.name for st in students), ch


def test_sync_columns_and_one_audit_entry_per_table(
        demo: tuple[Workspace, dict[str, int], list[str]]) -> None:
    ws, _summary, _messages = demo
    with ws.read() as s:
        row = s.scalars(select(Enrolment).limit(1)).one()
        assert row.version == 1 and not row.deleted
        assert row.updated_by == ws.actor.staff_id and row.origin == ws.actor.workstation
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "import")))
        tables = Counter(e.table_name for e in entries)
        assert set(tables.values()) == {1}
        assert {"student", "enrolment", "outcome", "course", "staff"} <= set(tables)
        assert all(e.source == "示範資料" and e.row_id == "demo" for e in entries)
        assert audit.verify(s) is None


def test_same_seed_same_school(tmp_path: Path,
                               demo: tuple[Workspace, dict[str, int], list[str]]) -> None:
    ws, summary, _messages = demo
    again, summary2, _ = _make(tmp_path / "again")
    other, _summary3, _ = _make(tmp_path / "other", seed=8)
    try:
        def people(w: Workspace) -> list[tuple[str, str, str | None]]:
            with w.read() as s:
                return [tuple(r) for r in s.execute(select(
                    Student.student_no, Student.name, Student.national_id)
                    .order_by(Student.student_no))]
        assert people(again)[:] and [p[:2] for p in people(again)] == \
            [p[:2] for p in people(ws)]
        assert summary2 == summary
        assert [p[1] for p in people(other)] != [p[1] for p in people(ws)]
    finally:
        again.close()
        other.close()


def test_refuses_a_store_that_holds_students(
        demo: tuple[Workspace, dict[str, int], list[str]]) -> None:
    ws, summary, _messages = demo
    with pytest.raises(DemoError) as caught:
        make_demo_school(ws, STUDENTS, 7, lambda _t: None, today=TODAY)
    assert "學生" in str(caught.value) and "--data-dir" in str(caught.value)
    with ws.read() as s:
        assert s.scalar(select(func.count()).select_from(Student)) == summary["學生"]


def test_needs_an_administrator(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path, source="示範資料")  # nobody signed in
    try:
        with pytest.raises(DemoError, match="系統管理者"):
            make_demo_school(ws, STUDENTS, 7, today=TODAY)
    finally:
        ws.close()
        paths.set_data_dir(None)


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lxp_desktop.cli import main

    try:
        assert main(["demo", "--students", "30", "--data-dir", str(tmp_path)]) == 0
        out = capsys.readouterr().out
        assert "建立學生" in out and "耗時" in out and "修課紀錄：" in out
        assert main(["demo", "--students", "30", "--data-dir", str(tmp_path)]) == 1
        assert "示範資料不能和真實資料混在一起" in capsys.readouterr().err
    finally:
        paths.set_data_dir(None)


def test_demo_teachers_have_students_to_see(
        demo: tuple[Workspace, dict[str, int], list[str]]) -> None:
    """Signed in as the demo 任課教師, 導師 or 課程諮詢教師, the lists are not empty: each
    took over a colleague's courses, class or consultations."""
    from lxp_desktop.services.base import ListQuery
    from lxp_desktop.services.certification import queue
    from lxp_desktop.services.portfolio import consultations
    from lxp_desktop.services.students import students

    ws, _summary, _messages = demo
    seen = {}
    for username in ("teacher", "homeroom", "consultant"):
        viewer = accounts.sign_in(ws.store, username, accounts.DEMO_PASSWORD)
        with ws.read() as s:
            seen[username] = students.count(s, ListQuery(viewer=viewer))
            if username == "teacher":
                assert queue(s, viewer), "nothing to certify"
            if username == "consultant":
                assert consultations.count(s, ListQuery(viewer=viewer)) > 0
    assert all(0 < n < STUDENTS * 2 for n in seen.values()), seen
    ws.sign_in("admin", accounts.DEMO_PASSWORD)


def test_years_keeps_more_graduated_cohorts(tmp_path: Path) -> None:
    """``--years 8``: the eight cohorts a school keeps (three in school, five graduated),
    each graduate 畢業 at the end of the third year, every term since the oldest entry."""
    ws = Workspace.open(tmp_path / "eight", source="示範資料")
    try:
        accounts.prepare_demo_store(ws)
        summary = make_demo_school(ws, 30, 7, today=TODAY, years=8, validate=False)
        assert summary["學生"] == 30 + 5 * 10
        assert summary["學期"] == 15  # 108-1 … 115-1
        with ws.read() as s:
            cohorts = Counter(int(no[:3]) for no in s.scalars(select(Student.student_no)))
            assert sorted(cohorts) == list(range(108, 116))
            graduates = s.execute(select(Student.student_no, Student.status_date)
                                  .where(Student.status == "畢業")).all()
            assert {int(no[:3]) for no, _d in graduates} <= set(range(108, 113))
            assert {int(no[:3]) for no, _d in graduates} >= set(range(108, 112))
            assert all(d.year == ad_year(int(no[:3])) + 3 for no, d in graduates)
            years = set(s.scalars(select(Enrolment.school_year)))
            assert years == set(range(108, 116))
        with pytest.raises(DemoError, match="保存學年數"):
            make_demo_school(ws, 30, 7, today=TODAY, years=13)
    finally:
        ws.close()
        paths.set_data_dir(None)
