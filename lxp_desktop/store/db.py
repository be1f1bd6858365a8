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

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from lxp_desktop import paths
from lxp_desktop.store import schema  # noqa: F401 - every table registered
from lxp_desktop.store.models import LocalMeta

#: Alembic reads its scripts from disk; ``paths`` knows where they are in a bundle too
MIGRATIONS_DIR = paths.migrations_dir()


class StoreError(Exception):
    """A store that cannot be opened; the message is for the clerk (Traditional Chinese)."""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA cache_size=-32000")
    cur.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


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
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
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

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self.engine = engine
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.workstation_id = self._workstation_id()

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits at the end, or is rolled back whole on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def _workstation_id(self) -> str:
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


def open_store(db_path: Path, backups: Path | None = None) -> Store:
    """Open the workstation's SQLite store, creating or migrating it first.

    A store made by a newer version of the app is refused; an older one is backed up, then
    migrated to the head revision.
    """
    from lxp_desktop.store.backup import remove_leftovers

    db_path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(db_path.parent)  # copies a killed backup or restore left behind
    existed = db_path.exists() and db_path.stat().st_size > 0
    engine = make_engine(sqlite_url(db_path))
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
        upgrade(engine)
    from lxp_desktop.paths import private_file

    for suffix in ("", "-wal", "-shm", "-journal"):  # the user's alone (made before 0600)
        if Path(str(db_path) + suffix).exists():
            private_file(Path(str(db_path) + suffix))
    return Store(engine, db_path)
