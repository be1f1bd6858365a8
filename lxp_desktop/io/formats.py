"""The layouts of the upload rosters and the receipt details, as versioned data files.

Each format version is one JSON file (``format_*.json``): the 學年度 from which it applies,
the key columns every data row starts with, the file-name pattern, the 封面, the attachment
naming, and every roster with its 名冊別 code and sheets — columns in order with their
source field, type, code list and whether required — plus what the receipt details carry.
The versions shipped with the app are in ``resources/formats/``; a school can drop a newer
file into the ``formats`` folder of its data folder (see docs/formats.md), which is checked
against the schema below when the app starts: a file with an unknown key, a missing column,
an unknown source or code list is refused with a message naming the file, the line and the
key. A package is written with the version that applies to its 學年度 and records it.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxp_desktop.domain import code_lists

if TYPE_CHECKING:  # io.rosters builds its shipped constants from this module
    from lxp_desktop.io.rosters import Roster

#: the values a package row provides, by source name (docs/formats.md lists each one)
SOURCES: dict[str, str] = {
    "student.national_id": "學生的身分證統一編號",
    "student.birth_date": "學生的出生日期（民國 7 碼）",
    "student.student_no": "學號",
    "student.gender": "性別代碼（1 男、2 女）",
    "student.special_status": "特殊身分別",
    "student.admission_method": "入學方式",
    "student.status": "學籍狀態",
    "student.status_date": "學籍異動日期",
    "class.code": "該學年度的班級代碼",
    "class.name": "該學年度的班級名稱",
    "class.grade": "該學年度的年級",
    "class.group_code": "班級的群別代碼",
    "class.program_code": "班級的科班學程別代碼",
    "class.division_code": "班級的部別代碼",
    "membership.seat_no": "該學年度的座號",
    "cadre.unit_name": "幹部經歷的單位名稱",
    "cadre.position": "擔任職務",
    "cadre.level": "幹部等級代碼",
    "cadre.start_date": "幹部經歷開始日期",
    "cadre.end_date": "幹部經歷結束日期",
    "course.code": "課程代碼",
    "course.name": "科目名稱",
    "course.grade": "開課年級",
    "enrolment.credits": "修課學分",
    "enrolment.score": "學期學業成績（-1 表示無成績）",
    "enrolment.passed": "成績及格（1/0）",
    "enrolment.makeup_score": "補考成績（-1 表示無）",
    "enrolment.makeup_passed": "補考及格（1/0）",
    "enrolment.credit_counted": "是否採計學分（1/0）",
    "enrolment.remark": "質性文字描述",
    "enrolment.kind": "修課別",
    "outcome.semester": "實際修課學期",
    "outcome.title": "成果名稱",
    "outcome.summary": "成果簡述",
    "performance.title": "多元表現名稱",
    "performance.organiser": "主辦單位",
    "performance.level": "等級（競賽為競賽等級代碼）",
    "performance.item": "項目",
    "performance.result": "結果／獎項",
    "performance.start_date": "開始日期",
    "performance.end_date": "結束日期（競賽為結果公布日期）",
    "performance.hours": "時數（-1 表示無）",
    "performance.summary": "內容簡述",
    "performance.participation": "團體參與代碼（1 個人、2 團體）",
    "none": "學校沒有保存的欄位：一律空白",
}
RECORDS = ("student", "cadre", "enrolment", "outcome", "performance")
TYPES = ("text", "date", "number", "code", "flag")
CATEGORIES = ("基本資料", "修課紀錄", "課程學習成果", "多元表現")
#: placeholders of the file name and of the attachment path
NAME_FIELDS = ("學年度", "學期", "名冊名稱", "名冊別", "學校代碼")
ATTACHMENT_FIELDS = ("名冊名稱", "工作表", "列", "序", "檔名", "學號", "身分證號")
#: the file name of a format version
FILE_GLOB = "format_*.json"


class FormatError(Exception):
    """A layout file that cannot be used; the message names the file, line and key."""


@dataclass(frozen=True)
class Format:
    version: str
    applies_from: int
    description: str
    rosters: tuple[Roster, ...]
    receipt_info_key: str
    receipt_extra_columns: tuple[str, ...]
    path: Path

    @cached_property
    def by_kind(self) -> dict[str, Roster]:
        return {r.kind: r for r in self.rosters if r.kind}

    def category_rosters(self, category: str) -> tuple[Roster, ...]:
        return tuple(r for r in self.rosters if r.category == category)

    def roster(self, name: str) -> Roster | None:
        return next((r for r in self.rosters if r.name == name), None)


# --- reading with line numbers ------------------------------------------------------------
class _Decoder(json.JSONDecoder):
    """json's own decoder, remembering where each object starts (for the messages)."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: dict[int, int] = {}
        self.keep: list[Any] = []
        base = json.decoder.JSONObject  # type: ignore[attr-defined]

        def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
            obj, end = base(s_and_end, *args)
            self.starts[id(obj)] = s_and_end[1] - 1
            self.keep.append(obj)
            return obj, end

        self.parse_object = parse_object
        self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]


class _Checker:
    def __init__(self, path: Path, text: str, decoder: _Decoder) -> None:
        self.path, self.text, self.decoder = path, text, decoder

    def line(self, obj: Any, key: str | None = None) -> int:
        start = self.decoder.starts.get(id(obj), 0)
        if key is not None:
            found = self.text.find(json.dumps(key, ensure_ascii=False), start)
            if found >= 0:
                start = found
        return self.text.count("\n", 0, start) + 1

    def fail(self, obj: Any, where: str, message: str, key: str | None = None) -> FormatError:
        return FormatError(f"格式檔「{self.path.name}」第 {self.line(obj, key)} 行（{where}）："
                           f"{message}。請修正這個格式檔，或把它移出格式資料夾後再開啟程式。")

    def obj(self, value: Any, where: str, parent: Any, key: str, required: Sequence[str],
            optional: Sequence[str] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(parent, where, f"「{key}」應為物件 {{…}}", key)
        unknown = [k for k in value if k not in required and k not in optional]
        if unknown:
            raise self.fail(value, where, f"不認得的欄位「{unknown[0]}」；可用的欄位："
                            f"{'、'.join((*required, *optional))}", unknown[0])
        missing = [k for k in required if k not in value]
        if missing:
            raise self.fail(value, where, f"缺少「{missing[0]}」")
        return value

    def str_(self, obj: dict[str, Any], key: str, where: str, allow_empty: bool = False) -> str:
        value = obj.get(key)
        if not isinstance(value, str) or (not allow_empty and not value.strip()):
            raise self.fail(obj, where, f"「{key}」應為非空白的文字", key)
        return value

    def list_(self, obj: dict[str, Any], key: str, where: str, empty: bool = False) -> list[Any]:
        value = obj.get(key)
        if not isinstance(value, list) or (not empty and not value):
            raise self.fail(obj, where, f"「{key}」應為{'清單' if empty else '至少一項的清單'} […]",
                            key)
        return value

    def pattern(self, obj: dict[str, Any], key: str, where: str, allowed: Sequence[str]) -> str:
        text = self.str_(obj, key, where)
        for name in re.findall(r"\{([^}:]*)(?::[^}]*)?\}", text):
            if name not in allowed:
                raise self.fail(obj, where, f"「{key}」中的 {{{name}}} 不認得；可用："
                                f"{'、'.join('{' + a + '}' for a in allowed)}", key)
        return text


def _columns(c: _Checker, items: list[Any], parent: Any, where: str) -> list[dict[str, Any]]:
    out = []
    for i, col in enumerate(items, 1):
        here = f"{where} 第 {i} 欄"
        col = c.obj(col, here, parent, "columns", ("name", "source", "type", "required"),
                    ("codes",))
        here = f"{where}「{c.str_(col, 'name', here)}」"
        if col["source"] not in SOURCES:
            raise c.fail(col, here, f"來源「{col['source']}」不認得；可用的來源見 docs/formats.md",
                         "source")
        if col["type"] not in TYPES:
            raise c.fail(col, here, f"型態「{col['type']}」不認得；可用：{'、'.join(TYPES)}",
                         "type")
        if not isinstance(col["required"], bool):
            raise c.fail(col, here, "「required」應為 true 或 false", "required")
        if col["type"] == "code":
            name = col.get("codes")
            if name not in code_lists.lists():
                raise c.fail(col, here, f"代碼表「{name}」不認得；可用："
                             f"{'、'.join(code_lists.lists())}", "codes")
        elif "codes" in col:
            raise c.fail(col, here, "只有型態為 code 的欄位才有代碼表", "codes")
        out.append(col)
    names = [col["name"] for col in out]
    dup = next((n for n in names if names.count(n) > 1), None)
    if dup:
        raise c.fail(parent, where, f"欄位「{dup}」重複")
    return out


def parse_format(path: Path) -> Format:
    """Read and check one format file; raises FormatError naming the line and key."""
    from lxp_desktop.io.rosters import Roster, Sheet

    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"格式檔「{path.name}」無法讀取（{exc}）。") from exc
    decoder = _Decoder()
    try:
        doc = decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"格式檔「{path.name}」第 {exc.lineno} 行第 {exc.colno} 字不是有效的 "
                          f"JSON（{exc.msg}）。") from exc
    c = _Checker(path, text, decoder)
    top = c.obj(doc, "檔案", doc, "檔案", (
        "format_version", "applies_from", "key_columns", "file_name", "cover", "attachments",
        "rosters", "receipt"), ("description",))
    version = c.str_(top, "format_version", "format_version")
    year = top["applies_from"]
    if not isinstance(year, int) or not 100 <= year <= 200:
        raise c.fail(top, "applies_from", "「applies_from」應為起用的學年度，例如 113",
                     "applies_from")
    keys = _columns(c, c.list_(top, "key_columns", "key_columns"), top, "key_columns")
    file_name = c.pattern(top, "file_name", "file_name", NAME_FIELDS)
    if not file_name.lower().endswith(".xlsx"):
        raise c.fail(top, "file_name", "名冊檔名應以 .xlsx 結尾", "file_name")
    cover = c.obj(top["cover"], "cover", top, "cover", ("sheet", "columns"))
    cover_sheet = c.str_(cover, "sheet", "cover")
    cover_cols = c.list_(cover, "columns", "cover")
    if any(x not in NAME_FIELDS for x in cover_cols):
        bad = next(x for x in cover_cols if x not in NAME_FIELDS)
        raise c.fail(cover, "cover", f"封面欄位「{bad}」不認得；可用：{'、'.join(NAME_FIELDS)}",
                     "columns")
    attachments = c.pattern(top, "attachments", "attachments", ATTACHMENT_FIELDS)
    receipt = c.obj(top["receipt"], "receipt", top, "receipt", ("info_key", "extra_columns"))
    info_key = c.str_(receipt, "info_key", "receipt")
    extra = c.list_(receipt, "extra_columns", "receipt", empty=True)
    rosters = []
    seen_kinds: set[str] = set()
    for i, raw in enumerate(c.list_(top, "rosters", "rosters"), 1):
        where = f"rosters 第 {i} 份"
        r = c.obj(raw, where, top, "rosters", (
            "name", "code", "category", "receipt_kind", "yearly", "sheets"))
        where = f"名冊「{c.str_(r, 'name', where)}」"
        c.str_(r, "code", where)
        if r["category"] not in CATEGORIES:
            raise c.fail(r, where, f"類別「{r['category']}」不認得；可用：{'、'.join(CATEGORIES)}",
                         "category")
        kind = r["receipt_kind"]
        if kind is not None and (not isinstance(kind, str) or not kind or kind in seen_kinds):
            raise c.fail(r, where, "「receipt_kind」應為收訖明細的種類名稱（不可重複）或 null",
                         "receipt_kind")
        if kind:
            seen_kinds.add(kind)
        if not isinstance(r["yearly"], bool):
            raise c.fail(r, where, "「yearly」應為 true（學期 0 的學年名冊）或 false", "yearly")
        sheets = []
        for j, sraw in enumerate(c.list_(r, "sheets", where), 1):
            here = f"{where} 工作表第 {j} 張"
            s = c.obj(sraw, here, r, "sheets", ("name", "record", "columns", "key", "title"),
                      ("kinds",))
            here = f"{where} 工作表「{c.str_(s, 'name', here)}」"
            if s["record"] not in RECORDS:
                raise c.fail(s, here, f"紀錄種類「{s['record']}」不認得；可用：{'、'.join(RECORDS)}",
                             "record")
            cols = _columns(c, c.list_(s, "columns", here), s, here)
            names = [k["name"] for k in keys] + [x["name"] for x in cols]
            for ref in (*c.list_(s, "key", here, empty=True),
                        *([s["title"]] if s["title"] else [])):
                if ref not in names:
                    raise c.fail(s, here, f"識別或標題欄「{ref}」不在這張工作表的欄位中"
                                 f"（缺少欄位「{ref}」）", "key" if ref in s["key"] else "title")
            sheet_kinds = s.get("kinds", [])
            if not isinstance(sheet_kinds, list):
                raise c.fail(s, here, "「kinds」應為清單", "kinds")
            sheets.append(Sheet(
                s["name"], tuple(x["name"] for x in cols), tuple(s["key"]), s["title"],
                record=s["record"], kinds=tuple(sheet_kinds),
                sources=tuple((x["name"], x["source"]) for x in (*keys, *cols)),
                types=tuple((x["name"], x["type"], x.get("codes"), x["required"])
                            for x in (*keys, *cols)),
                key_columns=tuple(k["name"] for k in keys)))
        rosters.append(Roster(r["name"], r["code"], kind, r["yearly"], tuple(sheets),
                              category=r["category"], file_pattern=file_name,
                              cover_sheet=cover_sheet, cover_columns=tuple(cover_cols),
                              attachment_pattern=attachments))
    return Format(version, year, str(top.get("description") or ""), tuple(rosters), info_key,
                  tuple(extra), path)


def builtin_dir() -> Path:
    from lxp_desktop.paths import resources_dir

    return resources_dir() / "formats"


def load_formats(dirs: Iterable[Path]) -> list[Format]:
    """Every format file of ``dirs`` (later folders win for the same version), oldest first;
    raises FormatError for the first file that is wrong."""
    by_version: dict[str, Format] = {}
    for d in dirs:
        if not d.is_dir():
            continue
        for path in sorted(d.glob(FILE_GLOB)):
            f = parse_format(path)
            by_version[f.version] = f
    if not by_version:
        raise FormatError("找不到任何名冊格式檔（resources/formats/format_*.json）；請重新安裝。")
    return sorted(by_version.values(), key=lambda f: (f.applies_from, f.version))


def choose(formats: Sequence[Format], school_year: int) -> Format:
    """The version that applies to ``school_year`` (the latest one starting no later)."""
    usable = [f for f in formats if f.applies_from <= school_year]
    if not usable:
        first = formats[0]
        raise FormatError(f"沒有適用 {school_year} 學年度的名冊格式（最早的格式 {first.version} "
                          f"自 {first.applies_from} 學年度起適用）。")
    return usable[-1]


def builtin() -> list[Format]:
    return load_formats([builtin_dir()])
