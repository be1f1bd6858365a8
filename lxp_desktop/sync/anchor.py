"""The audit chain's anchor in the shared database: at every sync a workstation leaves the
head of its chain (position and hash) there, out of reach of whoever can edit the PC's
store. Written only while the chain still holds the head kept before, so that deleted or
rewritten entries stay visible to ``audit verify``."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, insert, select, update

from lxp_desktop.store.anchor_models import AuditAnchor
from lxp_desktop.store.anchors import Anchor, Head
from lxp_desktop.store.models import utcnow

TABLE = AuditAnchor.__table__


def read(conn: Connection, workstation: str) -> Anchor | None:
    row = conn.execute(select(TABLE.c.chain_seq, TABLE.c.hash, TABLE.c.at)
                       .where(TABLE.c.workstation == workstation)).first()
    return Anchor("server", "", Head(int(row[0]), row[1]), row[2]) if row else None


def advance(conn: Connection, workstation: str, head: Head,
            fits: Callable[[Anchor], bool]) -> Anchor | None:
    """Move this workstation's anchor on to ``head`` (in the caller's transaction) when the
    anchor kept so far ``fits`` the local chain; otherwise keep it and return it."""
    known = read(conn, workstation)
    if known is not None and not fits(known):
        return known
    if known is not None and known.head == head:
        return None
    values = {"chain_seq": head.seq, "hash": head.hash, "at": utcnow()}
    if known is None:
        conn.execute(insert(AuditAnchor).values(workstation=workstation, **values))
    else:
        conn.execute(update(AuditAnchor).where(TABLE.c.workstation == workstation).values(**values))
    return None
