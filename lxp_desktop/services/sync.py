"""Sync as the window and the command line use it: connection settings, a sync, its status.

The connection (URL without password, interval) is a fact of this workstation, kept in the
store's local metadata; the password is kept in the operating system's credential store
(keyring), never in a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store.sync_models import OutboxChange, SyncConflict
from lxp_desktop.sync.engine import LAST_AT_KEY, Fault, Progress, Syncer, SyncReport
from lxp_desktop.sync.server import SyncError, check_url, server_engine

URL_KEY = "sync_url"
INTERVAL_KEY = "sync_interval_minutes"
KEYRING_SERVICE = "lxp-desktop"
DEFAULT_INTERVAL = 5


@dataclass(frozen=True)
class Connection:
    url: str  # without the password
    interval_minutes: int = DEFAULT_INTERVAL


@dataclass(frozen=True)
class Status:
    configured: bool
    pending: int
    open_conflicts: int
    last_sync: datetime | None


def _account(url: str) -> str:
    return make_url(url).set(password=None).render_as_string(hide_password=False)


def get_connection(ws: Workspace) -> Connection | None:
    url = ws.store.meta(URL_KEY)
    if not url:
        return None
    return Connection(url, int(ws.store.meta(INTERVAL_KEY, str(DEFAULT_INTERVAL)) or 5))


def save_connection(ws: Workspace, url: str, password: str | None,
                    interval_minutes: int = DEFAULT_INTERVAL) -> Connection:
    """Keep the URL (without its password) here and the password in the keyring."""
    url = check_url(url.strip())
    parsed = make_url(url)
    password = password or parsed.password
    plain = _account(url)
    if password:
        import keyring

        keyring.set_password(KEYRING_SERVICE, plain, password)
    ws.store.set_meta(URL_KEY, plain)
    ws.store.set_meta(INTERVAL_KEY, str(max(1, int(interval_minutes))))
    return Connection(plain, interval_minutes)


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
    return Status(bool(ws.store.meta(URL_KEY)), pending, conflicts,
                  datetime.fromisoformat(last) if last else None)


def sync_workspace(ws: Workspace, url: str | None = None, *, fault: Fault | None = None,
                   progress: Progress | None = None, name: str | None = None,
                   **options: int) -> SyncReport:
    """Push then pull with the shared database (the configured one unless ``url`` is given)."""
    if url is None:
        conn = get_connection(ws)
        if conn is None:
            raise SyncError("尚未設定共用資料庫：請在「工具 › 共用資料庫設定」輸入連線資料，"
                            "或以 --server 指定網址。")
        url = conn.url
    engine = server_engine(url, password_for(url))
    try:
        report = Syncer(ws.store, engine, name=name, fault=fault, progress=progress,
                        **options).sync()
    finally:
        engine.dispose()
    if report.adopted_empty_store:
        # the new store took the school's accounts instead of its own first administrator:
        # whoever works here now signs in with their school account
        ws.lock()
    return report
