"""The receipt details (收訖明細) that come back from the central database (docs/domain.md §8).

A ZIP, usually password-protected (AES or the old ZipCrypto; ``pyzipper`` reads both), with
JSON files (UTF-8 with a BOM) and ``SHA.txt`` (``filename,sha256`` per line). Every file is
checked against ``SHA.txt`` before anything is read, and the JSON against the layout (format
version, ``io/formats.py``) of the 學年度 its 名冊資訊 names: a malformed file is refused
whole with a message naming the file, the student and the column.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
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


_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def load_json(data: bytes, member: str) -> Any:
    """A JSON document of the receipt, within limits: nesting depth, digits of a number, no
    NaN or Infinity. The depth is measured before parsing (the parser would recurse)."""
    from lxp_desktop.domain.limits import JSON_MAX_DEPTH, JSON_MAX_DIGITS

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReceiptError(f"收訖明細「{member}」不是有效的 UTF-8 文字（第 {exc.start} 位元組）；"
                           "請重新下載。") from exc
    depth = deepest = 0
    for m in _NESTING.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > JSON_MAX_DEPTH:
                    raise ReceiptError(f"收訖明細「{member}」的 JSON 巢狀超過 {JSON_MAX_DEPTH} 層"
                                       "（上限），不是收訖明細的格式；請重新下載。")
        elif c in "]}":
            depth -= 1

    def bad_number(what: str) -> ReceiptError:
        return ReceiptError(f"收訖明細「{member}」含有{what}，不是收訖明細會有的數字；請重新下載。")

    def constant(name: str) -> Any:
        raise bad_number(f"「{name}」")

    def integer(digits: str) -> int:
        if len(digits.lstrip("-")) > JSON_MAX_DIGITS:
            raise bad_number(f"超過 {JSON_MAX_DIGITS} 位數的整數")
        return int(digits)

    def real(digits: str) -> float:
        value = float(digits)
        if math.isinf(value) or len(digits) > 3 * JSON_MAX_DIGITS:
            raise bad_number(f"過大的數字（{digits[:20]}…）")
        return value

    try:
        return json.loads(text, parse_constant=constant, parse_int=integer, parse_float=real)
    except json.JSONDecodeError as exc:
        raise ReceiptError(f"收訖明細「{member}」不是有效的 JSON（第 {exc.lineno} 行：{exc.msg}）；"
                           "請重新下載。") from exc
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise ReceiptError(f"收訖明細「{member}」的 JSON 巢狀太深；請重新下載。") from exc


def _int(value: Any, what: str, filename: str) -> int:
    text = strip_text(cell_to_str(value))
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        raise ReceiptError(f"收訖明細「{filename}」的名冊資訊缺少{what}或不是數字（讀到「{text}」）；"
                           "檔案可能不完整，請重新下載。")
    return int(text)


def _unsafe_name(name: str) -> str | None:
    """Why a member name may not be read (absolute, climbing out, odd characters), or None."""
    import re

    from lxp_desktop.domain.text import INVISIBLE

    if not name or name.startswith(("/", "\\")) or "\\" in name or re.match(r"[A-Za-z]:", name):
        return "是絕對路徑"
    if any(part in ("..", ".") for part in name.rstrip("/").split("/")):
        return "含有「..」（指向壓縮檔以外的位置）"
    if any(ord(ch) < 32 or ch == "\x7f" or ch in INVISIBLE for ch in name):
        return "含有控制字元或看不見的字元"
    return None


def _read_member(zf: Any, info: Any, path: Path, password: str | None) -> bytes:
    """One member's bytes, never more than its directory says (nor than the limit)."""
    import pyzipper

    from lxp_desktop.domain.limits import MB, RECEIPT_MAX_MEMBER_MB

    cap = min(info.file_size, RECEIPT_MAX_MEMBER_MB * MB)
    try:
        with zf.open(info) as src:
            data: bytes = src.read(cap + 1)
    except RuntimeError as exc:
        text = str(exc).lower()
        if "password required" in text or ("encrypted" in text and not password):
            raise ReceiptError(f"「{path.name}」有密碼保護；請輸入學校取得的收訖明細密碼。") from exc
        raise ReceiptError(f"「{path.name}」的密碼不對，無法解開；請核對學校取得的密碼"
                           "（注意大小寫）。") from exc
    except (zipfile.BadZipFile, pyzipper.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ReceiptError(f"「{path.name}」中的「{info.filename}」損壞，無法解開"
                           f"（{exc}）；請重新下載。") from exc
    if len(data) > cap:
        raise ReceiptError(f"「{path.name}」中的「{info.filename}」比壓縮檔目錄所記的大，檔案已損壞"
                           "或被更動；請重新下載收訖明細。")
    return data


def _open_zip(path: Path, password: str | None) -> tuple[dict[str, bytes], str]:
    """The listed members of a receipt ZIP, each checked against ``SHA.txt``.

    Strict, whole-file: before anything is expanded the directory is checked (member count,
    sizes, expansion ratio; names that are absolute, climb out with ``..``, repeat, or carry
    control characters refuse the file); then ``SHA.txt`` is read, and only the members at
    exactly the paths it lists are read and hashed. A member it does not list refuses the
    file too (nothing unverified is ever parsed)."""
    import pyzipper

    from lxp_desktop.domain import limits as L

    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    try:
        zf = pyzipper.AESZipFile(path)
    except (zipfile.BadZipFile, pyzipper.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ReceiptError(f"「{path.name}」不是 ZIP 檔，無法讀取（{exc}）；"
                           "請確認下載的是收訖明細的壓縮檔。") from exc
    fix = "請重新下載收訖明細，不要修改其中的檔案。"
    with zf:
        if password:
            zf.setpassword(password.encode("utf-8"))
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > L.RECEIPT_MAX_MEMBERS:
            raise ReceiptError(f"「{path.name}」內含 {len(infos)} 個檔案，超過上限 "
                               f"{L.RECEIPT_MAX_MEMBERS} 個，不像是收訖明細；{fix}")
        total = sum(i.file_size for i in infos)
        if total > L.RECEIPT_MAX_TOTAL_MB * L.MB:
            raise ReceiptError(f"「{path.name}」解開後共 {L.mb_text(total)}，超過上限 "
                               f"{L.RECEIPT_MAX_TOTAL_MB} MB，不像是收訖明細；{fix}")
        seen: dict[str, str] = {}
        for info in infos:
            name = info.filename
            why = _unsafe_name(name)
            if why:
                raise ReceiptError(f"「{path.name}」中的檔名「{name!r}」{why}，整個檔案不予讀取；{fix}")
            key = name.casefold()
            if key in seen:
                raise ReceiptError(f"「{path.name}」中「{name}」出現兩次，無法確定哪一個是正本，"
                                   f"整個檔案不予讀取；{fix}")
            seen[key] = name
            if info.file_size > L.RECEIPT_MAX_MEMBER_MB * L.MB:
                raise ReceiptError(f"「{path.name}」中的「{name}」解開後 {L.mb_text(info.file_size)}，"
                                   f"超過單一檔案上限 {L.RECEIPT_MAX_MEMBER_MB} MB；{fix}")
            if info.file_size > L.ARCHIVE_RATIO_FROM_MB * L.MB and \
                    info.file_size > L.ARCHIVE_MAX_RATIO * max(info.compress_size, 1):
                raise ReceiptError(
                    f"「{path.name}」中的「{name}」壓縮比 {info.file_size // max(info.compress_size, 1)}"
                    f" 倍，超過上限 {L.ARCHIVE_MAX_RATIO} 倍（可能是惡意的壓縮炸彈）；{fix}")
        shas = [i for i in infos if Path(i.filename).name == SHA_FILE]
        if not shas:
            raise ReceiptError(f"「{path.name}」中沒有 {SHA_FILE}，無法核對檔案是否完整；請重新下載收訖明細。")
        if len(shas) > 1:
            raise ReceiptError(f"「{path.name}」中有 {len(shas)} 個 {SHA_FILE}"
                               f"（{'、'.join(i.filename for i in shas)}），無法確定以哪一個為準；{fix}")
        sha_info = shas[0]
        folder = sha_info.filename[: -len(SHA_FILE)]  # '' or 'top/': paths are relative to it
        listed = _listed(_read_member(zf, sha_info, path, password))
        by_name = {i.filename: i for i in infos}
        for info in infos:
            if info is not sha_info and not (info.filename.startswith(folder) and
                                             info.filename[len(folder):] in listed):
                raise ReceiptError(f"「{info.filename}」不在 {SHA_FILE} 的清單中，無法確認來源，"
                                   f"整個檔案不予讀取；{fix}")
        contents: dict[str, bytes] = {}
        for fname, sha in listed.items():
            member = by_name.get(folder + fname)
            if member is None:
                raise ReceiptError(f"{SHA_FILE} 列出的「{fname}」不在壓縮檔中；請重新下載收訖明細。")
            data = _read_member(zf, member, path, password)
            if hashlib.sha256(data).hexdigest() != sha:
                raise ReceiptError(f"「{fname}」的 SHA-256 與 {SHA_FILE} 不符，檔案可能損壞或被更動；"
                                   "請重新下載收訖明細，不要修改其中的檔案。")
            contents[fname] = data
    return contents, digest.hexdigest()


def _listed(data: bytes) -> dict[str, str]:
    """``SHA.txt``: file name → SHA-256, each name once and safe."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReceiptError(f"{SHA_FILE} 不是 UTF-8 文字檔；請重新下載收訖明細。") from exc
    listed: dict[str, str] = {}
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        fname, sep, sha = line.strip().rpartition(",")
        fname, sha = fname.strip(), sha.strip().lower()
        if not sep or len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            raise ReceiptError(f"{SHA_FILE} 第 {no} 行「{line.strip()[:80]}」格式不對"
                               "（應為「檔名,sha256」）；請重新下載收訖明細。")
        why = _unsafe_name(fname)
        if why:
            raise ReceiptError(f"{SHA_FILE} 第 {no} 行的檔名「{fname!r}」{why}；請重新下載收訖明細。")
        if fname in listed:
            raise ReceiptError(f"{SHA_FILE} 第 {no} 行的「{fname}」重複列出；請重新下載收訖明細。")
        if fname == SHA_FILE:
            raise ReceiptError(f"{SHA_FILE} 不可列出自己（第 {no} 行）；請重新下載收訖明細。")
        listed[fname] = sha
    return listed


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
                part.rows.append(ReceivedRow(
                    nid, birth, sheet_name,
                    {c: strip_text(cell_to_str(row.get(c))) for c in sheet.columns},
                    _count(row.get("檔案數"))))


def _count(value: Any) -> int | None:
    """檔案數 as a count, or None when it is not a whole number of files."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= 10_000 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and 0 <= value <= 10_000 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 5:
        return int(value)
    return None


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
    parts = []
    for member, data in sorted(contents.items()):
        if not member.lower().endswith(".json"):
            raise ReceiptError(f"收訖明細中的「{member}」不是 JSON 檔；請確認下載的是收訖明細。")
        kind = _kind_of(member, kinds)
        if kind is None:
            raise ReceiptError(f"無法從檔名「{member}」判斷種類；檔名應含"
                               f"「{'、'.join(kinds)}」之一。")
        doc = load_json(data, member)
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
