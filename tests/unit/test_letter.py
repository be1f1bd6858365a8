"""A letter a family can check: each item with the values received (學分 and 成績), one page
for the common case, addressed to the guardian when the school chooses."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from pypdf import PdfReader

from lxp_desktop.services import notices, settings
from lxp_desktop.services.notices import received_values
from lxp_desktop.services.students import find_student
from lxp_desktop.services.students import students as student_service
from tests.notice_makers import TERM, add_courses, departed_school, enrol, set_status

ISSUED, DEADLINE = date(2025, 3, 3), date(2025, 3, 17)


def letter_text(ws, student_no: str) -> tuple[str, int]:
    out = BytesIO()
    with ws.write() as (s, a):
        made = notices.create_batch(s, a, TERM, [find_student(s, student_no).id],
                                    issued_on=ISSUED, deadline=DEADLINE)
        result = notices.render(s, made, out)
    return "\n".join(p.extract_text() for p in PdfReader(out).pages), result.pages


def test_a_letter_lists_credits_and_grades(workspace, school):
    departed_school(workspace)
    text, _pages = letter_text(workspace, "113002")
    assert text.count("2學分　成績 75") == 2 or text.count("2學分 成績 75") == 2, text
    assert "修課紀錄　113學年度第2學期（2 項）" in text or "修課紀錄 113學年度第2學期" in text
    assert "檔案數" not in text  # the old always-0 column is gone


def test_the_common_case_is_one_page(workspace, school):
    names = add_courses(workspace, 18)  # a term's courses, as most departed students have
    set_status(workspace, "113002", "轉出", postal_code="10058",
               address="臺北市中正區重慶南路一段122號3樓")
    enrol(workspace, "113002", names)
    _text, pages = letter_text(workspace, "113002")
    assert pages == 1


def test_the_letter_goes_to_the_guardian_when_the_school_chooses(workspace, school):
    departed_school(workspace)
    with workspace.write() as (s, a):
        settings.put_many(s, a, {"notice_to_guardian": 1})
        student_service.update(s, a, find_student(s, "113002").id, {"guardian": "李大同"})
    text, _pages = letter_text(workspace, "113002")
    assert "李大同 家長（監護人）／" in text and "李小華 同學 收" in text


def test_received_values_take_what_the_receipt_says_was_received():
    values = received_values('{"修課學分": "2", "學期學業成績": "75"}',
                             "學期學業成績：送出「75」，收到「57」")
    assert values == {"修課學分": "2", "學期學業成績": "57"}
