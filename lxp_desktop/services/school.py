"""The school itself: its data, terms, classes and staff; and who acts on this PC."""

from __future__ import annotations

import getpass
import uuid
from datetime import date
from typing import Any

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.domain.roc import Term as TermKey
from lxp_desktop.domain.roc import default_dates
from lxp_desktop.services import audit
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import require_write
from lxp_desktop.store.models import School, SchoolClass, Staff, SyncMixin, Term, utcnow
from lxp_desktop.sync import outbox


def _new(session: Session, actor: Actor, table: str, obj: SyncMixin) -> None:
    obj.id = obj.id or uuid.uuid4()
    obj.version, obj.updated_at = 1, utcnow()
    obj.updated_by, obj.origin = actor.staff_id, actor.workstation
    session.add(obj)
    session.flush()
    audit.record(session, actor, table, obj.id, "create",
                 {k: (None, v) for k, v in obj.values().items() if v is not None})
    outbox.capture(session, table, obj, "create")


def system_actor(workstation: str, source: str = "系統") -> Actor:
    """The app itself, for set-up steps before anyone has signed in."""
    return Actor(None, "系統", frozenset({"admin"}), workstation, source=source)


def ensure_local_admin(session: Session, workstation: str) -> Staff:
    """The store's first staff member (系統管理者) when it has none.

    Sign-in with passwords comes with the accounts issue; until then the person at this PC acts
    as this administrator, and every write is logged under that account and workstation.
    """
    staff = session.scalars(select(Staff).where(Staff.deleted == false(), Staff.active)
                            .where(Staff.roles.like("%admin%")).order_by(Staff.username)).first()
    if staff is None:
        staff = Staff(username="admin", name="系統管理者", roles="admin",
                      email=None, phone=None, active=True)
        _new(session, system_actor(workstation, f"首次啟動（{getpass.getuser()}）"), "staff",
             staff)
    return staff


def actor_for(staff: Staff, workstation: str, source: str | None = None) -> Actor:
    return Actor(str(staff.id), staff.name, frozenset(r for r in staff.roles.split(",") if r),
                 workstation, source=source)


def get_school(session: Session) -> School | None:
    return session.scalars(select(School).where(School.deleted == false()).limit(1)).first()


def save_school(session: Session, actor: Actor, values: dict[str, Any]) -> School:
    require_write(actor, "school")
    code = str(values.get("code") or "").strip()
    if len(code) != 6 or not code.isalnum():
        raise ValidationFailed(FieldError("code", "學校代碼：須為 6 碼，例如 063401。"))
    if not str(values.get("name") or "").strip():
        raise ValidationFailed(FieldError("name", "學校名稱：必填。"))
    school = get_school(session)
    if school is None:
        school = School(**{k: values.get(k) for k in School.EDITABLE})
        _new(session, actor, "school", school)
        return school
    changes = {k: (getattr(school, k), values[k]) for k in School.EDITABLE
               if k in values and getattr(school, k) != values[k]}
    if changes:
        for k, (_o, n) in changes.items():
            setattr(school, k, n)
        school.version += 1
        school.updated_at, school.updated_by, school.origin = (
            utcnow(), actor.staff_id, actor.workstation)
        session.flush()
        audit.record(session, actor, "school", school.id, "update", changes)
        outbox.capture(session, "school", school, "update", changes)
    return school


def list_terms(session: Session) -> list[Term]:
    return list(session.scalars(select(Term).where(Term.deleted == false())
                                .order_by(Term.school_year, Term.semester)))


def ensure_term(session: Session, actor: Actor, key: TermKey,
                start: date | None = None, end: date | None = None) -> Term:
    term = session.scalars(select(Term).where(Term.school_year == key.school_year,
                                              Term.semester == key.semester)).first()
    if term is None:
        require_write(actor, "term")
        d_start, d_end = default_dates(key)
        term = Term(school_year=key.school_year, semester=key.semester,
                    start_date=start or d_start, end_date=end or d_end)
        _new(session, actor, "term", term)
    return term


def ensure_class(session: Session, actor: Actor, school_year: int, code: str, name: str,
                 grade: int, homeroom_teacher_id: uuid.UUID | None = None) -> SchoolClass:
    klass = session.scalars(select(SchoolClass).where(SchoolClass.school_year == school_year,
                                                      SchoolClass.code == code)).first()
    if klass is None:
        require_write(actor, "school_class")
        klass = SchoolClass(school_year=school_year, code=code, name=name, grade=grade,
                            homeroom_teacher_id=homeroom_teacher_id)
        _new(session, actor, "school_class", klass)
    return klass


def add_staff(session: Session, actor: Actor, username: str, name: str, roles: list[str],
              email: str | None = None) -> Staff:
    if "admin" not in actor.roles:
        raise ValidationFailed(f"{actor.name} 沒有新增教職員帳號的權限，請由系統管理者處理。")
    if session.scalars(select(Staff).where(Staff.username == username)).first():
        raise ValidationFailed(FieldError("username", f"帳號：{username} 已有人使用。"))
    staff = Staff(username=username, name=name, roles=",".join(roles), email=email, active=True)
    _new(session, actor, "staff", staff)
    return staff
