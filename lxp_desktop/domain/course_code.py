"""The 23-character 課程代碼 of the 課程計畫平臺 (docs/domain.md §5).

| positions | part                      | check                         |
|-----------|---------------------------|-------------------------------|
| 1–3       | 適用入學年度 (ROC)         | 3 digits, 100–199            |
| 4–9       | 學校代碼                   | 6 letters/digits; the school's |
| 10        | 課程類型                   | COURSE_TYPES                  |
| 11–12     | 群別                       | 2 letters/digits              |
| 13–15     | 科別                       | 3 letters/digits              |
| 16        | 班群                       | 1 letter/digit (school's own) |
| 17        | 課程類別                   | CATEGORIES                    |
| 18        | 開課方式                   | DELIVERIES                    |
| 19        | 科目屬性                   | SUBJECT_ATTRIBUTES            |
| 20–21     | 領域                       | DOMAINS                       |
| 22–23     | 科目名稱代碼               | 2 letters/digits              |
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxp_desktop.domain.text import strip_text, to_halfwidth

CODE_LENGTH = 23

#: Position 10. H/V/C/S are certain (docs/domain.md §5); the rest are remembered from the
#: 課程計畫平臺's code sheet and are uncertain — check against a real code file.
COURSE_TYPES: dict[str, str] = {
    "H": "普通型",
    "V": "技術型",
    "C": "綜合型",
    "S": "單科型",
    "E": "實驗教育",  # uncertain
    "P": "實用技能學程",  # uncertain
    "N": "進修部",  # uncertain
}

#: Position 17 (課程類別).
CATEGORIES: dict[str, str] = {
    "1": "部定必修",
    "2": "校訂必修",
    "3": "加深加廣選修",
    "4": "補強性選修",
    "5": "多元選修",
    "6": "選修-其他",
    "7": "校訂選修",
    "8": "團體活動時間",
    "9": "彈性學習時間",
    "A": "大學預修",
    "B": "基礎訓練",
    "C": "職前訓練",
    "D": "寒暑假課程",
    "E": "返校課程",
    "F": "職業技能訓練",
}

#: Position 18 (開課方式).
DELIVERIES: dict[str, str] = {
    "0": "原班級",
    "1": "跨班選修",
    "2": "綜高跨年級選修",
    "A": "同科單班選修",
    "B": "同科跨班選修",
}

#: Position 19 (科目屬性).
SUBJECT_ATTRIBUTES: dict[str, str] = {
    "0": "不分",
    "1": "一般科目",
    "2": "專業科目",
    "3": "實習科目",
    "4": "專精科目",
    "5": "專精科目(核心科目)",
    "6": "特殊需求領域",
    "A": "自主學習",
    "B": "選手培訓",
    "C": "充實(增廣)/補強性教學[不計學分]",
    "D": "充實(增廣)/補強性教學[計學分]",
    "E": "學校特色活動",
}

#: Positions 20–21 (領域). 00–09 follow docs/domain.md §5; 10–11 are uncertain.
DOMAINS: dict[str, str] = {
    "00": "不分",
    "01": "語文",
    "02": "數學",
    "03": "社會",
    "04": "自然科學",
    "05": "藝術",
    "06": "綜合活動",
    "07": "科技",
    "08": "健康與體育",
    "09": "全民國防教育",
    "10": "本土語文/臺灣手語",  # uncertain
    "11": "第二外國語文",  # uncertain
}

_ALNUM = re.compile(r"[0-9A-Z]+")


@dataclass(frozen=True)
class CourseCode:
    """A parsed 課程代碼; ``code`` is the normalised 23 characters."""

    code: str
    entry_year: int
    school_code: str
    course_type: str
    group: str
    department: str
    class_group: str
    category: str
    delivery: str
    subject_attribute: str
    domain: str
    subject: str

    @property
    def course_type_label(self) -> str:
        """'普通型' for 'H'."""
        return COURSE_TYPES[self.course_type]

    @property
    def category_label(self) -> str:
        """'部定必修' for '1'."""
        return CATEGORIES[self.category]

    @property
    def delivery_label(self) -> str:
        """'原班級' for '0'."""
        return DELIVERIES[self.delivery]

    @property
    def subject_attribute_label(self) -> str:
        """'一般科目' for '1'."""
        return SUBJECT_ATTRIBUTES[self.subject_attribute]

    @property
    def domain_label(self) -> str:
        """'數學' for '02'."""
        return DOMAINS[self.domain]

    def __str__(self) -> str:
        return self.code


def normalize_course_code(code: str) -> str:
    """Half-width, upper-case, spaces and hyphens removed."""
    return _SEPARATORS.sub("", strip_text(to_halfwidth(str(code)))).upper()


_SEPARATORS = re.compile(r"[\s\-]")


def _choices(table: dict[str, str]) -> str:
    return "、".join(f"{k} {v}" for k, v in table.items())


def _bad(code: str, pos: str, part: str, value: str, fix: str) -> ValueError:
    return ValueError(f"課程代碼「{code}」第 {pos} 碼（{part}）「{value}」不對：{fix}")


def parse_course_code(code: str) -> CourseCode:
    """Split and validate a code; ``ValueError`` names the first bad position."""
    c = normalize_course_code(code)
    if len(c) != CODE_LENGTH:
        raise ValueError(
            f"課程代碼「{c}」有 {len(c)} 碼，應為 {CODE_LENGTH} 碼；請從課程計畫平臺複製完整代碼。"
        )
    if not c[0:3].isdigit() or not 100 <= int(c[0:3]) <= 199:
        raise _bad(c, "1–3", "適用入學年度", c[0:3], "應為 3 碼民國年，例如 108、113。")
    if not _ALNUM.fullmatch(c[3:9]):
        raise _bad(c, "4–9", "學校代碼", c[3:9], "應為 6 碼英數字的學校代碼。")
    if c[9] not in COURSE_TYPES:
        raise _bad(c, "10", "課程類型", c[9], f"可用值為 {_choices(COURSE_TYPES)}。")
    if not _ALNUM.fullmatch(c[10:12]):
        raise _bad(c, "11–12", "群別", c[10:12], "應為 2 碼英數字，例如 11。")
    if not _ALNUM.fullmatch(c[12:15]):
        raise _bad(c, "13–15", "科別", c[12:15], "應為 3 碼英數字，例如 101。")
    if not _ALNUM.fullmatch(c[15]):
        raise _bad(c, "16", "班群", c[15], "應為 1 碼英數字。")
    if c[16] not in CATEGORIES:
        raise _bad(c, "17", "課程類別", c[16], f"可用值為 {_choices(CATEGORIES)}。")
    if c[17] not in DELIVERIES:
        raise _bad(c, "18", "開課方式", c[17], f"可用值為 {_choices(DELIVERIES)}。")
    if c[18] not in SUBJECT_ATTRIBUTES:
        raise _bad(c, "19", "科目屬性", c[18], f"可用值為 {_choices(SUBJECT_ATTRIBUTES)}。")
    if c[19:21] not in DOMAINS:
        raise _bad(c, "20–21", "領域", c[19:21], f"可用值為 {_choices(DOMAINS)}。")
    if not _ALNUM.fullmatch(c[21:23]):
        raise _bad(c, "22–23", "科目名稱代碼", c[21:23], "應為 2 碼英數字。")
    return CourseCode(
        code=c,
        entry_year=int(c[0:3]),
        school_code=c[3:9],
        course_type=c[9],
        group=c[10:12],
        department=c[12:15],
        class_group=c[15],
        category=c[16],
        delivery=c[17],
        subject_attribute=c[18],
        domain=c[19:21],
        subject=c[21:23],
    )


def check_course_code(code: str, school_code: str | None = None) -> str | None:
    """A Chinese message when the code is malformed or not this school's, else ``None``."""
    if not normalize_course_code(code or ""):
        return "請填寫課程代碼（23 碼，可從課程計畫平臺複製）。"
    try:
        parsed = parse_course_code(code)
    except ValueError as exc:
        return str(exc)
    if school_code is not None:
        own = normalize_course_code(school_code)
        if parsed.school_code != own:
            return (
                f"課程代碼「{parsed.code}」第 4–9 碼是學校代碼「{parsed.school_code}」，"
                f"不是本校的「{own}」；請確認是否貼錯學校的課程代碼。"
            )
    return None


def make_course_code(
    entry_year: int,
    school_code: str,
    course_type: str = "H",
    group: str = "11",
    department: str = "101",
    class_group: str = "0",
    category: str = "1",
    delivery: str = "0",
    subject_attribute: str = "1",
    domain: str = "01",
    subject: str = "01",
) -> str:
    """Assemble a valid code (for the demo generator); ``ValueError`` if a part is bad."""
    code = (
        f"{entry_year:03d}{school_code}{course_type}{group}{department}{class_group}"
        f"{category}{delivery}{subject_attribute}{domain}{subject}"
    )
    return parse_course_code(code).code
