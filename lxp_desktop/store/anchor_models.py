"""The audit chain's anchor in the shared database: the head (position and hash) of each
workstation's chain as its last sync left it. On a workstation the table stays empty."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from lxp_desktop.store.models import Base, UTCDateTime, utcnow


class AuditAnchor(Base):
    __tablename__ = "audit_anchor"
    workstation: Mapped[str] = mapped_column(String(36), primary_key=True)
    chain_seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
