"""Which uploads are allowed, decided by the file's bytes, never by its name (docs/domain.md §2)."""

from __future__ import annotations

import math
import struct

from lxp_desktop.domain.limits import MB, file_size_limit_mb
from lxp_desktop.domain.roc import Term

#: Read at least this many bytes of a file before calling :func:`detect_kind`.
HEAD_SIZE = 64

KIND_CATEGORY: dict[str, str] = {
    "pdf": "document",
    "jpg": "document",
    "png": "document",
    "mp3": "media",
    "mp4": "media",
}
MIME: dict[str, str] = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "mp3": "audio/mpeg",
    "mp4": "video/mp4",
}
EXTENSION: dict[str, str] = {kind: f".{kind}" for kind in KIND_CATEGORY}
CATEGORY_LABEL: dict[str, str] = {"document": "文件（pdf、jpg、png）", "media": "影音（mp3、mp4）"}

_PNG = b"\x89PNG\r\n\x1a\n"
# ISO BMFF brands that mean MPEG-4 video/audio; HEIC/AVIF images and QuickTime are not mp4.
_MP4_BRANDS = frozenset(
    {
        b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso7", b"iso8", b"iso9",
        b"mp41", b"mp42", b"mp71", b"avc1", b"hvc1", b"av01", b"dash", b"msnv", b"MSNV",
        b"M4V ", b"M4VH", b"M4VP", b"M4A ", b"M4B ", b"f4v ", b"mmp4", b"XAVC",
    }
)  # fmt: skip
_NOT_MP4_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"mif1", b"msf1", b"avif", b"avis",
     b"crx ", b"qt  ", b"jp2 ", b"3gp4", b"3gp5", b"3gp6", b"3g2a"}
)  # fmt: skip


def _is_mp3_frame(head: bytes) -> bool:
    """An MPEG audio frame header for layer III with valid bitrate and sample rate."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version = (head[1] >> 3) & 0b11  # 01 is reserved
    layer = (head[1] >> 1) & 0b11  # 01 is layer III
    bitrate = head[2] >> 4  # 1111 is invalid; 0000 "free" is allowed
    sample_rate = (head[2] >> 2) & 0b11  # 11 is reserved
    return version != 0b01 and layer == 0b01 and bitrate != 0b1111 and sample_rate != 0b11


def _is_mp4(head: bytes) -> bool:
    """An ``ftyp`` box at offset 4 whose major or compatible brand is MPEG-4."""
    if len(head) < 12 or head[4:8] != b"ftyp":
        return False
    size = struct.unpack(">I", head[:4])[0]
    if not 16 <= size <= 4096 or (size - 16) % 4 != 0:
        return False
    major = head[8:12]
    if major in _NOT_MP4_BRANDS:
        return False
    if major in _MP4_BRANDS:
        return True
    compatible = head[16 : min(size, len(head))]
    return any(compatible[i : i + 4] in _MP4_BRANDS for i in range(0, len(compatible) - 3, 4))


def detect_kind(head: bytes) -> str | None:
    """'pdf', 'jpg', 'png', 'mp3' or 'mp4' from the first bytes of a file, else ``None``."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(_PNG):
        return "png"
    if head.startswith(b"ID3") and len(head) >= 4 and head[3] in (2, 3, 4):
        return "mp3"
    if _is_mp3_frame(head):
        return "mp3"
    if _is_mp4(head):
        return "mp4"
    return None


def _mb(size: int) -> str:
    """A size in MB rounded up to 0.01, so a file just over the limit never shows equal."""
    return f"{math.ceil(size * 100 / MB) / 100:.2f}"


def check_file(head: bytes, size: int, term: Term) -> tuple[str | None, str | None]:
    """Return ``(kind, error)`` for an upload of ``size`` bytes beginning with ``head``."""
    if size <= 0 or not head:
        return None, "檔案是空的（0 位元組）；請重新選擇檔案，或重新存檔後再上傳。"
    kind = detect_kind(head)
    if kind is None:
        return None, (
            "檔案內容不是 pdf、jpg、png、mp3 或 mp4，無法上傳；請用原程式另存（匯出）成"
            "這幾種格式之一再上傳（只改副檔名沒有用，系統看的是檔案內容）。"
        )
    limit = file_size_limit_mb(kind, term)
    if size > limit * MB:
        category = CATEGORY_LABEL[KIND_CATEGORY[kind]]
        return kind, (
            f"檔案大小 {_mb(size)} MB，超過{term.label}{category}檔案上限 {limit} MB；"
            "請壓縮、降低解析度或分段後再上傳。"
        )
    return kind, None
