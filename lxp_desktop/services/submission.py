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
from lxp_desktop.io import formats
from lxp_desktop.io import rosters as rs
from lxp_desktop.services import audit, precheck
from lxp_desktop.services.attachments import export_name
from lxp_desktop.services.base import insert_items, insert_row
from lxp_desktop.services.context import Actor
from lxp_desktop.services.courses import school_code
from lxp_desktop.services.formats import format_for
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
    student_no: str
    table: str
    record_id: uuid.UUID
    version: int
    #: the source values (``student.national_id`` …, docs/formats.md)
    source: dict[str, str]
    files: list[tuple[str, str, str]]  # (sha256, filename, kind)

    @property
    def values(self) -> dict[str, str]:
        """The row's values by column name (after the key columns), as the layout places them."""
        return self.sheet.by_column(self.source)


def _student_cols() -> tuple[Any, ...]:
    return (Student.id, Student.national_id, Student.birth_date, Student.student_no)


def _who(sid: uuid.UUID, nid: str | None, birth: Any, no: str) -> dict[str, str]:
    return {"student.national_id": nid or "", "student.birth_date": rs.roc_digits(birth),
            "student.student_no": no}


def _records(session: Session, term: Any, category: str
             ) -> Iterator[tuple[str, str | None, uuid.UUID, str, uuid.UUID, int, dict[str, str],
                                 list[tuple[str, str, str]], str]]:
    """(record, 修課別/類別, student id, 身分證號, record id, version, source values, files,
    學號) of every record ``category`` sends for the stored term ``term``."""
    year, sem = term.school_year, term.semester
    on_roster = precheck.roster_condition(term)
    order = (SchoolClass.code, SEAT, Student.student_no)
    # every roster lists the class and seat the student had in the term's 學年度
    in_year = and_(ClassMembership.student_id == Student.id, ClassMembership.school_year == year,
                   ClassMembership.deleted == false())
    of_class = ClassMembership.class_id == SchoolClass.id
    if category == checks.BASIC:
        stmt = (select(Student, SchoolClass, SEAT).select_from(Student)
                .outerjoin(ClassMembership, in_year).outerjoin(SchoolClass, of_class)
                .where(on_roster).order_by(*order))
        for st, klass, seat in session.execute(stmt):
            yield ("student", None, st.id, st.national_id or "", st.id, st.version, {
                **_who(st.id, st.national_id, st.birth_date, st.student_no),
                "student.gender": st.gender or "",
                "student.special_status": st.special_status or "",
                "student.admission_method": st.admission_method or "",
                "student.status": st.status, "student.status_date": rs.roc_digits(st.status_date),
                "class.code": klass.code if klass else "",
                "class.name": klass.name if klass else "",
                "class.grade": str(klass.grade) if klass else "",
                "class.group_code": (klass.group_code or "") if klass else "",
                "class.program_code": (klass.program_code or "") if klass else "",
                "class.division_code": (klass.division_code or "") if klass else "",
                "membership.seat_no": str(seat or "")}, [], st.student_no)
        stmt = (select(CadreRecord, *_student_cols())
                .join(Student, CadreRecord.student_id == Student.id)
                .outerjoin(ClassMembership, in_year).outerjoin(SchoolClass, of_class)
                .where(on_roster, CadreRecord.school_year == year, CadreRecord.semester == sem,
                       CadreRecord.deleted == false())
                .order_by(*order, CadreRecord.unit_name, CadreRecord.position))
        for c, sid, nid, birth, no in session.execute(stmt):
            yield ("cadre", None, sid, nid or "", c.id, c.version, {
                **_who(sid, nid, birth, no), "cadre.unit_name": c.unit_name,
                "cadre.start_date": rs.roc_digits(c.start_date),
                "cadre.end_date": rs.roc_digits(c.end_date), "cadre.position": c.position,
                "cadre.level": str(c.level)}, [], no)
    elif category == checks.COURSES:
        stmt = (select(Enrolment, Course, *_student_cols())
                .join(Course, Enrolment.course_id == Course.id)
                .join(Student, Enrolment.student_id == Student.id)
                .outerjoin(ClassMembership, in_year).outerjoin(SchoolClass, of_class)
                .where(on_roster, Enrolment.school_year == year, Enrolment.semester == sem,
                       Enrolment.deleted == false())
                .order_by(*order, Course.code))
        for e, course, sid, nid, birth, no in session.execute(stmt):
            yield ("enrolment", e.kind, sid, nid or "", e.id, e.version, {
                **_who(sid, nid, birth, no), "course.code": course.code,
                "course.name": course.name, "course.grade": str(course.grade),
                "enrolment.credits": str(e.credits), "enrolment.score": _num(e.score),
                "enrolment.passed": _yn(e.passed), "enrolment.makeup_score": _num(e.makeup_score),
                "enrolment.makeup_passed": _yn(e.makeup_passed),
                "enrolment.credit_counted": _yn(e.credit_counted),
                "enrolment.remark": e.remark or "", "enrolment.kind": e.kind}, [], no)
    elif category == checks.OUTCOMES:
        stmt = (select(Outcome, Enrolment, Course, *_student_cols())
                .join(Enrolment, Outcome.enrolment_id == Enrolment.id)
                .join(Course, Enrolment.course_id == Course.id)
                .join(Student, Outcome.student_id == Student.id)
                .outerjoin(ClassMembership, in_year).outerjoin(SchoolClass, of_class)
                .where(on_roster, Outcome.school_year == year, Outcome.selected.is_(True),
                       Outcome.deleted == false())
                .order_by(*order, Outcome.semester, Course.code, Outcome.title))
        for o, e, course, sid, nid, birth, no in session.execute(stmt):
            yield ("outcome", None, sid, nid or "", o.id, o.version, {
                **_who(sid, nid, birth, no), "outcome.semester": str(o.semester),
                "outcome.title": o.title, "outcome.summary": o.summary,
                "course.code": course.code, "course.name": course.name,
                "course.grade": str(course.grade), "enrolment.credits": str(e.credits)},
                _files(session, "outcome", o.id), no)
    else:
        stmt = (select(Performance, *_student_cols())
                .join(Student, Performance.student_id == Student.id)
                .outerjoin(ClassMembership, in_year).outerjoin(SchoolClass, of_class)
                .where(on_roster, Performance.school_year == year,
                       Performance.selected.is_(True), Performance.deleted == false())
                .order_by(*order, Performance.kind, Performance.start_date, Performance.title))
        for p, sid, nid, birth, no in session.execute(stmt):
            yield ("performance", p.kind, sid, nid or "", p.id, p.version, {
                **_who(sid, nid, birth, no), "performance.title": p.title,
                "performance.organiser": p.organiser or "",
                "performance.level": p.level or "", "performance.item": p.item or "",
                "performance.result": p.result or "",
                "performance.start_date": rs.roc_digits(p.start_date),
                "performance.end_date": rs.roc_digits(p.end_date),
                "performance.hours": _num(p.hours), "performance.summary": p.summary,
                "performance.participation": p.participation or ""},
                _files(session, "performance", p.id), no)


_TABLES = {"student": "student", "cadre": "cadre_record", "enrolment": "enrolment",
           "outcome": "outcome", "performance": "performance"}


def _rows(session: Session, term: Any, category: str,
          fmt: formats.Format | None = None) -> Iterator[_Row]:
    """The rows of every roster of ``category`` for the stored term ``term``, each placed in
    the sheet the layout (format version of the term's 學年度) gives its record; a record no
    sheet takes is not sent."""
    fmt = fmt or format_for(term.school_year)
    targets = fmt.category_rosters(category)
    for record, kind, sid, nid, rid, version, source, files, no in _records(
            session, term, category):
        for roster in targets:
            sheet = roster.sheet_for(record, kind)
            if sheet is not None:
                yield _Row(roster, sheet, sid, nid, no, _TABLES[record], rid, version, source,
                           files)
                break


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

    fmt = format_for(term.school_year)
    by_roster: dict[str, rs.RosterRows] = {
        r.name: rs.RosterRows(r) for r in fmt.category_rosters(category)}
    items: list[dict[str, Any]] = []
    files: list[rs.PackageFile] = []
    for row in _rows(session, term_row, category, fmt):
        excel_row = by_roster[row.roster.name].add(row.sheet.name, row.sheet.row(row.source))
        for i, (sha, filename, kind) in enumerate(row.files, 1):
            # named as the layout says: by the roster row it belongs to (which carries the
            # 身分證號), never by the national ID unless the layout asks for {身分證號}
            rel = row.roster.attachment_path(row.sheet.name, excel_row, i,
                                             export_name(filename, kind), row.student_no,
                                             row.national_id)
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
            progress=(lambda name: progress(0, 1, name)) if progress else None,
            format_version=fmt.version)
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
