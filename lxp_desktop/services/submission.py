"""Term submission (提交): the upload package of one category, built only from a clean check,
and the ledger of every submission (who, when, which records and versions, the checksum).

A later submission of the same term and category is a resubmission and points at the one it
corrects. 課程諮詢紀錄 never leaves the school.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import and_, false, func, select
from sqlalchemy.orm import Session

from lxp_desktop.domain import checks
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term as TermKey
from lxp_desktop.io import rosters as rs
from lxp_desktop.services import audit, precheck
from lxp_desktop.services.attachments import export_name
from lxp_desktop.services.base import insert_items, insert_row
from lxp_desktop.services.context import Actor
from lxp_desktop.services.courses import school_code
from lxp_desktop.services.membership import SEAT
from lxp_desktop.services.permissions import authorize
from lxp_desktop.store.blobs import BlobError, BlobStore, default_store
from lxp_desktop.store.models import (
    Attachment,
    Blob,
    CadreRecord,
    Course,
    Enrolment,
    Outcome,
    Performance,
    SchoolClass,
    Staff,
    Student,
    utcnow,
)
from lxp_desktop.store.roster_models import ClassMembership
from lxp_desktop.store.submission_models import Submission, SubmissionItem

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportResult:
    submission_id: uuid.UUID
    number: int
    folder: Path
    package_sha256: str
    counts: dict[str, dict[str, int]]
    items: int
    files: int
    corrects_id: uuid.UUID | None


@dataclass(frozen=True)
class LedgerEntry:
    id: uuid.UUID
    category: str
    number: int
    submitted_at: Any
    submitted_by: str
    items: int
    package_sha256: str
    corrects_number: int | None
    reason: str | None
    folder: str | None


def check_category(category: str) -> str:
    if category == checks.NEVER_SUBMITTED:
        raise ValidationFailed("課程諮詢紀錄只留存校內，不提交中央資料庫。")
    if category not in checks.SUBMISSION_CATEGORIES:
        raise ValidationFailed(f"不認得的提交類別「{category}」；請用："
                               f"{'、'.join(checks.SUBMISSION_CATEGORIES)}。")
    return category


def _yn(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


def _num(value: float | int | None, none: str = "-1") -> str:
    if value is None:
        return none
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass
class _Row:
    roster: rs.Roster
    sheet: rs.Sheet
    student_id: uuid.UUID
    national_id: str
    birth: str
    table: str
    record_id: uuid.UUID
    version: int
    values: dict[str, str]
    files: list[tuple[str, str, str]]  # (sha256, filename, kind)


def _student_cols() -> tuple[Any, ...]:
    return (Student.id, Student.national_id, Student.birth_date)


def _rows(session: Session, term: Any, category: str) -> Iterator[_Row]:
    """The rows of every roster of ``category`` for the stored term ``term``."""
    year, sem = term.school_year, term.semester
    on_roster = precheck.roster_condition(term)
    order = (SchoolClass.code, SEAT, Student.student_no)
    # every roster lists the class and seat the student had in the term's 學年度
    in_year = and_(ClassMembership.student_id == Student.id, ClassMembership.school_year == year,
                   ClassMembership.deleted == false())
    of_class = ClassMembership.class_id == SchoolClass.id
    if category == checks.BASIC:
        sheet = rs.STUDENTS.sheets[0]
        stmt = (select(Student, SchoolClass, SEAT).select_from(Student)
                .outerjoin(ClassMembership, in_year).outerjoin(SchoolClass, of_class)
                .where(on_roster).order_by(*order))
        for st, klass, seat in session.execute(stmt):
            yield _Row(rs.STUDENTS, sheet, st.id, st.national_id or "",
                       rs.roc_digits(st.birth_date), "student", st.id, st.version, {
                           "性別代碼": st.gender or "", "群別代碼": "", "科班學程別代碼": "",
                           "部別代碼": "", "班別": klass.code if klass else "",
                           "年級": str(klass.grade) if klass else "",
                           "班級名稱": klass.name if klass else "",
                           "座號": str(seat or ""), "特殊身分別": "", "入學方式": "",
                           "學籍狀態": st.status, "學籍異動日期": rs.roc_digits(st.status_date)},
                       [])
        sheet = rs.CADRES.sheets[0]
        stmt = (select(CadreRecord, *_student_cols())
                .join(Student, CadreRecord.student_id == Student.id)
                .outerjoin(ClassMembership, in_year).outerjoin(SchoolClass, of_class)
                .where(on_roster, CadreRecord.school_year == year, CadreRecord.semester == sem,
                       CadreRecord.deleted == false())
                .order_by(*order, CadreRecord.unit_name, CadreRecord.position))
        for c, sid, nid, birth in session.execute(stmt):
            yield _Row(rs.CADRES, sheet, sid, nid or "", rs.roc_digits(birth), "cadre_record",
                       c.id, c.version, {
                           "單位名稱": c.unit_name, "開始日期": rs.roc_digits(c.start_date),
                           "結束日期": rs.roc_digits(c.end_date), "擔任職務": c.position,
                           "幹部等級": str(c.level)}, [])
    elif category == checks.COURSES:
        stmt = (select(Enrolment, Course, *_student_cols())
                .join(Course, Enrolment.course_id == Course.id)
                .join(Student, Enrolment.student_id == Student.id)
                .outerjoin(ClassMembership, in_year).outerjoin(SchoolClass, of_class)
                .where(on_roster, Enrolment.school_year == year, Enrolment.semester == sem,
                       Enrolment.deleted == false())
                .order_by(*order, Course.code))
        for e, course, sid, nid, birth in session.execute(stmt):
            sheet = rs.GRADES.sheet(rs.ENROLMENT_SHEET.get(e.kind, "學期成績"))
            assert sheet is not None
            yield _Row(rs.GRADES, sheet, sid, nid or "", rs.roc_digits(birth), "enrolment",
                       e.id, e.version, {
                           "課程代碼": course.code, "科目名稱": course.name,
                           "開課年級": str(course.grade), "修課學分": str(e.credits),
                           "學期學業成績": _num(e.score), "成績及格": _yn(e.passed),
                           "補考成績": _num(e.makeup_score), "補考及格": _yn(e.makeup_passed),
                           "是否採計學分": _yn(e.credit_counted), "質性文字描述": e.remark or ""},
                       [])
    elif category == checks.OUTCOMES:
        sheet = rs.OUTCOMES.sheets[0]
        stmt = (select(Outcome, Enrolment, Course, *_student_cols())
                .join(Enrolment, Outcome.enrolment_id == Enrolment.id)
                .join(Course, Enrolment.course_id == Course.id)
                .join(Student, Outcome.student_id == Student.id)
                .outerjoin(ClassMembership, in_year).outerjoin(SchoolClass, of_class)
                .where(on_roster, Outcome.school_year == year, Outcome.selected.is_(True),
                       Outcome.deleted == false())
                .order_by(*order, Outcome.semester, Course.code, Outcome.title))
        for o, e, course, sid, nid, birth in session.execute(stmt):
            yield _Row(rs.OUTCOMES, sheet, sid, nid or "", rs.roc_digits(birth), "outcome",
                       o.id, o.version, {
                           "實際修課學期": str(o.semester), "課程代碼": course.code,
                           "科目名稱": course.name, "開課年級": str(course.grade),
                           "修課學分": str(e.credits), "成果簡述": o.summary},
                       _files(session, "outcome", o.id))
    else:
        stmt = (select(Performance, *_student_cols())
                .join(Student, Performance.student_id == Student.id)
                .outerjoin(ClassMembership, in_year).outerjoin(SchoolClass, of_class)
                .where(on_roster, Performance.school_year == year,
                       Performance.selected.is_(True), Performance.deleted == false())
                .order_by(*order, Performance.kind, Performance.start_date, Performance.title))
        for p, sid, nid, birth in session.execute(stmt):
            sheet = rs.PERFORMANCE_SHEETS[p.kind]
            hours = _num(p.hours)
            if p.kind == "競賽參與紀錄":
                values = {"競賽名稱": p.title, "項目": "", "競賽等級": p.level or "",
                          "獎項": p.result or "", "結果公布日期": rs.roc_digits(p.end_date),
                          "內容簡述": p.summary, "團體參與": ""}
            elif p.kind == "服務學習紀錄":
                values = {"服務名稱": p.title, "服務單位": p.organiser or "",
                          "開始日期": rs.roc_digits(p.start_date),
                          "結束日期": rs.roc_digits(p.end_date), "時數": hours,
                          "內容簡述": p.summary}
            else:
                values = {"名稱": p.title, "主辦單位": p.organiser or "",
                          "開始日期": rs.roc_digits(p.start_date),
                          "結束日期": rs.roc_digits(p.end_date), "時數": hours,
                          "內容簡述": p.summary}
            yield _Row(rs.PERFORMANCES, sheet, sid, nid or "", rs.roc_digits(birth),
                       "performance", p.id, p.version, values,
                       _files(session, "performance", p.id))


def _files(session: Session, table: str, owner_id: uuid.UUID) -> list[tuple[str, str, str]]:
    return [(a.sha256, a.filename, kind or "") for a, kind in session.execute(
        select(Attachment, Blob.kind).outerjoin(Blob, Attachment.sha256 == Blob.sha256)
        .where(Attachment.owner_table == table, Attachment.owner_id == owner_id,
               Attachment.deleted == false()).order_by(Attachment.updated_at, Attachment.id))]


def latest(session: Session, term: TermKey, category: str) -> Submission | None:
    return session.scalars(select(Submission).where(
        Submission.school_year == term.school_year, Submission.semester == term.semester,
        Submission.category == category, Submission.deleted == false())
        .order_by(Submission.number.desc()).limit(1)).first()


def export_submission(session: Session, actor: Actor, term: TermKey, category: str,
                      out_dir: Path, *, reason: str | None = None,
                      store: BlobStore | None = None,
                      progress: Progress | None = None) -> ExportResult:
    """Check the term, write the package of ``category`` into a new folder under ``out_dir``
    and record it in the ledger; refused (nothing written) while a blocking finding remains."""
    check_category(category)
    actor = authorize(session, actor, "submission")
    term_row = precheck.term_row(session, term)
    store = store or default_store()
    code = school_code(session)
    if not code:
        raise ValidationFailed("還沒有學校資料（學校代碼）；請先在「工具 › 學校資料」填寫。")
    findings = precheck.run_check(session, term, store)
    blocking = checks.blocking_for(findings, category)
    if blocking:
        shown = "\n".join(f"[{f.code}] {f.message}" for f in blocking[:5])
        more = f"\n……另有 {len(blocking) - 5} 項" if len(blocking) > 5 else ""
        raise ValidationFailed(f"預檢還有 {len(blocking)} 項須修正的問題，{category}不能提交；"
                               f"請修正後再匯出：\n{shown}{more}")
    previous = latest(session, term, category)
    number = (previous.number + 1) if previous else 1
    if reason is not None and len(reason) > 200:
        raise ValidationFailed(f"重新提交的原因最多 200 字，目前 {len(reason)} 字。")

    by_roster: dict[str, rs.RosterRows] = {
        r.name: rs.RosterRows(r) for r in rs.CATEGORY_ROSTERS[category]}
    items: list[dict[str, Any]] = []
    files: list[rs.PackageFile] = []
    for row in _rows(session, term_row, category):
        excel_row = by_roster[row.roster.name].add(
            row.sheet.name, [row.national_id, row.birth,
                             *[row.values.get(c, "") for c in row.sheet.columns]])
        for i, (sha, filename, kind) in enumerate(row.files, 1):
            # named by the roster row it belongs to (which carries the 身分證號), never by
            # the national ID itself: the manifest lists each file's 身分證號 inside it
            rel = (f"{rs.FILES_DIR}/{row.roster.name}/{row.sheet.name}/"
                   f"{excel_row:05d}_{i}_{export_name(filename, kind)}")
            files.append(rs.PackageFile(
                rel, sha, row.national_id, row.roster.name, row.sheet.name, excel_row,
                lambda target, sha=sha, filename=filename: store.export(sha, target, filename)))
        items.append({
            "student_id": row.student_id, "record_table": row.table,
            "record_id": row.record_id, "record_version": row.version,
            "kind": row.roster.kind or row.roster.name, "sheet": row.sheet.name,
            "key": rs.item_key(row.sheet, row.values),
            "values_json": json.dumps(row.values, ensure_ascii=False, sort_keys=True),
            "file_count": len(row.files)})
    folder = Path(out_dir) / f"{term.school_year}_{term.semester}_{category}_第{number}次"
    try:
        package = rs.write_package(
            folder, code, term.school_year, term.semester, category, by_roster.values(), files,
            progress=(lambda name: progress(0, 1, name)) if progress else None)
    except BlobError as exc:
        raise ValidationFailed(f"匯出中止，沒有留下任何檔案：{exc}") from exc
    except (FileExistsError, OSError) as exc:
        raise ValidationFailed(f"無法寫入提交包：{exc}") from exc
    try:
        counts = {e["名冊名稱"]: e["筆數"] for e in package.manifest["名冊"]}  # type: ignore[attr-defined]
        sub = Submission(school_year=term.school_year, semester=term.semester,
                         category=category, number=number,
                         corrects_id=previous.id if previous else None, reason=reason,
                         submitted_at=utcnow(), submitted_by=actor.staff_id,
                         package_sha256=package.sha256, package_dir=str(folder),
                         counts=json.dumps(counts, ensure_ascii=False))
        insert_row(session, actor, "submission", sub)
        now = utcnow()
        insert_items(session, SubmissionItem, [
            {**i, "id": uuid.uuid4(), "submission_id": sub.id, "version": 1,
             "updated_at": now, "updated_by": actor.staff_id, "origin": actor.workstation,
             "deleted": False} for i in items])
        audit.record(session, actor, "submission", sub.id, "export", {
            "items": (None, len(items)), "files": (None, len(files)),
            "package_sha256": (None, package.sha256)})
        session.flush()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return ExportResult(sub.id, number, folder, package.sha256, counts, len(items),
                        len(files), sub.corrects_id)


def ledger(session: Session, term: TermKey) -> list[LedgerEntry]:
    """Every submission of the term, newest first."""
    counts = dict(session.execute(select(SubmissionItem.submission_id, func.count())
                                  .group_by(SubmissionItem.submission_id)).all())
    subs = list(session.scalars(select(Submission).where(
        Submission.school_year == term.school_year, Submission.semester == term.semester,
        Submission.deleted == false()).order_by(Submission.submitted_at.desc())))
    numbers = {s.id: s.number for s in subs}
    out = []
    for s in subs:
        staff = session.get(Staff, uuid.UUID(s.submitted_by)) if s.submitted_by else None
        out.append(LedgerEntry(s.id, s.category, s.number, s.submitted_at,
                               staff.name if staff else "", int(counts.get(s.id, 0)),
                               s.package_sha256,
                               numbers.get(s.corrects_id) if s.corrects_id else None,
                               s.reason, s.package_dir))
    return out
