"""Change capture: every local write appends to the outbox in the same transaction."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import settings
from lxp_desktop.services.students import find_student, students
from lxp_desktop.store.sync_models import OutboxChange
from lxp_desktop.sync.codec import decode, field_columns


def outbox(ws) -> list[OutboxChange]:  # type: ignore[no-untyped-def]
    with ws.read() as s:
        return list(s.scalars(select(OutboxChange).order_by(OutboxChange.seq)))


def test_every_write_of_the_small_school_is_in_the_outbox(workspace, school) -> None:
    entries = outbox(workspace)
    tables = [e.table_name for e in entries]
    # the administrator, school, 2 terms, 2 classes, 2 staff, 3 students, 2 courses, 1 enrolment
    assert tables.count("student") == 3 and tables.count("staff") == 3
    assert {"school", "term", "school_class", "course", "enrolment"} <= set(tables)
    assert all(e.action == "create" and e.base_version == 0 for e in entries)
    new = next(e for e in entries if e.table_name == "student")
    fields = json.loads(new.changes)
    assert set(fields) == set(field_columns("student"))  # a new row carries every field
    assert json.loads(new.meta)["origin"] == workspace.store.workstation_id


def test_an_edit_carries_old_and_new_values_and_its_base_version(workspace, school) -> None:
    with workspace.write() as (s, a):
        sid = find_student(s, "113001").id
        students.update(s, a, sid, {"phone": "04-23456789", "birth_date": "097/06/01"})
        students.delete(s, a, sid)
    *_, edit, delete = outbox(workspace)
    assert (edit.action, edit.base_version, delete.action, delete.base_version) == (
        "update", 1, "delete", 2)
    changes = json.loads(edit.changes)
    assert changes["phone"] == [None, "04-23456789"]
    assert decode("student", "birth_date", changes["birth_date"][1]).isoformat() == "2008-06-01"
    assert json.loads(delete.changes) == {"deleted": [False, True]}


def test_a_refused_write_leaves_no_change_behind(workspace, school) -> None:
    before = len(outbox(workspace))
    with pytest.raises(ValidationFailed), workspace.write() as (s, a):
        students.update(s, a, find_student(s, "113001").id, {"phone": "04-23456789"})
        students.update(s, a, find_student(s, "113002").id, {"national_id": "A123456780"})
    assert len(outbox(workspace)) == before


def test_school_settings_are_captured_by_column(workspace, school) -> None:
    with workspace.write() as (s, a):
        settings.put(s, a, "retention_years", 7)
        settings.put(s, a, "retention_years", 8)
    *_, made, changed = outbox(workspace)
    assert made.action == "create" and json.loads(made.changes)["value"] == [None, "7"]
    assert json.loads(changed.changes) == {"value": ["7", "8"]}


def test_a_bulk_writer_gets_the_same_outbox_row_from_plain_values(workspace, school) -> None:
    """Batch writers (Core bulk inserts) queue ``change_row`` with their rows."""
    import uuid

    from lxp_desktop.store.models import utcnow
    from lxp_desktop.sync.outbox import NO_CAPTURE, change_row

    row = {"id": uuid.uuid4(), "version": 3, "updated_at": utcnow(), "updated_by": "x",
           "origin": "ws", "name": "王小明"}
    with workspace.write() as (s, _a):
        made = change_row(s, "student", row, "update", {"name": ("王曉明", "王小明")})
        assert made is not None
        assert (made["base_version"], json.loads(made["changes"])) == (
            2, {"name": ["王曉明", "王小明"]})
        s.info[NO_CAPTURE] = True
        assert change_row(s, "student", row, "create") is None
