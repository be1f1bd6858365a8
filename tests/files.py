"""Real small files for attachment tests: a PNG, a PDF (reportlab), an executable, big ones."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from lxp_desktop.domain.limits import MB


def png_bytes(width: int = 40, height: int = 30, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def pdf_bytes(text: str = "Outcome report") -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFillColorRGB(0.1, 0.2, 0.8)
    c.rect(50, 500, 400, 250, fill=1)
    c.drawString(72, 800, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def exe_bytes() -> bytes:
    """The start of a Windows executable (MZ header, PE signature)."""
    header = bytearray(b"MZ" + b"\x90\x00" * 29 + b"\x80\x00\x00\x00")
    header += b"\x00" * (0x80 - len(header)) + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 200
    return bytes(header)


def pdf_of_size(size: int) -> bytes:
    """A valid one-page PDF exactly ``size`` bytes long (padded by a stream the page names)."""
    import io

    import pikepdf

    def make(n: int) -> bytes:
        pdf = pikepdf.new()
        pdf.add_blank_page()
        pdf.pages[0].obj["/LXPPadding"] = pdf.make_stream(b"0" * n)
        out = io.BytesIO()
        pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 static_id=True)
        return out.getvalue()

    n = max(0, size - len(make(0)))
    for _ in range(20):
        data = make(n)
        if len(data) == size:
            return data
        n = max(0, n + size - len(data))
    raise AssertionError(f"cannot make a PDF of exactly {size} bytes")


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


FOUR_MB = 4 * MB
