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
    #: sheets the file hides (hidden or very hidden): not read, named in the report
    hidden_sheets: list[str] = field(default_factory=list)
    #: rows of the sheet that Excel hides (row numbers): the import refuses them
    hidden_rows: list[int] = field(default_factory=list)

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


def _lines(fh: Any, name: str) -> Iterator[tuple[int, bytes]]:
    """The physical lines of a binary file, numbered from 1, none longer than the limit."""
    from lxp_desktop.domain.limits import CSV_MAX_LINE_BYTES, mb_text

    number = 0
    while line := fh.readline(CSV_MAX_LINE_BYTES + 1):
        number += 1
        if len(line) > CSV_MAX_LINE_BYTES:
            raise FileProblem(f"CSV 檔「{name}」第 {number} 行超過 {mb_text(CSV_MAX_LINE_BYTES)}"
                              f"（每行上限 {mb_text(CSV_MAX_LINE_BYTES)}），不像是名單；請確認"
                              "檔案是否正確，或在 Excel 開啟後另存為 CSV。")
        yield number, line


def csv_encoding(path: Path) -> str:
    """The one encoding every line of a CSV file is valid in, read line by line (memory stays
    flat whatever the size). The first line with non-ASCII bytes decides: UTF-8 if it is valid
    UTF-8, else Big5 (cp950); every later line must then be valid in that same encoding (a Big5
    file with UTF-8 lines pasted in is refused, naming the first such line)."""
    name = path.name
    with path.open("rb") as fh:
        if fh.read(3) == codecs.BOM_UTF8:
            encoding: str | None = ENC_UTF8_BOM
        else:
            fh.seek(0)
            encoding = None
        decided_at = 0
        for number, line in _lines(fh, name):
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
                utf8 = True
            except UnicodeDecodeError:
                utf8 = False
            if encoding is None:
                if utf8:
                    encoding = ENC_UTF8
                else:
                    try:
                        line.decode("cp950")
                    except UnicodeDecodeError:
                        raise FileProblem(
                            f"CSV 檔「{name}」第 {number} 行的文字編碼無法辨識（不是 UTF-8，也不是 "
                            "Big5／cp950）；請在 Excel 另存為「CSV UTF-8（逗號分隔）」後再匯入。"
                        ) from None
                    encoding = ENC_BIG5
                decided_at = number
                continue
            if encoding in (ENC_UTF8, ENC_UTF8_BOM) and not utf8:
                raise FileProblem(
                    f"CSV 檔「{name}」混用了兩種文字編碼：第 {decided_at or 1} 行起是 UTF-8，"
                    f"第 {number} 行卻不是（可能是 Big5）；整個檔案必須是同一種編碼，請在 Excel "
                    "開啟後另存為「CSV UTF-8（逗號分隔）」再匯入。")
            if encoding == ENC_BIG5:
                try:
                    line.decode("cp950")
                    big5 = not utf8
                except UnicodeDecodeError:
                    big5 = False
                if not big5:
                    raise FileProblem(
                        f"CSV 檔「{name}」混用了兩種文字編碼：第 {decided_at} 行起是 Big5，第 "
                        f"{number} 行卻是{'UTF-8' if utf8 else '無法辨識的編碼'}；整個檔案必須是"
                        "同一種編碼，請在 Excel 開啟後另存為「CSV UTF-8（逗號分隔）」再匯入。")
    return encoding or ENC_UTF8


_CODEC = {ENC_UTF8: "utf-8", ENC_UTF8_BOM: "utf-8-sig", ENC_BIG5: "cp950"}


def _read_csv(path: Path) -> Table:
    from lxp_desktop.domain.limits import CELL_MAX_CHARS

    encoding = csv_encoding(path)
    with path.open("r", encoding=_CODEC[encoding], errors="strict", newline="") as head:
        first = head.readline()
    fh = path.open("r", encoding=_CODEC[encoding], errors="strict", newline="")
    delimiter = max((",", "\t", ";"), key=first.count)
    csv.field_size_limit(CELL_MAX_CHARS)
    reader = csv.reader(fh, delimiter=delimiter)

    def too_long(exc: csv.Error) -> FileProblem | None:
        if "field larger than field limit" in str(exc):
            return FileProblem(f"CSV 檔「{path.name}」第 {reader.line_num} 行有一格超過 "
                               f"{CELL_MAX_CHARS} 個字元（Excel 每格的上限）；請檢查檔案是否"
                               "正確（例如引號沒有成對），修正後再匯入。")
        return None

    try:
        header = next(reader)
    except StopIteration:
        fh.close()
        raise FileProblem(f"檔案「{path.name}」沒有任何資料列；第 1 列應為欄位標題。") from None
    except csv.Error as exc:
        fh.close()
        raise too_long(exc) or FileProblem(f"CSV 檔「{path.name}」格式錯誤：{exc}；請在 Excel 開啟後另存為 CSV。") from None

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        try:
            for i, values in enumerate(reader, start=2):
                yield i, tuple(v if v != "" else None for v in values)
        except csv.Error as exc:
            raise too_long(exc) or FileProblem(f"CSV 檔「{path.name}」第 {reader.line_num} 列格式錯誤：{exc}；請檢查引號是否成對。") from None
        except UnicodeDecodeError as exc:  # the file changed after it was checked
            raise FileProblem(f"CSV 檔「{path.name}」讀到一半文字編碼改變（{exc.reason}）；請確認檔案沒有被其他程式修改，再匯入一次。") from None

    return Table(path, "csv", path.stem, [header_text(h) for h in header], rows(), encoding,
                 _close=fh.close)


def check_archive(path: Path) -> None:
    """Refuse a workbook whose ZIP would ask too much once expanded — before anything in it is
    read: too many members, too big in total or in one member (the shared strings above all,
    held in memory), or expanding far more than any real workbook (a "ZIP bomb")."""
    from lxp_desktop.domain import limits as L

    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileProblem(f"活頁簿「{name}」已損毀或不是 Excel 活頁簿，無法開啟（{type(exc).__name__}）；請在 Excel 開啟後另存新檔再匯入。") from None
    fix = "這不像是一般的名單活頁簿；請確認檔案來源，或在 Excel 開啟後只複製需要的資料到新活頁簿再匯入。"
    if len(infos) > L.XLSX_MAX_MEMBERS:
        raise FileProblem(f"活頁簿「{name}」內含 {len(infos)} 個檔案，超過上限 {L.XLSX_MAX_MEMBERS} 個；{fix}")
    total = sum(i.file_size for i in infos)
    if total > L.XLSX_MAX_TOTAL_MB * L.MB:
        raise FileProblem(f"活頁簿「{name}」解開後共 {L.mb_text(total)}，超過上限 {L.XLSX_MAX_TOTAL_MB} MB；{fix}")
    for info in infos:
        member = info.filename
        if info.file_size > L.XLSX_MAX_MEMBER_MB * L.MB:
            raise FileProblem(f"活頁簿「{name}」中的「{member}」解開後 {L.mb_text(info.file_size)}，超過單一檔案上限 {L.XLSX_MAX_MEMBER_MB} MB；{fix}")
        if member.lower().endswith("sharedstrings.xml") and \
                info.file_size > L.XLSX_MAX_SHARED_STRINGS_MB * L.MB:
            raise FileProblem(f"活頁簿「{name}」的共用字串表解開後 {L.mb_text(info.file_size)}，超過上限 {L.XLSX_MAX_SHARED_STRINGS_MB} MB；{fix}")
        if info.file_size > L.ARCHIVE_RATIO_FROM_MB * L.MB and \
                info.file_size > L.ARCHIVE_MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise FileProblem(f"活頁簿「{name}」中的「{member}」壓縮比 {ratio} 倍，超過上限 {L.ARCHIVE_MAX_RATIO} 倍（可能是惡意的壓縮炸彈）；{fix}")


_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')


@dataclass
class SheetScan:
    merged: list[str] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    #: True when a run of text in the XML is longer than any cell may be
    overlong: bool = False


def _long_text(limit: int) -> re.Pattern[bytes]:
    return re.compile(rb"[^<]{%d}" % limit)


def scan_xml(archive: Any, member: str) -> SheetScan:
    """Merged ranges, hidden rows and over-long text of one XML part, streamed (read-only
    mode has no API for the first two, and the third must be known before a parser holds it).

    Bytes, not characters, are counted for the length: a cell of 32,767 CJK characters is
    about 98 KB of UTF-8, so a run above 4 bytes × the limit is certainly too long."""
    from lxp_desktop.domain.limits import CELL_MAX_CHARS

    limit = 4 * CELL_MAX_CHARS
    long_run = _long_text(limit)
    scan = SheetScan()
    hidden: dict[int, None] = {}
    tail = b""
    run = 0  # length of the text run at the end of the previous chunk
    with archive.open(member) as src:
        while chunk := src.read(1 << 20):
            lt = chunk.rfind(b"<")
            head_run = chunk.find(b"<")
            if run + (len(chunk) if head_run < 0 else head_run) >= limit or long_run.search(chunk):
                scan.overlong = True
                return scan
            run = run + len(chunk) if lt < 0 else len(chunk) - lt - 1
            data = tail + chunk
            if b"mergeCell" in data:
                scan.merged.extend(m.decode() for m in _MERGE.findall(data))
            if b"hidden" in data:
                for m in _ROW_TAG.finditer(data):
                    tag = m.group()
                    if _HIDDEN.search(tag) and (n := _ROW_NUMBER.search(tag)):
                        hidden[int(n[1])] = None
            tail = data[-1024:]
            # a match in the overlap is found twice; kept once
    scan.merged = list(dict.fromkeys(scan.merged))
    scan.hidden_rows = sorted(hidden)
    return scan


def merged_ranges(ws: Any) -> list[str]:
    """Merged ranges of a read-only sheet, found in its XML (read-only mode has no API)."""
    return scan_xml(ws.parent._archive, ws._worksheet_path).merged


def _too_long_cell(name: str, where: str) -> FileProblem:
    from lxp_desktop.domain.limits import CELL_MAX_CHARS

    return FileProblem(f"活頁簿「{name}」的{where}有一格超過 {CELL_MAX_CHARS} 個字元（Excel 每格的上限），不像是名單；請確認檔案來源，或在 Excel 開啟後另存新檔再匯入。")


def _read_xlsx(path: Path, sheet: str | None = None) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_archive(path)
    try:
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                if member.lower().endswith("sharedstrings.xml") and \
                        scan_xml(zf, member).overlong:
                    raise _too_long_cell(path.name, "共用字串表")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise FileProblem(f"活頁簿「{path.name}」已損毀，無法讀取（{type(exc).__name__}）；請在 Excel 開啟後另存新檔再匯入。") from None
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, InvalidFileException, OSError, ValueError,
            TypeError, AttributeError, IndexError, EOFError) as exc:
        raise FileProblem(f"活頁簿「{path.name}」已損毀或不是 Excel 活頁簿，無法開啟（{type(exc).__name__}）；請在 Excel 開啟後另存新檔再匯入。") from None
    except Exception as exc:  # noqa: BLE001 - any other damage inside the ZIP (XML errors…)
        raise FileProblem(f"活頁簿「{path.name}」已損毀或不是 Excel 活頁簿，無法開啟（{type(exc).__name__}）；請在 Excel 開啟後另存新檔再匯入。") from None
    try:
        # what the clerk sees: hidden and very hidden sheets are never read
        visible = [w for w in wb.worksheets if getattr(w, "sheet_state", "visible") == "visible"]
        hidden_sheets = [w.title for w in wb.worksheets if w not in visible]
        if not visible:
            raise FileProblem(f"活頁簿「{path.name}」沒有看得見的工作表（{'、'.join(hidden_sheets)} 都被隱藏）；請在 Excel 取消隱藏要匯入的工作表，另存後再匯入。")
        ws = next((w for w in visible if w.title == sheet), visible[0]) if sheet else visible[0]
        if not hasattr(ws, "_worksheet_path"):
            raise FileProblem(f"活頁簿「{path.name}」的第一個工作表「{ws.title}」是圖表，不是資料表；請把資料放在第一個工作表。")
        scan = scan_xml(wb._archive, ws._worksheet_path)
        if scan.overlong:
            raise _too_long_cell(path.name, f"工作表「{ws.title}」")
        merged = scan.merged
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
        except (zipfile.BadZipFile, OSError, ValueError, KeyError, IndexError, TypeError,
                EOFError) as exc:
            # IndexError: a cell that refers to a shared string the file does not have
            raise FileProblem(f"活頁簿「{path.name}」讀到一半發現損毀（{type(exc).__name__}）；請在 Excel 開啟後另存新檔再匯入。") from None

    return Table(path, "xlsx", ws.title, [header_text(h) for h in header], rows(), None,
                 merged, total, wb.close, hidden_sheets, scan.hidden_rows)


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


def _die_with_parent() -> None:
    """End this reading child as soon as the process that started it is gone (killed, crashed):
    a child left behind would keep the workbook open and a core busy. A thread waits on the
    parent's sentinel (a pipe on POSIX, a process handle on Windows); on Linux the kernel is
    also asked to kill the child with its parent."""
    import multiprocessing
    import os
    import sys
    import threading

    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no libc: the thread does it
            pass
    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - not started by multiprocessing
        return

    def watch() -> None:
        parent.join()
        os._exit(3)

    threading.Thread(target=watch, name="lxp-parent-watch", daemon=True).start()


def _xlsx_worker(path: str, sheet: str | None, out: Any) -> None:
    """The reading child: ``("head", sheet, header, merged, total, hidden sheets, hidden
    rows)``, then ``("rows", [(number, values), …])`` chunks and ``("end",)``; or
    ``("problem", message)`` when the file is bad."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    _die_with_parent()

    # this process only reads one workbook: skip openpyxl's extra pass (same result)
    ReadOnlyWorksheet._get_size = _size_before_data
    try:
        table = _read_xlsx(Path(path), sheet)
    except FileProblem as exc:
        out.put(("problem", str(exc)))
        return
    try:
        out.put(("head", table.sheet, table.header, table.merged, table.total_rows,
                 table.hidden_sheets, table.hidden_rows))
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
    _head, title, header, merged, total, hidden_sheets, hidden_rows = first

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        while True:
            msg = receive()
            if msg[0] == "rows":
                yield from msg[1]
            elif msg[0] == "end":
                return
            else:
                raise FileProblem(msg[1])

    return Table(path, "xlsx", title, header, rows(), None, merged, total, stop, hidden_sheets,
                 hidden_rows)


# ------------------------------------------------------------------------------- writing


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row as written into any .xlsx/.csv we make: text that a spreadsheet would read as a
    formula gets the OWASP apostrophe (``domain.text.neutralize_formula``); numbers, dates
    and plain text are unchanged. Every writer of the app passes its rows through here."""
    from lxp_desktop.domain.text import neutralize_formula

    return [neutralize_formula(v) for v in values]


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
        ws.append(safe_row(values))
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

    from lxp_desktop.domain.text import neutralize_formula

    red = PatternFill("solid", fgColor="FFC7CE")
    bold = Font(bold=True)
    wb = openpyxl.Workbook(write_only=True)
    with open_table(source, sheet) as table:
        ws = wb.create_sheet(table.sheet[:31] or "資料")
        ws.freeze_panes = "A2"
        width = len(table.header)
        head = []
        for h in [*table.header, "錯誤說明"]:
            cell = WriteOnlyCell(ws, value=neutralize_formula(h))
            cell.font = bold
            head.append(cell)
        ws.append(head)
        marked = 0
        for number, values in table.rows:
            row_problems = problems.get(number)
            if not row_problems:
                ws.append(safe_row(values) + [None] * (width - len(values)))
                continue
            marked += 1
            cells: list[Any] = []
            for i in range(max(width, len(values))):
                value = values[i] if i < len(values) else None
                value = neutralize_formula(value)  # keep the formula's text, not a live formula
                cell = WriteOnlyCell(ws, value=value)
                if i in row_problems:
                    cell.fill = red
                    cell.comment = Comment(row_problems[i], "LXP Desktop", 120, 320)
                cells.append(cell)
            note = WriteOnlyCell(ws, value=neutralize_formula("；".join(row_problems.values())))
            note.fill = red
            cells.append(note)
            ws.append(cells)
    out = Path(out)
    wb.save(out)
    return marked
