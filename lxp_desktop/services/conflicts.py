"""The 衝突 (conflicts) a person decides: keep the shared database's value, or take this PC's.

Deciding is an ordinary edit (audit log, outbox) that syncs; the shared database marks the
conflict resolved when the edit reaches it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import audit, scope
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import TABLE_LABELS, require_write
from lxp_desktop.services.unit import Writer
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store.models import Student, utcnow
from lxp_desktop.store.sync_models import SyncConflict
from lxp_desktop.sync import local as local_rows
from lxp_desktop.sync import outbox
from lxp_desktop.sync.codec import MODELS, decode

KEEP_SERVER, TAKE_LOCAL = "server", "local"
#: decisions on a new row of this PC the shared database refused (``duplicate``/``refused``)
MERGE, RENAME, DISCARD = "merge", "rename", "discard"
HOLDING = local_rows.HOLDING
#: the field a person may change to give a refused new row a natural key of its own
RENAME_FIELDS = {"student": ("student_no", "national_id"), "school_class": ("code",),
                 "course": ("code",), "staff": ("username",), "setting": ("key",),
                 "notice": ("reference",)}

FIELD_LABELS = {"student_no": "學號", "national_id": "身分證統一編號", "code": "代碼",
                "username": "帳號", "key": "設定項目", "reference": "編號", "deleted": "刪除", "phone": "聯絡電話", "guardian": "監護人", "email": "電子郵件",
                "address": "通訊地址", "name": "姓名", "status": "學籍狀態", "score": "學期成績"}


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    kind: str
    table: str
    table_label: str
    row_id: uuid.UUID
    row_label: str
    field: str | None
    field_label: str
    base: str
    server: str
    local: str
    detail: str
    #: the decisions this conflict allows (KEEP_SERVER/TAKE_LOCAL, or MERGE/RENAME/DISCARD)
    choices: tuple[str, ...] = (KEEP_SERVER, TAKE_LOCAL)
    #: for RENAME: the field to change and its current value here
    rename_field: str | None = None
    rename_value: str = ""


def _show(raw: str | None, field: str | None) -> str:
    if raw is None:
        return ""
    value = json.loads(raw)
    if field == "deleted":
        return "已刪除" if value else "未刪除"
    if value is None:
        return "（空白）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _row_label(session: Session, table: str, row_id: uuid.UUID) -> str:
    if table == "student":
        st = session.get(Student, row_id)
        if st is not None:
            return f"{st.student_no} {st.name}"
    return str(row_id)[:8]


def list_open(session: Session) -> list[ConflictView]:
    out = []
    for c in session.scalars(select(SyncConflict).where(SyncConflict.status == "open")
                             .order_by(SyncConflict.created_at)):
        detail = c.detail or ""
        if c.kind in HOLDING:
            out.append(_held_view(session, c))
            continue
        if c.kind == "rejected":
            detail = (detail + "｜" if detail else "") + "本機新增的資料：" + (c.local_changes or "")
        out.append(ConflictView(
            c.id, c.kind, c.table_name, TABLE_LABELS.get(c.table_name, c.table_name), c.row_id,
            _row_label(session, c.table_name, c.row_id), c.field,
            FIELD_LABELS.get(c.field or "", c.field or "（整筆）"),
            _show(c.base_value, c.field), _show(c.server_value, c.field),
            _show(c.local_value, c.field), detail))
    return out


def _held_view(session: Session, c: SyncConflict) -> ConflictView:
    """A new row of this PC that the shared database refused: it and what depends on it wait
    here (nothing deleted) for a merge, a new natural key, or a discard."""
    match = json.loads(c.server_value) if c.server_value else None
    key = [k for k in (match or {}) if k != "id"]
    server = "、".join(str(match[k]) for k in key) if match else ""
    rows, entries = local_rows.held(session, {(c.table_name, c.row_id)})
    obj = session.get(MODELS[c.table_name], c.row_id) if c.table_name in MODELS else None
    rename = next((f for f in RENAME_FIELDS.get(c.table_name, ()) if f in key), None) or next(
        iter(RENAME_FIELDS.get(c.table_name, ())), None)
    local = "、".join(str(getattr(obj, k)) for k in key) if obj is not None and key else ""
    label = TABLE_LABELS.get(c.table_name, c.table_name)
    key_label = "、".join(FIELD_LABELS.get(k, k) for k in key if k != "school_year") or "代碼"
    kept = (f"本機保留這筆與依附它的 {len(rows) - 1} 筆資料、{len(entries)} 項待上傳變更，"
            "等您決定：")
    if match:
        detail = (f"共用資料庫已有{key_label}相同（{server}）而內容不同的{label}，本機新增的這筆未被接受。"
                  + kept + f"合併為共用資料庫的那一筆、改用新的{key_label}，或捨棄。")
    else:
        detail = (f"共用資料庫未接受本機新增的這筆{label}（{c.detail or ''}）。" + kept
                  + "改正後再送出，或捨棄。")
    choices = ((MERGE,) if match else ()) + ((RENAME,) if rename else ()) + (DISCARD,)
    return ConflictView(
        c.id, c.kind, c.table_name, TABLE_LABELS.get(c.table_name, c.table_name), c.row_id,
        _row_label(session, c.table_name, c.row_id), c.field,
        FIELD_LABELS.get(c.field or "", c.field or "（整筆）"), "", server or "（無）",
        local or "（本機新增）", detail, choices, rename,
        str(getattr(obj, rename) or "") if obj is not None and rename else "")


def resolve(ws: Workspace, conflict_id: uuid.UUID, choice: str,
            new_value: str | None = None) -> None:
    """Decide one conflict; ``TAKE_LOCAL`` writes this PC's value as an ordinary edit.

    A refused new row: ``MERGE`` makes it the shared database's row (what refers to it
    follows), ``RENAME`` gives it ``new_value`` in its natural key and sends it again,
    ``DISCARD`` removes it and what was made with it on this PC (only by this decision)."""
    with ws.write("衝突處理") as (session, actor):
        c = session.get(SyncConflict, conflict_id)
        if c is None or c.status != "open":
            raise ValidationFailed("這個衝突已處理過了，請重新整理清單。")
        require_write(actor, c.table_name)
        if c.kind in HOLDING:
            _decide_held(session, actor, c, choice, new_value)
            return
        wrote = False
        if choice == TAKE_LOCAL and c.kind in ("field", "deleted") and c.field:
            obj = session.get(MODELS[c.table_name], c.row_id)
            if obj is None:
                raise ValidationFailed("找不到這筆資料，請先同步後再處理。")
            actor = scope.write_row(session, actor, c.table_name, obj)  # own rows only
            value = decode(c.table_name, c.field, json.loads(c.local_value or "null"))
            session.info[outbox.RESOLVES] = [c.id]
            wrote = _apply(session, actor, c.table_name, obj, {c.field: value})
            session.info.pop(outbox.RESOLVES, None)
        if not wrote:
            outbox.resolve_only(session, c.table_name, c.row_id, [c.id], actor.staff_id,
                                actor.workstation)
        c.status, c.resolution = "resolved", choice
        c.resolved_by, c.resolved_at = actor.staff_id, utcnow()


def _apply(session: Session, actor: Actor, table: str, obj: Any, values: dict[str, Any]) -> bool:
    action = "delete" if values.get("deleted") is True else (
        "restore" if values.get("deleted") is False else "update")
    return bool(Writer(session, actor).change(table, obj, values, action))


def _decide_held(session: Session, actor: Actor, c: SyncConflict, choice: str,
                 new_value: str | None) -> None:
    table, row_id = c.table_name, c.row_id
    match = json.loads(c.server_value) if c.server_value else None
    target = uuid.UUID(match["id"]) if match else None
    label = TABLE_LABELS.get(table, table)
    if choice == MERGE:
        if target is None:
            raise ValidationFailed("共用資料庫沒有相同的資料可合併；請改用新的代碼或捨棄。")
        local_rows.adopt(session, table, row_id, target)
        audit.record(session, actor, table, target, "update",
                     {"合併": (str(row_id), str(target))})
    elif choice == RENAME:
        field = (c.field if c.field in RENAME_FIELDS.get(table, ())
                 else next(iter(RENAME_FIELDS.get(table, ())), None))
        value = (new_value or "").strip()
        if field is None:
            raise ValidationFailed(f"{label}沒有可以改的代碼；請合併或捨棄。")
        if not value:
            raise ValidationFailed(f"請輸入新的{FIELD_LABELS.get(field, field)}。")
        _rename(session, actor, table, row_id, field, value)
    elif choice == DISCARD:
        removed, reverted = local_rows.discard(session, {(table, row_id)})
        for t, rid in removed:
            audit.record(session, actor, t, rid, "delete", {"捨棄本機新增": (None, True)})
        for t, rid in reverted:
            audit.record(session, actor, t, rid, "update", {"復原待上傳的變更": (None, True)})
        if target is not None:
            local_rows.add_refetch(session, [(table, target)])
    else:
        raise ValidationFailed("這個衝突只能合併、改用新的代碼或捨棄。")
    outbox.resolve_only(session, table, row_id if choice != MERGE or target is None else target,
                        [c.id], actor.staff_id, actor.workstation)
    c.status, c.resolution = "resolved", choice
    c.resolved_by, c.resolved_at = actor.staff_id, utcnow()


def _rename(session: Session, actor: Actor, table: str, row_id: uuid.UUID, field: str,
            value: str) -> None:
    """The refused new row with a natural key of its own, through its service's checks; the
    next sync sends it again as a new row."""
    from sqlalchemy.exc import IntegrityError

    from lxp_desktop.services import courses, school, students

    services: dict[str, Any] = {"student": students.students, "course": courses.courses,
                "school_class": school.classes}
    label = FIELD_LABELS.get(field, field)
    try:
        with session.begin_nested():
            if table in services:
                services[table].update(session, actor, row_id, {field: value})
            else:
                obj = session.get(MODELS[table], row_id)
                if obj is None:
                    raise ValidationFailed("找不到這筆資料，請先同步後再處理。")
                _apply(session, actor, table, obj, {field: value})
    except IntegrityError as exc:
        raise ValidationFailed(f"{label}「{value}」在本機已有其他資料使用，請換一個。") from exc
