"""Two workstations edit offline, then meet through the shared database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lxp_desktop.services.students import find_student, students
from tests.integration.stations import Station, assert_converged, school_on_two_pcs

pytestmark = pytest.mark.postgres


@pytest.fixture
def pair(tmp_path: Path, server_url: str):  # type: ignore[no-untyped-def]
    a, b = school_on_two_pcs(tmp_path, server_url)
    yield a, b
    a.close()
    b.close()


def edit(st: Station, student_no: str, **values: str) -> None:
    with st.write() as (s, actor):
        students.update(s, actor, find_student(s, student_no).id, values)


def student(st: Station, student_no: str):  # type: ignore[no-untyped-def]
    with st.ws.read() as s:
        return find_student(s, student_no)


def test_different_fields_merge_without_conflict(pair, server_url: str) -> None:
    a, b = pair
    edit(a, "113001", phone="04-11111111")
    edit(b, "113001", email="ming@example.tw")
    a.sync()
    b.sync()
    a.sync()
    assert_converged(server_url, a, b)
    for st in (a, b):
        s = student(st, "113001")
        assert (s.phone, s.email) == ("04-11111111", "ming@example.tw")
        assert st.conflicts() == []


def test_same_field_same_value_is_no_conflict(pair, server_url: str) -> None:
    a, b = pair
    edit(a, "113002", address="臺中市西屯區福星路1號")
    edit(b, "113002", address="臺中市西屯區福星路1號")
    a.sync()
    b.sync()
    a.sync()
    assert_converged(server_url, a, b)
    assert a.conflicts() == [] and b.conflicts() == []
    assert student(a, "113002").address == "臺中市西屯區福星路1號"


def test_same_field_different_values_is_exactly_one_conflict(pair, server_url: str) -> None:
    a, b = pair
    edit(a, "113001", guardian="王大明")
    edit(b, "113001", guardian="王媽媽", phone="04-22222222")
    a.sync()
    b_report = b.sync()
    a.sync()
    assert b_report.new_conflicts == 1
    assert_converged(server_url, a, b)
    for st in (a, b):
        [c] = st.conflicts()
        assert (c.table_name, c.field, c.kind) == ("student", "guardian", "field")
        assert json.loads(c.server_value) == "王大明"   # the value that reached the server first
        assert json.loads(c.local_value) == "王媽媽"
        assert json.loads(c.base_value) is None
        # the server value stays until a person decides; B's other field merged
        assert (student(st, "113001").guardian, student(st, "113001").phone) == (
            "王大明", "04-22222222")


@pytest.mark.parametrize("first", ["delete", "edit"])
def test_delete_against_edit_is_a_conflict_in_both_orders(pair, server_url: str,
                                                          first: str) -> None:
    a, b = pair
    sid = student(a, "111005").id
    with a.write() as (s, actor):
        students.delete(s, actor, sid)
    edit(b, "111005", phone="04-33333333")
    deleter, editor = (a, b) if first == "delete" else (b, a)
    deleter.sync()
    editor.sync()
    deleter.sync()
    data = assert_converged(server_url, a, b)
    for st in (a, b):
        [c] = st.conflicts()
        assert (c.field, c.kind, c.row_id) == ("deleted", "deleted", sid)
    row = student(a, "111005")
    if first == "delete":
        # deleted on the server first: it stays deleted, the edit is kept on the tombstone
        assert row.deleted and row.phone == "04-33333333"
        assert json.loads(a.conflicts()[0].local_value) is False
    else:
        # edited on the server first: the delete waits for a person; the edit stays
        assert not row.deleted and row.phone == "04-33333333"
        assert json.loads(a.conflicts()[0].local_value) is True
    assert len(data["student"]) == 3
