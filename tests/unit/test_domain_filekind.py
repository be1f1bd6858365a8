"""Tests of lxp_desktop.domain.filekind."""

from __future__ import annotations

import struct

import pytest

from lxp_desktop.domain.filekind import KIND_CATEGORY, MIME, check_file, detect_kind
from lxp_desktop.domain.roc import Term

MB = 1024 * 1024


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\x00\x00\x02\x00" + b"".join(compatible)
    return struct.pack(">I", 8 + len(body)) + b"ftyp" + body + b"\x00\x00\x00\x08free"


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
MP3_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x00"
MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 20  # MPEG-1 layer III, 128 kbit/s, 44.1 kHz
MP3_MPEG2 = b"\xff\xf3\x48\xc4" + b"\x00" * 20  # MPEG-2 layer III
MP4 = ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41")


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (PDF, "pdf"), (JPG, "jpg"), (PNG, "png"), (MP3_ID3, "mp3"), (MP3_FRAME, "mp3"),
        (MP3_MPEG2, "mp3"), (MP4, "mp4"), (ftyp(b"mp42", b"mp42", b"isom"), "mp4"),
        (ftyp(b"M4V ", b"M4V ", b"mp42"), "mp4"), (ftyp(b"abcd", b"abcd", b"mp42"), "mp4"),
    ],
)  # fmt: skip
def test_detect_kind(head: bytes, kind: str) -> None:
    assert detect_kind(head) == kind


@pytest.mark.parametrize(
    "head",
    [
        b"", b"%PDF", b"PK\x03\x04\x14\x00\x06\x00", b"GIF89a\x01\x00", b"\xd0\xcf\x11\xe0\xa1\xb1",
        b"RIFF\x00\x00\x00\x00WAVE", b"hello world", b"ID3\x09\x00",
        b"\xff\xfd\x90\x64" + b"\x00" * 8,  # layer II
        b"\xff\xfb\xf0\x64" + b"\x00" * 8,  # bad bitrate index
        b"\xff\xfb\x9c\x64" + b"\x00" * 8,  # reserved sample rate
        b"\xff\xeb\x90\x64" + b"\x00" * 8,  # reserved MPEG version
        ftyp(b"heic", b"mif1", b"heic"), ftyp(b"avif", b"avif", b"mif1"), ftyp(b"qt  ", b"qt  "),
        ftyp(b"abcd", b"efgh"), b"\x00\x00\x00\x05ftypisom", b"\x00\x00\x00\x18ftyp",
    ],
)  # fmt: skip
def test_detect_kind_rejects(head: bytes) -> None:
    assert detect_kind(head) is None


def test_tables() -> None:
    assert KIND_CATEGORY == {
        "pdf": "document", "jpg": "document", "png": "document", "mp3": "media", "mp4": "media",
    }  # fmt: skip
    assert set(MIME) == set(KIND_CATEGORY)
    assert MIME["jpg"] == "image/jpeg" and MIME["mp4"] == "video/mp4"


def test_check_file_ok() -> None:
    assert check_file(PDF, 4 * MB, Term(109, 1)) == ("pdf", None)
    assert check_file(MP4, 10 * MB, Term(113, 2)) == ("mp4", None)
    assert check_file(PNG, 2 * MB, Term(108, 2)) == ("png", None)


def test_check_file_empty() -> None:
    kind, message = check_file(b"", 0, Term(113, 1))
    assert kind is None and message is not None and "空" in message


def test_check_file_unknown() -> None:
    kind, message = check_file(b"PK\x03\x04", 1000, Term(113, 1))
    assert kind is None
    assert message is not None and message.startswith("檔案內容不是 pdf、jpg、png、mp3 或 mp4")


def test_check_file_too_large_states_limit_and_size() -> None:
    kind, message = check_file(PDF, 4 * MB + 1, Term(113, 1))
    assert kind == "pdf" and message is not None
    assert "4 MB" in message and "4.01 MB" in message and "113學年度第1學期" in message
    kind, message = check_file(JPG, 3 * MB, Term(108, 2))
    assert kind == "jpg" and message is not None and "2 MB" in message and "3.00 MB" in message
    kind, message = check_file(MP3_FRAME, 6 * MB, Term(108, 1))
    assert kind == "mp3" and message is not None and "5 MB" in message
