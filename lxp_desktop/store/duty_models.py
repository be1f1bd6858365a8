"""Duties (承辦項目) with their responsible staff member and ordered proxies (代理人).

The school rules (seeds/ 002, 七) name, for each duty, a 承辦人 and 代理人 in order. A row
with ``responsible_id`` NULL for 課程認證 means "the course's teacher"; a row for 課程認證 with
a teacher as ``responsible_id`` lists that teacher's own designated proxies, tried first.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lxp_desktop.store.models import Base, SyncMixin


class Duty(SyncMixin, Base):
    __tablename__ = "duty"
    __table_args__ = (Index("ix_duty_name", "name"),)
    name: Mapped[str] = mapped_column(String(20), nullable=False)
    responsible_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    #: the proxies' staff ids in order, as a JSON list of strings
    proxy_ids: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    EDITABLE = ("name", "responsible_id", "proxy_ids", "position")
