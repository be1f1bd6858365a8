"""`lxp-desktop import` / `export`: exit 0 committed, 1 data problems (report written), 2 usage."""

from __future__ import annotations

import openpyxl
import pytest

from lxp_desktop.cli import main
from tests.makers import course_code
from tests.xlsx_makers import ENROL, ROSTER, enrol_row, roster_row, write_book


def test_export_then_import_round_trip(workspace, school, data_dir, tmp_path, capsys):
    workspace.close()
    out = tmp_path / "grades.xlsx"
    assert main(["export", "enrolments", str(out), "--term", "113-1",
                 "--data-dir", str(data_dir)]) == 0
    assert "已匯出 1 筆" in capsys.readouterr().out
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert list(rows[0]) == ENROL and rows[1][0] == "113001" and rows[1][6] == 88
    assert main(["import", "enrolments", str(out), "--data-dir", str(data_dir)]) == 0
    assert "不變 1" in capsys.readouterr().out
    assert main(["export", "roster", str(tmp_path / "r.xlsx"), "--term", "113-2",
                 "--data-dir", str(data_dir)]) == 0


def test_import_dry_run_then_commit(workspace, school, data_dir, tmp_path, capsys):
    workspace.close()
    path = write_book(tmp_path / "g.xlsx", ENROL, [enrol_row("113002", course_code("01"), 70)])
    args = ["import", "enrolments", str(path), "--data-dir", str(data_dir)]
    assert main([*args, "--dry-run"]) == 0
    assert "新增 1" in capsys.readouterr().out
    assert main(args) == 0
    assert main(args) == 0
    assert "沒有任何變更" in capsys.readouterr().out


def test_errors_exit_1_and_report_written_next_to_file(workspace, school, data_dir, tmp_path,
                                                        capsys):
    workspace.close()
    path = write_book(tmp_path / "roster.xlsx", ROSTER, [roster_row("113050", "A123456780", "甲")])
    assert main(["import", "roster", str(path), "--data-dir", str(data_dir)]) == 1
    out = capsys.readouterr().out
    assert "第 2 列 B 欄（身分證統一編號）" in out
    report = tmp_path / "roster_匯入報告.txt"
    assert report.is_file() and "A123456780" in report.read_text(encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["import", "roster", str(empty), "--data-dir", str(data_dir)]) == 1
    assert "0 位元組" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["import", "nonsense", "x.xlsx"],
    ["import", "roster", "does-not-exist.xlsx"],
    ["export", "roster", "out.txt"],
    ["export", "enrolments", "out.xlsx", "--term", "junk"],
])
def test_unusable_arguments_exit_2(argv, data_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    try:
        code = main([*argv, "--data-dir", str(data_dir)])
    except SystemExit as exc:
        code = exc.code
    assert code == 2
    assert capsys.readouterr().err.strip()
