"""Drawing and wrapping Chinese text on a reportlab canvas with the fallback font."""

from __future__ import annotations

import re

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from lxp_desktop.printing.fonts import Fonts

#: runs of Latin letters/digits are kept whole; everything else may break anywhere
_TOKENS = re.compile(r"[A-Za-z0-9\-./@_:]+|\s+|.", re.S)
#: never at the start of a line (行首禁則)
_NO_START = set("，。、；：？！）」』】〉》,.;:?!)")


def draw(c: Canvas, fonts: Fonts, x: float, y: float, text: str, font: str, size: float,
         align: str = "left") -> float:
    """Draw one line; returns its width. ``align`` is left, right or centre (x is the anchor)."""
    runs = fonts.runs(text, font)
    if len(runs) == 1:
        width: float = pdfmetrics.stringWidth(text, font, size)
    else:
        width = sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for f, t in runs:
        c.setFont(f, size)
        c.drawString(x, y, t)
        x += pdfmetrics.stringWidth(t, f, size)
    return width


def wrap(fonts: Fonts, text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking for Chinese text; no line is wider than ``width`` unless a single
    token is; explicit newlines are kept."""
    lines: list[str] = []
    for para in text.split("\n"):
        line, line_w = "", 0.0
        for tok in _TOKENS.findall(para):
            w = fonts.width(tok, font, size)
            if line and line_w + w > width and not (tok in _NO_START and line_w + w <= width * 1.04):
                lines.append(line.rstrip())
                line, line_w = ("", 0.0) if tok.isspace() else (tok, w)
                continue
            line += tok
            line_w += w
        lines.append(line.rstrip())
    return lines


def draw_vertical(c: Canvas, fonts: Fonts, x: float, y_top: float, text: str, font: str,
                  size: float, step: float | None = None) -> float:
    """Stack characters top to bottom, centred on ``x`` (直式); returns the y below the last."""
    step = step or size * 1.15
    y = y_top - size
    for ch in text:
        if ch.isspace():
            y -= step / 2
            continue
        draw(c, fonts, x, y, ch, font, size, align="centre")
        y -= step
    return y


def wrap_address(fonts: Fonts, text: str, font: str, size: float, width: float) -> list[str]:
    """An address in lines that break only between its parts (縣市 / 區 / 路段 / 巷弄 / 號 /
    樓), never inside a number; a part wider than a line alone is wrapped as text."""
    from lxp_desktop.domain.address_lines import address_parts, lines

    out: list[str] = []
    for line in lines(address_parts(text),
                      lambda t: fonts.width(t, font, size) <= width):
        if fonts.width(line, font, size) <= width:
            out.append(line)
        else:
            out += wrap(fonts, line, font, size, width)
    return out or [""]


def name_lines(fonts: Fonts, text: str, font: str, size: float, width: float) -> list[str]:
    """The recipient line; 「家長（監護人）／學生 同學 收」 breaks after the 「／」 when it is
    wider than ``width``."""
    if fonts.width(text, font, size) <= width or "／" not in text:
        return [text]
    head, _sep, tail = text.partition("／")
    return [head + "／", tail]
