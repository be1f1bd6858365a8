"""What goes around the notices: address labels, envelopes (西式橫式 and 中式直式), the
registered-mail list for the post office counter, and the window-envelope calibration page.

Addresses follow docs/domain.md §10: horizontally, the postal code alone on the first line, then
the address, then the name; glyphs at least 4 mm (12 pt and up here); labels at least
70 × 25 mm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color, black, red
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from lxp_desktop.domain.address_lines import address_parts, lines, mail_postal_code, vertical
from lxp_desktop.domain.roc import format_roc_long
from lxp_desktop.printing.fonts import fonts
from lxp_desktop.printing.notices import SchoolHeader, WindowFrame
from lxp_desktop.printing.text import draw, draw_vertical, name_lines, wrap_address

GREY = Color(0.5, 0.5, 0.5)
MIN_LABEL = (70.0, 25.0)
#: envelope sizes in mm (width, height) as they lie in the printer
HORIZONTAL_ENVELOPE = (220.0, 110.0)  # 西式 DL
VERTICAL_ENVELOPE = (110.0, 220.0)  # 中式直式


@dataclass(frozen=True)
class Address:
    name: str  # "王小明 同學 收"
    postal_code: str
    address: str


@dataclass(frozen=True)
class LabelGrid:
    columns: int = 3
    rows: int = 8
    width_mm: float = 70.0
    height_mm: float = 37.0
    left_mm: float = 0.0
    top_mm: float = 0.5

    def problem(self) -> str | None:
        if self.width_mm < MIN_LABEL[0] or self.height_mm < MIN_LABEL[1]:
            return (f"標籤 {self.width_mm:g} × {self.height_mm:g} 公釐太小；郵寄標籤至少 "
                    f"{MIN_LABEL[0]:g} × {MIN_LABEL[1]:g} 公釐，請改用較大的標籤紙。")
        if self.columns < 1 or self.rows < 1:
            return "標籤紙每列張數與每頁列數至少都是 1。"
        if (self.left_mm + self.columns * self.width_mm > 210.5
                or self.top_mm + self.rows * self.height_mm > 297.5):
            return (f"{self.columns} 欄 × {self.rows} 列、每張 {self.width_mm:g} × "
                    f"{self.height_mm:g} 公釐的標籤超出 A4 紙張；請核對標籤紙的規格。")
        return None


def _canvas(out: str | Path | BinaryIO, size: tuple[float, float], title: str) -> Canvas:
    c = Canvas(str(out) if isinstance(out, Path) else out, pagesize=size, pageCompression=1,
               invariant=1, initialFontName=fonts().regular)  # no unembedded Helvetica
    c.setTitle(title)
    c.setCreator("LXP Desktop")
    return c


def _address_lines(c: Canvas, x: float, y: float, width: float, a: Address,
                   size: float = 12) -> float:
    """Postal code, address, name (horizontal); returns the y below the name."""
    f = fonts()
    draw(c, f, x, y, a.postal_code, f.bold, size)
    y -= size * 1.35
    for line in wrap_address(f, a.address, f.regular, size, width)[:3]:
        draw(c, f, x, y, line, f.regular, size)
        y -= size * 1.3
    y -= size * 0.2
    for line in name_lines(f, a.name, f.bold, size + 1, width):
        draw(c, f, x, y, line, f.bold, size + 1)
        y -= size * 1.35
    return y


def render_labels(addresses: Sequence[Address], out: str | Path | BinaryIO,
                  grid: LabelGrid | None = None) -> int:
    """A4 label sheets; returns the number of pages."""
    grid = grid or LabelGrid()
    problem = grid.problem()
    if problem:
        raise ValueError(problem)
    c = _canvas(out, A4, "地址標籤")
    per_page = grid.columns * grid.rows
    pages = 0
    for i, a in enumerate(addresses):
        slot = i % per_page
        if slot == 0 and i:
            c.showPage()
        if slot == 0:
            pages += 1
        col, row = slot % grid.columns, slot // grid.columns
        x = (grid.left_mm + col * grid.width_mm + 5) * mm
        top = A4[1] - (grid.top_mm + row * grid.height_mm) * mm
        _address_lines(c, x, top - 8 * mm, (grid.width_mm - 10) * mm, a)
    c.showPage()
    c.save()
    return max(pages, 1)


def _stamp_box(c: Canvas, x: float, y: float) -> None:
    c.setStrokeColor(GREY)
    c.setDash(2, 2)
    c.rect(x, y, 22 * mm, 26 * mm)
    c.setDash()
    c.setFillColor(GREY)
    draw(c, fonts(), x + 11 * mm, y + 12 * mm, "郵票", fonts().regular, 9, align="centre")
    c.setFillColor(black)
    c.setStrokeColor(black)


def render_envelopes(addresses: Sequence[Address], out: str | Path | BinaryIO,
                     school: SchoolHeader, style: str = "horizontal") -> int:
    """One envelope per page: ``horizontal`` (西式橫式) or ``vertical`` (中式直式)."""
    if style not in ("horizontal", "vertical"):
        raise ValueError("信封樣式只有 horizontal（西式橫式）或 vertical（中式直式）。")
    w, h = (HORIZONTAL_ENVELOPE if style == "horizontal" else VERTICAL_ENVELOPE)
    c = _canvas(out, (w * mm, h * mm), "信封")
    for a in addresses:
        if style == "horizontal":
            _horizontal(c, a, school, w * mm, h * mm)
        else:
            _vertical(c, a, school, w * mm, h * mm)
        c.showPage()
    c.save()
    return len(addresses)


def _horizontal(c: Canvas, a: Address, school: SchoolHeader, w: float, h: float) -> None:
    """Sender top-left, stamp top-right, recipient block centre-right."""
    f = fonts()
    y = h - 12 * mm
    draw(c, f, 10 * mm, y, school.postal_code, f.regular, 9)
    for line in wrap_address(f, school.address, f.regular, 9, 80 * mm)[:2]:
        y -= 4.2 * mm
        draw(c, f, 10 * mm, y, line, f.regular, 9)
    draw(c, f, 10 * mm, y - 4.6 * mm, f"{school.name} 註冊組 緘", f.regular, 9)
    _stamp_box(c, w - 32 * mm, h - 36 * mm)
    _address_lines(c, 95 * mm, h - 55 * mm, 110 * mm, a, size=13)


def _vertical(c: Canvas, a: Address, school: SchoolHeader, w: float, h: float) -> None:
    """Postal code in the boxes top-right, stamp top-left, the name down the centre, the
    address to its right, the sender lower-left (中式直式)."""
    f = fonts()
    digits = (a.postal_code + "      ")[:6]
    box = 7 * mm
    x0 = w - 8 * mm - 6 * box
    c.setStrokeColor(red)
    for i, d in enumerate(digits):
        c.rect(x0 + i * box, h - 16 * mm, box - 1 * mm, box + 1 * mm)
        if d.strip():
            draw(c, f, x0 + i * box + (box - 1 * mm) / 2, h - 14 * mm, d, f.bold, 13,
                 align="centre")
    c.setStrokeColor(black)
    _stamp_box(c, 8 * mm, h - 36 * mm)
    # the address: one or two columns right of centre, top to bottom
    x = w - 20 * mm
    for col in _address_columns(a.address, 12)[:3]:
        draw_vertical(c, f, x, h - 30 * mm, col, f.regular, 13)
        x -= 8 * mm
    draw_vertical(c, f, w / 2, h - 45 * mm, a.name.replace(" ", ""), f.bold, 22, step=27)
    # the sender, lower-left, in small vertical columns read right to left: address, name
    x = 30 * mm
    for col in _address_columns(school.address, 18)[:2]:
        draw_vertical(c, f, x, h - 120 * mm, col, f.regular, 9)
        x -= 5 * mm
    draw_vertical(c, f, x, h - 120 * mm, f"{school.name}註冊組緘", f.regular, 9)
    draw(c, f, 10 * mm, 10 * mm, mail_postal_code(school.postal_code), f.regular, 9)


def _address_columns(address: str, length: int) -> list[str]:
    """直式 columns of at most ``length`` characters that break only between address parts,
    numbers in Chinese numerals (as the post office writes them vertically)."""
    parts = [vertical(p) for p in address_parts(address)]
    out: list[str] = []
    for col in lines(parts, lambda t: len(t) <= length):
        out += [col[i:i + length] for i in range(0, len(col), length)]
    return out or [""]


@dataclass(frozen=True)
class MailListRow:
    serial: int
    recipient: str
    postal_code: str
    address: str
    registered_no: str = ""
    #: the notice's reference: printed in 備考, and how a filled-in list is imported back
    reference: str = ""
    postage: int | None = None
    note: str = ""


#: the columns of 中華郵政's 大宗掛號函件執據, then the reference (our own, for the import)
MAIL_LIST_HEADERS = ("順序號碼", "掛號號碼", "收件人姓名", "郵遞區號", "寄達地名（或地址）", "郵資",
                     "備考", "參考編號")


def render_mail_list(rows: Sequence[MailListRow], out: str | Path | BinaryIO,
                     school: SchoolHeader, on: date | None = None) -> int:
    """The registered-mail list in the layout of 中華郵政's 大宗掛號函件執據 (A4): the sender,
    a numbered line per letter (掛號號碼, 收件人, 寄達地址, 郵資, 備考), the count and the
    postage total, and room for the counter clerk's stamp and the postmark. Returns pages."""
    f = fonts()
    size = A4
    c = _canvas(out, size, "大宗掛號函件執據")
    left, right = 12 * mm, size[0] - 12 * mm
    widths = (11, 22, 38, 13, 68, 10, 24)  # mm; 186 in all
    heads = ("順序\n號碼", "掛號號碼", "收件人姓名", "郵遞\n區號", "寄達地名（或地址）", "郵資",
             "備考")
    per_page = 20
    row_h = 10.2 * mm
    chunks = [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]
    total_postage = sum(r.postage or 0 for r in rows)
    for p, chunk in enumerate(chunks, 1):
        y = size[1] - 16 * mm
        draw(c, f, size[0] / 2, y, "大宗掛號函件執據", f.bold, 16, align="centre")
        draw(c, f, right, y, f"第 {p}／{len(chunks)} 頁", f.regular, 9, align="right")
        y -= 8 * mm
        draw(c, f, left, y, f"寄件人：{school.name} 註冊組", f.regular, 10)
        draw(c, f, right, y, f"交寄日期：{format_roc_long(on or date.today())}", f.regular, 10,
             align="right")
        y -= 5.5 * mm
        draw(c, f, left, y, f"地址：{mail_postal_code(school.postal_code)} {school.address}"
             + (f"　電話：{school.phone}" if school.phone else ""), f.regular, 10)
        y -= 4 * mm
        # the table's header
        top = y
        c.setLineWidth(0.8)
        c.rect(left, top - 10 * mm, right - left, 10 * mm)
        x = left
        for head, wd in zip(heads, widths, strict=True):
            parts = head.split("\n")
            ty = top - (4 if len(parts) == 2 else 6.3) * mm
            for part in parts:
                draw(c, f, x + wd * mm / 2, ty, part, f.bold, 9.5, align="centre")
                ty -= 4 * mm
            x += wd * mm
        y = top - 10 * mm
        c.setLineWidth(0.3)
        for i in range(per_page):
            r = chunk[i] if i < len(chunk) else None
            if r is not None:
                cells = (str(r.serial), r.registered_no, r.recipient, r.postal_code, r.address,
                         "" if r.postage is None else str(r.postage), r.note or r.reference)
                x = left
                for value, wd in zip(cells, widths, strict=True):
                    lines = [value]
                    if wd == 68:  # the address: broken between its parts only
                        lines = wrap_address(f, value, f.regular, 8.5, wd * mm - 2 * mm)
                    elif wd == 38:  # the recipient: 「家長（監護人）／」 on a line of its own
                        lines = name_lines(f, value, f.regular, 8.5, wd * mm - 2 * mm)
                    ty = y - (3.8 if len(lines) > 1 else 6.2) * mm
                    for line in lines[:2]:
                        draw(c, f, x + 1 * mm, ty, line, f.regular, 8.5)
                        ty -= 3.8 * mm
                    x += wd * mm
            c.line(left, y - row_h, right, y - row_h)
            y -= row_h
        x = left
        for wd in widths:
            c.line(x, top, x, y)
            x += wd * mm
        c.line(right, top, right, y)
        # the count, the postage, and the counter's stamp
        y -= 7 * mm
        page_postage = sum(r.postage or 0 for r in chunk)
        draw(c, f, left, y, f"本頁 {len(chunk)} 件，郵資 {page_postage} 元；"
             f"全批共 {len(rows)} 件，郵資共計 {total_postage} 元。", f.regular, 10)
        y -= 5.5 * mm
        draw(c, f, left, y, "上列掛號函件已照收無誤。", f.regular, 10)
        box_w, box_h = 38 * mm, 30 * mm
        c.setLineWidth(0.5)
        for label, bx in (("經辦員蓋章", right - 2 * box_w - 4 * mm), ("郵　戳", right - box_w)):
            c.rect(bx, y - box_h + 6 * mm, box_w, box_h)
            c.setFillColor(GREY)
            draw(c, f, bx + box_w / 2, y + 6 * mm - 5 * mm, label, f.regular, 9, align="centre")
            c.setFillColor(black)
        c.showPage()
    c.save()
    return len(chunks)


def render_calibration(out: str | Path | BinaryIO, frame: WindowFrame) -> None:
    """An A4 page with the window frame drawn and measured: print it, fold it into an
    envelope and check the frame sits in the window; adjust the settings until it does."""
    f = fonts()
    c = _canvas(out, A4, "窗型信封校正頁")
    x, top = frame.left_mm * mm, A4[1] - frame.top_mm * mm
    c.setStrokeColor(red)
    c.setLineWidth(0.8)
    c.rect(x, top - frame.height_mm * mm, frame.width_mm * mm, frame.height_mm * mm)
    c.setLineWidth(0.3)
    c.line(x, A4[1], x, top)
    c.line(0, top, x, top)
    c.setFillColor(red)
    draw(c, f, x + 2 * mm, A4[1] - 8 * mm, f"↓ 距上緣 {frame.top_mm:g} 公釐", f.regular, 9)
    draw(c, f, 3 * mm, top + 2 * mm, f"距左緣 {frame.left_mm:g} 公釐 →", f.regular, 9)
    draw(c, f, x + 3 * mm, top - 6 * mm, f"地址框 {frame.width_mm:g} × {frame.height_mm:g} 公釐",
         f.regular, 10)
    c.setFillColor(black)
    c.setStrokeColor(black)
    y = A4[1] - 130 * mm
    for line in ("窗型信封校正頁：請以平常的印表機設定列印本頁（不要縮放），",
                 "依三折方式摺好放入窗型信封，檢查紅框是否完整出現在信封的窗口內。",
                 "若有偏移，請到「學校設定」調整地址框的位置（公釐），再印一次本頁確認。"):
        draw(c, f, 20 * mm, y, line, f.regular, 11)
        y -= 7 * mm
    c.setDash(1, 3)
    for fold in (A4[1] / 3, A4[1] * 2 / 3):
        c.line(0, fold, 12 * mm, fold)
        c.line(A4[0] - 12 * mm, fold, A4[0], fold)
    c.setDash()
    c.showPage()
    c.save()
