"""The audit log and a record's history in a clerk's words: which record (「1130001 王小明」,
「課程 1130634… 國語文」, 「通知 1132-K7Q3MZ」) instead of a UUID, the field's Chinese label
instead of its key (「通訊地址：…」, not 「address：…」), and which PC in words."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from lxp_desktop.domain.ids import mask_id

#: model columns no form names (references and bookkeeping)
_COMMON = {
    "student_id": "學生", "course_id": "課程", "class_id": "班級", "teacher_id": "教師",
    "enrolment_id": "修課紀錄", "consultant_id": "諮詢教師", "staff_id": "教職員",
    "deleted": "已刪除", "selected": "勾選", "state": "狀態", "status": "狀態",
    "certified_at": "認證時間", "certified_by": "認證教師", "return_reason": "退回原因",
    "owner_table": "所屬資料", "owner_id": "所屬紀錄", "sha256": "檔案雜湊", "filename": "檔名",
    "size": "大小", "kind": "種類", "username": "帳號", "name": "姓名", "roles": "角色",
    "active": "啟用", "password_hash": "密碼", "value": "設定值", "key": "設定項目",
    "reference": "參考編號", "batch": "批次", "issued_on": "發文日期", "deadline": "回覆期限",
    "recipient": "收件人", "postal_code": "郵遞區號", "address": "通訊地址",
    "class_name": "原班級", "items_json": "通知項目", "sent_on": "寄出日期",
    "registered_no": "掛號號碼", "reply": "回覆", "replied_on": "回覆日期",
    "objection": "疑義內容", "returned_on": "退件／作廢日期", "resend_of": "重寄自",
    "school_year": "學年度", "semester": "學期", "start_date": "開始日期", "end_date": "結束日期",
}


@cache
def field_labels() -> dict[str, dict[str, str]]:
    """table → field key → the label its form or column shows."""
    from lxp_desktop.services import school
    from lxp_desktop.services.registry import CATEGORIES

    out: dict[str, dict[str, str]] = {}
    services: list[Any] = [c.service for c in CATEGORIES] + [
        school.schools, school.terms, school.classes]
    for service in services:
        labels = out.setdefault(service.table, {})
        for column in service.columns():
            labels.setdefault(column.key, column.label)
        for f in service.fields():
            labels.setdefault(f.key, f.label)
            # a form's 學號 / 課程代碼 / 班級代碼 is stored as a reference
            for suffix in ("_no", "_code"):
                if f.key.endswith(suffix):
                    labels.setdefault(f.key[: -len(suffix)] + "_id", f.label)
    return out


def label_of(table: str, key: str) -> str:
    return field_labels().get(table, {}).get(key) or _COMMON.get(key) or key


def describe_changes(table: str, changes: str, mask_ids: bool = False) -> str:
    """「通訊地址：舊 → 新」 lines; national IDs masked when ``mask_ids``."""
    try:
        data = json.loads(changes)
    except ValueError:
        return changes
    if not isinstance(data, dict):
        return changes
    lines = []
    for key, pair in sorted(data.items(), key=lambda kv: label_of(table, kv[0])):
        old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        if mask_ids and key == "national_id":
            old, new = (mask_id(str(v)) if v else v for v in (old, new))
        show_old = "" if old is None else _show(old)
        show_new = "" if new is None else _show(new)
        label = label_of(table, key)
        lines.append(f"{label}：{show_old} → {show_new}" if show_old else f"{label}：{show_new}")
    return "\n".join(lines)


def _show(value: Any) -> str:
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)


def describe_records(session: Session, rows: Iterable[tuple[str, str]]) -> dict[tuple[str, str],
                                                                               str]:
    """(table, row id) → 「學號 姓名」, 「課程代碼 名稱」, 「通知 參考編號」, an account's name;
    the id itself when the record is unknown (a purged or not yet synced row)."""
    from lxp_desktop.store import models
    from lxp_desktop.store.notice_models import Notice

    out: dict[tuple[str, str], str] = {}
    students: dict[uuid.UUID, str] = {}

    def student(sid: uuid.UUID | None) -> str:
        if sid is None:
            return ""
        if sid not in students:
            s = session.get(models.Student, sid)
            students[sid] = f"{s.student_no} {s.name}" if s else ""
        return students[sid]

    for table, row_id in set(rows):
        try:
            rid = uuid.UUID(str(row_id))
        except ValueError:
            out[(table, row_id)] = str(row_id)
            continue
        text = ""
        if table == "student":
            text = student(rid)
        elif table == "course":
            c = session.get(models.Course, rid)
            text = f"{c.code} {c.name}" if c else ""
        elif table == "notice":
            n = session.get(Notice, rid)
            text = f"{student(n.student_id)}　通知 {n.reference}" if n else ""
        elif table == "staff":
            st = session.get(models.Staff, rid)
            text = st.name if st else ""
        else:
            model = _model_of(table)
            obj = session.get(model, rid) if model is not None else None
            sid = getattr(obj, "student_id", None) if obj is not None else None
            if sid is not None:
                text = student(sid)
                course_id = getattr(obj, "course_id", None)
                if course_id is not None:
                    c = session.get(models.Course, course_id)
                    text += f"　{c.name}" if c else ""
            elif obj is not None and hasattr(obj, "name"):
                text = str(obj.name)
        out[(table, row_id)] = text or str(row_id)[:8]
    return out


def _model_of(table: str) -> Any:
    from lxp_desktop.store.models import Base

    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == table:
            return mapper.class_
    return None


def workstation_label(workstation: str, this_pc: str) -> str:
    """「本機」 for this PC, else 「電腦 ab12cd34」 (the id's first characters)."""
    if workstation == this_pc:
        return "本機"
    return f"其他電腦 {workstation[:8]}" if workstation else ""
