"""Tests of lxp_desktop.domain.records: every cleaner's happy path and each error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from lxp_desktop.domain.errors import FieldError
from lxp_desktop.domain.records import (
    LABELS,
    RECORD_FIELDS,
    clean_bool,
    clean_cadre,
    clean_consultation,
    clean_course,
    clean_date,
    clean_decimal,
    clean_enrolment,
    clean_int,
    clean_outcome,
    clean_performance,
    clean_student,
    clean_text,
    clean_time,
    labels,
)

TODAY = dt.date(2025, 3, 1)
CODE = "113012345H11101A1010201"


def by_field(errors: list[FieldError]) -> dict[str, str]:
    return {e.field: e.message for e in errors}


def assert_error(errors: list[FieldError], field: str, label: str, *words: str) -> None:
    found = by_field(errors)
    assert field in found, f"no error for {field}: {errors}"
    assert label in found[field], found[field]
    for word in words:
        assert word in found[field], found[field]


# ---------------------------------------------------------------- labels


def test_labels_cover_every_field() -> None:
    for record, fields in RECORD_FIELDS.items():
        table = labels(record)
        assert list(table) == list(fields)
        assert all(table.values())
    assert labels("enrolment")["credits"] == "修課學分"
    assert labels("course")["name"] == "科目名稱"
    assert labels("outcome")["summary"] == "成果簡述"
    assert labels("performance")["summary"] == "內容簡述"
    assert LABELS["national_id"] == "身分證統一編號"


# ---------------------------------------------------------------- value helpers


def test_clean_int() -> None:
    assert clean_int("１２", "座號") == (12, None)
    assert clean_int(12.0, "座號") == (12, None)
    assert clean_int("12.0", "座號") == (12, None)
    assert clean_int(Decimal("3"), "座號") == (3, None)
    assert clean_int("", "座號") == (None, None)
    assert clean_int("-1", "時數", none_values=(-1,)) == (None, None)
    for bad in ("abc", "1.5", 1.5, True):
        value, message = clean_int(bad, "座號")
        assert value is None and message is not None and "座號" in message and "整數" in message
    value, message = clean_int("100", "座號", minimum=1, maximum=99)
    assert value is None and message is not None and "1 到 99" in message
    value, message = clean_int(None, "學年度", required=True)
    assert message is not None and "學年度" in message and "必須填寫" in message


def test_clean_decimal() -> None:
    assert clean_decimal("85.5", "成績") == (Decimal("85.5"), None)
    assert clean_decimal(85.5, "成績") == (Decimal("85.5"), None)
    assert clean_decimal("８５", "成績") == (Decimal("85"), None)
    assert clean_decimal(-1, "成績", none_values=(-1,)) == (None, None)
    assert clean_decimal("-1", "成績", none_values=(-1,)) == (None, None)
    value, message = clean_decimal("101", "成績", minimum=0, maximum=100)
    assert value is None and message is not None and "成績" in message and "0 到 100" in message
    for bad in ("A", "1,5", float("nan"), "inf"):
        value, message = clean_decimal(bad, "成績")
        assert value is None and message is not None and "不是數字" in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("是", True), ("否", False), ("Y", True), ("n", False), ("1", True), ("0", False),
     ("true", True), ("FALSE", False), (1, True), (0.0, False), (True, True), ("及格", True),
     ("不及格", False), ("ｙ", True)],
)  # fmt: skip
def test_clean_bool(value: object, expected: bool) -> None:
    assert clean_bool(value, "成績及格") == (expected, None)


def test_clean_bool_blank_and_bad() -> None:
    assert clean_bool("", "校內", default=True) == (True, None)
    assert clean_bool(None, "成績及格") == (None, None)
    value, message = clean_bool("maybe", "成績及格")
    assert value is None and message is not None and "成績及格" in message and "是" in message


def test_clean_date() -> None:
    assert clean_date("1130901", "出生日期") == (dt.date(2024, 9, 1), None)
    assert clean_date("", "出生日期") == (None, None)
    value, message = clean_date("113/02/30", "出生日期")
    assert value is None and message is not None and message.startswith("出生日期：")
    assert "不存在" in message
    value, message = clean_date("114/03/02", "出生日期", maximum=TODAY)
    assert (
        value is None and message is not None and "出生日期" in message and "114/03/02" in message
    )
    value, message = clean_date("", "出生日期", required=True)
    assert message is not None and "出生日期" in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("9:30", "09:30"), ("09:30", "09:30"), ("0930", "09:30"), ("14:05:00", "14:05"),
     ("下午2:00", "14:00"), ("上午12:10", "00:10"), ("2:00 PM", "14:00"), ("１４：３０", "14:30"),
     (dt.time(8, 5), "08:05"), (dt.datetime(2024, 9, 1, 13, 45), "13:45"), (0.375, "09:00")],
)  # fmt: skip
def test_clean_time(value: object, expected: str) -> None:
    assert clean_time(value, "時間") == (expected, None)


@pytest.mark.parametrize("value", ["25:00", "9:60", "noon", "9"])
def test_clean_time_bad(value: str) -> None:
    result, message = clean_time(value, "時間")
    assert result is None and message is not None and "時間" in message and "09:30" in message


def test_clean_text() -> None:
    assert clean_text("\u3000王小明 ", "姓名") == ("王小明", None)
    assert clean_text("", "姓名") == (None, None)
    value, message = clean_text("a\nb", "姓名")
    assert value is None and message is not None and "姓名" in message and "換行" in message
    assert clean_text("a\nb", "備註", multiline=True) == ("a\nb", None)
    value, message = clean_text("字" * 41, "姓名", max_len=40)
    assert message is not None and "姓名" in message and "41" in message


# ---------------------------------------------------------------- student


def student(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "student_no": "１１０００１",
        "national_id": " a123456789 ",
        "name": "\u3000王小明 ",
        "gender": "男",
        "birth_date": "0950512",
        "class_code": "101",
        "seat_no": "7",
        "status": "",
        "status_date": "",
        "guardian": "王大明",
        "postal_code": "100",
        "address": "台北市中正區重慶南路一段１２２號",
        "phone": "(02)2345-6789#12",
        "email": "wang@example.com",
    }
    raw.update(changes)
    return raw


def test_student_happy_path() -> None:
    clean, errors = clean_student(student(), today=TODAY)
    assert errors == []
    assert clean == {
        "student_no": "110001",
        "national_id": "A123456789",
        "name": "王小明",
        "gender": "1",
        "birth_date": dt.date(2006, 5, 12),
        "class_code": "101",
        "seat_no": 7,
        "status": "在學",
        "status_date": None,
        "guardian": "王大明",
        "postal_code": "100",
        "address": "台北市中正區重慶南路一段122號",
        "phone": "(02)2345-6789#12",
        "email": "wang@example.com",
        "special_status": None,
        "admission_method": None,
    }


def test_student_optional_fields_empty() -> None:
    raw = student(class_code="", seat_no=None, guardian="", postal_code="", address="",
                  phone="", email="")  # fmt: skip
    clean, errors = clean_student(raw, today=TODAY)
    assert errors == []
    for field in ("class_code", "seat_no", "guardian", "postal_code", "address", "phone", "email"):
        assert clean[field] is None


def test_student_name_kept_as_typed() -> None:
    clean, errors = clean_student(student(name="Ｍａｒｙ　林‧瓦旦"), today=TODAY)
    assert errors == [] and clean["name"] == "Ｍａｒｙ　林‧瓦旦"


@pytest.mark.parametrize(
    ("changes", "field", "label", "words"),
    [
        ({"student_no": ""}, "student_no", "學號", ["必須填寫"]),
        ({"student_no": "110-001"}, "student_no", "學號", ["12"]),
        ({"student_no": "1234567890123"}, "student_no", "學號", []),
        ({"national_id": ""}, "national_id", "身分證統一編號", []),
        ({"national_id": "A123456780"}, "national_id", "身分證統一編號", ["檢查碼"]),
        ({"national_id": "A12345"}, "national_id", "身分證統一編號", ["格式"]),
        ({"name": "  "}, "name", "姓名", ["必須填寫"]),
        ({"name": "字" * 41}, "name", "姓名", ["40"]),
        ({"gender": ""}, "gender", "性別", ["1"]),
        ({"gender": "3"}, "gender", "性別", ["男", "女"]),
        ({"birth_date": ""}, "birth_date", "出生日期", ["必須填寫"]),
        ({"birth_date": "95/02/30"}, "birth_date", "出生日期", ["不存在"]),
        ({"birth_date": "114/03/02"}, "birth_date", "出生日期", ["晚於"]),
        ({"birth_date": "1899-12-31"}, "birth_date", "出生日期", ["年份"]),
        ({"seat_no": "0"}, "seat_no", "座號", ["1 到 99"]),
        ({"seat_no": "七"}, "seat_no", "座號", ["整數"]),
        ({"status": "在校"}, "status", "學籍狀態", ["在學", "延修"]),
        ({"status": "轉出"}, "status_date", "學籍異動日期", ["轉出"]),
        ({"status": "畢業", "status_date": "abc"}, "status_date", "學籍異動日期", ["看不懂"]),
        ({"postal_code": "1234"}, "postal_code", "郵遞區號", ["格式"]),
        ({"postal_code": "999"}, "postal_code", "郵遞區號", ["999"]),
        ({"postal_code": "407"}, "address", "通訊地址", ["郵遞區號", "臺中市西屯區"]),
        ({"address": "重慶南路一段122號"}, "address", "通訊地址", ["縣市"]),
        ({"phone": "abc-defg"}, "phone", "聯絡電話", ["數字"]),
        ({"phone": "12-34"}, "phone", "聯絡電話", []),
        ({"phone": "--------"}, "phone", "聯絡電話", ["數字太少"]),
        ({"email": "wang@"}, "email", "電子郵件", ["name@example.com"]),
        ({"email": "wang example.com"}, "email", "電子郵件", []),
    ],
)
def test_student_errors(changes: dict[str, Any], field: str, label: str, words: list[str]) -> None:
    clean, errors = clean_student(student(**changes), today=TODAY)
    assert_error(errors, field, label, *words)
    assert clean[field] is None


def test_student_left_with_date() -> None:
    clean, errors = clean_student(student(status="轉出", status_date="113/10/01"), today=TODAY)
    assert errors == []
    assert clean["status"] == "轉出" and clean["status_date"] == dt.date(2024, 10, 1)


def test_student_postal_code_plus_digits_and_shared_code() -> None:
    raw = student(postal_code="300-12", address="新竹市香山區中華路五段1號")
    clean, errors = clean_student(raw, today=TODAY)
    assert errors == [] and clean["postal_code"] == "30012"


def test_student_partial() -> None:
    clean, errors = clean_student({"phone": "02-23456789"}, partial=True)
    assert errors == [] and clean == {"phone": "02-23456789"}
    clean, errors = clean_student({"status": "休學"}, partial=True)
    assert errors == [] and clean == {"status": "休學"}


# ---------------------------------------------------------------- cadre


def cadre(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "student_id": 5, "school_year": "113", "semester": "1", "unit_name": "101班",
        "position": "班長", "level": "班級", "start_date": "113/08/30", "end_date": "1140131",
    }  # fmt: skip
    raw.update(changes)
    return raw


def test_cadre_happy_path() -> None:
    clean, errors = clean_cadre(cadre())
    assert errors == []
    assert clean == {
        "student_id": 5, "school_year": 113, "semester": 1, "unit_name": "101班",
        "position": "班長", "level": 2, "start_date": dt.date(2024, 8, 30),
        "end_date": dt.date(2025, 1, 31),
    }  # fmt: skip
    clean, errors = clean_cadre(cadre(level="5", start_date="", end_date=None))
    assert errors == [] and clean["level"] == 5 and clean["start_date"] is None


@pytest.mark.parametrize(
    ("changes", "field", "label", "words"),
    [
        ({"student_id": ""}, "student_id", "學生", ["請選擇"]),
        ({"school_year": "99"}, "school_year", "學年度", ["100 到 200"]),
        ({"school_year": ""}, "school_year", "學年度", ["必須填寫"]),
        ({"semester": "3"}, "semester", "學期", ["1 到 2"]),
        ({"unit_name": ""}, "unit_name", "單位名稱", ["必須填寫"]),
        ({"unit_name": "字" * 51}, "unit_name", "單位名稱", ["50"]),
        ({"position": ""}, "position", "擔任職務", ["必須填寫"]),
        ({"level": "6"}, "level", "幹部等級", ["1 校級", "9 其他"]),
        ({"level": ""}, "level", "幹部等級", ["必須填寫"]),
        ({"end_date": "113/08/01"}, "end_date", "結束日期", ["開始日期", "早於"]),
        ({"start_date": "113/13/01"}, "start_date", "開始日期", ["不存在"]),
    ],
)
def test_cadre_errors(changes: dict[str, Any], field: str, label: str, words: list[str]) -> None:
    _, errors = clean_cadre(cadre(**changes))
    assert_error(errors, field, label, *words)


# ---------------------------------------------------------------- course


def course(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "code": CODE.lower(), "name": "數學", "credits": "4", "grade": 1,
        "school_year": 113, "semester": 1, "teacher_id": "",
    }  # fmt: skip
    raw.update(changes)
    return raw


def test_course_happy_path() -> None:
    clean, errors = clean_course(course(), school_code="012345")
    assert errors == []
    assert clean == {
        "code": CODE, "name": "數學", "credits": 4, "grade": 1, "school_year": 113,
        "semester": 1, "teacher_id": None, "category": "1",
    }  # fmt: skip
    clean, errors = clean_course(course(teacher_id=12, category="9"))
    assert errors == [] and clean["teacher_id"] == 12 and clean["category"] == "1"


@pytest.mark.parametrize(
    ("changes", "field", "label", "words"),
    [
        ({"code": ""}, "code", "課程代碼", ["23 碼"]),
        ({"code": "113012345H11101A101020"}, "code", "課程代碼", ["23 碼"]),
        ({"code": "113012345H11101AZ010201"}, "code", "課程代碼", ["第 17 碼"]),
        ({"code": "113099999H11101A1010201"}, "code", "課程代碼", ["本校"]),
        ({"name": ""}, "name", "科目名稱", ["必須填寫"]),
        ({"credits": "31"}, "credits", "學分數", ["0 到 30"]),
        ({"grade": "4"}, "grade", "開課年級", ["1 到 3"]),
        ({"school_year": "abc"}, "school_year", "學年度", ["整數"]),
        ({"semester": "0"}, "semester", "學期", []),
    ],
)
def test_course_errors(changes: dict[str, Any], field: str, label: str, words: list[str]) -> None:
    clean, errors = clean_course(course(**changes), school_code="012345")
    assert_error(errors, field, label, *words)
    if field == "code":
        assert clean["category"] is None


# ---------------------------------------------------------------- enrolment


def enrolment(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "student_id": 1, "course_id": 2, "school_year": "113", "semester": "2",
        "credits": "2", "score": "58.5", "passed": "", "makeup_score": "-1",
        "makeup_passed": None, "credit_counted": "", "kind": "", "remark": "認真",
    }  # fmt: skip
    raw.update(changes)
    return raw


def test_enrolment_happy_path() -> None:
    clean, errors = clean_enrolment(enrolment())
    assert errors == []
    assert clean == {
        "student_id": 1, "course_id": 2, "school_year": 113, "semester": 2, "credits": 2,
        "score": Decimal("58.5"), "passed": False, "makeup_score": None, "makeup_passed": None,
        "credit_counted": True, "kind": "原修", "remark": "認真",
    }  # fmt: skip


def test_enrolment_derivations() -> None:
    clean, _ = clean_enrolment(enrolment(score=60))
    assert clean["passed"] is True
    clean, _ = clean_enrolment(enrolment(score="50", passed="是"))
    assert clean["passed"] is True
    clean, _ = clean_enrolment(enrolment(score=-1, passed=""))
    assert clean["score"] is None and clean["passed"] is None
    clean, _ = clean_enrolment(enrolment(makeup_score="70"))
    assert clean["makeup_passed"] is True
    clean, _ = clean_enrolment(enrolment(credit_counted="否", kind="重修"))
    assert clean["credit_counted"] is False and clean["kind"] == "重修"


@pytest.mark.parametrize(
    ("changes", "field", "label", "words"),
    [
        ({"course_id": None}, "course_id", "課程", ["請選擇"]),
        ({"credits": "-2"}, "credits", "修課學分", ["0 到 30"]),
        ({"score": "101"}, "score", "學期學業成績", ["0 到 100"]),
        ({"score": "A+"}, "score", "學期學業成績", ["數字"]),
        ({"passed": "?"}, "passed", "成績及格", ["是"]),
        ({"makeup_score": "-5"}, "makeup_score", "補考成績", ["0 到 100"]),
        ({"makeup_passed": "?"}, "makeup_passed", "補考及格", []),
        ({"credit_counted": "maybe"}, "credit_counted", "是否採計學分", []),
        ({"kind": "補考"}, "kind", "修課別", ["原修", "轉學轉科"]),
        ({"remark": "字" * 201}, "remark", "質性文字描述", ["200"]),
    ],
)
def test_enrolment_errors(
    changes: dict[str, Any], field: str, label: str, words: list[str]
) -> None:
    _, errors = clean_enrolment(enrolment(**changes))
    assert_error(errors, field, label, *words)


# ---------------------------------------------------------------- consultation


def consultation(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "student_id": 1, "consultant_id": 9, "date": "1140215", "time": "13:10",
        "place": "輔導室", "content": "討論選修課程", "opinion": "",
    }  # fmt: skip
    raw.update(changes)
    return raw


def test_consultation_happy_path() -> None:
    clean, errors = clean_consultation(consultation())
    assert errors == []
    assert clean == {
        "student_id": 1, "consultant_id": 9, "date": dt.date(2025, 2, 15), "time": "13:10",
        "place": "輔導室", "content": "討論選修課程", "opinion": None,
        "school_year": 113, "semester": 2,
    }  # fmt: skip
    clean, errors = clean_consultation(consultation(school_year="113", semester="1", time=""))
    assert errors == [] and clean["semester"] == 1 and clean["time"] is None


@pytest.mark.parametrize(
    ("changes", "field", "label", "words"),
    [
        ({"consultant_id": ""}, "consultant_id", "課程諮詢教師", ["請選擇"]),
        ({"date": ""}, "date", "諮詢日期", ["必須填寫"]),
        ({"time": "25:99"}, "time", "時間", ["09:30"]),
        ({"place": ""}, "place", "地點", ["必須填寫"]),
        ({"content": ""}, "content", "諮詢內容", ["100"]),
        ({"content": "字" * 101}, "content", "諮詢內容", ["101"]),
        ({"opinion": "字" * 101}, "opinion", "諮詢意見", ["100"]),
        ({"semester": "5"}, "semester", "學期", []),
    ],
)
def test_consultation_errors(
    changes: dict[str, Any], field: str, label: str, words: list[str]
) -> None:
    _, errors = clean_consultation(consultation(**changes))
    assert_error(errors, field, label, *words)


# ---------------------------------------------------------------- outcome


def test_outcome_happy_path() -> None:
    raw = {"student_id": 1, "enrolment_id": 3, "title": " 專題報告 ", "summary": "研究校園植物。"}
    clean, errors = clean_outcome(raw)
    assert errors == []
    assert clean == {
        "student_id": 1, "enrolment_id": 3, "title": "專題報告", "summary": "研究校園植物。",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "field", "label", "words"),
    [
        ({"enrolment_id": None}, "enrolment_id", "修課紀錄", ["請選擇"]),
        ({"title": ""}, "title", "成果名稱", ["必須填寫"]),
        ({"title": "字" * 51}, "title", "成果名稱", ["50"]),
        ({"summary": ""}, "summary", "成果簡述", ["100"]),
        ({"summary": "字" * 150}, "summary", "成果簡述", ["150", "50"]),
    ],
)
def test_outcome_errors(changes: dict[str, Any], field: str, label: str, words: list[str]) -> None:
    raw: dict[str, object] = {"student_id": 1, "enrolment_id": 3, "title": "報告", "summary": "x"}
    raw.update(changes)
    _, errors = clean_outcome(raw)
    assert_error(errors, field, label, *words)


# ---------------------------------------------------------------- performance


def performance(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "student_id": 1, "school_year": "113", "kind": "競賽參與", "title": "全國科展",
        "organiser": "教育部", "level": "全國", "start_date": "113/10/01",
        "end_date": "113/10/03", "hours": "-1", "result": "佳作", "summary": "參加科展。",
        "external_link": "https://example.com/作品", "in_school": "否",
    }  # fmt: skip
    raw.update(changes)
    return raw


def test_performance_happy_path() -> None:
    clean, errors = clean_performance(performance())
    assert errors == []
    assert clean == {
        "student_id": 1, "school_year": 113, "kind": "競賽參與紀錄", "title": "全國科展",
        "organiser": "教育部", "level": "3", "start_date": dt.date(2024, 10, 1),
        "end_date": dt.date(2024, 10, 3), "hours": None, "result": "佳作",
        "summary": "參加科展。", "external_link": "https://example.com/作品", "in_school": False,
        "item": None, "participation": None,
    }  # fmt: skip  (競賽等級 全國 is stored as its code, 3)
    clean, errors = clean_performance(
        performance(hours="12.5", external_link="", in_school="", organiser="")
    )
    assert errors == []
    assert clean["hours"] == Decimal("12.5") and clean["external_link"] is None
    assert clean["in_school"] is True and clean["organiser"] is None
    for typed, expected in (("校外", False), (" 校內 ", True), ("是", True)):
        assert clean_performance(performance(in_school=typed))[0]["in_school"] is expected


@pytest.mark.parametrize(
    ("changes", "field", "label", "words"),
    [
        ({"school_year": ""}, "school_year", "學年度", ["必須填寫"]),
        ({"kind": "比賽"}, "kind", "類別", ["競賽參與紀錄"]),
        ({"kind": ""}, "kind", "類別", ["必須填寫"]),
        ({"title": ""}, "title", "名稱", ["必須填寫"]),
        ({"title": "字" * 101}, "title", "名稱", ["100"]),
        ({"organiser": "字" * 51}, "organiser", "主辦單位", ["50"]),
        ({"end_date": "113/09/30"}, "end_date", "結束日期", ["開始日期"]),
        ({"hours": "-3"}, "hours", "時數", ["0 到 9999"]),
        ({"hours": "abc"}, "hours", "時數", ["數字"]),
        ({"result": "字" * 51}, "result", "結果", ["50"]),
        ({"summary": ""}, "summary", "內容簡述", ["100"]),
        ({"summary": "字" * 101}, "summary", "內容簡述", ["101"]),
        ({"external_link": "www.example.com"}, "external_link", "外部連結", ["https://"]),
        ({"in_school": "也許"}, "in_school", "校內", ["校外", "是"]),
    ],
)
def test_performance_errors(
    changes: dict[str, Any], field: str, label: str, words: list[str]
) -> None:
    _, errors = clean_performance(performance(**changes))
    assert_error(errors, field, label, *words)
