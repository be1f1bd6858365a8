"""The command line: version, exit statuses, Chinese messages, --data-dir everywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lxp_desktop import __version__
from lxp_desktop.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_unusable_arguments_exit_2_with_a_chinese_message(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--no-such-option"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "參數錯誤" in err and "--no-such-option" in err
    with pytest.raises(SystemExit) as exc:
        main(["demo", "--students", "many"])
    assert exc.value.code == 2


def test_data_dir_before_or_after_the_sub_command(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--data-dir", str(tmp_path / "a"), "info"],
                 ["info", "--data-dir", str(tmp_path / "b")]):
        assert main(argv) == 0
        assert str(Path(argv[1] if argv[0] == "--data-dir" else argv[2]) / "lxp.sqlite3") in \
            capsys.readouterr().out


def test_a_damaged_store_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "lxp.sqlite3").write_bytes(b"not a database at all" * 50)
    done = subprocess.run([sys.executable, "-m", "lxp_desktop", "info", "--data-dir",
                           str(folder)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "無法開啟資料庫" in done.stderr
    assert "Traceback" not in done.stderr
