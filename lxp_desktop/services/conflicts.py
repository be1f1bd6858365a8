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
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store.models import Student, utcnow
from lxp_desktop.store.sync_models import SyncConflict
from lxp_desktop.sync import outbox
from lxp_desktop.sync.codec import MODELS, decode

KEEP_SERVER, TAKE_LOCAL = "server", "local"

FIELD_LABELS = {"deleted": "刪除", "phone": "聯絡電話", "guardian": "監護人", "email": "電子郵件",
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
        if c.kind == "rejected":
            detail = (detail + "｜" if detail else "") + "本機新增的資料：" + (c.local_changes or "")
        out.append(ConflictView(
            c.id, c.kind, c.table_name, TABLE_LABELS.get(c.table_name, c.table_name), c.row_id,
            _row_label(session, c.table_name, c.row_id), c.field,
            FIELD_LABELS.get(c.field or "", c.field or "（整筆）"),
            _show(c.base_value, c.field), _show(c.server_value, c.field),
            _show(c.local_value, c.field), detail))
    return out


def resolve(ws: Workspace, conflict_id: uuid.UUID, choice: str) -> None:
    """Decide one conflict; ``TAKE_LOCAL`` writes this PC's value as an ordinary edit."""
    with ws.write("衝突處理") as (session, actor):
        c = session.get(SyncConflict, conflict_id)
        if c is None or c.status != "open":
            raise ValidationFailed("這個衝突已處理過了，請重新整理清單。")
        require_write(actor, c.table_name)
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
    changes = {k: (getattr(obj, k), v) for k, v in values.items() if getattr(obj, k) != v}
    if not changes:
        return False
    for k, (_old, new) in changes.items():
        setattr(obj, k, new)
    obj.version += 1
    obj.updated_at, obj.updated_by, obj.origin = utcnow(), actor.staff_id, actor.workstation
    session.flush()
    action = "delete" if values.get("deleted") is True else (
        "restore" if values.get("deleted") is False else "update")
    audit.record(session, actor, table, obj.id, action, changes)
    outbox.capture(session, table, obj, action, changes)
    return True
