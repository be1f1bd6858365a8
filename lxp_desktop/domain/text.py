"""Text clean-up shared by every door: full-width to half-width, cell values to text,
invisible characters, and the one rule that keeps a value from becoming a spreadsheet formula."""

from __future__ import annotations

import datetime as _dt
import re
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


#: Characters a clerk cannot see and that change what a name is or how it is shown: zero-width
#: characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM), bidirectional controls (LRM, RLM, ALM,
#: LRE…RLO, LRI…PDI) and the soft hyphen. One rule for every door: they are removed (and an
#: import reports it as 自動整理).
INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space/non-joiner/joiner, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
    "\ufeff"  # zero-width no-break space (BOM)
)
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))


def has_invisible(s: str) -> bool:
    return _INVISIBLE_RE.search(s) is not None


def remove_invisible(s: str) -> str:
    """``s`` without the characters of :data:`INVISIBLE`."""
    return s.translate(_DROP_INVISIBLE) if _INVISIBLE_RE.search(s) else s


#: What a spreadsheet reads as the start of a formula (OWASP "CSV injection"): = + - @, and a
#: value that begins with a tab or carriage return.
FORMULA_STARTS = ("=", "+", "-", "@")
_LEADING_SPACE = " \t\r\n\v\f\u3000\u00a0" + INVISIBLE
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def looks_like_formula(value: object) -> bool:
    """True for a text a spreadsheet would take for a formula once its leading whitespace and
    invisible characters are gone (`` =HYPERLINK(…)``, ``\u200b+1``, ``@SUM(…)``); a plain
    number (``-1``, ``+886``) is not one."""
    if not isinstance(value, str) or not value:
        return False
    if value[0] in "\t\r":
        return True
    text = value.lstrip(_LEADING_SPACE)
    if not text or text[0] not in FORMULA_STARTS:
        return False
    return _PLAIN_NUMBER.fullmatch(remove_invisible(value).strip()) is None


def neutralize_formula(value: object) -> object:
    """A value safe to write into a .xlsx/.csv cell: formula-looking text gets a leading
    apostrophe (the OWASP rule), everything else (numbers, dates, plain text) is unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def unneutralize(value: object) -> object:
    """The inverse of :func:`neutralize_formula`, for a file our own export wrote: ``'=…`` →
    ``=…``. Anything else is returned as it is."""
    if isinstance(value, str) and value.startswith("'") and looks_like_formula(value[1:]):
        return value[1:]
    return value


def to_halfwidth(s: str, *, punctuation: bool = True) -> str:
    """Turn full-width ASCII letters, digits (and punctuation) and U+3000 into half-width.

    CJK characters are never touched. With ``punctuation=False`` only letters, digits
    and the ideographic space change, so Chinese prose keeps its full-width ，。（）.
    """
    return s.translate(_FULLWIDTH_ALL if punctuation else _FULLWIDTH_ALNUM)


def strip_text(s: str) -> str:
    """Strip surrounding whitespace, including the ideographic space and NBSP, and remove the
    invisible characters of :data:`INVISIBLE` wherever they are."""
    return remove_invisible(s).strip(_STRIP_CHARS)


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
