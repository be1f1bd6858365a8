"""A small maker of real receipt-details ZIPs (收訖明細, docs/domain.md §8) for tests.

``from_package`` reads an exported package's rosters back with openpyxl (so the package's
layout is what the receipt answers) and turns one kind into the JSON of the central
database; ``write_zip`` packs JSON parts (UTF-8 with a BOM) and ``SHA.txt`` into a ZIP,
AES-encrypted with pyzipper when a password is given.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyzipper
from openpyxl import load_workbook

from lxp_desktop.io.rosters import BY_KIND, KEY_COLUMNS, MANIFEST


def from_package(folder: Path, kind: str, roster: Any = None) -> dict[str, Any]:
    """The receipt JSON of ``kind`` for everything in the package folder (``roster``: the
    layout of the package's format version; the shipped one when not given)."""
    roster = roster or BY_KIND[kind]
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    entry = next(e for e in manifest["名冊"] if e["名冊名稱"] == roster.name)
    wb = load_workbook(folder / entry["檔案"], read_only=True)
    students: dict[str, dict[str, Any]] = {}
    for sheet in roster.sheets:
        if sheet.name not in wb.sheetnames:
            continue
        rows = list(wb[sheet.name].iter_rows(values_only=True))
        headers = list(rows[0])
        assert tuple(headers) == sheet.headers
        for row in rows[1:]:
            values = dict(zip(headers, ["" if v is None else str(v) for v in row], strict=True))
            person = students.setdefault(values["身分證號"], {
                "身分證號": values["身分證號"], "出生日期": values["出生日期"]})
            person.setdefault(sheet.name, []).append(
                {c: values[c] for c in sheet.columns})
    wb.close()
    info = {"學校代碼": manifest["學校代碼"], "學年度": manifest["學年度"],
            "學期": entry["學期"], "名冊別": roster.code}
    return {"名冊資訊": info, kind: list(students.values())}


def drop_row(doc: dict[str, Any], kind: str, national_id: str, sheet: str,
             index: int = 0) -> dict[str, Any]:
    for person in doc[kind]:
        if person["身分證號"] == national_id:
            del person[sheet][index]
    return doc


def change_value(doc: dict[str, Any], kind: str, national_id: str, sheet: str, column: str,
                 value: str, index: int = 0) -> dict[str, Any]:
    for person in doc[kind]:
        if person["身分證號"] == national_id:
            person[sheet][index][column] = value
    return doc


def write_zip(path: Path, parts: dict[str, dict[str, Any]], password: str | None = None,
              *, bom: bool = True, sha_override: dict[str, str] | None = None) -> Path:
    """``parts``: file name → JSON document. Returns ``path``."""
    blobs = {}
    for name, doc in parts.items():
        data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
        blobs[name] = (b"\xef\xbb\xbf" if bom else b"") + data
    sha_lines = [f"{n},{(sha_override or {}).get(n) or hashlib.sha256(b).hexdigest()}"
                 for n, b in blobs.items()]
    blobs["SHA.txt"] = ("\n".join(sha_lines) + "\n").encode("utf-8")
    if password:
        zf = pyzipper.AESZipFile(path, "w", compression=pyzipper.ZIP_DEFLATED,
                                 encryption=pyzipper.WZ_AES)
        zf.setpassword(password.encode("utf-8"))
    else:
        zf = pyzipper.AESZipFile(path, "w", compression=pyzipper.ZIP_DEFLATED)
    with zf:
        for name, data in blobs.items():
            zf.writestr(name, data)
    return path


def receipt_name(school_year: int, semester: int, kind: str) -> str:
    return f"{school_year}_{semester}_{kind}_收訖明細.json"


__all__ = ["from_package", "drop_row", "change_value", "write_zip", "receipt_name",
           "KEY_COLUMNS"]
