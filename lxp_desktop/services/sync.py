"""Sync as the window and the command line use it: connection settings, a sync, its status.

The connection (URL without password, interval) is a fact of this workstation, kept in the
store's local metadata; the password is kept in the operating system's credential store
(keyring), never in a file.
"""

from __future__ import annotations

import json
import logging
import platform
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from lxp_desktop.domain.roc import Term as TermKey
from lxp_desktop.services import audit
from lxp_desktop.services.context import Actor
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store import anchors
from lxp_desktop.store.sync_models import OutboxChange, SyncConflict
from lxp_desktop.sync import anchor as server_anchor
from lxp_desktop.sync.blobs import BlobError as FetchedWrong
from lxp_desktop.sync.blobs import BlobFiles
from lxp_desktop.sync.codec import MODELS, same
from lxp_desktop.sync.engine import (
    LAST_AT_KEY,
    MISSING_FILES_KEY,
    Fault,
    Progress,
    Syncer,
    SyncReport,
)
from lxp_desktop.sync.server import SyncError as SyncError  # the doors catch it from here
from lxp_desktop.sync.server import (
    check_url,
    chunks,
    server_engine,
)

log = logging.getLogger(__name__)

URL_KEY = "sync_url"
#: the audit head this PC last left in the shared database ("seq:hash")
ANCHOR_SENT_KEY = "audit_anchor_sent"
CA_FILE_KEY = "sync_ca_file"
INTERVAL_KEY = "sync_interval_minutes"
KEYRING_SERVICE = "lxp-desktop"
DEFAULT_INTERVAL = 5


@dataclass(frozen=True)
class Connection:
    url: str  # without the password
    interval_minutes: int = DEFAULT_INTERVAL
    #: the school's CA certificate file the server's certificate is verified against
    ca_file: str | None = None


@dataclass(frozen=True)
class Status:
    configured: bool
    pending: int
    open_conflicts: int
    last_sync: datetime | None
    #: attachments whose file is not on this PC, so the last sync could not send them
    missing_files: tuple[str, ...] = ()
    #: per-student caps broken by records added on different PCs (one sentence each)
    breaches: tuple[str, ...] = ()


BREACHES_KEY = "sync_breaches"


def _account(url: str) -> str:
    return make_url(url).set(password=None).render_as_string(hide_password=False)


def get_connection(ws: Workspace) -> Connection | None:
    url = ws.store.meta(URL_KEY)
    if not url:
        return None
    return Connection(url, int(ws.store.meta(INTERVAL_KEY, str(DEFAULT_INTERVAL)) or 5),
                      ws.store.meta(CA_FILE_KEY) or None)


def save_connection(ws: Workspace, url: str, password: str | None,
                    interval_minutes: int = DEFAULT_INTERVAL,
                    ca_file: str | None = None) -> Connection:
    """Keep the URL (without its password) here and the password in the keyring."""
    url = check_url(url.strip())
    if ca_file:
        from pathlib import Path

        if not Path(ca_file).is_file():
            raise SyncError(f"找不到 CA 憑證檔：{ca_file}。請選擇學校發給的 CA 憑證檔（.crt 或 .pem）。")
    ws.store.set_meta(CA_FILE_KEY, ca_file or "")
    parsed = make_url(url)
    password = password or parsed.password
    plain = _account(url)
    if password:
        import keyring

        keyring.set_password(KEYRING_SERVICE, plain, password)
    ws.store.set_meta(URL_KEY, plain)
    ws.store.set_meta(INTERVAL_KEY, str(max(1, int(interval_minutes))))
    return Connection(plain, interval_minutes, ca_file or None)


def password_for(url: str) -> str | None:
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, _account(url))
    except Exception:  # noqa: BLE001 - no usable credential store: connect without
        return None


def status(ws: Workspace) -> Status:
    with ws.read() as s:
        pending = int(s.scalar(select(func.count()).select_from(OutboxChange)) or 0)
        conflicts = int(s.scalar(select(func.count()).select_from(SyncConflict)
                                 .where(SyncConflict.status == "open")) or 0)
    last = ws.store.meta(LAST_AT_KEY)
    missing = json.loads(ws.store.meta(MISSING_FILES_KEY) or "{}")
    breaches = json.loads(ws.store.meta(BREACHES_KEY) or "{}")
    return Status(bool(ws.store.meta(URL_KEY)), pending, conflicts,
                  datetime.fromisoformat(last) if last else None,
                  tuple(sorted(missing.values())), tuple(sorted(breaches.values())))


def recheck_caps(ws: Workspace, touched: Iterable[uuid.UUID]) -> list[str]:
    """After a pull: the per-student caps (多元表現 per 學年度, 課程學習成果 per term) of the
    students it touched and of those over a cap before; what breaks one is kept for the
    status bar (and the 預檢 reports it as a finding), naming the student and the PCs."""
    from lxp_desktop.services import precheck
    from lxp_desktop.services import settings as school_settings
    from lxp_desktop.store.models import Outcome, Performance, Student

    before = json.loads(ws.store.meta(BREACHES_KEY) or "{}")
    ids = {uuid.UUID(k) for k in before} | set(touched)
    found: dict[str, str] = {}
    with ws.read() as s:
        names = precheck.workstation_names(s)
        caps = ((Performance, (Performance.school_year,),
                 school_settings.get(s, "performances_per_year"), "多元表現", "項"),
                (Outcome, (Outcome.school_year, Outcome.semester),
                 school_settings.get(s, "outcomes_per_term"), "課程學習成果", "件"))
        for chunk in chunks(sorted(ids), 500):
            for model, keys, cap, label, unit in caps:
                stmt = (select(model.student_id, *keys, func.count())
                        .where(model.student_id.in_(chunk), model.deleted.is_(False))
                        .group_by(model.student_id, *keys).having(func.count() > cap))
                for sid, *key, n in s.execute(stmt):
                    st = s.get(Student, sid)
                    origins = set(s.scalars(select(model.origin).where(
                        model.student_id == sid, model.deleted.is_(False),
                        *(k == v for k, v in zip(keys, key, strict=True))).distinct()))
                    when = (f"{key[0]} 學年度" if len(key) == 1
                            else TermKey(key[0], key[1]).label)
                    who = f"{st.student_no} {st.name}" if st is not None else str(sid)[:8]
                    found[str(sid)] = (
                        f"{who}：{when}{label} {n} {unit}，超過上限 {cap} {unit}"
                        f"（{precheck.pcs_text(origins, names)}各自新增，同步後合計）")
    ws.store.set_meta(BREACHES_KEY, json.dumps(found, ensure_ascii=False))
    return sorted(found.values())


PULL_SOURCE = "同步：來自共用資料庫"


def audit_pulled(session: Session, table: str, rows: list[dict[str, Any]],
                 before: dict[Any, dict[str, Any]], first_pull: bool, *,
                 workstation: str = "") -> None:
    """The audit log of what a pull writes, in its transaction: each new or changed row an
    entry under the person and computer that made the change (its ``updated_by`` and
    ``origin``), with the fields that changed here. The first copy of the shared database
    into a workstation is one entry per table and page, not one per row."""
    session.info[audit.BATCH_ROWS] = []  # collected, then one bulk insert
    try:
        if first_pull:
            actor = Actor(None, "", frozenset(), workstation, source=PULL_SOURCE)
            audit.record(session, actor, table, "（整批）", "sync",
                         {"rows": (None, len(rows))})
        else:
            for row in rows:
                _audit_pulled_row(session, table, row, before.get(row["id"]))
        audit.insert_pending(session)
    finally:
        session.info.pop(audit.BATCH_ROWS, None)


def _audit_pulled_row(session: Session, table: str, row: dict[str, Any],
                      old: dict[str, Any] | None) -> None:
    editable = MODELS[table].EDITABLE
    changes: dict[str, tuple[Any, Any]]
    if old is None:
        action = "create"
        changes = {f: (None, row[f]) for f in editable if row.get(f) is not None}
    else:
        changes = {f: (old[f], row[f]) for f in (*editable, "deleted")
                   if f in row and not same(old[f], row[f])}
        if "password_hash" in row and not same(old.get("password_hash"), row["password_hash"]):
            changes["password"] = ("（不記錄）", "（已變更）")  # never the hash itself
        if not changes:
            return  # this workstation's own change coming back, or nothing a person sees
        deleted = changes.get("deleted")
        action = ("delete" if deleted == (False, True) else "restore" if deleted
                  else "password" if list(changes) == ["password"] else "update")
    actor = Actor(row.get("updated_by"), "", frozenset(), str(row.get("origin") or ""),
                  source=PULL_SOURCE)
    audit.record(session, actor, table, row["id"], action, changes, row.get("updated_at"))


def fetch_attachment(ws: Workspace, sha256: str, blobs: BlobFiles | None = None) -> bool:
    """Download the file of an attachment this PC has the row of but not the bytes yet (it
    was attached on another PC), checked against its hash. False when no shared database is
    configured; SyncError (or ServerUnreachable) with the reason when it cannot be had."""
    return fetch_attachments(ws, [sha256], blobs) is not None


def fetch_attachments(ws: Workspace, shas: Iterable[str],
                      blobs: BlobFiles | None = None) -> int | None:
    """Download those of ``shas`` this PC lacks, through one engine (its pooled connection):
    how many were fetched (None when no shared database is configured). Errors as
    ``fetch_attachment``."""
    conn = get_connection(ws)
    if conn is None:
        return None
    blobs = blobs or BlobFiles()
    wanted = sorted({sha for sha in shas if not blobs.has(sha)})
    if not wanted:
        return 0
    engine = server_engine(conn.url, password_for(conn.url), conn.ca_file)
    try:
        syncer = Syncer(ws.store, engine, blobs=blobs)
        for sha in wanted:
            syncer.fetch_blob(sha)
    except FetchedWrong as exc:  # bytes that do not match the hash: refused, not written
        raise SyncError(str(exc)) from exc
    finally:
        engine.dispose()
    return len(wanted)


def fetch_term_files(ws: Workspace, term: TermKey) -> str | None:
    """Before a check or an export: the files of the term's packages that were attached on
    other PCs, from the shared database. A sentence for the clerk when some could not be had
    (the check then reports each missing file); None otherwise."""
    from lxp_desktop.services import precheck

    if get_connection(ws) is None:
        return None  # a PC on its own: its files are all here
    with ws.read() as s:
        needed = precheck.files_needed(s, term)
    try:
        fetch_attachments(ws, needed)
    except SyncError as exc:
        return "附件未能從共用資料庫下載：" + str(exc)
    return None


def sync_workspace(ws: Workspace, url: str | None = None, *, fault: Fault | None = None,
                   progress: Progress | None = None, name: str | None = None,
                   recover: bool = False, ca_file: str | None = None,
                   **options: Any) -> SyncReport:
    """Push then pull with the shared database (the configured one unless ``url`` is given).

    ``recover``: the shared database was restored from a backup (``ServerRestored``); send
    it what it lacks from here, then take all of it again."""
    conn = get_connection(ws)
    if url is None:
        if conn is None:
            raise SyncError("尚未設定共用資料庫：請在「工具 › 共用資料庫設定」輸入連線資料，"
                            "或以 --server 指定網址。")
        url = conn.url
    ca_file = ca_file or (conn.ca_file if conn is not None else None)
    engine = server_engine(url, password_for(url), ca_file)
    try:
        report = Syncer(ws.store, engine, name=name or platform.node() or None, fault=fault,
                        progress=progress,
                        applied=partial(audit_pulled, workstation=ws.store.workstation_id),
                        recover=recover, **options).sync()
        try:  # the data is in sync whatever happens to the anchor; the next sync retries
            problem = anchor_audit_chain(ws, engine)
        except Exception:  # noqa: BLE001 - logged; the report of the sync stands
            log.warning("the audit anchor could not be left in the shared database",
                        exc_info=True)
        else:
            if problem:
                log.warning("audit anchor kept on the server: %s", problem)
    finally:
        engine.dispose()
    report.breaches = recheck_caps(ws, report.touched_students)
    if report.adopted_empty_store:
        # the new store took the school's accounts instead of its own first administrator:
        # whoever works here now signs in with their school account
        ws.lock()
    return report


def school_differences(report: SyncReport) -> list[str]:
    """A PC that joined with its own school data: what it took from the school, one line each."""
    from lxp_desktop.services.school import schools

    labels = {f.key: f.label for f in schools.fields()}
    return [f"{labels.get(field, field)}：本機「{mine or ''}」→ 學校「{theirs or ''}」"
            for field, mine, theirs in report.school_differences]


def finish_joining(ws: Workspace) -> SyncReport:
    """The sync that completes a PC's first copy of the school (from the sign-in dialog)."""
    return sync_workspace(ws)


# --- the audit chain's anchor in the shared database ---------------------------------------
def anchor_audit_chain(ws: Workspace, engine: Any) -> str | None:
    """Leave this PC's audit head in the shared database (after a sync). When the head kept
    there does not fit the local chain any more (newest entries deleted, the chain
    rewritten), it is kept as evidence and the sentence saying so is returned."""
    with ws.read() as s:
        head = anchors.current_head(s)
    if head is None or ws.store.meta(ANCHOR_SENT_KEY) == f"{head.seq}:{head.hash}":
        return None  # nothing written since the last sync left it there: no round trip
    with ws.read() as s:
        restores = audit.restore_points(s)

        def fits(anchor: anchors.Anchor) -> bool:
            return not audit.hold_against(s, anchor, head, restores).problem

        with engine.begin() as conn:
            kept = server_anchor.advance(conn, ws.store.workstation_id, head, fits)
        if kept is None:
            ws.store.set_meta(ANCHOR_SENT_KEY, f"{head.seq}:{head.hash}")
            return None
        return audit.hold_against(s, kept, head, restores).text()


def server_audit_anchor(ws: Workspace) -> tuple[anchors.Anchor | None, str | None]:
    """This PC's audit head as the shared database keeps it, or why it could not be read
    (None, None when the PC does not sync)."""
    conn = get_connection(ws)
    if conn is None:
        return None, None
    engine = server_engine(conn.url, password_for(conn.url), conn.ca_file)
    try:
        with engine.connect() as c:
            return server_anchor.read(c, ws.store.workstation_id), None
    except Exception as exc:  # noqa: BLE001 - unreachable, refused, older schema: say so
        log.warning("the shared database's audit anchor could not be read", exc_info=exc)
        return None, ("無法向共用資料庫比對稽核紀錄的錨點（連不上或版本不同），"
                      "請連上學校網路後再檢查一次。")
    finally:
        engine.dispose()
