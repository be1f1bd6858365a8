"""What a refused or duplicated new row does to a workstation's own store.

Nothing here deletes a row on its own: a new row the shared database refused stays, held back
with every change that depends on it (``held``) until a person decides in the 衝突 view:
merge it into the shared database's row (``adopt``), give it a new natural key, or discard it
(``discard``). A new row found to be the shared database's row (same natural key, same values)
becomes that row without a person (``adopt``).
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, delete, select, text, update
from sqlalchemy.orm import Session

from lxp_desktop.store.models import Base, LocalMeta
from lxp_desktop.store.sync_models import OutboxChange, SyncConflict
from lxp_desktop.sync.codec import TABLE_ORDER, TABLES, decode, dumps

OUTBOX = cast(Table, OutboxChange.__table__)
LOCAL_CONFLICT = cast(Table, SyncConflict.__table__)
META = cast(Table, LocalMeta.__table__)
#: conflict kinds that hold a new row (and what depends on it) on this workstation
HOLDING = ("duplicate", "refused")
#: rows of the shared database a pull could not apply yet (they collide with a held row)
REFETCH_KEY = "sync_refetch"

Key = tuple[str, uuid.UUID]


def references(table: str) -> list[tuple[str, str]]:
    """(column, parent table) of every synced reference a row of ``table`` can make."""
    out = [(fk.parent.name, fk.column.table.name) for fk in TABLES[table].foreign_keys
           if fk.column.table.name in TABLES]
    if table == "attachment":
        out.append(("owner_id", "*"))
    return out


def refers(table: str, values: dict[str, Any], held: set[Key]) -> bool:
    for col, parent in references(table):
        if col not in values or values[col] is None:
            continue
        if parent == "*":
            parent = str(values.get("owner_table") or "")
        try:
            target = values[col] if isinstance(values[col], uuid.UUID) else uuid.UUID(
                str(values[col]))
        except ValueError:
            continue
        if (parent, target) in held:
            return True
    return False


def held_roots(s: Session) -> set[Key]:
    """New rows of this workstation the shared database refused, waiting for a person."""
    return {(t, r) for t, r in s.execute(
        select(LOCAL_CONFLICT.c.table_name, LOCAL_CONFLICT.c.row_id)
        .where(LOCAL_CONFLICT.c.status == "open", LOCAL_CONFLICT.c.kind.in_(HOLDING)))}


def held(s: Session, roots: set[Key]) -> tuple[set[Key], set[int]]:
    """The rows held back and the outbox entries (by seq) not to send while ``roots`` wait.

    A row is held when it is a root or a new row (created here) that refers to a held row;
    an outbox entry is held when its row is held, when it sets a reference to a held row, or
    when an earlier entry of the same row is held (a row's changes go in order).
    """
    rows = set(roots)
    entries: set[int] = set()
    if not roots:
        return rows, entries
    outbox = s.execute(select(OUTBOX.c.seq, OUTBOX.c.table_name, OUTBOX.c.row_id,
                              OUTBOX.c.action, OUTBOX.c.changes).order_by(OUTBOX.c.seq)).all()
    grew = True
    while grew:
        grew = False
        blocked: set[Key] = set()
        for seq, table, rid, action, changes in outbox:
            key = (table, rid)
            if seq in entries:
                blocked.add(key)
                continue
            hold = key in rows or key in blocked
            if not hold and table in TABLES:
                values = {f: new for f, (_old, new) in json.loads(changes).items()}
                hold = refers(table, values, rows)
            if hold:
                entries.add(seq)
                blocked.add(key)
                grew = True
                if action == "create" and key not in rows:
                    rows.add(key)
    return rows, entries


def _defer_foreign_keys(s: Session) -> None:
    """References are checked at the commit of this transaction (SQLite), not per statement.
    The pragma lasts until the transaction ends, so the transaction is begun first (the
    driver begins it before a data statement; this one changes nothing)."""
    s.execute(update(META).where(META.c.key == "").values(value=""))
    s.execute(text("PRAGMA defer_foreign_keys = ON"))


def _referring_tables(table: str) -> list[tuple[Any, str]]:
    """Every local table (synced or not) with a foreign key to ``table``: (table, column)."""
    return [(t, fk.parent.name) for t in Base.metadata.sorted_tables for fk in t.foreign_keys
            if fk.column.table.name == table]


def adopt(s: Session, table: str, local_id: uuid.UUID, target_id: uuid.UUID,
          target: dict[str, Any] | None = None) -> None:
    """Make this workstation's new row ``local_id`` the shared database's row ``target_id``:
    every reference to it (rows, the outbox, conflicts) now names ``target_id``.

    With ``target`` (the row as the shared database has it) the row takes its values unless
    changes of it still wait in the outbox; without, it keeps its values until the next pull
    brings the shared database's (it is put on the refetch list).
    """
    t = TABLES[table]
    _defer_foreign_keys(s)  # references move within this transaction
    pending = s.scalar(select(OUTBOX.c.seq).where(OUTBOX.c.table_name == table,
                                                  OUTBOX.c.row_id == local_id).limit(1))
    there = s.scalar(select(t.c.id).where(t.c.id == target_id)) is not None
    for child, col in _referring_tables(table):
        s.execute(update(child).where(child.c[col] == local_id).values({col: target_id}))
    if table in TABLES:
        att = TABLES["attachment"]
        s.execute(update(att).where(att.c.owner_table == table, att.c.owner_id == local_id)
                  .values(owner_id=target_id))
    if there:
        s.execute(delete(t).where(t.c.id == local_id))
    elif target is not None and pending is None:
        s.execute(delete(t).where(t.c.id == local_id))
        s.execute(t.insert().values(target))
    else:
        values: dict[str, Any] = {"id": target_id}
        if target is not None:
            values.update({k: target[k] for k in ("version", "updated_at", "updated_by",
                                                  "origin")})
        s.execute(update(t).where(t.c.id == local_id).values(values))
    old, new = str(local_id), str(target_id)
    s.execute(update(OUTBOX).where(OUTBOX.c.table_name == table, OUTBOX.c.row_id == local_id)
              .values(row_id=target_id))
    for seq, changes in s.execute(select(OUTBOX.c.seq, OUTBOX.c.changes)
                                  .where(OUTBOX.c.changes.contains(old))):
        s.execute(update(OUTBOX).where(OUTBOX.c.seq == seq)
                  .values(changes=changes.replace(old, new)))
    s.execute(update(LOCAL_CONFLICT).where(LOCAL_CONFLICT.c.table_name == table,
                                           LOCAL_CONFLICT.c.row_id == local_id)
              .values(row_id=target_id))
    if target is None or pending is not None:
        add_refetch(s, [(table, target_id)])


def refetch_list(s: Session) -> list[Key]:
    row = s.get(LocalMeta, REFETCH_KEY)
    if row is None or not row.value:
        return []
    return [(t, uuid.UUID(r)) for t, r in json.loads(row.value)]


def set_refetch(s: Session, keys: Iterable[Key]) -> None:
    unique = sorted({(t, r) for t, r in keys}, key=lambda k: (k[0], str(k[1])))
    s.merge(LocalMeta(key=REFETCH_KEY, value=json.dumps([[t, str(r)] for t, r in unique])))


def add_refetch(s: Session, keys: Iterable[Key]) -> None:
    set_refetch(s, [*refetch_list(s), *keys])


def discard(s: Session, roots: set[Key]) -> tuple[list[Key], list[Key]]:
    """A person's decision: the held new rows under ``roots`` go (with their outbox entries),
    the held changes of rows the shared database has are undone here (their old values back,
    the row put on the refetch list). Returns (rows removed, rows reverted)."""
    rows, entries = held(s, roots)
    removed: list[Key] = []
    reverted: list[Key] = []
    # held changes of rows the shared database has: only the references to the discarded
    # rows are undone (back to the old value, when the row still has the held one); the
    # rest of each change stays in the outbox and goes with the next sync
    undo = s.execute(select(OUTBOX.c.seq, OUTBOX.c.table_name, OUTBOX.c.row_id,
                            OUTBOX.c.changes).where(OUTBOX.c.seq.in_(sorted(entries)))
                     .order_by(OUTBOX.c.seq.desc())).all()
    _defer_foreign_keys(s)
    gone: list[int] = []
    for seq, table, rid, changes in undo:
        if (table, rid) in rows or table not in TABLES:
            gone.append(seq)
            continue
        t = TABLES[table]
        fields = json.loads(changes)
        refs = {col for col, _parent in references(table) if col in fields
                and refers(table, {col: fields[col][1],
                                   "owner_table": (fields.get("owner_table") or [None, None])[1]},
                           rows)}
        if refs:
            current = s.execute(select(*(t.c[f] for f in refs)).where(t.c.id == rid)).first()
            back = {f: decode(table, f, fields[f][0]) for f in refs
                    if current is not None and str(current._mapping[f]) == str(fields[f][1])}
            if back:
                s.execute(update(t).where(t.c.id == rid).values(back))
            if (table, rid) not in reverted:
                reverted.append((table, rid))
        rest = {f: v for f, v in fields.items() if f not in refs}
        if rest:
            s.execute(update(OUTBOX).where(OUTBOX.c.seq == seq).values(changes=dumps(rest)))
        else:
            gone.append(seq)
    if gone:
        s.execute(delete(OUTBOX).where(OUTBOX.c.seq.in_(gone)))
    by_table: dict[str, list[uuid.UUID]] = defaultdict(list)
    for table, rid in rows:
        by_table[table].append(rid)
    for table in reversed(TABLE_ORDER):
        ids = by_table.get(table, [])
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            s.execute(delete(OUTBOX).where(OUTBOX.c.table_name == table,
                                           OUTBOX.c.row_id.in_(chunk)))
            s.execute(delete(TABLES[table]).where(TABLES[table].c.id.in_(chunk)))
        removed.extend((table, r) for r in ids)
    add_refetch(s, reverted)
    return removed, reverted
