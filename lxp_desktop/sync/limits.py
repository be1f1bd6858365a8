"""No session can hold the school: time limits of every connection to the shared database.

- Client (each workstation's connection): a connect timeout, TCP keepalives and a TCP user
  timeout (libpq parameters), a statement and lock timeout for its own session, and a read
  timeout of our own: a round trip to the server that takes longer than ``READ_TIMEOUT``
  (a link that went silent, a laptop that slept) has its socket shut, so the call fails as
  a dropped connection instead of waiting for the operating system (about two hours).
- Server (set by ``server init`` on the database, for every role that syncs): an idle
  transaction is ended after ``IDLE_IN_TRANSACTION`` (the push lock goes with it), a lock
  is waited for at most ``LOCK_TIMEOUT``, and the server's own keepalives find a dead peer.

The order matters: a PC whose link died releases the push lock after ``IDLE_IN_TRANSACTION``
(15 s); another PC waiting for that lock waits at most ``LOCK_TIMEOUT`` (25 s), so it gets
the lock; its own read timeout (40 s) is longer than any wait the server allows.
"""

from __future__ import annotations

import os
import socket
import threading
from typing import Any

from sqlalchemy import Engine, event, text

CONNECT_TIMEOUT = 5  # seconds
IDLE_IN_TRANSACTION = "15s"
LOCK_TIMEOUT = "25s"
STATEMENT_TIMEOUT = "30s"
#: seconds a single round trip (a statement, a commit) may take before the socket is shut
READ_TIMEOUT = 40.0
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
              "keepalives_count": 3, "tcp_user_timeout": 20_000}

#: what ``server init`` sets on the database (every session of every role inherits it)
SERVER_SETTINGS = {"idle_in_transaction_session_timeout": IDLE_IN_TRANSACTION,
                   "lock_timeout": LOCK_TIMEOUT, "tcp_keepalives_idle": "10",
                   "tcp_keepalives_interval": "5", "tcp_keepalives_count": "3",
                   "tcp_user_timeout": "20000"}


def connect_args() -> dict[str, Any]:
    """libpq parameters of a workstation's connection."""
    options = " ".join(f"-c {k}={v}" for k, v in (
        ("statement_timeout", STATEMENT_TIMEOUT), ("lock_timeout", LOCK_TIMEOUT),
        ("idle_in_transaction_session_timeout", IDLE_IN_TRANSACTION)))
    return {"connect_timeout": CONNECT_TIMEOUT, "options": options, **KEEPALIVES}


def apply_server_settings(engine: Engine) -> None:
    """Set the server's limits on the database (``server init``): the database's owner or a
    superuser may; otherwise on the role that runs it."""
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        db = str(conn.execute(text("SELECT current_database()")).scalar_one()).replace('"', '""')
        for name, value in SERVER_SETTINGS.items():
            try:
                conn.execute(text(f"ALTER DATABASE \"{db}\" SET {name} = '{value}'"))
            except Exception:  # noqa: BLE001 - not the owner: the role's own setting then
                conn.execute(text(f"ALTER ROLE CURRENT_USER IN DATABASE \"{db}\" "
                                  f"SET {name} = '{value}'"))


class ReadTimeout:
    """Shuts the socket of a connection whose round trip takes longer than ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._timers: dict[int, threading.Timer] = {}
        self._lock = threading.Lock()

    def install(self, engine: Engine) -> None:
        event.listen(engine, "before_cursor_execute", self._before_execute)
        event.listen(engine, "after_cursor_execute", self._after_execute)
        event.listen(engine, "commit", self._on_connection)
        event.listen(engine, "rollback", self._on_connection)
        event.listen(engine, "handle_error", self._on_error)
        event.listen(engine.pool, "checkin", self._on_checkin)

    # events
    def _before_execute(self, conn: Any, cursor: Any, *_a: Any) -> None:
        self.arm(cursor.connection)

    def _after_execute(self, conn: Any, cursor: Any, *_a: Any) -> None:
        self.disarm(cursor.connection)

    def _on_connection(self, conn: Any) -> None:
        dbapi = getattr(conn.connection, "dbapi_connection", None)
        if dbapi is not None:
            self.arm(dbapi)

    def _on_error(self, context: Any) -> None:
        cursor = getattr(context, "cursor", None)
        if cursor is not None and getattr(cursor, "connection", None) is not None:
            self.disarm(cursor.connection)

    def _on_checkin(self, dbapi: Any, _record: Any) -> None:
        if dbapi is not None:
            self.disarm(dbapi)

    # timers
    def arm(self, dbapi: Any) -> None:
        timer = threading.Timer(self.seconds, _cut, (dbapi,))
        timer.daemon = True
        with self._lock:
            old = self._timers.pop(id(dbapi), None)
            self._timers[id(dbapi)] = timer
        if old is not None:
            old.cancel()
        timer.start()

    def disarm(self, dbapi: Any) -> None:
        with self._lock:
            timer = self._timers.pop(id(dbapi), None)
        if timer is not None:
            timer.cancel()


def _cut(dbapi: Any) -> None:
    """The link is silent: shut the socket, so the waiting call fails as a dropped link."""
    try:
        fd = dbapi.pgconn.socket
        sock = socket.socket(fileno=os.dup(fd))
    except Exception:  # noqa: BLE001 - already closed
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()
