"""The append-only audit log: every write, who, when, where, old and new values, hash-chained."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from lxp_desktop.domain import jsontext
from lxp_desktop.services.context import Actor
from lxp_desktop.store import anchors, bulk
from lxp_desktop.store.anchors import Anchor, Head
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
    # the head is read inside the write transaction, which holds the store's write lock
    # (``Store.transaction``): no other program can extend the chain in between
    head: Head | None = session.info.get(_PREV_KEY)
    if head is None:
        head = anchors.current_head(session) or Head(0, GENESIS)
    prev = head.hash
    at = at or utcnow()
    text = _changes_json(changes)  # each (old, new) pair becomes a JSON array
    row = {"at": at, "staff_id": actor.staff_id, "acting_for": actor.acting_for,
           "workstation": actor.workstation, "table_name": table, "row_id": str(row_id),
           "action": action, "changes": text, "changes_sha256": changes_digest(text),
           "source": actor.source, "prev_hash": prev, "chain_seq": head.seq + 1}
    # the chain covers the digest of the changes, so a purge may blank personal data
    digest = row["hash"] = entry_hash(prev, {
        "at": at.isoformat(), "staff_id": row["staff_id"], "acting_for": row["acting_for"],
        "workstation": row["workstation"], "table": table, "row": row["row_id"],
        "action": action, "changes": row["changes_sha256"], "source": row["source"]})
    head = Head(head.seq + 1, digest)
    session.info[_PREV_KEY] = head
    session.info[anchors.HEAD_KEY] = head
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


Translate = Callable[[str], str]


def fill(tr: Translate, template: str, *args: object) -> str:
    """``template`` translated, its ``%1``, ``%2`` … replaced by ``args``."""
    text = tr(template)
    for i, arg in reversed(list(enumerate(args, start=1))):
        text = text.replace(f"%{i}", str(arg))
    return text


@dataclass(frozen=True)
class Broken:
    """The first broken link of the chain: which entry (``seq``, its row number; ``position``
    its place in the chain), and what is wrong with it (``reason``, a template whose ``%1`` …
    are ``args``)."""

    seq: int
    reason: str
    position: int | None = None
    args: tuple[object, ...] = ()

    def text(self, tr: Translate = str) -> str:
        return fill(tr, self.reason, *self.args)


def _gap(expected: int, found: int | None) -> tuple[str, tuple[object, ...]] | None:
    """What a jump in the chain's positions means, for the clerk."""
    if found == expected:
        return None
    if found is None:
        return "紀錄沒有鏈上的序號（紀錄是在程式之外加入的）", ()
    if found < expected:
        return "紀錄的序號 %1 重複或倒退，應為 %2（紀錄被移動或插入）", (found, expected)
    if expected == 1:
        return "最早的 %1 筆紀錄被刪除（鏈從開頭被截斷）", (found - 1,)
    if found == expected + 1:
        return "第 %1 筆紀錄被刪除（鏈從中被截斷）", (expected,)
    return "第 %1 至 %2 筆紀錄被刪除（鏈從中被截斷）", (expected, found - 1)


def check(session: Session) -> Broken | None:
    """Walk the chain from the start: the first broken link, or None when the log is intact.

    An entry is broken when its position does not follow the one before it (entries cut
    out), when it does not point at the hash of the entry before it, when its own hash does
    not match its fields, or when its changes differ from the hash it was written with —
    unless a later retention purge (``redacted_by``) blanked them.
    """
    prev = GENESIS
    position = 0
    purges = {seq for seq in session.scalars(
        select(AuditEntry.seq).where(AuditEntry.action == "purge"))}
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(2000):
        position += 1
        gap = _gap(position, entry.chain_seq)
        if gap is not None:
            return Broken(entry.seq, gap[0], entry.chain_seq, gap[1])
        if entry.prev_hash != prev:
            return Broken(entry.seq, "與前一筆紀錄的雜湊值不相符（前面的紀錄被改過或刪除）",
                          position)
        if entry.hash != entry_hash(prev, _fields(entry)):
            return Broken(entry.seq, "紀錄內容與其雜湊值不相符（這筆紀錄被改過）", position)
        if entry.redacted_by is None:
            if entry.changes_sha256 != changes_digest(entry.changes):
                return Broken(entry.seq, "異動內容與其雜湊值不相符（這筆紀錄的內容被改過）",
                              position)
        elif entry.redacted_by not in purges or entry.redacted_by <= entry.seq:
            return Broken(entry.seq, "紀錄被標為已依保存期限清除，但沒有對應的清除紀錄",
                          position)
        prev = entry.hash
    return None


def verify(session: Session) -> int | None:
    """The seq of the first entry whose chain is broken, or None when the log is intact."""
    broken = check(session)
    return broken.seq if broken else None


# --- the chain against its anchors -------------------------------------------------------
RESTORE_ACTION = "restore"


@dataclass(frozen=True)
class AnchorResult:
    """One anchor held against the chain: ``ok``, ``truncated`` (the chain is shorter than
    the anchor says: newest entries deleted), ``rewritten`` (the entry at the anchor's
    position has another hash: the chain was re-hashed), or ``superseded`` (the anchor was
    taken before a restore from an older backup, which legitimately replaced what followed)."""

    anchor: Anchor
    status: str
    length: int  # the chain's length here

    @property
    def problem(self) -> bool:
        return self.status in ("truncated", "rewritten")

    def text(self, tr: Translate = str) -> str:
        a = self.anchor.head.seq
        where = self.anchor.where(tr)
        if self.status == "truncated":
            return fill(tr, "最新的稽核紀錄被刪除：%2 記下鏈已到第 %3 筆，資料庫只到第 %4 筆"
                            "（至少少了 %1 筆）。請從備份還原並調查。",
                        a - self.length, where, a, self.length)
        if self.status == "rewritten":
            return fill(tr, "第 %1 筆稽核紀錄的雜湊值與 %2 記下的不同：稽核紀錄被改寫後重新計算過"
                            "雜湊（整條鏈被重算）。請從備份還原並調查。", a, where)
        if self.status == "superseded":
            return fill(tr, "%1 記下的第 %2 筆是從備份還原之前的紀錄，已不再比對。", where, a)
        return fill(tr, "與 %1 記下的第 %2 筆相符。", where, a)


@dataclass
class Verification:
    """What ``audit verify`` reports: the chain's own links, then each anchor."""

    total: int
    head: Head | None
    broken: Broken | None
    anchors: list[AnchorResult]
    #: why an anchor could not be read (the shared database unreachable …), for the clerk
    unavailable: list[str]

    @property
    def ok(self) -> bool:
        return self.broken is None and not any(a.problem for a in self.anchors)

    def lines(self, tr: Translate = str) -> list[str]:
        """The report, one sentence a line, problems first."""
        out: list[str] = []
        if self.broken is not None:
            out.append(fill(tr, "稽核紀錄在第 %1 筆斷鏈：%2。此筆及之後的紀錄不可信，請從備份還原並調查。",
                            self.broken.position or self.broken.seq, self.broken.text(tr)))
        out.extend(a.text(tr) for a in self.anchors if a.problem)
        if self.ok:
            out.append(fill(tr, "稽核紀錄完整：共 %1 筆，雜湊鏈無斷點。", self.total))
        out.extend(a.text(tr) for a in self.anchors if not a.problem)
        if not self.anchors:
            out.append(tr("沒有可比對的錨點（備份、共用資料庫或資料庫旁的檔案），"
                          "無法確認最新的紀錄沒有被刪除。"))
        out.extend(tr(u) for u in self.unavailable)
        return out


def restore_points(session: Session) -> list[tuple[int, datetime]]:
    """(position, time) of every restore from a backup recorded in the chain."""
    return [(int(p or 0), at) for p, at in session.execute(
        select(AuditEntry.chain_seq, AuditEntry.at).where(
            AuditEntry.table_name == "backup", AuditEntry.action == RESTORE_ACTION,
            AuditEntry.chain_seq.is_not(None)))]


def hold_against(session: Session, anchor: Anchor, head: Head | None,
                 restores: list[tuple[int, datetime]] | None = None) -> AnchorResult:
    """Hold the chain against one anchor (see ``AnchorResult``)."""
    a = anchor.head
    restores = restore_points(session) if restores is None else restores
    length = head.seq if head else 0
    if anchor.at is not None and any(pos <= a.seq and at > anchor.at for pos, at in restores):
        return AnchorResult(anchor, "superseded", length)
    if length < a.seq:
        return AnchorResult(anchor, "truncated", length)
    if anchors.hash_at(session, a.seq) != a.hash:
        return AnchorResult(anchor, "rewritten", length)
    return AnchorResult(anchor, "ok", length)


def verify_anchored(session: Session, found: list[Anchor],
                    unavailable: list[str] | None = None) -> Verification:
    """The chain's own links, then the chain against every anchor ``found``."""
    total = int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
    head = anchors.current_head(session)
    restores = restore_points(session)
    results = [hold_against(session, a, head, restores) for a in found]
    return Verification(total, head, check(session), results, list(unavailable or ()))


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
