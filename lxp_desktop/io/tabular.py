"""Reading and writing the clerks' tables: .xlsx (openpyxl) and .csv in UTF-8, UTF-8 with BOM
or Big5 (cp950).

What a file *is* is decided by its bytes, not its name: a 0-byte file, a CSV renamed to .xlsx,
an old .xls, a password-protected (encrypted) workbook and a damaged ZIP each get a message
in Traditional Chinese saying what to do. The encoding of a CSV is detected, never guessed
silently: the table says which one was used.

Reading is streamed (openpyxl ``read_only``), writing too (``write_only``), so 100,000 rows
keep memory flat.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_MERGE = re.compile(rb'mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')

ENC_UTF8 = "UTF-8"
ENC_UTF8_BOM = "UTF-8（含 BOM）"
ENC_BIG5 = "Big5（cp950）"


class FileProblem(Exception):
    """The file cannot be read at all; the message (Chinese) says why and what to do."""


@dataclass
class Table:
    """One sheet of a file: its header and a stream of ``(row number, values)``."""

    path: Path
    fmt: str  # "xlsx" or "csv"
    sheet: str
    header: list[str]
    rows: Iterator[tuple[int, tuple[Any, ...]]]
    encoding: str | None = None  # CSV only: which encoding was used
    merged: list[str] = field(default_factory=list)
    total_rows: int | None = None  # data rows as the file declares them (xlsx), if known
    _close: Callable[[], None] | None = None

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def header_text(value: object) -> str:
    """A header cell as text: stripped, inner whitespace removed, full-width to half-width."""
    from lxp_desktop.domain.text import cell_to_str, strip_text, to_halfwidth

    return re.sub(r"\s+", "", strip_text(to_halfwidth(cell_to_str(value))))


def sniff(path: Path) -> str:
    """'xlsx' or 'csv' from the bytes (and the name for text); raise FileProblem otherwise."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise FileProblem(f"找不到檔案「{path}」；請確認路徑與檔名。") from None
    except OSError as exc:
        raise FileProblem(f"無法讀取檔案「{name}」：{exc.strerror or exc}。請確認檔案沒有被其他程式開啟。") from None
    if size == 0:
        raise FileProblem(f"檔案「{name}」是空的（0 位元組），沒有任何資料；請重新匯出或另存檔案後再匯入。")
    suffix = path.suffix.lower()
    if head.startswith(_OLE2):
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise FileProblem(f"活頁簿「{name}」有密碼保護（已加密），無法讀取；請在 Excel 開啟後移除密碼（檔案 → 資訊 → 保護活頁簿），另存新檔再匯入。")
        raise FileProblem(f"檔案「{name}」是舊版 Excel 97-2003（.xls）格式；請在 Excel 開啟後「另存新檔」為 Excel 活頁簿（.xlsx）再匯入。")
    if head.startswith(_ZIP):
        return "xlsx"
    if suffix in (".xlsx", ".xlsm", ".xls"):
        raise FileProblem(f"檔案「{name}」的副檔名是 {suffix}，但內容不是 Excel 活頁簿（看起來是文字檔，例如改了副檔名的 CSV）；若是 CSV，請把副檔名改為 .csv 再匯入，或在 Excel 開啟後另存為 .xlsx。")
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    raise FileProblem(f"無法辨識檔案「{name}」的格式；請匯入 Excel 活頁簿（.xlsx）或 CSV 檔（.csv）。")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding used: UTF-8 with BOM, UTF-8, or Big5 (cp950)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), ENC_UTF8_BOM
    try:
        return data.decode("utf-8", errors="strict"), ENC_UTF8
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp950", errors="strict"), ENC_BIG5
    except UnicodeDecodeError as exc:
        raise FileProblem(f"CSV 檔「{name}」的文字編碼無法辨識（不是 UTF-8，也不是 Big5／cp950，第 {exc.start} 位元組起無法解讀）；請在 Excel 另存為「CSV UTF-8（逗號分隔）」後再匯入。") from None


def _read_csv(path: Path) -> Table:
    text, encoding = decode_text(path.read_bytes(), path.name)
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise FileProblem(f"檔案「{path.name}」沒有任何資料列；第 1 列應為欄位標題。") from None
    except csv.Error as exc:
        raise FileProblem(f"CSV 檔「{path.name}」格式錯誤：{exc}；請在 Excel 開啟後另存為 CSV。") from None

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        try:
            for i, values in enumerate(reader, start=2):
                yield i, tuple(v if v != "" else None for v in values)
        except csv.Error as exc:
            raise FileProblem(f"CSV 檔「{path.name}」第 {reader.line_num} 列格式錯誤：{exc}；請檢查引號是否成對。") from None

    return Table(path, "csv", path.stem, [header_text(h) for h in header], rows(), encoding)


def merged_ranges(ws: Any) -> list[str]:
    """Merged ranges of a read-only sheet, found in its XML (read-only mode has no API)."""
    found: list[str] = []
    tail = b""
    with ws.parent._archive.open(ws._worksheet_path) as src:
        while chunk := src.read(1 << 20):
            data = tail + chunk
            if b"mergeCell" in data:
                found.extend(m.decode() for m in _MERGE.findall(data))
            tail = data[-200:]
            # a match in the overlap is found twice; keep each once below
    return list(dict.fromkeys(found))


def _read_xlsx(path: Path, sheet: str | None = None) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, InvalidFileException, OSError, ValueError,
            TypeError, AttributeError) as exc:
        raise FileProblem(f"活頁簿「{path.name}」已損毀或不是 Excel 活頁簿，無法開啟（{type(exc).__name__}）；請在 Excel 開啟後另存新檔再匯入。") from None
    try:
        if sheet and sheet in wb.sheetnames:
            ws = wb[sheet]
        else:
            ws = wb.worksheets[0]
        if not hasattr(ws, "_worksheet_path"):
            raise FileProblem(f"活頁簿「{path.name}」的第一個工作表「{ws.title}」是圖表，不是資料表；請把資料放在第一個工作表。")
        merged = merged_ranges(ws)
        total = (ws.max_row - 1) if ws.max_row else None
        it = ws.iter_rows(values_only=True)
        try:
            header = next(it)
        except StopIteration:
            header = ()
    except FileProblem:
        wb.close()
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged part inside the ZIP
        wb.close()
        raise FileProblem(f"活頁簿「{path.name}」已損毀，無法讀取（{type(exc).__name__}）；請在 Excel 開啟後另存新檔再匯入。") from None

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        try:
            yield from enumerate(it, start=2)
        except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
            raise FileProblem(f"活頁簿「{path.name}」讀到一半發現損毀（{type(exc).__name__}）；請在 Excel 開啟後另存新檔再匯入。") from None

    return Table(path, "xlsx", ws.title, [header_text(h) for h in header], rows(), None,
                 merged, total, wb.close)


#: an .xlsx at least this big is read in a child process when the caller asks for it
BACKGROUND_MIN_BYTES = 256 * 1024
_CHUNK = 500  # rows per message from the reading child
_PROBLEM_CHILD = "讀取活頁簿「{name}」的背景程序意外結束，沒有讀完；請再匯入一次，若仍失敗請在 Excel 開啟後另存新檔再匯入。"


def open_table(path: Path | str, sheet: str | None = None, *,
               background: bool = False) -> Table:
    """Open the first sheet (or ``sheet``) of an .xlsx or .csv file for reading.

    With ``background=True`` a large .xlsx is parsed in a child process that streams its rows
    in chunks, so that reading (openpyxl, CPU-bound) runs beside the caller's work on another
    core. The table is the same either way; closing it stops the child."""
    path = Path(path)
    fmt = sniff(path)
    if fmt == "csv":
        return _read_csv(path)
    if background and path.stat().st_size >= BACKGROUND_MIN_BYTES:
        return _read_xlsx_background(path, sheet)
    return _read_xlsx(path, sheet)


def _size_before_data(ws: Any) -> None:
    """openpyxl's ``ReadOnlyWorksheet._get_size``, stopping where the sheet's rows start.

    openpyxl looks for ``<dimension>`` in *end* events, so for a sheet without one (every
    file openpyxl writes in write-only mode: our exports, templates) it parses all the rows
    once more only to find nothing: the end of ``<sheetData>`` stops it and the size is
    unknown. Looking at *start* events gives the same answer — a ``<dimension>`` before the
    rows, else unknown — without that extra pass."""
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.functions import iterparse

    src = ws._get_source()
    try:
        for _event, element in iterparse(src, events=("start",)):
            if element.tag == DIMENSION_TAG:
                (ws._min_column, ws._min_row, ws._max_column,
                 ws._max_row) = SheetDimension.from_tree(element).boundaries
                return
            if element.tag == DATA_TAG:
                return
    finally:
        src.close()


def _xlsx_worker(path: str, sheet: str | None, out: Any) -> None:
    """The reading child: ``("head", sheet, header, merged, total)``, then ``("rows", [(number,
    values), …])`` chunks and ``("end",)``; or ``("problem", message)`` when the file is bad."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    # this process only reads one workbook: skip openpyxl's extra pass (same result)
    ReadOnlyWorksheet._get_size = _size_before_data
    try:
        table = _read_xlsx(Path(path), sheet)
    except FileProblem as exc:
        out.put(("problem", str(exc)))
        return
    try:
        out.put(("head", table.sheet, table.header, table.merged, table.total_rows))
        chunk: list[tuple[int, tuple[Any, ...]]] = []
        for item in table.rows:
            chunk.append(item)
            if len(chunk) >= _CHUNK:
                out.put(("rows", chunk))
                chunk = []
        if chunk:
            out.put(("rows", chunk))
        out.put(("end",))
    except FileProblem as exc:
        out.put(("problem", str(exc)))
    finally:
        table.close()


def _read_xlsx_background(path: Path, sheet: str | None) -> Table:
    import multiprocessing
    import queue

    ctx = multiprocessing.get_context("spawn")  # never fork a process that holds Qt/SQLite
    chunks: Any = ctx.Queue(maxsize=32)  # a bound: the child never runs far ahead (memory)
    proc = ctx.Process(target=_xlsx_worker, args=(str(path), sheet, chunks),
                       name="lxp-xlsx-reader", daemon=True)
    proc.start()

    def stop() -> None:
        if proc.is_alive():
            proc.terminate()
        proc.join(10)
        chunks.close()
        chunks.cancel_join_thread()

    def receive() -> tuple[Any, ...]:
        while True:
            try:
                return chunks.get(timeout=0.5)  # type: ignore[no-any-return]
            except queue.Empty:
                if not proc.is_alive():
                    try:  # what it sent just before ending
                        return chunks.get(timeout=0.5)  # type: ignore[no-any-return]
                    except queue.Empty:
                        raise FileProblem(_PROBLEM_CHILD.format(name=path.name)) from None

    try:
        first = receive()
        if first[0] == "problem":
            raise FileProblem(first[1])
    except BaseException:
        stop()
        raise
    _head, title, header, merged, total = first

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        while True:
            msg = receive()
            if msg[0] == "rows":
                yield from msg[1]
            elif msg[0] == "end":
                return
            else:
                raise FileProblem(msg[1])

    return Table(path, "xlsx", title, header, rows(), None, merged, total, stop)


# ------------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class OutColumn:
    label: str
    width: float = 12
    text: bool = False  # keep as text (IDs, 學號, codes): never a number


def _widths(ws: Any, columns: Sequence[OutColumn]) -> None:
    from openpyxl.utils import get_column_letter

    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width


def write_xlsx(path: Path | str, sheet: str, columns: Sequence[OutColumn],
               rows: Iterable[Sequence[Any]], progress: Callable[[int], None] | None = None,
               every: int = 2000) -> int:
    """Stream ``rows`` into a one-sheet workbook: bold frozen header, column widths, text
    columns written as text. Returns the number of data rows written."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    path = Path(path)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.freeze_panes = "A2"
    _widths(ws, columns)
    bold = Font(bold=True)
    head = []
    for col in columns:
        cell = WriteOnlyCell(ws, value=col.label)
        cell.font = bold
        head.append(cell)
    ws.append(head)
    text_cols = [i for i, c in enumerate(columns) if c.text]
    n = 0
    for row in rows:
        values = list(row)
        for i in text_cols:
            v = values[i]
            if v is not None and not isinstance(v, str):
                values[i] = str(v)
        ws.append(values)
        n += 1
        if progress is not None and n % every == 0:
            progress(n)
    tmp = path.with_name(path.name + ".part")
    try:
        wb.save(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return n


def write_annotated(source: Path | str, out: Path | str,
                    problems: dict[int, dict[int | None, str]],
                    sheet: str | None = None) -> int:
    """A copy of ``source`` (as .xlsx) with each bad cell filled red and commented, and an
    「錯誤說明」 column with the row's messages. ``problems`` maps row number → column index
    (0-based; ``None`` for the whole row) → message. Returns the rows marked."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    red = PatternFill("solid", fgColor="FFC7CE")
    bold = Font(bold=True)
    wb = openpyxl.Workbook(write_only=True)
    with open_table(source, sheet) as table:
        ws = wb.create_sheet(table.sheet[:31] or "資料")
        ws.freeze_panes = "A2"
        width = len(table.header)
        head = []
        for h in [*table.header, "錯誤說明"]:
            cell = WriteOnlyCell(ws, value=h)
            cell.font = bold
            head.append(cell)
        ws.append(head)
        marked = 0
        for number, values in table.rows:
            row_problems = problems.get(number)
            if not row_problems:
                ws.append(list(values) + [None] * (width - len(values)))
                continue
            marked += 1
            cells: list[Any] = []
            for i in range(max(width, len(values))):
                value = values[i] if i < len(values) else None
                if isinstance(value, str) and value.startswith("="):
                    value = "'" + value  # keep the formula's text, not a live formula
                cell = WriteOnlyCell(ws, value=value)
                if i in row_problems:
                    cell.fill = red
                    cell.comment = Comment(row_problems[i], "LXP Desktop", 120, 320)
                cells.append(cell)
            note = WriteOnlyCell(ws, value="；".join(row_problems.values()))
            note.fill = red
            cells.append(note)
            ws.append(cells)
    out = Path(out)
    wb.save(out)
    return marked
