"""Backups and restores of the workstation's store, as use cases: who may, and the audit trail.

The file work itself is in ``store/backup.py``. A backup holds everyone's personal data, so
making one is logged; restoring replaces everything, so only 系統管理者 may, and whoever acted
signs in again afterwards (the restored store has its own accounts).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from lxp_desktop import paths
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import audit, settings
from lxp_desktop.services.permissions import may_backup, require_admin
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store import anchors
from lxp_desktop.store import backup as files
from lxp_desktop.store.blobs import BlobStore
from lxp_desktop.store.db import known_revisions
from lxp_desktop.store.models import Attachment, Blob, LocalMeta

LAST_DAILY = "last_daily_backup"


def _log(ws: Workspace, action: str, what: str) -> None:
    with ws.store.transaction() as s:
        audit.record(s, ws.actor, "backup", what[:36], action, {"file": (None, what)})


def back_up(ws: Workspace, dest: Path, progress: files.Progress = files._noop) -> files.Manifest:
    """A backup to a file the person chose (a USB stick, a network folder)."""
    if not may_backup(ws.actor):
        raise ValidationFailed(f"{ws.actor.name} 沒有備份資料庫的權限，請由註冊組或系統管理者處理。")
    assert ws.store.path is not None
    try:
        manifest = files.make_backup(ws.store.path, paths.blobs_dir(), dest, "manual", progress)
    except files.BackupError as exc:
        raise ValidationFailed(str(exc)) from exc
    _log(ws, "backup", dest.name + (f"（{len(manifest.damaged)} 個附件損壞）"
                                     if manifest.damaged else ""))
    return manifest


def daily_backup(ws: Workspace, today: date | None = None,
                 progress: files.Progress = files._noop) -> Path | None:
    """The first start of a day backs the store up into the backups folder, keeping the last N.

    Runs for whoever starts the app (it is the app's own safety copy, not an export)."""
    today = today or date.today()
    if ws.store.meta(LAST_DAILY) == today.isoformat():
        return None
    assert ws.store.path is not None
    dest = paths.backups_dir() / files.backup_name("daily")
    files.make_backup(ws.store.path, paths.blobs_dir(), dest, "daily", progress)
    ws.store.set_meta(LAST_DAILY, today.isoformat())
    with ws.read() as s:
        keep = settings.get(s, "backups_keep")
    for reason in ("daily", "replaced", "damaged", "before-migration"):
        files.prune(paths.backups_dir(), reason, keep)
    # stored files no row refers to (saves rolled back): gone now that the backup holds them
    with ws.read() as s:
        referenced = set(s.scalars(select(Blob.sha256))) | set(
            s.scalars(select(Attachment.sha256)))
    BlobStore(paths.blobs_dir()).remove_unreferenced(referenced)
    return dest


def list_backups() -> list[Path]:
    """The backups in the backups folder, newest first."""
    return sorted(paths.backups_dir().glob("lxp-*.zip"), reverse=True)


def restore(ws: Workspace | None, backup: Path, db_path: Path | None = None,
            progress: files.Progress = files._noop) -> files.Restored:
    """Put ``backup`` in place of the store; ``ws`` is reopened with nobody signed in.

    ``ws`` is None when the current store cannot even be opened (damaged): then no one can
    sign in to it, and the restore is allowed so that the office can work again; the damaged
    files are kept, and the restored store asks for a sign-in as always.
    """
    actor = None
    if ws is not None:
        require_admin(ws.actor, "還原資料庫")
        actor = ws.actor
        db_path = ws.store.path
        ws.store.close()
    assert db_path is not None
    try:
        result = files.restore_backup(backup, db_path, paths.blobs_dir(), paths.backups_dir(),
                                      known_revisions(), progress)
    except files.BackupError as exc:
        if ws is not None:
            ws.reopen(keep_actor=True)  # nothing changed
        raise ValidationFailed(str(exc)) from exc
    if ws is not None:
        ws.reopen()
        assert actor is not None
        # the restored store records who put it in place, from which PC, and what it was
        with ws.store.transaction() as s:
            s.merge(LocalMeta(key=LAST_DAILY, value=""))
            audit.record(s, actor.with_source("還原備份"), "backup", backup.name[:36],
                         audit.RESTORE_ACTION, {"file": (None, backup.name),
                                                "replaced": (None, result.replaced.name
                                                             if result.replaced else None)})
    _restart_anchor(db_path)
    return result


def _restart_anchor(db_path: Path) -> None:
    """The file beside the store follows the restored chain from now on (the anchors taken
    before the restore are superseded by its entry in the chain)."""
    from lxp_desktop.store.db import make_engine, sqlite_url

    engine = make_engine(sqlite_url(db_path))
    try:
        with engine.connect() as conn, Session(conn) as s:
            head = anchors.current_head(s)
    finally:
        engine.dispose()
    if head is not None:
        anchors.write_file(anchors.file_path(db_path), head, force=True)
