"""roster_0001 backfills each student's class of today as their class of that 學年度, with the
id the app derives, so every PC and the shared database agree (SQLite here; PostgreSQL in
tests/integration/test_sync_promotion.py)."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine, text

from lxp_desktop.store.db import make_engine, sqlite_url, upgrade
from lxp_desktop.store.roster_models import membership_id


def backfill_check(engine: Engine) -> None:
    upgrade(engine, "sync_0001")
    cid, sid, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    now = datetime(2025, 1, 1)
    sync = [sa.column(c) for c in ("version", "updated_at", "deleted")]
    klass_t = sa.table("school_class", sa.column("id", sa.Uuid()), sa.column("school_year"),
                       sa.column("code"), sa.column("name"), sa.column("grade"), *sync)
    student_t = sa.table("student", sa.column("id", sa.Uuid()), sa.column("student_no"),
                         sa.column("name"), sa.column("status"),
                         sa.column("class_id", sa.Uuid()), sa.column("seat_no"),
                         *[sa.column(c) for c in ("version", "updated_at", "deleted")])
    perf_t = sa.table("performance", sa.column("id", sa.Uuid()),
                      sa.column("student_id", sa.Uuid()), sa.column("school_year"),
                      sa.column("kind"), sa.column("title"), sa.column("level"),
                      sa.column("summary"), sa.column("in_school"), sa.column("selected"),
                      *[sa.column(c) for c in ("version", "updated_at", "deleted")])
    stamp = {"version": 1, "updated_at": now, "deleted": False}
    with engine.begin() as conn:
        conn.execute(klass_t.insert().values(id=cid, school_year=113, code="201",
                                             name="二年一班", grade=2, **stamp))
        for s, no, klass, seat in ((sid, "112001", cid, 7), (other, "112002", None, None)):
            conn.execute(student_t.insert().values(id=s, student_no=no, name="學生",
                                                   status="在學", class_id=klass, seat_no=seat,
                                                   **stamp))
        conn.execute(perf_t.insert().values(
            id=uuid.uuid4(), student_id=sid, school_year=113, kind="競賽參與紀錄", title="科展",
            level="縣市級", summary="簡述", in_school=True, selected=False, **stamp))
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT id, student_id, school_year, class_id, seat_no FROM class_membership")).all()
        level = conn.execute(text("SELECT level FROM performance")).scalar()
    assert len(rows) == 1  # the student with no class gets none
    [(mid, student, year, klass, seat)] = rows
    assert uuid.UUID(str(mid)) == membership_id(sid, 113)
    assert (uuid.UUID(str(student)), year, uuid.UUID(str(klass)), seat) == (sid, 113, cid, 7)
    assert level == "2"  # 競賽等級 as its code (docs/domain.md §6)


def test_backfill_on_sqlite(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        backfill_check(engine)
    finally:
        engine.dispose()
