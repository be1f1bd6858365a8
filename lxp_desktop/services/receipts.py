"""Receipt details (收訖明細): import the file, reconcile it item by item against the ledger.

Each received row is matched to the row sent in the latest submission of its roster by
student, sheet and key: 相符 (received as sent), 不同 (same item, some column differs),
多出 (received but never sent) and 缺漏 (sent but not received). A file for another term,
with unknown students or malformed columns is refused whole, and nothing changes.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.ids import mask_id
from lxp_desktop.domain.roc import Term as TermKey
from lxp_desktop.io import rosters as rs
from lxp_desktop.io.receipts import ReceiptError, read_receipt
from lxp_desktop.services import audit, formats, precheck
from lxp_desktop.services.base import insert_items, insert_row
from lxp_desktop.services.context import Actor
from lxp_desktop.services.membership import OF_CLASS, SEAT, ClassMembership, in_year
from lxp_desktop.services.permissions import authorize
from lxp_desktop.store.models import SchoolClass, Student, utcnow
from lxp_desktop.store.submission_models import (
    Receipt,
    ReceiptItem,
    Submission,
    SubmissionItem,
)

MATCH, DIFFERENT, UNEXPECTED, MISSING = "相符", "不同", "多出", "缺漏"
OUTCOMES = (MATCH, DIFFERENT, UNEXPECTED, MISSING)


@dataclass(frozen=True)
class ImportResult:
    receipt_id: uuid.UUID
    kinds: tuple[str, ...]
    counts: dict[str, int]
    students: int


@dataclass(frozen=True)
class Difference:
    """One line of the reconciliation that is not 相符 (for the tab and the .xlsx)."""

    id: uuid.UUID
    outcome: str
    kind: str
    sheet: str
    class_code: str
    seat_no: int | None
    student_no: str
    name: str
    student_id: uuid.UUID
    title: str
    key: str
    detail: str
    record_table: str | None
    record_id: uuid.UUID | None


def _category_of(kind: str) -> str:
    """The submission category a receipt kind answers, as the layouts in force say."""
    for fmt in reversed(formats.active()):
        roster = fmt.by_kind.get(kind)
        if roster is not None:
            return roster.category
    roster = rs.BY_KIND[kind]
    return next(c for c, rosters in rs.CATEGORY_ROSTERS.items() if roster in rosters)


def _sent(session: Session, term: TermKey, kind: str) -> Submission | None:
    return session.scalars(select(Submission).where(
        Submission.school_year == term.school_year, Submission.semester == term.semester,
        Submission.category == _category_of(kind), Submission.deleted == false())
        .order_by(Submission.number.desc()).limit(1)).first()


def _title(sheet: rs.Sheet, values: dict[str, str]) -> str:
    return values.get(sheet.title, "") if sheet.title else ""


def import_receipt(session: Session, actor: Actor, path: Path, term: TermKey,
                   password: str | None = None) -> ImportResult:
    """Import and reconcile a receipt-details ZIP for ``term``; all or nothing."""
    actor = authorize(session, actor, "receipt")
    precheck.term_row(session, term)
    try:
        details = read_receipt(Path(path), password, formats.active())
    except ReceiptError as exc:
        raise ValidationFailed(str(exc)) from None
    again = session.scalars(select(Receipt).where(Receipt.file_sha256 == details.sha256,
                                                  Receipt.deleted == false())).first()
    if again is not None:
        raise ValidationFailed(f"這個收訖明細檔（{details.filename}）已經匯入過"
                               f"（{again.school_year}學年度第{again.semester}學期），不必再匯入。")
    problems = []
    for part in details.parts:
        want = 0 if part.roster.yearly else term.semester
        if (part.school_year, part.semester) != (term.school_year, want):
            problems.append(f"「{part.filename}」是{part.school_year}學年度第{part.semester}學期的"
                            f"收訖明細，不是{TermKey(term.school_year, want).label}的")
    if problems:
        raise ValidationFailed("；".join(problems) + "；請確認選擇的學期與檔案。沒有匯入任何資料。")
    ids = {nid for p in details.parts for nid, _birth in p.people}
    students = {s.national_id: s for s in session.scalars(
        select(Student).where(Student.national_id.in_(ids), Student.deleted == false()))}
    unknown = sorted(ids - set(students))
    if unknown:
        shown = "、".join(mask_id(i) for i in unknown[:5])
        more = f"等 {len(unknown)} 人" if len(unknown) > 5 else ""
        raise ValidationFailed(f"收訖明細中有本校學籍找不到的學生：{shown}{more}；"
                               "請確認檔案是本校的，或先補齊學籍。沒有匯入任何資料。")
    for p in details.parts:
        for nid, birth in p.people:
            st = students[nid]
            if rs.norm("出生日期", birth) != rs.roc_digits(st.birth_date):
                raise ValidationFailed(
                    f"收訖明細「{p.filename}」中 {mask_id(nid)} 的出生日期"
                    f"「{birth}」與學籍（{st.student_no} {st.name}）不符；"
                    "請確認檔案是本校的，或先更正學籍。沒有匯入任何資料。")
    kinds = tuple(p.kind for p in details.parts)
    sent_by_kind: dict[str, Submission] = {}
    for kind in kinds:
        sub = _sent(session, term, kind)
        if sub is None:
            raise ValidationFailed(f"本學期還沒有匯出「{_category_of(kind)}」的提交紀錄，"
                                   f"無法核對「{kind}」的收訖明細；請先匯出提交包。")
        sent_by_kind[kind] = sub

    now = utcnow()
    receipt = Receipt(school_year=term.school_year, semester=term.semester,
                      filename=details.filename, file_sha256=details.sha256,
                      kinds="、".join(kinds), imported_at=now, imported_by=actor.staff_id,
                      counts="{}")
    receipt.id = uuid.uuid4()  # its items name it; the row is written once its counts are known
    rows: list[dict[str, Any]] = []
    totals = dict.fromkeys(OUTCOMES, 0)

    def add(outcome: str, kind: str, sheet: str, key: str, student_id: uuid.UUID,
            item_id: uuid.UUID | None, title: str, term_label: str, files: int,
            detail: str | None) -> None:
        totals[outcome] += 1
        rows.append({"id": uuid.uuid4(), "receipt_id": receipt.id, "student_id": student_id,
                     "submission_item_id": item_id, "kind": kind, "sheet": sheet, "key": key,
                     "outcome": outcome, "title": title[:120], "term_label": term_label,
                     "file_count": files, "detail": detail, "version": 1, "updated_at": now,
                     "updated_by": actor.staff_id, "origin": actor.workstation,
                     "deleted": False})

    for part in details.parts:
        sub = sent_by_kind[part.kind]
        sent: dict[tuple[uuid.UUID, str, str], SubmissionItem] = {}
        for item in session.scalars(select(SubmissionItem).where(
                SubmissionItem.submission_id == sub.id, SubmissionItem.kind == part.kind)):
            sent[(item.student_id, item.sheet, item.key)] = item
        seen: set[tuple[uuid.UUID, str, str]] = set()
        for r in part.rows:
            sheet = part.roster.sheet(r.sheet)
            assert sheet is not None
            st = students[r.national_id]
            key = rs.item_key(sheet, r.values)
            k = (st.id, r.sheet, key)
            label = _term_label(part.roster, part.school_year, part.semester, r.values)
            item = sent.get(k) if k not in seen else None
            if item is None:
                add(UNEXPECTED, part.kind, r.sheet, key, st.id, None, _title(sheet, r.values),
                    label, r.file_count or 0, "中央資料庫收到，但本校的提交紀錄中沒有這一筆。")
                continue
            seen.add(k)
            values = json.loads(item.values_json)
            diffs = [f"{c}：送出「{values.get(c, '')}」，收到「{r.values.get(c, '')}」"
                     for c in sheet.columns
                     if rs.norm(c, values.get(c, "")) != rs.norm(c, r.values.get(c, ""))]
            files = r.file_count if r.file_count is not None else item.file_count
            if r.file_count is not None and r.file_count != item.file_count:
                diffs.append(f"檔案數：送出 {item.file_count} 個，收到 {r.file_count} 個")
            add(DIFFERENT if diffs else MATCH, part.kind, r.sheet, key, st.id, item.id,
                _title(sheet, values), label, files, "；".join(diffs) or None)
        for k, item in sent.items():
            if k not in seen:
                sheet = part.roster.sheet(item.sheet)
                assert sheet is not None
                values = json.loads(item.values_json)
                add(MISSING, part.kind, item.sheet, item.key, item.student_id, item.id,
                    _title(sheet, values),
                    _term_label(part.roster, part.school_year, part.semester, values),
                    item.file_count, "本校已送出，但收訖明細中沒有這一筆。")
    receipt.counts = json.dumps(totals, ensure_ascii=False)
    insert_row(session, actor, "receipt", receipt)
    insert_items(session, ReceiptItem, rows)
    audit.record(session, actor, "receipt", receipt.id, "reconcile",
                 {k: (None, v) for k, v in totals.items()})
    session.flush()
    from lxp_desktop.services import confirmation

    confirmation.add_new_students(session, actor, term)
    return ImportResult(receipt.id, kinds, totals,
                        len({r["student_id"] for r in rows}))


def _term_label(roster: rs.Roster, year: int, semester: int, values: dict[str, str]) -> str:
    sem = values.get("實際修課學期") or (str(semester) if not roster.yearly else "0")
    return f"{year}-{sem}"


def current_items(session: Session, term: TermKey) -> Any:
    """The reconciliation lines in force: of each kind, those of the latest receipt."""
    latest: dict[str, uuid.UUID] = {}
    for r in session.scalars(select(Receipt).where(
            Receipt.school_year == term.school_year, Receipt.semester == term.semester,
            Receipt.deleted == false()).order_by(Receipt.imported_at)):
        for kind in r.kinds.split("、"):
            latest[kind] = r.id
    if not latest:
        return None
    from sqlalchemy import and_, or_

    return or_(*[and_(ReceiptItem.receipt_id == rid, ReceiptItem.kind == kind)
                 for kind, rid in latest.items()])


def differences(session: Session, term: TermKey, include_matches: bool = False
                ) -> list[Difference]:
    cond = current_items(session, term)
    if cond is None:
        return []
    stmt = (select(ReceiptItem, Student.student_no, Student.name, SchoolClass.code,
                   SEAT, SubmissionItem.record_table, SubmissionItem.record_id)
            .join(Student, ReceiptItem.student_id == Student.id)
            .outerjoin(ClassMembership, in_year(term.school_year)).outerjoin(SchoolClass, OF_CLASS)
            .outerjoin(SubmissionItem, ReceiptItem.submission_item_id == SubmissionItem.id)
            .where(cond, ReceiptItem.deleted == false()))
    if not include_matches:
        stmt = stmt.where(ReceiptItem.outcome != MATCH)
    stmt = stmt.order_by(ReceiptItem.outcome, SchoolClass.code, SEAT,
                         ReceiptItem.kind, ReceiptItem.key)
    return [Difference(i.id, i.outcome, i.kind, i.sheet, klass or "", seat, no, name,
                       i.student_id, i.title, i.key, i.detail or "", table, rid)
            for i, no, name, klass, seat, table, rid in session.execute(stmt)]


def reconciliation_counts(session: Session, term: TermKey) -> dict[str, int]:
    from sqlalchemy import func

    cond = current_items(session, term)
    out = dict.fromkeys(OUTCOMES, 0)
    if cond is None:
        return out
    for outcome, n in session.execute(select(ReceiptItem.outcome, func.count())
                                      .where(cond, ReceiptItem.deleted == false())
                                      .group_by(ReceiptItem.outcome)):
        out[outcome] = int(n)
    return out


def export_differences(session: Session, term: TermKey, path: Path) -> int:
    """The differences as an .xlsx for the clerk; returns how many lines were written."""
    from openpyxl import Workbook

    from lxp_desktop.io.tabular import safe_row

    rows = differences(session, term)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("收訖差異")
    ws.append(["核對結果", "種類", "工作表", "班級", "座號", "學號", "姓名", "項目", "說明"])
    for d in rows:
        ws.append(safe_row([d.outcome, d.kind, d.sheet, d.class_code, d.seat_no, d.student_no,
                            d.name, d.title or d.key, d.detail]))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return len(rows)
