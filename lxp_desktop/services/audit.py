"""The append-only audit log: every write, who, when, where, old and new values, hash-chained."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from lxp_desktop.domain import jsontext
from lxp_desktop.services.context import Actor
from lxp_desktop.store import bulk
from lxp_desktop.store.models import AuditEntry, utcnow

GENESIS = "0" * 64
_PREV_KEY = "audit_prev_hash"


def _plain(value: Any) -> Any:
    """The JSON form of a value JSON has no type for (dates, UUIDs, Decimals)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


#: ``json.dumps(…, ensure_ascii=False, sort_keys=True, …)`` of the hashed fields and the changes
_hash_json = jsontext.encoder(separators=(",", ":"))
_changes_json = jsontext.encoder(_plain)


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = _hash_json(fields)
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def changes_digest(changes: str) -> str:
    return hashlib.sha256(changes.encode("utf-8")).hexdigest()


def _fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(), "staff_id": entry.staff_id, "acting_for": entry.acting_for,
        "workstation": entry.workstation, "table": entry.table_name, "row": entry.row_id,
        "action": entry.action, "changes": entry.changes_sha256, "source": entry.source,
    }


#: session.info key of a list that batch mode (services.base.batch) collects entries in
BATCH_ROWS = "lxp_audit_rows"


def record(session: Session, actor: Actor, table: str, row_id: object, action: str,
           changes: dict[str, tuple[Any, Any]], at: datetime | None = None,
           ) -> AuditEntry | None:
    """Append one entry in the caller's transaction: ``changes`` maps field → (old, new);
    ``at`` is the write's time (now when not given).

    In batch mode the entry is collected and inserted with the batch's next flush (same
    transaction, same order, same hash chain) and None is returned."""
    prev = session.info.get(_PREV_KEY)
    if prev is None:
        prev = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
        prev = prev or GENESIS
    at = at or utcnow()
    text = _changes_json(changes)  # each (old, new) pair becomes a JSON array
    row = {"at": at, "staff_id": actor.staff_id, "acting_for": actor.acting_for,
           "workstation": actor.workstation, "table_name": table, "row_id": str(row_id),
           "action": action, "changes": text, "changes_sha256": changes_digest(text),
           "source": actor.source, "prev_hash": prev}
    # the chain covers the digest of the changes, so a purge may blank personal data
    row["hash"] = entry_hash(prev, {
        "at": at.isoformat(), "staff_id": row["staff_id"], "acting_for": row["acting_for"],
        "workstation": row["workstation"], "table": table, "row": row["row_id"],
        "action": action, "changes": row["changes_sha256"], "source": row["source"]})
    session.info[_PREV_KEY] = row["hash"]
    pending = session.info.get(BATCH_ROWS)
    if pending is not None:
        pending.append(row)
        return None
    entry = AuditEntry(**row)
    session.add(entry)
    return entry


def insert_pending(session: Session) -> None:
    """Insert the entries batch mode collected (after the rows they describe are flushed)."""
    pending = session.info.get(BATCH_ROWS)
    if pending:
        # one executemany on the session's connection: the same rows as the ORM's bulk
        # insert, without its per-row bookkeeping
        bulk.executemany(session.connection(), AuditEntry.__table__, "insert", pending)  # type: ignore[arg-type]
        pending.clear()


def forget_cached_hash(session: Session) -> None:
    """Call after a rollback so the next entry re-reads the chain's end."""
    session.info.pop(_PREV_KEY, None)


@dataclass(frozen=True)
class Broken:
    """The first broken link of the chain: which entry, and what is wrong with it."""

    seq: int
    reason: str


def check(session: Session) -> Broken | None:
    """Walk the chain from the start: the first broken link, or None when the log is intact.

    An entry is broken when it does not point at the hash of the entry before it, when its own
    hash does not match its fields, or when its changes differ from the hash it was written
    with — unless a later retention purge (``redacted_by``) blanked them.
    """
    prev = GENESIS
    purges = {seq for seq in session.scalars(
        select(AuditEntry.seq).where(AuditEntry.action == "purge"))}
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(2000):
        if entry.prev_hash != prev:
            return Broken(entry.seq, "與前一筆紀錄的雜湊值不相符（前面的紀錄被改過或刪除）")
        if entry.hash != entry_hash(prev, _fields(entry)):
            return Broken(entry.seq, "紀錄內容與其雜湊值不相符（這筆紀錄被改過）")
        if entry.redacted_by is None:
            if entry.changes_sha256 != changes_digest(entry.changes):
                return Broken(entry.seq, "異動內容與其雜湊值不相符（這筆紀錄的內容被改過）")
        elif entry.redacted_by not in purges or entry.redacted_by <= entry.seq:
            return Broken(entry.seq, "紀錄被標為已依保存期限清除，但沒有對應的清除紀錄")
        prev = entry.hash
    return None


def verify(session: Session) -> int | None:
    """The seq of the first entry whose chain is broken, or None when the log is intact."""
    broken = check(session)
    return broken.seq if broken else None


def redact(session: Session, seqs: list[int], purge_seq: int) -> None:
    """Blank the changes of entries about purged rows; the chain still verifies."""
    blank = json.dumps({"_": ["（已依保存期限清除）", None]}, ensure_ascii=False)
    for start in range(0, len(seqs), 500):
        for entry in session.scalars(select(AuditEntry).where(
                AuditEntry.seq.in_(seqs[start:start + 500]))):
            entry.changes, entry.redacted_by = blank, purge_seq
    session.flush()


def history(session: Session, table: str, row_id: object) -> list[AuditEntry]:
    return list(session.scalars(
        select(AuditEntry).where(AuditEntry.table_name == table,
                                 AuditEntry.row_id == str(row_id)).order_by(AuditEntry.seq)))


@dataclass
class AuditQuery:
    """What the audit view shows: by person, by record (table + row), by date (local days)."""

    staff_id: str | None = None
    table: str | None = None
    row_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def _where(q: AuditQuery) -> list[Any]:
    conds: list[Any] = []
    if q.staff_id:
        conds.append(or_(AuditEntry.staff_id == q.staff_id, AuditEntry.acting_for == q.staff_id))
    if q.table:
        conds.append(AuditEntry.table_name == q.table)
    if q.row_id:
        conds.append(AuditEntry.row_id == str(q.row_id))
    if q.since:
        conds.append(AuditEntry.at >= q.since)
    if q.until:
        conds.append(AuditEntry.at < q.until)
    return conds


def page(session: Session, q: AuditQuery, offset: int, limit: int) -> list[AuditEntry]:
    """Newest first."""
    return list(session.scalars(select(AuditEntry).where(*_where(q))
                                .order_by(AuditEntry.seq.desc()).offset(offset).limit(limit)))


def count(session: Session, q: AuditQuery) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(*_where(q))) or 0)


def describe_changes(changes: str, mask_ids: bool = False) -> str:
    """'欄位：舊 → 新' lines for a person; national IDs masked when ``mask_ids``."""
    from lxp_desktop.domain.ids import mask_id

    try:
        data = json.loads(changes)
    except ValueError:
        return changes
    lines = []
    for key, pair in sorted(data.items()):
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        if mask_ids and key == "national_id":
            old, new = (mask_id(str(v)) if v else v for v in (old, new))
        show_old = "" if old is None else str(old)
        show_new = "" if new is None else str(new)
        lines.append(f"{key}：{show_old} → {show_new}" if show_old else f"{key}：{show_new}")
    return "\n".join(lines)


def _clear_cache(session: Session, *_args: Any) -> None:
    session.info.pop(_PREV_KEY, None)


# the cached end of the chain lives only inside one transaction
from sqlalchemy import event as _event  # noqa: E402

_event.listen(Session, "after_commit", _clear_cache)
_event.listen(Session, "after_rollback", _clear_cache)
