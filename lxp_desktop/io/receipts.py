"""The receipt details (收訖明細) that come back from the central database (DOMAIN.md §8).

A ZIP, usually password-protected (AES or the old ZipCrypto; ``pyzipper`` reads both), with
JSON files (UTF-8 with a BOM) and ``SHA.txt`` (``filename,sha256`` per line). Every file is
checked against ``SHA.txt`` before anything is read, and the JSON against the layout (format
version, ``io/formats.py``) of the 學年度 its 名冊資訊 names: a malformed file is refused
whole with a message naming the file, the student and the column.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxp_desktop.domain.text import cell_to_str, strip_text
from lxp_desktop.io import formats as io_formats
from lxp_desktop.io.formats import Format, FormatError
from lxp_desktop.io.rosters import KEY_COLUMNS, Roster

SHA_FILE = "SHA.txt"
#: extra columns a received row may carry beyond the roster's (not compared)
OPTIONAL_COLUMNS = ("檔案數",)


class ReceiptError(Exception):
    """A receipt file that cannot be used; the message is for the clerk."""


@dataclass(frozen=True)
class ReceivedRow:
    national_id: str
    birth_date: str
    sheet: str
    values: dict[str, str]
    file_count: int | None


@dataclass
class ReceiptPart:
    """One JSON file: its kind (修課紀錄, 課程學習成果, 多元表現, 校內幹部經歷) and rows."""

    filename: str
    kind: str
    roster: Roster
    info: dict[str, Any]
    school_year: int
    semester: int
    rows: list[ReceivedRow] = field(default_factory=list)
    #: every student of the file (身分證號, 出生日期), also those with no rows
    people: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ReceiptDetails:
    filename: str
    sha256: str
    parts: list[ReceiptPart]


def _kind_of(name: str, kinds: Sequence[str]) -> str | None:
    found = [k for k in kinds if k in Path(name).stem]
    # '校內幹部經歷' contains no other kind; prefer the longest match when several appear
    return max(found, key=len) if found else None


def _int(value: Any, what: str, filename: str) -> int:
    text = strip_text(cell_to_str(value))
    if not text.isdigit():
        raise ReceiptError(f"收訖明細「{filename}」的名冊資訊缺少{what}或不是數字（讀到「{text}」）；"
                           "檔案可能不完整，請重新下載。")
    return int(text)


def _open_zip(path: Path, password: str | None) -> tuple[dict[str, bytes], str]:
    import pyzipper

    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    try:
        zf = pyzipper.AESZipFile(path)
    except (zipfile.BadZipFile, pyzipper.BadZipFile, OSError) as exc:
        raise ReceiptError(f"「{path.name}」不是 ZIP 檔，無法讀取（{exc}）；"
                           "請確認下載的是收訖明細的壓縮檔。") from exc
    contents: dict[str, bytes] = {}
    with zf:
        if password:
            zf.setpassword(password.encode("utf-8"))
        for info in zf.infolist():
            if info.is_dir():
                continue
            try:
                contents[info.filename] = zf.read(info.filename)
            except RuntimeError as exc:
                text = str(exc).lower()
                if "password required" in text or ("encrypted" in text and not password):
                    raise ReceiptError(f"「{path.name}」有密碼保護；請輸入學校取得的收訖明細密碼。") from exc
                raise ReceiptError(f"「{path.name}」的密碼不對，無法解開；請核對學校取得的密碼"
                                   "（注意大小寫）。") from exc
            except (zipfile.BadZipFile, pyzipper.BadZipFile, ValueError, OSError) as exc:
                raise ReceiptError(f"「{path.name}」中的「{info.filename}」損壞，無法解開"
                                   f"（{exc}）；請重新下載。") from exc
    return contents, digest


def _check_sha(name: str, contents: dict[str, bytes]) -> None:
    sha_name = next((n for n in contents if Path(n).name == SHA_FILE), None)
    if sha_name is None:
        raise ReceiptError(f"「{name}」中沒有 {SHA_FILE}，無法核對檔案是否完整；請重新下載收訖明細。")
    listed: dict[str, str] = {}
    for no, line in enumerate(contents[sha_name].decode("utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        fname, sep, sha = line.strip().rpartition(",")
        if not sep or len(sha.strip()) != 64:
            raise ReceiptError(f"{SHA_FILE} 第 {no} 行「{line.strip()}」格式不對"
                               "（應為「檔名,sha256」）；請重新下載收訖明細。")
        listed[fname.strip()] = sha.strip().lower()
    by_base = {Path(n).name: n for n in contents if n != sha_name}
    for fname, sha in listed.items():
        member = fname if fname in contents else by_base.get(Path(fname).name)
        if member is None:
            raise ReceiptError(f"{SHA_FILE} 列出的「{fname}」不在壓縮檔中；請重新下載收訖明細。")
        if hashlib.sha256(contents[member]).hexdigest() != sha:
            raise ReceiptError(f"「{fname}」的 SHA-256 與 {SHA_FILE} 不符，檔案可能損壞或被更動；"
                               "請重新下載收訖明細，不要修改其中的檔案。")
    listed_bases = {Path(f).name for f in listed}
    for member in contents:
        if member != sha_name and Path(member).name not in listed_bases:
            raise ReceiptError(f"「{member}」不在 {SHA_FILE} 的清單中，無法確認來源；請重新下載收訖明細。")


def _rows(part: ReceiptPart, payload: Any, extra: Sequence[str] = OPTIONAL_COLUMNS) -> None:
    fname, roster = part.filename, part.roster
    keys = roster.sheets[0].key_columns if roster.sheets else KEY_COLUMNS
    if not isinstance(payload, list):
        raise ReceiptError(f"收訖明細「{fname}」的「{part.kind}」應為學生清單；檔案格式不對。")
    for n, entry in enumerate(payload, 1):
        if not isinstance(entry, dict):
            raise ReceiptError(f"收訖明細「{fname}」第 {n} 位學生的資料格式不對。")
        missing = [k for k in keys if not strip_text(cell_to_str(entry.get(k)))]
        if missing:
            raise ReceiptError(f"收訖明細「{fname}」第 {n} 位學生缺少欄位「{'、'.join(missing)}」。")
        nid = strip_text(cell_to_str(entry[keys[0]])).upper()
        birth = strip_text(cell_to_str(entry[keys[1]])) if len(keys) > 1 else ""
        part.people.append((nid, birth))
        for sheet_name, rows in entry.items():
            if sheet_name in keys:
                continue
            sheet = roster.sheet(sheet_name)
            if sheet is None:
                raise ReceiptError(
                    f"收訖明細「{fname}」學生 {nid} 有不認得的工作表「{sheet_name}」；"
                    f"{roster.name} 的工作表為：{'、'.join(s.name for s in roster.sheets)}。")
            if not isinstance(rows, list):
                raise ReceiptError(f"收訖明細「{fname}」學生 {nid} 的「{sheet_name}」應為清單。")
            for r, row in enumerate(rows, 1):
                if not isinstance(row, dict):
                    raise ReceiptError(f"收訖明細「{fname}」學生 {nid}「{sheet_name}」第 {r} 筆格式不對。")
                lacking = [c for c in sheet.columns if c not in row]
                unknown = [c for c in row if c not in sheet.columns and c not in keys
                           and c not in extra]
                if lacking or unknown:
                    parts = []
                    if lacking:
                        parts.append(f"缺少欄位「{'、'.join(lacking)}」")
                    if unknown:
                        parts.append(f"有不認得的欄位「{'、'.join(unknown)}」")
                    raise ReceiptError(
                        f"收訖明細「{fname}」學生 {nid}「{sheet_name}」第 {r} 筆"
                        f"{'，'.join(parts)}；欄位應為：{'、'.join(sheet.columns)}。"
                        "請確認下載的是本系統支援的收訖明細格式。")
                count = row.get("檔案數")
                part.rows.append(ReceivedRow(
                    nid, birth, sheet_name,
                    {c: strip_text(cell_to_str(row.get(c))) for c in sheet.columns},
                    int(count) if isinstance(count, int | float) or
                    (isinstance(count, str) and count.isdigit()) else None))


def read_receipt(path: Path, password: str | None = None,
                 formats: Sequence[Format] | None = None) -> ReceiptDetails:
    """Open, verify and parse a receipt-details ZIP; raise ReceiptError when it is unusable.
    Each file is read with the layout (format version) of the 學年度 its 名冊資訊 names."""
    if formats is None:
        formats = io_formats.builtin()
    kinds = sorted({k for f in formats for k in f.by_kind})
    path = Path(path)
    if not path.is_file():
        raise ReceiptError(f"找不到檔案「{path}」。")
    contents, digest = _open_zip(path, password)
    _check_sha(path.name, contents)
    parts = []
    for member, data in sorted(contents.items()):
        if Path(member).name == SHA_FILE:
            continue
        if not member.lower().endswith(".json"):
            raise ReceiptError(f"收訖明細中的「{member}」不是 JSON 檔；請確認下載的是收訖明細。")
        kind = _kind_of(member, kinds)
        if kind is None:
            raise ReceiptError(f"無法從檔名「{member}」判斷種類；檔名應含"
                               f"「{'、'.join(kinds)}」之一。")
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReceiptError(f"收訖明細「{member}」不是有效的 UTF-8 JSON（{exc}）；請重新下載。") from exc
        info_key = next((f.receipt_info_key for f in reversed(formats)
                         if isinstance(doc, dict) and f.receipt_info_key in doc), "名冊資訊")
        if not isinstance(doc, dict) or not isinstance(doc.get(info_key), dict) \
                or kind not in doc:
            raise ReceiptError(f"收訖明細「{member}」缺少「{info_key}」或「{kind}」；檔案格式不對。")
        info = doc[info_key]
        year = _int(info.get("學年度"), "學年度", member)
        try:
            fmt = io_formats.choose(formats, year)
        except FormatError as exc:
            raise ReceiptError(f"收訖明細「{member}」：{exc}") from None
        roster = fmt.by_kind.get(kind)
        if roster is None:
            raise ReceiptError(f"收訖明細「{member}」的種類「{kind}」不在 {year} 學年度適用的"
                               f"名冊格式（{fmt.version}）中。")
        part = ReceiptPart(member, kind, roster, info, year,
                           _int(info.get("學期"), "學期", member))
        _rows(part, doc[kind], fmt.receipt_extra_columns)
        parts.append(part)
    if not parts:
        raise ReceiptError(f"「{path.name}」中沒有收訖明細（JSON）檔案。")
    return ReceiptDetails(path.name, digest, parts)
