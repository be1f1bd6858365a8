"""Notices as documents and mailing in batches: reprint keeps the reference, a second
generation asks, void-and-reissue, batch 寄出 on 200 notices, a 掛號號碼 list imported,
退件 in batches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from pypdf import PdfReader
from sqlalchemy import select

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.ids import make_id
from lxp_desktop.services import mailing, notices
from lxp_desktop.services.mailing import LiveNotices
from lxp_desktop.store.models import AuditEntry, Student
from lxp_desktop.store.notice_models import Notice
from tests.notice_makers import TERM, add_student, departed_school

TODAY = date(2025, 3, 3)


def departed_ids(ws) -> list:
    with ws.read() as s:
        return [st.id for st in notices.departed_students(s, TERM)]


def issue(ws, ids, out: Path, **kw) -> mailing.IssueResult:
    with ws.write() as (s, a):
        return mailing.issue_batch(s, a, TERM, ids, out, today=TODAY, **kw)


def text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def test_reprint_keeps_reference_and_reply_code_and_is_logged(workspace, school, tmp_path):
    departed_school(workspace)
    first = issue(workspace, departed_ids(workspace), tmp_path / "a.pdf")
    assert len(first.made) == 2 and first.pages >= 2
    with workspace.write() as (s, a):
        pages = mailing.reprint(s, a, first.notice_ids, tmp_path / "again.pdf")
    assert pages == first.pages
    again = text(tmp_path / "again.pdf")
    for ref in first.made:
        assert ref in again
    with workspace.read() as s:
        assert s.query(Notice).count() == 2  # nothing new was made
        logged = s.scalars(select(AuditEntry.row_id).where(AuditEntry.action == "reprint")).all()
    assert sorted(logged) == sorted(str(i) for i in first.notice_ids)


def test_generating_again_asks_then_reprints_or_voids_and_reissues(workspace, school, tmp_path):
    departed_school(workspace)
    ids = departed_ids(workspace)
    first = issue(workspace, ids, tmp_path / "a.pdf")
    with pytest.raises(LiveNotices) as asked:
        issue(workspace, ids, tmp_path / "b.pdf")
    assert sorted(x.reference for x in asked.value.live) == sorted(first.made)
    assert "已有通知" in str(asked.value)
    assert not (tmp_path / "b.pdf").exists()
    # reprint: the same references, no new notice
    same = issue(workspace, ids, tmp_path / "b.pdf", live=mailing.REPRINT)
    assert same.made == [] and sorted(same.reprinted) == sorted(first.made)
    # void and reissue: the old codes are void, the new ones count
    new = issue(workspace, ids, tmp_path / "c.pdf", live=mailing.REISSUE)
    assert sorted(new.voided) == sorted(first.made) and len(new.made) == 2
    assert not set(new.made) & set(first.made)
    with workspace.read() as s:
        old = mailing.scan(s, first.made[0])
        assert old.notice_id is None and "已作廢" in old.message
        assert any(ref in old.message for ref in new.made)  # which one counts instead
        fresh = mailing.scan(s, new.made[0].lower())
        assert fresh.notice_id is not None
        rows = notices.candidates(s, TERM)
        assert sorted(r.reference for r in rows) == sorted(new.made)  # one live each
    with workspace.write() as (s, a), pytest.raises(ValidationFailed, match="已作廢"):
        mailing.reprint(s, a, [notices.find_by_reference(s, first.made[0]).id],
                        tmp_path / "d.pdf")


def two_hundred(ws) -> list:
    for i in range(200):
        code, area = (("403", "西區民生路"), ("404", "北區進化路"))[i % 2]
        add_student(ws, f"12{i:04d}", make_id("B", "1", f"{i:07d}"), f"離校生{i}", "轉出",
                    postal_code=code, address=f"臺中市{area}{i + 1}號")
    return departed_ids(ws)


def test_batch_sent_on_200_notices_with_a_run_of_registered_numbers(workspace, school,
                                                                   tmp_path):
    ids = two_hundred(workspace)
    assert len(ids) == 200
    made = issue(workspace, ids, tmp_path / "batch.pdf")
    numbers = mailing.number_sequence("000150", 200)
    assert numbers[:3] == ["000150", "000151", "000152"] and numbers[-1] == "000349"
    with workspace.write() as (s, a):
        assert mailing.mark_sent(s, a, made.notice_ids, date(2025, 3, 4), numbers) == 200
    with workspace.read() as s:
        ordered = mailing.notices_of(s, made.notice_ids)
        assert all(n.state == notices.SENT and n.sent_on == date(2025, 3, 4) for n in ordered)
        # the numbers follow the mail list's order, as the labels were stuck on
        assert [n.registered_no for n in ordered] == numbers
        rows = notices.mail_rows(ordered)
        assert [r.registered_no for r in rows] == numbers
    # 退件 in a batch
    with workspace.write() as (s, a):
        back = ordered[:3]
        assert mailing.mark_returned(s, a, [n.id for n in back], date(2025, 3, 10),
                                     "查無此人") == 3
    with workspace.read() as s:
        assert [s.get(Notice, n.id).state for n in back] == [notices.RETURNED] * 3


def test_batch_sent_is_all_or_nothing_with_a_message_that_names_the_fix(workspace, school,
                                                                       tmp_path):
    departed_school(workspace)
    made = issue(workspace, departed_ids(workspace), tmp_path / "a.pdf")
    with workspace.write() as (s, a), pytest.raises(ValidationFailed, match="掛號號碼有 1 個"):
        mailing.mark_sent(s, a, made.notice_ids, date(2025, 3, 4), ["123456"])
    with workspace.write() as (s, a), pytest.raises(ValidationFailed, match="出現兩次"):
        mailing.mark_sent(s, a, made.notice_ids, date(2025, 3, 4), ["123456", "123456"])
    with workspace.read() as s:
        assert {n.state for n in s.scalars(select(Notice))} == {notices.GENERATED}


def test_the_post_offices_list_of_registered_numbers_is_imported(workspace, school, tmp_path):
    departed_school(workspace)
    made = issue(workspace, departed_ids(workspace), tmp_path / "a.pdf")
    wb = Workbook()
    ws = wb.active
    ws.append(["大宗掛號函件執據"])
    ws.append(["順序號碼", "參考編號", "收件人", "掛號號碼"])
    ws.append([1, made.made[0], "某甲", 456001])
    ws.append([2, made.made[1].lower(), "某乙", "４５６００２"])
    wb.save(tmp_path / "post.xlsx")
    pairs = mailing.registered_numbers_from_file(tmp_path / "post.xlsx")
    assert pairs == [(made.made[0], "456001"), (made.made[1].lower(), "456002")]
    with workspace.write() as (s, a):
        assert mailing.assign_registered(s, a, pairs, date(2025, 3, 5)) == 2
    with workspace.read() as s:
        got = {n.reference: (n.state, n.registered_no, n.sent_on)
               for n in s.scalars(select(Notice))}
    assert got[made.made[0]] == (notices.SENT, "456001", date(2025, 3, 5))
    assert got[made.made[1]] == (notices.SENT, "456002", date(2025, 3, 5))
    # a bad row is named
    (tmp_path / "bad.csv").write_text("參考編號,掛號號碼\nX-1,12*34\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match="第 2 列，掛號號碼"):
        mailing.registered_numbers_from_file(tmp_path / "bad.csv")
    with workspace.write() as (s, a), pytest.raises(ValidationFailed, match="找不到參考編號"):
        mailing.assign_registered(s, a, [("1132-ZZZZZZ", "1")], date(2025, 3, 5))


def test_student_rows_unchanged_by_mailing(workspace, school, tmp_path):
    departed_school(workspace)
    issue(workspace, departed_ids(workspace), tmp_path / "a.pdf")
    with workspace.read() as s:
        assert s.query(Student).count() == 3


def test_command_line_asks_before_a_second_notice(workspace, school, tmp_path, capsys):
    from lxp_desktop.cli import main

    departed_school(workspace)
    data_dir = workspace.store.path.parent
    workspace.close()
    args = ["notices", "--data-dir", str(data_dir), "--term", "113-2", "--date", "114/03/03",
            "--deadline", "114/03/17", "--students", "113002"]
    assert main([*args, "--out", str(tmp_path / "a.pdf")]) == 0
    first = capsys.readouterr().out.strip().splitlines()[-1].split()[0]  # "  REF  name 同學 收"
    assert main([*args, "--out", str(tmp_path / "b.pdf")]) == 1
    err = capsys.readouterr().err
    assert first in err and "--live reprint" in err and not (tmp_path / "b.pdf").exists()
    assert main([*args, "--out", str(tmp_path / "b.pdf"), "--live", "reprint"]) == 0
    out = capsys.readouterr().out
    assert first in out and "重印" in out
    assert first in text(tmp_path / "b.pdf")
    assert main([*args, "--out", str(tmp_path / "c.pdf"), "--live", "reissue"]) == 0
    out = capsys.readouterr().out
    assert f"已作廢的原通知：{first}" in out
