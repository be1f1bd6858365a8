"""進度 and 催繳名單: who still has to upload, certify or select, against the term's calendar
(DOMAIN.md §9; seeds/002 四、2.「由教務處教學組、課務組、實習處通知任課教師於規定時間內進行認證」).

Counts per category, per teacher and per class, each with the deadline that matters to the
group and the days left; the reminder lists give the same per teacher (items waiting for
their certification) and per class (students with nothing uploaded, items returned to them,
items certified but not selected), to print (one page each) or export (.xlsx).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from lxp_desktop.domain import deadlines as rules
from lxp_desktop.domain.enums import LEFT_STATUSES
from lxp_desktop.domain.roc import Term as TermKey
from lxp_desktop.domain.roc import format_roc
from lxp_desktop.services import calendar
from lxp_desktop.store.models import (
    Course,
    Enrolment,
    Outcome,
    Performance,
    SchoolClass,
    Staff,
    Student,
)

PENDING, CERTIFIED, RETURNED = "待認證", "已認證", "退回"
OUTCOMES, PERFORMANCES = "課程學習成果", "多元表現"


@dataclass(frozen=True)
class Row:
    """One line of the 進度 view."""

    group: str  # 類別, 教師, 班級
    key: str
    label: str
    missing: int
    uncertified: int
    returned: int
    unselected: int
    deadline_label: str
    deadline: date | None
    days_left: int | None
    target_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ReminderLine:
    class_code: str
    seat_no: int | None
    student_no: str
    name: str
    what: str  # 未上傳, 待認證, 退回, 未勾選
    detail: str  # course and item


@dataclass
class ReminderList:
    """One teacher's or one class's 催繳名單 (one printed page)."""

    kind: str  # 教師 or 班級
    label: str
    deadline_label: str
    deadline: date | None
    days_left: int | None
    lines: list[ReminderLine] = field(default_factory=list)


@dataclass(frozen=True)
class _Item:
    outcome_id: uuid.UUID
    student_id: uuid.UUID
    teacher_id: uuid.UUID | None
    course: str
    title: str
    status: str
    selected: bool


def _students(session: Session, term: TermKey
              ) -> dict[uuid.UUID, tuple[Student, SchoolClass | None, int | None]]:
    """The term's students (not those who have left), with their class in the term's
    學年度 (DOMAIN.md §6)."""
    from lxp_desktop.services.membership import SEAT, join_class

    stmt: Any = select(Student, SchoolClass, SEAT)
    rows = session.execute(
        join_class(stmt, term.school_year)
        .where(Student.deleted == false(), Student.status.not_in(LEFT_STATUSES))
        .where(Student.id.in_(select(Enrolment.student_id).where(
            Enrolment.school_year == term.school_year, Enrolment.semester == term.semester,
            Enrolment.deleted == false()))))
    return {st.id: (st, klass, seat) for st, klass, seat in rows}


def _items(session: Session, term: TermKey) -> list[_Item]:
    rows = session.execute(
        select(Outcome.id, Outcome.student_id, Course.teacher_id, Course.name, Outcome.title,
               Outcome.status, Outcome.selected)
        .join(Enrolment, Outcome.enrolment_id == Enrolment.id)
        .join(Course, Enrolment.course_id == Course.id)
        .where(Outcome.deleted == false(), Outcome.school_year == term.school_year,
               Outcome.semester == term.semester))
    return [_Item(*r) for r in rows]


def _deadline(session: Session, term: TermKey, key: str, today: date, *,
              teacher_id: uuid.UUID | None = None,
              class_id: uuid.UUID | None = None) -> tuple[str, date | None, int | None]:
    d = calendar.date_of(session, term, key)
    if d is None:
        return calendar.window_label(key), None, None
    end = calendar.open_until(session, term, key, teacher_id=teacher_id,
                              class_id=class_id) or d.end
    return d.label, end, rules.days_left(end, today)


def rows(session: Session, term: TermKey) -> list[Row]:
    """The 進度 view: per category, then per teacher, then per class."""
    today = calendar.today_of(session)
    students = _students(session, term)
    items = _items(session, term)
    with_items = {i.student_id for i in items}
    out: list[Row] = []

    def count(sel: Sequence[_Item]) -> tuple[int, int, int]:
        return (sum(i.status == PENDING for i in sel), sum(i.status == RETURNED for i in sel),
                sum(i.status == CERTIFIED and not i.selected for i in sel))

    # per category
    u, r, n = count(items)
    missing = sum(1 for sid in students if sid not in with_items)
    out.append(Row("類別", OUTCOMES, OUTCOMES, missing, u, r, n,
                   *_deadline(session, term, rules.CERTIFICATION, today)))
    perf_students = set(session.scalars(select(Performance.student_id).where(
        Performance.deleted == false(), Performance.school_year == term.school_year)))
    perf_selected = set(session.scalars(select(Performance.student_id).where(
        Performance.deleted == false(), Performance.school_year == term.school_year,
        Performance.selected.is_(True))))
    out.append(Row("類別", PERFORMANCES, PERFORMANCES, 0, 0, 0,
                   len((perf_students - perf_selected) & set(students)),
                   *_deadline(session, term, rules.SELECTION, today)))
    for cat in ("基本資料", "修課紀錄"):
        out.append(Row("類別", cat, cat, 0, 0, 0, 0,
                       *_deadline(session, term, rules.submit_key(cat), today)))

    # per teacher: what waits for their certification
    by_teacher: dict[uuid.UUID | None, list[_Item]] = defaultdict(list)
    for i in items:
        by_teacher[i.teacher_id].append(i)
    names = dict(session.execute(select(Staff.id, Staff.name)).all())
    for tid in sorted(by_teacher, key=lambda t: names.get(t, "") if t else "~"):
        u, r, n = count(by_teacher[tid])
        label = names.get(tid, "（未設定任課教師）") if tid else "（未設定任課教師）"
        out.append(Row("教師", str(tid or ""), label, 0, u, r, n,
                       *_deadline(session, term, rules.CERTIFICATION, today, teacher_id=tid),
                       target_id=tid))

    # per class: students with nothing uploaded, and their items
    by_class: dict[str, list[uuid.UUID]] = defaultdict(list)
    class_ids: dict[str, uuid.UUID | None] = {}
    for sid, (_st, klass, _seat) in students.items():
        code = klass.code if klass else "未編班"
        by_class[code].append(sid)
        class_ids[code] = klass.id if klass else None
    items_of: dict[uuid.UUID, list[_Item]] = defaultdict(list)
    for i in items:
        items_of[i.student_id].append(i)
    for code in sorted(by_class):
        sids = by_class[code]
        sel = [i for sid in sids for i in items_of.get(sid, [])]
        u, r, n = count(sel)
        out.append(Row("班級", code, code, sum(1 for sid in sids if sid not in with_items),
                       u, r, n, *_deadline(session, term, rules.UPLOAD, today,
                                           class_id=class_ids[code]),
                       target_id=class_ids[code]))
    return out


def reminders(session: Session, term: TermKey, by: str) -> list[ReminderList]:
    """催繳名單 per teacher (``by="teacher"``) or per class (``by="class"``): only those with
    something left to do."""
    today = calendar.today_of(session)
    students = _students(session, term)
    items = _items(session, term)
    lists: list[ReminderList] = []

    def line(sid: uuid.UUID, what: str, detail: str) -> ReminderLine:
        st, klass, seat = students[sid]
        return ReminderLine(klass.code if klass else "", seat, st.student_no, st.name,
                            what, detail)

    def order(ln: ReminderLine) -> tuple[str, int, str]:
        return (ln.class_code, ln.seat_no or 0, ln.student_no)

    if by == "teacher":
        names = dict(session.execute(select(Staff.id, Staff.name)).all())
        waiting: dict[uuid.UUID | None, list[_Item]] = defaultdict(list)
        for i in items:
            if i.status == PENDING and i.student_id in students:
                waiting[i.teacher_id].append(i)
        for tid in sorted(waiting, key=lambda t: names.get(t, "") if t else "~"):
            label, end, left = _deadline(session, term, rules.CERTIFICATION, today,
                                         teacher_id=tid)
            lst = ReminderList("教師", names.get(tid, "（未設定任課教師）") if tid
                               else "（未設定任課教師）", label, end, left)
            lst.lines = sorted((line(i.student_id, PENDING, f"{i.course}：{i.title}")
                                for i in waiting[tid]), key=order)
            lists.append(lst)
        return lists
    if by != "class":
        raise ValueError(by)
    items_of: dict[uuid.UUID, list[_Item]] = defaultdict(list)
    for i in items:
        items_of[i.student_id].append(i)
    by_class: dict[str, list[uuid.UUID]] = defaultdict(list)
    class_ids: dict[str, uuid.UUID | None] = {}
    for sid, (_st, klass, _seat) in students.items():
        code = klass.code if klass else "未編班"
        by_class[code].append(sid)
        class_ids[code] = klass.id if klass else None
    for code in sorted(by_class):
        label, end, left = _deadline(session, term, rules.UPLOAD, today,
                                     class_id=class_ids[code])
        lst = ReminderList("班級", code, label, end, left)
        for sid in by_class[code]:
            mine = items_of.get(sid, [])
            if not mine:
                lst.lines.append(line(sid, "未上傳", "本學期尚未上傳任何課程學習成果"))
            for i in mine:
                if i.status == RETURNED:
                    lst.lines.append(line(sid, "退回", f"{i.course}：{i.title}（請修改後重新送出）"))
                elif i.status == CERTIFIED and not i.selected:
                    lst.lines.append(line(sid, "未勾選", f"{i.course}：{i.title}"))
        if lst.lines:
            lst.lines.sort(key=order)
            lists.append(lst)
    return lists


# --- out: .xlsx and PDF ---------------------------------------------------------------------
HEADERS = ("班級", "座號", "學號", "姓名", "事項", "內容")


def _deadline_text(lst: ReminderList) -> str:
    if lst.deadline is None:
        return f"{lst.deadline_label}：學期行事曆尚未設定"
    return (f"{lst.deadline_label}截止：{format_roc(lst.deadline)}（剩 {lst.days_left} 天）"
            if lst.days_left else f"{lst.deadline_label}已於 {format_roc(lst.deadline)} 截止")


def write_xlsx(lists: Sequence[ReminderList], term: TermKey, path: Path) -> Path:
    """One sheet per teacher or class (the sheet named after them)."""
    from openpyxl import Workbook

    def safe_cell(text: str) -> str:  # a name or title typed as "=…" stays text
        return "'" + text if text[:1] in ("=", "+", "-", "@") else text

    wb = Workbook(write_only=True)
    used: set[str] = set()
    for lst in lists:
        name = "".join(ch for ch in lst.label if ch not in "[]:*?/\\")[:28] or "名單"
        while name in used:
            name += "_"
        used.add(name)
        ws = wb.create_sheet(name)
        ws.append([safe_cell(f"{term.label} 催繳名單　{lst.kind} {lst.label}")])
        ws.append([safe_cell(_deadline_text(lst))])
        ws.append(list(HEADERS))
        for ln in lst.lines:
            ws.append([ln.class_code, ln.seat_no, ln.student_no, safe_cell(ln.name), ln.what,
                       safe_cell(ln.detail)])
    if not lists:
        wb.create_sheet("名單").append(["沒有需要催繳的項目"])
    wb.save(path)
    return path


def render_pdf(lists: Sequence[ReminderList], term: TermKey, school_name: str,
               out: str | Path | BinaryIO, today: date) -> int:
    """One A4 page per teacher or class (longer lists continue on the next page under the
    same heading); returns the pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from lxp_desktop.printing.fonts import fonts
    from lxp_desktop.printing.text import draw, wrap

    f = fonts()
    w, h = A4
    c = Canvas(str(out) if isinstance(out, Path) else out, pagesize=A4, pageCompression=1,
               invariant=1, initialFontName=f.regular)
    c.setTitle(f"{term.label} 催繳名單")
    c.setCreator("LXP Desktop")
    widths = (16, 12, 22, 26, 16, 88)
    per_page = 42
    pages = 0
    for lst in lists or [ReminderList("", "沒有需要催繳的項目", "", None, None)]:
        chunks = [lst.lines[i:i + per_page] for i in range(0, len(lst.lines), per_page)] or [[]]
        for n, chunk in enumerate(chunks, 1):
            pages += 1
            y = h - 18 * mm
            draw(c, f, 18 * mm, y, f"{school_name}　{term.label} 學習歷程檔案催繳名單", f.bold, 13)
            draw(c, f, w - 18 * mm, y, f"列印日期 {format_roc(today)}", f.regular, 9,
                 align="right")
            y -= 8 * mm
            head = f"{lst.kind} {lst.label}" if lst.kind else lst.label
            if len(chunks) > 1:
                head += f"（第 {n}／{len(chunks)} 頁）"
            draw(c, f, 18 * mm, y, head, f.bold, 12)
            if lst.kind:
                draw(c, f, w - 18 * mm, y, _deadline_text(lst), f.regular, 10, align="right")
            y -= 9 * mm
            x = 18 * mm
            for head_text, wd in zip(HEADERS, widths, strict=True):
                draw(c, f, x + 1 * mm, y, head_text, f.bold, 10)
                x += wd * mm
            c.setLineWidth(0.5)
            c.line(18 * mm, y - 2 * mm, w - 18 * mm, y - 2 * mm)
            y -= 6.5 * mm
            for ln in chunk:
                x = 18 * mm
                cells = (ln.class_code, str(ln.seat_no or ""), ln.student_no, ln.name, ln.what,
                         ln.detail)
                for value, wd in zip(cells, widths, strict=True):
                    text = wrap(f, value, f.regular, 9.5, wd * mm - 2 * mm)[:1]
                    draw(c, f, x + 1 * mm, y, text[0] if text else "", f.regular, 9.5)
                    x += wd * mm
                y -= 5.6 * mm
            c.showPage()
    c.save()
    return pages
