"""升級作業: at the start of a 學年度 the registrar moves every class to the next grade.

``preview`` lists what would happen to each student (the class mapping and any student's
action editable); ``promote`` writes it all in the caller's transaction — new classes, each
student's class of the new year (``class_membership``), 畢業 with its date for the top grade,
延修 students staying — with one audit entry per student, and records the run so that
``undo`` can put everything back until the first record of the new year is written.

Every id the run writes is derived (the new year's classes from (學年度, code), memberships
from (student, 學年度), the run from its 學年度), so two PCs that promote offline write the
same rows and converge when they sync.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from lxp_desktop.domain import promotion as rules
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import format_roc
from lxp_desktop.services.base import insert_items, insert_row, record_change
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import authorize
from lxp_desktop.store.models import (
    CadreRecord,
    Consultation,
    Enrolment,
    Outcome,
    Performance,
    SchoolClass,
    Student,
    utcnow,
)
from lxp_desktop.store.roster_models import (
    ClassMembership,
    PromotionRun,
    class_id_for,
    membership_id,
    promotion_id,
)
from lxp_desktop.sync import outbox

DONE, UNDONE = "完成", "已復原"
_STUDENT_FIELDS = ("class_id", "seat_no", "status", "status_date")


@dataclass
class Move:
    """One student in the preview."""

    student_id: uuid.UUID
    student_no: str
    name: str
    status: str
    from_class: str
    from_grade: int
    from_seat: int | None
    action: str
    to_class: str | None = None
    to_seat: int | None = None


@dataclass
class Plan:
    from_year: int
    to_year: int
    graduation_date: date
    #: from class code → to class code (editable; the default is the next grade's class)
    mapping: dict[str, str]
    moves: list[Move] = field(default_factory=list)
    #: the classes of the new year that the run will create (code → name)
    new_classes: dict[str, str] = field(default_factory=dict)
    #: students who already have a class in the new year (left as they are)
    kept: int = 0

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.moves:
            out[m.action] = out.get(m.action, 0) + 1
        return out


@dataclass(frozen=True)
class Result:
    to_year: int
    counts: dict[str, int]
    classes_made: int


def _classes(session: Session, year: int) -> dict[str, SchoolClass]:
    return {k.code: k for k in session.scalars(select(SchoolClass).where(
        SchoolClass.school_year == year, SchoolClass.deleted == false()))}


def run_of(session: Session, to_year: int) -> PromotionRun | None:
    return session.get(PromotionRun, promotion_id(to_year))


def default_from_year(session: Session, fallback: int) -> int:
    """The 學年度 the dialog offers to promote from: the latest year students have classes
    in, or the one before it when that year came from a promotion (so it can be undone)."""
    latest = session.scalar(select(func.max(ClassMembership.school_year)).where(
        ClassMembership.deleted == false()))
    if latest is None:
        return fallback
    run = run_of(session, int(latest))
    return int(latest) - 1 if run is not None and run.state == DONE else int(latest)


def preview(session: Session, from_year: int, graduation_date: date, *,
            mapping: Mapping[str, str] | None = None,
            actions: Mapping[str, str] | None = None) -> Plan:
    """What the promotion from ``from_year`` into the next 學年度 would do.

    ``mapping`` overrides the class a whole class moves to (from code → to code);
    ``actions`` overrides one student's action (學號 → 升級, 畢業, 延修 or 重讀)."""
    to_year = from_year + 1
    actions = dict(actions or {})
    unknown = [a for a in actions.values() if a not in rules.ACTIONS]
    if unknown:
        raise ValidationFailed(f"升級作業：不認得的處理方式「{'、'.join(unknown)}」；"
                               f"請用：{'、'.join(rules.ACTIONS)}。")
    old = _classes(session, from_year)
    if not old:
        raise ValidationFailed(f"{from_year} 學年度沒有班級，無法升級；請先在「工具 › 學期與班級」"
                               "建立班級，並確認學生都有該學年度的班級。")
    new = _classes(session, to_year)
    plan = Plan(from_year, to_year, graduation_date, {})
    for code, k in sorted(old.items()):
        target = (mapping or {}).get(code) or rules.next_code(code, k.grade)
        if target:
            plan.mapping[code] = target
    bad = [f"{src}→{dst}" for src, dst in (mapping or {}).items() if src not in old]
    if bad:
        raise ValidationFailed(f"升級作業：{from_year} 學年度沒有班級 {'、'.join(bad)}；請檢查班級對應。")
    already = set(session.scalars(select(ClassMembership.student_id).where(
        ClassMembership.school_year == to_year, ClassMembership.deleted == false())))
    rows = session.execute(
        select(Student, ClassMembership.seat_no, SchoolClass)
        .join(ClassMembership, ClassMembership.student_id == Student.id)
        .join(SchoolClass, ClassMembership.class_id == SchoolClass.id)
        .where(ClassMembership.school_year == from_year, ClassMembership.deleted == false(),
               Student.deleted == false())
        .order_by(SchoolClass.code, ClassMembership.seat_no, Student.student_no)).all()
    seen_numbers = {st.student_no for st, _s, _k in rows}
    stray = sorted(set(actions) - seen_numbers)
    if stray:
        raise ValidationFailed(f"升級作業：學號 {'、'.join(stray)} 在 {from_year} 學年度沒有班級，"
                               "無法指定處理方式。")
    taken: dict[str, set[int]] = {}
    for st, seat, klass in rows:
        if st.id in already:
            plan.kept += 1
            continue
        action = actions.get(st.student_no) or rules.default_action(st.status, klass.grade)
        if action is None:
            continue
        move = Move(st.id, st.student_no, st.name, st.status, klass.code, klass.grade, seat,
                    action)
        if action == rules.PROMOTE:
            move.to_class = plan.mapping.get(klass.code)
            if move.to_class is None:
                raise ValidationFailed(
                    f"升級作業：{klass.code} 班（{klass.grade} 年級）沒有下一年級的班級；"
                    f"{st.student_no} {st.name} 請改為畢業或延修，或在班級對應中指定班級。")
        elif action in (rules.REPEAT, rules.EXTEND):
            move.to_class = rules.same_grade_code(klass.code)
        plan.moves.append(move)
    # seats: kept where free in the new class, else after the last one
    for move in plan.moves:
        if move.to_class is None:
            continue
        used = taken.setdefault(move.to_class, set())
        seat = move.from_seat
        if seat is None or seat in used:
            seat = max(used, default=0) + 1
        used.add(seat)
        move.to_seat = seat
    for move in plan.moves:
        if move.to_class and move.to_class not in new and move.to_class not in plan.new_classes:
            src = old[move.from_class]
            grade = int(move.to_class[0]) if move.to_class[:1].isdigit() else src.grade
            plan.new_classes[move.to_class] = rules.next_name(src.name, src.grade, grade,
                                                             move.to_class)
    return plan


def promote(session: Session, actor: Actor, plan: Plan) -> Result:
    """Write ``plan`` (from ``preview``) in the caller's transaction: all of it or, on any
    problem, nothing (the caller's transaction rolls back)."""
    actor = authorize(session, actor, "student")
    run = run_of(session, plan.to_year)
    if run is not None and not run.deleted and run.state == DONE:
        raise ValidationFailed(f"{plan.to_year} 學年度已完成升級作業；若要重做，請先復原上次的升級。")
    old = _classes(session, plan.from_year)
    new = _classes(session, plan.to_year)
    made: list[str] = []
    for code, name in sorted(plan.new_classes.items()):
        if code in new:
            continue
        src = next((old[m.from_class] for m in plan.moves if m.to_class == code), None)
        grade = int(code[0]) if code[:1].isdigit() else (src.grade if src else 1)
        gone = session.scalars(select(SchoolClass).where(
            SchoolClass.school_year == plan.to_year, SchoolClass.code == code)).first()
        if gone is not None:  # made by a promotion since undone: it comes back
            _apply(session, actor, "school_class", gone, {"deleted": False}, "restore")
            new[code] = gone
            made.append(str(gone.id))
            continue
        klass = SchoolClass(id=class_id_for(plan.to_year, code), school_year=plan.to_year,
                            code=code, name=name, grade=grade,
                            homeroom_teacher_id=src.homeroom_teacher_id if src else None,
                            group_code=src.group_code if src else None,
                            program_code=src.program_code if src else None,
                            division_code=src.division_code if src else None)
        insert_row(session, actor, "school_class", klass)
        new[code] = klass
        made.append(str(klass.id))
    detail: dict[str, Any] = {"classes": made, "students": {}}
    now = utcnow()
    counts: dict[str, int] = {}
    for move in plan.moves:
        st = session.get(Student, move.student_id)
        if st is None or st.deleted:
            continue
        values: dict[str, Any] = {}
        membership_row: dict[str, Any] | None = None
        if move.to_class is not None:
            klass = new[move.to_class]
            values.update(class_id=klass.id, seat_no=move.to_seat)
            if move.action == rules.EXTEND and st.status != rules.EXTEND:
                values.update(status=rules.EXTEND, status_date=plan.graduation_date)
            membership_row = {"class_id": klass.id, "seat_no": move.to_seat}
        elif move.action == rules.GRADUATE:
            values.update(status="畢業", status_date=plan.graduation_date)
        changes = {k: (getattr(st, k), v) for k, v in values.items() if getattr(st, k) != v}
        wrote_membership = None
        if membership_row is not None:
            wrote_membership = _put_membership(session, actor, st.id, plan.to_year,
                                               membership_row, now)
        if changes:
            for k, (_o, v) in changes.items():
                setattr(st, k, v)
            st.version += 1
            st.updated_at, st.updated_by, st.origin = now, actor.staff_id, actor.workstation
            session.flush()
        shown: dict[str, tuple[Any, Any]] = dict(changes)
        if move.to_class is not None:
            shown[f"{plan.to_year}學年度班級座號"] = (None, f"{move.to_class} {move.to_seat}")
        shown["升級作業"] = (None, move.action)
        record_change(session, actor.with_source(actor.source or "升級作業"), "student", st,
                      "promote", changes, shown=shown)
        detail["students"][str(st.id)] = {
            "action": move.action,
            "student": {k: [_enc(o), _enc(v)] for k, (o, v) in changes.items()},
            "membership": wrote_membership}
        counts[move.action] = counts.get(move.action, 0) + 1
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True)
    if run is None:
        insert_row(session, actor, "promotion_run", PromotionRun(
            id=promotion_id(plan.to_year), from_year=plan.from_year, to_year=plan.to_year,
            graduation_date=plan.graduation_date, detail=text, state=DONE))
    else:
        _apply(session, actor, "promotion_run", run, {
            "from_year": plan.from_year, "graduation_date": plan.graduation_date,
            "detail": text, "state": DONE, "deleted": False}, "update")
    return Result(plan.to_year, counts, len(made))


def _enc(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _dec(field_name: str, value: Any) -> Any:
    if value is None:
        return None
    if field_name == "class_id":
        return uuid.UUID(value)
    if field_name == "status_date":
        return date.fromisoformat(value)
    return value


def _put_membership(session: Session, actor: Actor, student_id: uuid.UUID, year: int,
                    values: dict[str, Any], now: Any) -> dict[str, Any]:
    """The membership of ``year`` (synced like any row, audited with the student's entry);
    returns what undo needs: the values before (None: there was none)."""
    mid = membership_id(student_id, year)
    found = session.get(ClassMembership, mid)
    if found is None:
        insert_items(session, ClassMembership, [{
            "id": mid, "student_id": student_id, "school_year": year, **values,
            "version": 1, "updated_at": now, "updated_by": actor.staff_id,
            "origin": actor.workstation, "deleted": False}])
        return {"before": None}
    before = {"class_id": str(found.class_id), "seat_no": found.seat_no,
              "deleted": found.deleted}
    wanted = {**values, "deleted": False}
    changes = {k: (getattr(found, k), v) for k, v in wanted.items() if getattr(found, k) != v}
    if changes:
        for k, (_o, v) in changes.items():
            setattr(found, k, v)
        found.version += 1
        found.updated_at, found.updated_by, found.origin = now, actor.staff_id, actor.workstation
        session.flush()
        outbox.capture(session, "class_membership", found, "update", changes)
    return {"before": before}


def _apply(session: Session, actor: Actor, table: str, obj: Any, values: dict[str, Any],
           action: str) -> None:
    changes = {k: (getattr(obj, k), v) for k, v in values.items() if getattr(obj, k) != v}
    if not changes:
        return
    for k, (_o, v) in changes.items():
        setattr(obj, k, v)
    obj.version += 1
    obj.updated_at, obj.updated_by, obj.origin = utcnow(), actor.staff_id, actor.workstation
    session.flush()
    record_change(session, actor, table, obj, action, changes)


def undo_blocker(session: Session, to_year: int) -> str | None:
    """Why the promotion into ``to_year`` can no longer be undone (None: it can)."""
    run = run_of(session, to_year)
    if run is None or run.deleted or run.state != DONE:
        return f"{to_year} 學年度沒有可復原的升級作業。"
    for model, label in ((Enrolment, "修課紀錄"), (CadreRecord, "幹部經歷"),
                         (Consultation, "課程諮詢紀錄"), (Outcome, "課程學習成果"),
                         (Performance, "多元表現")):
        n = session.scalar(select(func.count()).select_from(model).where(
            model.school_year == to_year, model.deleted == false()))
        if n:
            return (f"{to_year} 學年度已有 {n} 筆{label}，升級作業不能再復原；"
                    "請在「學生基本資料」逐一修正班級。")
    detail = json.loads(run.detail)
    ours = {uuid.UUID(s) for s in detail["students"]}
    later = session.scalar(select(func.count()).select_from(ClassMembership).where(
        ClassMembership.school_year == to_year,
        ClassMembership.updated_at > run.updated_at))
    others = [m for m in session.scalars(select(ClassMembership).where(
        ClassMembership.school_year == to_year, ClassMembership.deleted == false()))
        if m.student_id not in ours]
    if later or others:
        return (f"升級後已有人修改或新增 {to_year} 學年度的班級座號，升級作業不能再復原；"
                "請在「學生基本資料」逐一修正。")
    return None


def undo(session: Session, actor: Actor, to_year: int) -> int:
    """Put back what the promotion into ``to_year`` changed; returns the students restored."""
    actor = authorize(session, actor, "student")
    problem = undo_blocker(session, to_year)
    if problem:
        raise ValidationFailed(problem)
    run = run_of(session, to_year)
    assert run is not None
    detail = json.loads(run.detail)
    n = 0
    for sid_text, entry in sorted(detail["students"].items()):
        sid = uuid.UUID(sid_text)
        st = session.get(Student, sid)
        membership = session.get(ClassMembership, membership_id(sid, to_year))
        if membership is not None and entry.get("membership") is not None:
            before = entry["membership"]["before"]
            if before is None:
                _apply(session, actor, "class_membership", membership, {"deleted": True},
                       "delete")
            else:
                _apply(session, actor, "class_membership", membership, {
                    "class_id": uuid.UUID(before["class_id"]), "seat_no": before["seat_no"],
                    "deleted": before["deleted"]}, "update")
        if st is not None and entry["student"]:
            back = {k: _dec(k, pair[0]) for k, pair in entry["student"].items()}
            _apply(session, actor, "student", st, back, "undo")
        n += 1
    for cid in detail.get("classes", []):
        klass = session.get(SchoolClass, uuid.UUID(cid))
        if klass is not None and not klass.deleted:
            _apply(session, actor, "school_class", klass, {"deleted": True}, "delete")
    _apply(session, actor, "promotion_run", run, {"state": UNDONE}, "undo")
    return n


def describe(plan: Plan) -> str:
    """The preview as text (the CLI's dry run)."""
    counts = plan.counts()
    lines = [f"{plan.from_year} 學年度 → {plan.to_year} 學年度，畢業日期 "
             f"{format_roc(plan.graduation_date)}："
             + "、".join(f"{a} {counts[a]} 人" for a in rules.ACTIONS if a in counts)]
    if plan.kept:
        lines.append(f"已有 {plan.to_year} 學年度班級而不變動：{plan.kept} 人")
    lines.append("班級對應：" + "、".join(f"{a}→{b}" for a, b in sorted(plan.mapping.items())))
    if plan.new_classes:
        lines.append("將建立的班級：" + "、".join(
            f"{c} {n}" for c, n in sorted(plan.new_classes.items())))
    for m in plan.moves:
        if m.action != rules.PROMOTE:
            where = f" → {m.to_class} 班 {m.to_seat} 號" if m.to_class else ""
            lines.append(f"  {m.from_class} 班 {m.from_seat or ''} 號 {m.student_no} {m.name}："
                         f"{m.action}{where}")
    return "\n".join(lines)
