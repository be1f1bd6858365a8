"""Two PCs promote the same school while offline (升級作業): the derived ids make them write
the same rows, and after both sync every store and the server hold one class per student
per 學年度, with no conflict to decide."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from lxp_desktop.domain.roc import Term
from lxp_desktop.services import promotion
from lxp_desktop.services import school as sch
from lxp_desktop.store.roster_models import ClassMembership
from tests.integration.stations import assert_converged, school_on_two_pcs

pytestmark = pytest.mark.postgres


def _promote(station) -> None:
    with station.write() as (s, a):
        plan = promotion.preview(s, 113, date(2025, 7, 31), actions={"111005": "延修"})
        promotion.promote(s, a, plan)


def test_two_pcs_promote_offline_and_converge(tmp_path: Path, server_url: str) -> None:
    a, b = school_on_two_pcs(tmp_path, server_url)
    try:
        for st in (a, b):  # both offline: each promotes on its own
            _promote(st)
        a.sync()
        b.sync()
        a.sync()
        assert a.conflicts() == [] and b.conflicts() == []
        data = assert_converged(server_url, a, b)
        memberships = data["class_membership"]
        assert len(memberships) == 3 + 3  # 113: the 3 students; 114: 2 promoted, 1 延修
        with a.ws.read() as s:
            years = sorted((m.school_year, str(m.student_id)) for m in
                           s.scalars(select(ClassMembership)))
        assert [y for y, _ in years].count(114) == 3
        # the next year's classes were made once, not once per PC
        assert len([r for r in data["school_class"] if 114 in r]) == 2
        # a term of the new year on B, then A's undo is refused after it syncs
        with b.write() as (s, actor):
            sch.ensure_term(s, actor, Term(114, 1))
        b.sync()
        a.sync()
        with a.ws.read() as s:
            assert promotion.undo_blocker(s, 114) is None  # a term alone is not a record
    finally:
        a.close()
        b.close()


def test_the_backfill_on_postgresql(pg) -> None:
    from lxp_desktop.sync.server import server_engine
    from tests.unit.test_roster_migration import backfill_check

    engine = server_engine(pg.create_database("roster_backfill"))
    try:
        backfill_check(engine)
    finally:
        engine.dispose()
