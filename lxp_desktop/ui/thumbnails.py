"""Small pictures of attachments: images by QImage, the first page of a PDF by pypdfium2.

PySide6-Essentials has no QtPdf module, so PDF pages are rendered with pypdfium2 (PDFium,
a wheel with no system package). Only already hash-checked bytes come here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage


def thumbnail(kind: str, data: bytes, size: int = 96) -> QImage | None:
    """A picture at most ``size`` pixels wide and high, or None for audio/video or bad data."""
    image: QImage | None = None
    if kind in ("jpg", "png"):
        loaded = QImage.fromData(data)
        image = None if loaded.isNull() else loaded
    elif kind == "pdf":
        image = _pdf_first_page(data, size)
    if image is None:
        return None
    return image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


def _pdf_first_page(data: bytes, size: int) -> QImage | None:
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a dependency
        return None
    try:
        doc = pdfium.PdfDocument(data)
        try:
            if len(doc) == 0:
                return None
            page = doc[0]
            width, height = page.get_size()
            bitmap = page.render(scale=size / max(width, height, 1), rev_byteorder=True)
            fmt = {3: QImage.Format.Format_RGB888, 4: QImage.Format.Format_RGBA8888}.get(
                bitmap.n_channels)
            if fmt is None:
                return None
            raw = bytes(bitmap.buffer)
            image = QImage(raw, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
            page.close()
            return image
        finally:
            doc.close()
    except Exception:  # noqa: BLE001 - a damaged or encrypted PDF just gets no picture
        return None
