"""Attachments by SHA-256: pushed before the rows that refer to them, fetched on demand."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, text

from lxp_desktop.services.students import find_student
from lxp_desktop.services.unit import Writer
from lxp_desktop.store.models import Attachment, Blob
from lxp_desktop.sync.blobs import BlobError
from lxp_desktop.sync.engine import Syncer
from lxp_desktop.sync.server import server_engine
from tests.integration.stations import Station, assert_converged
from tests.makers import make_small_school

pytestmark = pytest.mark.postgres

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256)) * 40


def attach(st: Station, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    st.blobs.write(sha, data)
    with st.write() as (s, actor):
        s.add(Blob(sha256=sha, kind="pdf", size=len(data)))
        Writer(s, actor).insert("attachment", Attachment(
            id=uuid.uuid4(), owner_table="student", owner_id=find_student(s, "113001").id,
            sha256=sha, filename="獎狀.pdf"))
    return sha


def test_an_attachment_travels_by_hash_and_is_fetched_on_demand(tmp_path: Path,
                                                                server_url: str) -> None:
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    a.sync()
    b = Station(tmp_path / "b", server_url, "B")
    b.sync()
    sha = attach(a, PDF)
    a.sync()
    b.sync()
    assert_converged(server_url, a, b)
    assert not b.blobs.has(sha)  # only when asked for
    engine = server_engine(server_url)
    syncer = Syncer(b.ws.store, engine, blobs=b.blobs)
    path = syncer.fetch_blob(sha)
    assert path.read_bytes() == PDF and b.blobs.read(sha) == PDF
    # bytes damaged on the way are refused, not written
    with engine.begin() as conn:
        conn.execute(text("UPDATE sync_blob SET data = :d"), {"d": PDF[:-1] + b"x"})
    c = Station(tmp_path / "c", server_url, "C")
    c.sync()
    with pytest.raises(BlobError, match="不符"):
        Syncer(c.ws.store, engine, blobs=c.blobs).fetch_blob(sha)
    assert not c.blobs.has(sha)
    engine.dispose()


def test_the_service_fetches_a_file_from_the_configured_shared_database(
        tmp_path: Path, server_url: str) -> None:
    from lxp_desktop.services import sync as sync_service
    from lxp_desktop.sync.server import SyncError
    from tests.integration.stations import school_on_two_pcs

    a, b = school_on_two_pcs(tmp_path, server_url)
    sha = attach(a, PDF)
    a.sync()
    b.sync()
    assert not sync_service.fetch_attachment(b.ws, sha, blobs=b.blobs)  # none configured
    sync_service.save_connection(b.ws, server_url, None)
    assert sync_service.fetch_attachment(b.ws, sha, blobs=b.blobs)
    assert b.blobs.read(sha) == PDF
    with pytest.raises(SyncError, match="共用資料庫沒有附件"):
        sync_service.fetch_attachment(b.ws, "0" * 64, blobs=b.blobs)


def test_a_check_on_the_registrars_pc_fetches_the_files_attached_elsewhere(
        tmp_path: Path, server_url: str) -> None:
    """A teacher attaches on PC A; the registrar's check on PC B gets the file from the
    shared database first, so it is not reported missing (and the package can carry it)."""
    from lxp_desktop.domain.roc import Term
    from lxp_desktop.services import certification, precheck
    from lxp_desktop.services import sync as sync_service
    from lxp_desktop.services.portfolio import outcomes
    from lxp_desktop.services.school import actor_for
    from lxp_desktop.store.blobs import default_store
    from lxp_desktop.store.models import Staff
    from tests.integration.stations import school_on_two_pcs

    term = Term(113, 1)
    a, b = school_on_two_pcs(tmp_path, server_url)
    sha = hashlib.sha256(PDF).hexdigest()
    a.blobs.write(sha, PDF)  # on A's own disk only
    with a.write() as (s, actor):
        out = outcomes.create(s, actor, {
            "student_no": "113001", "school_year": "113", "semester": "1",
            "course_code": s.scalars(text("SELECT code FROM course LIMIT 1")).one(),
            "title": "閱讀心得", "summary": "心得報告"})
        s.add(Blob(sha256=sha, kind="pdf", size=len(PDF)))
        s.flush()
        Writer(s, actor).insert("attachment", Attachment(
            id=uuid.uuid4(), owner_table="outcome", owner_id=out.id, sha256=sha,
            filename="心得.pdf"))
        teacher = s.scalars(select(Staff).where(Staff.username == "t.lin")).one()
        certification.certify(s, actor_for(teacher, actor.workstation), [out.id])
        certification.set_selected(s, actor, "outcome", [out.id])
    a.sync()
    b.sync()

    def missing() -> list[str]:
        with b.ws.read() as s:
            return [f.code for f in precheck.run_check(s, term) if f.code == "F02"]

    assert missing() == ["F02"] and not default_store().exists(sha)
    assert sync_service.fetch_term_files(b.ws, term) is None  # nothing configured: nothing
    sync_service.save_connection(b.ws, server_url, None)
    assert sync_service.fetch_term_files(b.ws, term) is None
    assert default_store().exists(sha) and missing() == []
