"""The check before a submission (預檢): every rule of ``domain/checks.py`` over a term's data.

Each rule selects the rows that may break it in SQL and returns findings that carry the
table and row id, so the 提交與收訖 tab can open the record. A term's data is: the students
on its roster (not left, or left during or after the term), its cadre records, courses and
enrolments, and the 學年度's selected outcomes and performances with their files.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session

from lxp_desktop.domain import checks, enums
from lxp_desktop.domain.checks import Finding, finding
from lxp_desktop.domain.course_code import check_course_code
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.ids import check_id
from lxp_desktop.domain.limits import MB, file_size_limit
from lxp_desktop.domain.roc import Term as TermKey
from lxp_desktop.domain.roc import format_roc
from lxp_desktop.services import scope, settings
from lxp_desktop.services.context import Actor
from lxp_desktop.services.courses import school_code
from lxp_desktop.services.membership import SEAT, join_class
from lxp_desktop.store.blobs import BlobStore, default_store
from lxp_desktop.store.models import (
    Attachment,
    Blob,
    CadreRecord,
    Course,
    Enrolment,
    Outcome,
    Performance,
    SchoolClass,
    Student,
    Term,
)
from lxp_desktop.store.roster_models import ClassMembership

__all__ = ["run_check", "term_row", "roster_condition", "who", "Finding"]


def term_row(session: Session, term: TermKey) -> Term:
    """The stored term, or a clear refusal when it has not been set up."""
    if term.semester not in (1, 2):
        raise ValidationFailed(f"請指定學期（例如 {term.school_year}-1 或 {term.school_year}-2），"
                               "不是整學年。")
    row = session.scalars(select(Term).where(
        Term.school_year == term.school_year, Term.semester == term.semester,
        Term.deleted == false())).first()
    if row is None:
        raise ValidationFailed(f"還沒有建立{term.label}；請先在「工具 › 學期與班級」建立。")
    return row


def roster_condition(term: Term) -> ColumnElement[bool]:
    """Students on a term's roster: not deleted, and either still at school or left no
    earlier than the term's first day."""
    return and_(Student.deleted == false(), or_(
        Student.status.not_in(enums.LEFT_STATUSES),
        Student.status_date.is_(None), Student.status_date >= term.start_date),
        not_yet_enrolled(term.school_year))


def not_yet_enrolled(school_year: int) -> ColumnElement[bool]:
    """False for a student whose classes all belong to later years (enrolled after
    ``school_year``): they are on no roster of that year. A student with no class at all
    stays on (the 預檢 asks for the class)."""
    later = select(ClassMembership.student_id).where(ClassMembership.school_year > school_year,
                                                     ClassMembership.deleted == false())
    upto = select(ClassMembership.student_id).where(ClassMembership.school_year <= school_year,
                                                    ClassMembership.deleted == false())
    return or_(Student.id.in_(upto), Student.id.not_in(later))


def who(student_no: str, name: str, class_code: str | None = None,
        seat_no: int | None = None) -> str:
    place = f"{class_code}班{seat_no or ''}{'號' if seat_no else ''} " if class_code else ""
    return f"{place}{student_no} {name}"


def _student_cols() -> tuple[Any, ...]:
    return (Student.student_no, Student.name, SchoolClass.code, SEAT)


def _joined(stmt: Any, model: Any) -> Any:
    # the class and seat of the record's own 學年度
    return join_class(stmt.join(Student, model.student_id == Student.id), model.school_year)


def _students(session: Session, term: Term) -> list[Finding]:
    out = []
    stmt = (select(Student.id, *_student_cols(), Student.national_id, Student.birth_date,
                   Student.gender, ClassMembership.class_id, Student.status,
                   Student.postal_code,
                   Student.address)
            .where(roster_condition(term))
            .order_by(SchoolClass.code, SEAT, Student.student_no))
    stmt = join_class(stmt, term.school_year)
    for (sid, no, name, klass, seat, nid, birth, gender, class_id, status, postal,
         address) in session.execute(stmt):
        w = who(no, name, klass, seat)
        if nid:
            problem = check_id(nid)
            if problem:
                out.append(finding("S01", sid, who=w, problem=problem.replace(
                    "身分證統一編號", "", 1)))
        missing = [label for label, value in (("身分證統一編號", nid), ("出生日期", birth),
                                              ("性別", gender), ("班級", class_id))
                   if not value]
        if missing:
            out.append(finding("S02", sid, who=w, fields="、".join(missing)))
        if status in enums.LEFT_STATUSES:
            lacking = [label for label, value in (("郵遞區號", postal), ("通訊地址", address))
                       if not value]
            if lacking:
                out.append(finding("S03", sid, who=w, status=status, fields="、".join(lacking)))
    return out


def _enrolments(session: Session, term: Term) -> list[Finding]:
    stmt = _joined(select(Enrolment.id, *_student_cols(), Course.name, Course.code)
                   .select_from(Enrolment).join(Course, Enrolment.course_id == Course.id),
                   Enrolment)
    stmt = stmt.where(Enrolment.school_year == term.school_year,
                      Enrolment.semester == term.semester, Enrolment.deleted == false(),
                      roster_condition(term), Enrolment.score.is_(None),
                      or_(Enrolment.remark.is_(None), Enrolment.remark == ""))
    stmt = stmt.order_by(SchoolClass.code, SEAT, Course.code)
    return [finding("E01", eid, who=who(no, name, klass, seat), course=cname, code=code)
            for eid, no, name, klass, seat, cname, code in session.execute(stmt)]


def _courses(session: Session, term: Term) -> list[Finding]:
    own = school_code(session)
    out = []
    for cid, code, name in session.execute(select(Course.id, Course.code, Course.name).where(
            Course.school_year == term.school_year, Course.semester == term.semester,
            Course.deleted == false()).order_by(Course.code)):
        problem = check_course_code(code, own)
        if problem:
            out.append(finding("E02", cid, course=name, problem=problem))
    return out


def _outcomes(session: Session, term: Term) -> list[Finding]:
    out = []
    year = term.school_year
    sel = and_(Outcome.school_year == year, Outcome.selected.is_(True),
               Outcome.deleted == false(), roster_condition(term))
    stmt = _joined(select(Outcome.id, *_student_cols(), Outcome.title, Outcome.status,
                          Outcome.student_id, Outcome.semester, Enrolment.student_id,
                          Enrolment.school_year, Enrolment.semester, Enrolment.deleted)
                   .select_from(Outcome)
                   .outerjoin(Enrolment, Outcome.enrolment_id == Enrolment.id), Outcome)
    for (oid, no, name, klass, seat, title, status, student_id, sem, e_student, e_year,
         e_sem, e_deleted) in session.execute(stmt.where(sel).order_by(
            SchoolClass.code, SEAT, Outcome.title)):
        w = who(no, name, klass, seat)
        if status != "已認證":
            out.append(finding("O01", oid, who=w, title=title, status=status))
        problem = None
        if e_student is None or e_deleted:
            problem = "已不存在（可能已刪除）"
        elif e_student != student_id:
            problem = "屬於其他學生"
        elif (e_year, e_sem) != (year, sem):
            problem = f"是{e_year}學年度第{e_sem}學期的，不是成果登錄的學期"
        if problem:
            out.append(finding("O03", oid, who=w, title=title, problem=problem))
    files = select(Attachment.owner_id).where(Attachment.owner_table == "outcome",
                                               Attachment.deleted == false())
    stmt = _joined(select(Outcome.id, *_student_cols(), Outcome.title).select_from(Outcome),
                   Outcome).where(sel, Outcome.id.not_in(files))
    for oid, no, name, klass, seat, title in session.execute(stmt):
        out.append(finding("O04", oid, who=who(no, name, klass, seat), title=title))
    out += _over_cap(session, term, Outcome, "O02",
                     settings.get(session, "outcomes_selected_per_year"))
    out += _over_total(session, term, Outcome, "O05", settings.get(session, "outcomes_per_term"))
    return out


def _over_cap(session: Session, term: Term, model: Any, code: str, cap: int) -> list[Finding]:
    counts = (select(model.student_id, func.count().label("n"), func.min(model.id).label("first"))
              .where(model.school_year == term.school_year, model.selected.is_(True),
                     model.deleted == false())
              .group_by(model.student_id).having(func.count() > cap).subquery())
    stmt = (select(counts.c.first, counts.c.n, *_student_cols())
            .join(Student, counts.c.student_id == Student.id)
            .where(roster_condition(term)))
    stmt = join_class(stmt, term.school_year)
    return [finding(code, first, who=who(no, name, klass, seat), year=term.school_year,
                    count=n, cap=cap, over=n - cap)
            for first, n, no, name, klass, seat in session.execute(stmt)]


def _performances(session: Session, term: Term) -> list[Finding]:
    return (_over_cap(session, term, Performance, "P01",
                      settings.get(session, "performances_per_year"))
            + _over_total(session, term, Performance, "P02",
                          settings.get(session, "performances_per_year")))


def workstation_names(session: Session) -> dict[str, str]:
    """The names of the school's PCs by their id (kept by the last sync)."""
    import json

    from lxp_desktop.store.models import LocalMeta

    row = session.get(LocalMeta, "sync_workstation_names")
    return json.loads(row.value) if row is not None and row.value else {}


def pcs_text(origins: set[str], names: dict[str, str]) -> str:
    shown = sorted(names.get(o) or f"電腦 {o[:8]}" for o in origins if o)
    return "、".join(shown) if shown else "多台電腦"


def _over_total(session: Session, term: Term, model: Any, code: str, cap: int) -> list[Finding]:
    """More records than the cap allows at all (each PC kept to it, the sync added them up):
    多元表現 per 學年度, 課程學習成果 per term."""
    keys = [model.student_id, model.school_year]
    where = [model.school_year == term.school_year, model.deleted == false()]
    if model is Outcome:
        keys.append(model.semester)
        where.append(model.semester == term.semester)
    counts = (select(*keys, func.count().label("n"), func.min(model.id).label("first"))
              .where(*where).group_by(*keys).having(func.count() > cap).subquery())
    stmt = (select(counts.c.first, counts.c.n, counts.c.student_id, *_student_cols())
            .join(Student, counts.c.student_id == Student.id)
            .where(roster_condition(term)))
    stmt = join_class(stmt, term.school_year)
    names = workstation_names(session)
    out = []
    for first, n, student_id, no, name, klass, seat in session.execute(stmt):
        origins = set(session.scalars(select(model.origin).where(
            model.student_id == student_id, *where).distinct()))
        out.append(finding(code, first, who=who(no, name, klass, seat), year=term.school_year,
                           term=TermKey(term.school_year, term.semester).label, count=n,
                           cap=cap, over=n - cap, pcs=pcs_text(origins, names)))
    return out


def _submitted_files(session: Session, term: Term, model: Any) -> Any:
    """The attachments of ``model``'s selected records in the term's rosters: (id, filename,
    sha256, kind, size, title, 學年度, 學期, student columns …)."""
    semester = model.semester if model is Outcome else None
    stmt = _joined(select(Attachment.id, Attachment.filename, Attachment.sha256,
                          Blob.kind, Blob.size, model.title, model.school_year,
                          semester if semester is not None else model.school_year,
                          *_student_cols())
                   .select_from(Attachment)
                   .join(model, and_(Attachment.owner_id == model.id,
                                     Attachment.owner_table == model.__tablename__))
                   .outerjoin(Blob, Attachment.sha256 == Blob.sha256), model)
    return session.execute(stmt.where(
        Attachment.deleted == false(), model.deleted == false(), model.selected.is_(True),
        model.school_year == term.school_year, roster_condition(term)))


def files_needed(session: Session, term: TermKey) -> set[str]:
    """The SHA-256 of every file the term's packages carry (those a check looks at)."""
    row = term_row(session, term)
    return {r.sha256 for model in (Outcome, Performance)
            for r in _submitted_files(session, row, model)}


def _files(session: Session, term: Term, store: BlobStore) -> list[Finding]:
    out = []
    for model, owner in ((Outcome, "課程學習成果"), (Performance, "多元表現")):
        for (aid, filename, sha, kind, size, title, year, sem, no, name, klass,
             seat) in _submitted_files(session, term, model):
            w = who(no, name, klass, seat)
            the_term = TermKey(year, sem if model is Outcome else 0)
            if kind and size is not None:
                try:
                    limit = file_size_limit(kind, the_term)
                except ValueError:
                    limit = None
                if limit is not None and size > limit:
                    out.append(finding("F01", aid, who=w, owner=owner, title=title,
                                       filename=filename, problem=(
                                           f"大小 {size / MB:.1f} MB，超過{the_term.label}上限 "
                                           f"{limit // MB} MB；請壓縮後重新附加。")))
            status = store.status(sha)
            if status != "ok":
                text = ("在資料夾中找不到（在其他電腦附加的檔案，連上共用資料庫後預檢時會自動下載）；"
                        "否則請從備份還原，或刪除後重新附加。" if status == "missing"
                        else "的內容與上傳時的 SHA-256 不符（檔案被更動）；請從備份還原，或刪除後重新附加。")
                out.append(finding("F02", aid, who=w, owner=owner, title=title,
                                   filename=filename, problem=text))
    return out + _unsent_files(session, term, store)


def _unsent_files(session: Session, term: Term, store: BlobStore) -> list[Finding]:
    """Attachments of the term's records whose file the last sync could not send (it is not
    on this PC): the rows went, the file waits (not only those in a package)."""
    import json

    from lxp_desktop.store.models import LocalMeta

    row = session.get(LocalMeta, "sync_missing_files")
    missing = set(json.loads(row.value)) if row is not None and row.value else set()
    if not missing:
        return []
    out = []
    for model, owner in ((Outcome, "課程學習成果"), (Performance, "多元表現")):
        where = [model.school_year == term.school_year]
        if model is Outcome:
            where.append(model.semester == term.semester)
        stmt = _joined(select(Attachment.id, Attachment.filename, Attachment.sha256,
                              model.title, *_student_cols()).select_from(Attachment)
                       .join(model, and_(Attachment.owner_id == model.id,
                                         Attachment.owner_table == model.__tablename__)),
                       model).where(Attachment.deleted == false(), model.deleted == false(),
                                    Attachment.sha256.in_(sorted(missing)), *where)
        for aid, filename, sha, title, no, name, klass, seat in session.execute(stmt):
            if store.status(sha) == "missing":
                out.append(finding("F03", aid, who=who(no, name, klass, seat), owner=owner,
                                   title=title, filename=filename))
    return out


def _cadres(session: Session, term: Term) -> list[Finding]:
    out = []
    stmt = _joined(select(CadreRecord.id, *_student_cols(), CadreRecord.unit_name,
                          CadreRecord.position, CadreRecord.start_date, CadreRecord.end_date)
                   .select_from(CadreRecord), CadreRecord)
    stmt = stmt.where(CadreRecord.school_year == term.school_year,
                      CadreRecord.semester == term.semester, CadreRecord.deleted == false(),
                      roster_condition(term),
                      or_(CadreRecord.start_date < term.start_date,
                          CadreRecord.start_date > term.end_date,
                          CadreRecord.end_date < term.start_date,
                          CadreRecord.end_date > term.end_date))
    label = TermKey(term.school_year, term.semester).label
    for cid, no, name, klass, seat, unit, position, start, end in session.execute(stmt):
        for field, d in (("開始日期", start), ("結束日期", end)):
            if d is not None and not term.start_date <= d <= term.end_date:
                out.append(finding("C01", cid, who=who(no, name, klass, seat), unit=unit,
                                   position=position, field=field, date=format_roc(d),
                                   term=label, start=format_roc(term.start_date),
                                   end=format_roc(term.end_date)))
                break
    return out


RuleGroup = Callable[[Session, Term], list[Finding]]


def run_check(session: Session, term: TermKey, store: BlobStore | None = None,
              progress: Callable[[int, int, str], None] | None = None, *,
              viewer: Actor | None = None) -> list[Finding]:
    """Every finding of the term, blocking ones first, then by rule and record.

    ``viewer``: the account that asked (a door); refused unless its role runs the 預檢 —
    the check covers every student of the school. ``None``: the submission's own check."""
    if viewer is not None:
        scope.require(viewer, "precheck")
    row = term_row(session, term)
    store = store or default_store()
    groups: list[tuple[str, RuleGroup]] = [
        ("學生基本資料", _students), ("課程代碼", _courses), ("修課紀錄", _enrolments),
        ("幹部經歷", _cadres), ("課程學習成果", _outcomes), ("多元表現", _performances),
        ("附件", lambda s, t: _files(s, t, store)),
    ]
    found: list[Finding] = []
    for i, (label, group) in enumerate(groups):
        if progress:
            progress(i, len(groups), label)
        found += group(session, row)
    if progress:
        progress(len(groups), len(groups), "")
    order = {r.code: i for i, r in enumerate(checks.RULES)}
    return sorted(found, key=lambda f: (not f.blocking, order[f.code]))


def row_uuid(f: Finding) -> uuid.UUID:
    return uuid.UUID(f.row_id)
