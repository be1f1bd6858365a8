"""Paper notices and the receipt confirmation meet: who is notified, what their letter lists,
its deadline, and a reply slip's answer becoming the student's confirmation state."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lxp_desktop.domain.deadlines import PeriodTooShort
from lxp_desktop.domain.roc import Term
from lxp_desktop.services import confirmation, notices, receipts
from lxp_desktop.services import submission as sub
from lxp_desktop.services.courses import enrolments
from lxp_desktop.services.students import students
from tests import receipt_maker as rm

T = Term(113, 1)


def test_notices_follow_the_receipt_and_replies_feed_the_confirmation(workspace, school,
                                                                      tmp_path, clock):
    ws = workspace
    with ws.write("測試") as (s, a):
        enrolments.create(s, a, {"student_no": "111005", "school_year": "113", "semester": "1",
                                 "course_code": school.courses["英語文"].code, "score": "70",
                                 "credit_counted": "是", "kind": "原修"})
        # 113002 left too, but has nothing in this term's submission
        students.update(s, a, school.students["113002"].id,
                        {"status": "轉出", "status_date": "113/12/01"})
        package = sub.export_submission(s, a, T, "修課紀錄", tmp_path / "out")
        students.update(s, a, school.students["111005"].id,
                        {"status": "休學", "status_date": "114/01/20"})
    with ws.read() as s:
        # before the receipt: every departed student, with their records of the term
        assert [st.student_no for st in notices.departed_students(s, T)] == ["113002", "111005"]

    doc = rm.from_package(package.folder, "修課紀錄")
    zip_path = rm.write_zip(tmp_path / "r.zip", {rm.receipt_name(113, 1, "修課紀錄"): doc})
    start = clock.day
    with ws.write("測試") as (s, a):
        receipts.import_receipt(s, a, zip_path, T)
        confirmation.announce(s, a, T, start, start + timedelta(days=7))
    with ws.read() as s:
        departed = notices.departed_students(s, T)
        assert [st.student_no for st in departed] == ["111005"]  # only who has items
        items = notices.items_for(s, departed[0].id, T)
        assert [(i.category, i.title) for i in items] == [("修課紀錄", "英語文")]

    # mailing 4 + reply 14 days do not fit in a 7-day period: refused, naming the student
    with ws.write("測試") as (s, a), pytest.raises(PeriodTooShort) as short:
        notices.create_batch(s, a, T, [departed[0].id], issued_on=start)
    assert short.value.needed == start + timedelta(days=18)
    assert "111005" in str(short.value) and "延長個別確認期限" in str(short.value)
    with ws.write("測試") as (s, a):
        confirmation.extend_for_students(s, a, T, [departed[0].id], short.value.needed,
                                         "離校生紙本通知郵寄往返")
        [notice] = notices.create_batch(s, a, T, [departed[0].id], issued_on=start)
        # the letter prints the student's own last day, the one the service applies
        assert notice.deadline == start + timedelta(days=18)
        notices.mark_sent(s, a, notice.id, start)
        notices.record_reply(s, a, notice.id, notices.OBJECTED, start,
                             "英語文成績應為 75 分")
    with ws.read() as s:
        [state] = confirmation.states(s, T, (confirmation.OBJECTED,))
        assert state.student_no == "111005"
        assert confirmation.counts(s, T).objections_open == 1
