"""The term's calendar on a second PC after sync: the same windows, extensions and a departed
student's own end of the period apply there at the same instant (issue #18)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term
from lxp_desktop.services import calendar, certification, confirmation
from lxp_desktop.services.accounts import actor_for
from lxp_desktop.services.portfolio import outcomes
from lxp_desktop.store.models import Outcome, Staff
from tests.integration.stations import assert_converged, school_on_two_pcs

pytestmark = pytest.mark.postgres

T = Term(113, 1)


def test_a_second_pc_applies_the_same_calendar_after_sync(tmp_path: Path, server_url: str,
                                                          clock) -> None:
    a, b = school_on_two_pcs(tmp_path, server_url)
    clock.day = date(2024, 9, 2)
    with a.write() as (s, actor):
        calendar.save(s, actor, T, {})
        oid = outcomes.create(s, actor, {
            "student_no": "113001", "school_year": "113", "semester": "1",
            "course_code": _code(s), "title": "讀書心得",
            "summary": "課堂報告"}).id
    a.sync()
    b.sync()
    with b.ws.read() as s:
        assert calendar.is_set(s, T)
        assert calendar.date_of(s, T, "certification").end == date(2025, 2, 21)

    # after the window, PC B refuses the late certification as PC A would
    clock.day = date(2025, 2, 22)
    with b.ws.read() as s:
        teacher = actor_for(s.query(Staff).filter_by(username="t.lin").one(),
                            b.ws.store.workstation_id)
    with pytest.raises(ValidationFailed, match="認證期間.*已於 114/02/21 截止"), \
            b.write() as (s, _actor):
        certification.certify(s, teacher, [oid])
    # an extension granted on PC A opens it on PC B once synced
    with a.write() as (s, actor):
        calendar.grant(s, actor, T, "certification", "all", None, date(2025, 2, 28),
                       "全校補認證一週")
    a.sync()
    b.sync()
    with b.write() as (s, _actor):
        certification.certify(s, teacher, [oid])
    b.sync()
    a.sync()
    with a.ws.read() as s:
        assert s.get(Outcome, oid).status == "已認證"
        assert [e.reason for e in calendar.extensions(s, T)] == ["全校補認證一週"]
    assert_converged(server_url, a, b)

    # the period and a departed student's own end, set on A, deem on B at the same instants
    from lxp_desktop.services import receipts
    from lxp_desktop.services import submission as sub
    from lxp_desktop.services.students import find_student, students
    from tests import receipt_maker as rm

    clock.day = date(2025, 3, 10)
    with a.write() as (s, actor):
        package = sub.export_submission(s, actor, T, "修課紀錄", tmp_path / "out")
    doc = rm.from_package(package.folder, "修課紀錄")
    zip_path = rm.write_zip(tmp_path / "r.zip", {rm.receipt_name(113, 1, "修課紀錄"): doc})
    with a.write() as (s, actor):
        receipts.import_receipt(s, actor, zip_path, T)
        students.update(s, actor, find_student(s, "113001").id,
                        {"status": "轉出", "status_date": "114/02/01"})
        confirmation.announce(s, actor, T, date(2025, 3, 10), date(2025, 3, 14))
        confirmation.extend_for_students(s, actor, T, [find_student(s, "113001").id],
                                         date(2025, 3, 28), "離校生紙本通知郵寄往返")
    a.sync()
    b.sync()
    clock.day = date(2025, 3, 15)
    with b.write() as (s, actor):
        assert confirmation.apply_due(s, actor) == 0  # the only student has until 3/28
    clock.day = date(2025, 3, 29)
    with b.write() as (s, actor):
        assert confirmation.apply_due(s, actor) == 1
    with b.ws.read() as s:
        [row] = confirmation.states(s, T)
        assert (row.student_no, row.state, row.state_date) == (
            "113001", "視為確認", date(2025, 3, 28))
    b.sync()
    a.sync()
    assert_converged(server_url, a, b)


def _code(s) -> str:  # type: ignore[no-untyped-def]
    from lxp_desktop.store.models import Course

    return s.query(Course).filter_by(name="國語文").one().code
