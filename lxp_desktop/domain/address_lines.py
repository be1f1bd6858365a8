"""Addresses as the post office reads them: where a line may break, how numbers are written
in vertical (直式) text, and the postal code printed on the mail.

- :func:`address_parts` cuts an address into 縣市 / 鄉鎮市區 / 村里 / 鄰 / 路街 / 段 / 巷 / 弄 /
  號 / 樓: a line may break between two parts, never inside one (so never inside a number:
  「西屯路二段 | 291號」, never 「154巷166 | 號」).
- :func:`vertical` writes the digits of a part as Chinese numerals (「291號」 → 「二九一號」,
  「3-1號」 → 「三之一號」) for 直式 envelopes, where Arabic digits would lie sideways.
- :func:`mail_postal_code` prints the 3+3 code when the six-digit code is known, else the
  three-digit one (a 3+2 code of before 2020 is no longer sorted by: its district's 3 digits).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxp_desktop.domain.postal import normalize_postal_code, split_address
from lxp_desktop.domain.text import strip_text, to_halfwidth

_NUM = r"[0-9０-９一二三四五六七八九十百千〇零]+"
#: a part ends after one of these (路 ends 西屯路, 號 ends 291號 …)
_ENDS = set("鄰路街道段巷弄衖號樓室")
_VILLAGE_THEN = re.compile(rf"{_NUM}鄰")
_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


def address_parts(address: str) -> list[str]:
    """``address`` cut where a line may break; joined, the parts are the address again."""
    text = strip_text(address or "")
    if not text:
        return []
    parts: list[str] = []
    split = split_address(text)
    rest = text
    if split is not None:
        city, district, tail = split
        head = text[: len(text) - len(tail)] if tail else text
        # keep the clerk's own spelling (台/臺) by cutting the original text
        cut = len(city)
        while cut < len(head) and head[cut].isspace():
            cut += 1
        parts += [head[:cut].strip(), head[cut:].strip()]
        rest = tail
    start = 0
    for i, ch in enumerate(rest):
        nxt = rest[i + 1] if i + 1 < len(rest) else ""
        if nxt == "之" or nxt.isspace():
            continue  # 「號之3」 stays whole; a space is dropped below
        end = ch in _ENDS or ch.isspace()
        if ch in "村里" and (_VILLAGE_THEN.match(rest, i + 1) or (
                i - start <= 3 and nxt not in _ENDS | {"大"}
                and re.search("[路街道]", rest[i + 1:]))):
            end = True  # 福興里12鄰, 文昌里景賢路 (not the 里 of 萬里路)
        if end:
            parts.append(rest[start:i + 1].strip())
            start = i + 1
    parts.append(rest[start:].strip())
    return [p for p in parts if p]


def lines(parts: list[str], fits: Callable[[str], bool]) -> list[str]:
    """Greedy lines of whole parts; a part that alone does not fit gets a line of its own."""
    out: list[str] = []
    line = ""
    for part in parts:
        if line and not fits(line + part):
            out.append(line)
            line = part
        else:
            line += part
    if line:
        out.append(line)
    return out


def vertical(text: str) -> str:
    """Digits as Chinese numerals, digit by digit, as 直式 addresses are written;
    a hyphen between numbers becomes 之."""
    t = to_halfwidth(text or "", punctuation=False)
    t = re.sub(r"(?<=\d)\s*[-－]\s*(?=\d)", "之", t)
    return t.translate(_DIGITS)


def mail_postal_code(code: str) -> str:
    """The code printed on the mail: six digits (3+3) when known, else the three."""
    c = normalize_postal_code(code or "")
    if len(c) == 6 and c.isdigit():
        return c
    return c[:3]
