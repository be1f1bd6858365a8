"""Sync between workstations through a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from lxp_desktop.services.students import students
from lxp_desktop.sync.server import server_engine
from tests.integration.stations import (
    Station,
    assert_converged,
    school_on_two_pcs,
    server_dump,
)
from tests.makers import make_small_school

pytestmark = pytest.mark.postgres


def test_a_new_store_pulls_the_whole_school(tmp_path: Path, server_url: str) -> None:
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    report = a.sync()
    assert report.pushed > 0 and a.pending() == 0
    b = Station(tmp_path / "b", server_url, "B")
    report = b.sync()  # an empty store: nothing to push, the whole school to pull
    assert report.pushed == 0 and report.pulled > 0 and not report.adopted_empty_store
    data = assert_converged(server_url, a, b)
    assert len(data["student"]) == 3 and len(data["staff"]) == 3
    # B now acts as the school's administrator, and its edits reach A
    with b.write() as (s, actor):
        st = students.get(s, next(iter(students.page(s, __import__(
            "lxp_desktop.services.base", fromlist=["ListQuery"]).ListQuery(), 0, 1)))[0])
        students.update(s, actor, st.id, {"phone": "04-23456789"})
    b.sync()
    a.sync()
    assert_converged(server_url, a, b)
    assert any(r for r in server_dump(server_url)["student"] if "04-23456789" in r)


def _bulk_student(st: Station, no: str, nid: str) -> None:
    """A row written around the outbox, as a bulk generator or importer does."""
    import uuid as _uuid
    from datetime import date

    from sqlalchemy import insert

    from lxp_desktop.store.models import Student, utcnow

    with st.write() as (s, _actor):
        s.execute(insert(Student.__table__).values(
            id=_uuid.uuid4(), student_no=no, national_id=nid, name="批次生", gender="1",
            birth_date=date(2008, 1, 2), status="在學", version=1, updated_at=utcnow(),
            origin=st.ws.store.workstation_id, deleted=False))


def test_rows_written_around_the_outbox_still_reach_the_server(tmp_path: Path,
                                                               server_url: str) -> None:
    from lxp_desktop.services.students import find_student

    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    _bulk_student(a, "113060", "A800000014")  # before the first sync: sent with it
    a.sync()
    _bulk_student(a, "113061", "A823456783")  # after it: sent when a change needs it
    with a.write() as (s, actor):
        students.update(s, actor, find_student(s, "113061").id, {"phone": "04-23450061"})
    a.sync()
    b = Station(tmp_path / "b", server_url, "B")
    b.sync()
    assert_converged(server_url, a, b)
    with b.ws.read() as s:
        assert find_student(s, "113060").name == "批次生"
        assert find_student(s, "113061").phone == "04-23450061"


def test_a_student_number_moved_to_another_student_arrives_whole(tmp_path: Path,
                                                                 server_url: str) -> None:
    from lxp_desktop.services.students import find_student

    a, b = school_on_two_pcs(tmp_path, server_url)
    with a.write() as (s, actor):
        students.update(s, actor, find_student(s, "113001").id, {"student_no": "113099"})
        students.create(s, actor, {"student_no": "113001", "national_id": "A800000014",
                                   "name": "新生", "gender": "1", "birth_date": "097/01/02",
                                   "class_code": "101", "seat_no": "31", "status": "在學"})
    a.sync()
    # B applies the page with the new 113001 before the renumbered one (the hard order)
    from lxp_desktop.sync import server as srv
    from lxp_desktop.sync.engine import CURSOR_KEY, Syncer

    engine = server_engine(server_url)
    syncer = Syncer(b.ws.store, engine)
    with engine.connect() as conn:
        page = srv.read_page(conn, int(b.ws.store.meta(CURSOR_KEY)), 100, syncer._have_locally)
    assert page is not None
    rows = page.rows["student"]
    page.rows["student"] = dict(sorted(rows.items(), key=lambda kv: kv[1]["name"] != "新生"))
    with b.ws.store.transaction() as s:
        syncer._apply_page(s, page, set())
    engine.dispose()
    b.sync()
    assert_converged(server_url, a, b)
    with b.ws.read() as s:
        assert find_student(s, "113001").name == "新生"
        assert find_student(s, "113099").name == "王小明"


def test_a_new_pc_set_up_on_its_own_takes_the_schools_accounts(tmp_path: Path,
                                                               server_url: str) -> None:
    """A PC whose first start made its own administrator, then joined the school: that
    stranger account is dropped, the school's come down, and one signs in with them."""
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    a.sync()
    b = Station(tmp_path / "b", server_url, "B")
    b._ws.set_up("clerk-b", "新電腦", "pc-b-first-password")
    report = b.sync()
    assert report.adopted_empty_store and not b._ws.signed_in
    data = assert_converged(server_url, a, b)
    assert sorted(r[0] for r in data["staff"]) == ["admin", "c.chen", "t.lin"]
    with pytest.raises(Exception, match="帳號或密碼不正確"):
        b._ws.sign_in("clerk-b", "pc-b-first-password")
    assert b.ws.signed_in  # the school's administrator signs in on the new PC


def test_a_pull_is_in_the_audit_log_under_whoever_made_the_change(tmp_path: Path,
                                                                   server_url: str) -> None:
    """B's history of a record shows A's edit: who, on which computer, what changed; the
    first copy of the school is one entry per table, not one per row; A's own change coming
    back to A adds nothing."""
    import json

    from sqlalchemy import func, select

    from lxp_desktop.services import audit
    from lxp_desktop.services.students import find_student
    from lxp_desktop.services.sync import PULL_SOURCE
    from lxp_desktop.store.models import AuditEntry

    a, b = school_on_two_pcs(tmp_path, server_url)
    with b.ws.read() as s:
        copied = s.scalars(select(AuditEntry).where(AuditEntry.source == PULL_SOURCE)).all()
        assert copied and all(e.action == "sync" for e in copied)
        assert "student" in {e.table_name for e in copied}
    with a.write() as (s, actor):
        st = find_student(s, "113002")
        students.update(s, actor, st.id, {"phone": "04-22223333", "name": "李小樺"})
        student_id, editor = st.id, actor.staff_id
    with a.ws.read() as s:
        before_a = s.scalar(select(func.count()).select_from(AuditEntry))
    a.sync()
    a.sync()
    with a.ws.read() as s:  # its own change came back: nothing new to log
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before_a
    b.sync()
    with b.ws.read() as s:
        entry = audit.history(s, "student", student_id)[-1]
        assert (entry.action, entry.source) == ("update", PULL_SOURCE)
        assert entry.staff_id == editor and entry.workstation == a.ws.store.workstation_id
        changes = json.loads(entry.changes)
        assert changes["name"] == ["李小華", "李小樺"] and changes["phone"][1] == "04-22223333"
        assert audit.verify(s) is None


def test_a_submission_and_a_receipt_made_after_the_first_sync_reach_the_others(
        tmp_path: Path, server_url: str) -> None:
    """Their items are written in bulk under one audit entry: they still go through the
    outbox, so the second PC sees the same ledger and reconciliation."""
    import json

    from sqlalchemy import func, select

    from lxp_desktop.domain.roc import Term
    from lxp_desktop.services import receipts
    from lxp_desktop.services import submission as sub
    from lxp_desktop.store.submission_models import Receipt, ReceiptItem, SubmissionItem
    from tests import receipt_maker as rm

    term = Term(113, 1)
    a, b = school_on_two_pcs(tmp_path, server_url)
    with a.write() as (s, actor):
        exported = sub.export_submission(s, actor, term, "修課紀錄", tmp_path / "out")
    doc = rm.from_package(exported.folder, "修課紀錄")
    zip_path = rm.write_zip(tmp_path / "r.zip", {rm.receipt_name(113, 1, "修課紀錄"): doc})
    with a.write() as (s, actor):
        receipts.import_receipt(s, actor, zip_path, term)

    def counts(st: Station) -> tuple[int, int]:
        with st.ws.read() as s:
            return (s.scalar(select(func.count()).select_from(SubmissionItem)) or 0,
                    s.scalar(select(func.count()).select_from(ReceiptItem)) or 0)

    assert all(counts(a))
    a.sync()
    b.sync()
    assert counts(b) == counts(a)
    assert_converged(server_url, a, b)
    for st in (a, b):  # the receipt's totals too (A's own would come back from the server)
        with st.ws.read() as s:
            receipt = s.scalars(select(Receipt)).one()
            assert json.loads(receipt.counts)["相符"] == counts(a)[1]
            assert receipts.reconciliation_counts(s, term)["相符"] == counts(a)[1]
