"""The term's calendar (學期行事曆): the dates the rules name, their defaults, and how a
deadline, a window and a paper letter's reply date relate (DOMAIN.md §2, §9).

Pure rules: no database, no clock of its own. Every function takes the day it judges
(``today``); the doors get it from a :class:`Clock` (the system's, or a fixed one in tests).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

from lxp_desktop.domain.clock import Clock, FixedClock, SystemClock
from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.domain.roc import format_roc

# One clock for the whole program (domain/clock.py): the calendar's rules take its ``today()``.
__all__ = ["Clock", "FixedClock", "SystemClock"]


# --- the calendar's dates -------------------------------------------------------------------
@dataclass(frozen=True)
class DateKind:
    """One date (or window) the rules name: its key, its label, whether it has a start, who
    must keep it, and the rule it comes from (DOMAIN.md numbering and the seed)."""

    key: str
    label: str
    window: bool
    who: str
    source: str


UPLOAD, CERTIFICATION, SELECTION, INTERNAL, ANNOUNCE = (
    "upload", "certification", "selection", "internal", "announce_by")
#: submission deadlines, one per category (DOMAIN.md §9: 「提交 per category」)
SUBMIT_PREFIX = "submit:"

#: who may open a closed window with an extension (and edit the calendar)
OPENERS = ("academic", "registrar")
OPENERS_LABEL = "教學組或註冊組"

BASE_KINDS: tuple[DateKind, ...] = (
    DateKind(UPLOAD, "教師與學生上傳期間", True, "任課教師、學生",
             "DOMAIN.md §9.1（休業式後至少二週）；seeds/002 二、學生自主登錄「學校規定時間內」"),
    DateKind(CERTIFICATION, "任課教師認證期間", True, "任課教師（或代理人）",
             "DOMAIN.md §9.1（例：休業式後三週）；seeds/002 四、1.「每學期於學校規定時間內進行認證」"),
    DateKind(SELECTION, "學生勾選期間", True, "學生",
             "DOMAIN.md §9.1、§2（每學年勾選上限）"),
    DateKind(INTERNAL, "校內完成期限（各負責單位及學生）", False, "各負責單位、學生",
             "DOMAIN.md §9（「上傳期限之二週前」）；seeds/002 附表 維護「國教署規定上傳期限之二週前完成」"),
    DateKind(ANNOUNCE, "公告收訖確認期間期限", False, "註冊組",
             "DOMAIN.md §9.3；seeds/002 五、「應於規定期限內，公告收訖明細之確認期間」"),
)


def submit_key(category: str) -> str:
    return SUBMIT_PREFIX + category


def submit_kind(category: str) -> DateKind:
    return DateKind(submit_key(category), f"提交期限：{category}", False, "註冊組",
                    "DOMAIN.md §9.2（三年級第二學期依國教署時程）；seeds/002 附表 統整上傳"
                    "「於規定之上傳期限內上傳至國教署指定之資料庫」")


@dataclass(frozen=True)
class Offsets:
    """The school's defaults, in days (學校設定)."""

    upload_after_end: int = 14
    certification_after_end: int = 21
    submission_after_end: int = 42
    internal_before_submission: int = 14
    announce_after_submission: int = 30


@dataclass(frozen=True)
class CalendarDate:
    key: str
    label: str
    start: _dt.date | None
    end: _dt.date
    source: str
    who: str
    #: False while the date is the computed default (not yet set by the school)
    set_by_school: bool = False


def default_dates(term_start: _dt.date, term_end: _dt.date, categories: tuple[str, ...],
                  offsets: Offsets = Offsets(),
                  certification_end: _dt.date | None = None) -> dict[str, CalendarDate]:
    """The calendar a term gets before the school sets its own dates: computed from the
    term's first and last day (休業式) and the school's offsets."""
    days = _dt.timedelta
    submit = term_end + days(offsets.submission_after_end)
    internal = submit - days(offsets.internal_before_submission)
    upload_end = min(term_end + days(offsets.upload_after_end), internal)
    cert_end = certification_end or min(term_end + days(offsets.certification_after_end),
                                        internal)
    kinds = {k.key: k for k in BASE_KINDS}
    out: dict[str, CalendarDate] = {}

    def put(kind: DateKind, start: _dt.date | None, end: _dt.date) -> None:
        out[kind.key] = CalendarDate(kind.key, kind.label, start, end, kind.source, kind.who)

    put(kinds[UPLOAD], term_start, upload_end)
    put(kinds[CERTIFICATION], term_start, cert_end)
    put(kinds[SELECTION], term_start, internal)
    put(kinds[INTERNAL], None, internal)
    for cat in categories:
        put(submit_kind(cat), None, submit)
    put(kinds[ANNOUNCE], None, submit + days(offsets.announce_after_submission))
    return out


def kind_of(key: str) -> DateKind | None:
    if key.startswith(SUBMIT_PREFIX):
        return submit_kind(key[len(SUBMIT_PREFIX):])
    return next((k for k in BASE_KINDS if k.key == key), None)


def check_date(kind: DateKind, start: _dt.date | None, end: _dt.date) -> str | None:
    """A message with the fix when a window's dates are reversed, else None."""
    if kind.window and start is None:
        return f"{kind.label}：請填開始日。"
    if start is not None and end < start:
        return (f"{kind.label}：結束日 {format_roc(end)} 早於開始日 {format_roc(start)}；"
                "請對調或更正日期。")
    return None


def consistency(dates: dict[str, CalendarDate]) -> list[str]:
    """Contradictions between the dates (each message names both and the fix)."""
    problems = []
    internal = dates.get(INTERNAL)
    submits = [d for k, d in dates.items() if k.startswith(SUBMIT_PREFIX)]
    if internal is not None:
        for d in submits:
            if internal.end > d.end:
                problems.append(f"{internal.label} {format_roc(internal.end)} 晚於{d.label} "
                                f"{format_roc(d.end)}；校內期限應在提交期限之前（預設二週前）。")
        for key in (UPLOAD, CERTIFICATION, SELECTION):
            w = dates.get(key)
            if w is not None and w.end > internal.end:
                problems.append(f"{w.label}結束日 {format_roc(w.end)} 晚於{internal.label} "
                                f"{format_roc(internal.end)}；請提前結束日或延後校內期限。")
    announce = dates.get(ANNOUNCE)
    if announce is not None:
        for d in submits:
            if announce.end < d.end:
                problems.append(f"{announce.label} {format_roc(announce.end)} 早於{d.label} "
                                f"{format_roc(d.end)}；收訖明細在提交之後才會回來。")
    return problems


# --- windows ------------------------------------------------------------------------------
BEFORE, OPEN, CLOSED = "未開始", "開放中", "已截止"


def window_state(start: _dt.date | None, end: _dt.date, today: _dt.date) -> str:
    """Both ends count: a window 1/1–1/31 is open on 1/31 and closed on 2/1."""
    if start is not None and today < start:
        return BEFORE
    return CLOSED if today > end else OPEN


def days_left(end: _dt.date, today: _dt.date) -> int:
    """Days still usable, today included (0 once the end has passed)."""
    return max(0, (end - today).days + 1)


def refusal(label: str, start: _dt.date | None, end: _dt.date, today: _dt.date) -> str:
    """The message of a write outside its window: which window, its dates, who opens it."""
    span = f"{format_roc(start)}–{format_roc(end)}" if start else f"{format_roc(end)} 前"
    if start is not None and today < start:
        return (f"{label}（{span}）尚未開始，今天 {format_roc(today)} 還不能進行；"
                f"請於 {format_roc(start)} 起再做。")
    return (f"{label}（{span}）已於 {format_roc(end)} 截止，今天 {format_roc(today)} 不能再做；"
            f"需要補做請向{OPENERS_LABEL}申請展延（可對一位教師、一個班級或全校，註明原因與期限）。")


# --- the confirmation period and the paper letters ------------------------------------------
def check_new_period(start: _dt.date, end: _dt.date, today: _dt.date) -> str | None:
    """A period being announced may not begin in the past."""
    if start < today:
        return (f"確認期間的開始日 {format_roc(start)} 已經過去（今天 {format_roc(today)}）；"
                "確認期間不能設在過去，請從今天或以後開始。")
    return None


def check_change(old_start: _dt.date, old_end: _dt.date, start: _dt.date, end: _dt.date,
                 today: _dt.date) -> str | None:
    """A running period may only be extended: its end never earlier than announced, its
    start not moved once it began, and no date moved into the past."""
    if end < old_end:
        return (f"確認期間已公告至 {format_roc(old_end)}，只能延長、不能縮短；"
                f"結束日請填 {format_roc(old_end)} 或以後。")
    if start != old_start:
        if old_start <= today:
            return (f"確認期間已於 {format_roc(old_start)} 開始，開始日不能再改；"
                    "只能延長結束日。")
        if start < today:
            return (f"開始日 {format_roc(start)} 已經過去（今天 {format_roc(today)}）；"
                    "請從今天或以後開始。")
    if end < today:
        return (f"結束日 {format_roc(end)} 已經過去（今天 {format_roc(today)}）；"
                "確認期間不能設在過去。")
    return None


def reply_deadline(issued_on: _dt.date, mailing_days: int, reply_days: int) -> _dt.date:
    """The last day a paper reply can be expected: the letter's date, the post both ways
    counted in ``mailing_days``, and the school's reply days (學校設定)."""
    return issued_on + _dt.timedelta(days=mailing_days + reply_days)


def reply_accepted(postmark: _dt.date, deemed_after: _dt.date) -> bool:
    """A paper reply dated (postmarked) on or before the student's last day is accepted,
    whenever it arrives."""
    return postmark <= deemed_after


class PeriodTooShort(ValidationFailed):
    """Letters whose reply date falls after some students' last day of the period; the door
    offers to give those students their own later end (``needed``) or to change the period."""

    def __init__(self, message: str, needed: _dt.date,
                 students: Sequence[tuple[object, str]]) -> None:
        super().__init__(FieldError("deadline", message))
        self.needed = needed
        #: (student id, "學號 姓名") of each student whose period is too short
        self.students = list(students)
