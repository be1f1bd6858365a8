"""No session can hold the school (issue #16 item 3).

A PC whose link goes silent in the middle of a push (a laptop that sleeps, a cable pulled)
holds the push lock on the server. Through a small TCP proxy that stops forwarding, the
test shows that the server ends that PC's idle transaction, another PC's sync then goes
through, and the silent PC's own sync fails as a dropped link with its change kept.
"""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from lxp_desktop.services.students import find_student, students
from lxp_desktop.sync import limits
from lxp_desktop.sync.server import ServerUnreachable
from tests.integration.stations import Station, assert_converged, school_on_two_pcs
from tests.pgserver import PgServer

pytestmark = pytest.mark.postgres


class SilentLink:
    """A TCP port forwarded to the server's unix socket until ``go_silent``: from then on
    nothing passes either way and nothing is closed (the peer looks alive)."""

    def __init__(self, pg: PgServer) -> None:
        self.target = str(pg.sockdir / f".s.PGSQL.{pg.port}")
        self.silent = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.socket(socket.AF_UNIX)
            server.connect(self.target)
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if self.silent.is_set():
                    self.silent.wait()
                    continue  # swallowed: the link is silent
                dst.sendall(data)
        except OSError:
            pass

    def go_silent(self) -> None:
        self.silent.set()

    def url(self, dbname: str) -> str:
        # the test server has no certificate: the one place TLS is off on purpose
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}?sslmode=disable"

    def close(self) -> None:
        self.listener.close()
        for s in self.sockets:
            s.close()


def test_server_init_sets_the_limits_on_the_database(pg: PgServer, server_url: str) -> None:
    dbname = make_url(server_url).database
    with psycopg.connect(host=str(pg.sockdir), port=pg.port, user="postgres",
                         dbname=dbname) as conn:  # a plain session, no client options
        show = {name: conn.execute(f"SHOW {name}").fetchone()[0]  # type: ignore[index]
                for name in ("idle_in_transaction_session_timeout", "lock_timeout")}
    assert show == {"idle_in_transaction_session_timeout": "15s", "lock_timeout": "25s"}


def test_a_pc_that_goes_silent_holding_the_push_lock_does_not_block_the_others(
        tmp_path: Path, pg: PgServer, server_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "READ_TIMEOUT", 20.0)  # the silent PC gives up sooner
    dbname = make_url(server_url).database
    assert dbname
    a, b = school_on_two_pcs(tmp_path, server_url)
    link = SilentLink(pg)
    laptop = Station(tmp_path / "a", link.url(dbname), "A (laptop)")
    a.close()
    with laptop.write() as (s, actor):
        students.update(s, actor, find_student(s, "113001").id, {"phone": "04-10101010"})
    with b.write() as (s, actor):
        students.update(s, actor, find_student(s, "113002").id, {"phone": "04-20202020"})

    holding = threading.Event()
    outcome: dict[str, Any] = {}

    def fault(step: str) -> None:
        if step == "push:locked":  # the laptop holds the push lock: its link goes silent
            link.go_silent()
            holding.set()

    def laptop_sync() -> None:
        try:
            outcome["report"] = laptop.sync(fault=fault)
        except BaseException as exc:  # noqa: BLE001 - examined below
            outcome["error"] = exc

    worker = threading.Thread(target=laptop_sync, daemon=True)
    worker.start()
    assert holding.wait(60)
    report = b.sync()  # waits for the lock, gets it when the server ends the laptop's session
    assert report.pushed == 1 and b.pending() == 0
    worker.join(120)
    assert not worker.is_alive(), "the laptop's sync still waits on a silent link"
    assert isinstance(outcome.get("error"), ServerUnreachable)
    assert laptop.pending() == 1  # its change kept for the next sync
    link.close()
    laptop.close()
    a = Station(tmp_path / "a", server_url, "A")  # the laptop back on a working link
    a.sync()
    b.sync()
    assert_converged(server_url, a, b)
    with b.ws.read() as s:
        assert find_student(s, "113001").phone == "04-10101010"
    a.close()
    b.close()
