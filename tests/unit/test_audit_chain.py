"""Writers serialised across processes, and the audit chain held against its anchors.

Several programs writing one store at once (the command line beside the window, a
scheduled task beside an import) must leave one chain that verifies; deleting the newest
entries, cutting the chain or re-hashing it from the start must each be reported by
``audit verify``.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lxp_desktop.domain.errors import StoreBusy
from lxp_desktop.services import anchoring, audit, backups, settings
from lxp_desktop.store import anchors
from lxp_desktop.store.db import open_store
from tests.makers import ADMIN_PASSWORD, ADMIN_USER, open_as_admin

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "LXP_USER": ADMIN_USER, "LXP_PASSWORD": ADMIN_PASSWORD}


def _cli(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "lxp_desktop", "--data-dir", str(data_dir),
                             *args], cwd=ROOT, env=ENV, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _verify_cli(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lxp_desktop", "--data-dir", str(data_dir),
                           "audit", "verify"], cwd=ROOT, env=ENV, text=True,
                          capture_output=True, timeout=300)


def _entries(data_dir: Path) -> list[tuple[int, str, str]]:
    db = sqlite3.connect(data_dir / "lxp.sqlite3")
    try:
        return db.execute("SELECT chain_seq, prev_hash, hash FROM audit_log ORDER BY seq").fetchall()
    finally:
        db.close()


def _actions(data_dir: Path) -> dict[str, int]:
    db = sqlite3.connect(data_dir / "lxp.sqlite3")
    try:
        return dict(db.execute("SELECT action, count(*) FROM audit_log GROUP BY action"))
    finally:
        db.close()


@pytest.mark.parametrize("processes", [2, 4, 8])
def test_command_lines_writing_at_once_leave_one_chain(data_dir: Path, processes: int) -> None:
    """Every run signs in (an entry) and changes a setting (an entry): N runs at once."""
    open_as_admin(data_dir).close()
    before = _actions(data_dir)
    runs = [_cli(data_dir, "settings", f"label_rows={i + 1}") for i in range(processes)]
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    after = _actions(data_dir)
    assert after["signin"] - before.get("signin", 0) == processes
    assert after["update"] + after["create"] - before.get("update", 0) - before.get("create", 0) \
        >= processes - 1  # one run may find its value already set by another
    rows = _entries(data_dir)
    # one chain: positions 1…n without a gap, each entry pointing at the one before
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert all(rows[i][1] == rows[i - 1][2] for i in range(1, len(rows)))
    result = _verify_cli(data_dir)
    assert result.returncode == 0, result.stderr
    assert f"稽核紀錄完整：共 {len(rows) + 1} 筆" in result.stdout  # + verify's own sign-in


def _writer(data_dir: str, n: int, rounds: int) -> None:
    from lxp_desktop.services import settings as settings_service
    from lxp_desktop.services.workspace import Workspace

    ws = Workspace.open(Path(data_dir), username=ADMIN_USER, password=ADMIN_PASSWORD)
    try:
        for i in range(rounds):
            with ws.write(f"程序 {n}") as (s, actor):
                # a value no other write uses (and not the default), so every put is a change
                settings_service.put(s, actor, "backups_keep", 101 + n * rounds + i)
    finally:
        ws.close()


def test_service_writers_in_four_processes_interleave_without_forking_the_chain(
        data_dir: Path) -> None:
    open_as_admin(data_dir).close()
    before = len(_entries(data_dir))
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(data_dir), n, 15)) for n in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(600)
        assert p.exitcode == 0
    rows = _entries(data_dir)
    assert len(rows) >= before + 4 * (1 + 15)  # and a password re-stored at today's costs
    assert len({r[1] for r in rows}) == len(rows)  # no two entries share a previous hash
    ws = open_as_admin(data_dir)
    try:
        result = anchoring.verify_workspace(ws)
        assert result.ok, result.lines()
        # the file beside the store follows the chain's head
        head = anchors.read_file(anchors.file_path(ws.store.path))
        assert head is not None and head.head.seq == len(_entries(data_dir))
    finally:
        ws.close()


def test_a_writer_that_waits_too_long_is_told_who_holds_the_store(data_dir: Path) -> None:
    open_as_admin(data_dir).close()
    other = sqlite3.connect(data_dir / "lxp.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        store = open_store(data_dir / "lxp.sqlite3", busy_seconds=0.2)  # reading still works
        try:
            with pytest.raises(StoreBusy, match="另一個程式使用中.*匯入、備份.*沒有寫入"):
                with store.transaction() as s:
                    s.execute(audit.select(audit.AuditEntry.seq).limit(1))
        finally:
            store.close()
    finally:
        other.execute("ROLLBACK")
        other.close()


# --- tampering --------------------------------------------------------------------------------
def _tamper(ws, *statements: tuple[str, tuple]) -> None:  # type: ignore[no-untyped-def]
    db = sqlite3.connect(ws.store.path)
    db.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    db.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    for sql, params in statements:
        db.execute(sql, params)
    db.commit()
    db.close()


def _some_writes(ws, n: int = 6) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        with ws.write() as (s, a):
            settings.put(s, a, "label_rows", 2 + i)


def test_deleting_the_newest_entries_is_reported_against_the_file_beside_the_store(
        workspace) -> None:  # type: ignore[no-untyped-def]
    _some_writes(workspace)
    with workspace.read() as s:
        head = anchors.current_head(s)
    assert head is not None
    _tamper(workspace, ("DELETE FROM audit_log WHERE chain_seq > ?", (head.seq - 3,)))
    with workspace.read() as s:
        assert audit.check(s) is None  # what is left still verifies on its own …
    result = anchoring.verify_workspace(workspace)
    assert not result.ok  # … but not against the anchor
    assert result.lines()[0] == (
        f"最新的稽核紀錄被刪除：資料庫旁的 lxp-audit-head.json 記下鏈已到第 {head.seq} 筆，"
        f"資料庫只到第 {head.seq - 3} 筆（至少少了 3 筆）。請從備份還原並調查。")
    # new writes do not paper over it: the file keeps the head it had
    _some_writes(workspace, 5)
    assert anchors.read_file(anchors.file_path(workspace.store.path)).head == head
    result = anchoring.verify_workspace(workspace)
    assert [a.status for a in result.anchors] == ["rewritten"]


def test_a_cut_at_the_start_or_in_the_middle_is_named(workspace) -> None:  # type: ignore[no-untyped-def]
    _some_writes(workspace)
    _tamper(workspace, ("DELETE FROM audit_log WHERE chain_seq IN (4, 5, 6)", ()))
    result = anchoring.verify_workspace(workspace)
    assert result.broken is not None
    assert result.lines()[0].startswith("稽核紀錄在第 7 筆斷鏈：第 4 至 6 筆紀錄被刪除（鏈從中被截斷）")
    _tamper(workspace, ("DELETE FROM audit_log WHERE chain_seq < 3", ()))
    with workspace.read() as s:
        assert audit.check(s).text() == "最早的 2 筆紀錄被刪除（鏈從開頭被截斷）"


def _rehash_from_start(ws, change_first_to: str) -> None:  # type: ignore[no-untyped-def]
    """What someone who knows the format could do: change an entry and recompute every hash
    (and the changes' hash) from the genesis on — the chain then verifies on its own."""
    from sqlalchemy import select

    from lxp_desktop.store.models import AuditEntry

    with ws.read() as s:
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    prev = audit.GENESIS
    updates = []
    for i, e in enumerate(entries):
        changes = change_first_to if i == 0 else e.changes
        e.changes = changes
        e.changes_sha256 = audit.changes_digest(changes)
        digest = audit.entry_hash(prev, audit._fields(e))
        updates.append(("UPDATE audit_log SET changes = ?, changes_sha256 = ?, prev_hash = ?, "
                        "hash = ? WHERE seq = ?", (changes, e.changes_sha256, prev, digest, e.seq)))
        prev = digest
    _tamper(ws, *updates)


def test_a_chain_rehashed_from_the_start_is_reported_against_its_anchors(
        workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _some_writes(workspace)
    backups.back_up(workspace, tmp_path / "usb" / "lxp.zip")  # an anchor in its manifest too
    _rehash_from_start(workspace, '{"forged": [null, "x"]}')
    with workspace.read() as s:
        assert audit.check(s) is None  # the chain alone cannot tell
    result = anchoring.verify_workspace(workspace)
    assert not result.ok
    assert [a.status for a in result.anchors] == ["rewritten"]
    assert "雜湊值與 資料庫旁的 lxp-audit-head.json 記下的不同" in result.lines()[0]


def test_a_backup_manifest_keeps_the_head_when_the_file_is_gone_too(workspace) -> None:  # type: ignore[no-untyped-def]
    _some_writes(workspace)
    daily = backups.daily_backup(workspace)
    assert daily is not None
    from lxp_desktop.store import backup as files

    kept = files.read_manifest(daily).audit_head
    with workspace.read() as s:
        assert kept == anchors.current_head(s).as_dict()
    _tamper(workspace, ("DELETE FROM audit_log WHERE chain_seq > ?", (int(kept["seq"]) - 2,)))
    anchors.file_path(workspace.store.path).unlink()
    result = anchoring.verify_workspace(workspace)
    assert not result.ok
    assert result.lines()[0].startswith(f"最新的稽核紀錄被刪除：備份 {daily.name} 記下鏈已到第")
    assert "（至少少了 2 筆）" in result.lines()[0]


def test_after_a_restore_the_anchors_of_the_replaced_chain_are_not_held_against_it(
        workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _some_writes(workspace, 2)
    old = tmp_path / "old.zip"
    backups.back_up(workspace, old)
    _some_writes(workspace, 4)
    backups.daily_backup(workspace)  # a backup of the chain the restore will replace
    backups.restore(workspace, old)
    workspace.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    result = anchoring.verify_workspace(workspace)
    assert result.ok, result.lines()
    assert "superseded" in [a.status for a in result.anchors]
    assert any("從備份還原之前的紀錄，已不再比對" in line for line in result.lines())


def test_verify_on_the_command_line_exits_1_and_names_the_truncation(data_dir: Path) -> None:
    ws = open_as_admin(data_dir)
    _some_writes(ws)
    with ws.read() as s:
        head = anchors.current_head(s)
    _tamper(ws, ("DELETE FROM audit_log WHERE chain_seq > ?", (head.seq - 4,)))
    ws.close()
    result = _verify_cli(data_dir)
    assert result.returncode == 1
    # the command's own sign-in wrote after the cut: the chain is still short of the anchor
    assert f"最新的稽核紀錄被刪除：資料庫旁的 lxp-audit-head.json 記下鏈已到第 {head.seq} 筆" \
        in result.stderr
