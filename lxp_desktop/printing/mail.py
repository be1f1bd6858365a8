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
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from lxp_desktop.domain.roc import format_roc_long
from lxp_desktop.printing.fonts import fonts
from lxp_desktop.printing.notices import SchoolHeader, WindowFrame
from lxp_desktop.printing.text import draw, draw_vertical, wrap

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
    for line in wrap(f, a.address, f.regular, size, width)[:3]:
        draw(c, f, x, y, line, f.regular, size)
        y -= size * 1.3
    y -= size * 0.2
    draw(c, f, x, y, a.name, f.bold, size + 1)
    return y - size * 1.3


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
    for line in wrap(f, school.address, f.regular, 9, 80 * mm)[:2]:
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
    for col in _columns(a.address, 12)[:3]:
        draw_vertical(c, f, x, h - 30 * mm, col, f.regular, 13)
        x -= 8 * mm
    draw_vertical(c, f, w / 2, h - 45 * mm, a.name.replace(" ", ""), f.bold, 22, step=27)
    # the sender, lower-left, in small vertical columns read right to left: address, name
    x = 30 * mm
    for col in _columns(f"{school.postal_code} {school.address}".strip(), 18)[:2]:
        draw_vertical(c, f, x, h - 120 * mm, col, f.regular, 9)
        x -= 5 * mm
    draw_vertical(c, f, x, h - 120 * mm, f"{school.name}註冊組緘", f.regular, 9)


def _columns(text: str, length: int) -> list[str]:
    return [text[i:i + length] for i in range(0, len(text), length)] or [""]


@dataclass(frozen=True)
class MailListRow:
    serial: int
    recipient: str
    postal_code: str
    address: str
    registered_no: str = ""


MAIL_LIST_HEADERS = ("序號", "收件人", "郵遞區號", "寄達地址", "掛號號碼")


def render_mail_list(rows: Sequence[MailListRow], out: str | Path | BinaryIO,
                     school: SchoolHeader, on: date | None = None) -> int:
    """The registered-mail list for the post office counter (A4 landscape); pages."""
    f = fonts()
    size = landscape(A4)
    c = _canvas(out, size, "掛號郵件清單")
    widths = (14, 48, 22, 150, 40)
    per_page = 22
    chunks = [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]
    for p, chunk in enumerate(chunks, 1):
        y = size[1] - 15 * mm
        draw(c, f, 15 * mm, y, f"{school.name}　掛號郵件交寄清單", f.bold, 14)
        draw(c, f, size[0] - 15 * mm, y, f"交寄日期：{format_roc_long(on or date.today())}　"
             f"第 {p}／{len(chunks)} 頁", f.regular, 9, align="right")
        draw(c, f, 15 * mm, y - 6 * mm, f"寄件人：{school.postal_code} {school.address} "
             f"{school.name} 註冊組　共 {len(rows)} 件", f.regular, 9)
        y -= 14 * mm
        x = 15 * mm
        c.setLineWidth(0.6)
        c.line(15 * mm, y + 5 * mm, size[0] - 15 * mm, y + 5 * mm)
        for head, wd in zip(MAIL_LIST_HEADERS, widths, strict=True):
            draw(c, f, x + 1.5 * mm, y, head, f.bold, 10)
            x += wd * mm
        c.line(15 * mm, y - 2.5 * mm, size[0] - 15 * mm, y - 2.5 * mm)
        y -= 8 * mm
        c.setLineWidth(0.3)
        for r in chunk:
            x = 15 * mm
            for value, wd in zip((str(r.serial), r.recipient, r.postal_code, r.address,
                                  r.registered_no), widths, strict=True):
                draw(c, f, x + 1.5 * mm, y, value, f.regular, 10)
                x += wd * mm
            c.line(15 * mm, y - 2.5 * mm, size[0] - 15 * mm, y - 2.5 * mm)
            y -= 7.5 * mm
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
