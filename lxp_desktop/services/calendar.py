"""學期行事曆: the term's dates, their extensions, and the one check every door's write goes
through (DOMAIN.md §9).

A term's calendar is its defaults (computed from the term's first and last day and the
school's offsets in 學校設定) until the school sets its dates (工具 › 學期行事曆 or
``lxp-desktop calendar``). Only dates the school has set are enforced: a write outside a set
window is refused with the window, its dates and who can open it (教學組 or 註冊組, with a
recorded extension for a teacher, a class or everyone). The clock is the unit of work's
(``today_of``), so a test or a what-if run sets the day once for every service.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from lxp_desktop.domain import deadlines as rules
from lxp_desktop.domain.checks import SUBMISSION_CATEGORIES
from lxp_desktop.domain.clock import SYSTEM_CLOCK as _SYSTEM_CLOCK
from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.domain.roc import Term as TermKey
from lxp_desktop.domain.roc import format_roc
from lxp_desktop.services import settings
from lxp_desktop.services.base import RecordService, insert_row
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import authorize
from lxp_desktop.store.calendar_models import CalendarEntry, DeadlineExtension
from lxp_desktop.store.models import SchoolClass, Staff, Term, utcnow

SYSTEM_CLOCK: rules.Clock = _SYSTEM_CLOCK
CLOCK_KEY = "lxp_clock"

SCOPES = {"teacher": "教師", "class": "班級", "all": "全校"}
REASON_MAX = 200


def today_of(session: Session) -> date:
    """Today as the unit of work sees it: the clock its door put on the session (a fixed
    one in tests), else the system's."""
    clock = session.info.get(CLOCK_KEY) or SYSTEM_CLOCK
    return clock.today()


def set_clock(session: Session, clock: rules.Clock | None) -> Session:
    if clock is not None:
        session.info[CLOCK_KEY] = clock
    return session


class _Entries(RecordService[CalendarEntry]):
    model = CalendarEntry
    table = "term_calendar"
    label = "學期行事曆"


class _Extensions(RecordService[DeadlineExtension]):
    model = DeadlineExtension
    table = "deadline_extension"
    label = "期限展延"


entries = _Entries()
extensions_service = _Extensions()


# --- reading the calendar ---------------------------------------------------------------------
def offsets(session: Session) -> rules.Offsets:
    return rules.Offsets(*(int(settings.get(session, f"calendar_{k}_days"))
                           for k in ("upload_after_end", "certification_after_end",
                                     "submission_after_end", "internal_before_submission",
                                     "announce_after_submission")))


def term_row(session: Session, term: TermKey) -> Term | None:
    return session.scalars(select(Term).where(
        Term.school_year == term.school_year, Term.semester == term.semester,
        Term.deleted == false())).first()


def _stored(session: Session, term: TermKey) -> dict[str, CalendarEntry]:
    rows = session.scalars(select(CalendarEntry).where(
        CalendarEntry.school_year == term.school_year, CalendarEntry.semester == term.semester,
        CalendarEntry.deleted == false()).order_by(CalendarEntry.updated_at))
    return {r.key: r for r in rows}  # the latest wins should two PCs have added one


def dates(session: Session, term: TermKey) -> dict[str, rules.CalendarDate]:
    """Every date of the term in the calendar's order: the school's where set, else the
    default; empty when the term itself does not exist."""
    row = term_row(session, term)
    if row is None:
        return {}
    out = rules.default_dates(row.start_date, row.end_date, SUBMISSION_CATEGORIES,
                              offsets(session), row.certification_deadline)
    for key, e in _stored(session, term).items():
        kind = rules.kind_of(key)
        if kind is None:
            continue
        out[key] = rules.CalendarDate(key, kind.label, e.start_date, e.end_date, kind.source,
                                      kind.who, True)
    return out


def date_of(session: Session, term: TermKey, key: str) -> rules.CalendarDate | None:
    return dates(session, term).get(key)


def is_set(session: Session, term: TermKey) -> bool:
    return bool(_stored(session, term))


# --- setting it -------------------------------------------------------------------------------
def save(session: Session, actor: Actor, term: TermKey,
         values: Mapping[str, tuple[date | None, date]]) -> list[str]:
    """Set the term's dates (key → (start, end)); every one is checked, and the whole
    calendar must agree with itself, before anything is written. Returns the keys changed."""
    actor = authorize(session, actor, "term_calendar")
    row = term_row(session, term)
    if row is None:
        raise ValidationFailed(f"{term.label}尚未建立；請先在「學期與班級」新增這個學期。")
    current = dates(session, term)
    errors: list[FieldError] = []
    merged = dict(current)
    for key, (start, end) in values.items():
        kind = rules.kind_of(key)
        if kind is None or key not in current:
            errors.append(FieldError(key, f"行事曆沒有「{key}」這個日期；可設定："
                                          + "、".join(current) + "。"))
            continue
        start = start if kind.window else None
        problem = rules.check_date(kind, start, end)
        if problem:
            errors.append(FieldError(key, problem))
            continue
        merged[key] = rules.CalendarDate(key, kind.label, start, end, kind.source, kind.who,
                                         True)
    if errors:
        raise ValidationFailed(errors)
    errors = [FieldError("calendar", p) for p in rules.consistency(merged)]
    if errors:
        raise ValidationFailed(errors)
    stored = _stored(session, term)
    changed = []
    for key, d in merged.items():
        e = stored.get(key)
        if e is None:
            insert_row(session, actor, "term_calendar", CalendarEntry(
                school_year=term.school_year, semester=term.semester, key=key,
                start_date=d.start, end_date=d.end))
            changed.append(key)
        elif (e.start_date, e.end_date) != (d.start, d.end):
            entries.apply(session, actor, e, {"start_date": d.start, "end_date": d.end})
            changed.append(key)
    cert = merged[rules.CERTIFICATION].end
    if row.certification_deadline != cert:  # one date: the queue's 逾期 mark agrees
        from lxp_desktop.services.school import terms

        terms.apply(session, actor, row, {"certification_deadline": cert})
    return changed


# --- extensions -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Extension:
    id: uuid.UUID
    window: str
    window_label: str
    scope: str
    target_id: uuid.UUID | None
    target_label: str
    until: date
    reason: str
    granted_by: str


def _target_label(session: Session, scope: str, target: uuid.UUID | None) -> str:
    if scope == "all" or target is None:
        return "全校"
    if scope == "teacher":
        staff = session.get(Staff, target)
        return f"教師 {staff.name}" if staff else "教師（已刪除）"
    klass = session.get(SchoolClass, target)
    return f"班級 {klass.code}" if klass else "班級（已刪除）"


def resolve_target(session: Session, term: TermKey, scope: str, text: str | None) -> uuid.UUID | None:
    """The teacher (帳號 or 姓名) or the class (代碼, in the term's 學年度) an extension is for."""
    text = (text or "").strip()
    if scope == "all":
        return None
    if scope == "teacher":
        staff = session.scalars(select(Staff).where(
            (Staff.username == text) | (Staff.name == text), Staff.deleted == false())).all()
        if len(staff) != 1:
            raise ValidationFailed(FieldError("target", f"教師：找不到帳號或姓名為「{text}」的教師"
                                              + ("（同名不只一位，請用帳號）" if staff else "")
                                              + "；請填教師的帳號。"))
        return staff[0].id
    if scope == "class":
        klass = session.scalars(select(SchoolClass).where(
            SchoolClass.code == text, SchoolClass.school_year == term.school_year,
            SchoolClass.deleted == false())).first()
        if klass is None:
            raise ValidationFailed(FieldError("target", f"班級：{term.school_year}學年度沒有「{text}」班；"
                                              "請填班級代碼，例如 301。"))
        return klass.id
    raise ValidationFailed(FieldError("scope", "對象：請選教師、班級或全校。"))


def grant(session: Session, actor: Actor, term: TermKey, window: str, scope: str,
          target: uuid.UUID | None, until: date, reason: str) -> DeadlineExtension:
    """Open a closed window again until ``until`` for a teacher, a class or everyone, with
    the reason (教學組 or 註冊組; audited like every write)."""
    actor = authorize(session, actor, "deadline_extension")
    today = today_of(session)
    d = date_of(session, term, window)
    errors = []
    if d is None or window.startswith(rules.SUBMIT_PREFIX) or window in (
            rules.INTERNAL, rules.ANNOUNCE):
        errors.append(FieldError("window", "期限：只有上傳、認證與勾選期間可以展延；"
                                 "其他日期請直接修改行事曆。"))
    if scope not in SCOPES:
        errors.append(FieldError("scope", "對象：請選教師、班級或全校。"))
    elif scope != "all" and target is None:
        errors.append(FieldError("target", f"對象：請指定{SCOPES[scope]}。"))
    text = " ".join((reason or "").split())
    if not text:
        errors.append(FieldError("reason", "原因：必填，請寫明為何展延（例如：教師公假）。"))
    elif len(text) > REASON_MAX:
        errors.append(FieldError("reason", f"原因：目前 {len(text)} 字，超過 {REASON_MAX} 字上限。"))
    if until < today:
        errors.append(FieldError("until", f"展延至 {format_roc(until)} 已經過去（今天 "
                                 f"{format_roc(today)}）；請填今天或以後的日期。"))
    elif d is not None and until <= d.end:
        errors.append(FieldError("until", f"展延至 {format_roc(until)} 沒有晚於{d.label}的截止日 "
                                 f"{format_roc(d.end)}；請填 {format_roc(d.end)} 以後的日期。"))
    if errors:
        raise ValidationFailed(errors)
    ext = DeadlineExtension(school_year=term.school_year, semester=term.semester,
                            window=window, scope=scope, target_id=target, until=until,
                            reason=text, granted_by=actor.acting_for or actor.staff_id,
                            granted_at=utcnow())
    insert_row(session, actor, "deadline_extension", ext)
    return ext


def extensions(session: Session, term: TermKey, window: str | None = None) -> list[Extension]:
    stmt = select(DeadlineExtension).where(
        DeadlineExtension.school_year == term.school_year,
        DeadlineExtension.semester == term.semester, DeadlineExtension.deleted == false())
    if window:
        stmt = stmt.where(DeadlineExtension.window == window)
    out = []
    for e in session.scalars(stmt.order_by(DeadlineExtension.granted_at)):
        who = session.get(Staff, uuid.UUID(e.granted_by)) if e.granted_by else None
        kind = rules.kind_of(e.window)
        out.append(Extension(e.id, e.window, kind.label if kind else e.window, e.scope,
                             e.target_id, _target_label(session, e.scope, e.target_id),
                             e.until, e.reason, who.name if who else ""))
    return out


# --- the one check ------------------------------------------------------------------------------
def open_until(session: Session, term: TermKey, window: str, *,
               teacher_id: uuid.UUID | None = None,
               class_id: uuid.UUID | None = None) -> date | None:
    """The last day the window is open for this teacher/class (its end, or the latest
    extension that covers them); None when the school has not set the window."""
    entry = _stored(session, term).get(window)
    if entry is None:
        return None
    last = entry.end_date
    for e in session.scalars(select(DeadlineExtension).where(
            DeadlineExtension.school_year == term.school_year,
            DeadlineExtension.semester == term.semester, DeadlineExtension.window == window,
            DeadlineExtension.deleted == false())):
        covers = (e.scope == "all" or (e.scope == "teacher" and e.target_id == teacher_id)
                  or (e.scope == "class" and e.target_id == class_id))
        if covers and e.until > last:
            last = e.until
    return last


def require_open(session: Session, term: TermKey, window: str, *,
                 teacher_id: uuid.UUID | None = None, class_id: uuid.UUID | None = None,
                 what: str = "", field: str = "") -> None:
    """Refuse a write outside the window (unless an extension covers it); nothing when the
    school has not set this window for the term."""
    entry = _stored(session, term).get(window)
    if entry is None:
        return
    today = today_of(session)
    last = open_until(session, term, window, teacher_id=teacher_id, class_id=class_id)
    assert last is not None
    if rules.window_state(entry.start_date, last, today) == rules.OPEN:
        return
    kind = rules.kind_of(window)
    label = f"{term.label}{kind.label if kind else window}"
    message = rules.refusal(label, entry.start_date, entry.end_date, today)
    raise ValidationFailed(FieldError(field or window, f"{what}：{message}" if what else message))


def class_of(session: Session, student_id: uuid.UUID, school_year: int) -> uuid.UUID | None:
    """The student's class in that 學年度 (the class an extension names)."""
    from lxp_desktop.services.membership import membership

    m = membership(session, student_id, school_year)
    return m.class_id if m is not None else None


def window_label(key: str) -> str:
    kind = rules.kind_of(key)
    return kind.label if kind else key


def describe(d: rules.CalendarDate) -> str:
    span = (f"{format_roc(d.start)}–{format_roc(d.end)}" if d.start else format_roc(d.end))
    return f"{d.label}：{span}{'' if d.set_by_school else '（預設）'}"


def as_rows(session: Session, term: TermKey) -> list[dict[str, Any]]:
    """The calendar as plain rows for a table or the command line, the announced
    confirmation period last."""
    from lxp_desktop.services import confirmation

    today = today_of(session)
    rows = []
    for d in dates(session, term).values():
        rows.append({"key": d.key, "label": d.label, "start": d.start, "end": d.end,
                     "state": rules.window_state(d.start, d.end, today),
                     "days_left": rules.days_left(d.end, today), "set": d.set_by_school,
                     "source": d.source, "who": d.who})
    period = confirmation.current_period(session, term)
    if period is not None:
        rows.append({"key": "period", "label": "收訖確認期間", "start": period.start_date,
                     "end": period.end_date,
                     "state": rules.window_state(period.start_date, period.end_date, today),
                     "days_left": rules.days_left(period.end_date, today), "set": True,
                     "source": "DOMAIN.md §2（至少 3 天）、§9.3；seeds/002 五、「不得少於三日」",
                     "who": "學生（離校生以紙本回覆）"})
    return rows
