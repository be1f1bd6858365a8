"""What each role may write. Checked in the services, so a door that forgets still cannot write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services.context import Actor

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: table → roles that may create, edit and delete its rows ('admin' may write everything)
WRITERS: dict[str, frozenset[str]] = {
    "school": frozenset({"registrar"}),
    "term": frozenset({"registrar"}),
    "school_class": frozenset({"registrar"}),
    "staff": frozenset(),
    "student": frozenset({"registrar"}),
    "course": frozenset({"registrar", "curriculum"}),
    "enrolment": frozenset({"registrar"}),
    "cadre_record": frozenset({"registrar", "student_affairs"}),
    "consultation": frozenset({"counseling", "consultant"}),
    "outcome": frozenset({"registrar", "academic", "curriculum", "teacher"}),
    "performance": frozenset({"registrar", "student_affairs"}),
    "attachment": frozenset({"registrar", "academic", "curriculum", "teacher",
                             "student_affairs", "counseling", "consultant"}),
    "setting": frozenset({"registrar"}),
    "duty": frozenset({"registrar"}),
    "notice": frozenset({"registrar"}),
}

TABLE_LABELS: dict[str, str] = {
    "school": "學校資料", "term": "學期", "school_class": "班級", "staff": "教職員",
    "student": "學生基本資料", "course": "課程", "enrolment": "修課紀錄",
    "cadre_record": "幹部經歷", "consultation": "課程諮詢紀錄", "outcome": "課程學習成果",
    "performance": "多元表現", "attachment": "附件", "setting": "學校設定",
    "duty": "承辦人與代理人", "notice": "紙本通知",
}


def may_write(actor: Actor, table: str) -> bool:
    return "admin" in actor.roles or bool(actor.roles & WRITERS.get(table, frozenset()))


def require_write(actor: Actor, table: str) -> None:
    if not may_write(actor, table):
        raise ValidationFailed(
            f"{actor.name} 沒有修改「{TABLE_LABELS.get(table, table)}」的權限，"
            "請由承辦人或其代理人處理。"
        )


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
