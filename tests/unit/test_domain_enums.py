"""Tests of lxp_desktop.domain.enums."""

from __future__ import annotations

import pytest

from lxp_desktop.domain import enums


def test_tables_follow_domain_md() -> None:
    assert enums.STUDENT_STATUSES == (
        "在學",
        "休學",
        "復學",
        "轉入",
        "轉出",
        "退學",
        "畢業",
        "延修",
    )
    assert enums.LEFT_STATUSES == frozenset({"轉出", "休學", "退學", "畢業"})
    assert enums.LEFT_STATUSES <= set(enums.STUDENT_STATUSES)
    assert enums.GENDERS == {"1": "男", "2": "女"}
    assert list(enums.CADRE_LEVELS) == [1, 2, 3, 4, 5, 9]
    assert enums.CADRE_LEVELS[5] == "校外自治組織"
    assert len(enums.PERFORMANCE_KINDS) == 10
    assert enums.PERFORMANCE_KINDS[0] == "幹部經歷暨事蹟紀錄"
    assert enums.PERFORMANCE_KINDS[-1] == "其他多元表現紀錄"
    assert enums.COMPETITION_LEVELS == {1: "校級", 2: "縣市級", 3: "全國", 4: "國際"}
    assert enums.TEAM_KINDS == {1: "個人", 2: "團體"}
    assert len(enums.FLEXIBLE_LEARNING_KINDS) == 5
    assert enums.GROUP_ACTIVITY_KINDS[6] == "其他"
    assert enums.WORKPLACE_KINDS[1] == "職場體驗或參訪"
    assert enums.CERTIFICATE_KINDS[3] == "技能檢定及技術士證照"
    assert enums.DUTIES[0] == "校管理者" and enums.DUTIES[-1] == "課程認證"
    assert len(enums.DUTIES) == 8
    assert enums.ROLES["registrar"] == "註冊組"
    assert enums.ROLES["consultant"] == "課程諮詢教師"
    assert len(enums.ROLES) == 10
    assert enums.ENROLMENT_KINDS == ("原修", "重修", "補修", "重讀", "轉學轉科")
    assert enums.OUTCOME_STATES == ("待認證", "已認證", "退回")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1", "1"), (1, "1"), (1.0, "1"), ("男", "1"), ("M", "1"), ("m", "1"), ("Ｍ", "1"),
        ("2", "2"), ("女", "2"), ("F", "2"), ("female", "2"), (" 女 ", "2"), ("2.0", "2"),
        ("3", None), ("", None), (None, None), (True, None), ("X", None),
    ],
)  # fmt: skip
def test_parse_gender(value: object, code: str | None) -> None:
    assert enums.parse_gender(value) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [(1, 1), ("2", 2), (3.0, 3), ("９", 9), ("校級", 1), ("校外自治組織", 5), ("9.0", 9),
     (6, None), ("6", None), ("科級", None), (None, None), (False, None), (1.5, None)],
)  # fmt: skip
def test_parse_code(value: object, code: int | None) -> None:
    assert enums.parse_code(enums.CADRE_LEVELS, value) == code


def test_describe() -> None:
    assert enums.describe(enums.TEAM_KINDS) == "1 個人、2 團體"


def test_parse_performance_kind() -> None:
    assert enums.parse_performance_kind("競賽參與紀錄") == "競賽參與紀錄"
    assert enums.parse_performance_kind(" 競賽參與 ") == "競賽參與紀錄"
    assert enums.parse_performance_kind("比賽") is None
    assert enums.parse_performance_kind("") is None
