"""The bulk writer and the JSON text of the audit log and the outbox: the same results as
SQLAlchemy's and the json module's own, only made faster."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.dialects import sqlite

from lxp_desktop.domain import jsontext
from lxp_desktop.store import bulk
from lxp_desktop.store.models import AuditEntry, Base, UTCDateTime, utcnow
from lxp_desktop.sync.codec import dumps

TAIPEI = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.parametrize("value", [
    dt.datetime(2026, 11, 25, 8, 30, 5, 123456, tzinfo=dt.UTC),
    dt.datetime(2026, 11, 25, 8, 30, 5, tzinfo=dt.UTC),  # no microseconds: still six digits
    dt.datetime(2025, 1, 1, 7, 59, 59, 1, tzinfo=TAIPEI),  # the day before, in UTC
    dt.datetime(999, 12, 31, 23, 0, tzinfo=dt.UTC),
    None,
])
def test_utc_timestamps_written_as_sqlalchemy_writes_them(value):
    dialect = sqlite.dialect()
    standard = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    fast = bulk._processor(UTCDateTime(), dialect)
    assert fast is bulk._utc_text  # the one-step form is the one used on SQLite
    assert fast(value) == standard(value)


def test_naive_timestamp_refused():
    with pytest.raises(ValueError):
        bulk._utc_text(dt.datetime(2026, 1, 1))


def test_rows_left_to_a_default_go_through_sqlalchemy(tmp_path):
    """A column SQLAlchemy fills per row (``at`` defaults to now) is not left out."""
    engine = create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    Base.metadata.create_all(engine, tables=[AuditEntry.__table__])
    row = {"staff_id": None, "acting_for": None, "workstation": "w", "table_name": "t",
           "row_id": "r", "action": "create", "changes": "{}", "changes_sha256": None,
           "source": None, "prev_hash": "0" * 64, "hash": "1" * 64}
    stamped = {**row, "at": utcnow(), "row_id": "s"}
    with engine.begin() as conn:
        bulk.executemany(conn, AuditEntry.__table__, "insert", [row, dict(row)])
        bulk.executemany(conn, AuditEntry.__table__, "insert", [stamped])
    with engine.connect() as conn:
        got = conn.execute(select(AuditEntry.row_id, AuditEntry.at)).all()
    assert [r.row_id for r in got] == ["r", "r", "s"]
    assert all(r.at is not None for r in got)
    assert got[2].at == stamped["at"]


VALUES = [
    {"姓名": "歐陽　小美", "score": [None, 88.5], "ok": (True, False), "n": -1, "empty": {},
     "nested": [{"b": 1, "a": [1.0, 2e-07, None]}], "quote": "他說「\"好\"」\n\t\\"},
    [1, "二", None, [], ()],
    "純文字",
    12,
    None,
]


@pytest.mark.parametrize("value", VALUES)
def test_json_text_is_json_dumps(value):
    assert jsontext.encoder()(value) == json.dumps(value, ensure_ascii=False, sort_keys=True)
    compact = jsontext.encoder(separators=(",", ":"))
    assert compact(value) == json.dumps(value, ensure_ascii=False, sort_keys=True,
                                        separators=(",", ":"))


def test_json_text_uses_the_default_for_other_values():
    rid = uuid.uuid4()
    data = {"id": rid, "on": dt.date(2026, 11, 25), "score": Decimal("88.5"),
            "at": dt.datetime(2026, 1, 1, 8, tzinfo=TAIPEI)}
    assert json.loads(dumps(data)) == {"id": str(rid), "on": "2026-11-25", "score": "88.5",
                                       "at": "2026-01-01T00:00:00+00:00"}
    with pytest.raises(TypeError):
        jsontext.encoder()({"x": object()})
