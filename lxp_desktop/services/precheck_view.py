"""The 預檢 list as a clerk hands it out: each finding placed (student, class, course
teacher), grouped and filtered by rule, class, teacher and category, exported to .xlsx.

A running term has thousands of findings; one flat list cannot be handed to the 導師 or the
teachers who must act on them (issue #18). The findings themselves come from
``precheck.run_check`` unchanged; this module only places them and cuts the list.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from lxp_desktop.domain.checks import RULES, SEVERITY_LABELS, Finding
from lxp_desktop.store.models import (
    Attachment,
    CadreRecord,
    Course,
    Enrolment,
    Outcome,
    Performance,
    SchoolClass,
    Staff,
    Student,
)

NONE = "（無）"
GROUPS = {"rule": "規則", "class": "班級", "teacher": "教師", "category": "類別"}


@dataclass(frozen=True)
class PlacedFinding:
    """A finding with whom it is about; reads like the ``Finding`` it wraps."""

    finding: Finding
    student_no: str
    class_code: str
    teacher: str

    @property
    def code(self) -> str:
        return self.finding.code

    @property
    def severity(self) -> str:
        return self.finding.severity

    @property
    def table(self) -> str:
        return self.finding.table

    @property
    def row_id(self) -> str:
        return self.finding.row_id

    @property
    def message(self) -> str:
        return self.finding.message

    @property
    def categories(self) -> tuple[str, ...]:
        return self.finding.categories

    @property
    def blocking(self) -> bool:
        return self.finding.blocking

    def key(self, group: str) -> str:
        if group == "class":
            return self.class_code or NONE
        if group == "teacher":
            return self.teacher or NONE
        if group == "category":
            return "、".join(self.categories)
        return self.code


def _ids(findings: Iterable[Finding], table: str) -> list[uuid.UUID]:
    out = []
    for f in findings:
        if f.table == table:
            try:
                out.append(uuid.UUID(f.row_id))
            except ValueError:
                continue
    return out


def place(session: Session, findings: Sequence[Finding],
          school_year: int | None = None) -> list[PlacedFinding]:
    """Each finding with its student's 學號 and class (in ``school_year``, the checked
    term's, when given) and the course's teacher (when the record belongs to a course), in a
    few queries whatever the number of findings."""
    student_of: dict[uuid.UUID, uuid.UUID] = {}
    teacher_of: dict[uuid.UUID, uuid.UUID | None] = {}
    # attachments point at their owner
    owner: dict[uuid.UUID, tuple[str, uuid.UUID]] = {}
    att_ids = _ids(findings, "attachment")
    if att_ids:
        for aid, table, oid in session.execute(select(
                Attachment.id, Attachment.owner_table, Attachment.owner_id).where(
                Attachment.id.in_(att_ids))):
            owner[aid] = (table, oid)
    wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
    for f in findings:
        try:
            rid = uuid.UUID(f.row_id)
        except ValueError:
            continue
        table, oid = owner.get(rid, (f.table, rid))
        wanted[table].add(oid)
    if wanted["student"]:
        student_of.update({i: i for i in wanted["student"]})
    if wanted["cadre_record"]:
        student_of.update(dict(session.execute(select(CadreRecord.id, CadreRecord.student_id)
                                               .where(CadreRecord.id.in_(wanted["cadre_record"])))
                               .all()))
    if wanted["performance"]:
        student_of.update(dict(session.execute(select(Performance.id, Performance.student_id)
                                               .where(Performance.id.in_(wanted["performance"])))
                               .all()))
    if wanted["enrolment"]:
        for eid, sid, tid in session.execute(
                select(Enrolment.id, Enrolment.student_id, Course.teacher_id)
                .join(Course, Enrolment.course_id == Course.id)
                .where(Enrolment.id.in_(wanted["enrolment"]))):
            student_of[eid], teacher_of[eid] = sid, tid
    if wanted["outcome"]:
        for oid, sid, tid in session.execute(
                select(Outcome.id, Outcome.student_id, Course.teacher_id)
                .outerjoin(Enrolment, Outcome.enrolment_id == Enrolment.id)
                .outerjoin(Course, Enrolment.course_id == Course.id)
                .where(Outcome.id.in_(wanted["outcome"]))):
            student_of[oid], teacher_of[oid] = sid, tid
    if wanted["course"]:
        teacher_of.update(dict(session.execute(select(Course.id, Course.teacher_id).where(
            Course.id.in_(wanted["course"]))).all()))
    students = {}
    sids = {s for s in student_of.values() if s}
    if sids:
        for sid, no, code in session.execute(
                select(Student.id, Student.student_no, SchoolClass.code)
                .outerjoin(SchoolClass, Student.class_id == SchoolClass.id)
                .where(Student.id.in_(sids))):
            students[sid] = (no, code or "")
        if school_year is not None:
            from lxp_desktop.services.membership import classes_in

            for sid, (klass, _seat) in classes_in(session, sids, school_year).items():
                students[sid] = (students.get(sid, ("", ""))[0], klass.code)
    tids = {t for t in teacher_of.values() if t}
    names = dict(session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(tids))).all()) \
        if tids else {}
    out = []
    for f in findings:
        try:
            rid = uuid.UUID(f.row_id)
        except ValueError:
            out.append(PlacedFinding(f, "", "", ""))
            continue
        _table, oid = owner.get(rid, (f.table, rid))
        no, code = students.get(student_of.get(oid) or rid, ("", ""))
        tid = teacher_of.get(oid)
        out.append(PlacedFinding(f, no, code, names.get(tid, "") if tid else ""))
    return out


def select_findings(rows: Sequence[PlacedFinding], *, rule: str | None = None,
                    class_code: str | None = None, teacher: str | None = None,
                    category: str | None = None, group: str = "rule") -> list[PlacedFinding]:
    """The findings that match every filter given, sorted by the group's key (blocking first
    within a group, then the list's own order)."""
    keep = [r for r in rows
            if (not rule or r.code == rule)
            and (not class_code or (r.class_code or NONE) == class_code)
            and (not teacher or (r.teacher or NONE) == teacher)
            and (not category or category in r.categories)]
    order = {id(r): i for i, r in enumerate(keep)}
    rule_order = {r.code: f"{i:03d}" for i, r in enumerate(RULES)}  # the check's own order

    def key(r: PlacedFinding) -> tuple[str, bool, int]:
        head = rule_order.get(r.code, r.code) if group == "rule" else r.key(group)
        return (head, not r.blocking, order[id(r)])

    return sorted(keep, key=key)


def choices(rows: Sequence[PlacedFinding]) -> dict[str, list[str]]:
    """The values each filter can take in this list."""
    return {"rule": sorted({r.code for r in rows}),
            "class": sorted({r.class_code or NONE for r in rows}),
            "teacher": sorted({r.teacher or NONE for r in rows})}


HEADERS = ("分組", "代碼", "嚴重度", "班級", "學號", "任課教師", "類別", "說明")


def write_xlsx(rows: Sequence[PlacedFinding], path: Path, group: str = "rule") -> int:
    """One sheet, the group first so that a clerk can filter or cut it per 導師/teacher."""
    from openpyxl import Workbook

    def text(value: str) -> str:  # a message typed as "=…" stays text
        return "'" + value if value[:1] in ("=", "+", "-", "@") else value

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("預檢結果")
    ws.append(list(HEADERS))
    for r in rows:
        ws.append([text(r.key(group)), r.code, SEVERITY_LABELS[r.severity], r.class_code,
                   r.student_no, text(r.teacher), "、".join(r.categories), text(r.message)])
    wb.save(path)
    return len(rows)
