"""The command-line doors of the cycle: check, submission export/list, receipts import/diff,
confirmation announce/confirm/object/resolve/status/lists — exit codes and messages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from lxp_desktop.cli import main
from lxp_desktop.domain.roc import format_roc
from lxp_desktop.store.models import Student
from lxp_desktop.store.submission_models import ConfirmationPeriod
from tests import receipt_maker as rm


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_cli_cycle(workspace, school, data_dir, tmp_path, capsys):
    with workspace.write("測試") as (s, _a):
        s.execute(update(Student).where(Student.student_no == "113002")
                  .values(national_id="B223456780"))
    workspace.close()
    d = ["--data-dir", str(data_dir)]
    code, text = run(capsys, "check", "--term", "113-1", *d)
    assert code == 1 and "[S01] 須修正" in text and "須修正 1 項" in text
    code, text = run(capsys, "submission", "export", "--term", "113-1", "--category", "修課紀錄",
                     "--out", str(tmp_path / "out"), *d)
    assert code == 1 and "預檢還有 1 項" in text
    for bad in ("113學年度第3學期", "113-0"):  # not a term; a whole year where a term is needed
        with pytest.raises(SystemExit) as exc:
            main(["check", "--term", bad, *d])
        assert exc.value.code == 2 and "--term" in capsys.readouterr().err
    code, text = run(capsys, "submission", "export", "--term", "113-1", "--category", "諮詢",
                     "--out", str(tmp_path / "out"), *d)
    assert code == 2 and "提交類別須為" in text

    with workspace.write("測試") as (s, _a):
        s.execute(update(Student).where(Student.student_no == "113002")
                  .values(national_id="B223456782"))
    workspace.close()
    code, text = run(capsys, "check", "--term", "113-1", *d)
    assert code == 0 and "須修正 0 項" in text
    code, text = run(capsys, "submission", "export", "--term", "113-1", "--category", "修課紀錄",
                     "--out", str(tmp_path / "out"), *d)
    assert code == 0 and "學生成績名冊 › 學期成績：1" in text
    folder = tmp_path / "out" / "113_1_修課紀錄_第1次"
    doc = rm.from_package(folder, "修課紀錄")
    rm.change_value(doc, "修課紀錄", "A123456789", "學期成績", "修課學分", "3")
    zip_path = rm.write_zip(tmp_path / "r.zip", {rm.receipt_name(113, 1, "修課紀錄"): doc},
                            password="pw")
    code, text = run(capsys, "receipts", "import", str(zip_path), "--term", "113-1", *d)
    assert code == 1 and "有密碼保護" in text
    code, text = run(capsys, "receipts", "import", str(zip_path), "--term", "113-1",
                     "--password", "pw", *d)
    assert code == 1 and "不同：1" in text
    code, text = run(capsys, "receipts", "diff", "--term", "113-1", "--out",
                     str(tmp_path / "d.xlsx"), *d)
    assert code == 1 and "修課學分：送出「4」，收到「3」" in text and (tmp_path / "d.xlsx").is_file()

    today = date.today()
    start, end = format_roc(today), format_roc(today + timedelta(days=1))
    code, text = run(capsys, "confirmation", "announce", "--term", "113-1", "--start", start,
                     "--end", end, *d)
    assert code == 1 and "至少須公告 3 天" in text
    end = format_roc(today + timedelta(days=2))
    code, text = run(capsys, "confirmation", "announce", "--term", "113-1", "--start", start,
                     "--end", end, *d)
    assert code == 0 and "1 位學生待確認" in text
    code, text = run(capsys, "confirmation", "announce", "--term", "113-1", "--start", start,
                     "--end", end, *d)
    assert code == 1 and "變更確認期間" in text  # running: announcing again is refused
    end = format_roc(today + timedelta(days=5))
    code, text = run(capsys, "confirmation", "change", "--term", "113-1", "--start", start,
                     "--end", end, *d)
    assert code == 0 and f"確認期間已改為 {start}–{end}" in text
    code, text = run(capsys, "confirmation", "object", "113001", "--term", "113-1",
                     "--text", "學分應為 4", *d)
    assert code == 0 and "提出疑義" in text
    code, text = run(capsys, "confirmation", "resolve", "113001", "--term", "113-1",
                     "--text", "已更正", "--resubmission", "not-an-id", *d)
    assert code == 1 and "找不到這筆重新提交紀錄" in text
    code, text = run(capsys, "confirmation", "status", "--term", "113-1", *d)
    assert "疑義 處理中 1" in text and "逾期" not in text and code == 0
    code, text = run(capsys, "confirmation", "resolve", "113001", "--term", "113-1",
                     "--text", "已查明，中央資料庫顯示有誤，已函請更正", *d)
    assert code == 0
    code, text = run(capsys, "confirmation", "lists", "--term", "113-1", "--out",
                     str(tmp_path / "lists"), *d)
    assert code == 0 and "收訖確認名單_101.xlsx" in text
    code, text = run(capsys, "submission", "list", "--term", "113-1", *d)
    assert "修課紀錄 #1" in text


def test_the_command_line_applies_a_period_that_ended(workspace, school, data_dir, capsys,
                                                      tmp_path, clock):
    """A period that ended while the app was closed is closed by the next command."""
    d = ["--data-dir", str(data_dir)]
    clock.day = date(2020, 3, 2)
    workspace.close()
    assert main(["submission", "export", "--term", "113-1", "--category", "修課紀錄",
                 "--out", str(tmp_path / "o"), *d]) == 0
    doc = rm.from_package(tmp_path / "o" / "113_1_修課紀錄_第1次", "修課紀錄")
    zip_path = rm.write_zip(tmp_path / "r.zip", {rm.receipt_name(113, 1, "修課紀錄"): doc})
    assert main(["receipts", "import", str(zip_path), "--term", "113-1", *d]) == 0
    assert main(["confirmation", "announce", "--term", "113-1", "--start", "2020-03-03",
                 "--end", "2020-03-06", *d]) == 0
    capsys.readouterr()
    clock.day = date(2020, 3, 7)
    code, text = run(capsys, "confirmation", "status", "--term", "113-1", *d)
    assert "1 位未回覆的學生視為確認" in text and "視為確認 1" in text
    with workspace.read() as s:
        assert s.query(ConfirmationPeriod).one().closed_on is not None
