"""Anchors of the audit chain: its head (position and hash) kept where deleting entries from
the store does not reach it unnoticed.

The chain alone shows an entry changed or cut out of the middle; it cannot show its newest
entries deleted (what is left still verifies) or the whole chain rewritten and re-hashed from
the start. So the head is also written in a small file beside the store (after every write),
in each backup's manifest, and in the shared database at every sync; ``audit verify`` holds
the chain against each of them.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from lxp_desktop.store.models import AuditEntry

log = logging.getLogger(__name__)

#: ``session.info`` key: the head a write transaction extended the chain to (set by the
#: audit log as it appends, read by ``Store.transaction`` before it commits)
HEAD_KEY = "lxp_audit_head"
FORMAT = "lxp-audit-head/1"


@dataclass(frozen=True)
class Head:
    """The chain's newest entry: its position (``chain_seq``) and hash."""

    seq: int
    hash: str

    def as_dict(self) -> dict[str, object]:
        return {"seq": self.seq, "hash": self.hash}

    @classmethod
    def from_dict(cls, data: object) -> Head | None:
        if not isinstance(data, dict):
            return None
        seq, digest = data.get("seq"), data.get("hash")
        if isinstance(seq, int) and isinstance(digest, str) and len(digest) == 64:
            return cls(seq, digest)
        return None


#: where an anchor is kept, as the clerk reads it (``%1``: the file's name)
PLACES = {"file": "資料庫旁的 %1", "backup": "備份 %1", "server": "共用資料庫"}


@dataclass(frozen=True)
class Anchor:
    """A head kept somewhere else (``kind`` in ``PLACES``; ``name`` of its file), and when it
    was written there."""

    kind: str
    name: str
    head: Head
    at: datetime | None

    def where(self, tr: Callable[[str], str] = str) -> str:
        return tr(PLACES[self.kind]).replace("%1", self.name)


def file_path(db_path: Path) -> Path:
    """The anchor file beside a store: ``lxp.sqlite3`` → ``lxp-audit-head.json``."""
    return db_path.with_name(db_path.stem + "-audit-head.json")


def current_head(session: Session) -> Head | None:
    row = session.execute(select(AuditEntry.chain_seq, AuditEntry.hash)
                          .where(AuditEntry.chain_seq.is_not(None))
                          .order_by(AuditEntry.chain_seq.desc()).limit(1)).first()
    return Head(int(row[0] or 0), row[1]) if row else None


def hash_at(session: Session, seq: int) -> str | None:
    return session.scalar(select(AuditEntry.hash).where(AuditEntry.chain_seq == seq))


def read_file(path: Path) -> Anchor | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    head = Head.from_dict(data.get("head"))
    if head is None:
        return None
    try:
        at = datetime.fromisoformat(str(data.get("at")))
    except ValueError:
        at = None
    return Anchor("file", path.name, head, at)


def write_file(path: Path, head: Head, *, force: bool = False) -> None:
    """Write ``head`` to the anchor file (atomically); a head older than the one the file
    holds is not written unless ``force`` (a restore starts the chain's file over)."""
    if not force:
        known = read_file(path)
        if known is not None and known.head.seq >= head.seq:
            return
    data = {"format": FORMAT, "head": head.as_dict(),
            "at": datetime.now(UTC).isoformat(timespec="seconds")}
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".audit-head-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, path)
    except OSError:  # the write itself is committed; the next one tries again
        log.warning("could not write the audit anchor file %s", path, exc_info=True)


def may_advance(session: Session, path: Path, head: Head) -> bool:
    """Whether the file may move on to ``head``: only while the chain still holds the head
    the file names (otherwise the file is evidence of entries deleted or rewritten, and is
    kept as it is for ``audit verify``)."""
    known = read_file(path)
    if known is None:
        return True
    if known.head.seq >= head.seq:
        return False
    return hash_at(session, known.head.seq) == known.head.hash
