"""What each role may write. Checked in the services, so a door that forgets still cannot write."""

from __future__ import annotations

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services.context import Actor

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
}

TABLE_LABELS: dict[str, str] = {
    "school": "學校資料", "term": "學期", "school_class": "班級", "staff": "教職員",
    "student": "學生基本資料", "course": "課程", "enrolment": "修課紀錄",
    "cadre_record": "幹部經歷", "consultation": "課程諮詢紀錄", "outcome": "課程學習成果",
    "performance": "多元表現", "attachment": "附件", "setting": "學校設定",
}


def may_write(actor: Actor, table: str) -> bool:
    return "admin" in actor.roles or bool(actor.roles & WRITERS.get(table, frozenset()))


def require_write(actor: Actor, table: str) -> None:
    if not may_write(actor, table):
        raise ValidationFailed(
            f"{actor.name} 沒有修改「{TABLE_LABELS.get(table, table)}」的權限，"
            "請由承辦人或其代理人處理。"
        )
