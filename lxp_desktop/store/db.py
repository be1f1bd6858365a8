"""Engine and session set-up; opening a store migrates it (after a backup) or refuses it."""

from __future__ import annotations

import ast
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from lxp_desktop import paths
from lxp_desktop.domain.errors import StoreBusy, UserError
from lxp_desktop.store import (
    anchors,
    schema,  # noqa: F401 - every table registered
)
from lxp_desktop.store.models import LocalMeta

#: Alembic reads its scripts from disk; ``paths`` knows where they are in a bundle too
MIGRATIONS_DIR = paths.migrations_dir()


class StoreError(UserError):
    """A store that cannot be opened; the message is for the clerk (Traditional Chinese)."""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


#: how long a write transaction waits for another program's write lock before it gives up
BUSY_SECONDS = 10.0
#: execution option of the engine a write transaction runs on: its BEGIN takes the write lock
WRITE = "lxp_write"


def _sqlite_pragmas(busy_seconds: float) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # the driver issues no BEGIN of its own: ``_sqlite_begin`` decides which (SQLAlchemy's
        # documented pysqlite recipe for SERIALIZABLE transactions and working SAVEPOINTs)
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
        cur.execute("PRAGMA cache_size=-32000")
        cur.close()
    return on_connect


def _sqlite_begin(conn: Connection) -> None:
    """A write transaction takes SQLite's write lock before it reads anything it builds on
    (the audit chain's head, a version, a count): ``BEGIN IMMEDIATE`` waits (at most the busy
    timeout) while another process writes, instead of reading a state that process is about
    to change. A read (WAL mode) never waits and never blocks a writer."""
    if conn.get_execution_options().get(WRITE):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(url: str, busy_seconds: float = BUSY_SECONDS, **kwargs: Any) -> Engine:
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(busy_seconds))
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """``engine`` for write transactions: on SQLite their BEGIN is ``BEGIN IMMEDIATE``."""
    return engine.execution_options(**{WRITE: True})


def is_busy(exc: BaseException) -> bool:
    """SQLite's "database is locked": another connection held the write lock past the wait."""
    orig = getattr(exc, "orig", exc)
    return isinstance(exc, OperationalError | sqlite3.OperationalError) and (
        "locked" in str(orig) or "busy" in str(orig))


def busy_message(seconds: float = BUSY_SECONDS) -> str:
    return (f"資料庫正被另一個程式使用中（例如匯入、備份、另一個 LXP Desktop 視窗或排程工作），"
            f"等候 {seconds:g} 秒後仍未釋放，這次的變更沒有寫入。請等那項工作完成後再試一次。")


class ReadSession(Session):
    """A session that only reads (``Store.session``): its transaction does not take the write
    lock, so a change made through it would build on a state another process may be changing.
    Every write goes through ``Store.transaction``."""

    def flush(self, objects: Any = None) -> None:
        if self.new or self.deleted or any(self.is_modified(o) for o in self.dirty):
            raise RuntimeError("a write through a read session: use Store.transaction()")
        super().flush(objects)


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


_GRAPH_LOCK = threading.Lock()
_graph: dict[str, str | None] | None = None


def _revision_graph() -> dict[str, str | None]:
    """revision → down_revision of every migration file, read once without importing Alembic
    (which costs a few hundred milliseconds at every start when nothing needs migrating).
    Read under a lock: CPython 3.11's ``ast.parse`` is not safe in two threads at once."""
    global _graph
    with _GRAPH_LOCK:
        if _graph is None:
            _graph = _read_revision_graph()
        return dict(_graph)


def _read_revision_graph() -> dict[str, str | None]:
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                    isinstance(node.targets[0], ast.Name) and \
                    node.targets[0].id in ("revision", "down_revision"):
                values[node.targets[0].id] = ast.literal_eval(node.value)
        if isinstance(values.get("revision"), str):
            down = values.get("down_revision")
            graph[str(values["revision"])] = down if isinstance(down, str) else None
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    if len(heads) != 1:
        raise StoreError(f"資料庫移轉檔有 {len(heads)} 個最新版本（{', '.join(sorted(heads))}），"
                         "程式安裝不完整，請重新安裝 LXP Desktop。")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:  # a read: does not wait for a writer
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with writer(engine).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def backup_sqlite(db_path: Path, dest_dir: Path, reason: str) -> Path:
    """An online copy of the SQLite file (sqlite3 backup API), safe while others read it."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    dest = dest_dir / f"lxp-{stamp}-{reason}.sqlite3"
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return dest


class Store:
    """One local (or shared) database: its engine, sessions and this workstation's id."""

    def __init__(self, engine: Engine, path: Path | None = None,
                 busy_seconds: float = BUSY_SECONDS) -> None:
        self.engine = engine
        self.path = path
        self.busy_seconds = busy_seconds
        self._sessions = sessionmaker(engine, class_=ReadSession, expire_on_commit=False)
        self._writes = sessionmaker(writer(engine), expire_on_commit=False)
        self.workstation_id = self._workstation_id()

    def session(self) -> Session:
        """A session to read with (it cannot write: see ``transaction``)."""
        return self._sessions()

    def write_session(self) -> Session:
        """A session that may write, for a caller that ends it itself (a test that rolls
        back); its transaction takes the write lock like ``transaction``'s."""
        return self._writes()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits at the end, or is rolled back whole on any error.

        On SQLite it holds the write lock from its first moment (``BEGIN IMMEDIATE``): two
        programs writing the same store take turns, each reading what the other committed.
        Waiting longer than the busy timeout raises ``StoreBusy`` with nothing written."""
        with self._writes() as session:
            with session.begin():
                try:
                    session.connection()  # BEGIN (IMMEDIATE) now, not at the first statement
                except OperationalError as exc:
                    if is_busy(exc):
                        raise StoreBusy(busy_message(self.busy_seconds)) from exc
                    raise
                yield session
                advance = self._anchor_after(session)
            if advance is not None and self.path is not None:
                anchors.write_file(anchors.file_path(self.path), advance)

    def _anchor_after(self, session: Session) -> anchors.Head | None:
        """The head this transaction extended the audit chain to, when the anchor file may
        move on to it (checked here, under the write lock, before the commit)."""
        head = session.info.pop(anchors.HEAD_KEY, None)
        if head is None or self.path is None:
            return None
        return head if anchors.may_advance(session, anchors.file_path(self.path), head) else None

    def _workstation_id(self) -> str:
        with self.session() as s:  # a read first: opening a store does not wait for a writer
            found = s.get(LocalMeta, "workstation_id")
            if found is not None:
                return found.value
        with self.transaction() as s:
            row = s.get(LocalMeta, "workstation_id")
            if row is None:
                row = LocalMeta(key="workstation_id", value=str(uuid.uuid4()))
                s.add(row)
            return row.value

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self.session() as s:
            value = s.scalar(select(LocalMeta.value).where(LocalMeta.key == key))
            return default if value is None else value

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as s:
            s.merge(LocalMeta(key=key, value=value))

    def close(self) -> None:
        self.engine.dispose()


def open_store(db_path: Path, backups: Path | None = None,
               busy_seconds: float = BUSY_SECONDS) -> Store:
    """Open the workstation's SQLite store, creating or migrating it first.

    A store made by a newer version of the app is refused; an older one is backed up, then
    migrated to the head revision.
    """
    from lxp_desktop.store.backup import remove_leftovers

    db_path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(db_path.parent)  # copies a killed backup or restore left behind
    existed = db_path.exists() and db_path.stat().st_size > 0
    engine = make_engine(sqlite_url(db_path), busy_seconds)
    try:
        current = current_revision(engine)
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign file
        engine.dispose()
        raise StoreError(f"無法開啟資料庫 {db_path}：{exc}。請從備份還原，或改用其他資料夾。") from exc
    head = head_revision()
    if current != head:
        if current is not None and current not in known_revisions():
            engine.dispose()
            raise StoreError(
                f"資料庫 {db_path} 是較新版本的 LXP Desktop 建立的（版本 {current}），"
                "本程式無法開啟。請先更新 LXP Desktop 再開啟。"
            )
        if existed:
            from lxp_desktop.store.backup import BackupError, backup_name, make_backup

            dest = (backups or db_path.parent / "backups") / backup_name("before-migration")
            try:  # the database and its attachments, checked, as every other backup
                make_backup(db_path, db_path.parent / "attachments", dest, "before-migration")
            except BackupError as exc:
                engine.dispose()
                raise StoreError(f"資料庫 {db_path} 需要更新，但更新前的備份失敗：{exc}") from exc
        try:
            upgrade(engine)
        except OperationalError as exc:
            engine.dispose()
            if is_busy(exc):
                raise StoreBusy(busy_message(busy_seconds)) from exc
            raise
    from lxp_desktop.paths import private_file

    for suffix in ("", "-wal", "-shm", "-journal"):  # the user's alone (made before 0600)
        if Path(str(db_path) + suffix).exists():
            private_file(Path(str(db_path) + suffix))
    return Store(engine, db_path, busy_seconds)
