"""A student's class and seat in a given 學年度 (docs/domain.md §6), read and written in one place.

Every term view joins the membership of its own 學年度 (``join_class``), so a past term
shows the class and seat the student had that year. The roster form, the import and the
promotion write memberships through ``set_membership``; the id is derived from (student,
學年度) so every PC makes the same id.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, select
from sqlalchemy.orm import Session

from lxp_desktop.services.base import RecordService, lookup
from lxp_desktop.services.context import Actor
from lxp_desktop.store.models import SchoolClass, Student
from lxp_desktop.store.roster_models import ClassMembership, membership_id

#: the seat number of the joined year (use with ``join_class``)
SEAT = ClassMembership.seat_no
TABLE = "class_membership"


def in_year(year: Any, student_id: Any = Student.id) -> ColumnElement[bool]:
    """The join condition of a student's membership in ``year``."""
    return and_(ClassMembership.student_id == student_id, ClassMembership.school_year == year,
                ClassMembership.deleted == false())


#: the join condition of the membership's class
OF_CLASS = ClassMembership.class_id == SchoolClass.id


def join_class(stmt: Select[Any], year: Any, student_id: Any = Student.id) -> Select[Any]:
    """``stmt`` outer-joined to the student's membership in ``year`` (an int or a column,
    e.g. the record's own ``school_year``) and that membership's class (``SchoolClass``)."""
    return (stmt.outerjoin(ClassMembership, in_year(year, student_id))
            .outerjoin(SchoolClass, OF_CLASS))


def in_class_condition(class_ids: Select[Any], year: Any = None) -> ColumnElement[bool]:
    """Students who were in one of ``class_ids`` (in ``year`` when given)."""
    q = select(ClassMembership.student_id).where(ClassMembership.class_id.in_(class_ids),
                                                 ClassMembership.deleted == false())
    if year is not None:
        q = q.where(ClassMembership.school_year == year)
    return Student.id.in_(q)


def classes_in(session: Session, student_ids: Iterable[uuid.UUID],
               school_year: int) -> dict[uuid.UUID, tuple[SchoolClass, int | None]]:
    """student id → (class, seat) in ``school_year``, for those who had one."""
    ids = list(student_ids)
    out: dict[uuid.UUID, tuple[SchoolClass, int | None]] = {}
    for i in range(0, len(ids), 500):
        for m, klass in session.execute(
                select(ClassMembership, SchoolClass)
                .join(SchoolClass, ClassMembership.class_id == SchoolClass.id)
                .where(ClassMembership.student_id.in_(ids[i:i + 500]),
                       ClassMembership.school_year == school_year,
                       ClassMembership.deleted == false())):
            out[m.student_id] = (klass, m.seat_no)
    return out


def membership(session: Session, student_id: uuid.UUID, school_year: int) -> ClassMembership | None:
    return session.get(ClassMembership, membership_id(student_id, school_year))


def history(session: Session, student_id: uuid.UUID) -> list[tuple[int, str, int | None]]:
    """(學年度, class code, seat) of every year the student had a class, oldest first."""
    return [(m.school_year, k.code, m.seat_no) for m, k in session.execute(
        select(ClassMembership, SchoolClass)
        .join(SchoolClass, ClassMembership.class_id == SchoolClass.id)
        .where(ClassMembership.student_id == student_id, ClassMembership.deleted == false())
        .order_by(ClassMembership.school_year))]


class _Writer(RecordService[ClassMembership]):
    model = ClassMembership
    table = TABLE
    label = "班級座號"
    scope = "year"


_writer = _Writer()


def set_membership(session: Session, actor: Actor, student_id: uuid.UUID, school_year: int,
                   class_id: uuid.UUID | None, seat_no: int | None) -> ClassMembership | None:
    """The student's class and seat in ``school_year`` (``class_id`` None: none that year).
    Written like every synced row (version, audit, outbox); ``actor`` is already authorised."""
    mid = membership_id(student_id, school_year)
    found: ClassMembership | None = next(iter(lookup(session, ClassMembership, id=mid)), None)
    if class_id is None:
        if found is not None and not found.deleted:
            _writer.apply(session, actor, found, {"deleted": True}, action="delete")
        return None
    if found is None:
        made: ClassMembership = _writer.insert(session, actor, {
            "id": mid, "student_id": student_id, "school_year": school_year,
            "class_id": class_id, "seat_no": seat_no})
        return made
    values: dict[str, Any] = {"class_id": class_id, "seat_no": seat_no}
    if found.deleted:
        values["deleted"] = False
    _writer.apply(session, actor, found, values)
    return found


__all__ = ["SEAT", "OF_CLASS", "in_year", "ClassMembership", "join_class", "classes_in", "set_membership", "history", "membership",
           "in_class_condition"]
