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

from lxp_desktop.domain import enums
from lxp_desktop.domain.roc import parse_date, roc_year
from lxp_desktop.domain.text import cell_to_str, strip_text

KEY_COLUMNS = ("身分證號", "出生日期")
COVER_HEADER = ("學校代碼", "學年度", "學期", "名冊別")
MANIFEST = "manifest.json"
FILES_DIR = "附件"


@dataclass(frozen=True)
class Sheet:
    name: str
    #: the columns after 身分證號 and 出生日期
    columns: tuple[str, ...]
    #: columns that identify one row of a student (to match what comes back)
    key: tuple[str, ...] = ()
    #: the column that names the item for people (notices, the differences list)
    title: str = ""

    @property
    def headers(self) -> tuple[str, ...]:
        return KEY_COLUMNS + self.columns


@dataclass(frozen=True)
class Roster:
    name: str
    code: str
    #: the kind of the receipt-details file that answers it (None: not in the receipts)
    kind: str | None
    yearly: bool
    sheets: tuple[Sheet, ...]

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)

    def filename(self, school_year: int, semester: int) -> str:
        return f"{school_year}_{0 if self.yearly else semester}_{self.name}.xlsx"


_ENROLMENT_COLUMNS = ("課程代碼", "科目名稱", "開課年級", "修課學分", "學期學業成績", "成績及格",
                      "補考成績", "補考及格", "是否採計學分", "質性文字描述")
_OTHER_PERFORMANCE = ("名稱", "主辦單位", "開始日期", "結束日期", "時數", "內容簡述")
PERFORMANCE_SHEETS: dict[str, Sheet] = {
    kind: Sheet(kind, _OTHER_PERFORMANCE, ("名稱", "開始日期"), "名稱")
    for kind in enums.PERFORMANCE_KINDS
}
PERFORMANCE_SHEETS["競賽參與紀錄"] = Sheet(
    "競賽參與紀錄", ("競賽名稱", "項目", "競賽等級", "獎項", "結果公布日期", "內容簡述", "團體參與"),
    ("競賽名稱", "結果公布日期"), "競賽名稱")
PERFORMANCE_SHEETS["服務學習紀錄"] = Sheet(
    "服務學習紀錄", ("服務名稱", "服務單位", "開始日期", "結束日期", "時數", "內容簡述"),
    ("服務名稱", "開始日期"), "服務名稱")

STUDENTS = Roster("學生資料名冊", "21", None, False, (Sheet(
    "學生資料", ("性別代碼", "群別代碼", "科班學程別代碼", "部別代碼", "班別", "年級", "班級名稱",
             "座號", "特殊身分別", "入學方式", "學籍狀態", "學籍異動日期")),))
CADRES = Roster("校內幹部經歷名冊", "24", "校內幹部經歷", False, (Sheet(
    "幹部經歷紀錄", ("單位名稱", "開始日期", "結束日期", "擔任職務", "幹部等級"),
    ("單位名稱", "擔任職務"), "擔任職務"),))
GRADES = Roster("學生成績名冊", "22", "修課紀錄", False, tuple(
    Sheet(name, _ENROLMENT_COLUMNS, ("課程代碼",), "科目名稱")
    for name in ("學期成績", "補修成績", "轉學轉科成績", "重修重讀成績")))
OUTCOMES = Roster("學生課程學習成果名冊", "26", "課程學習成果", True, (Sheet(
    "學期課程學習成果", ("實際修課學期", "課程代碼", "科目名稱", "開課年級", "修課學分", "成果簡述"),
    ("實際修課學期", "課程代碼", "成果簡述"), "科目名稱"),))
PERFORMANCES = Roster("學生自填多元表現名冊", "25", "多元表現", True,
                      tuple(PERFORMANCE_SHEETS[k] for k in enums.PERFORMANCE_KINDS))

ROSTERS: tuple[Roster, ...] = (STUDENTS, CADRES, GRADES, OUTCOMES, PERFORMANCES)
#: the rosters each submission category sends
CATEGORY_ROSTERS: dict[str, tuple[Roster, ...]] = {
    "基本資料": (STUDENTS, CADRES), "修課紀錄": (GRADES,),
    "課程學習成果": (OUTCOMES,), "多元表現": (PERFORMANCES,),
}
BY_KIND: dict[str, Roster] = {r.kind: r for r in ROSTERS if r.kind}
#: 修課別 → the sheet of 學生成績名冊
ENROLMENT_SHEET = {"原修": "學期成績", "補修": "補修成績", "轉學轉科": "轉學轉科成績",
                   "重修": "重修重讀成績", "重讀": "重修重讀成績"}


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
    cover = wb.create_sheet("封面")
    cover.append(list(COVER_HEADER))
    cover.append([school_code, str(school_year), str(0 if roster.yearly else semester),
                  roster.code])
    counts = {}
    for sheet in roster.sheets:
        data = rows.rows.get(sheet.name, [])
        if not data and len(roster.sheets) > 1:
            continue  # only the sheets that have rows
        ws = wb.create_sheet(sheet.name)
        ws.append(list(sheet.headers))
        for row in data:
            ws.append(row)
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
                  progress: Callable[[str], None] | None = None) -> Package:
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
            name = rr.roster.filename(school_year, semester)
            if progress:
                progress(name)
            counts = write_roster(tmp / name, rr, school_code, school_year, semester)
            hashes[name] = sha256_file(tmp / name)
            entries.append({"名冊名稱": rr.roster.name, "名冊別": rr.roster.code,
                            "檔案": name, "學期": 0 if rr.roster.yearly else semester,
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
