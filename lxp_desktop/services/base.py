"""One write path and one listing path shared by every record category.

A category is a description — its model, cleaner, columns and form fields — plus hooks for
what only it knows (resolving 學號 to a student, uniqueness, caps). Every door (form, import,
command line, sync) calls ``create``/``update``/``delete`` here, so every rule and the audit
log apply the same way whatever the door.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    event,
    false,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.orm.attributes import set_committed_value

from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.domain.ids import mask_id
from lxp_desktop.domain.roc import format_roc
from lxp_desktop.services import audit, scope
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import authorize
from lxp_desktop.store import bulk
from lxp_desktop.store.models import (
    SchoolClass,
    Student,
    SyncMixin,
    utcnow,
)
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
    #: who looks: a table the viewer may not read lists nothing, and 身分證統一編號 (columns of
    #: kind "id") come masked for roles that do not need them. ``None``: a trusted internal
    #: caller (export, sync), which sees everything.
    viewer: Actor | None = None


#: False while a list is built for a viewer who sees IDs masked: searching by an ID (or a
#: prefix of one) would let them find the digits one by one, so the search box does not
#: match IDs for them at all (``scope.may_search_ids``).
_id_prefix_search: ContextVar[bool] = ContextVar("id_prefix_search", default=True)


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
    by_id = ([Student.national_id.like(f"{upper}%", escape="\\")] if _id_prefix_search.get()
             else [])
    return select(Student.id).where(or_(
        Student.student_no.like(f"{like}%", escape="\\"),
        *by_id,
        Student.name.like(f"%{like}%", escape="\\"),
        Student.class_id.in_(class_ids),
    ))


# --- batch work ---------------------------------------------------------------------------
_BATCH = "lxp_batch"


class NewRow:
    """A row that batch mode wrote with a bulk insert, as lookups and callers see it: its
    columns as attributes, like the model's own objects (``id``, ``version``, ``deleted`` …)."""

    __slots__ = ("__dict__", "model")

    def __init__(self, model: type[Any], data: Mapping[str, Any]) -> None:
        self.model = model
        self.__dict__.update(data)

    def values(self, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
        return {f: getattr(self, f) for f in (fields or self.model.EDITABLE)}


def _model_of(obj: Any) -> type[Any]:
    return obj.model if isinstance(obj, NewRow) else type(obj)


class Batch:
    """A session's batch mode (imports of thousands of rows).

    Lookups by natural key (``lookup``) answer from whole-table indexes loaded once instead of
    one query per row. ``RecordService.insert``/``apply`` queue their rows and write them with
    one Core ``executemany`` per run of rows (``write_pending``) instead of one ORM object
    each; other writes (``insert_row`` with an ORM object) flush every ``flush_every`` writes.
    The rules, the checks, the rows and the audit entries are exactly those of single writes,
    and any query of the session first writes what is queued (as the ORM's autoflush does).
    """

    def __init__(self, flush_every: int = 2000) -> None:
        self.flush_every = flush_every
        self.pending = 0  # ORM writes not flushed yet
        #: queued bulk writes in order: ("insert" | "update", table, row values)
        self.queued: list[tuple[str, Any, dict[str, Any]]] = []
        #: the sync outbox entries of the writes, in order (inserted with the audit entries)
        self.outbox_rows: list[dict[str, Any]] = []
        #: attribute names as a caller gives them → already in the indexes' (sorted) order
        self._sorted: dict[tuple[str, ...], bool] = {}
        #: (model, attribute names) → key values → rows (deleted ones too)
        self.indexes: dict[tuple[type[Any], tuple[str, ...]], dict[tuple[Any, ...], list[Any]]] = {}

    def find(self, session: Session, model: type[Any], eq: Mapping[str, Any]) -> list[Any]:
        names = tuple(eq)
        attrs = names if self._sorted.get(names) else tuple(sorted(eq))
        index = self.indexes.get((model, attrs))
        if index is None:
            index = {}
            rows = self._rows(session, model)
            for obj in rows:
                index.setdefault(tuple(getattr(obj, a) for a in attrs), []).append(obj)
            self.indexes[(model, attrs)] = index
        self._sorted[names] = names == attrs
        key = tuple(eq.values()) if attrs is names else tuple(eq[a] for a in attrs)
        return list(index.get(key, ()))

    def _rows(self, session: Session, model: type[Any]) -> list[Any]:
        for (m, _attrs), index in self.indexes.items():
            if m is model:  # the table is loaded already (with every row written since)
                return list({id(o): o for rows in index.values() for o in rows}.values())
        session.flush()
        self.write_pending(session)
        return list(session.scalars(select(model)))

    def track(self, obj: Any, old: Mapping[str, Any] | None = None) -> None:
        """Keep the indexes of ``obj``'s table true after it was added or changed."""
        obj_model = _model_of(obj)
        for (model, attrs), index in self.indexes.items():
            if not issubclass(obj_model, model):
                continue
            new_key = tuple(getattr(obj, a) for a in attrs)
            if old is not None:
                old_key = tuple(old.get(a, getattr(obj, a)) for a in attrs)
                if old_key == new_key:
                    continue
                rows = index.get(old_key, [])
                if obj in rows:
                    rows.remove(obj)
            index.setdefault(new_key, []).append(obj)

    def wrote(self, session: Session) -> None:
        if self.queued:  # keep the order of the writes: what was queued goes first
            self.write_pending(session)
        self.pending += 1
        if self.pending >= self.flush_every:
            self.flush(session)

    def queue(self, session: Session, op: str, table: Any, row: dict[str, Any]) -> None:
        if self.pending:  # ORM writes made before go first
            self.pending = 0
            session.flush()
        self.queued.append((op, table, row))
        if len(self.queued) >= self.flush_every:
            self.flush(session)

    def write_pending(self, session: Session) -> None:
        """Write the queued rows: the one place where batch mode's bulk rows reach the
        database (one executemany per run of rows of one table and one set of columns)."""
        queued, self.queued = self.queued, []
        if not queued:
            return
        conn = session.connection()
        run: list[dict[str, Any]] = []
        for i, (op, table, row) in enumerate(queued):
            run.append(row)
            nxt = queued[i + 1] if i + 1 < len(queued) else None
            if (nxt is not None and nxt[0] == op and nxt[1] is table
                    and nxt[2].keys() == row.keys()):
                continue
            bulk.executemany(conn, table, op, run)
            run = []

    def flush(self, session: Session) -> None:
        self.pending = 0
        session.flush()
        self.write_pending(session)
        audit.insert_pending(session)
        if self.outbox_rows:
            rows, self.outbox_rows = self.outbox_rows, []
            bulk.executemany(session.connection(), outbox.OUTBOX_TABLE, "insert", rows)


def batch_of(session: Session) -> Batch | None:
    return session.info.get(_BATCH)


@contextmanager
def batch(session: Session, flush_every: int = 2000) -> Iterator[Batch]:
    """Put ``session`` in batch mode for the block; the rows written are flushed at its end."""
    b = Batch(flush_every)
    session.info[_BATCH] = b
    session.info[audit.BATCH_ROWS] = []
    try:
        yield b
        b.flush(session)
    finally:
        session.info.pop(_BATCH, None)
        session.info.pop(audit.BATCH_ROWS, None)


@event.listens_for(Session, "do_orm_execute")
def _write_queued(state: ORMExecuteState) -> None:
    """A query in batch mode sees the rows queued so far (the bulk path's autoflush)."""
    b = state.session.info.get(_BATCH)
    if b is not None and b.queued:
        b.write_pending(state.session)


def own_students(viewer: Actor, *, teaching: bool = True,
                 school_year: int | None = None) -> Select[Any]:
    """The students a teacher may see (``scope.own_students``, the one definition)."""
    return scope.own_students(viewer, teaching=teaching, school_year=school_year)


def lookup(session: Session, model: type[Any], **eq: Any) -> list[Any]:
    """The rows of ``model`` (deleted ones included) whose attributes equal ``eq``: one query,
    or in batch mode an index over the whole table."""
    b: Batch | None = session.info.get(_BATCH)
    if b is not None:
        return b.find(session, model, eq)
    return list(session.scalars(select(model).filter_by(**eq)))


def _flush(session: Session) -> None:
    b = session.info.get(_BATCH)
    if b is None:
        session.flush()
    else:
        b.wrote(session)


_SYNC_COLUMNS = ("id", "version", "updated_at", "updated_by", "origin", "deleted")


def _column_defaults(model: type[Any]) -> dict[str, Any]:
    """What the ORM would insert for a column left empty: its default (None if it has none)."""
    found = _DEFAULTS.get(model)
    if found is None:
        found = {}
        for col in model.__table__.columns:
            if col.key in _SYNC_COLUMNS:
                continue
            d = col.default
            found[col.key] = (None if d is None else d.arg if d.is_scalar
                              else _CallDefault(d.arg))
        _DEFAULTS[model] = found
    return found


@dataclass(frozen=True)
class _CallDefault:
    fn: Callable[[Any], Any]


_DEFAULTS: dict[type[Any], dict[str, Any]] = {}
_COLUMNS: dict[type[Any], tuple[frozenset[str], frozenset[str]]] = {}


def _columns_of(model: type[Any]) -> tuple[frozenset[str], frozenset[str]]:
    """The column names of ``model``'s table, and those of its Float columns."""
    found = _COLUMNS.get(model)
    if found is None:
        cols = model.__table__.columns
        found = _COLUMNS[model] = (frozenset(c.key for c in cols),
                                   frozenset(c.key for c in cols if isinstance(c.type, Float)))
    return found


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

    def before_update(self, session: Session, obj: M, values: dict[str, Any]) -> None:
        """Add what follows from an edit (e.g. an edited outcome needs certifying again)."""

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
            # an ID is searched only by those who may read it whole (the list, the count and
            # the export stream all come through here)
            token = _id_prefix_search.set(scope.may_search_ids(query.viewer))
            try:
                conds.append(self.search_condition(query.search))
            finally:
                _id_prefix_search.reset(token)
        if query.viewer is not None and not scope.sees_all_students(query.viewer):
            own = self.viewer_condition(query.viewer, query.school_year)
            if own is not None:
                conds.append(own)
        return conds

    def viewer_condition(self, viewer: Actor,
                         school_year: int | None = None) -> ColumnElement[bool] | None:
        """What a teacher (no office role) may list: the rows of their own students (of
        ``school_year`` when the list looks at one)."""
        key = self.student_key()
        return None if key is None else scope.student_condition(viewer, key, school_year)

    def student_key(self) -> Any:
        """The column naming the student a row is about (None: not about a student)."""
        return getattr(self.model, "student_id", None)

    def default_order(self) -> list[Any]:
        """The order of a tab nobody has sorted yet."""
        return [self.columns()[0].expr]

    def _order(self, query: ListQuery) -> list[Any]:
        cols = {c.key: c for c in self.columns()}
        col = cols.get(query.sort or "")
        if col is None:
            return [*self._newest_term_first(query), *self.default_order(), self.model.id]
        expr = col.expr.desc() if query.descending else col.expr.asc()
        return [expr, self.model.id]

    def _newest_term_first(self, query: ListQuery) -> list[Any]:
        """Across terms (全部學期, a whole 學年度) the newest term comes first; the table's
        term index gives that order, so a page sorts one term's rows, not the whole table."""
        out = []
        if self.scope in ("term", "year") and query.school_year is None:
            out.append(self.model.school_year.desc())  # type: ignore[attr-defined]
        if self.scope == "term" and query.semester is None:
            out.append(self.model.semester.desc())  # type: ignore[attr-defined]
        return out

    def page(self, session: Session, query: ListQuery, offset: int,
             limit: int) -> list[tuple[Any, ...]]:
        """Rows ``(id, value, …)`` in column order, filtered and sorted in SQL.

        With ``query.viewer`` set, what that person may see: nothing from a table they may
        not read, and national ID numbers masked unless their role needs them.
        """
        viewer = query.viewer
        if viewer is not None and not scope.may_read(viewer, self.table):
            return []
        masked = viewer is not None and not scope.sees_full_ids(viewer)
        columns = self.columns()
        stmt = self.joined(select(self.model.id, *[c.expr for c in columns])
                           .select_from(self.model))
        stmt = stmt.where(*self._conditions(query)).order_by(*self._order(query))
        rows = [tuple(r) for r in session.execute(stmt.offset(offset).limit(limit))]
        if masked:
            ids = [i + 1 for i, c in enumerate(columns) if c.kind == "id"]
            if ids:
                rows = [tuple(mask_id(v) if i in ids and v else v for i, v in enumerate(r))
                        for r in rows]
        return rows

    def page_after(self, session: Session, query: ListQuery, key: Sequence[Any] | None,
                   limit: int) -> tuple[list[tuple[Any, ...]], tuple[Any, ...] | None]:
        """The ``limit`` rows after the row whose sort key is ``key`` (None: the first page),
        as ``page`` gives them, and the key of the last one (to ask for the page after).

        Keyset paging (``keyset``): the database seeks to the key instead of counting past
        OFFSET rows, so a page deep in a long list costs what the first one does."""
        from lxp_desktop.services import keyset

        viewer = query.viewer
        if viewer is not None and not scope.may_read(viewer, self.table):
            return [], None
        masked = viewer is not None and not scope.sees_full_ids(viewer)
        columns = self.columns()
        order = self._order(query)
        terms = keyset.order_terms(order)
        conds = self._conditions(query)
        stmt = self.joined(select(self.model.id, *[c.expr for c in columns],
                                  *[e for e, _d in terms]).select_from(self.model))
        stmt = stmt.where(*conds).order_by(*order)
        # Leading sort terms that are this table's own NOT NULL columns (the term, in the
        # 全部學期 view) split the list into groups the term index finds: a page is read
        # within its group (one term's rows sorted, not the whole list's), then the next
        # group's first rows when it runs out.
        lead = keyset.leading_columns(terms, self.model)
        if lead:
            found = keyset.grouped_page(session, stmt, conds, self.model, terms[:lead], terms,
                                        key, limit)
        else:
            if key is not None:
                stmt = stmt.where(keyset.after(terms, key))
            found = [tuple(r) for r in session.execute(stmt.limit(limit))]
        width = 1 + len(columns)
        last = found[-1][width:] if found else None
        rows = [r[:width] for r in found]
        if masked:
            ids = [i + 1 for i, c in enumerate(columns) if c.kind == "id"]
            if ids:
                rows = [tuple(mask_id(v) if i in ids and v else v for i, v in enumerate(r))
                        for r in rows]
        return rows, last

    def stream(self, session: Session, query: ListQuery, exprs: Sequence[Any],
               chunk: int = 2000) -> Iterator[tuple[Any, ...]]:
        """Every row of the filtered, sorted view, as the given expressions (over the same
        joins as the columns), streamed in chunks: what an export of a tab reads — the
        same rows as ``page`` for the same query (viewer, search and term included)."""
        if query.viewer is not None and not scope.may_read(query.viewer, self.table):
            return
        stmt = self.joined(select(*exprs).select_from(self.model))
        stmt = stmt.where(*self._conditions(query)).order_by(*self._order(query))
        for row in session.execute(stmt.execution_options(yield_per=chunk)):
            yield tuple(row)

    def count(self, session: Session, query: ListQuery) -> int:
        viewer = query.viewer
        if viewer is not None and not scope.may_read(viewer, self.table):
            return 0
        stmt = select(func.count()).select_from(self.model).where(*self._conditions(query))
        return int(session.scalar(stmt) or 0)

    def get(self, session: Session, row_id: uuid.UUID | str) -> M:
        try:
            key = _uuid(row_id)
        except ValueError:
            raise ValidationFailed(f"「{row_id}」不是{self.label}的識別碼（應為 36 字元的 UUID）。") from None
        obj = session.get(self.model, key)
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
        actor = authorize(session, actor, self.table)
        values = self.validate(session, raw)
        actor = scope.write_row(session, actor, self.table, values)
        return self.insert(session, actor, values)

    def insert(self, session: Session, actor: Actor, values: dict[str, Any]) -> M:
        """Write already-checked values (from ``validate``) as a new row; ``actor`` is
        the one ``authorize`` returned. In batch mode the row is queued for a bulk insert
        and a :class:`NewRow` stands for it."""
        if batch_of(session) is not None:
            return self.insert_many(session, actor, [values])[0]
        obj = self.model(**self._storable(values))
        insert_row(session, actor, self.table, obj)
        return obj

    def insert_many(self, session: Session, actor: Actor,
                    values_list: Sequence[dict[str, Any]]) -> list[M]:
        """New rows from already-checked values, as ``insert`` writes them one by one: the
        same columns (defaults filled as the ORM fills them), version 1, the sync columns
        and one audit entry each. In batch mode the rows are queued for one executemany."""
        b = batch_of(session)
        if b is None:
            return [self.insert(session, actor, v) for v in values_list]
        model = self.model
        table = model.__table__  # type: ignore[attr-defined]
        defaults = _column_defaults(model)
        with_default = [(k, d) for k, d in defaults.items() if d is not None]
        editable = model.EDITABLE
        out: list[Any] = []
        for values in values_list:
            given = self._storable(values)
            row: dict[str, Any] = {key: given.get(key) for key in defaults}
            for key, default in with_default:
                if row[key] is None:
                    row[key] = default.fn(None) if isinstance(default, _CallDefault) else default
            row["id"] = given.get("id") or uuid.uuid4()
            row["version"] = 1
            row["updated_at"] = utcnow()
            row["updated_by"] = actor.staff_id
            row["origin"] = actor.workstation
            row["deleted"] = False
            b.queue(session, "insert", table, row)
            obj = NewRow(model, row)
            b.track(obj)
            record_change(session, actor, self.table, obj, "create",
                          {k: (None, row[k]) for k in editable if row[k] is not None})
            out.append(obj)
        return out

    def update(self, session: Session, actor: Actor, row_id: uuid.UUID | str,
               raw: Mapping[str, Any], expected_version: int | None = None) -> M:
        actor = authorize(session, actor, self.table)
        obj = self.get(session, row_id)
        actor = scope.write_row(session, actor, self.table, obj)
        if obj.deleted:
            raise ValidationFailed(f"這筆{self.label}已刪除，無法修改。")
        if expected_version is not None and obj.version != expected_version:
            raise ValidationFailed(
                f"這筆{self.label}在您編輯時已被其他人修改，請關閉表單、重新開啟後再改。")
        merged = {**self.form_values(session, obj), **raw}
        values = self._storable(self.validate(session, merged, obj))
        actor = scope.write_row(session, actor, self.table, {**self._row_of(obj), **values})
        self.before_update(session, obj, values)
        return self.apply(session, actor, obj, values)

    def apply(self, session: Session, actor: Actor, obj: M, values: dict[str, Any],
              action: str = "update") -> M:
        """Write already-checked values; the one place where a row changes."""
        changes = {k: (getattr(obj, k), v) for k, v in values.items() if getattr(obj, k) != v}
        if not changes:
            return obj
        b = batch_of(session)
        if b is not None:
            self._apply_queued(session, b, actor, obj, changes)
        else:
            for k, (_old, new) in changes.items():
                setattr(obj, k, new)
            obj.version += 1
            self._stamp(obj, actor)
            _flush(session)
        record_change(session, actor, self.table, obj, action, changes)
        return obj

    def _apply_queued(self, session: Session, b: Batch, actor: Actor, obj: Any,
                      changes: Mapping[str, tuple[Any, Any]]) -> None:
        """Batch mode's ``apply``: the same new values, version and sync columns, queued as a
        Core update by id; the object in memory (ORM or NewRow) shows them at once."""
        if not isinstance(obj, NewRow):
            state = inspect(obj)
            if state.pending or state.modified:  # unflushed ORM changes go first
                b.pending = 0
                session.flush()
        row: dict[str, Any] = {k: new for k, (_old, new) in changes.items()}
        row["version"] = obj.version + 1
        row["updated_at"] = utcnow()
        row["updated_by"] = actor.staff_id
        row["origin"] = actor.workstation
        for k, v in row.items():
            if isinstance(obj, NewRow):
                setattr(obj, k, v)
            else:  # what the database will hold once the queued update is written
                set_committed_value(obj, k, v)
        row[bulk.ROW_ID] = obj.id
        b.queue(session, "update", self.model.__table__, row)  # type: ignore[attr-defined]
        b.track(obj, {k: old for k, (old, _new) in changes.items()})

    def delete(self, session: Session, actor: Actor, row_id: uuid.UUID | str) -> None:
        actor = authorize(session, actor, self.table)
        obj = self.get(session, row_id)
        actor = scope.write_row(session, actor, self.table, obj)
        if not obj.deleted:
            self.apply(session, actor, obj, {"deleted": True}, action="delete")

    def restore(self, session: Session, actor: Actor, row_id: uuid.UUID | str) -> None:
        actor = authorize(session, actor, self.table)
        obj = self.get(session, row_id)
        actor = scope.write_row(session, actor, self.table, obj)
        if obj.deleted:
            self.validate(session, self.form_values(session, obj), obj)
            self.apply(session, actor, obj, {"deleted": False}, action="restore")

    def _storable(self, values: dict[str, Any]) -> dict[str, Any]:
        """The values that are columns of the table; a Decimal for a Float column becomes the
        float that will be stored, so an unchanged value compares equal to the stored one."""
        names, floats = _columns_of(self.model)
        out = {k: v for k, v in values.items() if k in names}
        for k, v in out.items():
            if isinstance(v, Decimal) and k in floats:
                out[k] = float(v)
        return out

    @staticmethod
    def _row_of(obj: Any) -> dict[str, Any]:
        return dict(_row_values(obj))

    def storable(self, values: dict[str, Any]) -> dict[str, Any]:
        return self._storable(values)

    @staticmethod
    def _stamp(obj: SyncMixin, actor: Actor) -> None:
        obj.updated_at = utcnow()
        obj.updated_by = actor.staff_id
        obj.origin = actor.workstation


def insert_row(session: Session, actor: Actor, table: str, obj: SyncMixin) -> None:
    """Add a new, already-checked row: the one place where rows are born (and audited)."""
    obj.id = obj.id or uuid.uuid4()
    obj.version = 1
    RecordService._stamp(obj, actor)
    obj.deleted = False
    session.add(obj)
    _flush(session)
    if (b := batch_of(session)) is not None:
        b.track(obj)
    record_change(session, actor, table, obj, "create",
                  {k: (None, v) for k, v in obj.values().items() if v is not None})


def insert_items(session: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> None:
    """New rows written together under one audit entry of their caller (the items of a
    submission, of a receipt): one bulk insert, and each captured in the sync outbox like any
    other new row, so that the other workstations get them. ``rows`` carry every column."""
    if not rows:
        return
    session.flush()  # the parent's own row and outbox entry go first
    table = model.__table__
    conn = session.connection()
    bulk.executemany(conn, table, "insert", rows)
    captured = [c for c in (outbox.change_row(session, table.name, row, "create") for row in rows)
                if c is not None]
    bulk.executemany(conn, outbox.OUTBOX_TABLE, "insert", captured)


def _row_values(obj: Any) -> Mapping[str, Any]:
    if isinstance(obj, NewRow):
        return obj.__dict__
    return {c: getattr(obj, c) for c in obj.__table__.columns.keys()}


def record_change(session: Session, actor: Actor, table: str, obj: Any, action: str,
                  changes: Mapping[str, tuple[Any, Any]], *,
                  shown: Mapping[str, tuple[Any, Any]] | None = None) -> None:
    """What every write does once its row is written: the audit entry and the sync outbox
    entry, in the same transaction (in batch mode both are queued with the bulk rows).
    ``shown`` replaces ``changes`` in the audit log where a value must not be kept there
    (a password hash); the outbox carries the real change."""
    values = _row_values(obj)
    at = values.get("updated_at")  # the write's time: the row's stamp, its entry's and change's
    audit.record(session, actor, table, obj.id, action, dict(shown or changes), at)
    row = outbox.change_row(session, table, values, action,
                            None if action == "create" else changes)
    if row is None:  # a pull applying the server's rows: not captured again
        return
    b = batch_of(session)
    if b is None:
        session.add(outbox.OutboxChange(**row))
    else:
        b.outbox_rows.append(row)


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def choices(mapping: Mapping[Any, str] | Sequence[str]) -> tuple[tuple[str, str], ...]:
    if isinstance(mapping, Mapping):
        return tuple((str(k), f"{k} {v}") for k, v in mapping.items())
    return tuple((v, v) for v in mapping)
