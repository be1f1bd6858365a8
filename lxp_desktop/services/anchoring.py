"""``audit verify`` as the window and the command line use it: the chain's own links, then
the chain against every anchor kept of it — the file beside the store, each backup in the
backups folder, and (when this PC syncs) the shared database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from lxp_desktop import paths
from lxp_desktop.services import audit
from lxp_desktop.services import sync as sync_service
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store import anchors
from lxp_desktop.store import backup as backup_files
from lxp_desktop.store.anchors import Anchor, Head


def backup_anchors(folder: Path) -> list[Anchor]:
    """The heads written in the manifests of the backups in ``folder`` (older backups
    without one are passed over)."""
    found: list[Anchor] = []
    for path in sorted(folder.glob("lxp-*.zip")):
        try:
            manifest = backup_files.read_manifest(path)
        except backup_files.BackupError:
            continue
        head = Head.from_dict(manifest.audit_head)
        if head is None:
            continue
        try:
            at: datetime | None = datetime.fromisoformat(manifest.created)
        except ValueError:
            at = None
        found.append(Anchor("backup", path.name, head, at))
    return found


def local_anchors(db_path: Path, backups_dir: Path) -> list[Anchor]:
    found = [a for a in [anchors.read_file(anchors.file_path(db_path))] if a is not None]
    return found + backup_anchors(backups_dir)


def verify_workspace(ws: Workspace, *, server: bool = True) -> audit.Verification:
    """Everything ``audit verify`` checks; the shared database is asked when this PC syncs
    (and ``server``), and said so when it cannot be reached."""
    assert ws.store.path is not None
    found = local_anchors(ws.store.path, paths.backups_dir())
    unavailable: list[str] = []
    if server:
        anchor, problem = sync_service.server_audit_anchor(ws)
        if anchor is not None:
            found.append(anchor)
        if problem:
            unavailable.append(problem)
    with ws.read() as s:
        return audit.verify_anchored(s, found, unavailable)
