"""Duties (承辦項目), their responsible staff and ordered proxies (代理人), as in seeds/ 002.

Two uses: the settings page lists and edits them; and a staff member who lacks the role for
a table but is a listed proxy for the duty that covers it may write it — as a proxy, so the
audit log records ``acting_for`` (the responsible person). 課程認證 is special: its
responsible person is each course's teacher; see ``services/certification.py``.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from lxp_desktop.domain import enums
from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import require_write
from lxp_desktop.services.unit import Writer
from lxp_desktop.store.duty_models import Duty
from lxp_desktop.store.models import Staff

CERTIFICATION = "課程認證"

#: the tables each duty covers (who may write them as a proxy)
DUTY_TABLES: dict[str, frozenset[str]] = {
    "校管理者": frozenset({"school", "term", "school_class", "setting", "duty"}),
    "成績修課": frozenset({"enrolment", "course"}),
    "修課": frozenset({"enrolment", "course"}),
    "重補修": frozenset({"enrolment"}),
    "班級幹部": frozenset({"cadre_record"}),
    "課程成果": frozenset({"outcome"}),
    "多元表現": frozenset({"performance"}),
    CERTIFICATION: frozenset(),
}

#: what the school rules write in the 承辦人 row when no person is named yet
RESPONSIBLE_HINT: dict[str, str] = {
    "校管理者": "註冊組長", "成績修課": "註冊組長", "修課": "註冊組長", "重補修": "註冊組長",
    "班級幹部": "訓育組幹事", "課程成果": "課務組長", "多元表現": "訓育組長",
    CERTIFICATION: "任課教師",
}
PROXY_HINT: dict[str, str] = {
    "校管理者": "教務主任", "成績修課": "註冊組幹事", "修課": "註冊組幹事", "重補修": "註冊組幹事",
    "班級幹部": "訓育組長", "課程成果": "註冊組長", "多元表現": "訓育組幹事",
    CERTIFICATION: "教學組長",
}


@dataclass(frozen=True)
class DutyView:
    """A duty as the settings page shows it."""

    id: uuid.UUID
    name: str
    responsible_id: uuid.UUID | None
    responsible: str  # a name, or 任課教師 for the school-wide 課程認證 row
    proxy_ids: tuple[uuid.UUID, ...]
    proxies: tuple[str, ...]
    version: int


def _proxy_list(duty: Duty) -> list[uuid.UUID]:
    try:
        return [uuid.UUID(x) for x in json.loads(duty.proxy_ids or "[]")]
    except (ValueError, TypeError):
        return []


def _active(session: Session) -> list[Duty]:
    return list(session.scalars(select(Duty).where(Duty.deleted == false())
                                .order_by(Duty.position, Duty.name)))


def seed_default_duties(session: Session, actor: Actor) -> list[Duty]:
    """One row per duty of the school rules (no one named yet); existing rows are kept."""
    require_write(actor, "duty")
    have = {d.name for d in _active(session) if d.responsible_id is None}
    made = []
    for pos, name in enumerate(enums.DUTIES):
        if name in have:
            continue
        duty = Duty(id=uuid.uuid4(), name=name, responsible_id=None, proxy_ids="[]",
                    position=pos)
        Writer(session, actor).insert("duty", duty)
        made.append(duty)
    return made


def list_duties(session: Session) -> list[DutyView]:
    names = {s.id: s.name for s in session.scalars(select(Staff))}
    out = []
    for d in _active(session):
        ids = tuple(_proxy_list(d))
        if d.responsible_id is not None:
            responsible = names.get(d.responsible_id, "?")
        else:
            responsible = "任課教師" if d.name == CERTIFICATION else ""
        out.append(DutyView(d.id, d.name, d.responsible_id, responsible, ids,
                            tuple(names.get(i, "?") for i in ids), d.version))
    return out


def _resolve_staff(session: Session, text: str, label: str,
                   errors: list[FieldError], field: str) -> Staff | None:
    from lxp_desktop.services.courses import find_staff

    staff = find_staff(session, text)
    if staff is None:
        errors.append(FieldError(field, f"{label}：找不到教職員「{text}」，請輸入帳號或姓名。"))
    return staff


def save_duty(session: Session, actor: Actor, name: str, responsible: str,
              proxies: list[str], duty_id: uuid.UUID | None = None,
              expected_version: int | None = None) -> Duty:
    """Create or change one duty row from what a clerk typed (accounts or names).

    ``responsible`` blank means nobody yet — or, for 課程認證, every course's teacher. A
    課程認證 row naming a teacher lists that teacher's own proxies.
    """
    require_write(actor, "duty")
    errors: list[FieldError] = []
    if name not in DUTY_TABLES:
        errors.append(FieldError("name", f"項目「{name}」不是承辦項目；請選：{'、'.join(enums.DUTIES)}。"))
    responsible_staff = (_resolve_staff(session, responsible.strip(), "承辦人", errors,
                                        "responsible") if responsible.strip() else None)
    proxy_ids: list[uuid.UUID] = []
    for i, text in enumerate(p.strip() for p in proxies):
        if not text:
            continue
        staff = _resolve_staff(session, text, f"第 {i + 1} 順位代理人", errors, "proxies")
        if staff is None:
            continue
        if staff.id in proxy_ids:
            errors.append(FieldError("proxies", f"代理人：{staff.name} 重複列出，每人只列一次。"))
        elif responsible_staff is not None and staff.id == responsible_staff.id:
            errors.append(FieldError("proxies", f"代理人：{staff.name} 是承辦人本人，不能同時是代理人。"))
        else:
            proxy_ids.append(staff.id)
    responsible_id = responsible_staff.id if responsible_staff else None
    same = [d for d in _active(session) if d.name == name and d.responsible_id == responsible_id
            and d.id != duty_id]
    if same and not errors:
        who = responsible_staff.name if responsible_staff else "（未指定）"
        errors.append(FieldError("responsible", f"承辦人：「{name}」已有承辦人為 {who} 的一列，請直接修改那一列。"))
    if errors:
        raise ValidationFailed(errors)
    text = json.dumps([str(i) for i in proxy_ids])
    if duty_id is None:
        position = enums.DUTIES.index(name)
        duty = Duty(id=uuid.uuid4(), name=name, responsible_id=responsible_id, proxy_ids=text,
                    position=position)
        Writer(session, actor).insert("duty", duty)
        return duty
    found = session.get(Duty, duty_id)
    if found is None or found.deleted:
        raise ValidationFailed("找不到這個承辦項目（可能已被刪除），請重新整理。")
    duty = found
    if expected_version is not None and duty.version != expected_version:
        raise ValidationFailed("這個承辦項目在您編輯時已被其他人修改，請重新開啟後再改。")
    Writer(session, actor).change("duty", duty, {"name": name, "responsible_id": responsible_id,
                                                 "proxy_ids": text})
    return duty


def delete_duty(session: Session, actor: Actor, duty_id: uuid.UUID) -> None:
    require_write(actor, "duty")
    duty = session.get(Duty, duty_id)
    if duty is None or duty.deleted:
        return
    Writer(session, actor).change("duty", duty, {"deleted": True}, "delete")


# --- who may act for whom ---------------------------------------------------------------------
def certification_proxies(session: Session, teacher_id: uuid.UUID) -> list[uuid.UUID]:
    """The teacher's proxies for 課程認證 in order: their own list first, then the school's."""
    own: list[uuid.UUID] = []
    school: list[uuid.UUID] = []
    for d in _active(session):
        if d.name != CERTIFICATION:
            continue
        if d.responsible_id == teacher_id:
            own.extend(_proxy_list(d))
        elif d.responsible_id is None:
            school.extend(_proxy_list(d))
    out: list[uuid.UUID] = []
    for i in own + school:
        if i not in out and i != teacher_id:
            out.append(i)
    return out


def teachers_covered(session: Session, staff_id: uuid.UUID) -> tuple[bool, set[uuid.UUID]]:
    """For whom ``staff_id`` certifies as a proxy: (for every teacher?, specific teachers)."""
    every = False
    some: set[uuid.UUID] = set()
    for d in _active(session):
        if d.name == CERTIFICATION and staff_id in _proxy_list(d):
            if d.responsible_id is None:
                every = True
            else:
                some.add(d.responsible_id)
    return every, some


def proxy_for_table(session: Session, actor: Actor, table: str) -> Actor | None:
    """``actor`` acting as the proxy of the responsible person of a duty covering ``table``."""
    if actor.staff_id is None:
        return None
    me = uuid.UUID(actor.staff_id)
    for d in _active(session):
        if table in DUTY_TABLES.get(d.name, frozenset()) and d.responsible_id is not None \
                and me in _proxy_list(d):
            return actor.as_proxy_for(str(d.responsible_id))
    return None
