"""Taiwan's 3-digit postal codes and the address check of docs/domain.md §10.

The table ``postal_districts.tsv`` holds the 368 鄉鎮市區 of 中華郵政's 3-digit table plus
three special codes (290 宜蘭縣釣魚臺, 817 南海島東沙群島, 819 南海島南沙群島), spelled with 臺.
Two codes cover several districts: 300 (新竹市東區/北區/香山區) and 600 (嘉義市東區/西區).
Old county names from before the 2010/2014 mergers (臺北縣, 桃園縣…) are not accepted.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from lxp_desktop.domain.text import strip_text, to_halfwidth

_POSTAL = re.compile(r"\d{3}(?:\d{2}|\d{3})?")
_LEADING_CODE = re.compile(r"\d{3,6}\s*")


@cache
def districts() -> list[tuple[str, str, str]]:
    """Every row ``(code, 縣市, 鄉鎮市區)`` in code order (loaded once)."""
    text = (
        resources.files("lxp_desktop.domain")
        .joinpath("postal_districts.tsv")
        .read_text(encoding="utf-8")
    )
    rows: list[tuple[str, str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, city, district = line.split("\t")
        rows.append((code, city, district))
    return rows


@cache
def _by_code() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for code, city, district in districts():
        out.setdefault(code, []).append((city, district))
    return out


@cache
def _by_city() -> dict[str, dict[str, str]]:
    """縣市 → 鄉鎮市區 → code."""
    out: dict[str, dict[str, str]] = {}
    for code, city, district in districts():
        out.setdefault(city, {})[district] = code
    return out


def normalize_postal_code(code: str) -> str:
    """Half-width, with spaces and hyphens removed ('100-01' → '10001')."""
    return re.sub(r"[\s\-]", "", strip_text(to_halfwidth(str(code))))


def check_postal_code(code: str) -> str | None:
    """3, 5 or 6 digits whose first three name a district; else a Chinese message."""
    c = normalize_postal_code(code or "")
    if not c:
        return "請填寫郵遞區號（3 碼、3+2 碼或 3+3 碼數字，例如 100 或 100012）。"
    if not _POSTAL.fullmatch(c):
        return f"郵遞區號「{c}」格式不對；請填 3 碼、5 碼或 6 碼數字，例如 100、10001、100012。"
    if c[:3] not in _by_code():
        return (
            f"郵遞區號「{c}」的前 3 碼 {c[:3]} 不是任何鄉鎮市區的區號；請查中華郵政郵遞區號後更正。"
        )
    return None


def districts_of(code: str) -> list[tuple[str, str]]:
    """All ``(縣市, 鄉鎮市區)`` sharing the first three digits (300 and 600 have several)."""
    c = normalize_postal_code(code or "")
    return list(_by_code().get(c[:3], [])) if len(c) >= 3 else []


def district_of(code: str) -> tuple[str, str] | None:
    """``(縣市, 鄉鎮市區)`` of a postal code; the first listed when several share it."""
    found = districts_of(code)
    return found[0] if found else None


def code_of(city: str, district: str) -> str | None:
    """The 3-digit code of a district (台/臺 either way)."""
    return _by_city().get(city.replace("台", "臺"), {}).get(district.replace("台", "臺"))


def split_address(address: str) -> tuple[str, str, str] | None:
    """``(縣市, 鄉鎮市區, rest)`` with 臺 spelling, or ``None`` if it does not start so.

    A leading postal code and whitespace between the parts are tolerated.
    """
    text = strip_text(to_halfwidth(address or "", punctuation=False))
    text = _LEADING_CODE.sub("", text, count=1) if _LEADING_CODE.match(text) else text
    probe = text.replace("台", "臺")  # same length, so indexes carry over
    for city in sorted(_by_city(), key=len, reverse=True):
        if not probe.startswith(city):
            continue
        pos = len(city)
        while pos < len(probe) and probe[pos].isspace():
            pos += 1
        for district in sorted(_by_city()[city], key=len, reverse=True):
            if probe.startswith(district, pos):
                rest = text[pos + len(district) :].strip()
                return city, district, rest
        return None
    return None


def check_address(postal_code: str, address: str) -> str | None:
    """The address must begin with the 縣市+鄉鎮市區 its postal code names."""
    problem = check_postal_code(postal_code)
    if problem:
        return problem
    code = normalize_postal_code(postal_code)
    owners = districts_of(code)
    named = "、".join(f"{c}{d}" for c, d in owners)
    parts = split_address(address)
    if parts is None:
        return (
            f"通訊地址「{strip_text(address or '')}」沒有以縣市和鄉鎮市區開頭；"
            f"郵遞區號 {code} 是{named}，請把地址寫成「{owners[0][0]}{owners[0][1]}…」。"
        )
    city, district, _ = parts
    if (city, district) not in owners:
        return (
            f"郵遞區號 {code} 是{named}，但通訊地址寫的是{city}{district}；"
            "請核對郵遞區號或地址，改成一致。"
        )
    return None
