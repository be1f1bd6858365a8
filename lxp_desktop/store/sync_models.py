"""Tables of the sync (docs/architecture.md, Sync).

On a workstation: the outbox of local changes waiting to be pushed, and a copy of the open
conflicts (``sync_conflict``) for the 衝突 view. On the school's shared PostgreSQL database:
the server row (schema revision, last change sequence), the register of workstations, the
change ids already applied, the change sequence of every row, the conflict queue and the
attachments' bytes. Every table exists on both sides (one schema, one set of migrations);
each side leaves the other's tables empty.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from lxp_desktop.store.models import Base, UTCDateTime, utcnow


class OutboxChange(Base):
    """A local write waiting to be pushed: one row of one table, its fields' old and new values."""

    __tablename__ = "sync_outbox"
    __table_args__ = (Index("ix_sync_outbox_row", "table_name", "row_id"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, unique=True)
    table_name: Mapped[str] = mapped_column(String(30), nullable=False)
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    action: Mapped[str] = mapped_column(String(12), nullable=False)
    #: the row's version the change was made on (0 for a new row)
    base_version: Mapped[int] = mapped_column(Integer, nullable=False)
    #: JSON ``{field: [old, new]}``
    changes: Mapped[str] = mapped_column(Text, nullable=False)
    #: JSON ``{updated_at, updated_by, origin, resolves}`` of the local write
    meta: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class SyncServer(Base):
    """The one row of a shared database: its id, schema revision and last change sequence."""

    __tablename__ = "sync_server"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    schema_revision: Mapped[str] = mapped_column(String(60), nullable=False)
    last_seq: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    #: a random id made by ``server init`` and again by ``server restored``: a workstation
    #: that sees it change knows the database went back to a backup
    epoch: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class SyncWorkstation(Base):
    """A workstation known to the shared database, with the last change applied from it."""

    __tablename__ = "sync_workstation"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(80))
    last_change_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    last_push_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_pull_seq: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AppliedChange(Base):
    """A change the shared database has applied (a replayed push finds it here: no-op)."""

    __tablename__ = "sync_applied"
    change_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    workstation: Mapped[str] = mapped_column(String(36), nullable=False)
    table_name: Mapped[str] = mapped_column(String(30), nullable=False)
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False)
    #: applied, merged, conflict, rejected, covered (sent whole as a new row)
    result: Mapped[str] = mapped_column(String(12), nullable=False)
    changes: Mapped[str | None] = mapped_column(Text)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class RowSequence(Base):
    """The server change sequence: the sequence number of each row's last change."""

    __tablename__ = "sync_row_seq"
    __table_args__ = (Index("ix_sync_row_seq_seq", "seq", unique=True),)
    table_name: Mapped[str] = mapped_column(String(30), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, nullable=False)


class SyncConflict(Base):
    """A field that two workstations changed to different values, or an edit against a delete.

    The shared database keeps the queue; each workstation keeps a copy of the open ones.
    ``field`` is ``deleted`` for an edit against a delete; ``rejected`` conflicts hold a new
    row that the shared database could not take (e.g. a 學號 already used), whole, in
    ``local_changes``.
    """

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_row", "table_name", "row_id"),
                      Index("ix_sync_conflict_status", "status"))
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(12), nullable=False)  # field, deleted, rejected
    table_name: Mapped[str] = mapped_column(String(30), nullable=False)
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    field: Mapped[str | None] = mapped_column(String(40))
    base_value: Mapped[str | None] = mapped_column(Text)
    server_value: Mapped[str | None] = mapped_column(Text)
    local_value: Mapped[str | None] = mapped_column(Text)
    local_changes: Mapped[str | None] = mapped_column(Text)
    change_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    workstation: Mapped[str] = mapped_column(String(36), nullable=False)
    staff_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="open")
    resolution: Mapped[str | None] = mapped_column(String(20))
    resolved_by: Mapped[str | None] = mapped_column(String(36))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ServerBlob(Base):
    """An attachment's bytes on the shared database, under their SHA-256."""

    __tablename__ = "sync_blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(4), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
