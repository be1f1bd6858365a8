"""Migrations: empty to head, the models agree with the migrations, old and new stores."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from lxp_desktop.store.db import (
    StoreError,
    current_revision,
    head_revision,
    make_engine,
    open_store,
    sqlite_url,
    upgrade,
)
from lxp_desktop.store.schema import metadata


def test_empty_to_head_matches_the_models(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "m.sqlite3"))
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
        tables = set(inspect(conn).get_table_names())
    assert diff == []
    assert {"student", "enrolment", "outcome", "performance", "audit_log"} <= tables
    engine.dispose()


def test_every_record_table_has_the_sync_columns(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    with store.engine.connect() as conn:
        insp = inspect(conn)
        for table in ("school", "term", "staff", "school_class", "student", "cadre_record",
                      "course", "enrolment", "consultation", "outcome", "performance",
                      "attachment", "setting"):
            cols = {c["name"] for c in insp.get_columns(table)}
            assert {"id", "version", "updated_at", "updated_by", "origin", "deleted"} <= cols
    store.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_older_store_is_backed_up_then_migrated(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE note (x TEXT)")  # a store from before the first migration
    con.commit()
    con.close()
    store = open_store(db, tmp_path / "backups")
    store.close()
    backups = list((tmp_path / "backups").glob("*before-migration.zip"))
    assert len(backups) == 1
    with zipfile.ZipFile(backups[0]) as zf:
        zf.extract("lxp.sqlite3", tmp_path / "x")
    copy = sqlite3.connect(tmp_path / "x" / "lxp.sqlite3")
    assert copy.execute("SELECT name FROM sqlite_master").fetchall() == [("note",)]
    copy.close()


def test_newer_store_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    open_store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="較新版本"):
        open_store(db)


def test_damaged_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "broken.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="無法開啟資料庫"):
        open_store(db)


def test_head_read_from_the_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from lxp_desktop.store.db import MIGRATIONS_DIR, known_revisions

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}
