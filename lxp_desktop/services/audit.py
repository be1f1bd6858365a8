"""The append-only audit log: every write, who, when, where, old and new values, hash-chained."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lxp_desktop.services.context import Actor
from lxp_desktop.store.models import AuditEntry, utcnow

GENESIS = "0" * 64
_PREV_KEY = "audit_prev_hash"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def _fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(), "staff_id": entry.staff_id, "acting_for": entry.acting_for,
        "workstation": entry.workstation, "table": entry.table_name, "row": entry.row_id,
        "action": entry.action, "changes": entry.changes, "source": entry.source,
    }


#: session.info key of a list that batch mode (services.base.batch) collects entries in
BATCH_ROWS = "lxp_audit_rows"


def record(session: Session, actor: Actor, table: str, row_id: object, action: str,
           changes: dict[str, tuple[Any, Any]]) -> AuditEntry | None:
    """Append one entry in the caller's transaction: ``changes`` maps field → (old, new).

    In batch mode the entry is collected and inserted with the batch's next flush (same
    transaction, same order, same hash chain) and None is returned."""
    prev = session.info.get(_PREV_KEY)
    if prev is None:
        prev = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
        prev = prev or GENESIS
    at = utcnow()
    fields = {
        "at": at.isoformat(), "staff_id": actor.staff_id, "acting_for": actor.acting_for,
        "workstation": actor.workstation, "table": table, "row": str(row_id),
        "action": action,
        "changes": json.dumps({k: [_plain(o), _plain(n)] for k, (o, n) in changes.items()},
                              ensure_ascii=False, sort_keys=True),
        "source": actor.source,
    }
    digest = entry_hash(prev, fields)
    session.info[_PREV_KEY] = digest
    row = {"at": at, "staff_id": fields["staff_id"], "acting_for": fields["acting_for"],
           "workstation": fields["workstation"], "table_name": table, "row_id": fields["row"],
           "action": action, "changes": fields["changes"], "source": fields["source"],
           "prev_hash": prev, "hash": digest}
    pending = session.info.get(BATCH_ROWS)
    if pending is not None:
        pending.append(row)
        return None
    entry = AuditEntry(**row)
    session.add(entry)
    return entry


def insert_pending(session: Session) -> None:
    """Insert the entries batch mode collected (after the rows they describe are flushed)."""
    from sqlalchemy import insert

    pending = session.info.get(BATCH_ROWS)
    if pending:
        session.execute(insert(AuditEntry), pending)
        pending.clear()


def forget_cached_hash(session: Session) -> None:
    """Call after a rollback so the next entry re-reads the chain's end."""
    session.info.pop(_PREV_KEY, None)


def verify(session: Session) -> int | None:
    """The seq of the first entry whose chain is broken, or None when the log is intact."""
    prev = GENESIS
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(2000):
        if entry.prev_hash != prev or entry.hash != entry_hash(prev, _fields(entry)):
            return entry.seq
        prev = entry.hash
    return None


def history(session: Session, table: str, row_id: object) -> list[AuditEntry]:
    return list(session.scalars(
        select(AuditEntry).where(AuditEntry.table_name == table,
                                 AuditEntry.row_id == str(row_id)).order_by(AuditEntry.seq)))


def _clear_cache(session: Session, *_args: Any) -> None:
    session.info.pop(_PREV_KEY, None)


# the cached end of the chain lives only inside one transaction
from sqlalchemy import event as _event  # noqa: E402

_event.listen(Session, "after_commit", _clear_cache)
_event.listen(Session, "after_rollback", _clear_cache)
