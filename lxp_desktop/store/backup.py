"""Backups of the local store: one ZIP with the SQLite database and the attachments.

A backup is made with SQLite's online backup API (safe while the app runs), checked
(``PRAGMA integrity_check``, row counts) and written as ``manifest.json`` + ``lxp.sqlite3`` +
``attachments/…``. A restore unpacks it beside the store, checks it again against its manifest,
keeps the database it replaces, and only then puts the restored file in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

DB_NAME = "lxp.sqlite3"
MANIFEST = "manifest.json"
FORMAT = "lxp-backup/1"
_SHA = re.compile(r"^[0-9a-f]{64}$")

Progress = Callable[[int, int, str], None]


class BackupError(Exception):
    """A backup that cannot be made or used; the message is for the clerk (Chinese)."""


@dataclass(frozen=True)
class Manifest:
    created: str
    reason: str
    revision: str | None
    counts: dict[str, int]
    attachments: int
    #: the audit chain's head in the copy (``{"seq": …, "hash": …}``): an anchor that
    #: ``audit verify`` holds the store's chain against (None: an older backup, or no entry)
    audit_head: dict[str, object] | None = None

    def as_json(self) -> str:
        data: dict[str, object] = {"format": FORMAT, "created": self.created, "reason": self.reason,
                "revision": self.revision, "counts": self.counts,
                "attachments": self.attachments}
        if self.audit_head is not None:
            data["audit_head"] = self.audit_head
        return json.dumps(data, ensure_ascii=False, indent=1)


def _noop(_done: int, _total: int, _text: str) -> None:
    return None


def stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def backup_name(reason: str) -> str:
    return f"lxp-{stamp()}-{reason}.zip"


def check_database(path: Path) -> tuple[str | None, dict[str, int]]:
    """(alembic revision, rows per table) of a SQLite file; BackupError when it is damaged."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"無法開啟資料庫檔：{exc}") from exc
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            raise BackupError("資料庫完整性檢查未通過：" + "；".join(result[:3]))
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        counts = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
                  for t in tables}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return revision, counts
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"資料庫檔已損壞：{exc}") from exc
    finally:
        conn.close()


def audit_head(path: Path) -> dict[str, object] | None:
    """The audit chain's newest entry (position and hash) in a SQLite file, or None."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT chain_seq, hash FROM audit_log WHERE chain_seq IS NOT NULL "
                           "ORDER BY chain_seq DESC LIMIT 1").fetchone()
    except sqlite3.DatabaseError:  # a store from before the chain had positions
        return None
    finally:
        conn.close()
    return {"seq": int(row[0]), "hash": str(row[1])} if row else None


def _attachments(blobs_dir: Path | None) -> list[Path]:
    if blobs_dir is None or not blobs_dir.is_dir():
        return []
    return sorted(p for p in blobs_dir.rglob("*") if p.is_file())


def make_backup(db_path: Path, blobs_dir: Path | None, dest: Path, reason: str = "manual",
                progress: Progress = _noop) -> Manifest:
    """Write a checked backup of the store (and its attachments) to ``dest`` (a .zip)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    files = _attachments(blobs_dir)
    total = len(files) + 2
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".backup-") as tmp:
        copy = Path(tmp) / DB_NAME
        progress(0, total, "複製資料庫")
        src = sqlite3.connect(db_path)
        try:
            dst = sqlite3.connect(copy)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"無法備份資料庫（{exc}）；資料庫可能已損壞，請從較早的備份還原。") from exc
        finally:
            src.close()
        revision, counts = check_database(copy)
        manifest = Manifest(datetime.now(UTC).isoformat(timespec="seconds"), reason, revision,
                            counts, len(files), audit_head(copy))
        progress(1, total, "檢查完成，寫入備份檔")
        partial = Path(tmp) / "backup.zip"
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, manifest.as_json())
            zf.write(copy, DB_NAME)
            assert blobs_dir is not None or not files
            for i, f in enumerate(files, start=2):
                progress(i, total, "附件")
                zf.write(f, "attachments/" + f.relative_to(blobs_dir).as_posix(),  # type: ignore[arg-type]
                         compress_type=zipfile.ZIP_STORED)
        os.replace(partial, dest)
    progress(total, total, "完成")
    return manifest


def read_manifest(path: Path) -> Manifest:
    try:
        with zipfile.ZipFile(path) as zf:
            data = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{path.name} 不是 LXP Desktop 的備份檔（{exc}）。") from exc
    if data.get("format") != FORMAT:
        raise BackupError(f"{path.name} 的備份格式不明（{data.get('format')}）。")
    head = data.get("audit_head")
    return Manifest(data["created"], data["reason"], data["revision"],
                    {k: int(v) for k, v in data["counts"].items()}, int(data["attachments"]),
                    head if isinstance(head, dict) else None)


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    replaced: Path | None  # where the database that was replaced is kept


def restore_backup(backup: Path, db_path: Path, blobs_dir: Path, backups_dir: Path,
                   known_revisions: set[str] | None = None,
                   progress: Progress = _noop) -> Restored:
    """Check ``backup`` and put it in place of the store at ``db_path`` (which must be closed).

    Nothing changes unless the backup passes every check; the replaced database (even a
    damaged one) is kept in ``backups_dir`` as ``lxp-…-replaced.zip``.
    """
    manifest = read_manifest(backup)
    if known_revisions is not None and manifest.revision not in known_revisions:
        raise BackupError(f"備份的資料庫版本（{manifest.revision}）比本程式新，請先更新 LXP Desktop。")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=db_path.parent, prefix=".restore-") as tmp:
        work = Path(tmp)
        progress(0, 3, "解開備份檔")
        try:
            with zipfile.ZipFile(backup) as zf:
                names = zf.namelist()
                if DB_NAME not in names:
                    raise BackupError(f"{backup.name} 裡沒有資料庫檔。")
                for name in names:
                    target = (work / name).resolve()
                    if not target.is_relative_to(work.resolve()):
                        raise BackupError(f"{backup.name} 含有不安全的路徑 {name}。")
                zf.extractall(work)
        except (OSError, zipfile.BadZipFile) as exc:
            raise BackupError(f"無法讀取備份檔 {backup.name}：{exc}") from exc
        progress(1, 3, "檢查備份")
        revision, counts = check_database(work / DB_NAME)
        if revision != manifest.revision or counts != manifest.counts:
            wrong = [f"{t}（應為 {n} 筆，實為 {counts.get(t, 0)} 筆）"
                     for t, n in manifest.counts.items() if counts.get(t, 0) != n]
            raise BackupError("備份的資料與其清單不符，可能已損壞：" + "、".join(wrong[:5]))
        restored_blobs = work / "attachments"
        blob_files = _attachments(restored_blobs)
        if len(blob_files) != manifest.attachments:
            raise BackupError(f"備份應有 {manifest.attachments} 個附件，實有 {len(blob_files)} 個。")
        for f in blob_files:
            if _SHA.match(f.name) and hashlib.sha256(f.read_bytes()).hexdigest() != f.name:
                raise BackupError(f"附件 {f.name} 的內容與其雜湊值不符，備份已損壞。")
        progress(2, 3, "保留目前的資料庫並換上備份")
        replaced = keep_current(db_path, blobs_dir, backups_dir)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(work / DB_NAME, db_path)
        for f in blob_files:
            target = blobs_dir / f.relative_to(restored_blobs)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(f, target)
    progress(3, 3, "完成")
    return Restored(manifest, replaced)


def keep_current(db_path: Path, blobs_dir: Path, backups_dir: Path) -> Path | None:
    """Keep the database a restore replaces: a normal backup (``lxp-…-replaced.zip``, which
    can itself be restored), or, when it is too damaged for that, its files as they are
    (``lxp-…-damaged.zip``)."""
    present = [p for p in (db_path, Path(str(db_path) + "-wal")) if p.exists()]
    if not present:
        return None
    backups_dir.mkdir(parents=True, exist_ok=True)
    try:
        dest = backups_dir / backup_name("replaced")
        make_backup(db_path, blobs_dir, dest, "replaced")
        return dest
    except (BackupError, sqlite3.Error):
        pass
    dest = backups_dir / backup_name("damaged")
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in present:
            zf.write(p, DB_NAME + p.name[len(db_path.name):])
    return dest


def prune(backups_dir: Path, reason: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups made for ``reason``; the deleted paths."""
    found = sorted(backups_dir.glob(f"lxp-*-{reason}.zip"))  # names sort by time
    doomed = found[:-keep] if keep > 0 else found
    for p in doomed:
        p.unlink(missing_ok=True)
    return doomed
