"""Bulk writes of many rows with the same columns: one DBAPI ``executemany``.

SQLAlchemy's Core ``executemany`` builds a parameter dictionary per row, looks every value's
processor up per row and checks for missing keys — about a third of the cost of writing an
import's rows, audit entries and outbox entries. Here the statement is compiled once per
(table, columns) and each row becomes a tuple through the columns' own bind processors (the
same conversion SQLAlchemy applies: UUIDs, the UTC datetimes, booleans), then goes to the
driver through the connection (so the transaction and the engine's events are the same).

Only for positional ("qmark") drivers, the embedded SQLite store; any other statement shape
(a column with a Python-side default left out, another paramstyle) goes through
``Connection.execute`` unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, bindparam
from sqlalchemy.engine import Connection

from lxp_desktop.store.models import UTCDateTime

ROW_ID = "_row_id"  # the bind name of the id in a bulk update's WHERE clause

_Prepared = tuple[str, tuple[str, ...], tuple[Callable[[Any], Any] | None, ...]] | None
_PREPARED: dict[tuple[str, str, Table, tuple[str, ...]], _Prepared] = {}


def _statement(table: Table, op: str) -> Any:
    if op == "insert":
        return table.insert()
    return table.update().where(table.c.id == bindparam(ROW_ID))


def _prepare(conn: Connection, table: Table, op: str, keys: tuple[str, ...]) -> _Prepared:
    dialect = conn.dialect
    if dialect.paramstyle != "qmark":
        return None
    compiled = _statement(table, op).compile(
        dialect=dialect, column_keys=[k for k in keys if k != ROW_ID])
    names = tuple(compiled.positiontup or ())
    if len(names) < 2 or set(names) != set(keys):  # a default SQLAlchemy would fill in per row
        return None
    processors = tuple(
        _processor((table.c.id if name == ROW_ID else table.c[name]).type, dialect)
        for name in names)
    return compiled.string, names, processors


@lru_cache(maxsize=4096)  # a write's one time goes into its row, audit entry and outbox entry
def _utc_text(value: datetime | None) -> str | None:
    """A UTC column's value as SQLite stores it ('2026-11-25 08:30:00.000000', naive UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


_PROBES = (datetime(2026, 11, 25, 8, 30, 5, 120, tzinfo=UTC),
           datetime(2013, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=8))))


def _processor(col_type: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """The column's bind processor; for the UTC timestamps (three a row written by an import)
    one that does the same in one step, used only where it gives the very same text."""
    processor: Callable[[Any], Any] | None = (
        col_type.dialect_impl(dialect).bind_processor(dialect))
    if (isinstance(col_type, UTCDateTime) and processor is not None
            and all(processor(p) == _utc_text(p) for p in _PROBES)):
        return _utc_text
    return processor


def executemany(conn: Connection, table: Table, op: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert (``op="insert"``) or update by ``_row_id`` (``op="update"``) ``rows``, which all
    have the same keys, in the connection's transaction."""
    if not rows:
        return
    keys = tuple(rows[0])
    cache_key = (conn.dialect.name, op, table, keys)
    if cache_key in _PREPARED:
        prepared = _PREPARED[cache_key]
    else:
        prepared = _PREPARED[cache_key] = _prepare(conn, table, op, keys)
    if prepared is None:
        conn.execute(_statement(table, op), list(rows))
        return
    sql, names, processors = prepared
    # column by column: the values of one column through its processor in one ``map``
    columns = list(zip(*map(itemgetter(*names), rows), strict=True))
    for i, p in enumerate(processors):
        if p is not None:
            columns[i] = tuple(map(p, columns[i]))
    conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))
