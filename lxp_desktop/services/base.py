"""One write path and one listing path shared by every record category.

A category is a description — its model, cleaner, columns and form fields — plus hooks for
what only it knows (resolving 學號 to a student, uniqueness, caps). Every door (form, import,
command line, sync) calls ``create``/``update``/``delete`` here, so every rule and the audit
log apply the same way whatever the door.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import Session

from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.domain.roc import format_roc
from lxp_desktop.services import audit
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import require_write
from lxp_desktop.store.models import SchoolClass, Student, SyncMixin, utcnow
from lxp_desktop.sync import outbox

M = TypeVar("M", bound=SyncMixin)

Cleaner = Callable[[Mapping[str, Any]], tuple[dict[str, Any], list[FieldError]]]


@dataclass(frozen=True)
class Column:
    """A column of a category's table: its header, SQL expression and how values show."""

    key: str
    label: str
    expr: Any
    kind: str = "text"  # text, int, float, date, bool, id
    width: int = 90


@dataclass(frozen=True)
class FormField:
    """A field of a category's form; values travel as the text a clerk types."""

    key: str
    label: str
    kind: str = "text"  # text, date, int, float, choice, bool, multiline
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (stored text, shown label)
    placeholder: str = ""
    max_length: int | None = None


@dataclass
class ListQuery:
    """What a table shows: term filter, the search box's text, the sort column."""

    school_year: int | None = None
    semester: int | None = None
    search: str = ""
    sort: str | None = None
    descending: bool = False
    include_deleted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def show(value: Any, kind: str = "text") -> str:
    """How a stored value is shown to a clerk (ROC dates, 是/否)."""
    if value is None:
        return ""
    if isinstance(value, bool) or kind == "bool":
        return "是" if value else "否"
    if isinstance(value, datetime):
        return format_roc(value.date()) + value.strftime(" %H:%M")
    if isinstance(value, date):
        return format_roc(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def escape_like(text: str) -> str:
    """Text for a LIKE pattern with ``\\`` as the escape character."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def student_search_ids(search: str) -> Select[Any]:
    """Student ids matching the search box: 學號 or 身分證 prefix, 姓名 part, 班級 prefix."""
    like = escape_like(search.strip())
    upper = like.upper()
    class_ids = select(SchoolClass.id).where(SchoolClass.code.like(f"{like}%", escape="\\"))
    return select(Student.id).where(or_(
        Student.student_no.like(f"{like}%", escape="\\"),
        Student.national_id.like(f"{upper}%", escape="\\"),
        Student.name.like(f"%{like}%", escape="\\"),
        Student.class_id.in_(class_ids),
    ))


class RecordService(Generic[M]):
    """Create, edit, soft-delete and list the records of one category."""

    model: type[M]
    table: ClassVar[str]
    label: ClassVar[str]
    #: 'term' (學年度+學期), 'year' (學年度 only) or None
    scope: ClassVar[str | None] = "term"
    cleaner: Cleaner

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def fields(self) -> list[FormField]:
        raise NotImplementedError

    # --- hooks -----------------------------------------------------------------------
    def joined(self, stmt: Select[Any]) -> Select[Any]:
        """Add the joins that the columns need."""
        return stmt

    def search_condition(self, search: str) -> ColumnElement[bool]:
        return self.model.student_id.in_(student_search_ids(search))  # type: ignore[attr-defined]

    def resolve(self, session: Session, raw: dict[str, Any],
                errors: list[FieldError]) -> dict[str, Any]:
        """Turn what a clerk types (學號, 課程代碼) into references; report what is unknown."""
        return raw

    def check(self, session: Session, values: dict[str, Any], obj: M | None,
              errors: list[FieldError]) -> None:
        """Rules that need the database: uniqueness, references in the right term, caps."""

    def form_values(self, session: Session, obj: M) -> dict[str, str]:
        """The record as the text its form shows."""
        out: dict[str, str] = {}
        for f in self.fields():
            value = getattr(obj, f.key, None)
            out[f.key] = "" if value is None else (
                ("是" if value else "否") if isinstance(value, bool) else show(value))
        return out

    # --- reading ---------------------------------------------------------------------
    def _conditions(self, query: ListQuery) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if not query.include_deleted:
            conds.append(self.model.deleted == false())
        if self.scope in ("term", "year") and query.school_year is not None:
            conds.append(self.model.school_year == query.school_year)  # type: ignore[attr-defined]
        if self.scope == "term" and query.semester is not None:
            conds.append(self.model.semester == query.semester)  # type: ignore[attr-defined]
        if query.search.strip():
            conds.append(self.search_condition(query.search))
        return conds

    def _order(self, query: ListQuery) -> list[Any]:
        cols = {c.key: c for c in self.columns()}
        col = cols.get(query.sort or "") or self.columns()[0]
        expr = col.expr.desc() if query.descending else col.expr.asc()
        return [expr, self.model.id]

    def page(self, session: Session, query: ListQuery, offset: int,
             limit: int) -> list[tuple[Any, ...]]:
        """Rows ``(id, value, …)`` in column order, filtered and sorted in SQL."""
        stmt = self.joined(select(self.model.id, *[c.expr for c in self.columns()])
                           .select_from(self.model))
        stmt = stmt.where(*self._conditions(query)).order_by(*self._order(query))
        return [tuple(r) for r in session.execute(stmt.offset(offset).limit(limit))]

    def count(self, session: Session, query: ListQuery) -> int:
        stmt = select(func.count()).select_from(self.model).where(*self._conditions(query))
        return int(session.scalar(stmt) or 0)

    def get(self, session: Session, row_id: uuid.UUID | str) -> M:
        obj = session.get(self.model, _uuid(row_id))
        if obj is None:
            raise ValidationFailed(f"找不到這筆{self.label}（可能已被刪除），請重新整理清單。")
        return obj

    # --- writing ---------------------------------------------------------------------
    def validate(self, session: Session, raw: Mapping[str, Any],
                 obj: M | None = None) -> dict[str, Any]:
        """Everything a door must pass; raises ValidationFailed with every problem found."""
        errors: list[FieldError] = []
        resolved = self.resolve(session, dict(raw), errors)
        values, clean_errors = type(self).cleaner(resolved)
        # references that ``resolve`` found (student_id, class_id …) pass through unchanged
        values.update({k: v for k, v in resolved.items()
                       if k.endswith("_id") and k not in values})
        known = {e.field for e in errors}
        errors.extend(e for e in clean_errors if e.field not in known)
        if not errors:
            self.check(session, values, obj, errors)
        if errors:
            raise ValidationFailed(errors)
        return values

    def create(self, session: Session, actor: Actor, raw: Mapping[str, Any]) -> M:
        require_write(actor, self.table)
        values = self.validate(session, raw)
        obj = self.model(id=uuid.uuid4(), **self._storable(values))
        self._stamp(obj, actor)
        obj.version = 1
        session.add(obj)
        session.flush()
        audit.record(session, actor, self.table, obj.id, "create",
                     {k: (None, v) for k, v in obj.values().items() if v is not None})
        outbox.capture(session, self.table, obj, "create")
        return obj

    def update(self, session: Session, actor: Actor, row_id: uuid.UUID | str,
               raw: Mapping[str, Any], expected_version: int | None = None) -> M:
        require_write(actor, self.table)
        obj = self.get(session, row_id)
        if obj.deleted:
            raise ValidationFailed(f"這筆{self.label}已刪除，無法修改。")
        if expected_version is not None and obj.version != expected_version:
            raise ValidationFailed(
                f"這筆{self.label}在您編輯時已被其他人修改，請關閉表單、重新開啟後再改。")
        merged = {**self.form_values(session, obj), **raw}
        values = self.validate(session, merged, obj)
        return self.apply(session, actor, obj, self._storable(values))

    def apply(self, session: Session, actor: Actor, obj: M, values: dict[str, Any],
              action: str = "update") -> M:
        """Write already-checked values; the one place where a row changes."""
        changes = {k: (getattr(obj, k), v) for k, v in values.items() if getattr(obj, k) != v}
        if not changes:
            return obj
        for k, (_old, new) in changes.items():
            setattr(obj, k, new)
        obj.version += 1
        self._stamp(obj, actor)
        session.flush()
        audit.record(session, actor, self.table, obj.id, action, changes)
        outbox.capture(session, self.table, obj, action, changes)
        return obj

    def delete(self, session: Session, actor: Actor, row_id: uuid.UUID | str) -> None:
        require_write(actor, self.table)
        obj = self.get(session, row_id)
        if not obj.deleted:
            self.apply(session, actor, obj, {"deleted": True}, action="delete")

    def restore(self, session: Session, actor: Actor, row_id: uuid.UUID | str) -> None:
        require_write(actor, self.table)
        obj = self.get(session, row_id)
        if obj.deleted:
            self.validate(session, self.form_values(session, obj), obj)
            self.apply(session, actor, obj, {"deleted": False}, action="restore")

    def _storable(self, values: dict[str, Any]) -> dict[str, Any]:
        cols = set(self.model.__table__.columns.keys())  # type: ignore[attr-defined]
        return {k: v for k, v in values.items() if k in cols}

    @staticmethod
    def _stamp(obj: SyncMixin, actor: Actor) -> None:
        obj.updated_at = utcnow()
        obj.updated_by = actor.staff_id
        obj.origin = actor.workstation


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def choices(mapping: Mapping[Any, str] | Sequence[str]) -> tuple[tuple[str, str], ...]:
    if isinstance(mapping, Mapping):
        return tuple((str(k), f"{k} {v}") for k, v in mapping.items())
    return tuple((v, v) for v in mapping)
