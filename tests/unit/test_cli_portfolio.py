"""The command line doors: certify, select, attach, duties — same rules, exit codes."""

from __future__ import annotations

import pytest

from lxp_desktop.cli import main
from lxp_desktop.services import accounts, duties, settings
from lxp_desktop.services import school as sch
from lxp_desktop.services.portfolio import outcomes
from lxp_desktop.store.models import Outcome
from tests.files import exe_bytes, pdf_bytes, write

STAFF_PASSWORD = "staff-test-pw"


@pytest.fixture(autouse=True)
def _password_from_env(monkeypatch):
    """The command line takes the password from LXP_PASSWORD (as a scheduled task would)."""
    monkeypatch.setenv("LXP_PASSWORD", STAFF_PASSWORD)
    monkeypatch.setenv("LXP_USER", "admin")  # unless a test names --user


def give_passwords(session, actor, *usernames):
    for username in usernames:
        accounts.set_password(session, actor, accounts.find_account(session, username).id,
                              STAFF_PASSWORD)


@pytest.fixture
def pending(workspace, school):
    with workspace.write() as (s, a):
        sch.add_staff(s, a, "h.wu", "吳組長", ["academic"])
        give_passwords(s, a, "h.wu", "c.chen", "t.lin", "admin")
        duties.seed_default_duties(s, a)
        [row] = [d for d in duties.list_duties(s) if d.name == "課程認證"]
        duties.save_duty(s, a, "課程認證", "", ["h.wu"], row.id)
        settings.put(s, a, "outcomes_selected_per_year", 1)
        ids = [outcomes.create(s, a, {
            "student_no": "113001", "school_year": "113", "semester": "1",
            "course_code": school.courses["國語文"].code, "title": f"成果{i}",
            "summary": "報告"}).id for i in range(2)]
    workspace.close()
    return ids


def statuses(workspace, ids):
    with workspace.read() as s:
        return [(s.get(Outcome, i).status, s.get(Outcome, i).selected) for i in ids]


def test_certify_all_pending_as_proxy_then_attach_and_select_within_cap(
        workspace, pending, data_dir, tmp_path, capsys):
    assert main(["certify", "--user", "c.chen", "--all-pending", "--data-dir", str(data_dir)]) == 0
    assert "沒有待認證" in capsys.readouterr().out  # 陳諮詢 is nobody's proxy: empty queue
    assert main(["certify", "--user", "c.chen", "--id", str(pending[0]),
                 "--data-dir", str(data_dir)]) == 1
    assert "只有任課教師 林老師 或其代理人" in capsys.readouterr().err
    assert main(["certify", "--user", "h.wu", "--term", "113-1", "--all-pending",
                 "--data-dir", str(data_dir)]) == 0
    assert "已認證 2 件" in capsys.readouterr().out
    assert statuses(workspace, pending) == [("已認證", False)] * 2
    bad = write(tmp_path, "x.pdf", exe_bytes())
    assert main(["attach", "outcome", str(pending[0]), str(bad), "--data-dir", str(data_dir)]) == 1
    assert "不是 pdf" in capsys.readouterr().err
    for oid in pending:
        good = write(tmp_path, f"{oid}.pdf", pdf_bytes(str(oid)))
        assert main(["attach", "outcome", str(oid), str(good), "--data-dir", str(data_dir)]) == 0
    # attaching sent them back to 待認證; the teacher certifies again
    assert main(["certify", "--user", "t.lin", "--all-pending", "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    assert main(["select", "outcome", *map(str, pending), "--data-dir", str(data_dir)]) == 1
    assert "超過上限 1 件" in capsys.readouterr().err
    assert statuses(workspace, pending) == [("已認證", False)] * 2
    assert main(["select", "outcome", str(pending[1]), "--data-dir", str(data_dir)]) == 0
    assert statuses(workspace, pending) == [("已認證", False), ("已認證", True)]


def test_return_with_reason_and_bad_arguments(workspace, pending, data_dir, capsys):
    assert main(["certify", "--user", "t.lin", "--id", str(pending[0]), "--return",
                 "檔案不完整：請附上作品檔案", "--data-dir", str(data_dir)]) == 0
    assert statuses(workspace, pending)[0] == ("退回", False)
    capsys.readouterr()
    # an unknown account cannot sign in: refused, nothing certified
    assert main(["certify", "--user", "nobody", "--all-pending", "--data-dir", str(data_dir)]) == 1
    assert "帳號或密碼不正確" in capsys.readouterr().err
    assert main(["certify", "--user", "t.lin", "--id", "not-a-uuid",
                 "--data-dir", str(data_dir)]) == 1
    assert "不是課程學習成果的識別碼" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["certify", "--user", "t.lin", "--term", "113-9", "--all-pending",
              "--data-dir", str(data_dir)])
    assert exc.value.code == 2 and "113-9" in capsys.readouterr().err


def test_duties_lists_the_school_rules(workspace, pending, data_dir, capsys):
    assert main(["duties", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "課程認證\t承辦人：任課教師\t代理人：1. 吳組長" in out
    assert out.count("\n") == 8
