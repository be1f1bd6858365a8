"""Staff accounts: first-start set-up, sign-in with Argon2 hashes, roles, demo accounts.

There is no default password. A store without an active administrator who has a password
needs set-up (``needs_setup``); until then nobody is signed in and nothing can be written or
read. Repeated wrong passwords on a workstation make the next attempt wait (``FAILURE_FREE``
attempts, then ``BASE_DELAY`` seconds doubling up to ``MAX_DELAY``).
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import false, select
from sqlalchemy.orm import Session

from lxp_desktop.domain.enums import ROLES
from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.services import audit, scope
from lxp_desktop.services.base import RecordService, insert_row, record_change
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import require_admin
from lxp_desktop.store.db import Store
from lxp_desktop.store.models import LocalMeta, Staff

#: Argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile); tests swap in a cheap one
HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 8
FAILURE_FREE = 3
BASE_DELAY = 5.0
MAX_DELAY = 300.0
DEMO_PASSWORD = "demo"
_USERNAME = re.compile(r"^[A-Za-z0-9._-]{2,40}$")
_FAILURES_KEY = "signin_failures:"

#: the clock of the failure delay (tests replace it)
now = time.time


class SignInFailed(ValidationFailed):
    """Wrong account or password, or too many attempts; nothing is said about which."""


# --- passwords -------------------------------------------------------------------------------
def hash_password(password: str) -> str:
    return HASHER.hash(password)


def check_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str, username: str = "") -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"密碼：至少 {MIN_PASSWORD_LENGTH} 個字元，請設定較長的密碼。"
    if username and password.lower() == username.lower():
        return "密碼：不可與帳號相同，請另設一組密碼。"
    return None


def parse_roles(roles: Iterable[str] | str) -> list[str]:
    """Role keys from keys or Chinese labels ('registrar', '註冊組'); unknown ones are refused."""
    items = roles.replace("，", ",").split(",") if isinstance(roles, str) else list(roles)
    by_label = {label: key for key, label in ROLES.items()}
    out: list[str] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        key = item if item in ROLES else by_label.get(item)
        if key is None:
            known = "、".join(f"{k}（{v}）" for k, v in ROLES.items())
            raise ValidationFailed(FieldError("roles", f"角色：沒有「{item}」這個角色，可用的有 {known}。"))
        if key not in out:
            out.append(key)
    if not out:
        raise ValidationFailed(FieldError("roles", "角色：至少選一個角色。"))
    return out


def role_labels(roles: str) -> str:
    return "、".join(ROLES.get(r, r) for r in roles.split(",") if r)


def actor_for(staff: Staff, workstation: str, source: str | None = None) -> Actor:
    return Actor(str(staff.id), staff.name, frozenset(r for r in staff.roles.split(",") if r),
                 workstation, source=source)


def nobody(workstation: str, source: str | None = None) -> Actor:
    """The actor before anyone has signed in: no roles, so every service refuses it."""
    return Actor(None, "尚未登入", frozenset(), workstation, source=source)


def system_actor(workstation: str, source: str = "系統") -> Actor:
    """The app itself, for the set-up steps before the first administrator exists."""
    return Actor(None, "系統", frozenset({"admin"}), workstation, source=source)


# --- set-up ----------------------------------------------------------------------------------
def _active_admins(session: Session) -> list[Staff]:
    rows = session.scalars(select(Staff).where(
        Staff.deleted == false(), Staff.active, Staff.password_hash.is_not(None)))
    return [s for s in rows if "admin" in s.roles.split(",")]


def needs_setup(session: Session) -> bool:
    """True until an active administrator with a password exists (the store's first start)."""
    return not _active_admins(session)


def find_account(session: Session, username: str) -> Staff | None:
    return session.scalars(select(Staff).where(Staff.username == username.strip())).first()


def _check_new(session: Session, username: str, name: str, password: str | None) -> None:
    errors: list[FieldError] = []
    if not _USERNAME.match(username):
        errors.append(FieldError("username", "帳號：2–40 個英文字母、數字或 . _ -，例如 chen.ym。"))
    elif find_account(session, username) is not None:
        errors.append(FieldError("username", f"帳號：{username} 已有人使用，請換一個。"))
    if not name.strip():
        errors.append(FieldError("name", "姓名：必填。"))
    if password is not None:
        problem = password_problem(password, username)
        if problem:
            errors.append(FieldError("password", problem))
    if errors:
        raise ValidationFailed(errors)


def set_up_admin(session: Session, workstation: str, username: str, name: str,
                 password: str, source: str = "首次設定") -> Staff:
    """Create the store's first administrator; refused once one exists."""
    if not needs_setup(session):
        raise ValidationFailed("這個資料庫已設定系統管理者，請以帳號密碼登入。")
    username = username.strip()
    _check_new(session, username, name, password)
    staff = Staff(username=username, name=name.strip(), roles="admin", active=True,
                  password_hash=hash_password(password))
    insert_row(session, system_actor(workstation, source), "staff", staff)
    return staff


# --- sign-in ---------------------------------------------------------------------------------
def _failures(session: Session, username: str) -> tuple[int, float]:
    row = session.get(LocalMeta, _FAILURES_KEY + username.lower())
    if row is None:
        return 0, 0.0
    data = json.loads(row.value)
    return int(data["count"]), float(data["until"])


def delay_after(failures: int) -> float:
    """Seconds the next attempt must wait after ``failures`` wrong passwords in a row."""
    if failures < FAILURE_FREE:
        return 0.0
    return min(BASE_DELAY * 2 ** (failures - FAILURE_FREE), MAX_DELAY)


def wait_seconds(store: Store, username: str) -> float:
    with store.session() as s:
        _count, until = _failures(s, username)
    return max(0.0, until - now())


def sign_in(store: Store, username: str, password: str, source: str | None = None) -> Actor:
    """The signed-in actor, or ``SignInFailed`` (wrong account/password, wait, set-up needed)."""
    username = username.strip()
    with store.transaction() as s:
        if needs_setup(s):
            raise SignInFailed("這個資料庫還沒有系統管理者，請先完成首次設定。")
        count, until = _failures(s, username)
        left = until - now()
        if left > 0:
            raise SignInFailed(f"密碼錯誤次數過多，請 {int(left) + 1} 秒後再試。")
        staff = find_account(s, username) if username else None
        ok = (staff is not None and not staff.deleted and staff.active
              and check_password(staff.password_hash, password))
        key = _FAILURES_KEY + username.lower()
        if not ok:
            count += 1
            wait = delay_after(count)
            s.merge(LocalMeta(key=key, value=json.dumps({"count": count,
                                                         "until": now() + wait})))
            more = f"；已連續錯誤 {count} 次，請 {int(wait)} 秒後再試" if wait else ""
            failed = SignInFailed(f"帳號或密碼不正確{more}。忘記密碼請洽系統管理者重設。")
        else:
            assert staff is not None
            row = s.get(LocalMeta, key)
            if row is not None:
                s.delete(row)
            actor = actor_for(staff, store.workstation_id, source)
            if staff.password_hash and HASHER.check_needs_rehash(staff.password_hash):
                # today's Argon2 costs: a change like any other (versioned, synced, logged)
                _change(s, actor, staff, {"password_hash": hash_password(password)},
                        "password", {"password": ("（不記錄）", "（以新的雜湊參數重新儲存）")})
            audit.record(s, actor, "staff", staff.id, "signin", {})
            return actor
    raise failed


# --- account management (系統管理者) ----------------------------------------------------------
def list_accounts(session: Session, actor: Actor) -> list[Staff]:
    """Every account and its roles: for those who manage accounts only."""
    scope.require(actor, "manage_accounts")
    return list(session.scalars(select(Staff).where(Staff.deleted == false())
                                .order_by(Staff.username)))


def staff_names(session: Session) -> dict[str, str]:
    """Staff id → name (who did what, in a record's history); no roles, no usernames."""
    return {str(i): n for i, n in session.execute(select(Staff.id, Staff.name))}


def create_account(session: Session, actor: Actor, username: str, name: str,
                   roles: Iterable[str] | str, password: str | None,
                   email: str | None = None, *, check_password_rules: bool = True) -> Staff:
    scope.require(actor, "manage_accounts")
    username = username.strip()
    keys = parse_roles(roles)
    _check_new(session, username, name, password if check_password_rules else None)
    staff = Staff(username=username, name=name.strip(), roles=",".join(keys), email=email,
                  active=True, password_hash=hash_password(password) if password else None)
    insert_row(session, actor, "staff", staff)
    return staff


def _change(session: Session, actor: Actor, staff: Staff, values: dict[str, object],
            action: str = "update", shown: dict[str, tuple[object, object]] | None = None
            ) -> None:
    changes = {k: (getattr(staff, k), v) for k, v in values.items() if getattr(staff, k) != v}
    if not changes:
        return
    for k, (_old, new) in changes.items():
        setattr(staff, k, new)
    staff.version += 1
    RecordService._stamp(staff, actor)
    session.flush()
    record_change(session, actor, "staff", staff, action, changes, shown=shown)


def _get(session: Session, staff_id: uuid.UUID | str) -> Staff:
    staff = session.get(Staff, staff_id if isinstance(staff_id, uuid.UUID)
                        else uuid.UUID(str(staff_id)))
    if staff is None or staff.deleted:
        raise ValidationFailed("找不到這個帳號，請重新整理清單。")
    return staff


def update_account(session: Session, actor: Actor, staff_id: uuid.UUID | str, *,
                   name: str | None = None, roles: Iterable[str] | str | None = None,
                   active: bool | None = None, email: str | None = None) -> Staff:
    scope.require(actor, "manage_accounts")
    staff = _get(session, staff_id)
    values: dict[str, object] = {}
    if name is not None:
        if not name.strip():
            raise ValidationFailed(FieldError("name", "姓名：必填。"))
        values["name"] = name.strip()
    if roles is not None:
        values["roles"] = ",".join(parse_roles(roles))
    if active is not None:
        values["active"] = active
    if email is not None:
        values["email"] = email.strip() or None
    still_admin = ("admin" in str(values.get("roles", staff.roles)).split(",")
                   and values.get("active", staff.active))
    if not still_admin and staff in _active_admins(session) and len(_active_admins(session)) == 1:
        raise ValidationFailed("這是唯一的系統管理者帳號，不能停用或移除其系統管理者角色；請先指定另一位系統管理者。")
    _change(session, actor, staff, values)
    return staff


def set_password(session: Session, actor: Actor, staff_id: uuid.UUID | str,
                 password: str, old_password: str | None = None) -> None:
    """An administrator sets anyone's password; others change their own with the old one."""
    staff = _get(session, staff_id)
    own = actor.staff_id == str(staff.id)
    if not own:
        scope.require(actor, "manage_accounts")
    elif "admin" not in actor.roles and not check_password(staff.password_hash, old_password or ""):
        raise ValidationFailed(FieldError("old_password", "舊密碼不正確，請重新輸入。"))
    problem = password_problem(password, staff.username)
    if problem:
        raise ValidationFailed(FieldError("password", problem))
    _change(session, actor, staff, {"password_hash": hash_password(password)}, "password",
            {"password": ("（不記錄）", "（已變更）")})


# --- demo stores -----------------------------------------------------------------------------
DEMO_ACCOUNTS: tuple[tuple[str, str, str], ...] = (
    ("admin", "系統管理者", "admin"),
    ("registrar", "註冊組 王組長", "registrar"),
    ("academic", "教學組 李組長", "academic"),
    ("curriculum", "課務組 張組長", "curriculum"),
    ("affairs", "訓育組 陳組長", "student_affairs"),
    ("counsel", "輔導室 林主任", "counseling"),
    ("intern", "實習處 黃主任", "internship"),
    ("teacher", "任課教師 吳老師", "teacher"),
    ("consultant", "課程諮詢教師 周老師", "consultant"),
    ("homeroom", "導師 鄭老師", "homeroom"),
)


def create_demo_accounts(session: Session, actor: Actor) -> list[tuple[str, str, str]]:
    """One account for every role, password ``demo`` (demo stores only): (帳號, 密碼, 角色).

    ``actor`` is an administrator, or ``system_actor`` on a fresh store; accounts that exist
    already are left as they are. The caller makes sure the store is a demo store.
    """
    require_admin(actor, "建立示範帳號")
    made: list[tuple[str, str, str]] = []
    for username, name, role in DEMO_ACCOUNTS:
        if find_account(session, username) is None:
            staff = Staff(username=username, name=name, roles=role, active=True,
                          password_hash=hash_password(DEMO_PASSWORD))
            insert_row(session, actor, "staff", staff)
        made.append((username, DEMO_PASSWORD, ROLES[role]))
    return made


DEMO_STORE_KEY = "demo_store"


def prepare_demo_store(ws: object) -> list[tuple[str, str, str]]:
    """Demo accounts on a new (or earlier demo) store, then sign in as ``admin``/``demo``.

    A store that already has real accounts is refused: the demo password must never exist
    outside a demo store.
    """
    from lxp_desktop.services.workspace import Workspace

    assert isinstance(ws, Workspace)
    is_demo = ws.store.meta(DEMO_STORE_KEY) == "1"
    with ws.store.transaction() as s:
        if not is_demo and session_has_accounts(s):
            raise ValidationFailed("這個資料庫已有教職員帳號，示範帳號只能建立在新的示範資料庫；請用 --data-dir 指定一個新的資料夾。")
        made = create_demo_accounts(s, system_actor(ws.store.workstation_id, "示範資料"))
    ws.store.set_meta(DEMO_STORE_KEY, "1")
    ws.sign_in("admin", DEMO_PASSWORD)
    return made


def session_has_accounts(session: Session) -> bool:
    return session.scalars(select(Staff.id).limit(1)).first() is not None
