"""Every number of docs/domain.md §2 in one place, with the checks that use them.

File sizes use 1 MB = 1024 × 1024 bytes. Whether the central database counts binary
or decimal megabytes is not published; if decimal, a file between 4,000,000 and
4,194,304 bytes would pass here and be refused there, so keep a margin when in doubt.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxp_desktop.domain.roc import Term
from lxp_desktop.domain.text import strip_text

MB = 1024 * 1024

#: 簡述 of an outcome, performance or consultation record, in Unicode characters (fixed).
SUMMARY_MAX = 100

#: The first term of the larger file limits (109學年度第1學期).
LARGER_FILES_FROM = Term(109, 1)
DOCUMENT_MAX_MB_OLD = 2
DOCUMENT_MAX_MB = 4
MEDIA_MAX_MB_OLD = 5
MEDIA_MAX_MB = 10

OUTCOMES_PER_TERM_DEFAULT = 6
OUTCOMES_SELECTED_PER_YEAR = 6
PERFORMANCES_PER_YEAR = 10
CONFIRMATION_MIN_DAYS = 3
OBJECTION_ANSWER_DAYS = 3
RETENTION_YEARS_DEFAULT = 5

_CATEGORY_OF = {
    "pdf": "document",
    "jpg": "document",
    "png": "document",
    "document": "document",
    "mp3": "media",
    "mp4": "media",
    "media": "media",
}


def check_summary(text: str | None, label: str = "簡述") -> str | None:
    """Required, at most 100 Unicode characters; the message gives the current count."""
    t = strip_text(text or "")
    if not t:
        return f"請填寫{label}（最多 {SUMMARY_MAX} 字）。"
    n = len(t)
    if n > SUMMARY_MAX:
        return f"{label}目前 {n} 字，超過 {SUMMARY_MAX} 字上限；請刪減 {n - SUMMARY_MAX} 字。"
    return None


def file_size_limit_mb(kind: str, term: Term) -> int:
    """The limit in MB for a file kind ('pdf', …) or category ('document'/'media')."""
    category = _CATEGORY_OF.get(kind.lower())
    if category is None:
        raise ValueError(f"不認得的檔案種類「{kind}」；只有 pdf、jpg、png、mp3、mp4。")
    larger = term.school_year >= LARGER_FILES_FROM.school_year
    if category == "document":
        return DOCUMENT_MAX_MB if larger else DOCUMENT_MAX_MB_OLD
    return MEDIA_MAX_MB if larger else MEDIA_MAX_MB_OLD


def file_size_limit(kind: str, term: Term) -> int:
    """The limit in bytes: documents 2 MB up to 108學年度, 4 MB from 109-1; media 5/10 MB."""
    return file_size_limit_mb(kind, term) * MB


_HOST_LABEL = re.compile(r"(?!-)[\w-]{1,63}(?<!-)")


def check_url(url: str | None, label: str = "外部連結") -> str | None:
    """A valid http(s) URL with a host name, or a Chinese message saying how to fix it."""
    u = strip_text(url or "")
    fix = "請填完整網址，以 http:// 或 https:// 開頭（例如 https://www.example.com/作品）。"
    if not u:
        return f"請填寫{label}；{fix}"
    if any(c.isspace() or ord(c) < 32 for c in u):
        return f"{label}不可含空白或換行；{fix}"
    try:
        parts = urlsplit(u)
        host = parts.hostname or ""
        _ = parts.port  # raises ValueError for a bad port
    except ValueError:
        return f"{label}「{u}」不是有效網址；{fix}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"{label}「{u}」不是 http 或 https 網址；{fix}"
    if not host:
        return f"{label}「{u}」缺少網站名稱；{fix}"
    if ":" in host:  # IPv6 literal, already validated by urlsplit
        return None
    labels = host.rstrip(".").split(".")
    if len(labels) < 2 and host != "localhost":
        return f"{label}「{u}」的網站名稱「{host}」不完整；{fix}"
    if not all(_HOST_LABEL.fullmatch(part) for part in labels):
        return f"{label}「{u}」的網站名稱「{host}」有不允許的字元；{fix}"
    return None


# --- files from outside: what a file may ask of this PC before it is refused (issue #15) -----
# Every reader checks these *before* it reads: a workbook or ZIP says in its directory how
# big each member is, so a "bomb" (a 1 MB file that expands to gigabytes) is refused without
# being expanded. The messages name the limit (``limit_text``).

#: an .xlsx: members of its ZIP, their total and one member's size once expanded, and the
#: expansion ratio of a member above 1 MB (our 100,000-row exports expand about 10×)
XLSX_MAX_MEMBERS = 2_000
XLSX_MAX_TOTAL_MB = 1_024
XLSX_MAX_MEMBER_MB = 512
#: the shared strings are held in memory while the sheet is read
XLSX_MAX_SHARED_STRINGS_MB = 64
ARCHIVE_MAX_RATIO = 200
ARCHIVE_RATIO_FROM_MB = 1
#: one cell, in characters: Excel's own limit
CELL_MAX_CHARS = 32_767
#: one physical line of a CSV file, in bytes (a line longer than any row can be)
CSV_MAX_LINE_BYTES = 4 * MB

#: a receipt-details ZIP from the central database
RECEIPT_MAX_MEMBERS = 200
RECEIPT_MAX_MEMBER_MB = 256
RECEIPT_MAX_TOTAL_MB = 512
#: its JSON: nesting depth, and digits of one number (a count, a 學年度)
JSON_MAX_DEPTH = 32
JSON_MAX_DIGITS = 18

#: an attached PDF or image: pages and pixels a check may look at
ATTACHMENT_MAX_PAGES = 2_000
IMAGE_MAX_PIXELS = 60_000_000


def mb_text(size: int) -> str:
    """A byte count for a message: '2.5 GB', '300 MB', '12 KB'."""
    if size >= 1024 * MB:
        return f"{size / (1024 * MB):.1f} GB"
    if size >= MB:
        return f"{size / MB:.0f} MB"
    return f"{max(1, size // 1024)} KB"
