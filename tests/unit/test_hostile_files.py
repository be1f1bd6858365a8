"""Issue #15: bombs under a memory limit, strict receipts, attachments judged by parsing,
backups that tell the truth, notices all or nothing, private file modes, reports that never
overwrite."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lxp_desktop.cli import main
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.io.receipts import ReceiptError, read_receipt
from lxp_desktop.store.models import Attachment
from tests import hostile_makers as hm
from tests.receipt_maker import receipt_name, write_zip
from tests.xlsx_makers import ROSTER

#: the address space a bomb's import runs in: Python, SQLAlchemy and openpyxl fit in it, a
#: bomb held in memory (1.1 GB expanded) does not
LIMIT_MB = 900
BOMB_MB = 1100


def _students(data_dir: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(data_dir / "lxp.sqlite3")
    try:
        return int(conn.execute("SELECT count(*) FROM student").fetchone()[0])
    finally:
        conn.close()


# --- item 2: bombs --------------------------------------------------------------------------------
@pytest.mark.parametrize("make, expected", [
    (lambda d: hm.shared_strings_bomb(d, ROSTER, BOMB_MB), "超過上限"),
    (lambda d: hm.huge_cell_bomb(d, ROSTER, BOMB_MB), "超過上限"),
    (lambda d: hm.long_cell_book(d, ROSTER), "超過 32767 個字元"),
    (lambda d: hm.missing_shared_string(d, ROSTER), "損毀"),
])
def test_workbook_bombs_are_refused_within_a_memory_limit(make, expected, workspace, school,
                                                          data_dir, tmp_path):
    workspace.close()
    path = make(tmp_path)
    assert path.stat().st_size < 8 * 1024 * 1024  # small on disk
    before = _students(data_dir)
    done = hm.run_limited(["import", "roster", str(path)], LIMIT_MB)
    assert done.returncode == 1, done.stderr[-2000:]
    assert expected in done.stderr and "Traceback" not in done.stderr
    assert _students(data_dir) == before


def test_a_receipt_zip_bomb_is_refused_before_it_is_expanded(workspace, school, data_dir,
                                                              tmp_path):
    workspace.close()
    path = hm.zip_bomb_receipt(tmp_path, BOMB_MB)
    done = hm.run_limited(["receipts", "import", str(path), "--term", "113-2"], LIMIT_MB)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "超過上限" in done.stderr and "Traceback" not in done.stderr


def test_a_huge_csv_is_streamed_not_read_whole(workspace, school, data_dir, tmp_path):
    workspace.close()
    path = hm.huge_csv(tmp_path, ROSTER, mb=300)
    # 300 MB of blank rows: read line by line in a 900 MB address space (whole, it would not
    # fit twice: bytes and text); blank rows are skipped, so nothing is imported
    done = hm.run_limited(["import", "roster", str(path), "--dry-run"], LIMIT_MB)
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert done.returncode == 0, done.stderr[-2000:]
    assert "資料列 0 列" in done.stdout


def test_a_csv_line_longer_than_any_row_is_refused(workspace, school, tmp_path):
    from lxp_desktop.io.tabular import FileProblem
    from lxp_desktop.services.imports import run_import

    path = tmp_path / "one-line.csv"
    path.write_bytes(",".join(ROSTER).encode() + b"\n" + b"x" * (5 * 1024 * 1024))
    with pytest.raises(FileProblem, match="第 2 行超過 4 MB"):
        run_import(workspace, "roster", path)


# --- item 5: receipts ---------------------------------------------------------------------------------
def _doc() -> dict:
    return {"名冊資訊": {"學年度": "113", "學期": "2"}, "修課紀錄": []}


def _zip(path: Path, members: dict[str, bytes], sha: dict[str, bytes] | None = None) -> Path:
    listed = sha if sha is not None else members
    lines = "".join(f"{n},{hashlib.sha256(b).hexdigest()}\n" for n, b in listed.items())
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr("SHA.txt", lines)
    return path


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the duplicate member is the point
def test_receipt_members_are_read_only_at_their_exact_listed_path(tmp_path):
    name = receipt_name(113, 2, "修課紀錄")
    data = json.dumps(_doc(), ensure_ascii=False).encode()
    ok = _zip(tmp_path / "ok.zip", {name: data})
    assert [p.filename for p in read_receipt(ok).parts] == [name]
    cases = {
        "unlisted": ({name: data, "x/" + name: data}, {name: data}, "不在 SHA.txt 的清單中"),
        "traversal": ({"../" + name: data}, None, "含有「..」"),
        "absolute": ({"/" + name: data}, None, "是絕對路徑"),
        "bidi": ({"\u202e" + name: data}, None, "控制字元或看不見的字元"),
    }
    for label, (members, sha, message) in cases.items():
        with pytest.raises(ReceiptError, match=message):
            read_receipt(_zip(tmp_path / f"{label}.zip", members, sha))
    dup = tmp_path / "dup.zip"
    with zipfile.ZipFile(dup, "w") as zf:
        zf.writestr(name, data)
        zf.writestr(name, data)
        zf.writestr("SHA.txt", f"{name},{hashlib.sha256(data).hexdigest()}\n")
    with pytest.raises(ReceiptError, match="出現兩次"):
        read_receipt(dup)


@pytest.mark.parametrize("text, message", [
    ("[" * 200_000 + "]" * 200_000, "巢狀超過 32 層"),
    ('{"名冊資訊": {"學年度": "114²", "學期": "2"}, "修課紀錄": []}', "不是數字"),
    ('{"名冊資訊": {"學年度": 1' + "0" * 5000 + ', "學期": "2"}, "修課紀錄": []}', "超過 18 位數"),
    ('{"名冊資訊": {"學年度": "113", "學期": "2"}, "修課紀錄": [], "x": NaN}', "「NaN」"),
    ('{"名冊資訊": {"學年度": "113", "學期": "2"}, "修課紀錄": [], "x": Infinity}', "「Infinity」"),
])
def test_receipt_json_past_its_limits_is_refused(text, message, tmp_path):
    name = receipt_name(113, 2, "修課紀錄")
    path = _zip(tmp_path / "r.zip", {name: text.encode()})
    with pytest.raises(ReceiptError, match=message):
        read_receipt(path)


def test_a_receipt_as_the_central_database_sends_it_still_reads(tmp_path):
    path = write_zip(tmp_path / "r.zip", {receipt_name(113, 2, "修課紀錄"): _doc()},
                     password="pw")
    assert len(read_receipt(path, "pw").parts) == 1


# --- item 5: attachments ----------------------------------------------------------------------------
def _attach(workspace, school, data: bytes, name: str):
    from lxp_desktop.services import attachments
    from lxp_desktop.services.portfolio import performances

    with workspace.write() as (s, a):
        perf = performances.create(s, a, {
            "student_no": "113001", "school_year": "113", "kind": "服務學習紀錄",
            "title": "淨灘", "start_date": "113/09/01", "end_date": "113/09/01",
            "hours": "2", "summary": "參加淨灘"})
        return attachments.attach(s, a, "performance", perf.id, data, name)


@pytest.mark.parametrize("make, message", [
    (hm.pdf_with_javascript, "JavaScript"),
    (hm.pdf_with_launch, "開啟外部程式的動作"),
    (hm.pdf_with_embedded_file, "內嵌檔案"),
    (hm.pdf_zip_polyglot, "其他資料"),
    (hm.jpeg_then_html, "無法完整解碼"),
])
def test_active_or_polyglot_attachments_are_refused(make, message, workspace, school):
    with pytest.raises(ValidationFailed, match=message):
        _attach(workspace, school, make(), "證明.pdf")
    with workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0
    from lxp_desktop import paths

    assert not [p for p in paths.blobs_dir().rglob("*") if p.is_file()]  # nothing kept


def test_good_files_attach_and_names_lose_bidi_and_control_characters(workspace, school):
    from tests.files import pdf_bytes

    att = _attach(workspace, school, hm.real_jpeg(), "photo\u202egpj.exe\x07")
    assert att.filename == "photogpj.exe_"
    att2 = _attach(workspace, school, pdf_bytes(), "報告\u200b.pdf")
    assert att2.filename == "報告.pdf"


# --- item 6: backups ------------------------------------------------------------------------------------
def test_a_damaged_attachment_is_listed_and_the_backup_still_restores(workspace, school,
                                                                       data_dir, tmp_path,
                                                                       capsys):
    from lxp_desktop import paths
    from tests.files import pdf_bytes

    good = _attach(workspace, school, pdf_bytes("good"), "good.pdf")
    bad = _attach(workspace, school, pdf_bytes("bad"), "bad.pdf")
    workspace.close()
    damaged = paths.blobs_dir() / bad.sha256[:2] / bad.sha256
    damaged.chmod(0o600)
    damaged.write_bytes(b"changed on disk")
    out = tmp_path / "b.zip"
    assert main(["backup", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"附件 {bad.sha256[:12]}…：內容已被更動" in err
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = zf.namelist()
    assert manifest["damaged"] == [{"sha256": bad.sha256, "problem": "altered"}]
    assert f"attachments/{good.sha256[:2]}/{good.sha256}" in names
    assert not any(bad.sha256 in n for n in names)
    # a later backup is still restorable, and the good file comes back
    assert main(["restore", str(out), "--yes"]) == 0
    assert (paths.blobs_dir() / good.sha256[:2] / good.sha256).is_file()


# --- item 7: notices all or nothing, reports never overwrite ------------------------------------------
def test_notices_to_a_folder_or_unwritable_place_record_nothing(workspace, school, data_dir, tmp_path,
                                                                capsys):
    from tests.notice_makers import departed_school

    departed_school(workspace)
    workspace.close()
    (tmp_path / "folder.pdf").mkdir()
    assert main(["notices", "--term", "113-2", "--out", str(tmp_path / "folder.pdf")]) == 2
    assert "是資料夾" in capsys.readouterr().err
    import sqlite3

    conn = sqlite3.connect(data_dir / "lxp.sqlite3")
    try:
        assert conn.execute("SELECT count(*) FROM notice").fetchone()[0] == 0
    finally:
        conn.close()


def test_an_import_report_never_overwrites(workspace, school, data_dir, tmp_path, capsys):
    from tests.xlsx_makers import roster_row, write_book

    workspace.close()
    path = write_book(tmp_path / "roster.xlsx", ROSTER, [roster_row("113050", "A1", "甲")])
    mine = tmp_path / "roster_匯入報告.txt"
    mine.write_text("我自己的筆記", "utf-8")
    assert main(["import", "roster", str(path)]) == 1
    assert mine.read_text("utf-8") == "我自己的筆記"
    second = tmp_path / "roster_匯入報告 (2).txt"
    assert second.is_file() and str(second) in capsys.readouterr().out


# --- item 8: private files -----------------------------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows keeps data in the profile")
def test_private_files_are_the_users_alone(tmp_path):
    data = tmp_path / "fresh-data"
    env = {"LXP_DATA_DIR": str(data)}
    out = tmp_path / "backup.zip"
    done = hm.run_limited(["backup", "--out", str(out)], 2048, env)
    assert done.returncode == 0, done.stderr
    from tests.xlsx_makers import roster_row, write_book

    book = write_book(tmp_path / "r.xlsx", ROSTER, [roster_row("1", "A1", "甲")])
    assert hm.run_limited(["import", "roster", str(book)], 2048, env).returncode == 1
    report = tmp_path / "r_匯入報告.txt"
    exported = tmp_path / "export.xlsx"
    assert hm.run_limited(["export", "roster", str(exported)], 2048, env).returncode == 0

    def mode(p: Path) -> int:
        return stat.S_IMODE(p.stat().st_mode)

    for folder in (data, data / "attachments", data / "backups"):
        assert mode(folder) == 0o700, folder
    for f in (data / "lxp.sqlite3", out, report, exported):
        assert mode(f) & 0o077 == 0, (f, oct(mode(f)))
    # an existing open data folder is tightened when the app starts
    data.chmod(0o755)
    hm.run_limited(["info"], 2048, env)
    assert mode(data) == 0o700


def test_an_export_to_a_folder_is_a_usage_error_not_a_traceback(workspace, school, tmp_path,
                                                                capsys):
    workspace.close()
    (tmp_path / "out.xlsx").mkdir()
    assert main(["export", "roster", str(tmp_path / "out.xlsx")]) == 2
    assert "是一個資料夾" in capsys.readouterr().err
    (tmp_path / "b.zip").mkdir()
    assert main(["backup", "--out", str(tmp_path / "b.zip")]) == 1
    assert "無法讀寫檔案" in capsys.readouterr().err
