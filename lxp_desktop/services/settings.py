"""School settings shared by every PC (caps, retention …): each declared once with its default."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lxp_desktop.domain import limits
from lxp_desktop.services import audit
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import require_write
from lxp_desktop.store.models import Setting, utcnow
from lxp_desktop.sync import outbox


@dataclass(frozen=True)
class SchoolSetting:
    key: str
    label: str
    default: Any
    minimum: float = 0
    maximum: float = 999

    def check(self, value: Any) -> Any:
        """``value`` (or its text) as this setting's type within its range; ValueError with
        the fix otherwise."""
        kind = type(self.default)
        text = str(value).strip()
        try:
            checked = kind(float(text)) if kind is int and float(text).is_integer() \
                else kind(text)
        except ValueError:
            raise ValueError(f"{self.label}「{text}」不是"
                             f"{'整數' if kind is int else '數字'}；請填 {self._span()}。") from None
        if not self.minimum <= checked <= self.maximum:
            raise ValueError(f"{self.label} {checked} 超出範圍；請填 {self._span()}。")
        return checked

    def _span(self) -> str:
        kind = type(self.default)
        return f"{kind(self.minimum)} 到 {kind(self.maximum)}"


#: an A4 page's size, the bound of the positions on it
_A4 = 297.0

SCHOOL_SETTINGS: dict[str, SchoolSetting] = {s.key: s for s in (
    SchoolSetting("outcomes_per_term", "課程學習成果每學期上傳件數上限",
                  limits.OUTCOMES_PER_TERM_DEFAULT, 1, 100),
    SchoolSetting("outcomes_selected_per_year", "課程學習成果每學年勾選件數上限",
                  limits.OUTCOMES_SELECTED_PER_YEAR, 1, 100),
    SchoolSetting("performances_per_year", "多元表現每學年件數上限",
                  limits.PERFORMANCES_PER_YEAR, 1, 100),
    SchoolSetting("retention_years", "畢業後資料保存年限", limits.RETENTION_YEARS_DEFAULT, 1, 50),
    SchoolSetting("backups_keep", "自動備份保留份數", 14, 1, 365),
    # 紙本通知: where a window envelope shows the address (millimetres from the A4 page's
    # top-left corner), how many days the student has to answer, the label sheet's grid
    SchoolSetting("notice_window_left_mm", "窗型信封地址框：距紙張左緣（公釐）", 20.0, 0, _A4),
    SchoolSetting("notice_window_top_mm", "窗型信封地址框：距紙張上緣（公釐）", 50.0, 0, _A4),
    SchoolSetting("notice_window_width_mm", "窗型信封地址框：寬（公釐）", 90.0, 10, _A4),
    SchoolSetting("notice_window_height_mm", "窗型信封地址框：高（公釐）", 35.0, 10, _A4),
    SchoolSetting("notice_reply_days", "紙本通知：回覆期限（寄出後天數）", 14, 3, 90),
    SchoolSetting("notice_to_guardian", "紙本通知收件人：1 寄給家長（監護人）、0 寄給學生", 0, 0, 1),
    SchoolSetting("notice_postage", "紙本通知：每封掛號郵資（元，印在大宗掛號執據）", 28, 0, 500),
    SchoolSetting("label_columns", "地址標籤：每列張數", 3, 1, 10),
    SchoolSetting("label_rows", "地址標籤：每頁列數", 8, 1, 30),
    SchoolSetting("label_width_mm", "地址標籤：寬（公釐）", 70.0, 10, _A4),
    SchoolSetting("label_height_mm", "地址標籤：高（公釐）", 37.0, 10, _A4),
    SchoolSetting("label_left_mm", "地址標籤：左邊界（公釐）", 0.0, 0, _A4),
    SchoolSetting("label_top_mm", "地址標籤：上邊界（公釐）", 0.5, 0, _A4),
)}


def get(session: Session, key: str) -> Any:
    spec = SCHOOL_SETTINGS[key]
    from lxp_desktop.services.base import lookup

    value = next((r.value for r in lookup(session, Setting, key=key) if not r.deleted), None)
    return spec.default if value is None else json.loads(value)


def put(session: Session, actor: Actor, key: str, value: Any) -> None:
    require_write(actor, "setting")
    spec = SCHOOL_SETTINGS[key]
    if type(value) is not type(spec.default):
        raise ValueError(f"{spec.label}：值的型態不對")
    spec.check(value)
    row = session.scalars(select(Setting).where(Setting.key == key)).first()
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        row = Setting(key=key, value=text, updated_at=utcnow(), updated_by=actor.staff_id,
                      origin=actor.workstation)
        session.add(row)
        session.flush()
        audit.record(session, actor, "setting", row.id, "create", {key: (None, value)})
        outbox.capture(session, "setting", row, "create")
    elif row.value != text:
        old_text = row.value
        old = json.loads(old_text)
        row.value, row.version = text, row.version + 1
        row.updated_at, row.updated_by, row.origin = utcnow(), actor.staff_id, actor.workstation
        session.flush()
        audit.record(session, actor, "setting", row.id, "update", {key: (old, value)})
        outbox.capture(session, "setting", row, "update", {"value": (old_text, text)})


def put_many(session: Session, actor: Actor, values: dict[str, Any]) -> list[str]:
    """Check every value first (text as typed, or the value), then write them; the keys whose
    value changed. Nothing is written when one is wrong (ValidationFailed names each)."""
    from lxp_desktop.domain.errors import FieldError, ValidationFailed

    require_write(actor, "setting")
    checked: dict[str, Any] = {}
    errors = []
    for key, value in values.items():
        spec = SCHOOL_SETTINGS.get(key)
        if spec is None:
            errors.append(FieldError(key, f"沒有「{key}」這個設定；可設定："
                                          + "、".join(SCHOOL_SETTINGS) + "。"))
            continue
        try:
            checked[key] = spec.check(value)
        except ValueError as exc:
            errors.append(FieldError(key, str(exc)))
    if errors:
        raise ValidationFailed(errors)
    changed = [k for k, v in checked.items() if get(session, k) != v]
    for key in changed:
        put(session, actor, key, checked[key])
    return changed
