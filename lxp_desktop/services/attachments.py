"""Files attached to 課程學習成果, 多元表現 and 課程諮詢紀錄.

Every door (file dialog, drag and drop, command line, import) calls :func:`attach`: the kind
is decided by the file's bytes, the size limit is the one of the record's term, the bytes are
stored once by SHA-256 (``store/blobs.py``), and opening or exporting checks the hash again.
Adding or removing a file of an outcome that was 已認證 or 退回 sends it back to 待認證:
certification covers the files too.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.domain.filekind import EXTENSION, HEAD_SIZE, check_file
from lxp_desktop.domain.roc import Term
from lxp_desktop.domain.text import INVISIBLE
from lxp_desktop.io.filecheck import check_content
from lxp_desktop.services import scope
from lxp_desktop.services.base import RecordService, record_change
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import authorize
from lxp_desktop.store.blobs import BlobError, BlobStore, default_store
from lxp_desktop.store.models import Attachment, Blob, Outcome, utcnow

__all__ = ["BlobError", "AttachmentInfo", "attach", "detach", "list_attachments",
           "export_attachment", "read_attachment", "count_attachments", "owner_service"]

OWNER_LABELS = {"outcome": "課程學習成果", "performance": "多元表現",
                "consultation": "課程諮詢紀錄"}


def owner_service(owner_table: str) -> RecordService[Any]:
    from lxp_desktop.services.portfolio import consultations, outcomes, performances

    services: dict[str, RecordService[Any]] = {
        "outcome": outcomes, "performance": performances, "consultation": consultations}
    if owner_table not in services:
        raise ValidationFailed(f"「{owner_table}」的紀錄不能附加檔案；只有{'、'.join(OWNER_LABELS.values())}可以。")
    return services[owner_table]


def _term_of(owner: Any) -> Term:
    return Term(owner.school_year, getattr(owner, "semester", 0) or 0)


@dataclass(frozen=True)
class AttachmentInfo:
    id: uuid.UUID
    filename: str
    sha256: str
    kind: str
    size: int


_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*]')
_HIDDEN = re.compile(f"[{INVISIBLE}]")


def clean_filename(name: str) -> str:
    """The file's own name (no folders), without characters Windows refuses, control
    characters, or the invisible and bidirectional ones that make ``gpj.exe`` look like
    ``exe.jpg`` (``domain.text.INVISIBLE``), ≤ 255 chars."""
    name = _HIDDEN.sub("", name)
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    if not base:
        base = "附件"
    if len(base) > 255:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 255 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 8 else base[:255]
    return base


def _forget(store: BlobStore, stored: Any) -> None:
    """Remove a file stored for an upload that is refused (only if this upload stored it)."""
    if stored.new:
        store.discard(stored.sha256)


def _reopen_outcome(session: Session, actor: Actor, owner: Any, table: str) -> None:
    """An outcome whose files changed after certification (or a 退回) waits for it again."""
    if table == "outcome" and isinstance(owner, Outcome) and owner.status != "待認證":
        from lxp_desktop.services.portfolio import outcomes

        outcomes.apply(session, actor, owner, {
            "status": "待認證", "certified_by": None, "certified_for": None,
            "certified_at": None, "selected": False}, action="resubmit")


def attach(session: Session, actor: Actor, owner_table: str, owner_id: uuid.UUID | str,
           source: Path | bytes, filename: str | None = None,
           store: BlobStore | None = None) -> Attachment:
    """Attach a file (a path, or bytes with ``filename``) to a record; all rules checked here."""
    service = owner_service(owner_table)
    actor = authorize(session, actor, owner_table)
    owner = service.get(session, owner_id)
    # only on a record of the account's own students (a teacher: their own course's outcome,
    # or as the recorded proxy of its teacher)
    actor = scope.write_row(session, actor, owner_table, owner)
    if owner.deleted:
        raise ValidationFailed(f"這筆{service.label}已刪除，不能再附加檔案。")
    store = store or default_store()
    name = clean_filename(filename or (source.name if isinstance(source, Path) else "附件"))
    term = _term_of(owner)

    def refuse(message: str) -> ValidationFailed:
        return ValidationFailed(FieldError("file", f"附件「{name}」：{message}"))

    if isinstance(source, Path):
        try:
            size = source.stat().st_size
            with open(source, "rb") as f:
                head = f.read(HEAD_SIZE)
        except OSError as exc:
            raise refuse(f"無法讀取檔案（{exc.strerror or exc}）；請確認檔案存在且未被其他程式鎖住。") from exc
    else:
        size, head = len(source), source[:HEAD_SIZE]
    kind, problem = check_file(head, size, term)
    if problem:
        raise refuse(problem)
    assert kind is not None
    stored = store.put_file(source) if isinstance(source, Path) else store.put_bytes(source)
    # the file may have changed between the check and the copy: check what was stored
    kind2, problem = check_file(stored.head, stored.size, term)
    if problem or kind2 != kind:
        _forget(store, stored)
        raise refuse(problem or "檔案在上傳時被改變了，請關閉編輯中的程式後再試一次。")
    # the whole file, parsed: what is stored (immutable, by hash) is what is judged
    problem = check_content(store.path_for(stored.sha256), kind)
    if problem:
        _forget(store, stored)
        raise refuse(problem)
    same = session.scalars(select(Attachment).where(
        Attachment.owner_table == owner_table, Attachment.owner_id == owner.id,
        Attachment.sha256 == stored.sha256, Attachment.deleted == false())).first()
    if same is not None:
        raise refuse(f"同一個檔案已附加在這筆{service.label}（檔名「{same.filename}」），不必再附加。")
    if session.get(Blob, stored.sha256) is None:
        session.add(Blob(sha256=stored.sha256, kind=kind, size=stored.size,
                         created_at=utcnow()))
        session.flush()
    att = Attachment(id=uuid.uuid4(), owner_table=owner_table, owner_id=owner.id,
                     sha256=stored.sha256, filename=name, version=1, updated_at=utcnow(),
                     updated_by=actor.staff_id, origin=actor.workstation)
    session.add(att)
    session.flush()
    record_change(session, actor, "attachment", att, "create",
                 {k: (None, v) for k, v in att.values().items()} | {"size": (None, stored.size),
                                                                    "kind": (None, kind)})
    _reopen_outcome(session, actor, owner, owner_table)
    return att


def reopens_certification(session: Session, owner_table: str,
                          owner_id: uuid.UUID | str) -> str | None:
    """What changing the files of this record does to its certification, said before the
    change (a door shows it): an outcome already 已認證 or 退回 waits for its teacher again."""
    if owner_table != "outcome":
        return None
    owner = owner_service(owner_table).get(session, owner_id)
    if not isinstance(owner, Outcome) or owner.status == "待認證":
        return None
    from lxp_desktop.services.certification import _course_teacher

    _course, teacher = _course_teacher(session, owner)
    name = teacher.name if teacher else "任課教師"
    return (f"這筆課程學習成果原為「{owner.status}」；附加或移除檔案後改為「待認證」，"
            f"須由 {name} 或其代理人重新認證（已勾選的也會取消）。")


def _get(session: Session, attachment_id: uuid.UUID | str) -> Attachment:
    att_id = attachment_id if isinstance(attachment_id, uuid.UUID) else uuid.UUID(str(attachment_id))
    att = session.get(Attachment, att_id)
    if att is None or att.deleted:
        raise ValidationFailed("找不到這個附件（可能已被移除），請重新整理。")
    return att


def detach(session: Session, actor: Actor, attachment_id: uuid.UUID | str) -> None:
    """Remove an attachment from its record (soft delete; the blob stays for the audit trail)."""
    att = _get(session, attachment_id)
    service = owner_service(att.owner_table)
    actor = authorize(session, actor, att.owner_table)
    actor = scope.write_row(session, actor, att.owner_table,
                            service.get(session, att.owner_id))
    att.deleted, att.version = True, att.version + 1
    att.updated_at, att.updated_by, att.origin = utcnow(), actor.staff_id, actor.workstation
    session.flush()
    record_change(session, actor, "attachment", att, "delete", {"deleted": (False, True)})
    _reopen_outcome(session, actor, service.get(session, att.owner_id), att.owner_table)


def list_attachments(session: Session, owner_table: str,
                     owner_id: uuid.UUID | str) -> list[AttachmentInfo]:
    oid = owner_id if isinstance(owner_id, uuid.UUID) else uuid.UUID(str(owner_id))
    rows = session.execute(select(Attachment, Blob).join(Blob, Attachment.sha256 == Blob.sha256)
                           .where(Attachment.owner_table == owner_table,
                                  Attachment.owner_id == oid, Attachment.deleted == false())
                           .order_by(Attachment.updated_at, Attachment.id))
    return [AttachmentInfo(a.id, a.filename, a.sha256, b.kind, b.size) for a, b in rows]


def count_attachments(session: Session, owner_table: str, owner_id: uuid.UUID) -> int:
    return int(session.scalar(select(func.count()).select_from(Attachment).where(
        Attachment.owner_table == owner_table, Attachment.owner_id == owner_id,
        Attachment.deleted == false())) or 0)


def attachment_sha256(session: Session, attachment_id: uuid.UUID | str) -> str:
    return _get(session, attachment_id).sha256


def read_attachment(session: Session, attachment_id: uuid.UUID | str,
                    store: BlobStore | None = None) -> tuple[AttachmentInfo, bytes]:
    """The file's bytes, checked against its hash (raises BlobError when changed or missing)."""
    att = _get(session, attachment_id)
    blob = session.get(Blob, att.sha256)
    data = (store or default_store()).read_bytes(att.sha256, att.filename)
    info = AttachmentInfo(att.id, att.filename, att.sha256, blob.kind if blob else "", len(data))
    return info, data


def export_name(filename: str, kind: str) -> str:
    """The file name to export under, with the extension that matches its real kind."""
    name = clean_filename(filename)
    ext = EXTENSION.get(kind, "")
    if ext and not name.lower().endswith(ext) and not (kind == "jpg"
                                                      and name.lower().endswith(".jpeg")):
        name += ext
    return name


def export_attachment(session: Session, attachment_id: uuid.UUID | str, dest_dir: Path,
                      store: BlobStore | None = None) -> Path:
    """Copy an attachment into ``dest_dir`` under its name, only if its bytes are intact."""
    att = _get(session, attachment_id)
    blob = session.get(Blob, att.sha256)
    name = export_name(att.filename, blob.kind if blob else "")
    return (store or default_store()).export(att.sha256, dest_dir / name, att.filename)


def check_all(session: Session, store: BlobStore | None = None) -> list[tuple[Attachment, str]]:
    """Every attached file whose stored bytes are missing or changed: (attachment, problem)."""
    store = store or default_store()
    out = []
    for att in session.scalars(select(Attachment).where(Attachment.deleted == false())):
        status = store.status(att.sha256)
        if status != "ok":
            out.append((att, status))
    return out
