"""Personal data shown in full only when needed, and then logged."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import audit, scope
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import require_read
from lxp_desktop.store.models import Student


def reveal_national_id(session: Session, actor: Actor, student_id: uuid.UUID | str) -> str:
    """A student's national ID in full; the audit log records who looked, when, from which PC."""
    require_read(actor, "student")
    student = session.get(Student, student_id if isinstance(student_id, uuid.UUID)
                          else uuid.UUID(str(student_id)))
    if student is None or not scope.may_see_student(session, actor, student.id):
        raise ValidationFailed("找不到這位學生，請重新整理清單。")
    # the log says that it was shown, never the number itself
    audit.record(session, actor, "student", student.id, "reveal_id",
                 {"national_id": ("（遮蔽）", "（完整顯示）")})
    return student.national_id or ""
