"""Code tables of docs/domain.md §6, in their published order."""

from __future__ import annotations

from collections.abc import Mapping

from lxp_desktop.domain.text import strip_text, to_halfwidth

#: 學籍狀態 (no codes; the label is stored).
STUDENT_STATUSES: tuple[str, ...] = ("在學", "休學", "復學", "轉入", "轉出", "退學", "畢業", "延修")
#: Statuses of a student who has left (離校) and is notified on paper.
LEFT_STATUSES: frozenset[str] = frozenset({"轉出", "休學", "退學", "畢業"})

GENDERS: dict[str, str] = {"1": "男", "2": "女"}
_GENDER_WORDS = {
    "1": "1", "男": "1", "男性": "1", "男生": "1", "M": "1", "MALE": "1",
    "2": "2", "女": "2", "女性": "2", "女生": "2", "F": "2", "FEMALE": "2",
}  # fmt: skip

CADRE_LEVELS: dict[int, str] = {
    1: "校級",
    2: "班級",
    3: "社團",
    4: "實習",
    5: "校外自治組織",
    9: "其他",
}

#: 多元表現 sheets of the yearly roster, in order.
PERFORMANCE_KINDS: tuple[str, ...] = (
    "幹部經歷暨事蹟紀錄",
    "競賽參與紀錄",
    "檢定證照紀錄",
    "服務學習紀錄",
    "彈性學習時間紀錄",
    "團體活動時間紀錄",
    "職場學習紀錄",
    "作品成果紀錄",
    "大學及技專校院先修課程紀錄",
    "其他多元表現紀錄",
)

COMPETITION_LEVELS: dict[int, str] = {1: "校級", 2: "縣市級", 3: "全國", 4: "國際"}
TEAM_KINDS: dict[int, str] = {1: "個人", 2: "團體"}
FLEXIBLE_LEARNING_KINDS: dict[int, str] = {
    1: "自主學習",
    2: "選手培訓",
    3: "充實(增廣)",
    4: "補強性",
    5: "學校特色活動",
}
GROUP_ACTIVITY_KINDS: dict[int, str] = {
    1: "班級活動",
    2: "社團活動",
    3: "學生自治會",
    4: "週會",
    5: "講座",
    6: "其他",
}
WORKPLACE_KINDS: dict[int, str] = {
    1: "職場體驗或參訪",
    2: "職場實習",
    3: "職場工作經驗",
    4: "其他",
}
CERTIFICATE_KINDS: dict[int, str] = {
    1: "英語能力",
    2: "其他語言",
    3: "技能檢定及技術士證照",
    4: "其他",
}

#: Staff duties, each with a 承辦人 and ordered 代理人 (seeds/ 002).
DUTIES: tuple[str, ...] = (
    "校管理者",
    "成績修課",
    "修課",
    "重補修",
    "班級幹部",
    "課程成果",
    "多元表現",
    "課程認證",
)

ROLES: dict[str, str] = {
    "registrar": "註冊組",
    "academic": "教學組",
    "curriculum": "課務組",
    "student_affairs": "學務處/訓育組",
    "counseling": "輔導室",
    "internship": "實習處",
    "teacher": "任課教師",
    "consultant": "課程諮詢教師",
    "homeroom": "導師",
    "admin": "系統管理者",
}

ENROLMENT_KINDS: tuple[str, ...] = ("原修", "重修", "補修", "重讀", "轉學轉科")
OUTCOME_STATES: tuple[str, ...] = ("待認證", "已認證", "退回")


def parse_gender(value: object) -> str | None:
    """'1'/'2' from '1', 1, '男', '女', 'M', 'F' (any case, full-width too); else ``None``."""
    if isinstance(value, bool) or value is None:
        return None
    text = strip_text(to_halfwidth(str(value))).upper()
    if text.endswith(".0"):
        text = text[:-2]
    return _GENDER_WORDS.get(text)


def parse_code(table: Mapping[int, str], value: object) -> int | None:
    """An int code of ``table`` from the code (1, '1', '1.0') or its label ('校級')."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if value in table else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and int(value) in table else None
    text = strip_text(to_halfwidth(str(value)))
    if text.endswith(".0"):
        text = text[:-2]
    if text.isdigit():
        return int(text) if int(text) in table else None
    for code, label in table.items():
        if text == label:
            return code
    return None


def describe(table: Mapping[int, str] | Mapping[str, str]) -> str:
    """'1 校級、2 班級、…' for messages."""
    return "、".join(f"{code} {label}" for code, label in table.items())


def parse_performance_kind(value: object) -> str | None:
    """A 多元表現 sheet name; '競賽參與' is accepted for '競賽參與紀錄'."""
    text = strip_text(str(value or ""))
    if text in PERFORMANCE_KINDS:
        return text
    if text and f"{text}紀錄" in PERFORMANCE_KINDS:
        return f"{text}紀錄"
    return None
