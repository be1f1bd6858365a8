"""``lxp-desktop self-test`` in-process: every step passes here, and a broken part is caught.

The same command runs on the built bundle in ``make dist-test`` (not part of ``make test``).
The Qt steps need a QGuiApplication: the tests use pytest-qt's ``qapp`` so the session keeps
one QApplication for the GUI tests too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from lxp_desktop import paths
from lxp_desktop.cli import main
from lxp_desktop.ui import selftest


def test_every_step_passes_in_a_temporary_folder(qapp, tmp_path: Path, data_dir: Path) -> None:
    work = tmp_path / "selftest"  # not tmp_path itself: the data_dir fixture is tmp_path/data
    work.mkdir()
    lines: list[str] = []
    results = selftest.run(work, lines.append)

    assert [r.title for r in results] == [title for title, _ in selftest.STEPS]
    assert all(r.ok for r in results), lines
    assert all(line.startswith("✓ ") for line in lines)
    # it made its own store and PDF in the temporary folder …
    assert (work / "store" / "lxp.sqlite3").is_file()
    assert (work / "data" / "lxp.sqlite3").is_file()
    assert (work / "自我檢查.pdf").read_bytes().startswith(b"%PDF-")
    # … and left the clerk's data folder alone, pointing back at it afterwards
    assert not (data_dir / "lxp.sqlite3").exists()
    assert paths.data_dir() == data_dir


def test_command_exits_0_and_cleans_up(qapp, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["self-test"]) == 0
    out = capsys.readouterr().out
    assert f"全部 {len(selftest.STEPS)} 項檢查通過。" in out
    work = Path(out.split("暫存資料夾 ", 1)[1].split("）", 1)[0])
    assert not work.exists()


def test_keep_leaves_the_pdf_for_a_look(qapp, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["self-test", "--keep"]) == 0
    out = capsys.readouterr().out
    work = Path(out.split("暫存資料夾保留在 ", 1)[1].splitlines()[0])
    try:
        assert (work / "自我檢查.pdf").is_file()
    finally:
        import shutil

        shutil.rmtree(work)


def test_missing_font_fails_the_pdf_and_qt_steps_exit_1(
        qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "fonts" / "NotoSansTC-Regular.ttf"
    monkeypatch.setattr(paths, "font_path", lambda name="": missing)

    assert main(["self-test"]) == 1
    out = capsys.readouterr().out
    failed = [line for line in out.splitlines() if line.startswith("✗ ")]
    assert len(failed) == 2, out
    assert failed[0].startswith("✗ 產生含中文的 PDF：找不到字型檔")
    assert failed[1].startswith("✗ 在 Qt 載入中文字型：Qt 無法載入字型")
    assert "有 2 項檢查未通過" in out
    # the other steps still ran and passed
    assert sum(line.startswith("✓ ") for line in out.splitlines()) == len(selftest.STEPS) - 2


def test_pdf_check_rejects_a_font_that_is_not_embedded(tmp_path: Path) -> None:
    """A PDF in reportlab's built-in Helvetica has no /FontFile2: the check must say so."""
    pdf = tmp_path / "plain.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "no embedded font")
    c.showPage()
    c.save()
    with pytest.raises(selftest.StepFailed, match="字型沒有內嵌"):
        selftest.check_pdf_bytes(pdf.read_bytes())


def test_pdf_check_rejects_two_pages(tmp_path: Path) -> None:
    pdf = tmp_path / "two.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    for _ in range(2):
        c.drawString(72, 760, "page")
        c.showPage()
    c.save()
    with pytest.raises(selftest.StepFailed, match="PDF 有 2 頁"):
        selftest.check_pdf_bytes(pdf.read_bytes())


def test_bundle_paths_follow_meipass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Frozen, resources and the Alembic scripts are read from the bundle's folder."""
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
    assert paths.font_path() == tmp_path / "resources" / "fonts" / "NotoSansTC-Regular.ttf"
    assert paths.migrations_dir() == tmp_path / "lxp_desktop" / "store" / "migrations"
    monkeypatch.delattr(sys, "_MEIPASS")
    assert (paths.migrations_dir() / "env.py").is_file()
