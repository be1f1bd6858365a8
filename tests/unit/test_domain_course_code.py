"""Tests of lxp_desktop.domain.course_code."""

from __future__ import annotations

import pytest

from lxp_desktop.domain.course_code import (
    CATEGORIES,
    DOMAINS,
    CourseCode,
    check_course_code,
    make_course_code,
    parse_course_code,
)

CODE = "113012345H11101A1010201"  # 113, 012345, H, 11, 101, A, 1, 0, 1, 02, 01


def test_parse() -> None:
    c = parse_course_code(CODE)
    assert isinstance(c, CourseCode)
    assert (c.entry_year, c.school_code, c.course_type) == (113, "012345", "H")
    assert (c.group, c.department, c.class_group) == ("11", "101", "A")
    assert (c.category, c.delivery, c.subject_attribute) == ("1", "0", "1")
    assert (c.domain, c.subject) == ("02", "01")
    assert c.category_label == "部定必修"
    assert c.course_type_label == "普通型"
    assert c.delivery_label == "原班級"
    assert c.subject_attribute_label == "一般科目"
    assert c.domain_label == "數學"
    assert str(c) == CODE


def test_parse_normalises() -> None:
    assert parse_course_code(" １１３０１２３４５ｈ11101a1010201 ").code == CODE
    assert parse_course_code("113-012345-H-11-101-A-1-0-1-02-01").code == CODE


def test_tables() -> None:
    assert len(CATEGORIES) == 15 and CATEGORIES["F"] == "職業技能訓練"
    assert DOMAINS["09"] == "全民國防教育"


@pytest.mark.parametrize(
    ("code", "position"),
    [
        ("11301234H11101A1010201", "23 碼"),
        ("113012345H11101A10102011", "23 碼"),
        ("0A3012345H11101A1010201", "第 1–3 碼"),
        ("099012345H11101A1010201", "第 1–3 碼"),
        ("113012_45H11101A1010201", "第 4–9 碼"),
        ("113012345Z11101A1010201", "第 10 碼"),
        ("113012345H1_101A1010201", "第 11–12 碼"),
        ("113012345H111_1A1010201", "第 13–15 碼"),
        ("113012345H11101_1010201", "第 16 碼"),
        ("113012345H11101AG010201", "第 17 碼"),
        ("113012345H11101A1910201", "第 18 碼"),
        ("113012345H11101A10Z0201", "第 19 碼"),
        ("113012345H11101A1019901", "第 20–21 碼"),
        ("113012345H11101A10102_1", "第 22–23 碼"),
    ],
)
def test_parse_errors_name_the_position(code: str, position: str) -> None:
    with pytest.raises(ValueError, match=position) as exc:
        parse_course_code(code)
    assert "課程代碼" in str(exc.value)
    assert check_course_code(code) == str(exc.value)


def test_check_course_code() -> None:
    assert check_course_code(CODE) is None
    assert check_course_code(CODE, "012345") is None
    message = check_course_code(CODE, "099999")
    assert message is not None and "099999" in message and "學校代碼" in message
    empty = check_course_code("")
    assert empty is not None and "課程代碼" in empty


def test_make_course_code() -> None:
    assert make_course_code(113, "012345", class_group="A", domain="02") == CODE
    code = make_course_code(108, "012345", "V", "21", "301", "0", "2", "1", "2", "00", "AB")
    assert parse_course_code(code).category == "2"
    with pytest.raises(ValueError, match="第 17 碼"):
        make_course_code(113, "012345", category="Z")
