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
import time
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
    #: attached files that could not be backed up: (SHA-256, 'missing' or 'altered')
    damaged: tuple[tuple[str, str], ...] = ()

    def as_json(self) -> str:
        data: dict[str, object] = {
            "format": FORMAT, "created": self.created, "reason": self.reason,
            "revision": self.revision, "counts": self.counts, "attachments": self.attachments,
            "damaged": [{"sha256": h, "problem": p} for h, p in self.damaged]}
        if self.audit_head is not None:
            data["audit_head"] = self.audit_head
        return json.dumps(data, ensure_ascii=False, indent=1)

    def damage_text(self) -> list[str]:
        """One line per damaged file, for the clerk."""
        label = {"missing": "檔案不見了", "altered": "內容已被更動（與雜湊值不符）"}
        return [f"附件 {h[:12]}…：{label.get(p, p)}，沒有放進備份" for h, p in self.damaged]


#: temporary work folders of a backup or restore, inside the data folder; one left by a crash
#: is removed at the next start (``remove_leftovers``)
WORK_PREFIXES = (".backup-", ".restore-", ".notices-")
_PENDING = "partial-destination.txt"


def work_dir(data_dir: Path, kind: str) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder inside the data folder for a job's private copies (``kind`` is one
    of :data:`WORK_PREFIXES`); removed when the job ends, or at the next start after a crash."""
    return _work_dir(data_dir, kind)


def _work_dir(data_dir: Path, kind: str) -> tempfile.TemporaryDirectory[str]:
    data_dir.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(dir=data_dir, prefix=f"{kind}{os.getpid()}-")


def _alive(pid: int) -> bool:
    if os.name != "posix":  # pragma: no cover - Windows: only an old folder counts as left
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process
        return True
    return True


def remove_leftovers(data_dir: Path, max_age: float = 12 * 3600) -> list[Path]:
    """Remove the work folders of backups and restores that never finished (the process was
    killed) — each holds a full copy of the database — and a half-copied backup they left at
    its destination. A folder of a process still running is left alone (by its pid on POSIX,
    by its age elsewhere). Returns what was removed."""
    import time

    removed: list[Path] = []
    if not data_dir.is_dir():
        return removed
    for folder in data_dir.iterdir():
        if not folder.is_dir() or not folder.name.startswith(WORK_PREFIXES):
            continue
        rest = folder.name.split("-", 2)
        pid = int(rest[1]) if len(rest) > 2 and rest[1].isdigit() else None
        try:
            old = time.time() - folder.stat().st_mtime > max_age
        except OSError:
            continue
        if pid == os.getpid() or (pid is not None and _alive(pid) and not old) or \
                (pid is None and not old):
            continue
        pending = folder / _PENDING
        try:
            partial = Path(pending.read_text("utf-8").strip()) if pending.is_file() else None
        except OSError:
            partial = None
        if partial is not None and partial.name.startswith(".lxp-partial-"):
            partial.unlink(missing_ok=True)
            removed.append(partial)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _private(path: Path) -> None:
    if os.name == "posix":
        try:
            path.chmod(0o600)
        except OSError:  # pragma: no cover
            pass


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


def _stored_files(blobs_dir: Path | None) -> list[Path]:
    """The stored attachments (``ab/<sha256>``); an interrupted upload's temporary file is
    not one."""
    return [p for p in _attachments(blobs_dir)
            if _SHA.match(p.name) and p.parent.name == p.name[:2]]


def _referenced(copy: Path) -> set[str]:
    """The SHA-256 of every file the backed-up database refers to."""
    conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        found: set[str] = set()
        for table in ("blob", "attachment"):
            try:
                found.update(r[0] for r in conn.execute(f'SELECT sha256 FROM "{table}"'))
            except sqlite3.Error:
                continue
        return {h for h in found if isinstance(h, str) and _SHA.match(h)}
    finally:
        conn.close()


def _hash_copy(src: Path, zf: zipfile.ZipFile, arcname: str) -> str:
    """Copy ``src`` into the ZIP, hashing the bytes as they go; the SHA-256 copied."""
    digest = hashlib.sha256()
    with open(src, "rb") as f, zf.open(zipfile.ZipInfo(arcname, time.localtime(
            src.stat().st_mtime)[:6]), "w") as out:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def make_backup(db_path: Path, blobs_dir: Path | None, dest: Path, reason: str = "manual",
                progress: Progress = _noop) -> Manifest:
    """Write a checked backup of the store (and its attachments) to ``dest`` (a .zip).

    The work is done in a folder inside the data folder (never beside ``dest``, which may be
    a USB stick or a shared folder); a crash leaves nothing at ``dest`` but, at worst, a
    ``.lxp-partial-…`` file that the next start removes. Every attachment is hashed as it is
    copied: one that is missing or changed is listed in the manifest (and left out), and the
    backup is still made — it restores, and tells what it lacks."""
    from lxp_desktop.store import crashpoints

    dest.parent.mkdir(parents=True, exist_ok=True)
    files = _stored_files(blobs_dir)
    total = len(files) + 2
    with _work_dir(db_path.parent, ".backup-") as tmp:
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
        crashpoints.reach("backup:copied")
        revision, counts = check_database(copy)
        head = audit_head(copy)
        progress(1, total, "檢查完成，寫入備份檔")
        partial = Path(tmp) / "backup.zip"
        damaged: list[tuple[str, str]] = []
        present = {f.name for f in files}
        copied = 0
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(copy, DB_NAME)
            assert blobs_dir is not None or not files
            for i, f in enumerate(files, start=2):
                progress(i, total, "附件")
                arc = "attachments/" + f.relative_to(blobs_dir).as_posix()  # type: ignore[arg-type]
                try:  # a ZipInfo of its own: stored, not deflated (PDFs, images)
                    sha = _hash_copy(f, zf, arc)
                except OSError:
                    sha = ""
                if sha != f.name:
                    damaged.append((f.name, "altered"))
                else:
                    copied += 1
            damaged += [(h, "missing") for h in sorted(_referenced(copy) - present)]
            manifest = Manifest(datetime.now(UTC).isoformat(timespec="seconds"), reason,
                                revision, counts, copied, head, tuple(damaged))
            zf.writestr(MANIFEST, manifest.as_json())
        if damaged:  # a ZIP cannot drop a member: write it again without the damaged ones
            partial = _without(partial, {f"attachments/{h[:2]}/{h}" for h, p in damaged
                                         if p == "altered"})
        crashpoints.reach("backup:zipped")
        _private(partial)
        _put_in_place(partial, dest, Path(tmp))
    progress(total, total, "完成")
    return manifest


def _without(path: Path, drop: set[str]) -> Path:
    out = path.with_name("backup-clean.zip")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            with src.open(info) as r, dst.open(info, "w") as w:
                shutil.copyfileobj(r, w, 1 << 20)
    path.unlink()
    return out


def put_in_place(partial: Path, dest: Path, work: Path) -> None:
    """Move a finished file from a work folder to ``dest`` in one step (see ``_put_in_place``)."""
    _put_in_place(partial, dest, work)


def _put_in_place(partial: Path, dest: Path, work: Path) -> None:
    """Move the finished ZIP to ``dest`` in one step: a rename when it is on the same disk,
    else a copy under a hidden temporary name beside ``dest`` (noted in the work folder, so
    that a crash mid-copy is cleaned at the next start), then a rename."""
    from lxp_desktop.store import crashpoints

    try:
        os.replace(partial, dest)
        return
    except OSError:
        pass  # another disk (USB stick, network folder)
    fd, name = tempfile.mkstemp(prefix=".lxp-partial-", suffix=".zip", dir=dest.parent)
    os.close(fd)
    temp = Path(name)
    (work / _PENDING).write_text(str(temp), "utf-8")
    try:
        shutil.copyfile(partial, temp)
        crashpoints.reach("backup:destination")
        os.replace(temp, dest)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def read_manifest(path: Path) -> Manifest:
    try:
        with zipfile.ZipFile(path) as zf:
            data = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{path.name} 不是 LXP Desktop 的備份檔（{exc}）。") from exc
    if data.get("format") != FORMAT:
        raise BackupError(f"{path.name} 的備份格式不明（{data.get('format')}）。")
    head = data.get("audit_head")
    try:
        damaged = tuple((str(d["sha256"]), str(d["problem"])) for d in data.get("damaged", []))
        return Manifest(data["created"], data["reason"], data["revision"],
                        {k: int(v) for k, v in data["counts"].items()},
                        int(data["attachments"]), head if isinstance(head, dict) else None,
                        damaged)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BackupError(f"{path.name} 的備份清單不完整（{exc}），不是可用的備份檔。") from exc


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
    from lxp_desktop.store import crashpoints

    db_path.parent.mkdir(parents=True, exist_ok=True)
    with _work_dir(db_path.parent, ".restore-") as tmp:
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
                crashpoints.reach("restore:unpacked")
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
        crashpoints.reach("restore:kept")
        os.replace(work / DB_NAME, db_path)
        _private(db_path)
        for f in blob_files:
            target = blobs_dir / f.relative_to(restored_blobs)
            if not target.exists():
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                shutil.copy2(f, target)
                if os.name == "posix":
                    target.chmod(0o400)
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
