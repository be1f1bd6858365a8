"""The shared PostgreSQL database: prepare it, check its schema, apply pushed changes, read pages.

Plain PostgreSQL, no daemon of ours: a workstation does all of this through its own
connection. Pushes are serialised with an advisory transaction lock, so change sequence
numbers commit in order and a pull never skips a change committed late.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    UniqueConstraint,
    any_,
    bindparam,
    case,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from lxp_desktop.domain.errors import UserError
from lxp_desktop.store.db import current_revision, head_revision, known_revisions, make_engine
from lxp_desktop.store.models import Blob, utcnow
from lxp_desktop.store.sync_models import (
    AppliedChange,
    RowSequence,
    ServerBlob,
    SyncConflict,
    SyncServer,
    SyncWorkstation,
)
from lxp_desktop.sync.codec import TABLE_ORDER, TABLES, decode, dumps, field_columns, same

#: changes that carry a whole row under a new id of their own (standing for outbox changes)
WHOLE = ("put", "recover")
#: the advisory lock that serialises pushes (any constant; "LXPS")
PUSH_LOCK = 0x4C585053

APPLIED = AppliedChange.__table__
ROWSEQ = RowSequence.__table__
CONFLICT = SyncConflict.__table__
SERVER = SyncServer.__table__
WORKSTATION = SyncWorkstation.__table__
BLOB = Blob.__table__
SBLOB = ServerBlob.__table__


class SyncError(UserError):
    """Sync cannot go on; the message is for the clerk (Traditional Chinese)."""


class ServerUnreachable(SyncError):
    """The shared database could not be reached (or the connection broke); nothing was lost."""


class SchemaMismatch(SyncError):
    """The shared database and this app are of different schema revisions."""


class AuthenticationFailed(SyncError):
    """The shared database refused the account or its password (not a network problem)."""


#: the server's words for a refused account (libpq passes them on as text)
_AUTH_TEXT = ("password authentication failed", "authentication failed",
              "no pg_hba.conf entry", "password is required", "no password supplied")
INSECURE_MODES = ("disable", "allow", "prefer", "require")


def masked(url: str) -> str:
    """``url`` with any password in it replaced (for messages and logs)."""
    import re

    return re.sub(r"(://[^:/@?#]*:)[^@/?#]*@", r"\1***@", url)


def tls_mode(url: str) -> str:
    """The sslmode a connection to ``url`` uses (verify-full unless it says otherwise)."""
    return str(make_url(check_url(url)).query.get("sslmode") or "verify-full")


def insecure_warning(url: str) -> str | None:
    """A warning when the connection does not verify the server's certificate."""
    parsed = make_url(check_url(url))
    host = parsed.host or str(parsed.query.get("host") or "")
    if host.startswith("/") or not host:
        return None  # a unix socket on the server itself: no network to listen on
    mode = tls_mode(url)
    if mode in INSECURE_MODES:
        return (f"警告：與共用資料庫的連線未驗證伺服器憑證（sslmode={mode}），學生個人資料與密碼"
                "可能在網路上被竊聽或被冒充的伺服器取得。請改用 verify-full 與學校的 CA 憑證檔。")
    return None


def is_auth_error(exc: BaseException) -> bool:
    current: BaseException | None = exc
    for _ in range(5):
        if current is None:
            return False
        text = str(getattr(current, "orig", current) or "")
        if _is_connection_error(current) and (
                any(t in text for t in _AUTH_TEXT)
                or ('role "' in text and "does not exist" in text)):
            return True
        current = current.__cause__ or current.__context__
    return False


AUTH_MESSAGE = ("共用資料庫拒絕了這個帳號或密碼（或這台電腦不在允許連線的名單）。請確認「共用資料庫設定」"
                "的帳號與密碼，或請管理者檢查帳號與 pg_hba.conf；本機資料未受影響。")


class ServerRestored(SyncError):
    """The shared database went back in time (restored from a backup): this workstation stops
    until a person starts the recovery (``Syncer(recover=True)``, ``sync --recover``)."""


def check_url(url: str) -> str:
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001 - any unparsable text
        raise SyncError(f"共用資料庫網址格式不正確：{masked(url)}。"
                        "例：postgresql+psycopg://帳號@主機/資料庫") from exc
    if not parsed.drivername.startswith("postgresql"):
        raise SyncError("共用資料庫須為 PostgreSQL，網址以 postgresql+psycopg:// 開頭。")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def server_engine(url: str, password: str | None = None, ca_file: str | None = None) -> Engine:
    """An engine on the shared database with the time limits of ``sync/limits.py``; TLS
    with the server's certificate verified against the school's CA file (``verify-full``)
    unless the URL says otherwise (``insecure_warning`` words the risk)."""
    import logging

    from lxp_desktop.sync import limits

    parsed = make_url(check_url(url))
    if password and not parsed.password:
        parsed = parsed.set(password=password)
    query = dict(parsed.query)
    query.setdefault("sslmode", "verify-full")
    if ca_file and "sslrootcert" not in query:
        query["sslrootcert"] = ca_file
    parsed = parsed.set(query=query)
    warning = insecure_warning(url)
    if warning:
        logging.getLogger(__name__).warning(warning)
    engine = make_engine(parsed, pool_pre_ping=True, pool_size=2, max_overflow=2,
                         connect_args=limits.connect_args())
    limits.ReadTimeout(limits.READ_TIMEOUT).install(engine)
    return engine


@dataclass(frozen=True)
class ServerInfo:
    server_id: uuid.UUID
    revision: str
    last_seq: int
    epoch: uuid.UUID | None = None


def init_server(engine: Engine) -> ServerInfo:
    """Prepare an empty database (or upgrade an older one) to this app's schema revision."""
    from lxp_desktop.store.db import upgrade

    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise SchemaMismatch(
            f"共用資料庫的版本（{current}）比本程式新，請先更新這台電腦的 LXP Desktop。")
    upgrade(engine)
    head = head_revision()
    with engine.begin() as conn:
        row = conn.execute(select(SERVER).where(SERVER.c.id == 1)).first()
        if row is None:
            conn.execute(insert(SERVER).values(id=1, server_id=uuid.uuid4(),
                                               schema_revision=head, last_seq=0,
                                               created_at=utcnow(), epoch=uuid.uuid4()))
        else:
            values: dict[str, Any] = {"schema_revision": head}
            if row.epoch is None:
                values["epoch"] = uuid.uuid4()
            conn.execute(update(SERVER).where(SERVER.c.id == 1).values(values))
    from lxp_desktop.sync import limits

    limits.apply_server_settings(engine)
    return handshake(engine)


def mark_restored(engine: Engine) -> ServerInfo:
    """After the database was restored from a backup: a new epoch, so that every workstation
    stops at its next sync and re-sends what the backup lacks (``server restored``)."""
    handshake(engine)  # a prepared database of this revision
    with engine.begin() as conn:
        conn.execute(update(SERVER).where(SERVER.c.id == 1).values(epoch=uuid.uuid4()))
    return handshake(engine)


def has_change(conn: Connection, change_id: uuid.UUID) -> bool:
    """Whether the shared database remembers applying this change (a restore forgets)."""
    return conn.scalar(select(APPLIED.c.seq).where(APPLIED.c.change_id == change_id)) is not None


def versions(conn: Connection, table: str, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    t = TABLES[table]
    return dict(conn.execute(select(t.c.id, t.c.version).where(_in(t.c.id, ids))).all())


def handshake(engine_or_conn: Engine | Connection) -> ServerInfo:
    """The server's id and revision; refuses a server of another schema revision."""
    head = head_revision()
    try:
        if isinstance(engine_or_conn, Engine):
            with engine_or_conn.connect() as conn:
                row = _server_row(conn)
        else:
            row = _server_row(engine_or_conn)
    except SyncError:
        raise
    except Exception as exc:  # noqa: BLE001 - not prepared, or not our database
        if is_auth_error(exc):
            raise AuthenticationFailed(AUTH_MESSAGE) from exc
        if is_connection_error(exc):
            raise ServerUnreachable(unreachable_message(exc)) from exc
        raise SchemaMismatch(
            "這個共用資料庫尚未準備好（不是 LXP Desktop 的資料庫）。請由管理者執行 "
            "lxp-desktop server init --url … 後再同步。") from exc
    if row is None:
        raise SchemaMismatch("這個共用資料庫尚未準備好。請由管理者執行 lxp-desktop server init --url … 後再同步。")
    revision = row.schema_revision
    if revision != head:
        if revision in known_revisions():
            raise SchemaMismatch(
                f"共用資料庫的版本（{revision}）比本程式（{head}）舊：請先以新版執行 "
                "lxp-desktop server init --url … 升級共用資料庫，再同步。")
        raise SchemaMismatch(
            f"共用資料庫的版本（{revision}）比本程式（{head}）新：請先更新這台電腦的 "
            "LXP Desktop，再同步。")
    return ServerInfo(row.server_id, revision, int(row.last_seq), row.epoch)


def _server_row(conn: Connection) -> Any:
    return conn.execute(select(SERVER).where(SERVER.c.id == 1)).first()


def is_connection_error(exc: BaseException) -> bool:
    """A dropped, refused or timed-out connection (also when it surfaces as the failed
    clean-up of a transaction whose connection broke)."""
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 5:
        if _is_connection_error(current):
            return True
        current = current.__cause__ or current.__context__
        seen += 1
    return False


def _is_connection_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if isinstance(exc, OperationalError | InterfaceError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover
        return False
    return isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError)


def unreachable_message(exc: BaseException) -> str:
    current: BaseException | None = exc
    for _ in range(5):  # the connection error itself, not a clean-up failing after it
        if current is None or _is_connection_error(current):
            break
        current = current.__cause__ or current.__context__
    exc = current or exc
    text = str(getattr(exc, "orig", exc) or "")
    if "root certificate file" in text or "certificate verify failed" in text:
        return ("無法驗證共用資料庫的憑證：請在「共用資料庫設定」選擇學校的 CA 憑證檔（命令列："
                "--ca-file），或請管理者確認伺服器憑證與主機名稱相符。本機資料未受影響。")
    state = getattr(getattr(exc, "orig", exc), "sqlstate", None)
    if state in ("55P03", "57014"):  # lock_timeout, statement_timeout
        return ("共用資料庫忙碌（其他電腦正在上傳，或連線太慢），這次同步未完成。本機資料未受影響，"
                "稍後會再同步。")
    detail = str(getattr(exc, "orig", exc) or exc).strip().splitlines()
    first = detail[0] if detail else type(exc).__name__
    return f"無法連上共用資料庫（{first}）。本機資料未受影響，可繼續離線作業，稍後再同步。"


# --- push -------------------------------------------------------------------------------


@dataclass
class Change:
    """One change as pushed: a field change of a row, or a whole new row (``put``)."""

    change_id: uuid.UUID
    table: str
    row_id: uuid.UUID
    action: str  # create, update, delete, restore, resolve, put, recover
    base_version: int
    fields: dict[str, tuple[Any, Any]]  # decoded (old, new)
    meta: dict[str, Any]
    row: dict[str, Any] | None = None  # a put: every column
    covers: list[uuid.UUID] = field(default_factory=list)  # outbox changes a put stands for
    raw: str | None = None  # the change's JSON as captured


@dataclass
class BatchResult:
    done: set[uuid.UUID] = field(default_factory=set)  # applied now or before
    #: new rows the shared database could not take (kept whole in a conflict); the
    #: workstation keeps its copy, held back with its dependants until a person decides
    rejected_new: list[tuple[str, uuid.UUID]] = field(default_factory=list)
    #: new rows that turned out to be a row the shared database already has (the same
    #: natural key, the same values): (table, local id) → that row, as it is there
    aliases: dict[tuple[str, uuid.UUID], dict[str, Any]] = field(default_factory=dict)
    #: changes that refer to a row the shared database does not have (yet): left in the
    #: workstation's outbox, sent again later
    deferred: set[uuid.UUID] = field(default_factory=set)
    #: changes to rows the shared database does not have: send the whole row first
    missing: set[uuid.UUID] = field(default_factory=set)
    conflicts: int = 0
    duplicates: int = 0
    #: the server sequence numbers this batch took, and whether the rows now on the server
    #: are exactly those sent (new rows taken whole): then the sender need not pull them back
    first_seq: int = 0
    last_seq: int = 0
    echo_only: bool = False


class _Batch:
    """Working state of one push transaction."""

    def __init__(self, conn: Connection, workstation: str) -> None:
        self.conn = conn
        self.workstation = workstation
        self.state: dict[tuple[str, uuid.UUID], dict[str, Any] | None] = {}
        self.existing: set[tuple[str, uuid.UUID]] = set()
        self.dirty: dict[tuple[str, uuid.UUID], None] = {}
        self.touched: dict[tuple[str, uuid.UUID], None] = {}
        self.applied: list[dict[str, Any]] = []
        self.conflicts: list[dict[str, Any]] = []
        self.resolved: list[tuple[uuid.UUID, str | None]] = []
        self.aliases: dict[tuple[str, uuid.UUID], uuid.UUID] = {}
        self.result = BatchResult()

    # reading
    def load(self, changes: Sequence[Change]) -> None:
        wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
        for c in changes:
            if c.action == "put":
                # a row the server did not have a moment ago, under an id made on one PC:
                # nothing to lock (the insert skips it if it arrived meanwhile)
                self.state.setdefault((c.table, c.row_id), None)
            elif c.table in TABLES and (c.table, c.row_id) not in self.state:
                wanted[c.table].add(c.row_id)
        for table, ids in wanted.items():
            t = TABLES[table]
            for chunk in chunks(sorted(ids), 5000):
                for row in self.conn.execute(select(t).where(_in(t.c.id, chunk))
                                             .with_for_update()):
                    key = (table, row.id)
                    self.state[key] = dict(row._mapping)
                    self.existing.add(key)
            for rid in ids:
                self.state.setdefault((table, rid), None)

    # deciding
    def process(self, c: Change) -> None:
        key = (c.table, c.row_id)
        if c.action == "resolve":
            self._resolves(c)
            self._applied(c, "resolved")
            return
        cur = self.state.get(key)
        if c.action == "recover":
            # after a restore: the workstation's row where the server lacks it or holds an
            # older version of it; otherwise the outbox changes go as usual
            row = dict(c.row or {})
            if cur is None or int(cur["version"]) < int(row["version"]):
                if cur is None:
                    self.state[key] = row
                else:
                    cur.update(row)
                self.dirty[key] = None
                self.touched[key] = None
                for covered in c.covers:
                    self._applied(c, "covered", change_id=covered)
            return
        if c.action == "put":
            if cur is None:
                self.state[key] = dict(c.row or {})
                self.dirty[key] = None
                self.touched[key] = None
                for covered in c.covers:
                    self._applied(c, "covered", change_id=covered)
            # a put is not itself recorded: the covered outbox changes are
            return
        if cur is None:
            if c.action != "create":
                self.result.missing.add(c.change_id)
                return
            new = {name: None for name in TABLES[c.table].columns.keys()}
            new.update({f: v for f, (_o, v) in c.fields.items()})
            new.update(id=c.row_id, version=1, deleted=bool(new.get("deleted") or False))
            self._stamp(new, c)
            self.state[key] = new
            self.dirty[key] = None
            self.touched[key] = None
            self._resolves(c)
            self._applied(c, "applied")
            return
        moved = cur["version"] != c.base_version
        wrote = False
        conflicted = False
        fields = dict(c.fields)
        if c.action == "delete" and not cur["deleted"] and moved:
            # a delete against an edit made elsewhere since: a person decides
            fields.pop("deleted", None)
            self._conflict(c, "deleted", "deleted", False, False, True)
            conflicted = True
        elif cur["deleted"] and "deleted" not in fields and fields:
            # an edit against a delete: the row stays deleted, the edit is kept (and merged)
            self._conflict(c, "deleted", "deleted", False, True, False)
            conflicted = True
        for name, (old, new) in fields.items():
            server_value = cur.get(name)
            if same(server_value, new):
                continue
            if same(server_value, old):
                cur[name] = new
                wrote = True
            else:
                self._conflict(c, "field", name, old, server_value, new)
                conflicted = True
        if wrote:
            cur["version"] += 1
            self._stamp(cur, c)
            self.dirty[key] = None
        self.touched[key] = None
        self._resolves(c)
        self._applied(c, "conflict" if conflicted else ("applied" if wrote else "merged"))

    def _stamp(self, row: dict[str, Any], c: Change) -> None:
        at = c.meta.get("updated_at")
        row["updated_at"] = decode(c.table, "updated_at", at) if at else utcnow()
        row["updated_by"] = c.meta.get("updated_by")
        row["origin"] = c.meta.get("origin") or self.workstation

    def _conflict(self, c: Change, kind: str, name: str | None, base: Any, server: Any,
                  local: Any) -> None:
        self.conflicts.append({
            "id": uuid.uuid4(), "kind": kind, "table_name": c.table, "row_id": c.row_id,
            "field": name, "base_value": dumps(base), "server_value": dumps(server),
            "local_value": dumps(local), "local_changes": c.raw or dumps(
                {k: list(v) for k, v in c.fields.items()}),
            "change_id": c.change_id, "workstation": self.workstation,
            "staff_id": c.meta.get("updated_by"), "detail": None, "created_at": utcnow(),
            "status": "open", "resolution": None, "resolved_by": None, "resolved_at": None,
        })
        self.result.conflicts += 1

    def reject(self, c: Change, reason: str, match: dict[str, Any] | None = None,
               key: tuple[str, ...] = ()) -> None:
        """A change the database refused (a 學號 already used …): kept whole in a conflict.

        A new row refused is a ``duplicate`` (``match``: the row of the shared database with
        the same ``key``) or ``refused``; an edit of a row the shared database has stays a
        ``rejected`` edit (the row is pulled back as it is there)."""
        is_new = (c.table, c.row_id) not in self.existing
        kind = "rejected" if not is_new else ("duplicate" if match is not None else "refused")
        server_value = None
        if match is not None:
            server_value = dumps({"id": match["id"], **{k: match.get(k) for k in key}})
        self.conflicts.append({
            "id": uuid.uuid4(), "kind": kind, "table_name": c.table, "row_id": c.row_id,
            "field": key[-1] if key else None, "base_value": None,
            "server_value": server_value, "local_value": None,
            "local_changes": c.raw or dumps(
                c.row if c.row is not None else {k: list(v) for k, v in c.fields.items()}),
            "change_id": c.change_id, "workstation": self.workstation,
            "staff_id": c.meta.get("updated_by"), "detail": reason, "created_at": utcnow(),
            "status": "open", "resolution": None, "resolved_by": None, "resolved_at": None,
        })
        self.result.conflicts += 1
        key = (c.table, c.row_id)
        if key in self.existing:
            self.touched[key] = None  # the workstation pulls the row back as it is here
        else:
            self.result.rejected_new.append(key)
        for cid in [c.change_id, *c.covers]:
            self._applied(c, "rejected", change_id=cid)

    def alias(self, c: Change, target: dict[str, Any]) -> None:
        """A new row that is a row the shared database already has: recorded as that row."""
        self.aliases[(c.table, c.row_id)] = target["id"]
        self.result.aliases[(c.table, c.row_id)] = target
        note = dumps({"alias": target["id"]})
        for cid in [c.change_id, *c.covers]:
            self.applied.append({"change_id": cid, "workstation": self.workstation,
                                 "table_name": c.table, "row_id": c.row_id, "seq": 0,
                                 "result": "aliased", "changes": note,
                                 "applied_at": utcnow()})
            self.result.done.add(cid)

    def rewrite(self, c: Change) -> None:
        """Refer to the shared database's rows instead of new rows found to be the same."""
        if not self.aliases:
            return
        for col, parent in _references(c.table, c.row or {k: v[1] for k, v in c.fields.items()}):
            values = c.row if c.row is not None else None
            new = values[col] if values is not None else c.fields[col][1]
            target = self.aliases.get((parent, new)) if new is not None else None
            if target is None:
                continue
            if values is not None:
                values[col] = target
            else:
                old = c.fields[col][0]
                c.fields[col] = (old, target)

    def new_row(self, c: Change) -> dict[str, Any] | None:
        """The whole row a create or put would add (None for other changes)."""
        if c.action in ("put", "recover"):
            return dict(c.row or {})
        if c.action != "create":
            return None
        row = {name: None for name in TABLES[c.table].columns.keys()}
        row.update({f: v for f, (_o, v) in c.fields.items()})
        row.update(id=c.row_id, deleted=bool(row.get("deleted") or False))
        return row

    def _resolves(self, c: Change) -> None:
        for cid in c.meta.get("resolves") or ():
            self.resolved.append((uuid.UUID(cid), c.meta.get("updated_by")))

    def _applied(self, c: Change, result: str, change_id: uuid.UUID | None = None) -> None:
        cid = change_id or c.change_id
        self.applied.append({"change_id": cid, "workstation": self.workstation,
                             "table_name": c.table, "row_id": c.row_id, "seq": 0,
                             "result": result,
                             "changes": c.raw if change_id is None else None,
                             "applied_at": utcnow()})
        self.result.done.add(cid)

    # writing
    def write(self, last_seq: int) -> int:
        conn = self.conn
        by_table_new: dict[str, list[dict[str, Any]]] = defaultdict(list)
        by_table_upd: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for key in self.dirty:
            row = self.state[key]
            assert row is not None
            (by_table_new if key not in self.existing else by_table_upd)[key[0]].append(row)
        for table in TABLE_ORDER:
            t = TABLES[table]
            if by_table_new.get(table):
                conn.execute(pg_insert(t).on_conflict_do_nothing(index_elements=[t.c.id]),
                              by_table_new[table])
            if by_table_upd.get(table):
                cols = [c for c in t.columns.keys() if c != "id"]
                stmt = update(t).where(t.c.id == bindparam("b_id")).values(
                    {c: bindparam("b_" + c) for c in cols})
                conn.execute(stmt, [{"b_" + k: v for k, v in r.items()}
                                    for r in by_table_upd[table]])
        self.existing.update(self.dirty)
        self.dirty.clear()
        seqs = []
        seq_of: dict[tuple[str, uuid.UUID], int] = {}
        for key in self.touched:
            last_seq += 1
            seq_of[key] = last_seq
            seqs.append({"table_name": key[0], "row_id": key[1], "seq": last_seq})
        self.touched.clear()
        if seqs:
            # one statement for the whole batch (unnest of three arrays)
            conn.execute(text(
                "INSERT INTO sync_row_seq (table_name, row_id, seq) "
                "SELECT * FROM unnest(CAST(:t AS text[]), CAST(:r AS uuid[]), "
                "CAST(:s AS bigint[])) "
                "ON CONFLICT (table_name, row_id) DO UPDATE SET seq = EXCLUDED.seq"),
                {"t": [x["table_name"] for x in seqs], "r": [x["row_id"] for x in seqs],
                 "s": [x["seq"] for x in seqs]})
        self.result.first_seq = self.result.first_seq or (seqs[0]["seq"] if seqs else 0)
        self.result.last_seq = last_seq
        for a in self.applied:
            a["seq"] = seq_of.get((a["table_name"], a["row_id"]), last_seq)
        if self.applied:
            conn.execute(insert(APPLIED), self.applied)
            self.applied = []
        if self.conflicts:
            conn.execute(insert(CONFLICT), self.conflicts)
            self.conflicts = []
        for cid, staff in self.resolved:
            conn.execute(update(CONFLICT).where(CONFLICT.c.id == cid,
                                                CONFLICT.c.status == "open")
                         .values(status="resolved", resolution="edited", resolved_by=staff,
                                 resolved_at=utcnow()))
        self.resolved = []
        return last_seq


def lock_pushes(conn: Connection) -> None:
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PUSH_LOCK})


def push_blobs(conn: Connection, blobs: dict[str, tuple[str, bytes]]) -> None:
    """Attachments' bytes, before the rows that refer to them (in the same transaction)."""
    if not blobs:
        return
    have = set(conn.scalars(select(BLOB.c.sha256).where(BLOB.c.sha256.in_(list(blobs)))))
    now = utcnow()
    for sha, (kind, data) in blobs.items():
        if sha in have:
            continue
        conn.execute(insert(BLOB).values(sha256=sha, kind=kind, size=len(data), created_at=now))
        conn.execute(insert(SBLOB).values(sha256=sha, kind=kind, size=len(data), data=data,
                                          created_at=now))


def apply_batch(conn: Connection, workstation: str, changes: Sequence[Change],
                name: str | None = None) -> BatchResult:
    """Apply one batch inside the caller's transaction (already holding the push lock).

    Each change is applied once: changes whose ids the server remembers are skipped. When a
    change breaks a constraint, the batch is redone one change per savepoint and the
    refused change goes to the conflict queue whole.
    """
    ids = [c.change_id for c in changes if c.action not in WHOLE]  # their own ids are new
    for c in changes:
        ids.extend(c.covers)
    seen: set[uuid.UUID] = set()
    aliased: list[tuple[str, uuid.UUID, uuid.UUID]] = []
    for chunk in chunks(ids, 5000):
        for cid, result, table, rid, note in conn.execute(
                select(APPLIED.c.change_id, APPLIED.c.result, APPLIED.c.table_name,
                       APPLIED.c.row_id,
                       case((APPLIED.c.result == "aliased", APPLIED.c.changes), else_=None))
                .where(_in(APPLIED.c.change_id, chunk))):
            seen.add(cid)
            if result == "aliased" and note:
                aliased.append((table, rid, uuid.UUID(json.loads(note)["alias"])))
    todo = [c for c in changes
            if c.change_id not in seen and not (c.action in WHOLE and set(c.covers) & seen)]
    last_seq = int(conn.scalar(select(SERVER.c.last_seq).where(SERVER.c.id == 1)) or 0)
    start_seq = last_seq
    known = _alias_rows(conn, aliased)  # a retried batch: the aliases it made the first time

    def fresh() -> _Batch:
        b = _Batch(conn, workstation)
        b.result.duplicates = len(changes) - len(todo)
        b.result.done.update(seen)
        b.result.aliases.update(known)
        b.aliases.update({k: v["id"] for k, v in known.items()})
        return b

    batch = fresh()
    try:
        with conn.begin_nested():
            batch.load(todo)
            for c in todo:
                batch.rewrite(c)
                batch.process(c)
            last_seq = batch.write(last_seq)
    except IntegrityError:
        # one change per savepoint: a new row that is a row already here (same natural key,
        # same values) becomes that row; one that refers to a row not here waits in the
        # workstation's outbox; any other refusal goes to the conflict queue whole
        batch = fresh()
        for c in todo:
            batch.rewrite(c)
            try:
                with conn.begin_nested():
                    batch.load([c])
                    batch.process(c)
                    last_seq = batch.write(last_seq)
            except IntegrityError as exc:
                batch.state.pop((c.table, c.row_id), None)
                batch.dirty.clear()
                batch.touched.clear()
                batch.applied = []
                batch.conflicts = []
                batch.resolved = []
                batch.result.done.discard(c.change_id)
                if _constraint_kind(exc) == "fk":
                    batch.result.deferred.add(c.change_id)
                    for cid in c.covers:
                        batch.result.done.discard(cid)
                    continue
                new = batch.new_row(c) if (c.table, c.row_id) not in batch.existing else None
                match, key = _natural_match(conn, c.table, new) if new else (None, ())
                with conn.begin_nested():
                    batch.load([c])
                    if match is not None and new is not None and _agree(c.table, new, match):
                        batch.alias(c, match)
                    else:
                        batch.reject(c, _constraint_text(exc), match, key)
                    last_seq = batch.write(last_seq)
    conn.execute(update(SERVER).where(SERVER.c.id == 1).values(last_seq=last_seq))
    result = batch.result
    result.echo_only = (start_seq + len(todo) == last_seq and not result.conflicts
                        and not result.rejected_new and not result.missing
                        and not result.aliases and not result.deferred
                        and all(c.action == "put" for c in todo))
    last = next((c.change_id for c in reversed(changes) if c.action not in WHOLE), None)
    _register(conn, workstation, name, last_change=last, pushed=True)
    return result


def _constraint_kind(exc: IntegrityError) -> str:
    """``fk`` (refers to a row not here), ``uq`` (a natural key taken) or ``other``."""
    orig = getattr(exc, "orig", None)
    name = getattr(getattr(orig, "diag", None), "constraint_name", None) or ""
    state = getattr(orig, "sqlstate", None)
    if name.startswith("fk_") or state == "23503":
        return "fk"
    if name.startswith("uq_") or state == "23505":
        return "uq"
    return "other"


def _references(table: str, row: dict[str, Any]) -> list[tuple[str, str]]:
    """(column, parent table) of every reference a row of ``table`` makes to another row."""
    out = [(fk.parent.name, fk.column.table.name) for fk in TABLES[table].foreign_keys
           if fk.column.table.name in TABLES and fk.parent.name in row]
    if table == "attachment" and row.get("owner_table") in TABLES and "owner_id" in row:
        out.append(("owner_id", row["owner_table"]))
    return out


def unique_keys(table: str) -> list[tuple[str, ...]]:
    """The natural keys of ``table``: the columns of each of its unique constraints."""
    return [tuple(c.name for c in u.columns) for u in TABLES[table].constraints
            if isinstance(u, UniqueConstraint)]


def _natural_match(conn: Connection, table: str,
                   row: dict[str, Any]) -> tuple[dict[str, Any] | None, tuple[str, ...]]:
    """The row of the shared database with one of ``row``'s natural keys, and that key."""
    t = TABLES[table]
    for key in unique_keys(table):
        if any(row.get(k) is None for k in key):
            continue
        found = conn.execute(select(t).where(*(t.c[k] == row[k] for k in key),
                                             t.c.id != row["id"])).first()
        if found is not None:
            return dict(found._mapping), key
    return None, ()


def _agree(table: str, new: dict[str, Any], existing: dict[str, Any]) -> bool:
    """Every field of the new row equals the existing row's (the sync stamps aside)."""
    return all(same(new.get(f), existing.get(f)) for f in field_columns(table))


def _alias_rows(conn: Connection, aliased: list[tuple[str, uuid.UUID, uuid.UUID]],
                ) -> dict[tuple[str, uuid.UUID], dict[str, Any]]:
    out: dict[tuple[str, uuid.UUID], dict[str, Any]] = {}
    for table, rid, target in aliased:
        if table in TABLES:
            row = conn.execute(select(TABLES[table]).where(TABLES[table].c.id == target)).first()
            if row is not None:
                out[(table, rid)] = dict(row._mapping)
    return out


def _constraint_text(exc: IntegrityError) -> str:
    orig = getattr(exc, "orig", None)
    diag = getattr(orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    detail = getattr(diag, "message_detail", None)
    if name and name.startswith("uq_"):
        return f"與共用資料庫中的資料重複（{name}）：{detail or ''}".strip("：")
    if name and name.startswith("fk_"):
        return f"參照的資料在共用資料庫中不存在（{name}）"
    return str(orig or exc).splitlines()[0]


def _register(conn: Connection, workstation: str, name: str | None, *,
              last_change: uuid.UUID | None = None, pushed: bool = False,
              pulled_seq: int | None = None) -> None:
    now = utcnow()
    values: dict[str, Any] = {"id": workstation, "last_seen_at": now, "last_pull_seq": 0}
    if name:
        values["name"] = name
    update_set: dict[str, Any] = {"last_seen_at": now}
    if name:
        update_set["name"] = name
    if pushed:
        values["last_push_at"] = update_set["last_push_at"] = now
        if last_change is not None:
            values["last_change_id"] = update_set["last_change_id"] = last_change
    if pulled_seq is not None:
        values["last_pull_seq"] = update_set["last_pull_seq"] = pulled_seq
    stmt = pg_insert(WORKSTATION).values(values)
    conn.execute(stmt.on_conflict_do_update(index_elements=[WORKSTATION.c.id], set_=update_set))


def register_pull(conn: Connection, workstation: str, seq: int) -> None:
    _register(conn, workstation, None, pulled_seq=seq)


def existing_ids(conn: Connection, table: str, ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    t = TABLES[table]
    return set(conn.scalars(select(t.c.id).where(_in(t.c.id, ids))))


# --- pull -------------------------------------------------------------------------------


@dataclass
class Page:
    rows: dict[str, dict[uuid.UUID, dict[str, Any]]]
    blobs: list[dict[str, Any]]
    last_seq: int
    count: int


def read_page(conn: Connection, cursor: int, limit: int,
              have_locally: Any) -> Page | None:
    """The rows changed above ``cursor`` (at most ``limit`` entries of the change sequence).

    ``have_locally(table, ids) -> set`` says which referenced rows the workstation already
    has; the rows it lacks are added so that every page can be applied on its own.
    """
    entries = conn.execute(select(ROWSEQ.c.table_name, ROWSEQ.c.row_id, ROWSEQ.c.seq)
                           .where(ROWSEQ.c.seq > cursor).order_by(ROWSEQ.c.seq)
                           .limit(limit)).all()
    if not entries:
        return None
    wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
    for e in entries:
        if e.table_name in TABLES:
            wanted[e.table_name].add(e.row_id)
    rows: dict[str, dict[uuid.UUID, dict[str, Any]]] = defaultdict(dict)
    fetch_rows(conn, wanted, rows)
    # parents the workstation lacks (their own later change may be in a later page)
    for _round in range(len(TABLE_ORDER)):
        missing: dict[str, set[uuid.UUID]] = defaultdict(set)
        for table, by_id in list(rows.items()):
            for fk in TABLES[table].foreign_keys:
                parent = fk.column.table.name
                if parent not in TABLES:
                    continue
                refs = {r[fk.parent.name] for r in by_id.values()} - {None}
                refs -= set(rows.get(parent, {}))
                if refs:
                    refs -= have_locally(parent, refs)
                missing[parent].update(refs)
        missing = defaultdict(set, {k: v for k, v in missing.items() if v})
        if not missing:
            break
        fetch_rows(conn, missing, rows)
    shas = {r["sha256"] for r in rows.get("attachment", {}).values()}
    blobs = []
    if shas:
        shas -= have_locally("blob", shas)
        if shas:
            blobs = [dict(r._mapping) for r in conn.execute(
                select(BLOB).where(BLOB.c.sha256.in_(list(shas))))]
    return Page(dict(rows), blobs, int(entries[-1].seq), len(entries))


def fetch_rows(conn: Connection, wanted: dict[str, set[uuid.UUID]],
           rows: dict[str, dict[uuid.UUID, dict[str, Any]]]) -> None:
    for table, ids in wanted.items():
        t = TABLES[table]
        for chunk in chunks(sorted(ids), 5000):
            for row in conn.execute(select(t).where(_in(t.c.id, chunk))):
                rows[table][row.id] = dict(row._mapping)


def open_conflicts(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(
        select(CONFLICT).where(CONFLICT.c.status == "open").order_by(CONFLICT.c.created_at))]


def workstation_names(conn: Connection) -> dict[str, str]:
    """The school's PCs by id, with the name each gave itself (or none)."""
    return {str(i): str(n) for i, n in conn.execute(select(WORKSTATION.c.id, WORKSTATION.c.name))
            if n}


def blob_data(conn: Connection, sha256: str) -> tuple[str, bytes] | None:
    row = conn.execute(select(SBLOB.c.kind, SBLOB.c.data).where(SBLOB.c.sha256 == sha256)).first()
    return None if row is None else (row.kind, bytes(row.data))


def last_seq(conn: Connection) -> int:
    return int(conn.scalar(select(func.coalesce(SERVER.c.last_seq, 0))) or 0)


def _in(column: Any, values: Iterable[Any]) -> Any:
    """``column IN values`` as ``= ANY(array)``: one parameter however many values."""
    return column == any_(bindparam(None, list(values), type_=ARRAY(column.type), unique=True))


def chunks(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    """``items`` in lists of ``size`` (the last one shorter): statements' parameter limits."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
