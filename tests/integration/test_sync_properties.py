"""Invariants of the sync under random edits, syncs and cuts on 2–4 workstations (Hypothesis),
and the same result whatever the workstations' clocks say."""

from __future__ import annotations

import itertools
import json
import random
import shutil
import uuid
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services.students import find_student, students
from lxp_desktop.store.db import open_store
from lxp_desktop.store.models import LocalMeta, utcnow
from lxp_desktop.store.sync_models import AppliedChange, SyncConflict
from lxp_desktop.sync.server import ServerUnreachable, server_engine
from tests.integration.stations import Station, assert_converged
from tests.integration.test_sync_faults import PULL_STEPS, PUSH_STEPS, Cut, CutOnce, normalised
from tests.makers import make_small_school
from tests.pgserver import PgServer

pytestmark = pytest.mark.postgres

NOS = ("113001", "113002", "111005")
VALUES = {
    "phone": ("04-23450001", "04-23450002", "04-23450003"),
    "guardian": ("王大明", "李媽媽", "張爸爸"),
    "email": ("a@example.tw", "b@example.tw"),
    "address": ("臺中市西屯區福星路1號", "臺中市西屯區文華路2號"),
}
_ids = itertools.count(1)
_empty: dict[str, Path] = {}


def empty_store(tmp_root: Path) -> Path:
    """A migrated, empty store file, made once (copying it is faster than migrating)."""
    if "path" not in _empty:
        folder = tmp_root / "empty-store"
        folder.mkdir(parents=True, exist_ok=True)
        store = open_store(folder / "lxp.sqlite3")
        with store.transaction() as s:
            s.query(LocalMeta).delete()
        store.close()
        _empty["path"] = folder / "lxp.sqlite3"
    return _empty["path"]


def station(root: Path, url: str, name: str) -> Station:
    folder = root / f"{name}-{next(_ids)}"
    folder.mkdir(parents=True)
    shutil.copy(empty_store(root), folder / "lxp.sqlite3")
    return Station(folder, url, name)


op = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 3), st.sampled_from(NOS),
              st.sampled_from(sorted(VALUES)), st.integers(0, 2)),
    st.tuples(st.just("delete"), st.integers(0, 3), st.sampled_from(NOS)),
    st.tuples(st.just("restore"), st.integers(0, 3), st.sampled_from(NOS)),
    st.tuples(st.just("sync"), st.integers(0, 3),
              st.none() | st.sampled_from(PUSH_STEPS + PULL_STEPS)),
)


def apply_op(stations: list[Station], pg: PgServer, dbname: str, o: tuple[Any, ...]) -> None:
    s_ = stations[o[1] % len(stations)]
    if o[0] == "sync":
        fault = CutOnce(pg, dbname, o[2]) if o[2] else None
        try:
            s_.sync(fault=fault, batch_size=2, page_size=4)
        except (ServerUnreachable, Cut):
            assert fault is not None and fault.fired
        return
    try:
        with s_.write() as (s, actor):
            row = find_student(s, o[2])
            if o[0] == "edit":
                values = VALUES[o[3]]
                students.update(s, actor, row.id, {o[3]: values[o[4] % len(values)]})
            elif o[0] == "delete":
                students.delete(s, actor, row.id)
            else:
                students.restore(s, actor, row.id)
    except ValidationFailed:
        pass  # e.g. editing a row deleted here: refused, nothing written


def canon(value: Any) -> str:
    """One spelling per value (the audit log keeps a number the cleaner gave as text)."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    try:
        return repr(float(value))
    except (TypeError, ValueError):
        return json.dumps(value, ensure_ascii=False)


def check_invariants(url: str, stations: list[Station]) -> None:
    for _ in range(2):
        for s_ in stations:
            s_.sync()
    data = assert_converged(url, *stations)
    engine = server_engine(url)
    with engine.connect() as conn:
        logged: set[tuple[str, str, str, str]] = set()
        for a in conn.execute(select(AppliedChange.__table__)).mappings():
            # a change's new values, and the old ones it replaced knowingly
            for f, (old, new) in json.loads(a["changes"] or "{}").items():
                logged.add((a["table_name"], str(a["row_id"]), f, canon(new)))
                logged.add((a["table_name"], str(a["row_id"]), f, canon(old)))
        conflicts = [dict(c) for c in conn.execute(select(SyncConflict.__table__)).mappings()]
    engine.dispose()
    in_conflicts = set()
    for c in conflicts:
        for f, (_o, new) in json.loads(c["local_changes"] or "{}").items():
            in_conflicts.add((c["table_name"], str(c["row_id"]), f, canon(new)))
    from lxp_desktop.sync.codec import TABLES

    final = set()
    for table, rows in data.items():
        cols = list(TABLES[table].columns.keys())
        for r in rows:
            for col, v in zip(cols, r, strict=True):
                final.add((table, str(r[cols.index("id")]), col, canon(v)))
    from lxp_desktop.services.sync import PULL_SOURCE
    from lxp_desktop.store.models import AuditEntry

    for s_ in stations:
        # the last value this workstation wrote to each field (earlier ones it replaced
        # itself, and its audit log keeps them)
        last: dict[tuple[str, str, str], Any] = {}
        with s_.ws.read() as s:
            for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
                if (e.source or "").startswith("首次啟動"):
                    continue  # the administrator of a new store, replaced by the school's
                if e.source == PULL_SOURCE:
                    continue  # what a pull wrote here: others' changes, not this one's
                for f, (_old, new) in json.loads(e.changes).items():
                    last[(e.table_name, e.row_id, f)] = new
        for (table, row, f), new in last.items():
            key = (table, row, f, canon(new))
            assert key in logged or key in in_conflicts or key in final, (
                f"{s_.name}: {key} was committed locally but is nowhere on the server")


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(n=st.integers(2, 4), ops=st.lists(op, min_size=3, max_size=14))
def test_random_edits_syncs_and_cuts_keep_the_invariants(tmp_path: Path, pg: PgServer,
                                                         n: int, ops: list[Any]) -> None:
    dbname = f"prop_{next(_ids)}"
    url = pg.create_database(dbname, template="lxp_template")
    root = tmp_path / dbname
    stations = [station(root, url, "A")]
    make_small_school(stations[0].ws)
    stations[0].sync()
    for i in range(1, n):
        stations.append(station(root, url, "BCD"[i - 1]))
        stations[-1].sync()
    try:
        for o in ops:
            apply_op(stations, pg, dbname, o)
        check_invariants(url, stations)
    finally:
        for s_ in stations:
            s_.close()


# --- clocks -------------------------------------------------------------------------------

def skewed(delta: timedelta) -> ExitStack:
    stack = ExitStack()
    for module in ("lxp_desktop.services.base", "lxp_desktop.services.audit",
                   "lxp_desktop.sync.outbox"):
        stack.enter_context(mock.patch(f"{module}.utcnow", lambda: utcnow() + delta))
    return stack


def clock_run(root: Path, pg: PgServer, skews: tuple[timedelta, timedelta, timedelta],
              monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[tuple[Any, ...]]]:
    rng = random.Random(11)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=rng.getrandbits(128), version=4))
    url = pg.create_database(f"clock_{next(_ids)}", template="lxp_template")
    names = "ABC"
    stations = []
    for i, skew in enumerate(skews):
        with skewed(skew):
            s_ = station(root, url, names[i])
            if i == 0:
                make_small_school(s_.ws)
            s_.sync()
        stations.append(s_)
    plan = [(0, "113001", {"phone": "04-23450001"}), (1, "113001", {"email": "a@example.tw"}),
            (2, "113001", {"phone": "04-23450009"}), (1, "113002", {"guardian": "李媽媽"}),
            (2, "113002", {"guardian": "李媽媽"}), (0, "111005", None)]
    for who, no, values in plan:
        with skewed(skews[who]), stations[who].write() as (s, actor):
            row = find_student(s, no)
            if values is None:
                students.delete(s, actor, row.id)
            else:
                students.update(s, actor, row.id, values)
    with skewed(skews[2]), stations[2].write() as (s, actor):
        students.update(s, actor, find_student(s, "111005").id, {"phone": "04-23450007"})
    for order in ((2, 0, 1), (0, 1, 2)):
        for who in order:
            with skewed(skews[who]):
                stations[who].sync()
    data = assert_converged(url, *stations)
    conflicts = sorted((c.table_name, str(c.row_id), c.field, c.base_value, c.server_value,
                        c.local_value) for c in stations[0].conflicts())
    for s_ in stations:
        s_.close()
    return normalised(data), conflicts


def test_clocks_a_day_and_a_year_apart_give_the_same_result(tmp_path: Path, pg: PgServer,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    same = (timedelta(0), timedelta(0), timedelta(0))
    apart = (timedelta(days=1), timedelta(days=-365), timedelta(0))
    ref = clock_run(tmp_path / "ref", pg, same, monkeypatch)
    got = clock_run(tmp_path / "apart", pg, apart, monkeypatch)
    assert got == ref
    assert len(ref[1]) == 2  # phone of 113001, and delete against edit of 111005
