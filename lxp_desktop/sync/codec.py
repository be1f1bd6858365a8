"""Values of synced columns as JSON and back, by the column's type (same on SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, Table, Uuid

from lxp_desktop.domain import jsontext
from lxp_desktop.store.models import SyncMixin, UTCDateTime
from lxp_desktop.store.schema import SYNCED_MODELS

#: the columns every synced row carries besides its own fields
META_COLUMNS = ("id", "version", "updated_at", "updated_by", "origin")

TABLES: dict[str, Table] = {m.__tablename__: m.__table__ for m in SYNCED_MODELS}  # type: ignore[attr-defined]
MODELS: dict[str, type[SyncMixin]] = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]
#: parents before children, so rows can be inserted in this order
TABLE_ORDER: tuple[str, ...] = tuple(m.__tablename__ for m in SYNCED_MODELS)  # type: ignore[attr-defined]


def encode(value: Any) -> Any:
    """A Python value of a column as a JSON value."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


@cache
def _kind(table: str, column: str) -> str:
    col_type = TABLES[table].c[column].type
    if isinstance(col_type, UTCDateTime):
        return "datetime"
    if isinstance(col_type, Uuid):
        return "uuid"
    if isinstance(col_type, Date):
        return "date"
    if isinstance(col_type, Boolean):
        return "bool"
    if isinstance(col_type, Float):
        return "float"
    if isinstance(col_type, Integer):
        return "int"
    return "text"


def decode(table: str, column: str, value: Any) -> Any:
    """A JSON value back to the Python value of ``table.column``."""
    if value is None:
        return None
    kind = _kind(table, column)
    if kind == "datetime":
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if kind == "uuid":
        return uuid.UUID(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "bool":
        return bool(value)
    if kind == "float":
        return float(value)
    if kind == "int":
        return int(value)
    return value


def _default(value: Any) -> Any:
    out = encode(value)
    return str(value) if out is value else out


dumps = jsontext.encoder(_default)
"""JSON text of a change's fields or meta (dates, UUIDs … in their ``encode`` form)."""


@cache
def field_columns(table: str) -> tuple[str, ...]:
    """The columns a change may carry: every column but the row's id and sync stamps."""
    return tuple(c.name for c in TABLES[table].columns if c.name not in META_COLUMNS)


def same(a: Any, b: Any) -> bool:
    """Equality of two decoded values (aware datetimes compare by instant)."""
    return bool(a == b)
