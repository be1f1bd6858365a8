"""Issue #15 item 7: the process killed (SIGKILL) at several points of an import, a backup, a
restore and a notices batch leaves an intact store with the same rows, no copy of the
database in a temporary folder after the next start, and no reading child running."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from lxp_desktop.cli import main
from tests.hostile_makers import ROOT
from tests.xlsx_makers import ROSTER

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL and /proc")


def _run(argv: list[str], crash_at: str | None, mark: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LXP_TEST_MARK": mark}
    if crash_at:
        env["LXP_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "lxp_desktop.cli", *argv], capture_output=True,
                          text=True, env=env, timeout=300, cwd=ROOT)


def _processes_with(mark: str) -> list[int]:
    """Processes still running whose environment carries ``mark`` (the killed one's children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if f"LXP_TEST_MARK={mark}".encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _snapshot(data_dir: Path) -> dict[str, int]:
    conn = sqlite3.connect(data_dir / "lxp.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                for t in ("student", "notice", "enrolment")}
    finally:
        conn.close()


def _after_next_start(data_dir: Path, capsys) -> None:
    """The next start: the store opens, the audit chain verifies, and no work folder (with its
    copy of the database) or partial file is left anywhere in the data folder."""
    assert main(["audit", "verify"]) == 0
    capsys.readouterr()
    left = [p.name for p in data_dir.rglob("*")
            if p.name.startswith((".backup-", ".restore-", ".notices-", ".lxp-partial-"))]
    assert left == []


def _big_roster(path: Path, rows: int) -> Path:
    """A roster workbook large enough to be read by the reading child (≥ 256 KB)."""
    import openpyxl

    from lxp_desktop.domain.ids import make_id

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("學籍")
    ws.append(ROSTER)
    for i in range(rows):
        ws.append([f"12{i:04d}", make_id("A", "1", f"{i:07d}"), f"學生{i:04d}號之長名字",
                   "男", "097/05/12", "101", i % 50 + 1, "在學", None, "40756",
                   f"臺中市西屯區福星路{i + 1}號{i % 20 + 1}樓之{i % 7 + 1}", f"家長{i:04d}",
                   f"04-2{i:07d}", f"s{i:05d}@example.edu.tw"])
    wb.save(path)
    assert path.stat().st_size >= 256 * 1024
    return path


@pytest.mark.parametrize("point", ["import:reading", "import:checked"])
def test_a_killed_import_changes_nothing_and_leaves_no_reader(point, workspace, school,
                                                             data_dir, tmp_path, capsys):
    workspace.close()
    path = _big_roster(tmp_path / "big.xlsx", 6000)
    before = _snapshot(data_dir)
    mark = uuid.uuid4().hex
    done = _run(["import", "roster", str(path)], point, mark)
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    import time

    for _ in range(50):  # the child notices its parent is gone at once; give it a moment
        if not _processes_with(mark):
            break
        time.sleep(0.1)
    assert _processes_with(mark) == []
    assert _snapshot(data_dir) == before
    _after_next_start(data_dir, capsys)


@pytest.mark.parametrize("point", ["backup:copied", "backup:zipped"])
def test_a_killed_backup_leaves_no_copy(point, workspace, school, data_dir, tmp_path, capsys):
    workspace.close()
    before = _snapshot(data_dir)
    dest = tmp_path / "usb"
    dest.mkdir()
    done = _run(["backup", "--out", str(dest / "b.zip")], point, uuid.uuid4().hex)
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    assert [p.name for p in dest.iterdir()] == []  # nothing half-written at the destination
    assert any(p.name.startswith(".backup-") for p in data_dir.iterdir())  # the crash's copy…
    _after_next_start(data_dir, capsys)  # …is gone after the next start
    assert _snapshot(data_dir) == before


@pytest.mark.parametrize("point", ["restore:unpacked", "restore:kept"])
def test_a_killed_restore_keeps_the_store_and_leaves_no_copy(point, workspace, school,
                                                            data_dir, tmp_path, capsys):
    workspace.close()
    backup = tmp_path / "b.zip"
    assert main(["backup", "--out", str(backup)]) == 0
    from tests.xlsx_makers import roster_row, write_book

    book = write_book(tmp_path / "r.xlsx", ROSTER, [roster_row("113077", "A100000001", "新生")])
    assert main(["import", "roster", str(book)]) == 0
    capsys.readouterr()
    before = _snapshot(data_dir)
    done = _run(["restore", str(backup), "--yes"], point, uuid.uuid4().hex)
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    assert _snapshot(data_dir) == before  # the store in place is the one before the restore
    _after_next_start(data_dir, capsys)


@pytest.mark.parametrize("point", ["notices:rendered", "notices:placed"])
def test_a_killed_notices_batch_records_nothing(point, workspace, school, data_dir, tmp_path,
                                                capsys):
    from tests.notice_makers import departed_school

    departed_school(workspace)
    workspace.close()
    before = _snapshot(data_dir)
    out = tmp_path / "notices.pdf"
    done = _run(["notices", "--term", "113-2", "--out", str(out), "--students", "111005"],
                point, uuid.uuid4().hex)
    assert done.returncode == -signal.SIGKILL, (done.stdout + done.stderr)[-2000:]
    assert _snapshot(data_dir) == before  # no notice recorded
    if point == "notices:rendered":
        assert not out.exists()
    _after_next_start(data_dir, capsys)
    # and the same batch, not killed, is recorded with its PDF
    out.unlink(missing_ok=True)
    assert main(["notices", "--term", "113-2", "--out", str(out), "--students", "111005"]) == 0
    assert out.read_bytes().startswith(b"%PDF-") and _snapshot(data_dir)["notice"] == 1
