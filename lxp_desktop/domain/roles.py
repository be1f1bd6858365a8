"""The roles of docs/domain.md §6 and what each may read and do: the one table every door reads.

docs/domain.md §1 says who keeps each part (註冊組 the roster and the courses, 學務處 the cadre
records and performances, 課程諮詢教師 the consultations, the course's teacher the
certification …); §6 lists the roles. This module is that table as data, and nothing else:
``services/scope.py`` answers every question of a door from it, the permission-matrix test
generates its cases from it, and a school rule that moves a duty (e.g. who manages accounts,
#18) is a change of one line here.

A grant is a permission name → the roles that hold it. 系統管理者 (``admin``) holds every
permission; an account with no role (nobody signed in) holds none.
"""

from __future__ import annotations

from lxp_desktop.domain.enums import ROLES

__all__ = ["ROLES", "ADMIN", "OFFICES", "WRITE", "READ", "GRANTS", "PERSONAL",
           "TABLE_LABELS", "GRANT_LABELS", "holds", "holders", "permissions", "role_keys"]

ADMIN = "admin"

#: the offices: they work with every student's records. The others — 任課教師, 課程諮詢教師,
#: 導師 — see only the students they teach, counsel or are the homeroom teacher of
#: (個人資料保護法: no more personal data than the work needs).
OFFICES: frozenset[str] = frozenset({"registrar", "academic", "curriculum",
                                     "student_affairs", "counseling", "internship"})

#: the record tables and who may create, edit and delete their rows
WRITE: dict[str, frozenset[str]] = {
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
    # each year's class and seat, and the year's promotion (升級作業): 學籍, the 註冊組's
    "class_membership": frozenset({"registrar"}),
    "promotion_run": frozenset({"registrar"}),
}

#: the tables only some roles may read; every other table is readable by every role (within
#: the role's students). 課程諮詢紀錄 is kept in school and read by those who counsel; the
#: submission cycle (提交與收訖, 紙本通知) is the 註冊組's work (docs/domain.md §9).
READ: dict[str, frozenset[str]] = {
    "consultation": frozenset({"counseling", "consultant", "homeroom", "registrar"}),
    "submission": frozenset({"registrar"}),
    "receipt": frozenset({"registrar"}),
    "confirmation_period": frozenset({"registrar"}),
    "confirmation": frozenset({"registrar"}),
    "notice": frozenset({"registrar"}),
}

#: permissions that are not "read/write a table"
GRANTS: dict[str, frozenset[str]] = {
    # every student's records (the offices)
    "all_students": OFFICES,
    # 身分證統一編號 in full, and searching by it (they type and check them every day);
    # everyone else sees them masked (A12****789) and cannot search by them
    "full_ids": frozenset({"registrar"}),
    # 預檢 of a term (docs/domain.md §9 step 2): the school checks before it submits
    "precheck": frozenset({"registrar"}),
    # the account list and its roles, adding and changing accounts (#18 moves this to
    # 註冊組 and 課務組: frozenset({"registrar", "curriculum"}))
    "manage_accounts": frozenset(),
    # the whole audit log (anyone may read the history of a record they can read)
    "audit": frozenset({"registrar"}),
    # a backup of the store; restoring one replaces everything (系統管理者 only)
    "backup": frozenset({"registrar"}),
    "restore": frozenset(),
    # purging data past its retention period (after an archive is exported)
    "purge": frozenset({"registrar"}),
    # 課程學習成果認證: the course's own teacher (row by row), or their recorded proxy
    "certify": frozenset({"teacher"}),
}

#: what even 系統管理者 does not hold: certification confirms that an item comes from the
#: course, which only its teacher (or their proxy) can say (docs/domain.md §1)
PERSONAL: frozenset[str] = frozenset({"certify"})

#: the labels of the tables in messages
TABLE_LABELS: dict[str, str] = {
    "school": "學校資料", "term": "學期", "school_class": "班級", "staff": "教職員帳號",
    "student": "學生基本資料", "course": "課程", "enrolment": "修課紀錄",
    "cadre_record": "幹部經歷", "consultation": "課程諮詢紀錄", "outcome": "課程學習成果",
    "performance": "多元表現", "attachment": "附件", "setting": "學校設定",
    "duty": "承辦人與代理人", "submission": "提交紀錄", "receipt": "收訖明細",
    "confirmation_period": "確認期間", "confirmation": "收訖確認", "notice": "紙本通知",
    "class_membership": "班級座號（各學年度）", "promotion_run": "升級作業",
}

#: what each grant lets a person do, for refusals ("… 沒有{label}的權限")
GRANT_LABELS: dict[str, str] = {
    "all_students": "查看全校學生", "full_ids": "查看完整身分證統一編號",
    "precheck": "執行預檢", "manage_accounts": "管理教職員帳號",
    "audit": "查看全部稽核紀錄", "backup": "備份資料庫", "restore": "還原資料庫",
    "purge": "清除保存期限已過的資料", "certify": "認證課程學習成果",
}


def holds(roles: frozenset[str], permission: str) -> bool:
    """Whether an account with ``roles`` holds ``permission`` ("read:TABLE", "write:TABLE"
    or a key of ``GRANTS``)."""
    if not roles:
        return False
    if ADMIN in roles and permission not in PERSONAL:
        return True
    kind, _, table = permission.partition(":")
    if kind == "read" and table:
        granted = READ.get(table)
        return True if granted is None else bool(roles & granted)
    if kind == "write" and table:
        return bool(roles & WRITE.get(table, frozenset()))
    return bool(roles & GRANTS.get(permission, frozenset()))


def holders(permission: str) -> list[str]:
    """The roles (in docs/domain.md's order) that hold ``permission``."""
    return [r for r in ROLES if holds(frozenset({r}), permission)]


def permissions() -> list[str]:
    """Every permission the table names, in a stable order (the matrix test walks them)."""
    return ([f"read:{t}" for t in TABLE_LABELS] + [f"write:{t}" for t in TABLE_LABELS]
            + list(GRANTS))


def role_keys() -> list[str]:
    return list(ROLES)
