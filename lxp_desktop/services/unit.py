"""One unit of work and the one ``Writer`` of synced rows.

A ``UnitOfWork`` is what a use case runs in: its session (one transaction), who acts (and
for whom), from which workstation, and the clock. The workspace makes one
(``Workspace.unit``) and the use case receives it.

The ``Writer`` is the only code that changes a synced row: it diffs, raises the version,
stamps ``updated_at``/``updated_by``/``origin``, and appends the audit entry and the sync
outbox entry in the same transaction. ``RecordService`` (``services/base.py``) and the
services that write rows of their own (accounts, duties, conflicts, settings, attachments)
all call it; tests fail on a synced row changed any other way (``tests/conftest.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from lxp_desktop.domain.clock import SYSTEM_CLOCK, Clock
from lxp_desktop.services.context import Actor
from lxp_desktop.store.models import SyncMixin

#: attribute the Writer leaves on an ORM row it wrote: the version it wrote (tests check it)
WRITTEN = "_lxp_written_version"


class Writer:
    """Stamps, versions, audits and queues every change of a synced row."""

    def __init__(self, session: Session, actor: Actor, clock: Clock = SYSTEM_CLOCK) -> None:
        self.session, self.actor, self.clock = session, actor, clock

    def stamp(self, obj: SyncMixin) -> None:
        obj.updated_at = self.clock.now()
        obj.updated_by = self.actor.staff_id
        obj.origin = self.actor.workstation
        setattr(obj, WRITTEN, obj.version)

    def insert(self, table: str, obj: SyncMixin,
               also_audit: Mapping[str, tuple[Any, Any]] | None = None) -> SyncMixin:
        """A new, already-checked row: version 1, stamped, audited, in the outbox.
        ``also_audit``: facts the audit entry keeps beside the row's fields (a file's size)."""
        from lxp_desktop.services import base

        obj.id = obj.id or uuid.uuid4()
        obj.version = 1
        obj.deleted = False
        self.stamp(obj)
        self.session.add(obj)
        base._flush(self.session)
        if (b := base.batch_of(self.session)) is not None:
            b.track(obj)
        base.record_change(self.session, self.actor, table, obj, "create",
                           {k: (None, v) for k, v in obj.values().items() if v is not None}
                           | dict(also_audit or {}))
        return obj

    def change(self, table: str, obj: SyncMixin, values: Mapping[str, Any],
               action: str = "update", *, shown: Mapping[str, tuple[Any, Any]] | None = None,
               audited: bool = True) -> dict[str, tuple[Any, Any]]:
        """Set ``values`` on ``obj`` (an ORM row); what changed, as field → (old, new) (empty:
        nothing was written). ``shown`` replaces the changes in the audit log where a value
        must not be kept there (a password hash); ``audited`` False for a row whose change
        the caller's own entry describes (a class membership, in its student's entry)."""
        from lxp_desktop.services import base

        changes = {k: (getattr(obj, k), v) for k, v in values.items() if getattr(obj, k) != v}
        if not changes:
            return {}
        for k, (_old, new) in changes.items():
            setattr(obj, k, new)
        obj.version += 1
        self.stamp(obj)
        base._flush(self.session)
        if audited:
            base.record_change(self.session, self.actor, table, obj, action, changes,
                               shown=shown)
        else:
            from lxp_desktop.sync import outbox

            outbox.capture(self.session, table, obj, action, changes)
        return changes


    # --- batch mode (an import of thousands of rows: services.base.Batch) -----------------
    def queue_insert(self, batch: Any, table_name: str, model: type[Any], table: Any,
                     row: dict[str, Any], editable: tuple[str, ...]) -> Any:
        """A new row (every column in ``row``) queued for the batch's bulk insert: stamped
        like ``insert`` stamps one, audited and captured with the batch; a ``NewRow`` stands
        for it."""
        from lxp_desktop.services import base

        row["id"] = row.get("id") or uuid.uuid4()
        row["version"] = 1
        row["updated_at"] = self.clock.now()
        row["updated_by"] = self.actor.staff_id
        row["origin"] = self.actor.workstation
        row["deleted"] = False
        batch.queue(self.session, "insert", table, row)
        obj = base.NewRow(model, row)
        batch.track(obj)
        base.record_change(self.session, self.actor, table_name, obj, "create",
                           {k: (None, row[k]) for k in editable if row[k] is not None})
        return obj

    def queue_change(self, batch: Any, table_name: str, table: Any, obj: Any,
                     changes: Mapping[str, tuple[Any, Any]], action: str = "update") -> None:
        """Batch mode's ``change``: the same new values, version and sync columns, queued as
        a Core update by id (the object in memory, ORM or NewRow, shows them at once), and
        the audit and outbox entries queued with the batch."""
        from sqlalchemy import inspect
        from sqlalchemy.orm.attributes import set_committed_value

        from lxp_desktop.services import base
        from lxp_desktop.store import bulk

        if not isinstance(obj, base.NewRow):
            state = inspect(obj)
            if state.pending or state.modified:  # unflushed ORM changes go first
                batch.pending = 0
                self.session.flush()
        row: dict[str, Any] = {k: new for k, (_old, new) in changes.items()}
        row["version"] = obj.version + 1
        row["updated_at"] = self.clock.now()
        row["updated_by"] = self.actor.staff_id
        row["origin"] = self.actor.workstation
        for k, v in row.items():
            if isinstance(obj, base.NewRow):
                setattr(obj, k, v)
            else:  # what the database will hold once the queued update is written
                set_committed_value(obj, k, v)
        row[bulk.ROW_ID] = obj.id
        batch.queue(self.session, "update", table, row)
        batch.track(obj, {k: old for k, (old, _new) in changes.items()})
        base.record_change(self.session, self.actor, table_name, obj, action, changes)

    def insert_batch(self, model: type[SyncMixin], rows: list[dict[str, Any]], *,
                     audited: bool = True) -> None:
        """New rows in bulk (Core executemany; the demo school, the items of a submission):
        each stamped (version 1, ``updated_at`` now, who, which workstation; values a row
        already carries are kept) and captured in the sync outbox like any new row. Each gets
        its audit entry unless ``audited`` is False: then the caller writes one entry for the
        batch (``audit_batch``)."""
        from lxp_desktop.services import audit
        from lxp_desktop.store import bulk
        from lxp_desktop.sync import outbox

        if not rows:
            return
        now = self.clock.now()
        stamp = {"version": 1, "updated_at": now, "updated_by": self.actor.staff_id,
                 "origin": self.actor.workstation, "deleted": False}
        for row in rows:
            if not row.get("id"):
                row["id"] = uuid.uuid4()
            for key, value in stamp.items():
                row.setdefault(key, value)
        self.session.flush()  # ORM writes made before go first
        table = cast(Table, model.__table__)  # type: ignore[attr-defined]
        conn = self.session.connection()
        bulk.executemany(conn, table, "insert", rows)
        name = table.name
        captured = [c for c in (outbox.change_row(self.session, name, row, "create")
                                for row in rows) if c is not None]
        bulk.executemany(conn, outbox.OUTBOX_TABLE, "insert", captured)  # type: ignore[arg-type]
        if audited:
            editable = getattr(model, "EDITABLE", ())
            for row in rows:
                audit.record(self.session, self.actor, name, row["id"], "create",
                             {k: (None, row[k]) for k in editable if row.get(k) is not None},
                             row["updated_at"])

    def audit_batch(self, table: str, what: str, action: str,
                    changes: Mapping[str, tuple[Any, Any]]) -> None:
        """One audit entry standing for a batch written with ``insert_batch(audited=False)``."""
        from lxp_desktop.services import audit

        audit.record(self.session, self.actor, table, what, action, dict(changes),
                     self.clock.now())


@dataclass
class UnitOfWork:
    """A use case's transaction and everything it needs, passed explicitly."""

    session: Session
    actor: Actor
    clock: Clock = SYSTEM_CLOCK
    writer: Writer = field(init=False)

    def __post_init__(self) -> None:
        self.writer = Writer(self.session, self.actor, self.clock)

    @property
    def workstation(self) -> str:
        return self.actor.workstation

    @property
    def acting_for(self) -> str | None:
        return self.actor.acting_for


def writer(session: Session, actor: Actor, clock: Clock = SYSTEM_CLOCK) -> Writer:
    return Writer(session, actor, clock)
