"""What each role may read and write — the role-level questions, answered by the one scope.

The table of roles is data in ``domain/roles.py``; ``services/scope.py`` applies it (to
students, rows and fields). This module keeps the names the services and the window have
always called, plus ``authorize`` (the role, or the listed proxy of a duty). ``admin``
(系統管理者) may do everything; an actor with no roles — nobody signed in — may do nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxp_desktop.domain import roles
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import scope
from lxp_desktop.services.context import Actor

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: table → roles that may write it; table → roles that may read it (when restricted)
WRITERS: dict[str, frozenset[str]] = roles.WRITE
READERS: dict[str, frozenset[str]] = roles.READ
#: roles that work with every student's records; roles that see national IDs whole
ALL_STUDENTS: frozenset[str] = roles.GRANTS["all_students"]
ID_VIEWERS: frozenset[str] = roles.GRANTS["full_ids"]
TABLE_LABELS: dict[str, str] = roles.TABLE_LABELS


def is_admin(actor: Actor) -> bool:
    return roles.ADMIN in actor.roles


may_write = scope.may_write
may_read = scope.may_read
sees_all_students = scope.sees_all_students
sees_full_ids = scope.sees_full_ids


def may_read_audit(actor: Actor) -> bool:
    return scope.may(actor, "audit")


def may_backup(actor: Actor) -> bool:
    return scope.may(actor, "backup")


def may_purge(actor: Actor) -> bool:
    return scope.may(actor, "purge")


def may_manage_accounts(actor: Actor) -> bool:
    return scope.may(actor, "manage_accounts")


def require_write(actor: Actor, table: str) -> None:
    if not actor.roles:
        raise ValidationFailed("請先登入：尚未登入的使用者不能修改任何資料。")
    scope.require(actor, f"write:{table}")


def authorize(session: Session, actor: Actor, table: str) -> Actor:
    """The actor who writes ``table``: themselves when their role allows it, else as the
    listed proxy (代理人) of the duty that covers it (``acting_for`` set, so the audit log
    says so); anyone else is refused."""
    if may_write(actor, table):
        return actor
    from lxp_desktop.services.duties import proxy_for_table

    proxy = proxy_for_table(session, actor, table)
    if proxy is None:
        require_write(actor, table)  # raises
    assert proxy is not None
    return proxy


def require_read(actor: Actor, table: str) -> None:
    if not actor.roles:
        raise ValidationFailed("請先登入：尚未登入的使用者不能查看資料。")
    scope.require(actor, f"read:{table}")


def require_admin(actor: Actor, what: str) -> None:
    if not is_admin(actor):
        raise ValidationFailed(f"{scope.who(actor)} 沒有{what}的權限，請由系統管理者處理。")
