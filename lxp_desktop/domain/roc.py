"""ROC years, the many ways clerks write a date, and 學年度/學期 (docs/domain.md §4).

Accepted date forms (full-width digits too):

- ``date`` / ``datetime`` objects;
- Excel serial numbers (1900 date system) from 61 (1900-03-01) to 73050 (2099-12-31);
- ROC: ``113/09/01``, ``113-9-1``, ``113.09.01``, ``1130901``, ``0900512``,
  ``民國113年9月1日``, ``113年9月1日`` (``中華民國`` and a missing 日 are tolerated);
- AD: ``2024-09-01``, ``2024/9/1``, ``2024.9.1``, ``20240901`` (a trailing time is ignored);
- six digits ``900512`` are read as ROC ``yyMMdd``, i.e. a seven-digit ROC date whose
  leading zero was lost (Excel turns ``0900512`` into the number 900512). AD ``yyMMdd``
  is never accepted, so six digits have exactly one reading.

Integers typed into Excel cells follow the same digit rules (6/7/8 digits); smaller
integers are Excel serials. A year of four digits (≥ 1000) is AD, otherwise ROC.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from lxp_desktop.domain.text import strip_text, to_halfwidth

ROC_OFFSET = 1911
MIN_DATE = _dt.date(1900, 1, 1)
MAX_DATE = _dt.date(2199, 12, 31)
_EXCEL_EPOCH = _dt.date(1899, 12, 30)
EXCEL_SERIAL_MIN = 61  # 1900-03-01; serials below it hit Excel's phantom 1900-02-29
EXCEL_SERIAL_MAX = 73050  # 2099-12-31

ACCEPTED_FORMS = (
    "民國年 113/09/01、113-9-1、1130901、民國113年9月1日，或西元 2024-09-01、2024/9/1、20240901"
)

_SEP = re.compile(
    r"(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_CJK = re.compile(r"(?:中華)?(民國)?\s*(\d{1,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")


def roc_year(ad: int) -> int:
    """AD year → ROC year (2024 → 113)."""
    return ad - ROC_OFFSET


def ad_year(roc: int) -> int:
    """ROC year → AD year (113 → 2024)."""
    return roc + ROC_OFFSET


def _unreadable(text: str) -> ValueError:
    return ValueError(f"日期「{text}」看不懂；請用{ACCEPTED_FORMS} 的寫法。")


def _build(text: str, year: int, month: int, day: int, *, roc: bool) -> _dt.date:
    """Make a date, explaining in Chinese why it does not exist."""
    ad = ad_year(year) if roc else year
    shown = f"民國{year}年" if roc else f"西元{year}年"
    if roc and year < 1:
        raise ValueError(f"日期「{text}」的民國年 {year} 不合理；請核對年份。")
    if not MIN_DATE.year <= ad <= MAX_DATE.year:
        raise ValueError(f"日期「{text}」的年份 {shown} 不合理；請核對年份。")
    if not 1 <= month <= 12:
        raise ValueError(f"日期「{text}」不存在：沒有 {month} 月；月份應為 1 到 12。")
    last = calendar.monthrange(ad, month)[1]
    if not 1 <= day <= last:
        raise ValueError(f"日期「{text}」不存在：{shown}{month}月只有 {last} 天；請核對日期。")
    return _dt.date(ad, month, day)


def _from_serial(number: float, text: str) -> _dt.date:
    whole = int(number)
    if not EXCEL_SERIAL_MIN <= whole <= EXCEL_SERIAL_MAX:
        raise ValueError(
            f"日期「{text}」看起來是 Excel 日期序號，但超出合理範圍"
            f"（{EXCEL_SERIAL_MIN}–{EXCEL_SERIAL_MAX}）；請把儲存格改成日期格式或"
            f"改填{ACCEPTED_FORMS}。"
        )
    return _EXCEL_EPOCH + _dt.timedelta(days=whole)


def _from_digits(digits: str, text: str) -> _dt.date:
    if len(digits) == 8:
        return _build(text, int(digits[:4]), int(digits[4:6]), int(digits[6:]), roc=False)
    if len(digits) == 7:
        return _build(text, int(digits[:3]), int(digits[3:5]), int(digits[5:]), roc=True)
    if len(digits) == 6:
        return _build(text, int(digits[:2]), int(digits[2:4]), int(digits[4:]), roc=True)
    raise _unreadable(text)


def parse_date(value: object) -> _dt.date:
    """Read a date in any accepted form; raise ``ValueError`` with a Chinese message."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, bool):
        raise _unreadable(str(value))
    if isinstance(value, int | float):
        text = str(value)
        if isinstance(value, float) and not value == value:  # NaN
            raise _unreadable(text)
        if value >= 100000 and float(value).is_integer():
            return _from_digits(str(int(value)), text)
        return _from_serial(float(value), text)
    if value is None:
        raise ValueError(f"沒有填日期；請填{ACCEPTED_FORMS}。")
    raw = str(value)
    text = strip_text(to_halfwidth(raw))
    if not text:
        raise ValueError(f"沒有填日期；請填{ACCEPTED_FORMS}。")
    if text.isdigit():
        return _from_digits(text, raw.strip())
    m = _SEP.fullmatch(text)
    if m:
        year, month, day = (int(g) for g in m.groups())
        return _build(raw.strip(), year, month, day, roc=year < 1000)
    m = _CJK.fullmatch(text)
    if m:
        year, month, day = int(m[2]), int(m[3]), int(m[4])
        return _build(raw.strip(), year, month, day, roc=bool(m[1]) or year < 1000)
    raise _unreadable(raw.strip())


def format_roc(d: _dt.date) -> str:
    """'113/09/01'; years before 民國 read '民前1/…'."""
    y = roc_year(d.year)
    year = str(y) if y >= 1 else f"民前{1 - y}"
    return f"{year}/{d.month:02d}/{d.day:02d}"


def format_roc_long(d: _dt.date) -> str:
    """'民國113年9月1日'."""
    y = roc_year(d.year)
    year = f"民國{y}" if y >= 1 else f"民前{1 - y}"
    return f"{year}年{d.month}月{d.day}日"


_TERM_CODE = re.compile(r"(\d{2,3})\s*[-/._ ]\s*([012])|(\d{3})([012])")
_TERM_LABEL = re.compile(r"(?:民國)?(\d{2,3})\s*學年度?\s*(?:第?\s*([12一二上下])\s*學期)?")
_SEMESTER_WORDS = {"1": 1, "2": 2, "一": 1, "二": 2, "上": 1, "下": 2}


@dataclass(frozen=True, order=True)
class Term:
    """A 學年度 and 學期; semester 0 is the whole year (yearly rosters)."""

    school_year: int
    semester: int

    def __post_init__(self) -> None:
        if self.semester not in (0, 1, 2):
            raise ValueError(f"學期必須是 1、2 或 0（整學年），不能是 {self.semester}。")
        if not 1 <= self.school_year <= 999:
            raise ValueError(f"學年度必須是民國年（例如 113），不能是 {self.school_year}。")

    @property
    def label(self) -> str:
        """'113學年度第1學期', or '113學年度' for semester 0."""
        if self.semester == 0:
            return f"{self.school_year}學年度"
        return f"{self.school_year}學年度第{self.semester}學期"

    @property
    def code(self) -> str:
        """'113-1'."""
        return f"{self.school_year}-{self.semester}"

    def __str__(self) -> str:
        return self.label

    @classmethod
    def parse(cls, text: str) -> Term:
        """Read '113-1', '113-0', '1131', '113/2', '113學年度第1學期' or '113學年度'."""
        t = strip_text(to_halfwidth(str(text)))
        m = _TERM_CODE.fullmatch(t)
        if m:
            year, semester = (m[1], m[2]) if m[1] else (m[3], m[4])
            return cls(int(year), int(semester))
        m = _TERM_LABEL.fullmatch(t)
        if m:
            return cls(int(m[1]), _SEMESTER_WORDS[m[2]] if m[2] else 0)
        raise ValueError(
            f"學期「{text}」看不懂；請寫成 113-1（113學年度第1學期）、113-2，或 113-0（整學年）。"
        )

    def next(self) -> Term:
        """The following semester (a whole year → the next whole year)."""
        if self.semester == 0:
            return Term(self.school_year + 1, 0)
        if self.semester == 1:
            return Term(self.school_year, 2)
        return Term(self.school_year + 1, 1)

    def previous(self) -> Term:
        """The preceding semester (a whole year → the previous whole year)."""
        if self.semester == 0:
            return Term(self.school_year - 1, 0)
        if self.semester == 2:
            return Term(self.school_year, 1)
        return Term(self.school_year - 1, 2)

    @property
    def year(self) -> Term:
        """The whole 學年度 this term belongs to (semester 0)."""
        return Term(self.school_year, 0)


def term_of(d: _dt.date) -> Term:
    """The semester a date falls in: 第1學期 Aug–Jan, 第2學期 Feb–Jul."""
    if d.month >= 8:
        return Term(roc_year(d.year), 1)
    if d.month == 1:
        return Term(roc_year(d.year) - 1, 1)
    return Term(roc_year(d.year) - 1, 2)


def default_dates(term: Term) -> tuple[_dt.date, _dt.date]:
    """First and last day: Aug 1–Jan 31, Feb 1–Jul 31, or Aug 1–Jul 31 for semester 0."""
    start_year = ad_year(term.school_year)
    if term.semester == 1:
        return _dt.date(start_year, 8, 1), _dt.date(start_year + 1, 1, 31)
    if term.semester == 2:
        return _dt.date(start_year + 1, 2, 1), _dt.date(start_year + 1, 7, 31)
    return _dt.date(start_year, 8, 1), _dt.date(start_year + 1, 7, 31)
