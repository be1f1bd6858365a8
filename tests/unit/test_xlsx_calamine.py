"""The Rust reader (python-calamine) gives exactly what openpyxl's read-only iteration gives
for the plain sheets it is used on, and declines the sheets where it could not (formulas,
hidden rows or columns), so the import sees every file as before (issue #20)."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from lxp_desktop.io.tabular import _read_xlsx
from lxp_desktop.io.xlsx_calamine import CalamineRows, plain_sheet
from tests.xlsx_makers import ENROL, enrol_row, write_book


def _trim(rows: list[tuple]) -> list[tuple]:
    """Rows without the empty cells at their ends and without the empty rows at the end of
    the sheet: openpyxl pads to the sheet's declared size (a merged range's empty cells
    count), calamine stops at the last value; the import reads a missing cell as empty and
    ignores empty rows at the end, so both are the same file to it."""
    out = []
    for row in rows:
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        out.append(tuple(values))
    while out and not out[-1]:
        out.pop()
    return out


def _openpyxl_rows(path: Path, title: str) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return _trim(list(wb[title].iter_rows(values_only=True)))
    finally:
        wb.close()


def _calamine_rows(path: Path, title: str) -> list[tuple]:
    rows = CalamineRows(path, title)
    try:
        found = list(rows)
        assert rows.height == len(found)
        return _trim(found)
    finally:
        rows.close()


def _mixed(path: Path) -> Path:
    """Dates, date-times, times, whole and fractional numbers, numbers as text, booleans,
    blanks and spaces, an empty row, a merged range, rare characters."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名單"
    ws.append(["學號", "出生日期", "成績", "座號", "及格", "時間", "備註"])
    ws.append(["113001", date(2008, 5, 12), 88, "007", True, time(14, 30), "王𪚥明"])
    ws.append([113002, datetime(2008, 5, 12, 10, 0), 88.5, 7, False, None, " 前後空白 "])
    ws.append([])
    ws.append([None, "097/05/12", 1e20, -3, None, None, "＃全形"])
    ws.append([None, date(1900, 3, 1), 0.1 + 0.2, 2**40, None, None, ""])
    ws.merge_cells("G6:G7")
    wb.create_sheet("第二頁").append(["x", 1])
    wb.save(path)
    return path


def test_a_plain_sheet_reads_the_same_as_openpyxl(tmp_path: Path) -> None:
    path = _mixed(tmp_path / "mixed.xlsx")
    found = plain_sheet(path)
    assert found is not None and found.title == "名單" and found.merged == ["G6:G7"]
    assert _calamine_rows(path, "名單") == _openpyxl_rows(path, "名單")
    other = plain_sheet(path, "第二頁")
    assert other is not None and other.title == "第二頁"
    assert _calamine_rows(path, "第二頁") == _openpyxl_rows(path, "第二頁")


def test_an_import_file_reads_the_same_as_openpyxl(tmp_path: Path) -> None:
    path = write_book(tmp_path / "e.xlsx", ENROL,
                      [enrol_row(f"1130{i:02d}", "113-1-A", score=60 + i) for i in range(50)],
                      merge="A60:B60")
    assert plain_sheet(path) is not None
    assert _calamine_rows(path, "資料") == _openpyxl_rows(path, "資料")
    table = _read_xlsx(path)
    try:
        assert _trim([tuple(r) for _n, r in table.rows]) == _openpyxl_rows(path, "資料")[1:]
    finally:
        table.close()


def test_data_that_starts_away_from_a1_keeps_its_rows_and_columns(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C3"], ws["D5"] = "學號", 5
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    assert _calamine_rows(path, ws.title) == _openpyxl_rows(path, ws.title)


def test_an_empty_sheet_has_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    assert _calamine_rows(path, "Sheet") == [] == _openpyxl_rows(path, "Sheet")


@pytest.mark.parametrize("what", ["formula", "shared formula", "hidden row", "hidden column",
                                  "hidden sheet"])
def test_sheets_calamine_cannot_read_as_openpyxl_are_left_to_openpyxl(
        tmp_path: Path, what: str) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["學號", "成績"])
    ws.append(["113001", 80])
    if what == "formula":
        ws["B3"] = "=B2+1"  # calamine would give the cached value, openpyxl the formula
    elif what == "shared formula":
        ws["B3"] = "=B2+1"
        wb.save(tmp_path / "x.xlsx")
        _share_formula(tmp_path / "x.xlsx")
        assert plain_sheet(tmp_path / "x.xlsx") is None
        return
    elif what == "hidden sheet":
        wb.create_sheet("隱藏").sheet_state = "hidden"  # openpyxl decides what to do with it
    elif what == "hidden row":
        ws.row_dimensions[2].hidden = True
    else:
        ws.column_dimensions["B"].hidden = True
    path = tmp_path / "x.xlsx"
    wb.save(path)
    assert plain_sheet(path) is None


def _share_formula(path: Path) -> None:
    """Rewrite the sheet's formula as Excel writes a shared one's dependent: ``<f …/>``."""
    import zipfile

    src = zipfile.ZipFile(path)
    parts = {n: src.read(n) for n in src.namelist()}
    src.close()
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"<f>B2+1</f>", b'<f t="shared" si="0"/>')
    assert b'<f t="shared"' in parts[sheet]
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)


def test_a_file_that_is_not_a_workbook_is_left_to_openpyxl(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert plain_sheet(path) is None
