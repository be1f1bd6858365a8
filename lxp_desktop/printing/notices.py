"""The paper confirmation notice (收訖明細確認通知): one A4 letter per departed student.

A letter: the school's letterhead, the date (ROC) and reference number, the recipient block
where a window envelope shows it, the student's name, former class, 學號 and masked ID, the
table of received items (continued on as many pages as it needs, header repeated, nothing
cut off), the deadline and how to confirm or object, and a tear-off reply slip (回條) with a
QR code and a Code 128 barcode of the reference. Plain data in, PDF out: no database here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from lxp_desktop.domain.roc import format_roc_long
from lxp_desktop.printing.fonts import Fonts, fonts
from lxp_desktop.printing.text import draw, name_lines, wrap, wrap_address

PAGE_W, PAGE_H = A4
MARGIN = 20 * mm
GREY = Color(0.35, 0.35, 0.35)
LIGHT = Color(0.92, 0.92, 0.92)


@dataclass(frozen=True)
class LetterItem:
    category: str  # 修課紀錄, 幹部經歷, 課程學習成果, 多元表現
    term: str  # 113學年度第2學期 / 113學年度
    title: str
    files: int | None = None
    #: the values received, as a family checks them: 「2學分　成績 85」, a date, the files
    detail: str = ""


@dataclass(frozen=True)
class SchoolHeader:
    name: str
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


@dataclass(frozen=True)
class WindowFrame:
    """Where the window envelope shows the address, in millimetres from the top-left corner."""

    left_mm: float = 20.0
    top_mm: float = 50.0
    width_mm: float = 90.0
    height_mm: float = 35.0


@dataclass(frozen=True)
class Letter:
    reference: str
    issued_on: date
    deadline: date
    name: str
    student_no: str
    class_name: str
    masked_id: str
    postal_code: str
    address: str
    term_label: str
    items: Sequence[LetterItem] = field(default_factory=tuple)
    salutation: str = "同學 收"
    #: the envelope's name line when not 「name salutation」 (a letter to the guardian)
    recipient: str = ""


@dataclass
class RenderResult:
    pages: int = 0
    #: pages of each letter, in order
    letter_pages: list[int] = field(default_factory=list)


# table columns: (header, width in mm)
#: one half of the table: the items run in two columns, left to right, under a heading per
#: category and term (a family reads 「修課紀錄 113學年度第2學期」 once, not on every line)
COLUMNS = (("序", 7.0), ("名稱／科目", 45.0), ("收訖內容", 32.0))
HALF = sum(w for _h, w in COLUMNS) * mm
GUTTER = 2 * mm
ROW_FONT = 9
ROW_LEADING = 4.2 * mm
ROW_PAD = 0.7 * mm
HEADER_H = 6 * mm
GROUP_H = 6 * mm
SLIP_TOP = 76 * mm  # the cut line; the reply slip lies below it
BOTTOM = 16 * mm
CLOSING_LEADING = 4.2 * mm


def _closing_lines(f: Fonts, letter: Letter, school: SchoolHeader) -> list[str]:
    deadline = format_roc_long(letter.deadline)
    ways = []
    if school.contact_phone or school.phone:
        who = f"（{school.contact_name}）" if school.contact_name else ""
        ways.append(f"電話 {school.contact_phone or school.phone}{who}")
    if school.contact_email:
        ways.append(f"電子郵件 {school.contact_email}")
    ways += ["親至本校註冊組", "填寫下方回條寄回或送回本校"]
    text = (f"請於 {deadline} 前以下列任一方式確認或提出疑義：" + "、".join(
        f"{i}. {w}" for i, w in enumerate(ways, 1)) + "。\n"
        "逾期未回覆者視為確認無誤。提出疑義者，本校將於 3 日內查明處理並回覆您。\n"
        "個人資料蒐集告知（個人資料保護法第8條）：本通知所載個人資料由本校依法蒐集，"
        "僅供學生學習歷程檔案收訖明細確認之用。")
    return wrap(f, text, f.regular, 8.5, PAGE_W - 2 * MARGIN)


def _row_lines(f: Fonts, number: int, item: LetterItem) -> list[list[str]]:
    detail = item.detail or ("" if item.files is None else f"檔案 {item.files} 個")
    cells = [str(number), item.title, detail]
    out = []
    for (_h, w), text in zip(COLUMNS, cells, strict=True):
        out.append(wrap(f, text, f.regular, ROW_FONT, w * mm - 2 * ROW_PAD) if text else [""])
    return out


#: a line of the table: a heading (category and term) or up to two items side by side
Line = tuple[str, list[list[list[str]]], float]


def _table_lines(f: Fonts, items: Sequence[LetterItem]) -> list[Line]:
    out: list[Line] = []
    groups: list[tuple[tuple[str, str], list[tuple[int, LetterItem]]]] = []
    for n, item in enumerate(items, 1):
        key = (item.category, item.term)
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append((n, item))
    for (category, term), members in groups:
        out.append((f"{category}　{term}（{len(members)} 項）", [], GROUP_H))
        for i in range(0, len(members), 2):
            cells = [_row_lines(f, n, item) for n, item in members[i:i + 2]]
            height = max(len(c) for cell in cells for c in cell) * ROW_LEADING + 2 * ROW_PAD
            out.append(("", cells, height))
    return out


class _Writer:
    def __init__(self, c: Canvas, f: Fonts, school: SchoolHeader, frame: WindowFrame) -> None:
        self.c, self.f, self.school, self.frame = c, f, school, frame

    # --- pieces --------------------------------------------------------------------------
    def letterhead(self) -> None:
        c, f, s = self.c, self.f, self.school
        y = PAGE_H - 18 * mm
        draw(c, f, MARGIN, y, s.name, f.bold, 15)
        small = []
        if s.address:
            small.append(f"地址：{s.postal_code} {s.address}".replace("  ", " "))
        if s.phone:
            small.append(f"電話：{s.phone}")
        draw(c, f, MARGIN, y - 6 * mm, "　".join(small), f.regular, 8.5)
        contact = [f"承辦：註冊組 {s.contact_name}".rstrip()]
        if s.contact_phone:
            contact.append(f"電話：{s.contact_phone}")
        if s.contact_email:
            contact.append(f"電子郵件：{s.contact_email}")
        draw(c, f, MARGIN, y - 10.5 * mm, "　".join(contact), f.regular, 8.5)
        c.setStrokeColor(black)
        c.setLineWidth(0.8)
        c.line(MARGIN, y - 13.5 * mm, PAGE_W - MARGIN, y - 13.5 * mm)

    def page_mark(self, letter: Letter, page: int, total: int) -> None:
        self.c.setFillColor(GREY)
        draw(self.c, self.f, PAGE_W - MARGIN, PAGE_H - 10 * mm,
             f"參考編號 {letter.reference}　第 {page}／{total} 頁", self.f.regular, 8,
             align="right")
        self.c.setFillColor(black)

    def address_block(self, letter: Letter) -> None:
        c, f, fr = self.c, self.f, self.frame
        x = fr.left_mm * mm + 3 * mm
        width = fr.width_mm * mm - 6 * mm
        y = PAGE_H - fr.top_mm * mm - 6 * mm
        draw(c, f, x, y, letter.postal_code, f.bold, 12)
        y -= 5.6 * mm
        for line in wrap_address(f, letter.address, f.regular, 11.5, width)[:3]:
            draw(c, f, x, y, line, f.regular, 11.5)
            y -= 5.2 * mm
        y -= 1.5 * mm
        for line in name_lines(f, letter.recipient or f"{letter.name} {letter.salutation}",
                               f.bold, 13, width):
            draw(c, f, x, y, line, f.bold, 13)
            y -= 5.6 * mm

    def facts(self, letter: Letter) -> None:
        c, f = self.c, self.f
        x = (self.frame.left_mm + self.frame.width_mm + 10) * mm
        x = max(x, 118 * mm)
        y = PAGE_H - 52 * mm
        for label, value in (("發文日期", format_roc_long(letter.issued_on)),
                             ("參考編號", letter.reference), ("學　　號", letter.student_no),
                             ("原 班 級", letter.class_name or "—"),
                             ("身分證號", letter.masked_id or "—")):
            draw(c, f, x, y, f"{label}：{value}", f.regular, 9.5)
            y -= 5.4 * mm

    def intro(self, letter: Letter, y: float) -> float:
        c, f = self.c, self.f
        title = "學生學習歷程檔案　收訖明細確認通知"
        if self.frame.top_mm >= 45:  # between the letterhead and the window: room for it
            draw(c, f, PAGE_W / 2, PAGE_H - (self.frame.top_mm - 9) * mm, title, f.bold, 15,
                 align="centre")
        else:
            draw(c, f, PAGE_W / 2, y, title, f.bold, 15, align="centre")
            y -= 10 * mm
        text = (f"{letter.name} 同學您好：本校已將您 {letter.term_label} 的學生學習歷程檔案提交至"
                f"中央資料庫。以下是中央資料庫收訖的項目（共 {len(letter.items)} 項）及收到的內容，"
                f"請逐項核對，並於 {format_roc_long(letter.deadline)} 前回覆。")
        for line in wrap(f, text, f.regular, 10, PAGE_W - 2 * MARGIN):
            draw(c, f, MARGIN, y, line, f.regular, 10)
            y -= 5.2 * mm
        return y - 1.5 * mm

    def continued(self, letter: Letter) -> float:
        y = PAGE_H - 18 * mm
        draw(self.c, self.f, MARGIN, y, f"{self.school.name}　收訖明細確認通知（續）",
             self.f.bold, 12)
        draw(self.c, self.f, MARGIN, y - 6 * mm,
             f"{letter.name} 同學　學號 {letter.student_no}", self.f.regular, 9.5)
        self.c.setLineWidth(0.5)
        self.c.line(MARGIN, y - 9 * mm, PAGE_W - MARGIN, y - 9 * mm)
        return y - 14 * mm

    def table_header(self, y: float) -> float:
        c, f = self.c, self.f
        c.setFillColor(LIGHT)
        c.rect(MARGIN, y - HEADER_H, PAGE_W - 2 * MARGIN, HEADER_H, stroke=0, fill=1)
        c.setFillColor(black)
        for half in (0, 1):
            x = MARGIN + half * (HALF + GUTTER)
            for head, w in COLUMNS:
                draw(c, f, x + ROW_PAD, y - HEADER_H + 1.9 * mm, head, f.bold, ROW_FONT)
                x += w * mm
        c.setLineWidth(0.6)
        c.line(MARGIN, y - HEADER_H, PAGE_W - MARGIN, y - HEADER_H)
        return y - HEADER_H

    def line(self, y: float, line: Line) -> float:
        c, f = self.c, self.f
        heading, cells, height = line
        if heading:
            draw(c, f, MARGIN + ROW_PAD, y - height + 1.8 * mm, heading, f.bold, ROW_FONT)
            c.setLineWidth(0.4)
            c.line(MARGIN, y - height, PAGE_W - MARGIN, y - height)
            return y - height
        for half, item in enumerate(cells):
            x = MARGIN + half * (HALF + GUTTER)
            for (_h, w), cell in zip(COLUMNS, item, strict=True):
                ty = y - ROW_PAD - ROW_FONT * 0.85
                for text in cell:
                    draw(c, f, x + ROW_PAD, ty, text, f.regular, ROW_FONT)
                    ty -= ROW_LEADING
                x += w * mm
        c.setLineWidth(0.25)
        c.setStrokeColor(GREY)
        c.line(MARGIN, y - height, PAGE_W - MARGIN, y - height)
        c.line(MARGIN + HALF + GUTTER / 2, y, MARGIN + HALF + GUTTER / 2, y - height)
        c.setStrokeColor(black)
        return y - height

    def closing(self, lines: list[str], y: float) -> float:
        for line in lines:
            draw(self.c, self.f, MARGIN, y, line, self.f.regular, 8.5)
            y -= CLOSING_LEADING
        return y

    def reply_slip(self, letter: Letter) -> None:
        c, f, s = self.c, self.f, self.school
        c.setDash(3, 3)
        c.setLineWidth(0.6)
        c.line(8 * mm, SLIP_TOP, PAGE_W - 8 * mm, SLIP_TOP)
        c.setDash()
        c.setFillColor(GREY)
        draw(c, f, PAGE_W / 2, SLIP_TOP + 1.5 * mm, "✂　請沿虛線剪下回條，填寫後寄回或送回本校註冊組",
             f.regular, 8, align="centre")
        c.setFillColor(black)
        y = SLIP_TOP - 8 * mm
        draw(c, f, MARGIN, y, "回　條", f.bold, 14)
        draw(c, f, MARGIN + 25 * mm, y, f"參考編號：{letter.reference}", f.regular, 10)
        y -= 7.5 * mm
        draw(c, f, MARGIN, y, f"學生姓名：{letter.name}　學號：{letter.student_no}　"
             f"原班級：{letter.class_name or '—'}", f.regular, 10.5)
        y -= 7.5 * mm
        box = 3.6 * mm
        c.setLineWidth(0.8)
        c.rect(MARGIN, y - 0.6 * mm, box, box)
        draw(c, f, MARGIN + box + 2 * mm, y, "確認無誤", f.regular, 10.5)
        c.rect(MARGIN + 30 * mm, y - 0.6 * mm, box, box)
        draw(c, f, MARGIN + 30 * mm + box + 2 * mm, y, "有疑義（請寫明哪一項有誤及正確內容）：",
             f.regular, 10.5)
        c.setLineWidth(0.4)
        for _ in range(2):
            y -= 7.5 * mm
            c.line(MARGIN, y, 132 * mm, y)
        y -= 9 * mm
        draw(c, f, MARGIN, y, "簽名：＿＿＿＿＿＿＿　日期：＿＿＿＿＿＿　電話：＿＿＿＿＿＿＿",
             f.regular, 10)
        y -= 7 * mm
        draw(c, f, MARGIN, y, f"請於 {format_roc_long(letter.deadline)} 前寄回：", f.regular, 9)
        y -= 4.6 * mm
        back = f"{s.postal_code} {s.address} {s.name} 註冊組 收".strip()
        for line in wrap(f, back, f.regular, 9, 112 * mm)[:2]:
            draw(c, f, MARGIN, y, line, f.regular, 9)
            y -= 4.4 * mm
        self.codes(letter.reference)

    def codes(self, reference: str) -> None:
        c = self.c
        size = 30 * mm
        draw_qr(c, reference, PAGE_W - MARGIN - size, SLIP_TOP - 8 * mm - size, size)
        bar = Code128(reference, barHeight=11 * mm, barWidth=0.3 * mm, humanReadable=False,
                      quiet=True)
        x = PAGE_W - MARGIN - bar.width
        bar.drawOn(c, x, 24 * mm)
        draw(c, self.f, PAGE_W - MARGIN - bar.width / 2, 19.5 * mm, reference, self.f.regular,
             9, align="centre")


def draw_qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    """A QR code (level M, 4-module quiet zone) as one filled path; drawn directly rather
    than through reportlab's graphics renderer, which would add an unembedded Helvetica."""
    q = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    q.addData(text)
    q.make()
    n = q.getModuleCount()
    cell = size / (n + 8)
    path = c.beginPath()
    for r in range(n):
        row = q.modules[r]
        col = 0
        while col < n:  # one rectangle per run of dark modules keeps the page small and fast
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                path.rect(x + (start + 4) * cell, y + size - (r + 5) * cell,
                          (col - start) * cell, cell)
            col += 1
    c.setFillColor(black)
    c.drawPath(path, stroke=0, fill=1)


def _plan(f: Fonts, letter: Letter, first_top: float, closing_h: float) -> list[list[Line]]:
    """The table lines of each page. The pages are filled: when everything fits above the
    closing text and the reply slip of page 1, one page; otherwise the lines run to the
    foot of each page, and the last page keeps room for the closing text and the slip (the
    last lines move there rather than leave a page with the slip alone)."""
    cont_top = PAGE_H - 32 * mm - HEADER_H
    lines = _table_lines(f, letter.items)
    limit_last = SLIP_TOP + 3 * mm + closing_h
    pages: list[list[Line]] = [[]]
    y = first_top - HEADER_H
    for line in lines:
        if y - line[2] < BOTTOM:
            pages.append([])
            y = cont_top
        pages[-1].append(line)
        y -= line[2]
    if y < limit_last:
        # the closing and the slip go on a page after the filled ones; a heading never
        # ends a page (it moves with its first line)
        tail: list[Line] = []
        while pages[-1] and pages[-1][-1][0]:
            tail.insert(0, pages[-1].pop())
        pages.append(tail)
    return pages


def render_letters(letters: Sequence[Letter], out: str | Path | BinaryIO, school: SchoolHeader,
                   frame: WindowFrame | None = None, *, use_fallback: bool = True,
                   progress: Callable[[int, int], None] | None = None) -> RenderResult:
    """Write every letter into one PDF; ``progress(done, total)`` after each letter."""
    f = fonts(use_fallback)
    frame = frame or WindowFrame()
    c = Canvas(str(out) if isinstance(out, Path) else out, pagesize=A4, pageCompression=1,
               invariant=1, initialFontName=f.regular)  # no unembedded Helvetica
    c.setTitle("收訖明細確認通知")
    c.setAuthor(school.name)
    c.setCreator("LXP Desktop")
    w = _Writer(c, f, school, frame)
    result = RenderResult()
    intro_top = PAGE_H - (frame.top_mm + frame.height_mm + 7) * mm
    for i, letter in enumerate(letters):
        closing = _closing_lines(f, letter, school)
        closing_h = len(closing) * CLOSING_LEADING + 4.5 * mm
        # the intro's height does not depend on the page, so measure it by drawing on page 1
        w.letterhead()
        w.address_block(letter)
        w.facts(letter)
        table_top = w.intro(letter, intro_top)
        pages = _plan(f, letter, table_top, closing_h)
        total = len(pages)
        y = table_top
        for p, rows in enumerate(pages, 1):
            if p > 1:
                c.showPage()
                y = w.continued(letter)
            w.page_mark(letter, p, total)
            if rows:
                y = w.table_header(y)
                for line in rows:
                    y = w.line(y, line)
            elif p == 1 and not letter.items:
                draw(c, f, MARGIN, y - 5 * mm, "（本學期沒有收訖項目）", f.regular, 10)
                y -= 8 * mm
        w.closing(closing, y - 4.5 * mm)
        w.reply_slip(letter)
        c.showPage()
        result.pages += total
        result.letter_pages.append(total)
        if progress:
            progress(i + 1, len(letters))
    c.save()
    return result
