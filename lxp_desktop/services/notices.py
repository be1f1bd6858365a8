"""Paper confirmation notices for students who have left: who gets one, the batch, the PDF,
and the mailing log (已產生 → 已寄出 → 已回覆 / 退件 → re-send).

Where the notices meet the receipt confirmation (``services.confirmation``):

- :func:`departed_students` and :func:`items_for` — who is notified and what their letter
  lists: the departed students of the term's receipt details and their received items.
  Before a receipt is imported, the departed students and their records in the categories
  submitted for the term (修課紀錄, 幹部經歷, selected 課程學習成果 and, in a second
  semester, the year's selected 多元表現), so a batch can be prepared early.
- :func:`apply_reply_to_confirmation` — a reply (確認 / 疑義) entered here becomes the
  student's confirmation state through this one function.
"""

from __future__ import annotations

import json
import re
import secrets
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from lxp_desktop.domain.address_lines import mail_postal_code
from lxp_desktop.domain.enums import LEFT_STATUSES
from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.domain.ids import mask_id
from lxp_desktop.domain.postal import check_address
from lxp_desktop.domain.roc import Term, format_roc
from lxp_desktop.domain.text import strip_text, to_halfwidth
from lxp_desktop.printing.fonts import describe_uncovered, fonts
from lxp_desktop.printing.mail import Address, LabelGrid, MailListRow
from lxp_desktop.printing.notices import (
    Letter,
    LetterItem,
    RenderResult,
    SchoolHeader,
    WindowFrame,
    render_letters,
)
from lxp_desktop.services import confirmation, settings
from lxp_desktop.services.base import Column, RecordService, insert_row
from lxp_desktop.services.context import Actor
from lxp_desktop.services.membership import SEAT, classes_in, join_class
from lxp_desktop.services.permissions import authorize
from lxp_desktop.services.school import get_school
from lxp_desktop.store.models import (
    Attachment,
    CadreRecord,
    Course,
    Enrolment,
    Outcome,
    Performance,
    SchoolClass,
    Student,
)
from lxp_desktop.store.notice_models import Notice
from lxp_desktop.store.roster_models import ClassMembership
from lxp_desktop.store.submission_models import Confirmation

GENERATED, SENT, REPLIED, RETURNED = "已產生", "已寄出", "已回覆", "退件"
#: replaced by a new notice (``services.mailing.void``): its reply code no longer counts
VOIDED = "已作廢"
STATES = (GENERATED, SENT, REPLIED, RETURNED, VOIDED)
CONFIRMED, OBJECTED = "確認", "疑義"
#: Crockford's base 32: no I, L, O, U, so a typed reference is not misread
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

Progress = Callable[[int, int, str], None]


class NoticeService(RecordService[Notice]):
    """Only the write path (``apply``) and reading by id are used; notices are made here."""

    model = Notice
    table = "notice"
    label = "紙本通知"
    scope = "term"

    def columns(self) -> list[Column]:
        return [Column("reference", "參考編號", Notice.reference),
                Column("state", "狀態", Notice.state)]


service = NoticeService()


# --- the seams to the receipt-confirmation work (#6) ---------------------------------------
def departed_students(session: Session, term: Term) -> list[Student]:
    """Students who have left (轉出, 休學, 退學, 畢業) and are notified on paper.

    Once the term's receipt details are imported, those of the receipt
    (``confirmation.departed_students``: who has something to confirm); before that, every
    departed student, so a batch can still be prepared from the school's own records."""
    if confirmation.receipts_of(session, term):
        ids = [d.student_id for d in confirmation.departed_students(session, term)]
        found = {s.id: s for s in session.scalars(select(Student).where(Student.id.in_(ids)))}
        return [found[i] for i in ids if i in found]
    stmt = (join_class(select(Student), term.school_year)
            .where(Student.deleted == false(), Student.status.in_(sorted(LEFT_STATUSES)))
            .order_by(SchoolClass.code, SEAT, Student.student_no))
    return list(session.scalars(stmt))


def _score(value: object) -> str:
    if value is None or value == "":
        return ""
    try:
        number = float(str(value))
    except ValueError:
        return str(value)
    return f"{number:g}"


_RECEIVED = re.compile(r"([^：；]+)：送出「[^」]*」，收到「([^」]*)」")


def received_values(values_json: str | None, detail: str | None) -> dict[str, str]:
    """The values the central database received for a reconciled line: what was sent, with
    the columns the receipt showed different (``detail``) replaced by what was received."""
    values: dict[str, str] = {}
    if values_json:
        try:
            values = {str(k): "" if v is None else str(v)
                      for k, v in json.loads(values_json).items()}
        except (ValueError, AttributeError):
            values = {}
    for column, got in _RECEIVED.findall(detail or ""):
        values[column.strip()] = got
    return values


def _detail_of(category: str, values: dict[str, str], files: int | None) -> str:
    """What a family checks beside an item's name: 學分 and 成績, a date, the files."""
    if category == "修課紀錄":
        parts = []
        if values.get("修課學分"):
            parts.append(f"{values['修課學分']}學分")
        score = _score(values.get("學期學業成績"))
        if score:
            parts.append(f"成績 {score}")
        makeup = _score(values.get("補考成績"))
        if makeup:
            parts.append(f"補考 {makeup}")
        return "　".join(parts)
    if category in ("課程學習成果",):
        return f"檔案 {files or 0} 個"
    if category == "多元表現":
        when = values.get("開始日期") or values.get("結果公布日期") or ""
        day = parse_iso(when)
        text = format_roc(day) if day else when
        return "　".join(x for x in (text, f"檔案 {files} 個" if files else "") if x)
    if category in ("幹部經歷", "校內幹部經歷"):
        start = parse_iso(values.get("開始日期", ""))
        end = parse_iso(values.get("結束日期", ""))
        if start:
            return f"{format_roc(start)}～{format_roc(end) if end else ''}"
    return ""


def parse_iso(text: str | None) -> date | None:
    try:
        return date.fromisoformat(str(text or "")[:10])
    except ValueError:
        return None


def items_for(session: Session, student_id: uuid.UUID, term: Term) -> list[LetterItem]:
    """What the student's letter lists for ``term``, each with the values a family checks
    (修課紀錄: 學分 and 成績; 課程學習成果: the files; 多元表現: name and date): the items the
    central database received (the reconciled receipt details); before a receipt is
    imported, the student's records in the categories submitted for the term."""
    if confirmation.receipts_of(session, term):
        from lxp_desktop.services.receipts import MISSING, current_items
        from lxp_desktop.store.submission_models import ReceiptItem, SubmissionItem

        cond = current_items(session, term)
        out: list[LetterItem] = []
        if cond is None:
            return out
        received = session.execute(
            select(ReceiptItem, SubmissionItem.values_json)
            .outerjoin(SubmissionItem, ReceiptItem.submission_item_id == SubmissionItem.id)
            .where(cond, ReceiptItem.student_id == student_id,
                   ReceiptItem.outcome != MISSING, ReceiptItem.deleted == false())
            .order_by(ReceiptItem.kind, ReceiptItem.sheet, ReceiptItem.term_label,
                      ReceiptItem.title))
        for item, values_json in received:
            y_text, _, s_text = item.term_label.partition("-")
            label = Term(int(y_text or term.school_year), int(s_text or term.semester)).label
            values = received_values(values_json, item.detail)
            title = item.title or item.key
            if item.kind == "課程學習成果" and values.get("成果簡述"):
                title = f"{title}：{values['成果簡述']}"
            out.append(LetterItem(item.kind, label, title, item.file_count,
                                  _detail_of(item.kind, values, item.file_count)))
        return out
    year, sem = term.school_year, term.semester
    label = term.label
    items: list[LetterItem] = []
    rows = session.execute(
        select(Course.name, Enrolment.credits, Enrolment.kind, Enrolment.score,
               Enrolment.makeup_score)
        .join(Course, Enrolment.course_id == Course.id)
        .where(Enrolment.student_id == student_id, Enrolment.deleted == false(),
               Enrolment.school_year == year, Enrolment.semester == sem)
        .order_by(Course.code))
    for name, credits, kind, score, makeup in rows:
        suffix = f"（{kind}）" if kind and kind != "原修" else ""
        items.append(LetterItem("修課紀錄", label, f"{name}{suffix}", None, _detail_of(
            "修課紀錄", {"修課學分": str(credits), "學期學業成績": _score(score),
                         "補考成績": _score(makeup)}, None)))
    for unit, position, start, end in session.execute(
            select(CadreRecord.unit_name, CadreRecord.position, CadreRecord.start_date,
                   CadreRecord.end_date)
            .where(CadreRecord.student_id == student_id, CadreRecord.deleted == false(),
                   CadreRecord.school_year == year, CadreRecord.semester == sem)
            .order_by(CadreRecord.start_date, CadreRecord.unit_name)):
        items.append(LetterItem("幹部經歷", label, f"{unit} {position}", None, _detail_of(
            "幹部經歷", {"開始日期": start.isoformat() if start else "",
                         "結束日期": end.isoformat() if end else ""}, None)))
    files = _file_counts(session, "outcome")
    for oid, title, course in session.execute(
            select(Outcome.id, Outcome.title, Course.name)
            .join(Enrolment, Outcome.enrolment_id == Enrolment.id)
            .join(Course, Enrolment.course_id == Course.id)
            .where(Outcome.student_id == student_id, Outcome.deleted == false(),
                   Outcome.selected, Outcome.school_year == year, Outcome.semester == sem)
            .order_by(Course.code, Outcome.title)):
        count = files(session, oid)
        items.append(LetterItem("課程學習成果", label, f"{course}：{title}", count,
                                _detail_of("課程學習成果", {}, count)))
    if sem in (0, 2):  # 多元表現 are submitted once a year, after the second semester
        files = _file_counts(session, "performance")
        for pid, kind, title, start in session.execute(
                select(Performance.id, Performance.kind, Performance.title,
                       Performance.start_date)
                .where(Performance.student_id == student_id, Performance.deleted == false(),
                       Performance.selected, Performance.school_year == year)
                .order_by(Performance.kind, Performance.title)):
            count = files(session, pid)
            items.append(LetterItem("多元表現", Term(year, 0).label, f"{kind}：{title}", count,
                                    _detail_of("多元表現", {
                                        "開始日期": start.isoformat() if start else ""},
                                        count)))
    return items


def apply_reply_to_confirmation(session: Session, actor: Actor, student_id: uuid.UUID,
                                term: Term, answer: str, note: str | None) -> None:
    """A paper reply's answer (確認 / 疑義) becomes the student's confirmation state.

    確認 moves a 待確認 student to 已確認; 疑義 opens the objection that must be investigated
    within three days (``confirmation.raise_objection``). Without an announced period, or
    for a student not in the receipt details, the notice row (state 已回覆, ``reply``,
    ``objection``) is the only record of the answer."""
    period = confirmation.current_period(session, term)
    student = session.get(Student, student_id)
    if period is None or student is None:
        return None
    row = session.scalars(select(Confirmation).where(
        Confirmation.period_id == period.id, Confirmation.student_id == student_id,
        Confirmation.deleted == false())).first()
    if row is None:
        return None
    if answer == OBJECTED:
        confirmation.raise_objection(session, actor, term, student.student_no, note or "")
    elif row.state == confirmation.PENDING:
        confirmation.confirm(session, actor, term, student.student_no)
    return None


def _file_counts(session: Session, owner_table: str) -> Callable[[Session, uuid.UUID], int]:
    def count(s: Session, owner_id: uuid.UUID) -> int:
        return int(s.scalar(select(func.count()).select_from(Attachment).where(
            Attachment.owner_table == owner_table, Attachment.owner_id == owner_id,
            Attachment.deleted == false())) or 0)
    return count


# --- school data for the letter ------------------------------------------------------------
def school_header(session: Session) -> SchoolHeader:
    school = get_school(session)
    if school is None:
        raise ValidationFailed("尚未建立學校資料；請先在「工具 › 學校資料」填寫校名、地址與註冊組聯絡人。")
    return SchoolHeader(school.name, school.postal_code or "", school.address or "",
                        school.phone or "", school.registrar_name or "",
                        school.registrar_phone or "", school.registrar_email or "")


def window_frame(session: Session) -> WindowFrame:
    return WindowFrame(*(float(settings.get(session, f"notice_window_{k}_mm"))
                         for k in ("left", "top", "width", "height")))


def default_deadline(session: Session, issued_on: date, term: Term | None = None) -> date:
    """The end of the term's announced confirmation period when it leaves the student at
    least three days; otherwise the school's reply days after the letter's date."""
    period = confirmation.current_period(session, term) if term is not None else None
    if period is not None and period.end_date >= issued_on + timedelta(days=3):
        return period.end_date
    return issued_on + timedelta(days=int(settings.get(session, "notice_reply_days")))


# --- who and what ----------------------------------------------------------------------------
@dataclass
class Candidate:
    """A row of the 紙本通知 tab: a student and the state of their latest notice."""

    student_id: uuid.UUID
    student_no: str
    name: str
    class_name: str
    status: str
    postal_code: str
    address: str
    notice_id: uuid.UUID | None = None
    reference: str = ""
    state: str = ""
    detail: str = ""


def _class_names(session: Session, students: Iterable[Student],
                 term: Term) -> dict[uuid.UUID, str]:
    """student id → 原班級: the class the student had in the term's 學年度 (else the last
    class before it, else the class on the roster now)."""
    students = list(students)
    found = {sid: k.name for sid, (k, _seat) in classes_in(
        session, [s.id for s in students], term.school_year).items()}
    missing = [s for s in students if s.id not in found]
    if missing:
        for sid, name in session.execute(
                select(ClassMembership.student_id, SchoolClass.name)
                .join(SchoolClass, ClassMembership.class_id == SchoolClass.id)
                .where(ClassMembership.student_id.in_([s.id for s in missing]),
                       ClassMembership.school_year < term.school_year,
                       ClassMembership.deleted == false())
                .order_by(ClassMembership.school_year)):
            found[sid] = name  # the latest year before the term wins
        ids = {s.class_id for s in missing if s.class_id and s.id not in found}
        now = {k.id: k.name for k in session.scalars(select(SchoolClass).where(
            SchoolClass.id.in_(ids)))} if ids else {}
        for s in missing:
            if s.id not in found and s.class_id in now:
                found[s.id] = now[s.class_id]
    return found


def latest_notices(session: Session, term: Term,
                   student_ids: Iterable[uuid.UUID] | None = None) -> dict[uuid.UUID, Notice]:
    """The newest notice of each student for the term."""
    stmt = select(Notice).where(Notice.school_year == term.school_year,
                                Notice.semester == term.semester, Notice.deleted == false())
    if student_ids is not None:
        stmt = stmt.where(Notice.student_id.in_(list(student_ids)))
    out: dict[uuid.UUID, Notice] = {}
    for n in session.scalars(stmt.order_by(Notice.issued_on, Notice.updated_at)):
        if n.state == VOIDED and n.student_id in out and out[n.student_id].state != VOIDED:
            continue  # the notice issued in place of a voided one stays the student's
        out[n.student_id] = n  # the newest wins
    return out


def _detail(n: Notice) -> str:
    if n.state == SENT:
        return f"{format_roc(n.sent_on)} 寄出" + (f"，掛號 {n.registered_no}"
                                                   if n.registered_no else "") if n.sent_on else ""
    if n.state == REPLIED:
        text = f"{format_roc(n.replied_on)} {n.reply}" if n.replied_on else (n.reply or "")
        return text + (f"：{n.objection}" if n.objection else "")
    if n.state in (RETURNED, VOIDED):
        return (f"{format_roc(n.returned_on)} " if n.returned_on else "") + (n.return_reason or "")
    return f"回覆期限 {format_roc(n.deadline)}"


def candidates(session: Session, term: Term,
               extra_ids: Iterable[uuid.UUID] = ()) -> list[Candidate]:
    """The departed students of the term (pre-selected) plus any the clerk added."""
    students = departed_students(session, term)
    seen = {s.id for s in students}
    extra = [i for i in extra_ids if i not in seen]
    if extra:
        students += list(session.scalars(select(Student).where(Student.id.in_(extra))))
    return candidate_rows(session, term, students)


def candidate_rows(session: Session, term: Term, students: Sequence[Student]) -> list[Candidate]:
    names = _class_names(session, students, term)
    latest = latest_notices(session, term, [s.id for s in students])
    out = []
    for s in students:
        c = Candidate(s.id, s.student_no, s.name, names.get(s.id, ""),
                      s.status, s.postal_code or "", s.address or "")
        n = latest.get(s.id)
        if n is not None:
            c.notice_id, c.reference, c.state, c.detail = n.id, n.reference, n.state, _detail(n)
        out.append(c)
    return out


def check(session: Session, term: Term, student_ids: Sequence[uuid.UUID], *,
          use_fallback: bool = True,
          items: dict[uuid.UUID, list[LetterItem]] | None = None) -> list[FieldError]:
    """Every problem that would spoil a letter, before anything is printed: a missing or
    inconsistent address, and characters that no installed font has (field = 學號).
    ``items`` are the letters' items when the caller already has them."""
    problems: list[FieldError] = []
    uncovered: list[tuple[str, list[str]]] = []
    f = fonts(use_fallback)
    for sid in student_ids:
        s = session.get(Student, sid)
        if s is None or s.deleted:
            problems.append(FieldError("", "有一位學生已被刪除，請重新整理清單。"))
            continue
        who = f"{s.student_no} {s.name}"
        if not (s.postal_code and s.address):
            problems.append(FieldError(s.student_no, f"{who}：沒有郵遞區號或通訊地址，請先在「學生基本資料」補上。"))
        else:
            problem = check_address(s.postal_code, s.address)
            if problem:
                problems.append(FieldError(s.student_no, f"{who}：{problem}"))
        listed = items[sid] if items is not None else items_for(session, s.id, term)
        text = s.name + (s.address or "") + "".join(i.title for i in listed)
        missing = f.uncovered(text)
        if missing:
            uncovered.append((who, missing))
    if uncovered:
        problems.append(FieldError("font", describe_uncovered(uncovered)))
    return problems


def fallback_report(session: Session, term: Term,
                    student_ids: Sequence[uuid.UUID]) -> list[tuple[str, list[str]]]:
    """Students whose letters use the fallback font, and for which characters."""
    f = fonts()
    out = []
    for sid in student_ids:
        s = session.get(Student, sid)
        if s is None:
            continue
        chars = f.needs_fallback(s.name + (s.address or ""))
        if chars:
            out.append((f"{s.student_no} {s.name}", chars))
    return out


# --- making a batch -----------------------------------------------------------------------
def new_reference(session: Session, term: Term) -> str:
    """``1132-K7Q3MZ``: the term, then six random base-32 characters (unique across PCs
    without a shared counter, so two offices can issue notices offline)."""
    while True:
        ref = f"{term.school_year}{term.semester}-" + "".join(
            secrets.choice(_ALPHABET) for _ in range(6))
        if session.scalar(select(Notice.id).where(Notice.reference == ref)) is None:
            return ref


def normalize_reference(text: str) -> str:
    """What a scanner or a clerk typed → a stored reference (case, full-width, O/I/L)."""
    t = strip_text(to_halfwidth(text or "")).upper().replace(" ", "")
    head, sep, tail = t.partition("-")
    tail = tail.replace("O", "0").replace("I", "1").replace("L", "1")
    return head + sep + tail


def _items_json(items: Sequence[LetterItem]) -> str:
    return json.dumps([[i.category, i.term, i.title, i.files, i.detail] for i in items],
                      ensure_ascii=False)


def _items(n: Notice) -> list[LetterItem]:
    """The letter's items as issued (a notice made before details were kept has none)."""
    return [LetterItem(*row[:5]) for row in json.loads(n.items_json)]


def create_batch(session: Session, actor: Actor, term: Term,
                 student_ids: Sequence[uuid.UUID], *, issued_on: date | None = None,
                 deadline: date | None = None, use_fallback: bool = True,
                 progress: Progress | None = None) -> list[Notice]:
    """One notice per student (state 已產生), all or nothing; problems are reported first."""
    actor = authorize(session, actor, "notice")
    if not student_ids:
        raise ValidationFailed("沒有選擇任何學生；請先加入要寄發通知的學生。")
    school_header(session)  # the letterhead must exist
    items = {sid: items_for(session, sid, term) for sid in student_ids}
    problems = check(session, term, student_ids, use_fallback=use_fallback, items=items)
    if problems:
        raise ValidationFailed(problems)
    issued_on = issued_on or date.today()
    deadline = deadline or default_deadline(session, issued_on, term)
    if deadline < issued_on + timedelta(days=3):
        raise ValidationFailed(FieldError("deadline", "回覆期限：確認期間至少 3 天，請把期限訂在發文日 3 天以後。"))
    batch = str(uuid.uuid4())
    to_guardian = bool(int(settings.get(session, "notice_to_guardian")))
    students = [session.get(Student, sid) for sid in student_ids]
    names = _class_names(session, [s for s in students if s], term)
    made = []
    for i, s in enumerate(students):
        assert s is not None
        notice = Notice(
            reference=new_reference(session, term), student_id=s.id,
            school_year=term.school_year, semester=term.semester, batch=batch,
            state=GENERATED, issued_on=issued_on, deadline=deadline,
            recipient=recipient_of(s, to_guardian),
            postal_code=mail_postal_code(s.postal_code or ""),
            address=s.address or "", class_name=names.get(s.id),
            items_json=_items_json(items[s.id]))
        insert_row(session, actor, "notice", notice)
        made.append(notice)
        if progress:
            progress(i + 1, len(students), s.name)
    return made


def recipient_of(s: Student, to_guardian: bool) -> str:
    """「○○○ 同學 收」, or 「○○○ 家長（監護人）／○○○ 同學 收」 when the school writes to the
    guardian (學校設定) and the guardian is known."""
    guardian = strip_text(s.guardian or "")
    if to_guardian and guardian:
        return f"{guardian} 家長（監護人）／{s.name} 同學 收"[:60]
    return f"{s.name} 同學 收"


def letter_of(session: Session, n: Notice) -> Letter:
    s = session.get(Student, n.student_id)
    assert s is not None
    return Letter(
        reference=n.reference, issued_on=n.issued_on, deadline=n.deadline, name=s.name,
        student_no=s.student_no, class_name=n.class_name or "",
        masked_id=mask_id(s.national_id) if s.national_id else "",
        postal_code=mail_postal_code(n.postal_code), address=n.address,
        term_label=Term(n.school_year, n.semester).label, items=_items(n),
        recipient=n.recipient)


def notices_of_batch(session: Session, batch: str) -> list[Notice]:
    return list(session.scalars(select(Notice).where(Notice.batch == batch,
                                                     Notice.deleted == false())
                                .order_by(Notice.postal_code, Notice.reference)))


def render(session: Session, notices: Sequence[Notice], out: str | Path | BinaryIO, *,
           use_fallback: bool = True,
           progress: Callable[[int, int], None] | None = None) -> RenderResult:
    """The letters of ``notices`` as one PDF."""
    letters = [letter_of(session, n) for n in notices]
    return render_letters(letters, out, school_header(session), window_frame(session),
                          use_fallback=use_fallback, progress=progress)


# --- the mailing log ---------------------------------------------------------------------------
def find_by_reference(session: Session, text: str) -> Notice | None:
    ref = normalize_reference(text)
    if not ref:
        return None
    return session.scalars(select(Notice).where(Notice.reference == ref,
                                                Notice.deleted == false())).first()


def _get(session: Session, notice_id: uuid.UUID | str) -> Notice:
    return service.get(session, notice_id)


def _refuse(n: Notice, doing: str) -> ValidationFailed:
    return ValidationFailed(f"通知 {n.reference} 目前是「{n.state}」，不能{doing}。")


def mark_sent(session: Session, actor: Actor, notice_id: uuid.UUID | str, sent_on: date,
              registered_no: str | None = None) -> Notice:
    """已產生 → 已寄出 (or correct the date / registered number of a sent notice)."""
    actor = authorize(session, actor, "notice")
    n = _get(session, notice_id)
    if n.state not in (GENERATED, SENT):
        raise _refuse(n, "登記寄出")
    number = strip_text(to_halfwidth(registered_no or "")).upper() or None
    if number and (len(number) > 20 or not number.replace("-", "").isalnum()):
        raise ValidationFailed(FieldError("registered_no", f"掛號號碼「{number}」只能有英數字與連字號，最多 20 碼；請對照掛號執據。"))
    if sent_on < n.issued_on:
        raise ValidationFailed(FieldError("sent_on", f"寄出日期 {format_roc(sent_on)} 早於發文日期 {format_roc(n.issued_on)}，請更正。"))
    return service.apply(session, actor, n, {"state": SENT, "sent_on": sent_on,
                                             "registered_no": number})


def record_reply(session: Session, actor: Actor, notice_id: uuid.UUID | str, answer: str,
                 replied_on: date | None = None, objection: str | None = None) -> Notice:
    """The student's answer: 確認 or 疑義 (with what is wrong); feeds the confirmation state."""
    actor = authorize(session, actor, "notice")
    n = _get(session, notice_id)
    if n.state not in (GENERATED, SENT, REPLIED):
        raise _refuse(n, "登記回覆")
    if answer not in (CONFIRMED, OBJECTED):
        raise ValidationFailed(FieldError("reply", "回覆：請選「確認」或「疑義」。"))
    note = (objection or "").strip() or None
    if answer == OBJECTED and not note:
        raise ValidationFailed(FieldError("objection", "疑義內容：學生有疑義時，請寫下回條上哪一項有誤及正確內容。"))
    obj = service.apply(session, actor, n, {
        "state": REPLIED, "reply": answer, "replied_on": replied_on or date.today(),
        "objection": note if answer == OBJECTED else None})
    apply_reply_to_confirmation(session, actor, n.student_id,
                                Term(n.school_year, n.semester), answer, note)
    return obj


def mark_returned(session: Session, actor: Actor, notice_id: uuid.UUID | str,
                  returned_on: date, reason: str) -> Notice:
    """已寄出 → 退件 (undeliverable), with the post office's reason."""
    actor = authorize(session, actor, "notice")
    n = _get(session, notice_id)
    if n.state != SENT:
        raise _refuse(n, "登記退件（只有已寄出的通知會被退回）")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(FieldError("return_reason", "退件原因：請照郵局退件條填寫，例如「查無此人」、「遷移新址不明」。"))
    return service.apply(session, actor, n, {"state": RETURNED, "returned_on": returned_on,
                                             "return_reason": reason[:100]})


def resend(session: Session, actor: Actor, notice_id: uuid.UUID | str, postal_code: str,
           address: str, *, issued_on: date | None = None,
           deadline: date | None = None) -> Notice:
    """After 退件: keep the new address on the student's record and issue a new notice."""
    from lxp_desktop.services.students import students

    actor = authorize(session, actor, "notice")
    old = _get(session, notice_id)
    if old.state != RETURNED:
        raise _refuse(old, "重寄（只有退件可以重寄）")
    problem = check_address(postal_code, address)
    if problem:
        raise ValidationFailed(FieldError("address", problem))
    students.update(session, actor, old.student_id, {"postal_code": postal_code,
                                                     "address": address})
    issued_on = issued_on or date.today()
    term = Term(old.school_year, old.semester)
    deadline = deadline or default_deadline(session, issued_on, term)
    new = Notice(
        reference=new_reference(session, term), student_id=old.student_id,
        school_year=old.school_year, semester=old.semester, batch=str(uuid.uuid4()),
        state=GENERATED, issued_on=issued_on, deadline=deadline, recipient=old.recipient,
        postal_code=mail_postal_code(postal_code), address=strip_text(address),
        class_name=old.class_name, items_json=old.items_json, resend_of=old.id)
    insert_row(session, actor, "notice", new)
    return new


def mail_rows(notices: Sequence[Notice], postage: int | None = None) -> list[MailListRow]:
    """The registered-mail list lines, in postal-code order (the counter sorts by it);
    ``postage`` per letter (學校設定 notice_postage) when given."""
    ordered = sorted(notices, key=lambda n: (n.postal_code, n.reference))
    return [MailListRow(i, n.recipient, mail_postal_code(n.postal_code), n.address,
                        n.registered_no or "", n.reference, postage,
                        f"重寄 {n.reference}" if n.resend_of else "")
            for i, n in enumerate(ordered, 1)]


def postage(session: Session) -> int:
    """The school's registered postage per letter (學校設定)."""
    return int(settings.get(session, "notice_postage"))


def addresses(notices: Sequence[Notice]) -> list[Address]:
    """Labels and envelopes, in the same postal-code order as the mail list."""
    return [Address(n.recipient, mail_postal_code(n.postal_code), n.address)
            for n in sorted(notices, key=lambda n: (n.postal_code, n.reference))]


def label_grid(session: Session) -> LabelGrid:
    return LabelGrid(int(settings.get(session, "label_columns")),
                     int(settings.get(session, "label_rows")),
                     *(float(settings.get(session, f"label_{k}_mm"))
                       for k in ("width", "height", "left", "top")))


def counts(session: Session, term: Term) -> dict[str, int]:
    """How many departed students are in each state for the term (未產生 when none)."""
    out = dict.fromkeys((*STATES, "未產生"), 0)
    for c in candidates(session, term):
        out[c.state or "未產生"] += 1
    return out


def get_notice(session: Session, notice_id: uuid.UUID | str) -> Notice:
    return _get(session, notice_id)


