"""Attachments: kind by bytes, size limits, stored once by hash, checked on every open."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import attachments, certification
from lxp_desktop.services.attachments import BlobError
from lxp_desktop.services.portfolio import outcomes, performances
from lxp_desktop.services.school import actor_for
from lxp_desktop.store.blobs import default_store
from lxp_desktop.store.models import Attachment, AuditEntry, Blob, Outcome
from tests.files import FOUR_MB, exe_bytes, pdf_bytes, pdf_of_size, png_bytes, write


@pytest.fixture
def outcome(workspace, school):
    with workspace.write("測試") as (s, a):
        o = outcomes.create(s, a, {"student_no": "113001", "school_year": "113",
                                   "semester": "1", "course_code": school.courses["國語文"].code,
                                   "title": "閱讀心得", "summary": "讀完《小王子》的心得報告"})
    return o


@pytest.fixture
def performance(workspace, school):
    with workspace.write("測試") as (s, a):
        p = performances.create(s, a, {"student_no": "113002", "school_year": "113",
                                       "kind": "競賽參與紀錄", "title": "全國科展",
                                       "summary": "參加全國科展化學組"})
    return p


def attach(ws, owner_table, owner_id, path):
    with ws.write("測試") as (s, a):
        return attachments.attach(s, a, owner_table, owner_id, path)


def n_rows(ws, model) -> int:
    with ws.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_pdf_is_stored_by_hash_and_exported_intact(workspace, outcome, tmp_path):
    data = pdf_bytes()
    att = attach(workspace, "outcome", outcome.id, write(tmp_path, "報告.pdf", data))
    sha = hashlib.sha256(data).hexdigest()
    assert att.sha256 == sha and att.filename == "報告.pdf"
    stored = default_store().path_for(sha)
    assert stored.read_bytes() == data and stored.parent.name == sha[:2]
    with workspace.read() as s:
        assert s.get(Blob, sha).kind == "pdf"
        [info] = attachments.list_attachments(s, "outcome", outcome.id)
        out = attachments.export_attachment(s, info.id, tmp_path / "out")
    assert out.read_bytes() == data and out.name == "報告.pdf"


def test_renamed_executable_is_refused_by_its_bytes(workspace, outcome, tmp_path):
    path = write(tmp_path, "作品.pdf", exe_bytes())
    with pytest.raises(ValidationFailed) as exc:
        attach(workspace, "outcome", outcome.id, path)
    msg = exc.value.by_field()["file"]
    assert "作品.pdf" in msg and "不是 pdf、jpg、png、mp3 或 mp4" in msg and "副檔名" in msg
    assert n_rows(workspace, Attachment) == 0 and n_rows(workspace, Blob) == 0
    assert list(default_store().stored_hashes()) == []


def test_one_byte_over_the_limit_is_refused_and_the_limit_itself_accepted(
        workspace, outcome, tmp_path):
    over = write(tmp_path, "big.pdf", pdf_of_size(FOUR_MB + 1))
    with pytest.raises(ValidationFailed) as exc:
        attach(workspace, "outcome", outcome.id, over)
    msg = exc.value.by_field()["file"]
    assert "4.01 MB" in msg and "上限 4 MB" in msg and "113學年度第1學期" in msg
    assert list(default_store().stored_hashes()) == []
    exact = write(tmp_path, "exact.pdf", pdf_of_size(FOUR_MB))
    assert attach(workspace, "outcome", outcome.id, exact).filename == "exact.pdf"


def test_empty_file_is_refused(workspace, outcome, tmp_path):
    with pytest.raises(ValidationFailed, match="空的"):
        attach(workspace, "outcome", outcome.id, write(tmp_path, "empty.png", b""))
    assert n_rows(workspace, Attachment) == 0


def test_duplicate_is_stored_once_and_refused_on_the_same_record(
        workspace, outcome, performance, tmp_path):
    data = png_bytes()
    attach(workspace, "outcome", outcome.id, write(tmp_path, "a.png", data))
    attach(workspace, "performance", performance.id, write(tmp_path, "copy.png", data))
    assert n_rows(workspace, Blob) == 1 and n_rows(workspace, Attachment) == 2
    assert len(list(default_store().stored_hashes())) == 1
    with pytest.raises(ValidationFailed) as exc:
        attach(workspace, "outcome", outcome.id, write(tmp_path, "again.png", data))
    assert "已附加" in str(exc.value) and "a.png" in str(exc.value)
    assert n_rows(workspace, Attachment) == 2


def test_file_altered_or_missing_on_disk_is_reported_never_served(workspace, outcome, tmp_path):
    data = png_bytes()
    att = attach(workspace, "outcome", outcome.id, write(tmp_path, "a.png", data))
    path = default_store().path_for(att.sha256)
    path.chmod(0o644)
    path.write_bytes(data[:-1] + b"\x00")
    with workspace.read() as s:
        with pytest.raises(BlobError, match="已被更動") as exc:
            attachments.read_attachment(s, att.id)
        assert exc.value.problem == "altered"
        with pytest.raises(BlobError, match="已被更動"):
            attachments.export_attachment(s, att.id, tmp_path / "out")
        assert not (tmp_path / "out" / "a.png").exists()
        assert [(a.id, p) for a, p in attachments.check_all(s)] == [(att.id, "altered")]
    path.unlink()
    with workspace.read() as s, pytest.raises(BlobError, match="找不到"):
        attachments.read_attachment(s, att.id)
    # the same bytes uploaded again repair the store
    attach(workspace, "performance", _perf(workspace), write(tmp_path, "b.png", data))
    with workspace.read() as s:
        assert attachments.read_attachment(s, att.id)[1] == data


def _perf(ws):
    with ws.write() as (s, a):
        return performances.create(s, a, {"student_no": "113001", "school_year": "113",
                                           "kind": "其他多元表現紀錄", "title": "志工",
                                           "summary": "圖書館志工"}).id


def test_media_limit_and_older_terms_use_their_own_limits(workspace, school, tmp_path):
    from lxp_desktop.domain.filekind import check_file
    from lxp_desktop.domain.roc import Term

    mp3 = b"ID3\x03" + b"\x00" * 60
    assert check_file(mp3, 10 * 1024 * 1024, Term(113, 1)) == ("mp3", None)
    assert check_file(mp3, 10 * 1024 * 1024 + 1, Term(113, 1))[1]
    assert check_file(b"%PDF-1.4", 2 * 1024 * 1024 + 1, Term(108, 2))[1]


def test_certified_outcome_goes_back_to_pending_when_its_files_change(
        workspace, school, outcome, tmp_path):
    teacher = actor_for(school.teacher, workspace.store.workstation_id)
    with workspace.write() as (s, _a):
        certification.certify(s, teacher, [outcome.id])
    att = attach(workspace, "outcome", outcome.id, write(tmp_path, "a.pdf", pdf_bytes()))
    with workspace.read() as s:
        o = s.get(Outcome, outcome.id)
        assert o.status == "待認證" and o.certified_by is None
    with workspace.write() as (s, _a):
        certification.certify(s, teacher, [outcome.id])
    with workspace.write() as (s, a):
        attachments.detach(s, a, att.id)
    with workspace.read() as s:
        assert s.get(Outcome, outcome.id).status == "待認證"
        assert attachments.list_attachments(s, "outcome", outcome.id) == []
        actions = [e.action for e in s.scalars(select(AuditEntry).where(
            AuditEntry.row_id == str(outcome.id)).order_by(AuditEntry.seq))]
    assert actions == ["create", "certify", "resubmit", "certify", "resubmit"]


def test_attachment_refused_for_someone_without_the_right(workspace, school, outcome, tmp_path):
    consultant = actor_for(school.consultant, workspace.store.workstation_id)
    with workspace.write() as (s, _a), pytest.raises(ValidationFailed, match="權限"):
        attachments.attach(s, consultant, "outcome", outcome.id,
                           write(tmp_path, "a.png", png_bytes()))
