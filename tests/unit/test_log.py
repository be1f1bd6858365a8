"""The app's log: a rotating file in the user's log folder, tracebacks of what went wrong,
and never a full national ID."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lxp_desktop import log as app_log

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv(app_log.LOG_DIR_ENV, str(folder))
    return folder


def test_national_ids_are_masked_in_messages_arguments_and_tracebacks(log_dir: Path) -> None:
    path = app_log.setup()
    assert path == log_dir / "lxp-desktop.log"
    logger = logging.getLogger("lxp_desktop.test")
    logger.warning("學生A123456789的資料、居留證 B812345678 與舊式 AC12345678")
    logger.warning("參數 %s 也一樣", "F131232216")
    try:
        raise ValueError("身分證 A123456789 不對")
    except ValueError:
        logger.exception("匯入失敗")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    for full in ("A123456789", "B812345678", "AC12345678", "F131232216"):
        assert full not in text
    assert "學生A12****789的資料" in text and "B81****678" in text and "AC1****678" in text
    assert "F13****216" in text
    assert "Traceback (most recent call last)" in text and "ValueError: 身分證 A12****789 不對" in text
    # a SHA-256 or a UUID is not an ID: left alone
    sha = "a" * 20 + "A123456789" + "b" * 34
    assert app_log.mask_ids(sha) == sha


def test_an_unexpected_error_on_the_command_line_is_logged_with_its_traceback(
        log_dir: Path, data_dir: Path) -> None:
    """A bug shows no traceback on the screen: the message says where the log is, the log has
    the traceback (what the Windows build, without a console, leaves behind)."""
    code = ("import sys; from lxp_desktop import cli\n"
            "def boom(args): raise RuntimeError('壞了 A123456789')\n"
            "cli.cmd_info = boom\n"
            "sys.exit(cli.main(['info']))\n")
    env = {**os.environ, app_log.LOG_DIR_ENV: str(log_dir)}
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, text=True,
                         capture_output=True, timeout=120)
    assert run.returncode == 70, run.stderr
    assert "Traceback" not in run.stderr
    assert "發生未預期的錯誤" in run.stderr and str(log_dir / "lxp-desktop.log") in run.stderr
    text = (log_dir / "lxp-desktop.log").read_text(encoding="utf-8")
    assert "RuntimeError: 壞了 A12****789" in text and "Traceback" in text


def test_the_excepthook_logs_and_tells_where_the_log_is(log_dir: Path) -> None:
    shown: list[tuple[BaseException, Path | None]] = []
    saved = sys.excepthook
    try:
        app_log.setup()
        app_log.install_excepthook(lambda exc, path: shown.append((exc, path)))
        try:
            raise KeyError("x")
        except KeyError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = saved
    assert shown and isinstance(shown[0][0], KeyError)
    assert shown[0][1] == log_dir / "lxp-desktop.log"
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "KeyError: 'x'" in (log_dir / "lxp-desktop.log").read_text(encoding="utf-8")


def test_a_failed_background_job_leaves_its_traceback_in_the_log(qapp, caplog) -> None:  # type: ignore[no-untyped-def]
    from lxp_desktop.domain.errors import ValidationFailed
    from lxp_desktop.ui.jobs import SyncRunner

    def broken(_progress: object) -> None:
        raise ZeroDivisionError("in a job")

    def refused(_progress: object) -> None:
        raise ValidationFailed("學號：必填")

    failures: list[BaseException] = []
    with caplog.at_level(logging.INFO):
        SyncRunner().start(broken, failed=lambda exc, tb: failures.append(exc))
        SyncRunner().start(refused, failed=lambda exc, tb: failures.append(exc))
    assert [type(e) for e in failures] == [ZeroDivisionError, ValidationFailed]
    bug = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(bug) == 1 and bug[0].exc_info and bug[0].exc_info[0] is ZeroDivisionError
    # a user error is the person's to act on: its message, no traceback
    user = [r for r in caplog.records if "學號：必填" in r.getMessage()]
    assert user and user[0].levelno == logging.INFO and not user[0].exc_info
