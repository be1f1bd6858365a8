"""Push then pull between a workstation's SQLite store and the school's shared PostgreSQL.

- Push: the outbox in batches, each batch one PostgreSQL transaction under the push lock;
  the outbox entries are removed only after the server committed (a retried batch is a
  no-op there). Before the outbox, the first push to a server sends every row the server
  does not have (stores filled by bulk inserts), each standing for the row's outbox changes.
- Pull: the change sequence above this workstation's cursor, in pages; each page and the
  cursor move commit in one local transaction. Rows with changes still in the outbox are
  left alone: their push moves them up the sequence, so they come back afterwards.
- ``fault(step)`` is called at every step (tests cut the connection there).
"""

from __future__ import annotations

import json
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lxp_desktop.store.db import Store
from lxp_desktop.store.models import Blob, LocalMeta, Staff, utcnow
from lxp_desktop.store.sync_models import OutboxChange, SyncConflict
from lxp_desktop.sync import local
from lxp_desktop.sync import server as srv
from lxp_desktop.sync.blobs import BlobFiles
from lxp_desktop.sync.codec import MODELS, TABLE_ORDER, TABLES, decode
from lxp_desktop.sync.server import (
    BatchResult,
    Change,
    ServerInfo,
    ServerRestored,
    ServerUnreachable,
    SyncError,
)

Fault = Callable[[str], None]
Progress = Callable[[int, int, str], None]
#: called in the pull's transaction before a table's rows of a page are written:
#: ``(session, table, rows, before, first_pull)``, ``before`` the local rows they replace
#: (by id; a new row has none) and ``first_pull`` true while the workstation copies the
#: shared database for the first time (the services write the audit log there)
Applied = Callable[[Session, str, list[dict[str, Any]], dict[Any, dict[str, Any]], bool], None]

CURSOR_KEY = "sync_cursor"
SERVER_KEY = "sync_server_id"
EPOCH_KEY = "sync_epoch"
#: a change this workstation pushed that the server applied (a restore forgets it)
LAST_CHANGE_KEY = "sync_last_change"
LAST_AT_KEY = "sync_last_at"
OUTBOX = OutboxChange.__table__
LOCAL_CONFLICT = SyncConflict.__table__
#: tables whose rows count against a per-student cap
CAPPED = ("performance", "outcome")
MISSING_FILES_KEY = "sync_missing_files"
#: "1" while a new PC copies the school for the first time: it pushes nothing until done
JOINING_KEY = "sync_joining"
NAMES_KEY = "sync_workstation_names"
BLOB = Blob.__table__


@dataclass
class SyncReport:
    pushed: int = 0
    duplicates: int = 0
    pulled: int = 0
    new_conflicts: int = 0
    rejected: int = 0
    open_conflicts: int = 0
    pending: int = 0
    adopted_empty_store: bool = False
    seconds: float = 0.0
    #: new rows found to be rows the server already had (same natural key and values)
    merged: int = 0
    #: outbox changes held back behind a refused new row (until a person decides)
    held: int = 0
    #: rows of the server not applied here yet: they collide with a held row
    deferred: int = 0
    #: attachments whose file is missing on this PC (SHA-256 → file name): their rows wait
    missing_files: dict[str, str] = field(default_factory=dict)
    #: after a restore of the server: rows this PC sent again, and that it was done
    recovered: int = 0
    recovered_server: bool = False
    #: students whose 課程學習成果 or 多元表現 the pull changed (their caps are re-checked)
    touched_students: set[uuid.UUID] = field(default_factory=set)
    #: a PC that joined with school data of its own: (field, its value, the school's value)
    school_differences: list[tuple[str, Any, Any]] = field(default_factory=list)
    #: the PC is still joining the school (its first copy was cut): nothing was pushed
    joining: bool = False
    #: per-student caps broken after the pull (set by the services: one sentence each)
    breaches: list[str] = field(default_factory=list)


class Syncer:
    def __init__(self, store: Store, server: Engine, *, name: str | None = None,
                 batch_size: int = 500, bulk_batch_size: int = 5000, page_size: int = 5000,
                 fault: Fault | None = None, progress: Progress | None = None,
                 blobs: BlobFiles | None = None, applied: Applied | None = None,
                 recover: bool = False) -> None:
        self.store = store
        self.server = server
        self.name = name
        self.batch_size = batch_size
        self.bulk_batch_size = bulk_batch_size
        self.page_size = page_size
        self.fault = fault or (lambda step: None)
        self.progress = progress or (lambda done, total, text: None)
        self.blobs = blobs or BlobFiles()
        self.applied = applied
        self.recover = recover
        self.workstation = store.workstation_id
        self._refused: set[tuple[str, uuid.UUID]] = set()
        self._touched: set[uuid.UUID] = set()

    # --- the whole round ------------------------------------------------------------------
    def sync(self) -> SyncReport:
        started = time.perf_counter()
        report = SyncReport()
        with _reachable():
            info = srv.handshake(self.server)
            first = self.store.meta(SERVER_KEY) != str(info.server_id)
            if first:
                report.school_differences = self._take_server_school()
                report.adopted_empty_store = self._adopt_empty_store()
                if report.adopted_empty_store or self._empty_store():
                    # a new PC joining the school: until its first copy is whole it pushes
                    # nothing (no administrator of its own reaches the school)
                    self.store.set_meta(JOINING_KEY, "1")
                self._reset_cursor_for(info)
                self.store.set_meta(LAST_CHANGE_KEY, "")
            else:
                restored = self._restored(info)
                if restored:
                    if not self.recover:
                        raise ServerRestored(restored)
                    self._recover(report)
            report.joining = self.store.meta(JOINING_KEY) == "1"
            if not report.joining:
                self.push(report, bootstrap=first)
            if first:
                self.store.set_meta(SERVER_KEY, str(info.server_id))
            if info.epoch is not None:
                self.store.set_meta(EPOCH_KEY, str(info.epoch))
            self.pull(report)
            if report.joining:
                self.store.set_meta(JOINING_KEY, "")  # the copy is whole: joined
                report.joining = False
            self.refresh_conflicts(report)
        self._refused = set()
        report.held = len(self._held()[1])
        report.touched_students = set(self._touched)
        self.store.set_meta(MISSING_FILES_KEY, json.dumps(report.missing_files,
                                                          ensure_ascii=False))
        self.store.set_meta(LAST_AT_KEY, utcnow().isoformat())
        with self.store.session() as s:
            report.pending = int(s.scalar(select(func.count()).select_from(OUTBOX)) or 0)
        report.seconds = time.perf_counter() - started
        return report

    def _restored(self, info: ServerInfo) -> str | None:
        """What shows that the server went back to a backup since the last sync, in words
        for the clerk (None when nothing does)."""
        epoch = self.store.meta(EPOCH_KEY)
        cursor = int(self.store.meta(CURSOR_KEY, "0") or 0)
        why = None
        if epoch and info.epoch is not None and epoch != str(info.epoch):
            why = "管理者已登記共用資料庫從備份還原"
        elif cursor > info.last_seq:
            why = (f"共用資料庫的變更序號（{info.last_seq}）比這台電腦上次同步到的"
                   f"（{cursor}）還小")
        else:
            last = self.store.meta(LAST_CHANGE_KEY)
            if last:
                with self.server.connect() as conn:
                    if not srv.has_change(conn, uuid.UUID(last)):
                        why = "共用資料庫沒有這台電腦上次上傳的變更"
        if why is None:
            return None
        return (f"共用資料庫已回到較早的狀態（從備份還原）：{why}。這台電腦有的資料共用資料庫可能沒有；"
                "為免遺失，同步已停止。請執行修復：在「立即同步」的詢問中選「修復」，或執行 "
                "lxp-desktop sync --recover。修復會先把共用資料庫缺少或較舊的資料從這台電腦補上，"
                "再重新下載全部資料；每台電腦都要各修復一次。")

    def _recover(self, report: SyncReport) -> None:
        """After a restore: every local row the server lacks or holds an older version of
        goes up whole (standing for its outbox changes), then the whole server comes down."""
        held_rows, _entries = self._held()
        for table in TABLE_ORDER:
            t = TABLES[table]
            last: uuid.UUID | None = None
            while True:
                with self.store.session() as s:
                    stmt = select(t.c.id, t.c.version).order_by(t.c.id).limit(
                        self.bulk_batch_size)
                    if last is not None:
                        stmt = stmt.where(t.c.id > last)
                    here = dict(s.execute(stmt).all())
                if not here:
                    break
                last = max(here)
                with self.server.connect() as conn:
                    there = srv.versions(conn, table, list(here))
                ids = [i for i, v in here.items() if (table, i) not in held_rows
                       and (i not in there or there[i] < v)]
                if not ids:
                    continue
                covers = self._outbox_of(table, ids)
                changes = [Change(uuid.uuid4(), table, r["id"], "recover", 0, {}, {}, row=r,
                                  covers=covers.get(r["id"], []))
                           for r in self._rows(table, ids)]
                missing_files = self._missing_files(changes)
                if missing_files:
                    report.missing_files.update(missing_files)
                    changes = [c for c in changes if not self._needs(c, missing_files)]
                if changes:
                    self._send(changes)
                    report.recovered += len(changes)
                self.progress(report.recovered, 0, "修復：補上共用資料庫缺少的資料")
        with self.store.transaction() as s:
            s.merge(LocalMeta(key=CURSOR_KEY, value="0"))  # then the whole server comes down
            s.merge(LocalMeta(key=LAST_CHANGE_KEY, value=""))  # the lost one is sent again
        report.recovered_server = True

    def _reset_cursor_for(self, info: ServerInfo) -> None:
        self.store.set_meta(CURSOR_KEY, "0")

    def _empty_store(self) -> bool:
        """A store with no synced row at all (never set up) meeting a school with accounts."""
        with self.store.session() as s:
            if any(s.scalar(select(TABLES[t].c.id).limit(1)) is not None for t in TABLE_ORDER):
                return False
        with self.server.connect() as conn:
            return conn.scalar(select(TABLES["staff"].c.id).limit(1)) is not None

    def _take_server_school(self) -> list[tuple[str, Any, Any]]:
        """A PC that filled in its own school data before joining takes the school's: its
        school row and changes go (before anything is pushed), the pull brings the school's.
        Returns the fields that differ (field, this PC's value, the school's value)."""
        t = TABLES["school"]
        with self.server.connect() as conn:
            theirs = conn.execute(select(t).where(t.c.deleted.is_(False))
                                  .order_by(t.c.updated_at).limit(1)).first()
        if theirs is None:
            return []
        server_row = dict(theirs._mapping)
        diffs: list[tuple[str, Any, Any]] = []
        with self.store.transaction() as s:
            for mine in s.execute(select(t)).mappings().all():
                for f in MODELS["school"].EDITABLE:
                    if mine[f] != server_row[f] and (f, mine[f], server_row[f]) not in diffs:
                        diffs.append((f, mine[f], server_row[f]))
                s.execute(delete(OUTBOX).where(OUTBOX.c.table_name == "school",
                                               OUTBOX.c.row_id == mine["id"]))
                if mine["id"] != server_row["id"]:
                    s.execute(delete(t).where(t.c.id == mine["id"]))
        return diffs

    def _adopt_empty_store(self) -> bool:
        """A new store holds only the administrator set up at its first start: take the
        school's accounts instead (the shared database already has its staff, and a second
        administrator account would collide or be a stranger to the school)."""
        with self.store.session() as s:
            counts = {t: int(s.scalar(select(func.count()).select_from(TABLES[t])) or 0)
                      for t in TABLE_ORDER}
            # (its school row, if it filled one in, was settled by _take_server_school)
            if sum(v for t, v in counts.items() if t != "school") != 1 or counts["staff"] != 1:
                return False
            staff_id = s.scalars(select(Staff.id)).one()
        with self.server.connect() as conn:
            t = TABLES["staff"]
            if conn.scalar(select(func.count()).select_from(t)) == 0:
                return False
        with self.store.transaction() as s:
            s.execute(delete(OUTBOX).where(OUTBOX.c.row_id == staff_id))
            s.execute(delete(TABLES["staff"]).where(TABLES["staff"].c.id == staff_id))
        return True

    # --- push -------------------------------------------------------------------------------
    def push(self, report: SyncReport, bootstrap: bool = False) -> None:
        self._refused = set()
        if bootstrap:
            self._push_unsynced(report)
        tried_unsynced = bootstrap
        after = 0
        held_for = -1
        while True:
            if held_for != len(self._refused):  # again only when a batch was refused
                held_rows, held_entries = self._held()
                held_for = len(self._refused)
            with self.store.session() as s:
                entries = list(s.scalars(select(OutboxChange).where(OutboxChange.seq > after)
                                         .order_by(OutboxChange.seq).limit(self.batch_size)))
            if not entries:
                break
            sendable = [e for e in entries if e.seq not in held_entries]
            if not sendable:
                after = entries[-1].seq
                continue
            changes = [self._change(e) for e in sendable]
            missing_files = self._missing_files(changes)
            if missing_files:
                report.missing_files.update(missing_files)
                changes = [c for c in changes if not self._needs(c, missing_files)]
                if not changes:
                    after = entries[-1].seq
                    continue
            result = self._send(changes)
            report.pushed += len(changes) - result.duplicates - len(result.deferred)
            report.duplicates += result.duplicates
            report.new_conflicts += result.conflicts
            report.rejected += len(result.rejected_new)
            report.merged += len(result.aliases)
            rejected = set(result.rejected_new)
            missing = {c.change_id for c in changes if c.change_id in result.missing
                       and (c.table, c.row_id) not in rejected}  # those went with their row
            if missing and not tried_unsynced:
                self._push_unsynced(report)
                tried_unsynced = True
                after = 0  # what waited for those rows goes now
                continue
            # what is left in the outbox (rows the server lacks even after sending every
            # unsynced row, changes referring to a row not there yet, files missing here)
            # is sent again next time
            after = entries[-1].seq
            self.progress(report.pushed, 0, "上傳變更")

    def _held(self) -> tuple[set[tuple[str, uuid.UUID]], set[int]]:
        """Rows and outbox entries held back behind new rows the server refused."""
        with self.store.session() as s:
            roots = local.held_roots(s) | self._refused
            if not roots:
                return set(), set()
            rows = {k for k in roots if s.scalar(
                select(TABLES[k[0]].c.id).where(TABLES[k[0]].c.id == k[1])) is not None}
            return local.held(s, rows)

    def _change(self, e: OutboxChange) -> Change:
        raw = json.loads(e.changes)
        fields = {f: (decode(e.table_name, f, old), decode(e.table_name, f, new))
                  for f, (old, new) in raw.items()}
        return Change(e.change_id, e.table_name, e.row_id, e.action, e.base_version, fields,
                      json.loads(e.meta), raw=e.changes)

    def _send(self, changes: list[Change]) -> BatchResult:
        """One batch: one PostgreSQL transaction, then the outbox in one local transaction."""
        blobs = self._blobs_for(changes)
        self.fault("push:begin")
        with self.server.connect() as conn:
            with conn.begin():
                srv.lock_pushes(conn)
                self.fault("push:locked")
                srv.push_blobs(conn, blobs)
                result = srv.apply_batch(conn, self.workstation, changes, self.name)
                self.fault("push:before_commit")
            self.fault("push:after_commit")
        self._refused.update(result.rejected_new)
        with self.store.transaction() as s:
            done = list(result.done)
            sent = next((cid for c in changes for cid in (c.change_id, *c.covers)
                         if cid in result.done and (c.action not in srv.WHOLE
                                                    or cid != c.change_id)), None)
            if sent is not None:
                s.merge(LocalMeta(key=LAST_CHANGE_KEY, value=str(sent)))
            for chunk in srv.chunks(done, 500):
                s.execute(delete(OUTBOX).where(OUTBOX.c.change_id.in_(chunk)))
            for (table, local_id), target in result.aliases.items():
                local.adopt(s, table, local_id, target["id"], target)
            if result.echo_only and result.first_seq:
                # nobody else pushed in between and the server took our rows as sent:
                # no need to pull them back
                cursor = s.get(LocalMeta, CURSOR_KEY)
                if cursor is not None and int(cursor.value) == result.first_seq - 1:
                    cursor.value = str(result.last_seq)
            self.fault("push:before_local_commit")
        return result

    @staticmethod
    def _sha_of(c: Change) -> str | None:
        if c.table != "attachment":
            return None
        if c.row is not None:
            return str(c.row["sha256"])
        if "sha256" in c.fields and c.fields["sha256"][1]:
            return str(c.fields["sha256"][1])
        return None

    def _needs(self, c: Change, missing: dict[str, str]) -> bool:
        return self._sha_of(c) in missing

    def _missing_files(self, changes: list[Change]) -> dict[str, str]:
        """Files the changes need that are neither here (intact) nor on the server yet:
        SHA-256 → the attachment's file name."""
        wanted: dict[str, str] = {}
        for c in changes:
            sha = self._sha_of(c)
            if sha and not self.blobs.has(sha):
                name = (c.row or {}).get("filename") or (c.fields.get("filename") or (None, ""))[1]
                wanted[sha] = str(name or "")
        if not wanted:
            return {}
        with self.server.connect() as conn:
            there = set(conn.scalars(select(BLOB.c.sha256).where(BLOB.c.sha256.in_(list(wanted)))))
        missing = {sha: name for sha, name in wanted.items() if sha not in there}
        for sha, name in list(missing.items()):
            if not name:  # an edit that does not carry the name: the row has it
                with self.store.session() as s:
                    missing[sha] = str(s.scalar(select(TABLES["attachment"].c.filename)
                                                .where(TABLES["attachment"].c.sha256 == sha)
                                                .limit(1)) or sha[:12])
        return missing

    def _blobs_for(self, changes: list[Change]) -> dict[str, tuple[str, bytes]]:
        shas = {sha for c in changes if (sha := self._sha_of(c)) and self.blobs.has(sha)}
        if not shas:
            return {}
        with self.store.session() as s:
            kinds = dict(s.execute(select(BLOB.c.sha256, BLOB.c.kind)
                                   .where(BLOB.c.sha256.in_(list(shas)))).all())
        return {sha: (kinds.get(sha, "bin"), self.blobs.read(sha)) for sha in shas}

    def _push_unsynced(self, report: SyncReport) -> None:
        """Every local row the server does not have, whole, parents first."""
        with self.store.session() as s:
            total = sum(int(s.scalar(select(func.count()).select_from(TABLES[t])) or 0)
                        for t in TABLE_ORDER)
        done = 0
        held_rows, _entries = self._held()
        for table in TABLE_ORDER:
            t = TABLES[table]
            last: uuid.UUID | None = None
            while True:
                with self.store.session() as s:
                    stmt = select(t.c.id).order_by(t.c.id).limit(self.bulk_batch_size)
                    if last is not None:
                        stmt = stmt.where(t.c.id > last)
                    local_ids = list(s.scalars(stmt))
                if not local_ids:
                    break
                last = local_ids[-1]
                done += len(local_ids)
                with self.server.connect() as conn:
                    have = srv.existing_ids(conn, table, local_ids)
                ids = [i for i in local_ids if i not in have and (table, i) not in held_rows]
                if ids:
                    # the outbox first, then the rows as they are now: an edit made in
                    # between is either in the row sent or left in the outbox to push
                    covers = self._outbox_of(table, ids)
                    rows = self._rows(table, ids)
                    if held_rows:  # new rows referring to a held row are held with it
                        keep = []
                        for r in rows:
                            if local.refers(table, r, held_rows):
                                held_rows.add((table, r["id"]))
                            else:
                                keep.append(r)
                        rows = keep
                    if not rows:
                        continue
                    puts = [Change(uuid.uuid4(), table, r["id"], "put", 0, {}, {}, row=r,
                                   covers=covers.get(r["id"], [])) for r in rows]
                    missing_files = self._missing_files(puts)
                    if missing_files:  # those rows wait for their file (sent when it is back)
                        report.missing_files.update(missing_files)
                        puts = [c for c in puts if not self._needs(c, missing_files)]
                        if not puts:
                            continue
                    result = self._send(puts)
                    report.pushed += len(puts) - len(result.aliases)
                    report.merged += len(result.aliases)
                    report.rejected += len(result.rejected_new)
                    report.new_conflicts += result.conflicts
                self.progress(done, total, "上傳尚未同步的資料")

    def _rows(self, table: str, ids: list[uuid.UUID]) -> list[dict[str, Any]]:
        t = TABLES[table]
        out: list[dict[str, Any]] = []
        with self.store.session() as s:
            for chunk in srv.chunks(ids, 900):
                out.extend(dict(r._mapping) for r in s.execute(select(t).where(t.c.id.in_(chunk))))
        return out

    def _outbox_of(self, table: str, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
        out: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        with self.store.session() as s:
            for chunk in srv.chunks(ids, 500):
                # a decision on a conflict goes on its own (the server marks the conflict)
                for cid, rid in s.execute(select(OUTBOX.c.change_id, OUTBOX.c.row_id).where(
                        OUTBOX.c.table_name == table, OUTBOX.c.row_id.in_(chunk),
                        OUTBOX.c.action != "resolve")):
                    out[rid].append(cid)
        return out

    # --- pull -------------------------------------------------------------------------------
    def pull(self, report: SyncReport) -> None:
        cursor = int(self.store.meta(CURSOR_KEY, "0") or 0)
        first_pull = cursor == 0
        total = None
        self._refetch(report)
        while True:
            self.fault("pull:begin")
            with self.server.connect() as conn:
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    if total is None:
                        total = max(srv.last_seq(conn) - cursor, 0)
                    page = srv.read_page(conn, cursor, self.page_size, self._have_locally)
                self.fault("pull:fetched")
            if page is None:
                break
            with self.store.transaction() as s:
                s.merge(LocalMeta(key=CURSOR_KEY, value=str(page.last_seq)))
                s.flush()  # the write lock first: no local write slips in between
                pending = set(s.execute(select(OUTBOX.c.table_name, OUTBOX.c.row_id)).all())
                stuck = self._apply_page(s, page, pending, first_pull)
                if stuck:
                    local.add_refetch(s, stuck)
                    report.deferred += len(stuck)
                self.fault("pull:before_commit")
            self.fault("pull:after_commit")
            report.pulled += page.count
            cursor = page.last_seq
            self.progress(report.pulled, total or 0, "下載變更")
        try:
            with self.server.begin() as conn:
                srv.register_pull(conn, self.workstation, cursor)
        except Exception as exc:  # noqa: BLE001 - bookkeeping only
            if not srv.is_connection_error(exc):
                raise

    def _refetch(self, report: SyncReport) -> None:
        """Rows of the server an earlier pull could not apply (they collided with a new row
        of this PC waiting for a person): as the server has them now, if they fit now."""
        with self.store.session() as s:
            keys = local.refetch_list(s)
        if not keys:
            return
        wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
        for table, rid in keys:
            if table in TABLES:
                wanted[table].add(rid)
        rows: dict[str, dict[uuid.UUID, dict[str, Any]]] = defaultdict(dict)
        with self.server.connect() as conn:
            srv.fetch_rows(conn, wanted, rows)
        page = srv.Page(dict(rows), [], 0, 0)
        with self.store.transaction() as s:
            pending = set(s.execute(select(OUTBOX.c.table_name, OUTBOX.c.row_id)).all())
            stuck = self._apply_page(s, page, pending, False)
            # rows with changes waiting here come back after their push; keep asking for
            # those and for rows that still do not fit
            left = set(stuck) | {k for k in keys if k in pending}
            local.set_refetch(s, left)
        report.deferred = len(left)

    def _have_locally(self, table: str, ids: set[Any]) -> set[Any]:
        t = BLOB if table == "blob" else TABLES[table]
        key = t.c.sha256 if table == "blob" else t.c.id
        found: set[Any] = set()
        with self.store.session() as s:
            for chunk in srv.chunks(sorted(ids, key=str), 500):
                found.update(s.scalars(select(key).where(key.in_(chunk))))
        return found

    def _apply_page(self, s: Session, page: srv.Page, pending: set[tuple[str, uuid.UUID]],
                    first_pull: bool = False) -> list[tuple[str, uuid.UUID]]:
        """Write a page's rows; the rows that do not fit here (a natural key held by a new
        row of this PC that waits for a person, or a row referring to such a row) are
        returned, not written: the pull asks for them again later."""
        stuck: list[tuple[str, uuid.UUID]] = []
        if page.blobs:
            s.execute(sqlite_insert(BLOB).on_conflict_do_nothing(), page.blobs)
        for table in TABLE_ORDER:
            rows = [r for rid, r in page.rows.get(table, {}).items() if (table, rid) not in pending]
            if not rows:
                continue
            if table in CAPPED:
                self._touched.update(r["student_id"] for r in rows if r.get("student_id"))
            t = TABLES[table]
            if self.applied is not None:
                before: dict[Any, dict[str, Any]] = {}
                for chunk in srv.chunks([r["id"] for r in rows], 500):
                    before.update((r["id"], dict(r)) for r in
                                  s.execute(select(t).where(t.c.id.in_(chunk))).mappings())
                self.applied(s, table, rows, before, first_pull)
                s.flush()  # outside the savepoints below: a retry must not take them back
            stmt = sqlite_insert(t)
            stmt = stmt.on_conflict_do_update(
                index_elements=[t.c.id],
                set_={c: stmt.excluded[c] for c in t.columns.keys() if c != "id"})
            try:
                with s.begin_nested():
                    for chunk in srv.chunks(rows, 1000):
                        s.execute(stmt, chunk)
            except IntegrityError:
                # rows that only fit in their server order (a 學號 moved from one student to
                # another): apply one by one until every row is in, or none moves any more
                todo = rows
                while todo:
                    left = []
                    error: IntegrityError | None = None
                    for row in todo:
                        try:
                            with s.begin_nested():
                                s.execute(stmt, [row])
                        except IntegrityError as exc:
                            left.append(row)
                            error = exc
                    if len(left) == len(todo):
                        assert error is not None
                        stuck.extend((table, r["id"]) for r in left)
                        break
                    todo = left
        return stuck

    # --- conflicts --------------------------------------------------------------------------
    def refresh_conflicts(self, report: SyncReport) -> None:
        """Keep a copy of the open conflicts, for the 衝突 view when offline."""
        with self.server.connect() as conn:
            rows = srv.open_conflicts(conn)
            names = srv.workstation_names(conn)
        with self.store.transaction() as s:
            s.merge(LocalMeta(key=NAMES_KEY, value=json.dumps(names, ensure_ascii=False)))
            resolving: set[str] = set()
            for meta in s.scalars(select(OUTBOX.c.meta)):
                resolving.update(json.loads(meta).get("resolves") or ())
            s.execute(delete(LOCAL_CONFLICT))
            keep = [r for r in rows if str(r["id"]) not in resolving]
            if keep:
                s.execute(insert(LOCAL_CONFLICT), keep)
        report.open_conflicts = len(keep)

    # --- attachments on demand --------------------------------------------------------------
    def fetch_blob(self, sha256: str) -> Any:
        """The file of an attachment, fetched from the shared database when not here yet."""
        if self.blobs.has(sha256):
            return self.blobs.path(sha256)
        with _reachable(), self.server.connect() as conn:
            found = srv.blob_data(conn, sha256)
        if found is None:
            raise SyncError(f"共用資料庫沒有附件 {sha256[:12]}…，請上傳該附件的電腦再同步一次。")
        return self.blobs.write(sha256, found[1])


@contextmanager
def _reachable() -> Iterator[None]:
    """A dropped or refused connection becomes ServerUnreachable with the clerk's message."""
    try:
        yield
    except SyncError:
        raise
    except Exception as exc:
        if srv.is_auth_error(exc):
            raise srv.AuthenticationFailed(srv.AUTH_MESSAGE) from exc
        if srv.is_connection_error(exc):
            raise ServerUnreachable(srv.unreachable_message(exc)) from exc
        raise


def with_connection(engine: Engine, fn: Callable[[Connection], Any]) -> Any:
    with engine.connect() as conn:
        return fn(conn)
