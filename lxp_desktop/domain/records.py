"""Record-level cleaners used by every door (form, Excel import, sync, command line).

Each ``clean_*`` takes a mapping of raw values — text typed in a form, Excel cells or
Python values — keyed by the model's attribute names, and returns ``(clean, errors)``.
``clean`` holds every field of the record (an empty optional value becomes ``None``);
``errors`` holds one :class:`FieldError` per bad field whose message names the field's
Chinese label and says how to fix it. With ``partial=True`` only the keys present in the
mapping are checked and returned (for updates of a few fields).

The value helpers (``clean_text``, ``clean_int``, ``clean_decimal``, ``clean_bool``,
``clean_date``, ``clean_time``) return ``(value, message)`` and take the label to use.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import uuid
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from typing import Any

from lxp_desktop.domain import code_lists, enums
from lxp_desktop.domain.course_code import (
    check_course_code,
    normalize_course_code,
    parse_course_code,
)
from lxp_desktop.domain.errors import FieldError
from lxp_desktop.domain.ids import check_id, normalize_id
from lxp_desktop.domain.limits import check_summary, check_url
from lxp_desktop.domain.postal import check_address, check_postal_code, normalize_postal_code
from lxp_desktop.domain.postal import split_address as _split_address
from lxp_desktop.domain.roc import Term, format_roc, parse_date, term_of
from lxp_desktop.domain.text import cell_to_str, normalize_cell, strip_text, to_halfwidth

#: The usual Chinese label of every field name.
LABELS: dict[str, str] = {
    "student_no": "學號",
    "national_id": "身分證統一編號",
    "name": "姓名",
    "gender": "性別",
    "birth_date": "出生日期",
    "class_code": "班級",
    "seat_no": "座號",
    "status": "學籍狀態",
    "status_date": "學籍異動日期",
    "guardian": "監護人",
    "postal_code": "郵遞區號",
    "address": "通訊地址",
    "phone": "聯絡電話",
    "email": "電子郵件",
    "student_id": "學生",
    "school_year": "學年度",
    "semester": "學期",
    "unit_name": "單位名稱",
    "position": "擔任職務",
    "level": "等級",
    "start_date": "開始日期",
    "end_date": "結束日期",
    "code": "課程代碼",
    "credits": "學分數",
    "grade": "開課年級",
    "teacher_id": "任課教師",
    "category": "課程類別",
    "course_id": "課程",
    "score": "學期學業成績",
    "passed": "成績及格",
    "makeup_score": "補考成績",
    "makeup_passed": "補考及格",
    "credit_counted": "是否採計學分",
    "kind": "類別",
    "remark": "質性文字描述",
    "consultant_id": "課程諮詢教師",
    "date": "諮詢日期",
    "time": "時間",
    "place": "地點",
    "content": "諮詢內容",
    "opinion": "諮詢意見",
    "enrolment_id": "修課紀錄",
    "registrar_name": "註冊組聯絡人",
    "registrar_phone": "註冊組電話",
    "registrar_email": "註冊組電子郵件",
    "certification_deadline": "課程學習成果認證截止日",
    "homeroom_teacher_id": "導師",
    "title": "名稱",
    "summary": "簡述",
    "organiser": "主辦單位",
    "hours": "時數",
    "result": "結果",
    "external_link": "外部連結",
    "in_school": "校內",
    "special_status": "特殊身分別",
    "admission_method": "入學方式",
    "group_code": "群別代碼",
    "program_code": "科班學程別代碼",
    "division_code": "部別代碼",
    "item": "項目",
    "participation": "團體參與",
}

#: The fields of each record, in form order.
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "student": (
        "student_no", "national_id", "name", "gender", "birth_date", "class_code",
        "seat_no", "status", "status_date", "guardian", "postal_code", "address",
        "phone", "email", "special_status", "admission_method",
    ),
    "cadre": (
        "student_id", "school_year", "semester", "unit_name", "position", "level",
        "start_date", "end_date",
    ),
    "course": (
        "code", "name", "credits", "grade", "school_year", "semester", "teacher_id",
        "category",
    ),
    "enrolment": (
        "student_id", "course_id", "school_year", "semester", "credits", "score",
        "passed", "makeup_score", "makeup_passed", "credit_counted", "kind", "remark",
    ),
    "consultation": (
        "student_id", "consultant_id", "date", "time", "place", "content", "opinion",
        "school_year", "semester",
    ),
    "outcome": ("student_id", "enrolment_id", "title", "summary"),
    "performance": (
        "student_id", "school_year", "kind", "title", "organiser", "level", "start_date",
        "end_date", "hours", "result", "summary", "external_link", "in_school", "item",
        "participation",
    ),
    "school": (
        "code", "name", "postal_code", "address", "phone", "registrar_name",
        "registrar_phone", "registrar_email",
    ),
    "term": ("school_year", "semester", "start_date", "end_date", "certification_deadline"),
    "school_class": ("school_year", "code", "name", "grade", "homeroom_teacher_id",
                     "group_code", "program_code", "division_code"),
}  # fmt: skip

#: Where a record's label differs from :data:`LABELS`.
_OVERRIDES: dict[str, dict[str, str]] = {
    "cadre": {"level": "幹部等級"},
    "course": {"name": "科目名稱"},
    "enrolment": {"credits": "修課學分", "kind": "修課別"},
    "outcome": {"title": "成果名稱", "summary": "成果簡述"},
    "performance": {"summary": "內容簡述"},
    "school": {"code": "學校代碼", "name": "學校名稱", "address": "地址", "phone": "電話"},
    "term": {"start_date": "學期開始日期", "end_date": "學期結束日期"},
    "school_class": {"code": "班級代碼", "name": "班級名稱", "grade": "年級"},
}


def labels(record: str) -> dict[str, str]:
    """field → Chinese label for one record kind ('student', 'cadre', …)."""
    over = _OVERRIDES.get(record, {})
    return {f: over.get(f, LABELS[f]) for f in RECORD_FIELDS[record]}


_LABELS_OF: dict[str, dict[str, str]] = {}


def _labels_of(record: str) -> dict[str, str]:
    """``labels(record)`` made once (the cleaners only read it)."""
    found = _LABELS_OF.get(record)
    if found is None:
        found = _LABELS_OF[record] = labels(record)
    return found


# ---------------------------------------------------------------- value helpers

Result = tuple[Any, str | None]


def is_blank(value: object) -> bool:
    """None, or text that is empty once stripped."""
    if value is None:
        return True
    if type(value) in _NEVER_BLANK:  # their text is never empty: '12', 'nan', an ISO date
        return False
    return not strip_text(to_halfwidth(cell_to_str(value)))


_NEVER_BLANK = frozenset({int, float, Decimal, _dt.date, _dt.datetime, uuid.UUID})


def _missing(label: str, hint: str = "") -> str:
    return f"{label}必須填寫{('；' + hint) if hint else ''}。"


def clean_text(
    value: object,
    label: str,
    *,
    required: bool = False,
    max_len: int | None = None,
    free_text: bool = True,
    multiline: bool = False,
    pattern: re.Pattern[str] | None = None,
    hint: str = "",
) -> tuple[str | None, str | None]:
    """Text stripped (and, unless ``free_text``, half-width); ``None`` when empty."""
    text, _ = normalize_cell(value, free_text=free_text)
    if not text:
        return None, (_missing(label, hint) if required else None)
    if not multiline and ("\n" in text or "\r" in text):
        return None, f"{label}不可換行；請改成一行。"
    if max_len is not None and len(text) > max_len:
        return (
            None,
            f"{label}目前 {len(text)} 字，最多 {max_len} 字；請刪減 {len(text) - max_len} 字。",
        )
    if pattern is not None and not pattern.fullmatch(text):
        return None, f"{label}「{text}」格式不對；{hint or '請更正'}。"
    return text, None


def clean_int(
    value: object,
    label: str,
    *,
    required: bool = False,
    minimum: int | None = None,
    maximum: int | None = None,
    none_values: Collection[int] = (),
) -> tuple[int | None, str | None]:
    """A whole number ('12', 12, 12.0, '１２'); values in ``none_values`` mean empty."""

    def wanted() -> str:
        span = ""
        if minimum is not None and maximum is not None:
            span = f"{minimum} 到 {maximum} 的"
        elif minimum is not None:
            span = f"不小於 {minimum} 的"
        return f"請填{span}整數"

    if is_blank(value):
        return None, (_missing(label, wanted()) if required else None)
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        if math.isfinite(value) and value % 1 == 0:
            number = int(value)
    else:
        text, _ = normalize_cell(value)
        if _INT_TEXT.fullmatch(text):
            number = int(text.split(".")[0])
    if number is None:
        shown = strip_text(cell_to_str(value))
        return None, f"{label}「{shown}」不是整數；{wanted()}。"
    if number in none_values:
        return None, None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None, f"{label} {number} 超出範圍；{wanted()}。"
    return number, None


_INT_TEXT = re.compile(r"[+-]?\d+(?:\.0+)?")
_DECIMAL_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def clean_decimal(
    value: object,
    label: str,
    *,
    required: bool = False,
    minimum: Decimal | int | None = None,
    maximum: Decimal | int | None = None,
    none_values: Collection[Decimal | int] = (),
) -> tuple[Decimal | None, str | None]:
    """A decimal number ('85.5', 85.5, '８５'); values in ``none_values`` mean empty."""

    def wanted() -> str:
        if minimum is not None and maximum is not None:
            return f"請填 {minimum} 到 {maximum} 的數字"
        if minimum is not None:
            return f"請填不小於 {minimum} 的數字"
        return "請填數字"

    if is_blank(value):
        return None, (_missing(label, wanted()) if required else None)
    number: Decimal | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text, _ = normalize_cell(value)
        if _DECIMAL_TEXT.fullmatch(text):
            number = Decimal(text)
    if number is None or not number.is_finite():
        shown = strip_text(cell_to_str(value))
        return None, f"{label}「{shown}」不是數字；{wanted()}。"
    if any(number == Decimal(n) for n in none_values):
        return None, None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None, f"{label} {number} 超出範圍；{wanted()}。"
    return number, None


_TRUE = frozenset({"是", "有", "Y", "YES", "T", "TRUE", "1", "V", "及格", "採計"})
_FALSE = frozenset({"否", "無", "N", "NO", "F", "FALSE", "0", "X", "不及格", "不採計"})


def clean_bool(
    value: object, label: str, *, required: bool = False, default: bool | None = None
) -> tuple[bool | None, str | None]:
    """是/否, Y/N, 1/0, true/false (also 有/無, 及格/不及格); blank → ``default``."""
    wanted = "請填「是」或「否」（也可填 Y/N、1/0）"
    if is_blank(value):
        if default is not None:
            return default, None
        return None, (_missing(label, wanted) if required else None)
    if isinstance(value, bool):
        return value, None
    text, _ = normalize_cell(value)
    key = text.upper().removesuffix(".0")
    if key in _TRUE:
        return True, None
    if key in _FALSE:
        return False, None
    return None, f"{label}「{text}」看不懂；{wanted}。"


def clean_date(
    value: object,
    label: str,
    *,
    required: bool = False,
    minimum: _dt.date | None = None,
    maximum: _dt.date | None = None,
) -> tuple[_dt.date | None, str | None]:
    """A date in any form :func:`roc.parse_date` accepts, within the optional bounds."""
    if is_blank(value):
        return None, (_missing(label, "例如 113/09/01 或 1130901") if required else None)
    try:
        d = parse_date(value)
    except ValueError as exc:
        return None, f"{label}：{exc}"
    if minimum is not None and d < minimum:
        return None, f"{label} {format_roc(d)} 早於 {format_roc(minimum)}；請核對日期。"
    if maximum is not None and d > maximum:
        return (
            None,
            f"{label} {format_roc(d)} 晚於 {format_roc(maximum)}（今天或上限）；請核對日期。",
        )
    return d, None


_TIME = re.compile(r"(上午|下午|AM|PM)?\s*(\d{1,2})(?::|：|時)?(\d{2})(?::\d{2})?\s*(分|AM|PM)?")


def clean_time(
    value: object, label: str, *, required: bool = False
) -> tuple[str | None, str | None]:
    """'HH:MM' from '9:30', '0930', '下午2:00', a ``time`` or an Excel day fraction."""
    wanted = "請填 24 小時制「時:分」，例如 09:30 或 14:00"
    if is_blank(value):
        return None, (_missing(label, wanted) if required else None)
    if isinstance(value, _dt.datetime):
        value = value.time()
    if isinstance(value, _dt.time):
        return f"{value.hour:02d}:{value.minute:02d}", None
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}", None
    text, _ = normalize_cell(value)
    m = _TIME.fullmatch(text.upper())
    if m:
        hour, minute = int(m[2]), int(m[3])
        noon = (m[1] or m[4] or "").replace("分", "")
        if noon in ("下午", "PM") and hour < 12:
            hour += 12
        elif noon in ("上午", "AM") and hour == 12:
            hour = 0
        if hour <= 23 and minute <= 59:
            return f"{hour:02d}:{minute:02d}", None
    return None, f"{label}「{text}」看不懂；{wanted}。"


def clean_ref(value: object, label: str, *, required: bool = True) -> Result:
    """An opaque reference (a record id); text is stripped, anything else kept."""
    if is_blank(value):
        return None, (f"請選擇{label}。" if required else None)
    if isinstance(value, str):
        return strip_text(value), None
    return value, None


def clean_choice(
    value: object,
    label: str,
    choices: Collection[str],
    *,
    required: bool = True,
    default: str | None = None,
) -> tuple[str | None, str | None]:
    """One of ``choices`` (text compared after stripping); blank → ``default``."""
    text, _ = normalize_cell(value, free_text=True)
    if not text:
        if default is not None:
            return default, None
        return None, (_missing(label, "可填：" + "、".join(choices)) if required else None)
    if text in choices:
        return text, None
    return None, f"{label}「{text}」不是可用的值；請填：{'、'.join(choices)}。"


# ---------------------------------------------------------------- the form collector


class _Form:
    """Collects clean values and errors of one record."""

    def __init__(self, record: str, raw: Mapping[str, object], partial: bool) -> None:
        self.raw = raw
        self.labels = _labels_of(record)
        self.partial = partial
        self.clean: dict[str, Any] = {}
        self.errors: list[FieldError] = []

    def wants(self, *fields: str) -> bool:
        return not self.partial or all(f in self.raw for f in fields)

    def run(self, name: str, fn: Callable[[object, str], Result]) -> None:
        if self.partial and name not in self.raw:  # ``wants(name)``, on every field's path
            return
        value, message = fn(self.raw.get(name), self.labels[name])
        self.clean[name] = value
        if message:
            self.errors.append(FieldError(name, message))

    def error(self, name: str, message: str) -> None:
        self.errors.append(FieldError(name, message))
        self.clean[name] = None

    def ok(self, *names: str) -> bool:
        """True when every field was checked without error and has a value."""
        bad = {e.field for e in self.errors}
        return all(n in self.clean and n not in bad and self.clean[n] is not None for n in names)

    def date_order(self, start: str = "start_date", end: str = "end_date") -> None:
        if self.ok(start, end) and self.clean[end] < self.clean[start]:
            self.error(
                end,
                f"{self.labels[end]} {format_roc(self.clean[end])} 早於"
                f"{self.labels[start]} {format_roc(self.clean[start])}；請對調或更正。",
            )

    def result(self) -> tuple[dict[str, Any], list[FieldError]]:
        return self.clean, self.errors


def _school_year(v: object, lb: str) -> Result:
    return clean_int(v, lb, required=True, minimum=100, maximum=200)


def _semester(v: object, lb: str) -> Result:
    return clean_int(v, lb, required=True, minimum=1, maximum=2)


def _ref(v: object, lb: str) -> Result:
    return clean_ref(v, lb)


# ---------------------------------------------------------------- the records

_STUDENT_NO = re.compile(r"[0-9A-Za-z]{1,12}")
_PHONE = re.compile(r"[0-9()#+\- ]{7,20}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")


def _national_id(v: object, lb: str) -> Result:
    text = normalize_id(cell_to_str(v))
    if not text:
        return None, _missing(lb, "例如 A123456789")
    problem = check_id(text)
    return (None, problem) if problem else (text, None)


def _gender(v: object, lb: str) -> Result:
    if is_blank(v):
        return None, _missing(lb, "請填 1（男）或 2（女）")
    code = enums.parse_gender(v)
    if code is None:
        shown = strip_text(cell_to_str(v))
        return (
            None,
            f"{lb}「{shown}」看不懂；請填 1（男）或 2（女），也可填「男」「女」「M」「F」。",
        )
    return code, None


def _postal(v: object, lb: str) -> Result:
    if is_blank(v):
        return None, None
    code = normalize_postal_code(cell_to_str(v))
    problem = check_postal_code(code)
    return (None, problem) if problem else (code, None)


def _address(v: object, lb: str) -> Result:
    text, _ = normalize_cell(v, free_text=True)
    if not text:
        return None, None
    text = strip_text(to_halfwidth(text, punctuation=False))
    if len(text) > 100:
        return None, f"{lb}目前 {len(text)} 字，最多 100 字；請精簡。"
    if _split_address(text) is None:
        return None, (
            f"{lb}「{text}」沒有以縣市和鄉鎮市區開頭；請寫成「臺北市中正區重慶南路一段122號」"
            "這樣的完整地址。"
        )
    return text, None


def _phone(v: object, lb: str) -> Result:
    text, msg = clean_text(
        v, lb, free_text=False, pattern=_PHONE,
        hint="請填 7 到 20 個字的電話號碼，只用數字、-、()、#、+ 與空白，例如 (02)2345-6789#12",
    )  # fmt: skip
    if text is not None and sum(c.isdigit() for c in text) < 7:
        return None, f"{lb}「{text}」數字太少；請填含區碼的完整電話號碼，例如 02-23456789。"
    return text, msg


def clean_student(
    raw: Mapping[str, object], *, today: _dt.date | None = None, partial: bool = False
) -> tuple[dict[str, Any], list[FieldError]]:
    """學籍: 學號, 身分證, 姓名, 性別, 出生日期, 班級, 座號, 學籍狀態, contact details."""
    today = today or _dt.date.today()
    f = _Form("student", raw, partial)
    f.run("student_no", lambda v, lb: clean_text(
        v, lb, required=True, free_text=False, pattern=_STUDENT_NO,
        hint="請填 1 到 12 個英文字母或數字，不含空白與符號"))  # fmt: skip
    f.run("national_id", _national_id)
    f.run("name", lambda v, lb: clean_text(v, lb, required=True, max_len=40))
    f.run("gender", _gender)
    f.run("birth_date", lambda v, lb: clean_date(
        v, lb, required=True, minimum=_dt.date(1900, 1, 1), maximum=today))  # fmt: skip
    f.run("class_code", lambda v, lb: clean_text(v, lb, max_len=10, free_text=False))
    f.run("seat_no", lambda v, lb: clean_int(v, lb, minimum=1, maximum=99))
    f.run("status", lambda v, lb: clean_choice(v, lb, enums.STUDENT_STATUSES, default="在學"))
    f.run("status_date", lambda v, lb: clean_date(v, lb))
    f.run("guardian", lambda v, lb: clean_text(v, lb, max_len=40))
    f.run("postal_code", _postal)
    f.run("address", _address)
    f.run("phone", _phone)
    f.run("email", lambda v, lb: clean_text(
        v, lb, max_len=254, free_text=False, pattern=_EMAIL,
        hint="請填像 name@example.com 的電子郵件地址"))  # fmt: skip
    f.run("special_status", lambda v, lb: _roster_code(v, lb, 8))
    f.run("admission_method", lambda v, lb: _roster_code(v, lb, 8))

    if f.wants("status", "status_date") and f.ok("status"):
        status = f.clean["status"]
        if (
            status != "在學"
            and f.clean.get("status_date") is None
            and not any(e.field == "status_date" for e in f.errors)
        ):
            f.error(
                "status_date", f"學籍狀態為「{status}」時，學籍異動日期必須填寫；請填異動生效日。"
            )
    if f.wants("postal_code", "address") and f.ok("postal_code", "address"):
        problem = check_address(f.clean["postal_code"], f.clean["address"])
        if problem:
            f.error("address", f"通訊地址與郵遞區號不符：{problem}")
    return f.result()


def clean_cadre(
    raw: Mapping[str, object], *, partial: bool = False
) -> tuple[dict[str, Any], list[FieldError]]:
    """幹部經歷: 學生, 學年度, 學期, 單位名稱, 擔任職務, 幹部等級, 起訖日期."""
    f = _Form("cadre", raw, partial)
    f.run("student_id", _ref)
    f.run("school_year", _school_year)
    f.run("semester", _semester)
    f.run("unit_name", lambda v, lb: clean_text(v, lb, required=True, max_len=50))
    f.run("position", lambda v, lb: clean_text(v, lb, required=True, max_len=50))

    def level(v: object, lb: str) -> Result:
        wanted = f"請填代碼或名稱：{enums.describe(enums.CADRE_LEVELS)}"
        if is_blank(v):
            return None, _missing(lb, wanted)
        code = enums.parse_code(enums.CADRE_LEVELS, v)
        if code is None:
            return None, f"{lb}「{strip_text(cell_to_str(v))}」不是可用的值；{wanted}。"
        return code, None

    f.run("level", level)
    f.run("start_date", lambda v, lb: clean_date(v, lb))
    f.run("end_date", lambda v, lb: clean_date(v, lb))
    f.date_order()
    return f.result()


def clean_course(
    raw: Mapping[str, object], *, school_code: str | None = None, partial: bool = False
) -> tuple[dict[str, Any], list[FieldError]]:
    """課程: 課程代碼 (of this school when ``school_code`` is given), 科目名稱, 學分數…

    ``category`` is derived from the code's position 17 and any given value is ignored.
    """
    f = _Form("course", raw, partial)

    def code(v: object, lb: str) -> Result:
        text = normalize_course_code(cell_to_str(v))
        problem = check_course_code(text, school_code)
        return (None, problem) if problem else (text, None)

    f.run("code", code)
    f.run("name", lambda v, lb: clean_text(v, lb, required=True, max_len=50))
    f.run("credits", lambda v, lb: clean_int(v, lb, required=True, minimum=0, maximum=30))
    f.run("grade", lambda v, lb: clean_int(v, lb, required=True, minimum=1, maximum=3))
    f.run("school_year", _school_year)
    f.run("semester", _semester)
    f.run("teacher_id", lambda v, lb: clean_ref(v, lb, required=False))
    if f.wants("code"):
        f.clean["category"] = parse_course_code(f.clean["code"]).category if f.ok("code") else None
    return f.result()


def clean_enrolment(
    raw: Mapping[str, object], *, partial: bool = False
) -> tuple[dict[str, Any], list[FieldError]]:
    """修課紀錄: scores 0–100 (−1 = none); 及格 derived from a score when not given."""
    f = _Form("enrolment", raw, partial)
    f.run("student_id", _ref)
    f.run("course_id", _ref)
    f.run("school_year", _school_year)
    f.run("semester", _semester)
    f.run("credits", lambda v, lb: clean_int(v, lb, required=True, minimum=0, maximum=30))

    def score(v: object, lb: str) -> Result:
        return clean_decimal(v, lb, minimum=0, maximum=100, none_values=(-1,))

    f.run("score", score)
    f.run("passed", lambda v, lb: clean_bool(v, lb))
    f.run("makeup_score", score)
    f.run("makeup_passed", lambda v, lb: clean_bool(v, lb))
    f.run("credit_counted", lambda v, lb: clean_bool(v, lb, default=True))
    f.run("kind", lambda v, lb: clean_choice(v, lb, enums.ENROLMENT_KINDS, default="原修"))
    f.run("remark", lambda v, lb: clean_text(v, lb, max_len=200, multiline=True))
    for score_field, passed_field in (("score", "passed"), ("makeup_score", "makeup_passed")):
        if (
            f.ok(score_field)
            and f.clean.get(passed_field) is None
            and not any(e.field == passed_field for e in f.errors)
        ):
            f.clean[passed_field] = f.clean[score_field] >= 60
    return f.result()


def clean_consultation(
    raw: Mapping[str, object], *, partial: bool = False
) -> tuple[dict[str, Any], list[FieldError]]:
    """課程諮詢紀錄; 學年度/學期 come from the date when not given."""
    f = _Form("consultation", raw, partial)
    f.run("student_id", _ref)
    f.run("consultant_id", _ref)
    f.run("date", lambda v, lb: clean_date(v, lb, required=True))
    f.run("time", lambda v, lb: clean_time(v, lb))
    f.run("place", lambda v, lb: clean_text(v, lb, required=True, max_len=50))

    def content(v: object, lb: str) -> Result:
        text, _ = normalize_cell(v, free_text=True)
        problem = check_summary(text, lb)
        return (None, problem) if problem else (text, None)

    f.run("content", content)
    f.run("opinion", lambda v, lb: clean_text(v, lb, max_len=100, multiline=True))
    term = term_of(f.clean["date"]) if f.ok("date") else None
    derived = {"school_year": term.school_year, "semester": term.semester} if term else {}
    for name, fn in (("school_year", _school_year), ("semester", _semester)):
        if not is_blank(raw.get(name)):
            f.run(name, fn)
        elif f.wants("date"):
            f.clean[name] = derived.get(name)
    return f.result()


def _summary(v: object, lb: str) -> Result:
    text, _ = normalize_cell(v, free_text=True)
    problem = check_summary(text, lb)
    return (None, problem) if problem else (text, None)


def clean_outcome(
    raw: Mapping[str, object], *, partial: bool = False
) -> tuple[dict[str, Any], list[FieldError]]:
    """課程學習成果: 修課紀錄, 成果名稱, 成果簡述 (≤ 100 字)."""
    f = _Form("outcome", raw, partial)
    f.run("student_id", _ref)
    f.run("enrolment_id", _ref)
    f.run("title", lambda v, lb: clean_text(v, lb, required=True, max_len=50))
    f.run("summary", _summary)
    return f.result()


def clean_performance(
    raw: Mapping[str, object], *, partial: bool = False
) -> tuple[dict[str, Any], list[FieldError]]:
    """多元表現: 類別 (a sheet of §6), 名稱, dates, 時數 (−1 = none), 內容簡述, 外部連結."""
    f = _Form("performance", raw, partial)
    f.run("student_id", _ref)
    f.run("school_year", _school_year)

    def kind(v: object, lb: str) -> Result:
        wanted = "請填：" + "、".join(enums.PERFORMANCE_KINDS)
        if is_blank(v):
            return None, _missing(lb, wanted)
        found = enums.parse_performance_kind(v)
        if found is None:
            return None, f"{lb}「{strip_text(cell_to_str(v))}」不是多元表現的類別；{wanted}。"
        return found, None

    f.run("kind", kind)
    f.run("title", lambda v, lb: clean_text(v, lb, required=True, max_len=100))
    f.run("organiser", lambda v, lb: clean_text(v, lb, max_len=50))
    f.run("level", lambda v, lb: clean_text(v, lb, max_len=20))
    f.run("start_date", lambda v, lb: clean_date(v, lb))
    f.run("end_date", lambda v, lb: clean_date(v, lb))
    f.run("hours", lambda v, lb: clean_decimal(
        v, lb, minimum=0, maximum=9999, none_values=(-1,)))  # fmt: skip
    f.run("result", lambda v, lb: clean_text(v, lb, max_len=50))
    f.run("summary", _summary)

    def link(v: object, lb: str) -> Result:
        text, _ = normalize_cell(v, free_text=True)
        if not text:
            return None, None
        problem = check_url(text, lb)
        return (None, problem) if problem else (text, None)

    f.run("external_link", link)
    def in_school(v: object, lb: str) -> Result:
        text, _ = normalize_cell(v)
        if text in ("校內", "校外"):
            return text == "校內", None
        value, problem = clean_bool(v, lb, default=True)
        return value, problem and f"{lb}「{text}」看不懂；請填「校內」或「校外」（也可填 是／否；空白為校內）。"

    f.run("in_school", in_school)
    f.run("item", lambda v, lb: clean_text(v, lb, max_len=50))

    def participation(v: object, lb: str) -> Result:
        if is_blank(v):
            return None, None
        code = code_lists.parse("團體參與", v)
        return (code, None) if code else (None, code_lists.problem("團體參與", lb, v))

    f.run("participation", participation)
    if (f.wants("kind", "level") and f.ok("kind", "level")
            and f.clean.get("kind") == COMPETITION and f.clean.get("level")):
        code = code_lists.parse("競賽等級", f.clean["level"])
        if code is None:
            f.error("level", code_lists.problem("競賽等級", f.labels.get("level", "等級"),
                                                f.clean["level"]))
        else:
            f.clean["level"] = code
    f.date_order()
    return f.result()


#: the 多元表現 sheet whose 等級 is a 競賽等級 code (1 校級 … 4 國際)
COMPETITION = "競賽參與紀錄"


def _roster_code(v: object, lb: str, length: int) -> Result:
    """A code of the 學生資料名冊 whose list is not confirmed (docs/formats.md): letters and
    digits only, at most ``length`` characters."""
    return clean_text(v, lb, free_text=False, pattern=re.compile(rf"[0-9A-Za-z]{{1,{length}}}"),
                      hint=f"請填 1 到 {length} 個英數字的代碼")


_SCHOOL_CODE = re.compile(r"[0-9A-Za-z]{6}")


def clean_school(
    raw: Mapping[str, object], *, partial: bool = False
) -> tuple[dict[str, Any], list[FieldError]]:
    """學校: 6-character school code, name, address agreeing with its postal code, contacts."""
    f = _Form("school", raw, partial)
    f.run("code", lambda v, lb: clean_text(
        v, lb, required=True, free_text=False, pattern=_SCHOOL_CODE,
        hint="請填教育部的 6 碼學校代碼，例如 063401"))  # fmt: skip
    f.run("name", lambda v, lb: clean_text(v, lb, required=True, max_len=80))
    f.run("postal_code", _postal)
    f.run("address", _address)
    f.run("phone", _phone)
    f.run("registrar_name", lambda v, lb: clean_text(v, lb, max_len=40))
    f.run("registrar_phone", _phone)
    f.run("registrar_email", lambda v, lb: clean_text(
        v, lb, max_len=120, free_text=False, pattern=_EMAIL,
        hint="請填像 name@example.com 的電子郵件地址"))  # fmt: skip
    if f.wants("postal_code", "address") and f.ok("postal_code", "address"):
        problem = check_address(f.clean["postal_code"], f.clean["address"])
        if problem:
            f.error("address", f"地址與郵遞區號不符：{problem}")
    return f.result()


def clean_term(
    raw: Mapping[str, object], *, partial: bool = False
) -> tuple[dict[str, Any], list[FieldError]]:
    """學期: 學年度, 學期 (1/2), its dates, the certification deadline."""
    f = _Form("term", raw, partial)
    f.run("school_year", _school_year)
    f.run("semester", _semester)
    f.run("start_date", lambda v, lb: clean_date(v, lb, required=True))
    f.run("end_date", lambda v, lb: clean_date(v, lb, required=True))
    f.run("certification_deadline", lambda v, lb: clean_date(v, lb))
    f.date_order()
    if f.ok("school_year", "semester", "start_date"):
        expected = Term(f.clean["school_year"], f.clean["semester"])
        actual = term_of(f.clean["start_date"])
        if actual != expected:
            f.error("start_date", f"學期開始日期 {format_roc(f.clean['start_date'])} 屬於"
                    f"{actual.label}，不是{expected.label}；請檢查學年度、學期或日期。")
    return f.result()


def clean_class(
    raw: Mapping[str, object], *, partial: bool = False
) -> tuple[dict[str, Any], list[FieldError]]:
    """班級: 學年度, class code (e.g. 101), name, 年級 1–3, optional 導師."""
    f = _Form("school_class", raw, partial)
    f.run("school_year", _school_year)
    f.run("code", lambda v, lb: clean_text(
        v, lb, required=True, free_text=False, pattern=re.compile(r"[0-9A-Za-z]{1,8}"),
        hint="請填 1 到 8 個英數字，例如 101"))  # fmt: skip
    f.run("name", lambda v, lb: clean_text(v, lb, required=True, max_len=40))
    f.run("grade", lambda v, lb: clean_int(v, lb, required=True, minimum=1, maximum=3))
    f.run("homeroom_teacher_id", lambda v, lb: clean_ref(v, lb, required=False))
    f.run("group_code", lambda v, lb: clean_text(
        v, lb, free_text=False, pattern=re.compile(r"[0-9A-Za-z]{2}"),
        hint="請填 2 碼群別代碼（課程代碼第 11–12 碼），例如 11 學術群"))  # fmt: skip
    f.run("program_code", lambda v, lb: _roster_code(v, lb, 8))
    f.run("division_code", lambda v, lb: _roster_code(v, lb, 4))
    return f.result()
