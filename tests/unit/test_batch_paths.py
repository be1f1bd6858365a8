"""The fast paths of imports: batch mode's bulk writes and the reading child process.

Each must do exactly what the plain path does: the same rows, versions, sync columns and
audit entries; the same table read from a file; nothing written on a cancel.
"""

from __future__ import annotations

import json
import multiprocessing
import zipfile

import pytest
from sqlalchemy import func, select

from lxp_desktop.domain.ids import make_id
from lxp_desktop.io import tabular
from lxp_desktop.io.tabular import FileProblem, open_table
from lxp_desktop.services import audit
from lxp_desktop.services.base import batch
from lxp_desktop.services.courses import enrolments
from lxp_desktop.services.imports import run_import
from lxp_desktop.services.students import students
from lxp_desktop.store.models import AuditEntry, Enrolment, Student
from tests.makers import course_code
from tests.xlsx_makers import ENROL, ROSTER, enrol_row, roster_row, write_book

SKIP = {"id", "course_id", "updated_at"}


def _values(s, student_no: str, code: str) -> dict:
    """Checked values of an enrolment, less what the ORM fills by default (kind, 採計)."""
    values = enrolments.validate(s, {"student_no": student_no, "school_year": "113",
                                     "semester": "1", "course_code": code, "score": "61.5"})
    del values["kind"], values["credit_counted"]
    return values


def _row(s, row_id) -> dict:
    e = s.get(Enrolment, row_id)
    return {c.key: getattr(e, c.key) for c in Enrolment.__table__.columns if c.key not in SKIP}


def _entries(s, row_id) -> list[tuple]:
    out = []
    for e in audit.history(s, "enrolment", row_id):
        changes = json.loads(e.changes)
        changes.pop("course_id", None)
        out.append((e.action, e.staff_id, e.workstation, e.source, changes))
    return out


def test_bulk_insert_and_update_match_single_writes(workspace, school):
    with workspace.write("單筆") as (s, a):
        single = enrolments.insert(s, a, _values(s, "113002", course_code("01")))
        assert isinstance(single, Enrolment)
        single_id = single.id
    with workspace.write("單筆") as (s, a), batch(s):
        bulk = enrolments.insert(s, a, _values(s, "113002", course_code("02")))
        assert not isinstance(bulk, Enrolment)  # a NewRow stands for the queued row
        assert bulk.version == 1 and bulk.kind == "原修" and bulk.credit_counted is True
        bulk_id = bulk.id
        # a query in batch mode sees the queued row (as autoflush would)
        assert s.get(Enrolment, bulk_id) is not None
    with workspace.read() as s:
        assert _row(s, single_id) == _row(s, bulk_id)
        got = _row(s, bulk_id)
        assert got["version"] == 1 and got["deleted"] is False and got["kind"] == "原修"
        assert got["updated_by"] == workspace.actor.staff_id
        assert got["origin"] == workspace.store.workstation_id
        assert _entries(s, single_id) == _entries(s, bulk_id)
        assert _entries(s, bulk_id)[0][4]["kind"] == [None, "原修"]

    # changes: the single path on one row, batch mode on the other
    with workspace.write("單筆") as (s, a):
        obj = s.get(Enrolment, single_id)
        enrolments.apply(s, a, obj, {"score": 40.0, "passed": False})
    with workspace.write("單筆") as (s, a), batch(s):
        obj = s.get(Enrolment, bulk_id)
        enrolments.apply(s, a, obj, {"score": 40.0, "passed": False})
        assert obj.version == 2 and obj.score == 40.0  # the object shows the new values
        enrolments.apply(s, a, obj, {"remark": "補交作業"})  # twice in one batch
    with workspace.write("單筆") as (s, a):
        enrolments.apply(s, a, s.get(Enrolment, single_id), {"remark": "補交作業"})
    with workspace.read() as s:
        assert _row(s, single_id) == _row(s, bulk_id)
        assert _row(s, bulk_id)["version"] == 3 and _row(s, bulk_id)["score"] == 40.0
        assert _entries(s, single_id) == _entries(s, bulk_id)
        assert [e[0] for e in _entries(s, bulk_id)] == ["create", "update", "update"]
        assert audit.check(s) is None


def test_new_row_changed_in_the_same_batch(workspace, school):
    nid = make_id("A", "1", "7654321")
    with workspace.write("批次") as (s, a), batch(s):
        st = students.insert(s, a, students.validate(s, {
            "student_no": "113099", "national_id": nid, "name": "周小安", "gender": "1",
            "birth_date": "097/05/12", "class_code": "101", "seat_no": "9"}))
        students.apply(s, a, st, {"name": "周小平"})
        # lookups and queries both find it, with its new name
        assert students.validate(s, {"student_no": "113099", "national_id": nid, "name": "周",
                                     "gender": "1", "birth_date": "097/05/12"}, st)
        assert s.scalar(select(Student.name).where(Student.student_no == "113099")) == "周小平"
    with workspace.read() as s:
        row = s.scalars(select(Student).where(Student.student_no == "113099")).one()
        assert (row.name, row.version) == ("周小平", 2)
        assert [e.action for e in audit.history(s, "student", row.id)] == ["create", "update"]
        assert audit.check(s) is None


# ------------------------------------------------------------------- the reading child
@pytest.fixture
def always_background(monkeypatch):
    monkeypatch.setattr(tabular, "BACKGROUND_MIN_BYTES", 0)


def _read_all(path, background: bool):
    with open_table(path, background=background) as t:
        return t.fmt, t.sheet, t.header, t.merged, t.total_rows, list(t.rows)


def test_child_reads_the_same_table_and_stops_when_closed(tmp_path, always_background):
    import datetime as dt

    rows = [roster_row(f"4{i:05d}", make_id("F", "1", f"{i:07d}"), f"學生{i}",
                       出生日期=dt.datetime(2008, 5, 1 + i % 28)) for i in range(1300)]
    rows[7][ROSTER.index("座號")] = "=A1"
    path = write_book(tmp_path / "r.xlsx", ROSTER, rows, merge="M5:N5")
    assert _read_all(path, True) == _read_all(path, False)
    # a write-only workbook (our exports) has no <dimension>: the same table too
    plain = tmp_path / "w.xlsx"
    tabular.write_xlsx(plain, "資料", [tabular.OutColumn(h) for h in ROSTER], rows[:50])
    assert b"<dimension" not in zipfile.ZipFile(plain).read(
        "xl/worksheets/sheet1.xml")
    assert _read_all(plain, True) == _read_all(plain, False)

    table = open_table(path, background=True)
    assert next(table.rows)[0] == 2
    assert multiprocessing.active_children()
    table.close()
    assert not multiprocessing.active_children()


def test_child_reports_a_damaged_file(tmp_path, always_background):
    good = write_book(tmp_path / "good.xlsx", ROSTER, [])
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[:300])
    with pytest.raises(FileProblem) as exc:
        open_table(bad, background=True)
    assert "已損毀" in str(exc.value)
    assert not multiprocessing.active_children()


def _counts(ws) -> tuple[int, int]:
    with ws.read() as s:
        return (s.scalar(select(func.count()).select_from(Enrolment)) or 0,
                s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_import_through_the_child_cancel_and_commit(workspace, school, tmp_path,
                                                   always_background):
    rows = [enrol_row(no, course_code(subject), 50 + i)
            for i, (no, subject) in enumerate((("113001", "01"), ("113002", "01"),
                                                ("113002", "02"), ("111005", "01")))]
    path = write_book(tmp_path / "e.xlsx", ENROL, rows * 300)  # 1,200 rows, mostly repeats
    before = _counts(workspace)

    def progress(done, total, text):
        if done >= 500:
            raise RuntimeError("cancelled")

    report = run_import(workspace, "enrolments", path, dry_run=False, progress=progress)
    assert report.cancelled and not report.committed
    assert _counts(workspace) == before and not multiprocessing.active_children()

    # repeated keys are still found when reading through the child
    report = run_import(workspace, "enrolments", path, dry_run=False)
    assert not report.committed and report.error_count == 1196
    assert _counts(workspace) == before

    path = write_book(tmp_path / "ok.xlsx", ENROL, rows)
    report = run_import(workspace, "enrolments", path, dry_run=False)
    assert report.committed and (report.new, report.changed) == (3, 1), report.full_text()
    assert _counts(workspace) == (before[0] + 3, before[1] + 4)
    with workspace.read() as s:
        assert audit.check(s) is None
    assert not multiprocessing.active_children()


def test_bulk_rows_are_stored_as_the_orm_stores_them(workspace, school):
    """The bulk writer converts values itself: SQLite must hold the very same forms (UUID
    text, UTC timestamps, 0/1, REAL) as the ORM's writes, in the row, its audit entry and
    its outbox entry."""
    with workspace.write("單筆") as (s, a):
        single_id = enrolments.insert(s, a, _values(s, "113002", course_code("01"))).id
    with workspace.write("批次") as (s, a), batch(s):
        bulk_id = enrolments.insert(s, a, _values(s, "113002", course_code("02"))).id
    shape = ("typeof({0}) || ':' || length({0}) || ':' || "
             "({0} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] *')")
    queries = {
        "enrolment": ("SELECT " + ", ".join(shape.format(c) for c in (
            "id", "student_id", "course_id", "updated_at", "passed", "score", "deleted"))
            + " FROM enrolment WHERE id = ?"),
        "audit_log": ("SELECT " + ", ".join(shape.format(c) for c in ("row_id", "at"))
                      + " FROM audit_log WHERE row_id = ?"),
        "sync_outbox": ("SELECT " + ", ".join(shape.format(c) for c in (
            "change_id", "row_id", "created_at", "base_version")) + " FROM sync_outbox "
            "WHERE row_id = ?"),
    }
    with workspace.read() as s:
        conn = s.connection()
        for table, sql in queries.items():
            key = (lambda i: str(i)) if table == "audit_log" else (lambda i: i.hex)
            got = [conn.exec_driver_sql(sql, (key(i),)).one() for i in (single_id, bulk_id)]
            assert got[0] == got[1], table
        stamps = [conn.exec_driver_sql("SELECT updated_at FROM enrolment WHERE id = ?",
                                       (i.hex,)).scalar() for i in (single_id, bulk_id)]
        assert all(len(t) == 26 and t[10] == " " for t in stamps), stamps
