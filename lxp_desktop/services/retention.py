"""Retention: portfolio data of students who left long enough ago is archived, then purged.

docs/domain.md §2: a graduate's portfolio data is kept for ``retention_years`` (a school setting,
5 by default) after they left; 學籍 itself (the student row, with the 修課紀錄 grades that
belong to it) is kept permanently. A purge exports an archive first (a ZIP with one JSON per
student and their attachment files), then removes the rows and the attachment files in one
transaction, blanks the personal data in the old audit entries of those rows (the hash chain
still verifies) and leaves one audit entry per student that holds counts only.
"""

from __future__ import annotations

import json
import os
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.orm import Session

from lxp_desktop.domain.enums import LEFT_STATUSES
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import audit, settings
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import may_purge
from lxp_desktop.store.models import (
    Attachment,
    AuditEntry,
    Blob,
    CadreRecord,
    Consultation,
    Outcome,
    Performance,
    SchoolClass,
    Student,
    SyncMixin,
)

#: what a purge removes: (table, label, model) — the portfolio, not the 學籍
PURGED: tuple[tuple[str, str, type[Any]], ...] = (
    ("cadre_record", "幹部經歷", CadreRecord),
    ("consultation", "課程諮詢紀錄", Consultation),
    ("outcome", "課程學習成果", Outcome),
    ("performance", "多元表現", Performance),
)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Due:
    student_id: uuid.UUID
    student_no: str
    name: str
    class_code: str | None
    status: str
    status_date: date
    rows: int


def cutoff(session: Session, today: date | None = None) -> date:
    """Students who left on or before this day are past the retention period."""
    today = today or date.today()
    years = int(settings.get(session, "retention_years"))
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _has_rows(model: type[Any]) -> Any:
    return exists().where(model.student_id == Student.id)


def due(session: Session, today: date | None = None) -> list[Due]:
    """Students past the retention period who still have portfolio data, by 學號."""
    limit = cutoff(session, today)
    stmt = (select(Student, SchoolClass.code)
            .outerjoin(SchoolClass, Student.class_id == SchoolClass.id)
            .where(Student.status.in_(sorted(LEFT_STATUSES)), Student.status_date.is_not(None),
                   Student.status_date <= limit,
                   or_(*[_has_rows(m) for _t, _l, m in PURGED]))
            .order_by(Student.student_no))
    out = []
    for student, code in session.execute(stmt):
        rows = sum(int(session.scalar(select(func.count()).select_from(m).where(
            m.student_id == student.id)) or 0) for _t, _l, m in PURGED)
        out.append(Due(student.id, student.student_no, student.name, code, student.status,
                       student.status_date, rows))
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _row(obj: SyncMixin) -> dict[str, Any]:
    cols = obj.__table__.columns.keys()  # type: ignore[attr-defined]
    return {c: _plain(getattr(obj, c)) for c in cols}


def blob_file(sha256: str) -> Path | None:
    """Where the attachment store keeps a blob, when it is there."""
    from lxp_desktop.store.blobs import default_store

    path = default_store().path_for(sha256)
    return path if path.is_file() else None


@dataclass(frozen=True)
class Purged:
    archive: Path
    students: int
    rows: dict[str, int]
    files: int


def purge(session: Session, actor: Actor, student_ids: list[uuid.UUID], archive: Path,
          today: date | None = None, progress: Progress | None = None) -> Purged:
    """Archive, then remove the portfolio data of these students (all must be past retention).

    Runs in the caller's transaction: the archive is written first; if anything fails after,
    nothing is removed (the archive stays, harmless). Attachment files are deleted only after
    the caller commits: their hashes wait in ``session.info["purge_files"]`` (see
    ``purge_students``, which does both)."""
    if not may_purge(actor):
        raise ValidationFailed(f"{actor.name} 沒有清除保存期限已過資料的權限，請由註冊組或系統管理者處理。")
    eligible = {d.student_id: d for d in due(session, today)}
    wrong = [str(i) for i in student_ids if i not in eligible]
    if wrong:
        raise ValidationFailed(f"有 {len(wrong)} 位學生未超過保存期限或已無可清除的資料，未做任何清除；請重新整理清單。")
    step = progress or (lambda _d, _t, _x: None)
    total = len(student_ids) + 1
    counts = {table: 0 for table, _l, _m in PURGED}
    doomed_blobs: set[str] = set()
    redact: list[int] = []
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_name(archive.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.txt", "學生學習歷程檔案：保存期限屆滿清除前的封存。每位學生一個 JSON 檔，附件在 attachments/ 下。\n"
                    "本檔含個人資料，請依個人資料保護法妥善保管，保存期限屆滿後銷毀。\n")
        for i, sid in enumerate(student_ids):
            step(i, total, "封存")
            student = session.get(Student, sid)
            assert student is not None
            record: dict[str, Any] = {"學生": _row(student)}
            for table, label, model in PURGED:
                rows = list(session.scalars(select(model).where(model.student_id == sid)))
                record[label] = [_row(r) for r in rows]
                counts[table] += len(rows)
                ids = [str(r.id) for r in rows]
                owned = list(session.scalars(select(Attachment).where(
                    Attachment.owner_table == table,
                    Attachment.owner_id.in_([r.id for r in rows])))) if rows else []
                record.setdefault("附件", []).extend(_row(a) for a in owned)
                for a in owned:
                    f = blob_file(a.sha256)
                    if f is not None:
                        zf.write(f, f"attachments/{student.student_no}/{a.sha256[:12]}-{a.filename}",
                                 compress_type=zipfile.ZIP_STORED)
                    doomed_blobs.add(a.sha256)
                    ids.append(str(a.id))
                if ids:
                    redact.extend(session.scalars(select(AuditEntry.seq).where(
                        AuditEntry.table_name.in_([table, "attachment"]),
                        AuditEntry.row_id.in_(ids))))
                if owned:
                    session.execute(delete(Attachment).where(
                        Attachment.id.in_([a.id for a in owned])))
                session.execute(delete(model).where(model.student_id == sid))
            zf.writestr(f"{student.student_no}.json",
                        json.dumps(record, ensure_ascii=False, indent=1))
            entry = audit.record(session, actor.with_source("保存期限清除"), "student", sid,
                                 "purge", {f"{label}筆數": (n, 0) for (_t, label, _m), n in zip(
                                     PURGED, [len(record[label]) for _t, label, _m in PURGED],
                                     strict=True)} | {"附件數": (len(record["附件"]), 0)})
            session.flush()
            audit.redact(session, sorted(set(redact)), entry.seq)
            redact.clear()
    os.replace(partial, archive)
    # blobs no longer referenced by any row go too (content-addressed: another row may share one)
    still = set(session.scalars(select(Attachment.sha256).where(
        Attachment.sha256.in_(doomed_blobs))))
    gone = sorted(doomed_blobs - still)
    if gone:
        session.execute(delete(Blob).where(Blob.sha256.in_(gone)))
    session.info.setdefault("purge_files", []).extend(gone)
    step(total, total, "完成")
    return Purged(archive, len(student_ids), counts, len(gone))


def remove_files(shas: list[str]) -> int:
    """After the purge committed: delete the attachment files; how many were removed."""
    removed = 0
    for sha in shas:
        f = blob_file(sha)
        if f is not None:
            f.unlink()
            removed += 1
    return removed


def purge_blocked(ws: Any) -> str | None:
    """Why no purge can run on this PC, or None. On a PC that syncs with a shared database a
    purge would delete this PC's copy only (the shared database and the other PCs keep the
    data, and a new PC would pull it back): a half-done purge, refused until the sync
    carries purges."""
    from lxp_desktop.services.sync import get_connection

    if get_connection(ws) is None:
        return None
    return ("這台電腦與共用資料庫同步：在這裡清除只會刪除本機的資料，共用資料庫與其他電腦仍保留，"
            "新電腦同步時也會再取回，因此不執行清除（同步目前還不能傳送清除）。")


def purge_students(ws: Any, student_ids: list[uuid.UUID], archive: Path,
                   today: date | None = None, progress: Progress | None = None) -> Purged:
    """The whole job for a door (CLI, window): one transaction, then the files."""
    problem = purge_blocked(ws)
    if problem:
        raise ValidationFailed(problem)
    with ws.write("保存期限清除") as (session, actor):
        result = purge(session, actor, student_ids, archive, today, progress)
        shas = list(session.info.pop("purge_files", []))
    remove_files(shas)
    return result
