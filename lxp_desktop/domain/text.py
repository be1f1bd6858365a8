"""Text clean-up shared by every door: full-width to half-width, cell values to text."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

# Full-width ASCII block U+FF01..U+FF5E maps one-to-one onto U+0021..U+007E.
_FULLWIDTH_ALL = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH_ALL[0x3000] = 0x20  # ideographic space
# Letters and digits only (Chinese prose keeps its ，：（） etc.).
_FULLWIDTH_ALNUM = {
    cp: cp - 0xFEE0
    for cp in range(0xFF01, 0xFF5F)
    if chr(cp - 0xFEE0).isascii() and chr(cp - 0xFEE0).isalnum()
}
_FULLWIDTH_ALNUM[0x3000] = 0x20

# Whitespace that clerks paste around values: ASCII, ideographic space, NBSP, BOM, ZWSP.
_STRIP_CHARS = " \t\r\n\v\f\u3000\u00a0\ufeff\u200b"


def to_halfwidth(s: str, *, punctuation: bool = True) -> str:
    """Turn full-width ASCII letters, digits (and punctuation) and U+3000 into half-width.

    CJK characters are never touched. With ``punctuation=False`` only letters, digits
    and the ideographic space change, so Chinese prose keeps its full-width ，。（）.
    """
    return s.translate(_FULLWIDTH_ALL if punctuation else _FULLWIDTH_ALNUM)


def strip_text(s: str) -> str:
    """Strip surrounding whitespace, including the ideographic space and NBSP."""
    return s.strip(_STRIP_CHARS)


def cell_to_str(value: object) -> str:
    """The plain text form of a cell: ``None`` → '', ``12.0`` → '12', a date → ISO."""
    if type(value) is str:  # most cells: first
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(value.quantize(Decimal(1)))
        return str(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def normalize_code(value: object) -> str:
    """A typed number or code as looked up (學號, 掛號號碼): half-width, trimmed, upper case."""
    return strip_text(to_halfwidth(cell_to_str(value))).upper()


def normalize_cell(value: object, *, free_text: bool = False) -> tuple[str, bool]:
    """Return ``(text, changed)``: the value as stripped half-width text.

    ``changed`` is true when half-width conversion or stripping altered the text the
    user typed (a type conversion such as ``12.0`` → ``'12'`` does not count).
    With ``free_text=True`` (names, 簡述, remarks) only surrounding whitespace is removed.
    """
    raw = cell_to_str(value)
    text = strip_text(raw) if free_text else strip_text(to_halfwidth(raw))
    return text, text != raw
