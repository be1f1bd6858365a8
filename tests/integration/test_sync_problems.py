"""Problems the sync finds are each one problem, not a stop (issue #16 items 4 and 6).

- A missing attachment file: the rows sync, the file is listed (sync report, status, 預檢)
  and sent when it is back.
- Caps broken by merging: each PC kept the 多元表現 cap; after the sync the student has more,
  and the status and the 預檢 say so, naming the student and the PCs.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from lxp_desktop.domain.roc import Term
from lxp_desktop.services import certification, precheck
from lxp_desktop.services import sync as sync_service
from lxp_desktop.services.portfolio import outcomes, performances
from lxp_desktop.services.school import actor_for
from lxp_desktop.services.students import find_student, students
from lxp_desktop.services.unit import Writer
from lxp_desktop.store.blobs import BlobStore
from lxp_desktop.store.models import Attachment, Blob, Course, Performance, Staff
from tests.integration.stations import Station, assert_converged, school_on_two_pcs, server_dump

pytestmark = pytest.mark.postgres

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256)) * 30


def attach_outcome(st: Station, data: bytes, filename: str) -> str:
    sha = hashlib.sha256(data).hexdigest()
    st.blobs.write(sha, data)
    with st.write() as (s, actor):
        code = s.scalars(select(Course.code)).first()
        out = outcomes.create(s, actor, {"student_no": "113001", "school_year": "113",
                                         "semester": "1", "course_code": code,
                                         "title": "閱讀心得", "summary": "心得報告"})
        s.add(Blob(sha256=sha, kind="pdf", size=len(data)))
        s.flush()
        Writer(s, actor).insert("attachment", Attachment(
            id=uuid.uuid4(), owner_table="outcome", owner_id=out.id, sha256=sha,
            filename=filename))
        teacher = s.scalars(select(Staff).where(Staff.username == "t.lin")).one()
        certification.certify(s, actor_for(teacher, actor.workstation), [out.id])
        certification.set_selected(s, actor, "outcome", [out.id])
    return sha


def test_a_missing_file_holds_back_only_its_attachment(tmp_path: Path, server_url: str) -> None:
    a, b = school_on_two_pcs(tmp_path, server_url)
    sha = attach_outcome(a, PDF, "心得.pdf")
    with a.write() as (s, actor):
        students.update(s, actor, find_student(s, "113002").id, {"phone": "04-55556666"})
    kept = a.blobs.path(sha).read_bytes()
    a.blobs.path(sha).unlink()  # the file went missing (a cleaned-up folder, a bad disk)

    report = a.sync()  # no traceback, no stop
    assert report.missing_files == {sha: "心得.pdf"}
    server = server_dump(server_url)
    assert any("04-55556666" in r for r in server["student"])  # the rest went
    assert any("閱讀心得" in r for r in server["outcome"])
    assert not any("心得.pdf" in r for r in server["attachment"])
    assert a.pending() == 1  # the attachment waits for its file
    assert sync_service.status(a.ws).missing_files == ("心得.pdf",)
    with a.ws.read() as s:
        found = [f for f in precheck.run_check(s, Term(113, 1), BlobStore(a.blobs.root))
                 if f.code == "F03"]
    assert len(found) == 1 and "心得.pdf" in found[0].message and "113001" in found[0].message
    b.sync()  # the other PC is not held up either
    assert b.pending() == 0

    a.blobs.write(sha, kept)  # back from the backup
    report = a.sync()
    assert report.missing_files == {} and a.pending() == 0
    assert sync_service.status(a.ws).missing_files == ()
    b.sync()
    assert_converged(server_url, a, b)


def add_performances(st: Station, n: int, tag: str) -> None:
    with st.write() as (s, a):
        for i in range(n):
            performances.create(s, a, {"student_no": "113001", "school_year": "113",
                                       "kind": "服務學習紀錄", "title": f"{tag}{i}",
                                       "summary": "服務", "in_school": "是"})


def test_caps_broken_by_two_pcs_are_reported_with_the_student_and_the_pcs(
        tmp_path: Path, server_url: str) -> None:
    a, b = school_on_two_pcs(tmp_path, server_url)
    add_performances(a, 10, "甲")  # the cap is 10 a year; each PC keeps it
    add_performances(b, 10, "乙")
    a.sync()
    report = b.sync()
    assert len(report.breaches) == 1
    text = report.breaches[0]
    assert "113001 王小明" in text and "20 項" in text and "上限 10" in text
    assert "A" in text and "B" in text
    assert sync_service.status(b.ws).breaches == (text,)
    with b.ws.read() as s:
        [f] = [f for f in precheck.run_check(s, Term(113, 1)) if f.code == "P02"]
    assert f.blocking and "王小明" in f.message and "20 項" in f.message
    assert "A、B" in f.message and "請刪除 10 項" in f.message
    report = a.sync()  # the other PC learns it from its own pull
    assert len(report.breaches) == 1
    # fixed on one PC: the notice goes on the next sync of each
    with a.write() as (s, actor):
        for p in s.scalars(select(Performance).limit(10)):
            performances.delete(s, actor, p.id)
    a.sync()
    assert a.sync().breaches == [] and b.sync().breaches == []
    assert sync_service.status(b.ws).breaches == ()
