"""Change capture: every local write appends to the outbox in the same transaction.

The services call ``capture`` right after a row changed (``RecordService.create/apply``, the
school helpers, the settings). Writes that a pull applies use Core statements and never come
here; a session that must not capture sets ``session.info[NO_CAPTURE] = True``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lxp_desktop.store.models import SyncMixin, utcnow
from lxp_desktop.store.sync_models import OutboxChange
from lxp_desktop.sync.codec import dumps, encode, field_columns

NO_CAPTURE = "lxp_sync_no_capture"
#: conflict ids that the next captured change resolves (set by the conflicts service)
RESOLVES = "lxp_sync_resolves"


OUTBOX_TABLE = OutboxChange.__table__


def change_row(session: Session, table: str, row: Mapping[str, Any], action: str,
               changes: Mapping[str, tuple[Any, Any]] | None = None) -> dict[str, Any] | None:
    """The outbox row (for a Core insert) of a change just made to ``row``.

    ``row`` is the row's values after the change (a mapping, or ``vars`` of a model): its
    ``id``, ``version`` (already raised), ``updated_at``, ``updated_by``, ``origin`` and, for
    a new row, every field. Batch writers queue the result with their bulk inserts; ``None``
    when the session must not capture (a pull applying server rows).
    """
    if session.info.get(NO_CAPTURE):
        return None
    # values go to ``dumps`` as they are: its encoder turns dates, UUIDs … into their JSON
    # form (``codec.encode``) only where a value needs it
    if action == "create":
        get = row.get
        fields = {c: (None, get(c)) for c in field_columns(table)}
        base = 0
    else:
        fields = dict(changes or {})  # each (old, new) pair becomes a JSON array
        base = int(row["version"]) - 1
    meta: dict[str, Any] = {"updated_at": encode(row.get("updated_at")),
                            "updated_by": row.get("updated_by"), "origin": row.get("origin")}
    resolves = session.info.pop(RESOLVES, None)
    if resolves:
        meta["resolves"] = [str(r) for r in resolves]
    return {"change_id": uuid.uuid4(), "table_name": table, "row_id": row["id"],
            "action": action, "base_version": base, "changes": dumps(fields),
            "meta": dumps(meta), "created_at": row.get("updated_at") or utcnow()}


class _Values(Mapping[str, Any]):
    """A model object read as a mapping of its column values."""

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self.obj, key)
        except AttributeError as exc:
            raise KeyError(key) from exc

    def __iter__(self) -> Any:
        return iter(self.obj.__table__.columns.keys())

    def __len__(self) -> int:
        return len(self.obj.__table__.columns)


def capture(session: Session, table: str, obj: SyncMixin, action: str,
            changes: Mapping[str, tuple[Any, Any]] | None = None) -> OutboxChange | None:
    """Append the change just made to ``obj`` (flushed, version already raised) to the outbox.

    ``changes`` maps field → (old, new); a new row (``action == "create"``) carries every
    field. ``base_version`` is the version the change was made on.
    """
    row = change_row(session, table, _Values(obj), action, changes)
    if row is None:
        return None
    entry = OutboxChange(**row)
    session.add(entry)
    return entry


def resolve_only(session: Session, table: str, row_id: uuid.UUID,
                 conflict_ids: Iterable[uuid.UUID], staff_id: str | None,
                 workstation: str) -> OutboxChange:
    """A change with no field: it only tells the shared database that conflicts are decided."""
    meta = {"updated_at": encode(utcnow()), "updated_by": staff_id, "origin": workstation,
            "resolves": [str(c) for c in conflict_ids]}
    entry = OutboxChange(change_id=uuid.uuid4(), table_name=table, row_id=row_id,
                         action="resolve", base_version=0, changes="{}", meta=dumps(meta))
    session.add(entry)
    return entry


def pending_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(OutboxChange)) or 0)
