"""Render the app icon (resources/icons/lxp-desktop.svg) to the PNG sizes and a Windows .ico.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_icons.py

Uses Qt's own SVG renderer (QtSvg ships with PySide6-Essentials), so no other package is
needed. The .ico holds every size: 16–128 as 32-bit BMP entries with an alpha channel (what
every Windows tool, Inno Setup's compiler included, reads) and 256 as a PNG entry (the format
Windows uses for that size since Vista).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lxp_desktop.paths import ICON_SIZES  # noqa: E402

ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "lxp-desktop.svg"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def bmp_entry(image: QImage) -> bytes:
    """An ICO image as a DIB: BITMAPINFOHEADER (height doubled), BGRA rows bottom-up, and the
    1-bit AND mask (all zero: the alpha channel decides)."""
    size = image.width()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)  # BGRA in memory (little end)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(size - 1, -1, -1):
        line = image.constScanLine(y)
        rows.append(bytes(line)[: size * 4])
    mask_row = ((size + 31) // 32) * 4
    return header + b"".join(rows) + b"\0" * (mask_row * size)


def write_ico(images: dict[int, QImage], dest: Path) -> None:
    entries, blobs = [], []
    offset = 6 + 16 * len(images)
    for size, image in sorted(images.items()):
        blob = png_bytes(image) if size >= 256 else bmp_entry(image)
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    dest.write_bytes(struct.pack("<HHH", 0, 1, len(images)) + b"".join(entries) + b"".join(blobs))


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    images = {}
    for size in ICON_SIZES:
        image = render(renderer, size)
        dest = ICONS / f"lxp-desktop-{size}.png"
        dest.write_bytes(png_bytes(image))
        images[size] = image
        print(f"{dest.relative_to(ROOT)}  {dest.stat().st_size} bytes")
    ico = ICONS / "lxp-desktop.ico"
    write_ico(images, ico)
    print(f"{ico.relative_to(ROOT)}  {ico.stat().st_size} bytes, sizes {list(images)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
