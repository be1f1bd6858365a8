"""Workstations for sync tests: each its own data folder and store, all in one process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from lxp_desktop.services.sync import sync_workspace
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store.models import AuditEntry
from lxp_desktop.store.sync_models import OutboxChange, SyncConflict
from lxp_desktop.sync.blobs import BlobFiles
from lxp_desktop.sync.codec import TABLE_ORDER, TABLES, encode
from lxp_desktop.sync.engine import SyncReport
from lxp_desktop.sync.server import server_engine
from tests.makers import ADMIN_PASSWORD, ADMIN_USER


class Station:
    def __init__(self, folder: Path, url: str, name: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.url = url
        self.name = name
        # a new PC: an empty store, nobody signed in yet (see ``ws`` and ``sync``)
        self._ws = Workspace.open(folder)
        self.blobs = BlobFiles(folder / "attachments")

    @property
    def ws(self) -> Workspace:
        """The workstation's workspace, signed in as the school's administrator; the first PC
        of a school sets that account up, a PC that joins gets it from its first sync."""
        if not self._ws.signed_in:
            if self._ws.needs_setup():
                self._ws.set_up(ADMIN_USER, "系統管理者", ADMIN_PASSWORD)
            else:
                self._ws.sign_in(ADMIN_USER, ADMIN_PASSWORD)
        return self._ws

    def sync(self, **kw: Any) -> SyncReport:
        ws = self._ws if self._ws.needs_setup() else self.ws  # joining: pull the accounts first
        return sync_workspace(ws, self.url, name=self.name, blobs=self.blobs, **kw)

    def write(self):  # type: ignore[no-untyped-def]
        return self.ws.write(f"測試 {self.name}")

    def pending(self) -> int:
        with self.ws.read() as s:
            return len(s.scalars(select(OutboxChange.seq)).all())

    def conflicts(self) -> list[SyncConflict]:
        with self.ws.read() as s:
            return list(s.scalars(select(SyncConflict).where(SyncConflict.status == "open")))

    def audit_values(self) -> list[tuple[str, str, str, Any]]:
        """(table, row, field, new value) of every write this workstation committed."""
        out = []
        with self.ws.read() as s:
            for e in s.scalars(select(AuditEntry)):
                for f, (_old, new) in json.loads(e.changes).items():
                    out.append((e.table_name, e.row_id, f, new))
        return out

    def close(self) -> None:
        self._ws.close()


def school_on_two_pcs(folder: Path, url: str) -> tuple[Station, Station]:
    """PC A with the small school, synced; PC B, new, synced from it."""
    from tests.makers import make_small_school

    a = Station(folder / "a", url, "A")
    make_small_school(a.ws)
    a.sync()
    b = Station(folder / "b", url, "B")
    b.sync()
    return a, b


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table, every column, rows sorted by id (values as JSON-able text)."""
    out = {}
    with engine.connect() as conn:
        for table in TABLE_ORDER:
            t = TABLES[table]
            cols = list(t.columns.keys())
            rows = conn.execute(select(t).order_by(t.c.id)).all()
            out[table] = [tuple(encode(r._mapping[c]) for c in cols) for r in rows]
    return out


def server_dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = server_engine(url)
    try:
        return dump(engine)
    finally:
        engine.dispose()


def assert_converged(url: str, *stations: Station) -> dict[str, list[tuple[Any, ...]]]:
    expected = server_dump(url)
    for st in stations:
        got = dump(st.ws.store.engine)
        for table in TABLE_ORDER:
            assert got[table] == expected[table], f"{st.name}: {table} differs from the server"
        assert st.pending() == 0, f"{st.name}: changes left in the outbox"
    return expected
