"""Real .xlsx and .csv files for the import tests, written with openpyxl."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

from lxp_desktop.services.imports import KINDS

ROSTER = KINDS["roster"].headers
ENROL = KINDS["enrolments"].headers


def write_book(path: Path, header: Sequence[Any], rows: Sequence[Sequence[Any]],
               sheet: str = "資料", merge: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]],
              encoding: str = "utf-8") -> Path:
    lines = [",".join(header)] + [",".join("" if v is None else str(v) for v in r) for r in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def roster_row(no: str, nid: str, name: str, **over: Any) -> list[Any]:
    base = {"學號": no, "身分證統一編號": nid, "姓名": name, "性別": "男",
            "出生日期": "097/05/12", "班級": "101", "座號": 3, "學籍狀態": "在學",
            "學籍異動日期": None, "郵遞區號": "40756", "通訊地址": "臺中市西屯區福星路123號",
            "監護人": "王大明", "聯絡電話": "04-23456789", "電子郵件": None,
            "特殊身分別": None, "入學方式": None}
    base.update(over)
    return [base[h] for h in ROSTER]


def enrol_row(no: str, code: str, score: Any = 80, **over: Any) -> list[Any]:
    base = {"學號": no, "學年度": 113, "學期": 1, "課程代碼": code, "科目名稱": "",
            "修課學分": 4, "學期學業成績": score, "成績及格": None, "補考成績": None,
            "補考及格": None, "是否採計學分": "是", "修課別": None, "質性文字描述": None}
    base.update(over)
    return [base[h] for h in ENROL]
