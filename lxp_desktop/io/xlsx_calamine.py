"""Reading an .xlsx sheet at Rust speed: python-calamine, for the plain sheets clerks import.

openpyxl's read-only iteration parses the sheet's XML in Python (about 6–12 s for 100,000
rows on the office PCs); calamine does it in Rust in about a tenth of that (issue #20). It
is only used where it tells exactly what openpyxl tells: a sheet whose XML has no formulas
(calamine gives a formula's cached value, openpyxl its text — which the import must see)
and no hidden rows or columns (calamine does not say which rows are hidden). Any other sheet
is read by openpyxl as before, so everything the import checks is seen the same way.

Values come out as openpyxl gives them: ``None`` for an empty cell, an ``int`` for a whole
number (calamine reads every number as a float), a ``datetime`` at midnight for a date
(calamine gives a ``date``), and a row's cells from column A on. A row ends at its last
value and the sheet at its last row with one (openpyxl pads both to the size the sheet
declares, e.g. the empty cells of a merged range); the import reads a missing cell as empty
and ignores empty rows at the end, so it is the same file to it. openpyxl stays for writing
(templates, exports, annotated copies).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# what makes a sheet not plain: a formula (<f>, <f …/>), a hidden row or column
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_HIDDEN = re.compile(rb"\shidden=\"(?:1|true)\"")
_MERGE = re.compile(rb'mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


@dataclass
class PlainSheet:
    """What a plain sheet's XML says besides its cells: its name and merged ranges."""

    title: str
    merged: list[str]


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """(name, state, path in the ZIP) of every sheet, in the workbook's order."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_NS_PKG}Relationship")}
    out = []
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        ref = target.get(sheet.get(f"{_NS_REL}id"), "")
        path = ref.lstrip("/") if ref.startswith("/") else posixpath.normpath(
            posixpath.join("xl", ref))
        out.append((sheet.get("name", ""), sheet.get("state", "visible"), path))
    return out


def plain_sheet(path: Path, sheet: str | None = None) -> PlainSheet | None:
    """The sheet openpyxl would read (``sheet`` if the workbook has it, else the first), if
    it is a plain worksheet that calamine reads exactly as openpyxl does; else None (a
    formula, a hidden row or column, a hidden sheet anywhere in the workbook, a chart sheet,
    anything unexpected in the package)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive)
            if not parts or any(state != "visible" for _n, state, _p in parts):
                return None
            names = [p[0] for p in parts]
            name, _state, part = parts[names.index(sheet)] if sheet in names else parts[0]
            if not part.startswith("xl/worksheets/"):
                return None
            merged: list[str] = []
            tail = b""
            with archive.open(part) as src:
                while chunk := src.read(1 << 20):
                    data = tail + chunk
                    # (a plain substring test first: it is ten times faster than the pattern)
                    if b"<" in data and (b"f>" in data or b"<f " in data or b":f" in data) \
                            and _FORMULA.search(data):
                        return None
                    if b"hidden=" in data and _HIDDEN.search(data):
                        return None
                    if b"mergeCell" in data:
                        merged.extend(m.decode() for m in _MERGE.findall(data))
                    tail = data[-200:]
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, ElementTree.ParseError):
        return None  # openpyxl reads it and says what is wrong, as before
    return PlainSheet(name, list(dict.fromkeys(merged)))


def _cell(value: Any) -> Any:
    if value == "":
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


class CalamineRows:
    """The rows of one plain sheet, from row 1, each a tuple from column A (as openpyxl)."""

    def __init__(self, path: Path, title: str) -> None:
        from python_calamine import CalamineWorkbook

        self._book = CalamineWorkbook.from_path(str(path))
        self._sheet = self._book.get_sheet_by_name(title)
        start, end = self._sheet.start, self._sheet.end
        self.pad = start[1] if start is not None and self._sheet.height else 0
        #: rows the sheet holds from row 1 (0 for an empty sheet)
        self.height = end[0] + 1 if end is not None and self._sheet.height else 0

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        if not self.height:
            return
        lead = (None,) * self.pad
        for row in self._sheet.iter_rows():
            yield lead + tuple(_cell(v) for v in row)

    def close(self) -> None:
        self._book.close()


def read_plain(path: Path, sheet: str | None = None) -> Any:
    """The sheet openpyxl would read (``sheet`` if the workbook has it, else the first) as a
    :class:`~lxp_desktop.io.tabular.Table` read by calamine, or None when it is not plain
    (then openpyxl reads it, as before)."""
    from lxp_desktop.io.tabular import FileProblem, Table, header_text

    found = plain_sheet(path, sheet)
    if found is None:
        return None
    title = found.title
    try:
        rows = CalamineRows(path, title)
    except Exception:  # noqa: BLE001 - calamine refuses it: openpyxl says what is wrong
        return None
    it = iter(rows)
    header = next(it, ())

    def numbered() -> Iterator[tuple[int, tuple[Any, ...]]]:
        try:
            yield from enumerate(it, start=2)
        except (ValueError, OSError) as exc:
            raise FileProblem(f"活頁簿「{path.name}」讀到一半發現損毀（{type(exc).__name__}）；請在 Excel 開啟後另存新檔再匯入。") from None

    return Table(path, "xlsx", title, [header_text(h) for h in header], numbered(), None,
                 found.merged, rows.height - 1 if rows.height else None, rows.close)
