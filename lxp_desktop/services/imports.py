"""Importing the clerks' workbooks: roster, courses, enrolments with grades, cadres, performances.

Every row goes through the category's own ``validate`` (the form's rules and messages) and is
written through the one write path (``insert``/``apply``), so the audit log records it with the
file's name and SHA-256. Rows are upserted on their natural keys (docs/domain.md §11): loading the
same file twice changes nothing and says so.

A dry run and a commit run the very same code in one transaction; the dry run (and a commit
that found any error, or was cancelled) rolls it back, so the database is left exactly as it
was. The preview counts are therefore exactly what a commit would do.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from lxp_desktop.domain import enums
from lxp_desktop.domain.course_code import normalize_course_code
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.ids import mask_id, normalize_id
from lxp_desktop.domain.records import clean_int, is_blank
from lxp_desktop.domain.roc import format_roc, parse_date
from lxp_desktop.domain.text import (
    cell_to_str,
    looks_like_formula,
    normalize_code,
    remove_invisible,
    strip_text,
    to_halfwidth,
    unneutralize,
)
from lxp_desktop.io.tabular import FileProblem, Table, open_table, write_annotated
from lxp_desktop.services import scope
from lxp_desktop.services.base import RecordService, batch, lookup, show
from lxp_desktop.services.cadres import cadres
from lxp_desktop.services.courses import courses, enrolments, find_course
from lxp_desktop.services.permissions import authorize
from lxp_desktop.services.portfolio import performances
from lxp_desktop.services.students import find_student, find_student_by_id, students
from lxp_desktop.store import crashpoints
from lxp_desktop.store.models import CadreRecord, Enrolment, Performance

Progress = Callable[[int, int, str], None]

MAX_LISTED = 5000  # errors, changes and notes kept in a report (the counts are always exact)
MAX_MARKED = 200_000  # rows marked in the annotated copy (memory stays bounded)


@dataclass(frozen=True)
class Col:
    header: str
    field: str | None  # None: shown for the clerk only (e.g. 科目名稱 next to 課程代碼)
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: float = 12
    text: bool = False  # exported as text (IDs, 學號, codes)
    kind: str = "text"  # text, date, bool, number


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: str
    category: str  # registry key of the tab
    service: RecordService[Any]
    columns: tuple[Col, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, field_name: str) -> Col | None:
        return next((c for c in self.columns if c.field == field_name), None)


def _c(header: str, fld: str | None, required: bool = False, *aliases: str, width: float = 12,
       text: bool = False, kind: str = "text") -> Col:
    return Col(header, fld, required, aliases, width, text, kind)


_STUDENT_NO = _c("學號", "student_no", True, "學生學號", width=10, text=True)
_YEAR = _c("學年度", "school_year", True, width=8)
_SEMESTER = _c("學期", "semester", True, width=6)

KINDS: dict[str, ImportKind] = {k.key: k for k in (
    ImportKind("roster", "學籍", "students", students, (
        _STUDENT_NO,
        _c("身分證統一編號", "national_id", True, "身分證號", "身分證字號", "統一編號",
           "身分證", width=14, text=True),
        _c("姓名", "name", True, "學生姓名", width=10),
        _c("性別", "gender", True, "性別代碼", width=6, text=True),
        _c("出生日期", "birth_date", True, "生日", width=11, kind="date"),
        _c("班級", "class_code", False, "班級代碼", "班別", width=7, text=True),
        _c("座號", "seat_no", False, width=6),
        _c("學籍狀態", "status", False, width=9),
        _c("學籍異動日期", "status_date", False, "異動日期", width=12, kind="date"),
        _c("郵遞區號", "postal_code", False, "郵遞區號(3+3)", width=9, text=True),
        _c("通訊地址", "address", False, "地址", "住址", width=36),
        _c("監護人", "guardian", False, "家長", "監護人姓名", width=10),
        _c("聯絡電話", "phone", False, "電話", width=14, text=True),
        _c("電子郵件", "email", False, "Email", "E-mail", width=24),
        _c("特殊身分別", "special_status", False, width=10, text=True),
        _c("入學方式", "admission_method", False, width=10, text=True),
    )),
    ImportKind("courses", "課程", "courses", courses, (
        _c("課程代碼", "code", True, width=26, text=True),
        _c("科目名稱", "name", True, "課程名稱", width=14),
        _c("學分數", "credits", True, "學分", width=7),
        _c("開課年級", "grade", True, "年級", width=8),
        _YEAR, _SEMESTER,
        _c("任課教師", "teacher", False, "教師", width=10),
    )),
    ImportKind("enrolments", "修課紀錄", "enrolments", enrolments, (
        _STUDENT_NO, _YEAR, _SEMESTER,
        _c("課程代碼", "course_code", True, width=26, text=True),
        _c("科目名稱", None, False, "課程名稱", width=14),
        _c("修課學分", "credits", False, "學分", width=8),
        _c("學期學業成績", "score", False, "成績", "學期成績", width=12, kind="number"),
        _c("成績及格", "passed", False, "及格", width=8, kind="bool"),
        _c("補考成績", "makeup_score", False, width=8, kind="number"),
        _c("補考及格", "makeup_passed", False, width=8, kind="bool"),
        _c("是否採計學分", "credit_counted", False, "採計學分", width=12, kind="bool"),
        _c("修課別", "kind", False, width=8),
        _c("質性文字描述", "remark", False, width=24),
    )),
    ImportKind("cadres", "幹部經歷", "cadres", cadres, (
        _STUDENT_NO, _YEAR, _SEMESTER,
        _c("單位名稱", "unit_name", True, width=14),
        _c("擔任職務", "position", True, "職務", width=12),
        _c("幹部等級", "level", True, "等級", width=8),
        _c("開始日期", "start_date", False, width=11, kind="date"),
        _c("結束日期", "end_date", False, width=11, kind="date"),
    )),
    ImportKind("performances", "多元表現", "performances", performances, (
        _STUDENT_NO, _YEAR,
        _c("類別", "kind", True, "多元表現類別", width=20),
        _c("名稱", "title", True, width=24),
        _c("主辦單位", "organiser", False, width=14),
        _c("等級", "level", False, width=8),
        _c("開始日期", "start_date", False, width=11, kind="date"),
        _c("結束日期", "end_date", False, width=11, kind="date"),
        _c("時數", "hours", False, width=6, kind="number"),
        _c("結果", "result", False, width=10),
        _c("內容簡述", "summary", True, "簡述", width=40),
        _c("外部連結", "external_link", False, "連結", width=30),
        _c("校內／校外", "in_school", False, "校內外", "校內/校外", "校內或校外", width=9),
        _c("項目", "item", False, width=12),
        _c("團體參與", "participation", False, "個人或團體", width=9, text=True),
    )),
)}

#: fields whose text is a name or prose: never changed beyond surrounding spaces
FREE_TEXT = frozenset({"name", "guardian", "unit_name", "position", "title", "organiser",
                       "summary", "result", "remark", "address", "teacher", "level",
                       "item"})
#: fields that may begin with + or - (a phone number +886…, prose that starts with a dash);
#: every other field refuses a value a spreadsheet would read as a formula
_SIGN_ALLOWED = frozenset({"phone", "summary", "remark", "result"})
_PHONE = re.compile(r"\+[0-9][0-9 ()#-]*")

#: where an error about a resolved reference belongs in the file
_ERROR_FIELD = {"student_id": "student_no", "course_id": "course_code", "teacher_id": "teacher",
                "class_id": "class_code", "category": "code"}



class ImportError_(Exception):
    """The file cannot be imported as a whole (unreadable, wrong headers)."""


# ----------------------------------------------------------------------------- mapping
def layout_hash(header: list[str]) -> str:
    """The identity of a layout: a hash of its header row."""
    return hashlib.sha256("\x1f".join(header).encode("utf-8")).hexdigest()[:16]


def _meta_key(kind: str, header: list[str]) -> str:
    return f"import_mapping:{kind}:{layout_hash(header)}"


def remembered_mapping(store: Any, kind: str, header: list[str]) -> dict[str, int] | None:
    text = store.meta(_meta_key(kind, header))
    if not text:
        return None
    data = json.loads(text)
    return {k: int(v) for k, v in data.items() if int(v) < len(header)}


def remember_mapping(store: Any, kind: str, header: list[str], mapping: Mapping[str, int]) -> None:
    store.set_meta(_meta_key(kind, header), json.dumps(dict(mapping), ensure_ascii=False))


def exact_mapping(kind: ImportKind, header: list[str]) -> dict[str, int]:
    """Header text → column for the headers that are the kind's own (or a known alias)."""
    out: dict[str, int] = {}
    for col in kind.columns:
        for name in (col.header, *col.aliases):
            if name in header and col.header not in out:
                out[col.header] = header.index(name)
    return out


def propose_mapping(kind: ImportKind, header: list[str]) -> dict[str, int | None]:
    """For every column of the kind: the file's column that matches best (or None)."""
    out: dict[str, int | None] = dict.fromkeys(kind.headers)
    out.update(exact_mapping(kind, header))
    used = {v for v in out.values() if v is not None}
    for col in kind.columns:
        if out[col.header] is not None:
            continue
        best, best_score = None, 0.0
        for i, h in enumerate(header):
            if i in used or not h:
                continue
            score = max(difflib.SequenceMatcher(None, name, h).ratio()
                        for name in (col.header, *col.aliases))
            if name_in := any(name in h or h in name for name in (col.header, *col.aliases)):
                score = max(score, 0.8 if name_in else 0)
            if score > best_score:
                best, best_score = i, score
        if best is not None and best_score >= 0.6:
            out[col.header] = best
            used.add(best)
    return out


def missing_headers(kind: ImportKind, mapping: Mapping[str, int | None]) -> list[str]:
    return [c.header for c in kind.columns if c.required and mapping.get(c.header) is None]


# ----------------------------------------------------------------------------- the report
@dataclass
class Issue:
    sheet: str
    row: int | None
    column: str  # header text ('' for the whole row)
    letter: str  # A, B, … ('' for the whole row)
    value: str
    message: str

    def text(self) -> str:
        where = f"工作表「{self.sheet}」"
        if self.row is not None:
            where += f"第 {self.row} 列"
        if self.letter:
            where += f" {self.letter} 欄（{self.column}）"
        shown = f"，值「{self.value}」" if self.value else ""
        return f"{where}{shown}：{self.message}"


@dataclass
class Change:
    row: int
    key: str
    fields: dict[str, tuple[str, str]]  # label → (old, new) as shown


@dataclass
class ImportReport:
    kind: str
    label: str
    file: str
    sha256: str
    fmt: str = ""
    sheet: str = ""
    encoding: str | None = None
    dry_run: bool = True
    rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    #: soft-deleted rows the file brings back (restored, with an audit entry each)
    restored: int = 0
    error_count: int = 0
    committed: bool = False
    cancelled: bool = False
    errors: list[Issue] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    note_samples: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    #: what the clerk should know about the file though it does not stop the import
    warnings: list[str] = field(default_factory=list)
    #: row number → column index (None = whole row) → message, for the annotated copy
    marks: dict[int, dict[int | None, str]] = field(default_factory=dict)

    def add_error(self, issue: Issue, col: int | None) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append(issue)
        if issue.row is not None and (issue.row in self.marks or len(self.marks) < MAX_MARKED):
            cell = self.marks.setdefault(issue.row, {})
            cell[col] = (cell[col] + "；" + issue.message) if col in cell else issue.message

    def note(self, kind: str, sample: str) -> None:
        self.notes[kind] += 1
        if len(self.note_samples) < 200:
            self.note_samples.append(sample)

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and not self.cancelled

    def summary(self) -> str:
        head = f"{self.label}匯入（{'試算' if self.dry_run else '正式匯入'}）：{self.file}"
        lines = [head, f"SHA-256：{self.sha256}"]
        source = f"格式：{self.fmt.upper()}，工作表「{self.sheet}」"
        if self.encoding:
            source += f"，文字編碼：{self.encoding}"
        lines.append(source)
        lines.append(f"資料列 {self.rows} 列：新增 {self.new}、修改 {self.changed}、"
                     f"不變 {self.unchanged}、錯誤 {self.error_count}")
        if self.restored:
            lines.append(f"其中 {self.restored} 筆是已刪除的資料，匯入後恢復（稽核紀錄記為「恢復」）。")
        for w in self.warnings:
            lines.append("注意：" + w)
        if self.rows and self.new == 0 and self.changed == 0 and self.error_count == 0:
            lines.append("檔案內容與資料庫完全相同，沒有任何變更。")
        if self.ignored_columns:
            lines.append("未使用的欄位：" + "、".join(self.ignored_columns))
        for kind, n in self.notes.most_common():
            lines.append(f"自動整理：{kind} {n} 格")
        if self.cancelled:
            lines.append("已取消：資料庫沒有任何變更。")
        elif self.committed and (self.new or self.changed):
            lines.append("已寫入資料庫（單一交易），每筆都記入稽核紀錄。")
        elif self.error_count:
            lines.append("有錯誤，沒有寫入任何資料；請依下列說明修正檔案後再匯入。")
        elif self.dry_run:
            lines.append("這是試算，尚未寫入資料庫。")
        return "\n".join(lines)

    def full_text(self) -> str:
        parts = [self.summary()]
        if self.errors:
            parts.append("\n錯誤：")
            parts.extend(e.text() for e in self.errors)
            if self.error_count > len(self.errors):
                parts.append(f"……另有 {self.error_count - len(self.errors)} 個錯誤未列出。")
        if self.changes:
            parts.append("\n修改：")
            for c in self.changes:
                fields = "；".join(f"{k}：{o or '（空白）'} → {n or '（空白）'}"
                                  for k, (o, n) in c.fields.items())
                parts.append(f"第 {c.row} 列 {c.key}：{fields}")
        if self.note_samples:
            parts.append("\n自動整理（例）：")
            parts.extend(self.note_samples)
        return "\n".join(parts)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


# ----------------------------------------------------------------------------- natural keys
def _int(value: object) -> int | None:
    return clean_int(value, "")[0]


def _text(value: object) -> str:
    return strip_text(cell_to_str(value))


#: kinds whose rows name a student (and a course): ``resolve`` finds those once per row
_REFERENCING = frozenset({"enrolments", "cadres", "performances"})


def _existing(session: Session, kind: str, raw: dict[str, Any],
              resolved: Mapping[str, Any]) -> Any:
    """The stored row this file row is about (by natural key), or None for a new one.
    ``resolved`` is ``raw`` with the references the service's ``resolve`` found."""
    if kind == "roster":
        return _roster_match(session, raw)[0]
    if kind == "courses":
        year, sem = _int(raw.get("school_year")), _int(raw.get("semester"))
        code = normalize_course_code(cell_to_str(raw.get("code")))
        return find_course(session, code, year, sem) if code and year and sem else None
    student_id = resolved.get("student_id")
    if not student_id:
        return None
    year = _int(raw.get("school_year"))
    if kind == "enrolments":
        course_id = resolved.get("course_id")
        return next((e for e in lookup(session, Enrolment, student_id=student_id,
                                       course_id=course_id) if not e.deleted),
                    None) if course_id else None
    if kind == "cadres":
        return next((c for c in lookup(session, CadreRecord, student_id=student_id,
                                       school_year=year, semester=_int(raw.get("semester")),
                                       unit_name=_text(raw.get("unit_name")),
                                       position=_text(raw.get("position")))
                     if not c.deleted), None)
    if kind == "performances":
        pkind = enums.parse_performance_kind(raw.get("kind"))
        try:
            start = parse_date(raw["start_date"]) if not is_blank(raw.get("start_date")) else None
        except ValueError:
            return None
        return next((p for p in lookup(session, Performance, student_id=student_id,
                                       school_year=year)
                     if not p.deleted and p.kind == pkind and p.title == _text(raw.get("title"))
                     and p.start_date == start), None)
    raise KeyError(kind)


def _roster_match(session: Session, raw: Mapping[str, Any]) -> tuple[Any, str | None]:
    """The student a roster row is about, or a message when its 學號 and 身分證統一編號 point
    at different students: the natural key is the pair, and a row never moves an ID (or a
    學號) from one student to another. IDs are masked in the message."""
    nid = normalize_id(cell_to_str(raw.get("national_id")))
    no = normalize_code(raw.get("student_no"))
    by_id = find_student_by_id(session, nid) if nid else None
    by_no = find_student(session, no) if no else None
    if by_id is not None and by_no is not None and by_id.id != by_no.id:
        return None, (f"學號 {no} 是學生「{by_no.name}」（身分證統一編號 {mask_id(by_no.national_id)}）"
                      f"的，身分證統一編號 {mask_id(nid)} 卻是另一位學生「{by_id.name}」（學號 "
                      f"{by_id.student_no}）的；一列只能是同一位學生，請核對這兩個欄位。")
    if by_no is not None and nid and by_no.national_id != nid:
        return None, (f"學號 {no} 已是學生「{by_no.name}」（身分證統一編號 "
                      f"{mask_id(by_no.national_id)}）的，本列的身分證統一編號卻是 {mask_id(nid)}；"
                      "匯入不會更換學生的身分證統一編號。若是本列打錯請更正；若該生的身分證統一編號"
                      "確實變更，請在「學生基本資料」分頁個別修改。")
    if by_id is not None and no and by_id.student_no != no:
        return None, (f"身分證統一編號 {mask_id(nid)} 已是學生「{by_id.name}」（學號 "
                      f"{by_id.student_no}）的，本列的學號卻是 {no}；匯入不會更換學生的學號。若是"
                      "本列打錯請更正；若該生的學號確實變更，請在「學生基本資料」分頁個別修改。")
    return by_id or by_no, None


def _key_text(kind: str, raw: Mapping[str, Any]) -> str:
    if kind == "roster":
        return f"{_text(raw.get('student_no'))} {_text(raw.get('name'))}".strip()
    if kind == "courses":
        return f"{_text(raw.get('code'))} {_text(raw.get('name'))}".strip()
    if kind == "enrolments":
        return f"{_text(raw.get('student_no'))} {_text(raw.get('course_code'))}"
    if kind == "cadres":
        return f"{_text(raw.get('student_no'))} {_text(raw.get('unit_name'))}{_text(raw.get('position'))}"
    return f"{_text(raw.get('student_no'))} {_text(raw.get('title'))}"


# ----------------------------------------------------------------------------- running
@dataclass
class ImportPlan:
    """What to import: the kind, the file, and which column holds which field."""

    kind: ImportKind
    path: Path
    mapping: dict[str, int]  # header of the kind → column index in the file


def read_header(path: Path | str, kind: ImportKind) -> tuple[str, list[str], str | None]:
    """(sheet name, header texts, encoding) of the file, for the mapping dialog."""
    with open_table(path, kind.label) as table:
        return table.sheet, table.header, table.encoding


def resolve_mapping(store: Any, kind: ImportKind, header: list[str]
                    ) -> tuple[dict[str, int], list[str]]:
    """The mapping to use without asking (remembered, else exact headers) and what is missing."""
    mapping = remembered_mapping(store, kind.key, header) if store is not None else None
    if mapping is None:
        mapping = exact_mapping(kind, header)
    return mapping, missing_headers(kind, mapping)


def run_import(workspace: Any, kind_key: str, path: Path | str, *, dry_run: bool = True,
               mapping: Mapping[str, int] | None = None,
               progress: Progress | None = None) -> ImportReport:
    """Check (and with ``dry_run=False`` write) one file. Raises ``FileProblem`` when the file
    cannot be read at all; everything else is in the report."""
    kind = KINDS[kind_key]
    path = Path(path)
    sha = file_sha256(path) if path.exists() else ""
    report = ImportReport(kind.key, kind.label, path.name, sha, dry_run=dry_run)
    # a large workbook is parsed in a child process while this one checks and writes
    with open_table(path, kind.label, background=True) as table:
        report.fmt, report.sheet, report.encoding = table.fmt, table.sheet, table.encoding
        if table.hidden_sheets:
            report.warnings.append(
                f"活頁簿中有隱藏的工作表「{'、'.join(table.hidden_sheets)}」，沒有匯入；只讀了看得見的"
                f"工作表「{table.sheet}」。若要匯入隱藏的工作表，請在 Excel 取消隱藏後另存成單獨的檔案。")
        if mapping is None:
            mapping, missing = resolve_mapping(workspace.store, kind, table.header)
        else:
            mapping = dict(mapping)
            missing = missing_headers(kind, mapping)
        if not _check_header(kind, table, mapping, missing, report):
            return report
        source = f"匯入 {path.name} sha256={sha}"
        try:
            with workspace.write(source) as (session, actor):
                actor = authorize(session, actor, kind.service.table)
                if not actor.acting_for:  # a file's rows may be of any student: the offices
                    scope.require(actor, "all_students")
                with batch(session), _no_cyclic_gc():
                    _rows(session, actor, kind, table, dict(mapping), report, progress)
                crashpoints.reach("import:checked")
                if not report.ok or dry_run:
                    raise _Rollback()
            report.committed = True
        except _Rollback:
            pass
        except _Cancel:
            report.cancelled = True
        except ValidationFailed as exc:  # e.g. no permission: nothing written
            report.add_error(Issue(report.sheet, None, "", "", "", str(exc)), None)
    return report


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector over the rows: the rows, index entries and audit
    entries of a batch live until its end, and the collector would walk them again and
    again (about a fifth of the time of a large import). Reference counting still frees
    everything else at once; the collector runs again after the block."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class _Cancel(Exception):
    """The clerk cancelled: the transaction is rolled back."""


class _Rollback(Exception):
    """A dry run, or errors found: the transaction is rolled back."""


def _check_header(kind: ImportKind, table: Table, mapping: Mapping[str, int],
                  missing: list[str], report: ImportReport) -> bool:
    """Report header problems; False when the rows cannot be read at all."""
    header = table.header
    if not any(header):
        report.add_error(Issue(table.sheet, 1, "", "", "", "第 1 列沒有欄位標題；請在第 1 列填入欄位名稱："
                               + "、".join(kind.headers) + "（可另存範本檔參考）。"), None)
        return False
    for name in missing:
        report.add_error(Issue(table.sheet, 1, name, "", "", f"缺少必要欄位「{name}」；請在第 1 列加上這個欄位標題，或在匯入時指定對應的欄位。檔案的欄位有：" + "、".join(h for h in header if h) + "。"), None)
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if h and h in seen:
            report.add_error(Issue(table.sheet, 1, h, get_column_letter(i + 1), h, f"欄位標題「{h}」重複（{get_column_letter(seen[h] + 1)} 欄與 {get_column_letter(i + 1)} 欄）；請刪除或改名其中一欄。"), i)
        seen.setdefault(h, i)
    used = set(mapping.values())
    report.ignored_columns = [h for i, h in enumerate(header) if h and i not in used]
    for ref in table.merged:
        first = ref.split(":")[0]
        m = re.match(r"([A-Z]+)(\d+)", first)
        row = int(m[2]) if m else None
        report.add_error(Issue(table.sheet, row, "", first, "", f"儲存格 {ref} 是合併儲存格；請取消合併，並在每一格填入自己的值（合併後只有第一格有值，其他格會被讀成空白）。"), None)
    return not missing


def _rows(session: Session, actor: Any, kind: ImportKind, table: Table, mapping: dict[str, int],
          report: ImportReport, progress: Progress | None) -> None:
    service = kind.service
    sheet = table.sheet
    fields: list[tuple[str, int]] = []  # (field, column)
    col_of: dict[str, int] = {}
    for col in kind.columns:
        idx = mapping.get(col.header)
        if idx is not None and col.field is not None:
            fields.append((col.field, idx))
            col_of[col.field] = idx
    header = table.header
    hidden_rows = set(table.hidden_rows)
    labels = {c.field: c.header for c in kind.columns if c.field}
    date_fields = {c.field for c in kind.columns if c.kind == "date"}
    total = table.total_rows or 0
    touched: dict[Any, int] = {}  # row id → first file row that wrote or matched it
    blank_run: list[int] = []
    blank_more = 0  # blank rows of the run beyond those listed
    step = 500

    def issue(row: int, fld: str | None, message: str, value: object = None) -> None:
        idx = col_of.get(_ERROR_FIELD.get(fld or "", fld or "")) if fld else None
        column = header[idx] if idx is not None and idx < len(header) else ""
        letter = get_column_letter(idx + 1) if idx is not None else ""
        shown = "" if value is None else cell_to_str(value)
        report.add_error(Issue(sheet, row, column, letter, shown, message), idx)

    for number, values in table.rows:
        if progress is not None and number % step == 0:
            try:
                progress(number - 1, total, f"已檢查 {number - 1} 列")
            except Exception as exc:  # the runner's Cancelled
                raise _Cancel() from exc
        if _blank(values):
            if len(blank_run) < MAX_LISTED:  # a file of millions of blank lines stays small
                blank_run.append(number)
            else:
                blank_more += 1
            continue
        width = len(values)
        raw: dict[str, Any] = {fld: values[idx] if idx < width else None for fld, idx in fields}
        if blank_run:
            for b in blank_run:
                report.add_error(Issue(sheet, b, "", "", "", f"第 {b} 列是空白列，但下面還有資料；請刪除資料中間的空白列（以免資料被分成兩段而漏讀）。"), None)
            report.error_count += blank_more
            blank_run, blank_more = [], 0
        report.rows += 1
        if number in hidden_rows:
            report.add_error(Issue(sheet, number, "", "", "", f"第 {number} 列在 Excel 中是隱藏列；匯入只收看得見的資料。請在 Excel 取消隱藏（選取整張表 → 右鍵 → 取消隱藏），確認這一列要匯入，或刪除它，再存檔匯入。"), None)
            continue
        bad = False
        for fld, v in raw.items():
            if isinstance(v, str):
                if v.startswith("="):
                    issue(number, fld, f"{labels[fld]}是公式，不是值；請在 Excel 選取這些儲存格，複製後「選擇性貼上 → 值」，再存檔匯入。", v)
                    bad = True
                    continue
                v = raw[fld] = unneutralize(v)  # our own export's 「'=…」 reads back as it was
                if looks_like_formula(v) and not (
                        fld in _SIGN_ALLOWED and strip_text(v)[:1] in "+-"
                        and (fld != "phone" or _PHONE.fullmatch(strip_text(v)))):
                    issue(number, fld, f"{labels[fld]}以「{strip_text(v)[:1] or '定位字元'}」開頭，試算表會把它當成公式執行；{labels[fld]}不會是公式，請刪除開頭的符號（或改正內容）後再匯入。", v)
                    bad = True
                    continue
                visible = remove_invisible(v)
                if visible != v:
                    report.note("移除看不見的字元（零寬、雙向控制、軟連字號）", f"第 {number} 列 {labels[fld]}「{strip_text(v)}」（移除 {len(v) - len(visible)} 個看不見的字元）")
                if strip_text(visible) != visible:
                    report.note("去除前後空白", f"第 {number} 列 {labels[fld]}「{visible}」→「{strip_text(v)}」")
                if fld not in FREE_TEXT and to_halfwidth(v) != v:
                    report.note("全形轉半形", f"第 {number} 列 {labels[fld]}「{v}」→「{to_halfwidth(strip_text(v))}」")
        if bad:
            continue
        if kind.key == "roster":
            _match, identity = _roster_match(session, raw)
            if identity is not None:
                issue(number, "student_no", identity, raw.get("student_no"))
                continue
        # a new row is checked with the references found here (``validate`` keeps them)
        resolved = service.resolve(session, dict(raw), []) if kind.key in _REFERENCING else raw
        obj = _existing(session, kind.key, raw, resolved)
        if obj is not None and obj.id in touched:
            issue(number, kind.columns[0].field, f"與第 {touched[obj.id]} 列是同一筆資料（{_key_text(kind.key, raw)}）；同一檔案內不可重複，請刪除其中一列或合併內容。")
            continue
        merged = {**service.form_values(session, obj), **raw} if obj is not None else resolved
        try:
            clean = service.validate(session, merged, obj)
        except ValidationFailed as exc:
            for e in exc.errors:
                fld = _ERROR_FIELD.get(e.field, e.field)
                issue(number, fld, e.message, raw.get(fld))
            continue
        for fld in date_fields:
            v = raw.get(fld)
            d = clean.get(fld)
            if d is None or v is None:
                continue
            if isinstance(v, str) and strip_text(v) == format_roc(d):
                continue
            what = "Excel 日期" if not isinstance(v, str) else "日期寫法"
            report.note(f"{what}轉為民國日期", f"第 {number} 列 {labels[fld]}「{cell_to_str(v)}」→ {format_roc(d)}")
        if obj is None:
            obj = service.insert(session, actor, clean)
            report.new += 1
        elif getattr(obj, "deleted", False):
            # a deleted student the file names again: brought back, visibly (counted and
            # audited as 恢復, with the file's values)
            values = {**service.storable(clean), "deleted": False}
            service.apply(session, actor, obj, values, action="restore")
            report.restored += 1
            if len(report.changes) < MAX_LISTED:
                report.changes.append(Change(number, _key_text(kind.key, raw),
                                             {"狀態": ("已刪除", "恢復")}))
        else:
            values = service.storable(clean)
            changes = {k: (getattr(obj, k), v) for k, v in values.items()
                       if getattr(obj, k) != v}
            if changes:
                report.changed += 1
                if len(report.changes) < MAX_LISTED:
                    report.changes.append(Change(number, _key_text(kind.key, raw), {
                        labels.get(k, k): (show(o), show(n)) for k, (o, n) in changes.items()
                        if not k.endswith("_id")}))
                service.apply(session, actor, obj, values)
            else:
                report.unchanged += 1
        touched[obj.id] = number
        if report.rows == 1:
            crashpoints.reach("import:reading")  # the reading child is at work
    if progress is not None:
        try:
            progress(total, total, "檢查完成")
        except Exception as exc:
            raise _Cancel() from exc


def _blank(values: tuple[Any, ...]) -> bool:
    """A row with nothing in it but empty cells and spaces."""
    for v in values:
        if v is not None and (not isinstance(v, str) or strip_text(v)):
            return False
    return True


def save_annotated(report: ImportReport, source: Path | str, out: Path | str) -> int:
    """Save a copy of the file with each bad cell highlighted and commented."""
    return write_annotated(source, out, report.marks, report.sheet)


def write_report(report: ImportReport, path: Path | str) -> Path:
    """Write the report beside the file; never over an existing file (``name (2).txt``
    instead), readable by the user only (it names students, with their IDs). Returns the
    path written."""
    from lxp_desktop.paths import new_file

    with new_file(Path(path)) as (out, fh):
        fh.write((report.full_text() + "\n").encode("utf-8"))
    return out


__all__ = ["KINDS", "ImportKind", "ImportReport", "Issue", "FileProblem", "run_import",
           "propose_mapping", "remember_mapping", "remembered_mapping", "resolve_mapping",
           "read_header", "save_annotated", "write_report", "layout_hash"]
