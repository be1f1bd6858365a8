"""The per-student 檢核表 (學生學習歷程檔案檢核表): the student's every category and term with
its status, to check and sign before the confirmation period ends. Plain data in, PDF out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from lxp_desktop.domain.roc import format_roc_long
from lxp_desktop.printing.fonts import fonts
from lxp_desktop.printing.text import draw, wrap

LIGHT = Color(0.92, 0.92, 0.92)
COLUMNS = (("學年度／學期", 38.0), ("類別", 28.0), ("狀態", 104.0))


def render_checklist(school_name: str, student: tuple[str, str, str, str],
                     rows: Sequence[tuple[str, str, str]], out: str | Path | BinaryIO,
                     today: date) -> int:
    """``student`` = (學號, 姓名, 班級與座號, 學籍狀態); ``rows`` = (term, category, status).
    Returns the pages."""
    f = fonts()
    c = Canvas(str(out) if isinstance(out, Path) else out, pagesize=A4, pageCompression=1,
               invariant=1, initialFontName=f.regular)
    c.setTitle("學生學習歷程檔案檢核表")
    c.setCreator("LXP Desktop")
    left, right = 20 * mm, A4[0] - 20 * mm
    pages = 1

    def head() -> float:
        y = A4[1] - 20 * mm
        draw(c, f, A4[0] / 2, y, f"{school_name}　學生學習歷程檔案檢核表", f.bold, 14,
             align="centre")
        y -= 9 * mm
        no, name, klass, status = student
        draw(c, f, left, y, f"學號：{no}　姓名：{name}　班級：{klass or '—'}　學籍：{status}",
             f.regular, 10.5)
        draw(c, f, right, y, f"列印日期：{format_roc_long(today)}", f.regular, 9, align="right")
        y -= 6 * mm
        c.setFillColor(LIGHT)
        c.rect(left, y - 6.5 * mm, right - left, 6.5 * mm, stroke=0, fill=1)
        c.setFillColor(black)
        x = left
        for h, w in COLUMNS:
            draw(c, f, x + 1.5 * mm, y - 4.6 * mm, h, f.bold, 9.5)
            x += w * mm
        return float(y - 6.5 * mm)

    y = head()
    for term, category, status in rows:
        lines = wrap(f, status, f.regular, 9.5, COLUMNS[2][1] * mm - 3 * mm)
        height = len(lines) * 4.4 * mm + 2.4 * mm
        if y - height < 45 * mm:
            c.showPage()
            pages += 1
            y = head()
        x = left
        for text, (_h, w) in zip((term, category), COLUMNS[:2], strict=True):
            draw(c, f, x + 1.5 * mm, y - 4.8 * mm, text, f.regular, 9.5)
            x += w * mm
        ty = y - 4.8 * mm
        for line in lines:
            draw(c, f, x + 1.5 * mm, ty, line, f.regular, 9.5)
            ty -= 4.4 * mm
        y -= height
        c.setLineWidth(0.25)
        c.line(left, y, right, y)
    if not rows:
        draw(c, f, left, y - 6 * mm, "（尚無任何紀錄）", f.regular, 10)
    y = 38 * mm
    for line in ("請核對上列各學期、各類別的資料與狀態；有缺漏或錯誤，請於確認期間結束前告知導師或註冊組。",
                 "「已提交」：學校已送出至中央資料庫；「中央收訖」：中央資料庫已收到；"
                 "「已確認／視為確認」：收訖明細已確認。"):
        for part in wrap(f, line, f.regular, 8.5, right - left):
            draw(c, f, left, y, part, f.regular, 8.5)
            y -= 4.2 * mm
    y -= 8 * mm
    draw(c, f, left, y, "學生簽名：＿＿＿＿＿＿＿＿　　導師簽名：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿＿＿",
         f.regular, 10.5)
    c.showPage()
    c.save()
    return pages
