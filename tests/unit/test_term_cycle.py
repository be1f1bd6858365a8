"""A whole term on an injected clock (issue #18's test): the windows open and close, a late
certification is refused then allowed by an extension, the period is announced, letters are
made with a deadline the period covers, a paper objection postmarked on the last day is
accepted and the rest are deemed confirmed the day after — through the services the window
calls and through the command line, at the same instants."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from lxp_desktop.cli import main
from lxp_desktop.domain.deadlines import PeriodTooShort
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term
from lxp_desktop.services import accounts, certification, confirmation, notices
from lxp_desktop.services.courses import enrolments
from lxp_desktop.services.portfolio import outcomes
from lxp_desktop.services.students import find_student, students
from lxp_desktop.store.models import Outcome
from tests import receipt_maker as rm
from tests.makers import ADMIN_PASSWORD

T = Term(113, 1)


def run(capsys, *argv):
    code = main([*argv])
    out = capsys.readouterr()
    return code, out.out + out.err


def state_of(ws, student_no):
    with ws.read() as s:
        return {x.student_no: (x.state, x.state_date) for x in confirmation.states(s, T)}[
            student_no]


def test_a_whole_term_in_the_window_and_on_the_command_line(workspace, school, data_dir,
                                                            tmp_path, capsys, clock):
    ws, d = workspace, ["--data-dir", str(data_dir)]
    with ws.write("測試") as (s, a):
        enrolments.create(s, a, {"student_no": "111005", "school_year": "113", "semester": "1",
                                 "course_code": school.courses["英語文"].code, "score": "70",
                                 "credit_counted": "是", "kind": "原修"})
        # the teacher signs in on the command line with the same password as the admin
        accounts.set_password(s, a, accounts.find_account(s, "t.lin").id, ADMIN_PASSWORD)

    # --- September: the registrar sets the calendar from the command line --------------------
    clock.day = date(2024, 9, 2)
    code, text = run(capsys, "calendar", "set", "--term", "113-1", "--defaults",
                     "certification=113/08/01~114/02/21", *d)
    assert code == 0 and "任課教師認證期間：113/08/01–114/02/21　開放中" in text
    with ws.write("上傳") as (s, a):  # the window: an upload in its window
        oid = outcomes.create(s, a, {
            "student_no": "113001", "school_year": "113", "semester": "1",
            "course_code": school.courses["國語文"].code, "title": "讀書心得",
            "summary": "課堂報告"}).id

    # --- 22 February: uploads and certification have closed -----------------------------------
    clock.day = date(2025, 2, 22)
    try:
        with ws.write("上傳") as (s, a):
            outcomes.create(s, a, {"student_no": "113001", "school_year": "113",
                                   "semester": "1", "course_code": school.courses["國語文"].code,
                                   "title": "太晚", "summary": "遲交"})
        raise AssertionError("upload after the window was accepted")
    except ValidationFailed as exc:
        assert "上傳期間（113/08/01–114/02/14）已於 114/02/14 截止" in str(exc)
    code, text = run(capsys, "certify", "--user", "t.lin", "--id", str(oid), *d)
    assert code == 1 and "任課教師認證期間（113/08/01–114/02/21）已於 114/02/21 截止" in text
    code, text = run(capsys, "calendar", "extend", "--term", "113-1", "--window",
                     "certification", "--teacher", "t.lin", "--until", "114/02/28",
                     "--reason", "林老師公假", *d)
    assert code == 0 and "已展延 任課教師認證期間 至 114/02/28：教師 林老師" in text
    with ws.read() as s:
        assert s.get(Outcome, oid).status == "待認證"  # the refusal wrote nothing
    code, text = run(capsys, "certify", "--user", "t.lin", "--id", str(oid), *d)
    assert code == 0
    with ws.read() as s:
        assert s.get(Outcome, oid).status == "已認證"
    code, text = run(capsys, "progress", "--term", "113-1", *d)
    assert code == 0 and "教師　林老師　0　0　0　1　114/02/28　7" in text

    # --- March: submission, receipt, the period --------------------------------------------
    clock.day = date(2025, 3, 10)
    code, _text = run(capsys, "submission", "export", "--term", "113-1", "--category",
                      "修課紀錄", "--out", str(tmp_path / "o"), *d)
    assert code == 0
    doc = rm.from_package(tmp_path / "o" / "113_1_修課紀錄_第1次", "修課紀錄")
    zip_path = rm.write_zip(tmp_path / "r.zip", {rm.receipt_name(113, 1, "修課紀錄"): doc})
    assert run(capsys, "receipts", "import", str(zip_path), "--term", "113-1", *d)[0] == 0
    with ws.write("離校") as (s, a):
        students.update(s, a, find_student(s, "111005").id,
                        {"status": "轉出", "status_date": "114/02/01"})
    code, text = run(capsys, "confirmation", "announce", "--term", "113-1", "--start",
                     "114/03/07", "--end", "114/03/14", *d)
    assert code == 1 and "已經過去" in text  # never in the past
    code, text = run(capsys, "confirmation", "announce", "--term", "113-1", "--start",
                     "114/03/10", "--end", "114/03/14", *d)
    assert code == 0
    code, text = run(capsys, "confirmation", "change", "--term", "113-1", "--start",
                     "114/03/10", "--end", "114/03/13", *d)
    assert code == 1 and "只能延長、不能縮短" in text

    # letters issued today ask for a reply on 3/28 (4 mailing + 14 reply days): the period
    # ends 3/14, so making them is refused, naming the student, in the window and the CLI
    with ws.write("紙本通知") as (s, a):
        departed = find_student(s, "111005").id
    try:
        with ws.write("紙本通知") as (s, a):
            notices.create_batch(s, a, T, [departed], issued_on=clock.day)
        raise AssertionError("letters after the period's end were made")
    except PeriodTooShort as exc:
        assert exc.needed == date(2025, 3, 28) and "111005 張大同" in str(exc)
    code, text = run(capsys, "notices", "--term", "113-1", "--out", str(tmp_path / "n.pdf"), *d)
    assert code == 1 and "延長個別確認期限至 114/03/28" in text
    code, text = run(capsys, "calendar", "extend-period", "--term", "113-1", "--students",
                     "111005", "--until", "114/03/28", "--reason", "離校生紙本通知郵寄往返", *d)
    assert code == 0 and "已為 1 位學生延長確認期限至 114/03/28" in text
    code, text = run(capsys, "notices", "--term", "113-1", "--out", str(tmp_path / "n.pdf"), *d)
    assert code == 0
    letter = "".join(p.extract_text() for p in PdfReader(tmp_path / "n.pdf").pages)
    assert "114年3月28日" in letter.replace(" ", "")  # the day the service deems them
    with ws.read() as s:
        [notice] = notices.latest_notices(s, T).values()
        assert notice.deadline == date(2025, 3, 28)
        notice_id = notice.id

    # --- 15 March: the others are deemed to have confirmed; the departed student is not ----
    clock.day = date(2025, 3, 15)
    code, text = run(capsys, "confirmation", "status", "--term", "113-1", *d)
    assert "視為確認" in text
    assert state_of(ws, "113001") == ("視為確認", date(2025, 3, 14))
    assert state_of(ws, "111005") == ("待確認", None)

    # --- 29 March: they are deemed too, the day after their own end --------------------------
    clock.day = date(2025, 3, 29)
    assert confirmation.apply_due_in(ws) == 1
    assert state_of(ws, "111005") == ("視為確認", date(2025, 3, 28))
    # a paper objection postmarked the day after is refused; one postmarked on the last day
    # arrives on 4/2 and is accepted
    clock.day = date(2025, 4, 2)
    try:
        with ws.write("紙本通知") as (s, a):
            notices.record_reply(s, a, notice_id, notices.OBJECTED, date(2025, 3, 29),
                                 "英語文成績應為 75")
        raise AssertionError("a reply postmarked after the last day was accepted")
    except ValidationFailed as exc:
        assert "確認期間已於 114/03/28 結束" in str(exc)
    with ws.write("紙本通知") as (s, a):
        notices.record_reply(s, a, notice_id, notices.OBJECTED, date(2025, 3, 28),
                             "英語文成績應為 75")
    assert state_of(ws, "111005") == ("提出疑義", date(2025, 3, 28))
    with ws.read() as s:
        assert certification.queue(s, ws.actor) == []
