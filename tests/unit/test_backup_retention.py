"""Backups (make, damage the store, restore), the daily copy, and the retention purge."""

from __future__ import annotations

import hashlib
import json
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lxp_desktop import paths
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import accounts, audit, backups, retention
from lxp_desktop.services.portfolio import performances
from lxp_desktop.services.students import students
from lxp_desktop.services.unit import Writer
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store import backup as files
from lxp_desktop.store.db import StoreError, open_store
from lxp_desktop.store.models import Attachment, AuditEntry, Blob, Enrolment, Performance, Student
from tests.makers import ADMIN_PASSWORD, open_as_admin


def add_blob(ws: Workspace, owner_table: str, owner_id, content: bytes, name: str) -> str:
    sha = hashlib.sha256(content).hexdigest()
    folder = paths.blobs_dir() / sha[:2]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / sha).write_bytes(content)
    with ws.write() as (s, a):
        if s.get(Blob, sha) is None:
            s.add(Blob(sha256=sha, kind="pdf", size=len(content)))
            s.flush()
        Writer(s, a).insert("attachment", Attachment(owner_table=owner_table, owner_id=owner_id,
                                                     sha256=sha, filename=name))
    return sha


def student_count(ws: Workspace) -> int:
    with ws.read() as s:
        return int(s.scalar(select(func.count()).select_from(Student)))


def test_backup_damage_restore(workspace, school, tmp_path):
    sha = add_blob(workspace, "student", school.students["113001"].id, b"%PDF-1.4 proof",
                   "proof.pdf")
    out = tmp_path / "usb" / "lxp-backup.zip"
    manifest = backups.back_up(workspace, out)
    assert manifest.counts["student"] == 3 and manifest.attachments == 1
    with zipfile.ZipFile(out) as zf:
        assert {"manifest.json", "lxp.sqlite3"} <= set(zf.namelist())
    # work goes on after the backup …
    with workspace.write() as (s, a):
        students.delete(s, a, school.students["113002"].id)
    db = workspace.store.path
    workspace.close()
    # … then the disk damages the database and the attachment disappears
    raw = bytearray(db.read_bytes())
    raw[100:4096 * 3] = b"\xde\xad" * ((4096 * 3 - 100) // 2)
    db.write_bytes(bytes(raw))
    Path(str(db) + "-wal").unlink(missing_ok=True)
    blob = paths.blobs_dir() / sha[:2] / sha
    blob.unlink()
    with pytest.raises(StoreError, match="請從備份還原"):
        open_store(db).close()
    result = backups.restore(None, out, db)
    assert result.replaced is not None and result.replaced.name.endswith("-damaged.zip")
    assert blob.read_bytes() == b"%PDF-1.4 proof"
    ws = open_as_admin()
    try:
        with ws.read() as s:
            assert s.get(Student, school.students["113002"].id).deleted is False
            assert audit.check(s) is None
        assert student_count(ws) == 3
    finally:
        ws.close()


def test_restore_checks_before_replacing_and_keeps_the_replaced(workspace, school, tmp_path):
    out = tmp_path / "b.zip"
    backups.back_up(workspace, out)
    # a backup whose database does not match its manifest is refused, nothing changes
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "manifest.json":
                m = json.loads(data)
                m["counts"]["student"] = 99
                data = json.dumps(m).encode()
            dst.writestr(item, data)
    with pytest.raises(ValidationFailed, match="student（應為 99 筆，實為 3 筆）"):
        backups.restore(workspace, bad)
    with pytest.raises(ValidationFailed, match="不是 LXP Desktop 的備份檔"):
        backups.restore(workspace, tmp_path / "nothing.zip")
    workspace.sign_in("admin", ADMIN_PASSWORD)
    with workspace.write() as (s, a):
        accounts.create_account(s, a, "reg", "註冊組長", ["registrar"], "password-123")
    # only 系統管理者 restores
    workspace.sign_in("reg", "password-123")
    with pytest.raises(ValidationFailed, match="沒有還原資料庫的權限"):
        backups.restore(workspace, out)
    workspace.sign_in("admin", ADMIN_PASSWORD)
    result = backups.restore(workspace, out)
    assert not workspace.signed_in  # sign in again to the restored store
    assert result.replaced.name.endswith("-replaced.zip")
    assert files.read_manifest(result.replaced).counts["staff"] == 4  # admin, 2 teachers, reg
    workspace.sign_in("admin", ADMIN_PASSWORD)
    with workspace.read() as s:
        assert accounts.find_account(s, "reg") is None
        last = s.scalars(select(AuditEntry).where(AuditEntry.action != "signin")
                         .order_by(AuditEntry.seq.desc())).first()
        assert (last.action, last.table_name, last.source) == ("restore", "backup", "還原備份")
        assert audit.check(s) is None


def test_daily_backup_once_a_day_keeping_the_last_n(workspace, school):
    with workspace.write() as (s, a):
        from lxp_desktop.services import settings

        settings.put(s, a, "backups_keep", 2)
    day = date(2025, 3, 1)
    made = [backups.daily_backup(workspace, day + timedelta(days=i)) for i in range(4)]
    assert all(made)
    assert backups.daily_backup(workspace, day + timedelta(days=3)) is None  # once a day
    kept = sorted(paths.backups_dir().glob("*-daily.zip"))
    assert kept == sorted(made[-2:])


def test_daily_backup_removes_files_of_rolled_back_saves_after_backing_them_up(
        workspace, school, tmp_path):
    import os
    import zipfile

    from lxp_desktop.services import attachments
    from lxp_desktop.services.portfolio import outcomes
    from lxp_desktop.store.blobs import default_store
    from tests.files import pdf_bytes

    store = default_store()
    with workspace.write() as (s, a):
        outcome = outcomes.create(s, a, {
            "student_no": "113001", "school_year": "113", "semester": "1",
            "course_code": school.courses["國語文"].code, "title": "報告",
            "summary": "課堂報告"})
        kept = attachments.attach(s, a, "outcome", outcome.id, pdf_bytes("kept"), "報告.pdf")
    orphan = store.put_bytes(pdf_bytes("a save that was rolled back"))
    fresh = store.put_bytes(pdf_bytes("a save still in progress"))
    an_hour_ago = time.time() - 7200
    for sha in (orphan.sha256, kept.sha256):
        os.utime(store.path_for(sha), (an_hour_ago, an_hour_ago))
    made = backups.daily_backup(workspace, date(2025, 3, 1))
    assert made is not None
    assert not store.exists(orphan.sha256)  # nobody refers to it, and it is old
    assert store.exists(kept.sha256) and store.exists(fresh.sha256)
    names = zipfile.ZipFile(made).namelist()
    assert any(orphan.sha256 in n for n in names)  # the backup still holds it


def test_retention_purge_with_archive(workspace, school, tmp_path):
    today = date(2031, 9, 1)
    left = school.students["111005"]
    with workspace.write() as (s, a):
        students.update(s, a, left.id, {"status": "畢業", "status_date": "2026-06-30"})
        students.update(s, a, school.students["113002"].id,
                        {"status": "畢業", "status_date": "2027-06-30"})  # only 4 years ago
        perf = performances.create(s, a, {
            "student_no": "111005", "school_year": "113", "kind": "服務學習紀錄",
            "title": "淨灘", "summary": "張大同的淨灘心得", "in_school": "否"})
        keep = performances.create(s, a, {
            "student_no": "113001", "school_year": "113", "kind": "服務學習紀錄",
            "title": "淨灘", "summary": "在學生的心得", "in_school": "否"})
    sha = add_blob(workspace, "performance", perf.id, b"%PDF-1.4 photo", "淨灘.pdf")
    with workspace.read() as s:
        due = retention.due(s, today)
    assert [d.student_no for d in due] == ["111005"]
    archive = tmp_path / "archive" / "purge.zip"
    result = retention.purge_students(workspace, [left.id], archive, today)
    assert result.rows["performance"] == 1 and result.files == 1
    with zipfile.ZipFile(archive) as zf:
        data = json.loads(zf.read("111005.json"))
        assert data["學生"]["name"] == "張大同"
        assert data["多元表現"][0]["summary"] == "張大同的淨灘心得"
        assert zf.read(f"attachments/111005/{sha[:12]}-淨灘.pdf") == b"%PDF-1.4 photo"
    assert retention.blob_file(sha) is None
    with workspace.read() as s:
        assert s.get(Performance, perf.id) is None
        assert s.get(Performance, keep.id) is not None
        assert s.get(Student, left.id) is not None  # 學籍 is kept
        assert retention.due(s, today) == []
        assert audit.check(s) is None  # the chain still verifies after the redaction
        about = [e for e in s.scalars(select(AuditEntry)) if e.row_id == str(perf.id)]
        assert about and all("心得" not in e.changes and e.redacted_by for e in about)
        purge_entry = audit.history(s, "student", left.id)[-1]
        assert purge_entry.action == "purge"
        assert "張大同" not in purge_entry.changes and "心得" not in purge_entry.changes
    # not past retention → refused, nothing removed
    with pytest.raises(ValidationFailed, match="未超過保存期限"):
        retention.purge_students(workspace, [school.students["113002"].id],
                                 tmp_path / "x.zip", today)


def test_no_purge_on_a_pc_that_syncs(workspace, school, tmp_path):
    """Deleting this PC's copy only would be a half-done purge: refused, nothing removed."""
    from lxp_desktop.services import sync as sync_service

    sync_service.save_connection(workspace, "postgresql+psycopg://lxp@server/school", None)
    with workspace.read() as s:
        before = s.scalar(select(func.count()).select_from(Enrolment))
    with pytest.raises(ValidationFailed, match="共用資料庫與其他電腦仍保留"):
        retention.purge_students(workspace, [school.students["111005"].id],
                                 tmp_path / "x.zip", date(2031, 9, 1))
    assert not (tmp_path / "x.zip").exists()
    with workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(Enrolment)) == before
