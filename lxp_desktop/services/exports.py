"""Exporting a tab's filtered view to .xlsx, in the layout the import reads back unchanged.

The rows are those the tab shows (``RecordService.stream`` with the tab's ``ListQuery``: the
same filter and sort in SQL), streamed into a write-only workbook: a bold frozen header,
column widths, ROC dates as the tab shows them, IDs and codes as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxp_desktop.domain.ids import mask_id
from lxp_desktop.domain.roc import Term, format_roc
from lxp_desktop.io.tabular import OutColumn, write_xlsx
from lxp_desktop.services import scope
from lxp_desktop.services.base import ListQuery, show
from lxp_desktop.services.imports import KINDS
from lxp_desktop.services.registry import BY_KEY
from lxp_desktop.store.models import (
    CadreRecord,
    Course,
    Enrolment,
    Performance,
    SchoolClass,
    Staff,
    Student,
)

Progress = Callable[[int, int, str], None]

#: tab (registry key) → the import kind whose layout its export uses
IMPORT_KIND_OF_TAB = {"students": "roster", "courses": "courses", "enrolments": "enrolments",
                      "cadres": "cadres", "performances": "performances"}
TAB_OF_KIND = {v: k for k, v in IMPORT_KIND_OF_TAB.items()}


def _roc(value: Any) -> Any:
    return format_roc(value) if value is not None else None


def _yes_no(value: Any) -> Any:
    return None if value is None else ("是" if value else "否")


def _plain(value: Any) -> Any:
    return value


def _in_out(value: Any) -> Any:
    return None if value is None else ("校內" if value else "校外")


_S = Student
#: import kind → (expression, how the value is written) per column of the kind, in order
_EXPRS: dict[str, list[tuple[Any, Callable[[Any], Any]]]] = {
    "roster": [(_S.student_no, _plain), (_S.national_id, _plain), (_S.name, _plain),
               (_S.gender, _plain), (_S.birth_date, _roc), (SchoolClass.code, _plain),
               (_S.seat_no, _plain), (_S.status, _plain), (_S.status_date, _roc),
               (_S.postal_code, _plain), (_S.address, _plain), (_S.guardian, _plain),
               (_S.phone, _plain), (_S.email, _plain), (_S.special_status, _plain),
               (_S.admission_method, _plain)],
    "courses": [(Course.code, _plain), (Course.name, _plain), (Course.credits, _plain),
                (Course.grade, _plain), (Course.school_year, _plain),
                (Course.semester, _plain), (Staff.username, _plain)],
    "enrolments": [(_S.student_no, _plain), (Enrolment.school_year, _plain),
                   (Enrolment.semester, _plain), (Course.code, _plain), (Course.name, _plain),
                   (Enrolment.credits, _plain), (Enrolment.score, _plain),
                   (Enrolment.passed, _yes_no), (Enrolment.makeup_score, _plain),
                   (Enrolment.makeup_passed, _yes_no), (Enrolment.credit_counted, _yes_no),
                   (Enrolment.kind, _plain), (Enrolment.remark, _plain)],
    "cadres": [(_S.student_no, _plain), (CadreRecord.school_year, _plain),
               (CadreRecord.semester, _plain), (CadreRecord.unit_name, _plain),
               (CadreRecord.position, _plain), (CadreRecord.level, _plain),
               (CadreRecord.start_date, _roc), (CadreRecord.end_date, _roc)],
    "performances": [(_S.student_no, _plain), (Performance.school_year, _plain),
                     (Performance.kind, _plain), (Performance.title, _plain),
                     (Performance.organiser, _plain), (Performance.level, _plain),
                     (Performance.start_date, _roc), (Performance.end_date, _roc),
                     (Performance.hours, _plain), (Performance.result, _plain),
                     (Performance.summary, _plain), (Performance.external_link, _plain),
                     (Performance.in_school, _in_out), (Performance.item, _plain),
                     (Performance.participation, _plain)],
}


@dataclass
class ExportResult:
    path: Path
    rows: int
    reimportable: bool


def default_name(tab: str, query: ListQuery) -> str:
    label = BY_KEY[tab].label
    if query.school_year is not None and query.semester is not None:
        return f"{label}_{Term(query.school_year, query.semester).code}.xlsx"
    if query.school_year is not None:
        return f"{label}_{query.school_year}.xlsx"
    return f"{label}.xlsx"


def layout(tab: str) -> tuple[list[OutColumn], list[Any], list[Callable[[Any], Any]]]:
    """Columns, SQL expressions and value writers of a tab's export."""
    kind_key = IMPORT_KIND_OF_TAB.get(tab)
    if kind_key is not None:
        kind = KINDS[kind_key]
        pairs = _EXPRS[kind_key]
        cols = [OutColumn(c.header, c.width, c.text) for c in kind.columns]
        return cols, [e for e, _ in pairs], [f for _, f in pairs]
    # a tab with no import layout: its own columns, as it shows them
    service = BY_KEY[tab].service
    columns = service.columns()
    cols = [OutColumn(c.label, max(6.0, c.width / 7), c.kind in ("id", "text")) for c in columns]
    writers = [(lambda kind: (lambda v: show(v, kind) if kind in ("date", "bool") else v))(c.kind)
               for c in columns]
    return cols, [c.expr for c in columns], writers


def _id_columns(tab: str) -> set[int]:
    """The positions of 身分證統一編號 in a tab's export."""
    kind_key = IMPORT_KIND_OF_TAB.get(tab)
    if kind_key is not None:
        return {i for i, c in enumerate(KINDS[kind_key].columns) if c.field == "national_id"}
    return {i for i, c in enumerate(BY_KEY[tab].service.columns()) if c.kind == "id"}


def _masking(write: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: mask_id(v) if isinstance(v, str) and v else write(v)


def export_view(workspace: Any, tab: str, query: ListQuery, out: Path | str,
                progress: Progress | None = None) -> ExportResult:
    """Write the rows of ``tab`` that ``query`` selects to ``out`` (.xlsx)."""
    category = BY_KEY[tab]
    service = category.service
    cols, exprs, writers = layout(tab)
    viewer = query.viewer
    if viewer is not None:
        scope.require(viewer, f"read:{service.table}")  # no reading, no export
    if viewer is not None and not scope.sees_full_ids(viewer):
        # masked in the file as on the screen (only the roles that need them see them whole)
        writers = [_masking(w) if i in _id_columns(tab) else w for i, w in enumerate(writers)]
    out = Path(out)
    with workspace.read() as session:
        total = service.count(session, query)

        def rows() -> Iterator[Sequence[Any]]:
            for row in service.stream(session, query, exprs):
                yield [w(v) for w, v in zip(writers, row, strict=True)]

        def tick(n: int) -> None:
            if progress is not None:
                progress(n, total, f"已匯出 {n} / {total} 筆")

        sheet = KINDS[IMPORT_KIND_OF_TAB[tab]].label if tab in IMPORT_KIND_OF_TAB else category.label
        n = write_xlsx(out, sheet, cols, rows(), tick)
    if progress is not None:
        progress(n, n, "匯出完成")
    return ExportResult(out, n, tab in IMPORT_KIND_OF_TAB)


def write_template(kind_key: str, out: Path | str) -> Path:
    """The template a clerk fills in: the kind's headers on the first sheet (bold, frozen,
    text columns formatted as text) and a 「說明」 sheet saying what each column takes."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    kind = KINDS[kind_key]
    out = Path(out)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = kind.label
    ws.freeze_panes = "A2"
    for i, col in enumerate(kind.columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.header)
        cell.font = Font(bold=True)
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = col.width
        if col.text:
            for r in range(2, 202):  # typed IDs and codes stay text (no lost leading zeros)
                ws.cell(row=r, column=i).number_format = "@"
    notes = wb.create_sheet("說明")
    notes.append(["欄位", "必填", "說明"])
    for c in notes[1]:
        c.font = Font(bold=True)
    for col in kind.columns:
        notes.append([col.header, "是" if col.required else "", _HINTS.get(col.header, "")])
    notes.append([])
    notes.append(["資料從第 2 列開始，一列一筆；中間不可有空白列、合併儲存格或公式。"])
    notes.append(["日期可填民國 113/09/01、1130901、民國113年9月1日，或西元日期、Excel 日期。"])
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["C"].width = 70
    wb.save(out)
    return out


_HINTS = {
    "學號": "1 到 12 個英文字母或數字",
    "身分證統一編號": "例如 A123456789（含居留證統一證號）",
    "性別": "1 男、2 女（也可填「男」「女」）",
    "出生日期": "例如 097/05/12",
    "學籍狀態": "在學、休學、復學、轉入、轉出、退學、畢業、延修（空白為在學）",
    "學籍異動日期": "學籍狀態不是「在學」時必填",
    "郵遞區號": "3、5 或 6 碼，須與地址的鄉鎮市區相符",
    "課程代碼": "23 碼課程代碼，第 4–9 碼為本校代碼",
    "學年度": "民國年，例如 113",
    "學期": "1 或 2",
    "學期學業成績": "0–100；-1 表示無成績",
    "成績及格": "是／否；空白時依成績判定（60 分及格）",
    "是否採計學分": "是／否；空白為是",
    "修課別": "空白為原修",
    "幹部等級": "1 校級、2 班級、3 社團、4 實習、5 校外自治組織、9 其他",
    "類別": "多元表現類別，例如 競賽參與紀錄、服務學習紀錄",
    "內容簡述": "必填，最多 100 字",
    "時數": "-1 表示無",
    "外部連結": "http:// 或 https:// 開頭的網址",
    "任課教師": "教職員帳號或姓名",
    "科目名稱": "",
}
