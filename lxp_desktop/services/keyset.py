"""Keyset paging: the next page of a sorted list starts after the last row's sort key, not at
an OFFSET, so the next 200 rows cost the same at row 1,000,000 as at row 200 (issue #20).

A list's order is a list of SQL expressions, each ascending or descending, ending with the
row's id (unique, so the order is total). The key of a row is the value of each of them;
"after key k" is the usual lexicographic condition::

    a > k0  OR  (a = k0 AND b > k1)  OR  (a = k0 AND b = k1 AND id > k2) …

with "greater" read as "later in the order". NULLs sort as SQLite sorts them (the store is
SQLite): first when ascending, last when descending, so a NULL in the key or the column is
spelt out with IS NULL / IS NOT NULL rather than compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, false, literal, or_, true
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression

#: one sort term: the expression and whether it sorts descending
Term = tuple[Any, bool]


def order_terms(order: Sequence[Any]) -> list[Term]:
    """``(expression, descending)`` of each ORDER BY term (``x``, ``x.asc()``, ``x.desc()``)."""
    out: list[Term] = []
    for term in order:
        if isinstance(term, UnaryExpression) and term.modifier in (operators.desc_op,
                                                                   operators.asc_op):
            out.append((term.element, term.modifier is operators.desc_op))
        else:
            out.append((term, False))
    return out


def _bound(expr: Any, value: Any) -> Any:
    """``value`` as a bound parameter of ``expr``'s type (a boolean too: ``x > true``)."""
    return literal(value, type_=getattr(expr, "type", None))


def _later(expr: Any, desc: bool, value: Any) -> ColumnElement[bool]:
    """Rows whose ``expr`` comes after ``value`` in the order (SQLite's NULL placement)."""
    if value is None:
        # NULLs come first ascending (everything not NULL is later), last descending (none)
        found: ColumnElement[bool] = expr.is_not(None) if not desc else false()
        return found
    if desc:
        return or_(expr < _bound(expr, value), expr.is_(None))
    later: ColumnElement[bool] = expr > _bound(expr, value)
    return later


def _same(expr: Any, value: Any) -> ColumnElement[bool]:
    same: ColumnElement[bool] = expr.is_(None) if value is None else expr == _bound(expr, value)
    return same


def after(terms: Sequence[Term], key: Sequence[Any]) -> ColumnElement[bool]:
    """The rows that come after the row whose sort key is ``key``."""
    if len(key) != len(terms):
        raise ValueError("a key needs one value per sort term")
    branches = []
    for i, (expr, desc) in enumerate(terms):
        equal = [_same(e, key[j]) for j, (e, _d) in enumerate(terms[:i])]
        branches.append(and_(true(), *equal, _later(expr, desc, key[i])))
    return or_(false(), *branches)


def _own_column(expr: Any, model: Any) -> bool:
    """Whether ``expr`` is a NOT NULL column of ``model``'s own table."""
    col = expr.__clause_element__() if hasattr(expr, "__clause_element__") else expr
    table = getattr(col, "table", None)
    return (table is not None and getattr(table, "name", None) == model.__table__.name
            and getattr(col, "nullable", True) is False)


def leading_columns(terms: Sequence[Term], model: Any) -> int:
    """How many leading sort terms are NOT NULL columns of the listed table itself (the term
    columns of the 全部學期 view), short of the whole order."""
    n = 0
    while n < len(terms) - 1 and _own_column(terms[n][0], model):
        n += 1
    return n


def grouped_page(session: Any, stmt: Any, conds: Sequence[Any], model: Any,
                 lead: Sequence[Term], terms: Sequence[Term], key: Sequence[Any] | None,
                 limit: int) -> list[tuple[Any, ...]]:
    """The ``limit`` rows of ``stmt`` (already filtered and ordered by ``terms``) after
    ``key``, read one group of equal leading values at a time.

    A group (one term's rows) is found through the table's index and sorted alone, so a page
    costs the sort of one group, whatever its depth in the whole list; the next group is
    looked up by its leading values only (``conds`` must name only the table's own columns
    and subqueries, as a list's conditions do)."""
    from sqlalchemy import select

    n = len(lead)
    exprs = [e for e, _d in lead]
    group_order = [e.desc() if d else e.asc() for e, d in lead]
    rest = terms[n:]

    def next_group(after_values: Sequence[Any] | None) -> tuple[Any, ...] | None:
        q = select(*exprs).select_from(model).where(*conds)
        if after_values is not None:
            q = q.where(after(lead, after_values))
        row = session.execute(q.order_by(*group_order).limit(1)).first()
        return None if row is None else tuple(row)

    group: tuple[Any, ...] | None
    if key is None:
        group, within = next_group(None), None
    else:
        group, within = tuple(key[:n]), list(key[n:])
    out: list[tuple[Any, ...]] = []
    while group is not None and len(out) < limit:
        q = stmt.where(*[_same(e, v) for e, v in zip(exprs, group, strict=True)])
        if within is not None:
            q = q.where(after(rest, within))
        out.extend(tuple(r) for r in session.execute(q.limit(limit - len(out))))
        if len(out) < limit:
            group, within = next_group(group), None
    return out
