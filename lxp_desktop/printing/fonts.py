"""The fonts of every printed document: the shipped Noto Sans TC, plus a fallback for rare
characters, registered with reportlab once.

Why the fallback is found at run time and not shipped: the candidate that covers CJK
Extension B (HanaMinB, 30.7 MB) would more than double the download of every install for a
handful of names a year; a Traditional Chinese Windows already has MingLiU-ExtB
(``mingliub.ttc``) and a Debian/Ubuntu PC gets HanaMinB from ``fonts-hanazono``. The search
order is ``LXP_FALLBACK_FONT`` (a file path), ``resources/fonts/HanaMinB.ttf`` (a school may
drop it there), then the system places below. When none is found, :func:`uncovered` still
names every character that would print as an empty box, and the services refuse to print
those letters with a message naming the students and characters.

This module also fixes, in one place, a reportlab 5.1 bug: the ToUnicode CMap of a TrueType
subset writes a character beyond the BMP as ``<2000B>`` instead of its UTF-16 surrogate pair
``<D840DC0B>``, so an Extension B name renders but cannot be searched or copied.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from lxp_desktop import paths

REGULAR = "LXPSans"
BOLD = "LXPSans-Bold"
FALLBACK = "LXPFallback"
FALLBACK_ENV = "LXP_FALLBACK_FONT"

#: (file, sub-font index of a .ttc) tried in order after the env variable and resources/
SYSTEM_FALLBACKS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", 0),
    ("/usr/share/fonts/truetype/fonts-hanazono/HanaMinB.ttf", 0),
    ("C:/Windows/Fonts/mingliub.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Songti.ttc", 0),
)


def _hex_utf16(code: int) -> str:
    """A code point as the UTF-16BE hex a ToUnicode CMap wants (a surrogate pair above U+FFFF)."""
    if code <= 0xFFFF:
        return f"{code:04X}"
    v = code - 0x10000
    return f"{0xD800 + (v >> 10):04X}{0xDC00 + (v & 0x3FF):04X}"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ``makeToUnicodeCMap`` with surrogate pairs for characters beyond the BMP."""
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", "<00> <%02X>" % (len(subset) - 1), "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_hex_utf16(v)}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]
    return "\n".join(lines)


# The one patch of reportlab (see the module docstring); TTFont.addObjects looks the
# function up in its module at call time, so replacing the module attribute is enough.
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@dataclass(frozen=True)
class FallbackFont:
    path: Path
    index: int


def find_fallback() -> FallbackFont | None:
    """The first usable fallback font file, or None (see the module docstring for the order)."""
    candidates: list[tuple[str, int]] = []
    if os.environ.get(FALLBACK_ENV):
        candidates.append((os.environ[FALLBACK_ENV], 0))
    candidates.append((str(paths.font_path("HanaMinB.ttf")), 0))
    candidates.extend(SYSTEM_FALLBACKS)
    for name, index in candidates:
        path = Path(name)
        if path.is_file():
            return FallbackFont(path, index)
    return None


@cache
def _registered(fallback_key: tuple[str, int] | None) -> str | None:
    """Register the fonts once per fallback choice; the fallback's font name or None."""
    for name, file in ((REGULAR, "NotoSansTC-Regular.ttf"), (BOLD, "NotoSansTC-Bold.ttf")):
        try:
            pdfmetrics.getFont(name)
        except KeyError:
            pdfmetrics.registerFont(TTFont(name, str(paths.font_path(file))))
    if fallback_key is None:
        return None
    name = f"{FALLBACK}-{zlib.crc32(repr(fallback_key).encode()):08x}"
    try:
        pdfmetrics.registerFont(TTFont(name, fallback_key[0], subfontIndex=fallback_key[1]))
    except (TTFError, OSError):
        return None
    return name


@dataclass
class Fonts:
    """The registered fonts and their coverage; what a document draws text with."""

    regular: str
    bold: str
    fallback: str | None
    fallback_path: Path | None

    def __post_init__(self) -> None:
        self._main = pdfmetrics.getFont(self.regular).face.charToGlyph
        self._fb = pdfmetrics.getFont(self.fallback).face.charToGlyph if self.fallback else {}
        self._widths: dict[tuple[str, str], float] = {}

    def covered(self, ch: str) -> bool:
        return ord(ch) in self._main

    def runs(self, text: str, font: str) -> list[tuple[str, str]]:
        """``text`` split into (font, text) runs: characters the main font lacks go to the
        fallback when it has them (they stay in the main font otherwise, as a box)."""
        main = self._main
        if all(ord(c) in main or c in "\n\t" for c in text):
            return [(font, text)]
        out: list[tuple[str, str]] = []
        for ch in text:
            use = font
            if ord(ch) not in main and self.fallback and ord(ch) in self._fb:
                use = self.fallback
            if out and out[-1][0] == use:
                out[-1] = (use, out[-1][1] + ch)
            else:
                out.append((use, ch))
        return out

    def width(self, text: str, font: str, size: float) -> float:
        if len(text) == 1:  # wrapping measures one character at a time: remember them
            key = (text, font)
            w = self._widths.get(key)
            if w is None:
                w = self._widths[key] = sum(pdfmetrics.stringWidth(t, f, 1000)
                                            for f, t in self.runs(text, font))
            return w * size / 1000
        return float(sum(pdfmetrics.stringWidth(t, f, size) for f, t in self.runs(text, font)))

    def uncovered(self, text: str) -> list[str]:
        """Characters of ``text`` that neither the main nor the fallback font has."""
        seen: list[str] = []
        for ch in text:
            if ch.isspace() or ord(ch) < 32:
                continue
            if ord(ch) not in self._main and ord(ch) not in self._fb and ch not in seen:
                seen.append(ch)
        return seen

    def needs_fallback(self, text: str) -> list[str]:
        """Characters of ``text`` that only the fallback font has."""
        return [ch for ch in dict.fromkeys(text)
                if not ch.isspace() and ord(ch) not in self._main and ord(ch) in self._fb]


_cache: dict[tuple[str, int] | None, Fonts] = {}


def fonts(use_fallback: bool = True) -> Fonts:
    """The fonts, registered once; ``use_fallback=False`` pretends no fallback is installed."""
    found = find_fallback() if use_fallback else None
    key = (str(found.path), found.index) if found else None
    if key not in _cache:
        name = _registered(key)
        _cache[key] = Fonts(REGULAR, BOLD, name, found.path if (found and name) else None)
    return _cache[key]


def describe_uncovered(problems: Iterable[tuple[str, list[str]]]) -> str:
    """One message for the clerk: which students and which characters cannot be printed."""
    parts = [f"{who}：{'、'.join(f'{c}（U+{ord(c):04X}）' for c in chars)}"
             for who, chars in problems]
    return ("以下學生的資料有字型缺少的罕用字，印出來會是空白方框：" + "；".join(parts)
            + "。請安裝涵蓋這些字的備用字型（例如 HanaMinB：Debian/Ubuntu 套件 fonts-hanazono，"
            f"或放到 resources/fonts/HanaMinB.ttf，或以環境變數 {FALLBACK_ENV} 指定字型檔），"
            "或先改用手寫。")
