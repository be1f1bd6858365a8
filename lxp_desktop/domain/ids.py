"""國民身分證統一編號 and 居留證統一證號 (docs/domain.md §3)."""

from __future__ import annotations

import re

from lxp_desktop.domain.text import strip_text, to_halfwidth

#: Letter → two-digit value, shared by the first letter and the old resident's second.
LETTER_VALUES: dict[str, int] = {
    "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16, "H": 17,
    "I": 34, "J": 18, "K": 19, "L": 20, "M": 21, "N": 22, "O": 35, "P": 23,
    "Q": 24, "R": 25, "S": 26, "T": 27, "U": 28, "V": 29, "W": 32, "X": 30,
    "Y": 31, "Z": 33,
}  # fmt: skip

_NATIONAL = re.compile(r"[A-Z][12]\d{8}")
_RESIDENT_NEW = re.compile(r"[A-Z][89]\d{8}")
_RESIDENT_OLD = re.compile(r"[A-Z][A-D]\d{8}")
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 1)

_FIELD = "身分證統一編號"


def normalize_id(s: str) -> str:
    """Strip, convert to half-width and upper-case."""
    return strip_text(to_halfwidth(s)).upper()


def id_kind(s: str) -> str | None:
    """'national', 'resident_new' or 'resident_old' by format (check digit not tested)."""
    t = normalize_id(s)
    if _NATIONAL.fullmatch(t):
        return "national"
    if _RESIDENT_NEW.fullmatch(t):
        return "resident_new"
    if _RESIDENT_OLD.fullmatch(t):
        return "resident_old"
    return None


def _checksum(letter: str, second: str, rest: str) -> int:
    """Weighted sum of everything but the check digit (docs/domain.md §3)."""
    value = LETTER_VALUES[letter]
    total = (value // 10) * 1 + (value % 10) * 9
    d1 = LETTER_VALUES[second] % 10 if second.isalpha() else int(second)
    digits = [d1, *(int(c) for c in rest)]
    return total + sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True))


def is_valid_id(s: str) -> bool:
    """True when the number has a known format and a correct check digit."""
    t = normalize_id(s)
    if id_kind(t) is None:
        return False
    return (_checksum(t[0], t[1], t[2:9]) + int(t[9])) % 10 == 0


def check_id(s: str) -> str | None:
    """Return a Traditional Chinese message when the number is wrong, else ``None``."""
    t = normalize_id(s)
    if not t:
        return f"請填寫{_FIELD}（例如 A123456789）。"
    if id_kind(t) is None:
        return (
            f"{_FIELD}「{t}」格式不對：身分證為 1 個英文字母、數字 1 或 2 再加 8 碼數字"
            "（例如 A123456789）；居留證為英文字母加 8、9 或 A–D 再加 8 碼數字"
            "（例如 A800000014、AB12345677）。請核對證件後重新輸入。"
        )
    if not is_valid_id(t):
        return f"{_FIELD}「{t}」的檢查碼不對，應是某一碼打錯；請對照證件逐碼核對後重新輸入。"
    return None


def mask_id(s: str) -> str:
    """Mask the middle: 'A123456789' → 'A12****789'."""
    t = normalize_id(s)
    if len(t) == 10:
        return f"{t[:3]}****{t[-3:]}"
    if len(t) > 6:
        return t[:3] + "*" * (len(t) - 6) + t[-3:]
    return "*" * len(t)


def make_id(letter: str, second: str, digits7: str) -> str:
    """Build a number with the correct check digit (for the demo generator).

    ``second`` is '1'/'2' (national), '8'/'9' (new resident) or 'A'–'D' (old resident).
    """
    letter, second = letter.upper(), second.upper()
    if letter not in LETTER_VALUES:
        raise ValueError(f"第 1 碼「{letter}」必須是英文字母 A–Z。")
    if second not in ("1", "2", "8", "9", "A", "B", "C", "D"):
        raise ValueError(f"第 2 碼「{second}」必須是 1、2、8、9 或 A–D。")
    if not re.fullmatch(r"\d{7}", digits7):
        raise ValueError(f"「{digits7}」必須是 7 碼數字。")
    check = (10 - _checksum(letter, second, digits7) % 10) % 10
    return f"{letter}{second}{digits7}{check}"
