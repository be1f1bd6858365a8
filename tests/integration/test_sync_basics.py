"""Sync between workstations through a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from lxp_desktop.services.students import students
from tests.integration.stations import Station, assert_converged, server_dump
from tests.makers import make_small_school

pytestmark = pytest.mark.postgres


def test_a_new_store_pulls_the_whole_school(tmp_path: Path, server_url: str) -> None:
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    report = a.sync()
    assert report.pushed > 0 and a.pending() == 0
    b = Station(tmp_path / "b", server_url, "B")
    report = b.sync()
    assert report.adopted_empty_store
    data = assert_converged(server_url, a, b)
    assert len(data["student"]) == 3 and len(data["staff"]) == 3
    # B now acts as the school's administrator, and its edits reach A
    with b.write() as (s, actor):
        st = students.get(s, next(iter(students.page(s, __import__(
            "lxp_desktop.services.base", fromlist=["ListQuery"]).ListQuery(), 0, 1)))[0])
        students.update(s, actor, st.id, {"phone": "04-23456789"})
    b.sync()
    a.sync()
    assert_converged(server_url, a, b)
    assert any(r for r in server_dump(server_url)["student"] if "04-23456789" in r)
