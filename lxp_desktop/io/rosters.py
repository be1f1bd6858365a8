"""The upload rosters (名冊) of the central database (docs/domain.md §7) and the package around them.

Each roster is a workbook: a 「封面」 sheet (學校代碼, 學年度, 學期, 名冊別 and one value row),
then one sheet per record type, headers in row 1, data from row 2, every row starting with
身分證號 and 出生日期. A package is a folder of rosters named ``{學年度}_{學期}_{名冊名稱}.xlsx``,
the attached files under ``附件/``, and ``manifest.json`` with the counts per sheet and the
SHA-256 of every file. Cells are written as text, as the central database's templates want.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxp_desktop.domain.roc import parse_date, roc_year
from lxp_desktop.domain.text import cell_to_str, neutralize_formula, strip_text

KEY_COLUMNS = ("身分證號", "出生日期")
COVER_HEADER = ("學校代碼", "學年度", "學期", "名冊別")
MANIFEST = "manifest.json"
FILES_DIR = "附件"


@dataclass(frozen=True)
class Sheet:
    name: str
    #: the columns after the key columns (身分證號, 出生日期)
    columns: tuple[str, ...]
    #: columns that identify one row of a student (to match what comes back)
    key: tuple[str, ...] = ()
    #: the column that names the item for people (notices, the differences list)
    title: str = ""
    #: the record kind whose rows this sheet lists (student, cadre, enrolment, outcome,
    #: performance) and, for enrolments and performances, which 修課別/類別 go here
    record: str = ""
    kinds: tuple[str, ...] = ()
    #: column → the source field that fills it (docs/formats.md), key columns included
    sources: tuple[tuple[str, str], ...] = ()
    #: (column, type, code list, required) of every column, key columns included
    types: tuple[tuple[str, str, str | None, bool], ...] = ()
    key_columns: tuple[str, ...] = KEY_COLUMNS

    @property
    def headers(self) -> tuple[str, ...]:
        return self.key_columns + self.columns

    def row(self, values: dict[str, str]) -> list[str]:
        """The cells of one row from the source values (``student.national_id`` → text)."""
        return [values.get(src, "") if src != "none" else "" for _col, src in self.sources]

    def by_column(self, values: dict[str, str]) -> dict[str, str]:
        """The values of the columns after the key columns, by column name."""
        skip = set(self.key_columns)
        return {col: (values.get(src, "") if src != "none" else "")
                for col, src in self.sources if col not in skip}


@dataclass(frozen=True)
class Roster:
    name: str
    code: str
    #: the kind of the receipt-details file that answers it (None: not in the receipts)
    kind: str | None
    yearly: bool
    sheets: tuple[Sheet, ...]
    #: the submission category that sends it (基本資料, 修課紀錄, 課程學習成果, 多元表現)
    category: str = ""
    file_pattern: str = "{學年度}_{學期}_{名冊名稱}.xlsx"
    cover_sheet: str = "封面"
    cover_columns: tuple[str, ...] = COVER_HEADER
    attachment_pattern: str = FILES_DIR + "/{名冊名稱}/{工作表}/{列:05d}_{序}_{檔名}"

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)

    def sheet_for(self, record: str, kind: str | None = None) -> Sheet | None:
        """The sheet that lists a record of ``record`` (and 修課別/類別 ``kind``)."""
        return next((s for s in self.sheets if s.record == record
                     and (not s.kinds or kind in s.kinds)), None)

    def semester(self, semester: int) -> int:
        return 0 if self.yearly else semester

    def fields(self, school_year: int, semester: int, school_code: str = "") -> dict[str, str]:
        return {"學年度": str(school_year), "學期": str(self.semester(semester)),
                "名冊名稱": self.name, "名冊別": self.code, "學校代碼": school_code}

    def filename(self, school_year: int, semester: int, school_code: str = "") -> str:
        return self.file_pattern.format(**self.fields(school_year, semester, school_code))

    def attachment_path(self, sheet: str, row: int, index: int, filename: str,
                        student_no: str = "", national_id: str = "") -> str:
        """Where an attached file goes in the package; the 身分證號 only if the layout asks."""
        return self.attachment_pattern.format(
            名冊名稱=self.name, 工作表=sheet, 列=row, 序=index, 檔名=filename, 學號=student_no,
            身分證號=national_id)


# --- cell text ------------------------------------------------------------------------------
def roc_digits(d: _dt.date | None) -> str:
    """'1130901' (the seven-digit ROC date of the rosters); '' for none."""
    if d is None:
        return ""
    return f"{roc_year(d.year):03d}{d.month:02d}{d.day:02d}"


def norm(column: str, value: object) -> str:
    """A cell as comparable text: numbers without '.0', any date form as the roster's."""
    text = strip_text(cell_to_str(value))
    if text and column.endswith("日期"):
        try:
            return roc_digits(parse_date(text))
        except ValueError:
            return text
    if text.endswith(".0") and text[:-2].lstrip("-").isdigit():
        return text[:-2]
    return text


def item_key(sheet: Sheet, values: dict[str, str]) -> str:
    return "｜".join(norm(c, values.get(c, "")) for c in sheet.key)


# --- writing ----------------------------------------------------------------------------------
@dataclass
class RosterRows:
    """The rows of one roster: sheet name → rows (each starting with 身分證號, 出生日期)."""

    roster: Roster
    rows: dict[str, list[list[str]]] = field(default_factory=dict)

    def add(self, sheet: str, row: Sequence[str]) -> int:
        """Append a row; returns its Excel row number (2 for the first data row)."""
        target = self.rows.setdefault(sheet, [])
        target.append(list(row))
        return len(target) + 1


def write_roster(path: Path, rows: RosterRows, school_code: str, school_year: int,
                 semester: int) -> dict[str, int]:
    """One roster workbook (write-only, flat memory); returns the row count of each sheet."""
    from openpyxl import Workbook

    roster = rows.roster
    wb = Workbook(write_only=True)
    cover = wb.create_sheet(roster.cover_sheet)
    cover.append(list(roster.cover_columns))
    fields = roster.fields(school_year, semester, school_code)
    cover.append([fields[c] for c in roster.cover_columns])
    counts = {}
    for sheet in roster.sheets:
        data = rows.rows.get(sheet.name, [])
        if not data and len(roster.sheets) > 1:
            continue  # only the sheets that have rows
        ws = wb.create_sheet(sheet.name)
        ws.append(list(sheet.headers))
        for row in data:
            ws.append([neutralize_formula(v) for v in row])
        counts[sheet.name] = len(data)
    wb.save(path)
    return counts


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class PackageFile:
    """An attached file to copy into the package: where it goes and how to copy it (the
    copier must check the bytes against ``sha256`` and raise when they differ)."""

    relpath: str
    sha256: str
    national_id: str
    roster: str
    sheet: str
    row: int
    copy: Callable[[Path], object]


@dataclass(frozen=True)
class Package:
    folder: Path
    manifest: dict[str, object]
    #: SHA-256 of manifest.json, which holds the SHA-256 of every other file
    sha256: str


def write_package(dest: Path, school_code: str, school_year: int, semester: int,
                  category: str, rosters: Iterable[RosterRows],
                  files: Iterable[PackageFile] = (),
                  progress: Callable[[str], None] | None = None,
                  format_version: str | None = None) -> Package:
    """Write the package into the new folder ``dest`` (made atomically: a temporary folder
    beside it is renamed at the end, so a failure leaves nothing half-written)."""
    if dest.exists():
        raise FileExistsError(f"資料夾「{dest}」已存在；請選擇其他位置或先移走它。")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".package-", dir=dest.parent))
    try:
        entries = []
        hashes: dict[str, str] = {}
        for rr in rosters:
            name = rr.roster.filename(school_year, semester, school_code)
            if progress:
                progress(name)
            counts = write_roster(tmp / name, rr, school_code, school_year, semester)
            hashes[name] = sha256_file(tmp / name)
            entries.append({"名冊名稱": rr.roster.name, "名冊別": rr.roster.code,
                            "檔案": name, "學期": rr.roster.semester(semester),
                            "筆數": counts})
        attached = []
        for f in files:
            target = tmp / f.relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            f.copy(target)
            actual = sha256_file(target)
            if actual != f.sha256:
                raise ValueError(f"附件「{f.relpath}」複製後的 SHA-256 與登錄的不符，已停止匯出。")
            hashes[f.relpath] = actual
            attached.append({"檔案": f.relpath, "sha256": actual, "身分證號": f.national_id,
                             "名冊": f.roster, "工作表": f.sheet, "列": f.row})
        manifest: dict[str, object] = {
            "學校代碼": school_code, "學年度": school_year, "學期": semester, "類別": category,
            **({"格式版本": format_version} if format_version else {}),
            "名冊": entries, "附件": attached,
            "sha256": dict(sorted(hashes.items())),
        }
        data = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        (tmp / MANIFEST).write_bytes(data)
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Package(dest, manifest, hashlib.sha256(data).hexdigest())


def verify_package(folder: Path) -> list[str]:
    """Problems of a package on disk (a file missing, changed or not listed); [] when intact."""
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    problems = []
    listed: dict[str, str] = manifest["sha256"]
    for rel, sha in listed.items():
        path = folder / rel
        if not path.is_file():
            problems.append(f"缺少檔案「{rel}」")
        elif sha256_file(path) != sha:
            problems.append(f"檔案「{rel}」的 SHA-256 與清單不符")
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel != MANIFEST and rel not in listed:
            problems.append(f"檔案「{rel}」不在清單中")
    return problems

# --- the layouts of the version shipped with the app (resources/formats/) ---------------------
# What code with no term at hand uses; a package and a receipt use the version of their
# 學年度 (``io.formats``).
def _shipped() -> tuple[Roster, ...]:
    from lxp_desktop.io.formats import builtin

    return builtin()[-1].rosters


ROSTERS: tuple[Roster, ...] = _shipped()
_BY_NAME = {r.name: r for r in ROSTERS}
STUDENTS, CADRES = _BY_NAME["學生資料名冊"], _BY_NAME["校內幹部經歷名冊"]
GRADES, OUTCOMES = _BY_NAME["學生成績名冊"], _BY_NAME["學生課程學習成果名冊"]
PERFORMANCES = _BY_NAME["學生自填多元表現名冊"]
#: the rosters each submission category sends
CATEGORY_ROSTERS: dict[str, tuple[Roster, ...]] = {
    c: tuple(r for r in ROSTERS if r.category == c)
    for c in ("基本資料", "修課紀錄", "課程學習成果", "多元表現")}
BY_KIND: dict[str, Roster] = {r.kind: r for r in ROSTERS if r.kind}
PERFORMANCE_SHEETS: dict[str, Sheet] = {k: s for s in PERFORMANCES.sheets for k in s.kinds}
#: 修課別 → the sheet of 學生成績名冊
ENROLMENT_SHEET = {k: s.name for s in GRADES.sheets for k in s.kinds}
