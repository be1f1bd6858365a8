"""The audit chain's anchor in the shared database: left at every sync, held against the
chain by ``audit verify``, and kept as evidence when the chain no longer holds it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lxp_desktop.services import anchoring, settings
from lxp_desktop.services import sync as sync_service
from lxp_desktop.store import anchors
from lxp_desktop.sync import anchor as server_anchor
from lxp_desktop.sync.server import server_engine
from tests.integration.stations import Station


def test_the_shared_database_keeps_each_pcs_audit_head_and_verify_holds_the_chain_to_it(
        tmp_path: Path, server_url: str) -> None:
    pc = Station(tmp_path / "pc", server_url, "註冊組")
    with pc.write() as (s, a):
        settings.put(s, a, "label_rows", 9)
    pc.sync()
    engine = server_engine(server_url)
    try:
        with engine.connect() as conn:
            kept = server_anchor.read(conn, pc.ws.store.workstation_id)
        with pc.ws.read() as s:
            assert kept is not None and kept.head == anchors.current_head(s)
        sync_service.save_connection(pc.ws, server_url, None)
        result = anchoring.verify_workspace(pc.ws)
        assert result.ok and "server" in [a.anchor.kind for a in result.anchors]
        # the newest entries deleted, and the file beside the store and the backups with them
        db = sqlite3.connect(pc.ws.store.path)
        db.execute("DROP TRIGGER audit_log_no_delete")
        db.execute("DELETE FROM audit_log WHERE chain_seq > ?", (kept.head.seq - 2,))
        db.commit()
        db.close()
        anchors.file_path(pc.ws.store.path).unlink()
        result = anchoring.verify_workspace(pc.ws)
        assert not result.ok
        assert result.lines()[0].startswith(
            f"最新的稽核紀錄被刪除：共用資料庫 記下鏈已到第 {kept.head.seq} 筆")
        # a later sync does not overwrite the evidence
        with pc.write() as (s, a):
            settings.put(s, a, "label_rows", 10)
        problem = sync_service.anchor_audit_chain(pc.ws, engine)
        assert problem is not None and "共用資料庫" in problem
        with engine.connect() as conn:
            assert server_anchor.read(conn, pc.ws.store.workstation_id).head == kept.head
    finally:
        engine.dispose()
