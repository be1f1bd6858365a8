"""The connection cut at every step of a push and a pull; replays; pushes at the same time."""

from __future__ import annotations

import random
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from lxp_desktop.domain.ids import make_id
from lxp_desktop.services.students import find_student, students
from lxp_desktop.sync import server as srv
from lxp_desktop.sync.engine import Syncer
from lxp_desktop.sync.server import ServerUnreachable, server_engine
from tests.integration.stations import Station, assert_converged
from tests.makers import make_small_school
from tests.pgserver import PgServer

pytestmark = pytest.mark.postgres

PUSH_STEPS = ["push:begin", "push:locked", "push:before_commit", "push:after_commit",
              "push:before_local_commit"]
PULL_STEPS = ["pull:begin", "pull:fetched", "pull:before_commit", "pull:after_commit"]
#: after these the next statement on the cut connection fails by itself
NATURAL = {"push:locked", "push:before_commit"}


class Cut(Exception):
    """The network went away at this step."""


class CutOnce:
    def __init__(self, pg: PgServer, dbname: str, step: str) -> None:
        self.pg, self.dbname, self.step = pg, dbname, step
        self.fired = False

    def __call__(self, step: str) -> None:
        if step != self.step or self.fired:
            return
        self.fired = True
        self.pg.terminate(self.dbname)
        if step not in NATURAL:
            raise Cut(step)


@pytest.fixture
def seeded_uuids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Row ids (and workstation ids) the same in every run, so runs can be compared."""
    rng = random.Random(8)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=rng.getrandbits(128), version=4))


def edits(a: Station, b: Station) -> None:
    with a.write() as (s, actor):
        for no, nid, name in (("113021", "A800000014", "林一"), ("113022", "A823456783", "林二")):
            students.create(s, actor, {"student_no": no, "national_id": nid, "name": name,
                                       "gender": "1", "birth_date": "097/03/04",
                                       "class_code": "101", "seat_no": no[-2:],
                                       "status": "在學"})
    with a.write() as (s, actor):
        students.update(s, actor, find_student(s, "113021").id, {"phone": "04-23451234"})
        students.delete(s, actor, find_student(s, "111005").id)
        students.update(s, actor, find_student(s, "113001").id, {"guardian": "王爸爸"})
    with b.write() as (s, actor):
        students.update(s, actor, find_student(s, "113002").id, {"email": "hua@example.tw"})


def normalised(data: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    from lxp_desktop.sync.codec import TABLES

    out = {}
    for table, rows in data.items():
        cols = list(TABLES[table].columns.keys())
        # when a row was written differs between runs, and so does a password hash's salt
        drop = {cols.index(c) for c in ("updated_at", "password_hash") if c in cols}
        out[table] = [tuple(v for i, v in enumerate(r) if i not in drop) for r in rows]
    return out


def run(tmp: Path, url: str, fault: Any = None) -> dict[str, list[tuple[Any, ...]]]:
    a = Station(tmp / "a", url, "A")
    make_small_school(a.ws)
    a.sync()
    b = Station(tmp / "b", url, "B")
    b.sync()
    edits(a, b)
    failed = 0
    for st in (a, b, a, b):  # each pushes (in batches of 2) and pulls (in pages of 3)
        try:
            st.sync(fault=fault, batch_size=2, page_size=3)
        except (ServerUnreachable, Cut):
            assert fault is not None and fault.fired
            failed += 1
    assert failed == (0 if fault is None else 1)  # the cut broke exactly that sync
    a.sync()
    b.sync()
    data = assert_converged(url, a, b)
    a.close()
    b.close()
    return normalised(data)


_reference: dict[str, Any] = {}


@pytest.mark.parametrize("step", PUSH_STEPS + PULL_STEPS)
def test_a_cut_at_any_step_ends_as_without_it(tmp_path: Path, pg: PgServer, server_url: str,
                                              seeded_uuids: None, step: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    if "data" not in _reference:
        ref_url = pg.create_database(f"ref_{uuid.UUID(int=random.getrandbits(128)).hex}",
                                     template="lxp_template")
        _reference["data"] = run(tmp_path / "ref", ref_url)
        # the same row ids again for the run with the cut
        rng = random.Random(8)
        monkeypatch.setattr(uuid, "uuid4",
                            lambda: uuid.UUID(int=rng.getrandbits(128), version=4))
    dbname = make_url(server_url).database
    cut = CutOnce(pg, dbname, step)
    got = run(tmp_path / "cut", server_url, cut)
    assert cut.fired, f"step {step} was never reached"
    assert got == _reference["data"]
    assert len(got["student"]) == 5


def test_a_replayed_push_is_a_no_op(tmp_path: Path, server_url: str) -> None:
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    a.sync()
    with a.write() as (s, actor):
        students.update(s, actor, find_student(s, "113001").id, {"phone": "04-23455555"})
        students.delete(s, actor, find_student(s, "113002").id)
    syncer = Syncer(a.ws.store, server_engine(server_url), blobs=a.blobs)
    from sqlalchemy import select

    from lxp_desktop.store.sync_models import OutboxChange

    with a.ws.read() as s:
        changes = [syncer._change(e) for e in s.scalars(select(OutboxChange))]
    assert len(changes) == 2
    engine = server_engine(server_url)
    results = []
    for _ in range(3):  # the push, then the same push replayed twice
        with engine.begin() as conn:
            srv.lock_pushes(conn)
            results.append(srv.apply_batch(conn, a.ws.store.workstation_id, changes))
    assert [r.duplicates for r in results] == [0, 2, 2]
    a.sync()
    data = assert_converged(server_url, a)
    versions = {r[0]: r for r in data["student"]}
    assert len(versions) == 3
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sync_applied WHERE result <> 'covered'"
                                    ).scalar() == 2
    engine.dispose()
    syncer.server.dispose()


def test_two_push_at_once_while_a_third_pulls(tmp_path: Path, server_url: str) -> None:
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    a.sync()
    b = Station(tmp_path / "b", server_url, "B")
    b.sync()
    c = Station(tmp_path / "c", server_url, "C")
    c.sync()
    for st, first in ((a, 200), (b, 300)):
        with st.write() as (s, actor):
            for i in range(40):
                students.create(s, actor, {"student_no": f"113{first + i}",
                                           "national_id": make_id("B", "2", f"{first + i:07d}"),
                                           "birth_date": "097/05/06",
                                           "name": f"學生{first + i}", "gender": "2",
                                           "class_code": "101", "status": "在學"})
    errors: list[BaseException] = []

    def push(st: Station) -> None:
        try:
            st.sync(batch_size=3)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(st,)) for st in (a, b)]
    for t in threads:
        t.start()
    pulls = 0
    while any(t.is_alive() for t in threads) or pulls < 3:
        c.sync(page_size=7)
        pulls += 1
    for t in threads:
        t.join()
    assert errors == []
    for st in (a, b, c):
        st.sync()
    data = assert_converged(server_url, a, b, c)
    assert len(data["student"]) == 83
    assert pulls >= 3
