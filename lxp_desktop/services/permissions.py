"""What each role may read and write. Checked in the services, so a door that forgets still cannot.

Roles are the keys of ``domain.enums.ROLES``. A staff member has one or more; ``admin``
(系統管理者) may do everything. An actor with no roles — nobody signed in — may do nothing.
"""

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
    # accounts: 註冊組 and 課務組 too, limited to the roles of ACCOUNT_MANAGERS (accounts.py)
    "staff": frozenset({"registrar", "curriculum"}),
    "student": frozenset({"registrar"}),
    "course": frozenset({"registrar", "curriculum"}),
    "enrolment": frozenset({"registrar"}),
    "cadre_record": frozenset({"registrar", "student_affairs"}),
    "consultation": frozenset({"counseling", "consultant"}),
    # 實習處 handles 實作作品 (seeds/002 附表: 實作作品 — 實習處)
    "outcome": frozenset({"registrar", "academic", "curriculum", "teacher", "internship"}),
    "performance": frozenset({"registrar", "student_affairs", "internship"}),
    "attachment": frozenset({"registrar", "academic", "curriculum", "teacher",
                             "student_affairs", "internship", "counseling", "consultant"}),
    "setting": frozenset({"registrar"}),
    "duty": frozenset({"registrar"}),
    "submission": frozenset({"registrar"}),
    "receipt": frozenset({"registrar"}),
    "confirmation_period": frozenset({"registrar"}),
    "confirmation": frozenset({"registrar"}),
    "notice": frozenset({"registrar"}),
    # the term's calendar and the extensions of its windows (DOMAIN.md §9): 教學組 chases
    # the teachers, 註冊組 submits
    "term_calendar": frozenset({"registrar", "academic"}),
    "deadline_extension": frozenset({"registrar", "academic"}),
    "period_extension": frozenset({"registrar"}),
}

#: tables that only some roles may read; every other table is readable by any signed-in role.
#: 課程諮詢紀錄 is kept in school and read by those who counsel the student.
READERS: dict[str, frozenset[str]] = {
    "consultation": frozenset({"counseling", "consultant", "homeroom", "registrar"}),
}

#: roles that work with every student's records (the offices). A viewer with none of them —
#: 任課教師, 課程諮詢教師, 導師 — lists only the students they teach, counsel or are the
#: homeroom teacher of (個人資料保護法: no more personal data than the work needs).
ALL_STUDENTS: frozenset[str] = frozenset({"registrar", "academic", "curriculum",
                                          "student_affairs", "counseling", "internship"})

#: roles that need 身分證統一編號 in full in lists (they type and check them every day);
#: everyone else sees them masked (A12****789) and showing one in full is logged.
ID_VIEWERS: frozenset[str] = frozenset({"registrar"})

#: who may read the whole audit log (anyone may read the history of a record they can read)
AUDIT_READERS: frozenset[str] = frozenset({"registrar"})

#: who may make a backup (restoring one replaces everything: 'admin' only)
BACKUP_MAKERS: frozenset[str] = frozenset({"registrar"})

#: who may purge data past its retention period (after an archive is exported)
PURGERS: frozenset[str] = frozenset({"registrar"})

#: who manages accounts (seeds/002 附表「帳號管理、權限設定」: 註冊組, 課務組) and the roles each
#: may grant — only those below them (teachers' roles); 系統管理者 grants every role
ACCOUNT_MANAGERS: dict[str, frozenset[str]] = {
    "registrar": frozenset({"teacher", "consultant", "homeroom"}),
    "curriculum": frozenset({"teacher", "consultant", "homeroom"}),
}

TABLE_LABELS: dict[str, str] = {
    "school": "學校資料", "term": "學期", "school_class": "班級", "staff": "教職員",
    "student": "學生基本資料", "course": "課程", "enrolment": "修課紀錄",
    "cadre_record": "幹部經歷", "consultation": "課程諮詢紀錄", "outcome": "課程學習成果",
    "performance": "多元表現", "attachment": "附件", "setting": "學校設定",
    "duty": "承辦人與代理人", "submission": "提交紀錄", "receipt": "收訖明細",
    "confirmation_period": "確認期間", "confirmation": "收訖確認", "notice": "紙本通知",
    "term_calendar": "學期行事曆", "deadline_extension": "期限展延",
    "period_extension": "個別確認期限",
}


def is_admin(actor: Actor) -> bool:
    return "admin" in actor.roles


def _has(actor: Actor, roles: frozenset[str]) -> bool:
    return is_admin(actor) or bool(actor.roles & roles)


def may_write(actor: Actor, table: str) -> bool:
    return _has(actor, WRITERS.get(table, frozenset()))


def may_read(actor: Actor, table: str) -> bool:
    if not actor.roles:
        return False
    if table in READERS:
        return _has(actor, READERS[table])
    return True


def sees_all_students(actor: Actor) -> bool:
    return _has(actor, ALL_STUDENTS)


def sees_full_ids(actor: Actor) -> bool:
    return _has(actor, ID_VIEWERS)


def may_read_audit(actor: Actor) -> bool:
    return _has(actor, AUDIT_READERS)


def may_backup(actor: Actor) -> bool:
    return _has(actor, BACKUP_MAKERS)


def may_purge(actor: Actor) -> bool:
    return _has(actor, PURGERS)


def _who(actor: Actor) -> str:
    return actor.name if actor.roles or actor.staff_id else "尚未登入的使用者"


def require_write(actor: Actor, table: str) -> None:
    if not actor.roles:
        raise ValidationFailed("請先登入：尚未登入的使用者不能修改任何資料。")
    if not may_write(actor, table):
        raise ValidationFailed(
            f"{_who(actor)} 沒有修改「{TABLE_LABELS.get(table, table)}」的權限，"
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
def grantable_roles(actor: Actor) -> frozenset[str] | None:
    """The roles the actor may give and take away; None: every role (系統管理者)."""
    if is_admin(actor):
        return None
    out: frozenset[str] = frozenset()
    for role in actor.roles:
        out |= ACCOUNT_MANAGERS.get(role, frozenset())
    return out


def may_manage_accounts(actor: Actor) -> bool:
    return grantable_roles(actor) != frozenset()


def require_account_manager(actor: Actor, what: str, *roles: str) -> None:
    """Refuse unless the actor manages accounts and every role named (the account's old and
    new ones) is one they may grant."""
    from lxp_desktop.domain.enums import ROLES

    allowed = grantable_roles(actor)
    if allowed is None:
        return
    if not allowed:
        raise ValidationFailed(f"{_who(actor)} 沒有{what}的權限，請由系統管理者、註冊組或課務組處理。")
    beyond = sorted({r for r in roles if r and r not in allowed})
    if beyond:
        raise ValidationFailed(
            f"{_who(actor)} 只能管理角色為" + "、".join(ROLES[r] for r in sorted(allowed))
            + " 的帳號；" + "、".join(ROLES.get(r, r) for r in beyond)
            + " 請由系統管理者設定。")


def require_read(actor: Actor, table: str) -> None:
    if not may_read(actor, table):
        if not actor.roles:
            raise ValidationFailed("請先登入：尚未登入的使用者不能查看資料。")
        raise ValidationFailed(
            f"{_who(actor)} 沒有查看「{TABLE_LABELS.get(table, table)}」的權限。")


def require_admin(actor: Actor, what: str) -> None:
    if not is_admin(actor):
        raise ValidationFailed(f"{_who(actor)} 沒有{what}的權限，請由系統管理者處理。")
