"""The confirmation period of the receipt details (docs/domain.md §2, §9): its length, the states
of each student, deemed confirmation at the end, and objections answered within 3 days."""

from __future__ import annotations

import datetime as _dt

from lxp_desktop.domain.limits import CONFIRMATION_MIN_DAYS, OBJECTION_ANSWER_DAYS
from lxp_desktop.domain.roc import format_roc

PENDING, CONFIRMED, OBJECTED, DEEMED = "待確認", "已確認", "提出疑義", "視為確認"
STATES: tuple[str, ...] = (PENDING, CONFIRMED, OBJECTED, DEEMED)


def period_days(start: _dt.date, end: _dt.date) -> int:
    """Days of a period, both ends included (6/1–6/3 is 3 days)."""
    return (end - start).days + 1


def check_period(start: _dt.date, end: _dt.date) -> str | None:
    """A Chinese message when the period is too short or reversed, else ``None``."""
    if end < start:
        return (f"確認期間的結束日 {format_roc(end)} 早於開始日 {format_roc(start)}；"
                "請對調或更正日期。")
    days = period_days(start, end)
    if days < CONFIRMATION_MIN_DAYS:
        last = start + _dt.timedelta(days=CONFIRMATION_MIN_DAYS - 1)
        return (f"確認期間 {format_roc(start)}–{format_roc(end)} 只有 {days} 天；"
                f"收訖明細的確認期間至少須公告 {CONFIRMATION_MIN_DAYS} 天，"
                f"結束日最早為 {format_roc(last)}。")
    return None


def period_over(end: _dt.date, today: _dt.date) -> bool:
    """The period has ended (the end date itself still counts) and silence means 視為確認."""
    return today > end


def objection_due(raised: _dt.date) -> _dt.date:
    """The day by which an objection must have been investigated and answered."""
    return raised + _dt.timedelta(days=OBJECTION_ANSWER_DAYS)


def objection_overdue(raised: _dt.date, resolved: bool, today: _dt.date) -> bool:
    return not resolved and today > objection_due(raised)
