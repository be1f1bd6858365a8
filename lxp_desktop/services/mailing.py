"""Notices as documents, and mailing them in batches: the use cases of the 紙本通知 tab and of
``lxp-desktop notices``, so the window and the command line do the same thing.

- :func:`issue_batch` — generate the letters of a list of students. A student who already has
  a live notice (已產生 or 已寄出) for the term is not given a second one silently: the call
  raises :class:`LiveNotices` unless the caller said ``live=REPRINT`` (print the live notice
  again: same reference, same reply code) or ``live=REISSUE`` (void it and issue a new one).
- :func:`reprint` — the PDF of notices made earlier (or from the command line), any time;
  the reprint is in the audit log.
- :func:`void` — 已作廢: the reply code of a voided notice reports so when scanned
  (:func:`scan`).
- :func:`mark_sent` / :func:`assign_registered` / :func:`mark_returned` — 登記寄出,
  掛號號碼 and 退件 for many notices at once, all or nothing.
- :func:`registered_numbers_from_file` / :func:`number_sequence` — the post office's list
  of 掛號號碼 (Excel or CSV), or numbers typed or scanned one after another.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.domain.roc import Term, format_roc
from lxp_desktop.domain.text import strip_text, to_halfwidth
from lxp_desktop.services import audit, notices
from lxp_desktop.services.context import Actor
from lxp_desktop.services.notices import GENERATED, SENT
from lxp_desktop.services.permissions import authorize
from lxp_desktop.store.models import Student
from lxp_desktop.store.notice_models import Notice

VOIDED = notices.VOIDED
LIVE = (GENERATED, SENT)
ASK, REPRINT, REISSUE = "ask", "reprint", "reissue"

Progress = Callable[[int, int, str], None]


@dataclass
class LiveNotice:
    student_no: str
    name: str
    reference: str
    state: str

    def describe(self) -> str:
        return f"{self.student_no} {self.name}：已有通知 {self.reference}（{self.state}）"


class LiveNotices(ValidationFailed):
    """Some students already have a live notice; the caller asks reprint or void-and-reissue."""

    def __init__(self, live: list[LiveNotice]) -> None:
        self.live = live
        super().__init__([FieldError(x.student_no, x.describe()) for x in live])


@dataclass
class IssueResult:
    """What :func:`issue_batch` did: the notices in the PDF, in its (postal-code) order."""

    notice_ids: list[uuid.UUID]
    made: list[str] = field(default_factory=list)  # references of new notices
    reprinted: list[str] = field(default_factory=list)
    voided: list[str] = field(default_factory=list)
    pages: int = 0
    fallback: list[tuple[str, list[str]]] = field(default_factory=list)


def live_notices(session: Session, term: Term,
                 student_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Notice]:
    """Each student's live notice for the term (已產生 or 已寄出), if any."""
    latest = notices.latest_notices(session, term, student_ids)
    return {sid: n for sid, n in latest.items() if n.state in LIVE}


def _describe_live(session: Session, live: dict[uuid.UUID, Notice]) -> list[LiveNotice]:
    out = []
    for sid, n in live.items():
        s = session.get(Student, sid)
        out.append(LiveNotice(s.student_no if s else "", s.name if s else "", n.reference,
                              n.state))
    return sorted(out, key=lambda x: x.student_no)


def _write_atomic(render: Callable[[Path], object], out: Path) -> None:
    """The PDF appears whole at ``out`` or not at all. It is made in a private work folder
    inside the data folder (never a half-written copy beside ``out``), put in place in one
    step, and a crash's work folder is removed at the next start (``services.scratch``)."""
    from lxp_desktop import paths
    from lxp_desktop.services.scratch import put_in_place, work_dir
    from lxp_desktop.store import crashpoints

    with work_dir(paths.data_dir(), ".notices-") as work:
        tmp = Path(work) / "notices.pdf"
        render(tmp)
        crashpoints.reach("notices:rendered")
        put_in_place(tmp, out, Path(work))
        crashpoints.reach("notices:placed")


def issue_batch(session: Session, actor: Actor, term: Term, student_ids: Sequence[uuid.UUID],
                out: Path, *, today: date, deadline: date | None = None,
                live: str = ASK, progress: Progress | None = None) -> IssueResult:
    """Generate (or, for live notices, reprint or reissue) the letters of ``student_ids`` and
    write them as one PDF at ``out``; all or nothing (the caller's transaction)."""
    actor = authorize(session, actor, "notice")
    if live not in (ASK, REPRINT, REISSUE):
        raise ValueError(live)
    existing = live_notices(session, term, student_ids)
    if existing and live == ASK:
        raise LiveNotices(_describe_live(session, existing))
    result = IssueResult([])
    kept: list[Notice] = []
    if live == REPRINT:
        kept = list(existing.values())
        fresh = [sid for sid in student_ids if sid not in existing]
    else:
        for n in existing.values():
            void(session, actor, n.id, "重新產生通知，改寄新的一份", today=today)
            result.voided.append(n.reference)
        fresh = list(student_ids)
    made: list[Notice] = []
    if fresh:
        step = (lambda d, t, text: progress(d, 2 * t, text)) if progress else None
        made = notices.create_batch(session, actor, term, fresh, issued_on=today,
                                    deadline=deadline, progress=step)
    for n in kept:
        audit.record(session, actor, "notice", n.id, "reprint", {})
    everything = sorted(made + kept, key=lambda n: (n.postal_code, n.reference))
    result.made = [n.reference for n in made]
    result.reprinted = [n.reference for n in kept]
    result.notice_ids = [n.id for n in everything]
    result.fallback = notices.fallback_report(session, term, list(student_ids))
    total = len(everything)

    def render(path: Path) -> None:
        r = notices.render(session, everything, path, progress=(
            (lambda d, t: progress(total + d, 2 * total, "列印中")) if progress else None))
        result.pages = r.pages

    _write_atomic(render, out)
    return result


def reprint(session: Session, actor: Actor, notice_ids: Sequence[uuid.UUID | str],
            out: Path) -> int:
    """The letters of notices made earlier, as they were (reference, reply code, items);
    each reprint is logged. Returns the pages written."""
    actor = authorize(session, actor, "notice")
    chosen = [notices.get_notice(session, i) for i in notice_ids]
    if not chosen:
        raise ValidationFailed("沒有選擇任何通知；請先在清單中選擇已產生通知的學生。")
    voided = [n.reference for n in chosen if n.state == VOIDED]
    if voided:
        raise ValidationFailed(f"通知 {'、'.join(voided)} 已作廢，不能再印；請印新發的通知。")
    chosen.sort(key=lambda n: (n.postal_code, n.reference))
    pages = 0

    def render(path: Path) -> None:
        nonlocal pages
        pages = notices.render(session, chosen, path).pages

    _write_atomic(render, out)
    for n in chosen:
        audit.record(session, actor, "notice", n.id, "reprint", {})
    return pages


def void(session: Session, actor: Actor, notice_id: uuid.UUID | str, reason: str, *,
         today: date) -> Notice:
    """已產生 / 已寄出 → 已作廢: its reply slip no longer counts."""
    actor = authorize(session, actor, "notice")
    n = notices.get_notice(session, notice_id)
    if n.state not in LIVE:
        raise ValidationFailed(f"通知 {n.reference} 目前是「{n.state}」，不能作廢。")
    return notices.service.apply(session, actor, n, {
        "state": VOIDED, "returned_on": today, "return_reason": (reason or "作廢")[:100]},
        action="void")


@dataclass
class Scanned:
    """What a scanned reply code is: the notice to record a reply for, or why not."""

    notice_id: uuid.UUID | None
    message: str = ""


def scan(session: Session, text: str) -> Scanned:
    n = notices.find_by_reference(session, text)
    code = strip_text(text or "")
    if n is None:
        return Scanned(None, f"找不到參考編號「{code}」的通知。")
    if n.state == VOIDED:
        newer = session.scalars(select(Notice).where(
            Notice.student_id == n.student_id, Notice.school_year == n.school_year,
            Notice.semester == n.semester, Notice.deleted == false(),
            Notice.state != VOIDED).order_by(Notice.issued_on.desc())).first()
        hint = f"；請改用新發通知 {newer.reference} 的回條" if newer else ""
        return Scanned(None, f"通知 {n.reference} 已作廢（{format_roc(n.returned_on)}），"
                             f"這張回條不算數{hint}。" if n.returned_on else
                             f"通知 {n.reference} 已作廢，這張回條不算數{hint}。")
    return Scanned(n.id)


# --- mailing in batches -------------------------------------------------------------------
def notices_of(session: Session, notice_ids: Sequence[uuid.UUID | str]) -> list[Notice]:
    """The notices in mail-list order (postal code, reference) — the order of the labels,
    the envelopes and the post office's list."""
    return sorted((notices.get_notice(session, i) for i in notice_ids),
                  key=lambda n: (n.postal_code, n.reference))


def mark_sent(session: Session, actor: Actor, notice_ids: Sequence[uuid.UUID | str],
              sent_on: date, registered: Sequence[str] | None = None) -> int:
    """登記寄出 for every notice (all or nothing); ``registered`` are their 掛號號碼 in
    mail-list order, when known. Returns how many."""
    ordered = notices_of(session, notice_ids)
    if not ordered:
        raise ValidationFailed("沒有選擇任何通知；請選擇要登記寄出的通知，或選「整批」。")
    numbers = list(registered or [])
    if numbers and len(numbers) != len(ordered):
        raise ValidationFailed(FieldError("registered_no", (
            f"掛號號碼有 {len(numbers)} 個，通知有 {len(ordered)} 份；"
            "請對照執據補齊或刪去多的號碼。")))
    _no_duplicates(numbers)
    bad = [f"{n.reference}（{n.state}）" for n in ordered if n.state not in LIVE]
    if bad:
        raise ValidationFailed(f"這些通知不是已產生或已寄出，不能登記寄出：{'、'.join(bad)}")
    for i, n in enumerate(ordered):
        number = numbers[i] if numbers else n.registered_no
        notices.mark_sent(session, actor, n.id, sent_on, number)
    return len(ordered)


def assign_registered(session: Session, actor: Actor, pairs: Sequence[tuple[str, str]],
                      sent_on: date) -> int:
    """(reference, 掛號號碼) pairs from the post office's list: each notice gets its number;
    one not yet logged as sent is sent on ``sent_on`` (a sent one keeps its date). Returns
    how many."""
    if not pairs:
        raise ValidationFailed("清單中沒有任何掛號號碼。")
    _no_duplicates([number for _ref, number in pairs])
    problems = []
    found: list[tuple[Notice, str]] = []
    for row, (ref, number) in enumerate(pairs, 1):
        n = notices.find_by_reference(session, ref)
        if n is None:
            problems.append(FieldError(f"第 {row} 列", f"第 {row} 列：找不到參考編號「{ref}」的通知。"))
        elif n.state not in LIVE:
            problems.append(FieldError(f"第 {row} 列", f"第 {row} 列：通知 {n.reference} 是「{n.state}」，不能登記掛號號碼。"))
        else:
            found.append((n, number))
    if problems:
        raise ValidationFailed(problems)
    for n, number in found:
        notices.mark_sent(session, actor, n.id, n.sent_on or sent_on, number)
    return len(found)


def mark_returned(session: Session, actor: Actor, notice_ids: Sequence[uuid.UUID | str],
                  returned_on: date, reason: str) -> int:
    """退件 for every notice (all or nothing), with the post office's reason."""
    ordered = notices_of(session, notice_ids)
    if not ordered:
        raise ValidationFailed("沒有選擇任何通知；請選擇被退回的通知。")
    bad = [f"{n.reference}（{n.state}）" for n in ordered if n.state != SENT]
    if bad:
        raise ValidationFailed(f"只有已寄出的通知會被退回；這些不是：{'、'.join(bad)}")
    for n in ordered:
        notices.mark_returned(session, actor, n.id, returned_on, reason)
    return len(ordered)


_NUMBER = re.compile(r"^[0-9A-Z][0-9A-Z\-]{0,19}$")


def clean_number(text: str) -> str:
    return strip_text(to_halfwidth(text or "")).upper().replace(" ", "")


def _no_duplicates(numbers: Sequence[str]) -> None:
    seen: dict[str, int] = {}
    for i, number in enumerate(numbers, 1):
        if number in seen:
            raise ValidationFailed(FieldError("registered_no", (
                f"掛號號碼 {number} 出現兩次（第 {seen[number]} 與第 {i} 個）；"
                "每封掛號信的號碼都不同，請對照執據更正。")))
        seen[number] = i


def number_sequence(text: str, count: int) -> list[str]:
    """Numbers typed or scanned one after another (one a line, or spaces between); a single
    number with ``count`` > 1 is the first of a run of consecutive labels (its last digits
    count up: 123450, 123451, …)."""
    numbers = [clean_number(t) for t in re.split(r"[\s,，、]+", text or "") if t.strip()]
    for i, number in enumerate(numbers, 1):
        if not _NUMBER.match(number):
            raise ValidationFailed(FieldError("registered_no", (
                f"第 {i} 個掛號號碼「{number}」只能有英數字與連字號，最多 20 碼；請對照執據。")))
    if len(numbers) == 1 and count > 1:
        head = re.match(r"^(.*?)(\d+)$", numbers[0])
        if head is None:
            raise ValidationFailed(FieldError("registered_no", (
                f"「{numbers[0]}」的最後不是數字，無法往下編號；請逐一輸入每封的號碼。")))
        prefix, digits = head.groups()
        start = int(digits)
        if len(str(start + count - 1)) > len(digits):
            raise ValidationFailed(FieldError("registered_no", (
                f"從 {numbers[0]} 往下編 {count} 個號碼會超過 {len(digits)} 位數；請分段輸入。")))
        numbers = [f"{prefix}{start + i:0{len(digits)}d}" for i in range(count)]
    return numbers


_REF_HEADERS = ("參考編號", "通知編號", "reference")
_NO_HEADERS = ("掛號號碼", "掛號號碼(郵局填)", "掛號號碼（郵局填）", "號碼", "registered_no")


def registered_numbers_from_file(path: Path) -> list[tuple[str, str]]:
    """(reference, 掛號號碼) from the post office's list (.xlsx or .csv): a 參考編號 column
    and a 掛號號碼 column, header in the first row (our own 大宗掛號 list, filled in, is
    such a file). Rows without a number are skipped; a bad row is named with its fix."""
    suffix = path.suffix.lower()
    rows: list[list[str]]
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = wb.worksheets[0]
            rows = [["" if v is None else str(v) for v in row]
                    for row in sheet.iter_rows(values_only=True)]
        finally:
            wb.close()
    elif suffix == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "big5"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValidationFailed(f"{path.name}：無法讀取，請存成 UTF-8 或 Big5 的 CSV。")
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise ValidationFailed(f"{path.name}：請選 .xlsx 或 .csv 檔。")
    header_row = next((i for i, r in enumerate(rows[:10])
                       if any(strip_text(c) in _REF_HEADERS for c in r)), None)
    if header_row is None:
        raise ValidationFailed(f"{path.name}：找不到「參考編號」欄；第一列要有「參考編號」與「掛號號碼」兩欄標題。")
    header = [strip_text(c) for c in rows[header_row]]
    ref_col = next(i for i, c in enumerate(header) if c in _REF_HEADERS)
    no_col = next((i for i, c in enumerate(header) if c in _NO_HEADERS), None)
    if no_col is None:
        raise ValidationFailed(f"{path.name}：找不到「掛號號碼」欄；請在第 {header_row + 1} 列加上這一欄的標題。")
    out: list[tuple[str, str]] = []
    problems = []
    for i, r in enumerate(rows[header_row + 1:], header_row + 2):
        ref = strip_text(r[ref_col]) if ref_col < len(r) else ""
        number = clean_number(r[no_col]) if no_col < len(r) else ""
        if number.endswith(".0") and number[:-2].isdigit():
            number = number[:-2]  # a number Excel stored as a float
        if not number or not ref:
            continue
        if not _NUMBER.match(number):
            problems.append(FieldError(f"第 {i} 列", f"第 {i} 列，掛號號碼「{number}」：只能有英數字與連字號，最多 20 碼；請對照執據更正。"))
            continue
        out.append((ref, number))
    if problems:
        raise ValidationFailed(problems)
    return out


def batches(session: Session, term: Term) -> list[tuple[str, date, int]]:
    """The term's batches (batch id, date issued, live notices), newest first."""
    rows: dict[str, list[Notice]] = {}
    for n in session.scalars(select(Notice).where(
            Notice.school_year == term.school_year, Notice.semester == term.semester,
            Notice.deleted == false())):
        rows.setdefault(n.batch, []).append(n)
    out = [(b, min(n.issued_on for n in ns), sum(n.state in LIVE for n in ns))
           for b, ns in rows.items()]
    return sorted(out, key=lambda x: x[1], reverse=True)
