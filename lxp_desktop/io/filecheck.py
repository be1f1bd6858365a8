"""Whether an uploaded file is what its first bytes say, decided by parsing all of it.

``domain/filekind.py`` names the kind from the first bytes; here the whole file is opened
by a real parser before it is attached:

- a PDF (pikepdf, over qpdf: the object tree is what matters) is refused when it carries
  JavaScript, a launch action, embedded files or rich media, or when data after its last
  ``%%EOF`` (or a ZIP directory at its end) makes it a second kind of file too (a polyglot);
- a JPEG or PNG (Pillow) must decode completely, with no data after its end;
- an MP4 must be a chain of ISO boxes that ends exactly at the end of the file;
- an MP3 must start with an ID3 tag or frames that follow each other.

Each check returns ``None`` or the reason (Traditional Chinese) to show after the file's name.
"""

from __future__ import annotations

import struct
from pathlib import Path

_TRAIL_OK = b" \t\r\n\x00\x0c"

_FIX = "請用原程式重新匯出（另存）成一般的檔案後再上傳。"


def check_content(path: Path, kind: str) -> str | None:
    """The reason ``path`` (already named ``kind`` by its first bytes) is refused, or None."""
    try:
        if kind == "pdf":
            return _check_pdf(path)
        if kind in ("jpg", "png"):
            return _check_image(path, kind)
        if kind == "mp4":
            return _check_mp4(path)
        if kind == "mp3":
            return _check_mp3(path)
    except OSError as exc:
        return f"無法讀取檔案（{exc.strerror or exc}）；請確認檔案存在且未被其他程式鎖住。"
    return None


# --- PDF --------------------------------------------------------------------------------------
_ACTIVE_KEYS = {
    "/JS": "JavaScript", "/JavaScript": "JavaScript", "/EmbeddedFiles": "內嵌檔案",
    "/EmbeddedFile": "內嵌檔案", "/RichMedia": "多媒體程式（RichMedia）", "/XFA": "XFA 表單",
}
_ACTIVE_ACTIONS = {"/JavaScript": "JavaScript", "/Launch": "開啟外部程式的動作（Launch）",
                   "/ImportData": "匯入資料的動作", "/SubmitForm": "送出表單的動作",
                   "/GoToE": "開啟內嵌檔案的動作", "/RichMediaExecute": "多媒體程式"}


def _tail_problem(path: Path) -> str | None:
    size = path.stat().st_size
    with path.open("rb") as f:
        f.seek(max(0, size - 70_000))
        tail = f.read()
    eof = tail.rfind(b"%%EOF")
    if eof < 0:
        return "PDF 檔沒有結尾標記（%%EOF），檔案不完整或不是 PDF；" + _FIX
    after = tail[eof + 5:]
    if after.strip(_TRAIL_OK):
        return (f"PDF 檔結尾之後還接著 {len(after)} 位元組的其他資料（可能同時是另一種檔案），"
                "為安全起見不予上傳；" + _FIX)
    if b"PK\x05\x06" in tail or b"PK\x06\x06" in tail:
        return "PDF 檔同時也是 ZIP 壓縮檔（多重格式檔），為安全起見不予上傳；" + _FIX
    return None


def _check_pdf(path: Path) -> str | None:
    import pikepdf

    from lxp_desktop.domain.limits import ATTACHMENT_MAX_PAGES

    problem = _tail_problem(path)
    if problem:
        return problem
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return "PDF 檔有密碼保護，中央資料庫與審閱者都無法開啟；請移除密碼後另存再上傳。"
    except (pikepdf.PdfError, ValueError, RuntimeError):
        return "PDF 檔已損毀，無法開啟；" + _FIX
    with pdf:
        if len(pdf.pages) > ATTACHMENT_MAX_PAGES:
            return f"PDF 檔有 {len(pdf.pages)} 頁，超過上限 {ATTACHMENT_MAX_PAGES} 頁；請分成較小的檔案。"
        if len(pdf.pages) == 0:
            return "PDF 檔沒有任何頁面；" + _FIX
        found = _active_content(pdf)
    if found:
        return (f"PDF 檔含有{found}，開啟時可能執行程式或帶出其他檔案，為安全起見不予上傳；"
                "請用「列印 → 另存為 PDF」或原程式重新匯出成一般 PDF 後再上傳。")
    return None


def _active_content(pdf: object) -> str | None:
    """The first active thing in the PDF's object tree (every object, direct or not)."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    stack: list[object] = [pdf.trailer]  # type: ignore[attr-defined]
    stack.extend(pdf.objects)  # type: ignore[attr-defined]
    budget = 2_000_000  # objects visited: a bound on a hostile tree
    while stack and budget > 0:
        budget -= 1
        obj = stack.pop()
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            key = (obj.objgen[0], obj.objgen[1])
            if key in seen:
                continue
            seen.add(key)
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            keys = set(obj.keys())
            for k, what in _ACTIVE_KEYS.items():
                if k in keys:
                    return what
            if obj.get("/Type") == pikepdf.Name("/EmbeddedFile") or \
                    obj.get("/Type") == pikepdf.Name("/Filespec") and "/EF" in keys:
                return "內嵌檔案"
            action = obj.get("/S")
            if isinstance(action, pikepdf.Name) and str(action) in _ACTIVE_ACTIONS:
                return _ACTIVE_ACTIONS[str(action)]
            stack.extend(obj.values())
        elif isinstance(obj, pikepdf.Array):
            stack.extend(obj)
    if stack:
        return "過多的物件（無法檢查完畢）"
    return None


# --- images -----------------------------------------------------------------------------------
def _check_image(path: Path, kind: str) -> str | None:
    import warnings

    from PIL import Image

    from lxp_desktop.domain.limits import IMAGE_MAX_PIXELS

    label = "JPEG" if kind == "jpg" else "PNG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                if im.format != ("JPEG" if kind == "jpg" else "PNG"):
                    return f"檔案開頭像 {label} 圖片，內容卻不是；" + _FIX
                w, h = im.size
                if w * h > IMAGE_MAX_PIXELS:
                    return (f"圖片 {w}×{h} 像素，超過上限 {IMAGE_MAX_PIXELS // 1_000_000} 百萬像素；"
                            "請縮小後再上傳。")
                im.load()  # decode every pixel: a header followed by something else fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"圖片像素過多，超過上限 {IMAGE_MAX_PIXELS // 1_000_000} 百萬像素；請縮小後再上傳。"
    except (OSError, SyntaxError, ValueError, struct.error) as exc:
        return f"{label} 圖片無法完整解碼，檔案已損毀或不是圖片（{str(exc)[:60]}）；" + _FIX
    trailing = _png_trailing(path) if kind == "png" else _jpeg_trailing(path)
    if trailing:
        return (f"{label} 圖片結尾之後還接著 {trailing} 位元組的其他資料（可能同時是另一種檔案），"
                "為安全起見不予上傳；" + _FIX)
    return None


def _png_trailing(path: Path) -> int:
    """Bytes after the IEND chunk (0 when there are none, or only padding)."""
    data = path.read_bytes()
    end = data.rfind(b"IEND")
    if end < 0:
        return 0  # Pillow decoded it: nothing to say
    rest = data[end + 8:]  # IEND + CRC
    return len(rest) if rest.strip(_TRAIL_OK) else 0


def _jpeg_trailing(path: Path) -> int:
    data = path.read_bytes()
    end = data.rfind(b"\xff\xd9")
    if end < 0:
        return 0
    rest = data[end + 2:]
    return len(rest) if rest.strip(_TRAIL_OK) else 0


# --- audio and video --------------------------------------------------------------------------
def _check_mp4(path: Path) -> str | None:
    """Top-level ISO boxes must chain from the start to exactly the end of the file."""
    size = path.stat().st_size
    pos = 0
    boxes = 0
    with path.open("rb") as f:
        while pos < size:
            f.seek(pos)
            head = f.read(16)
            if len(head) < 8:
                break
            length, kind = struct.unpack(">I4s", head[:8])
            if length == 1 and len(head) >= 16:
                length = struct.unpack(">Q", head[8:16])[0]
            elif length == 0:  # the last box runs to the end of the file
                length = size - pos
            if length < 8 or not kind.isascii():
                break
            pos += length
            boxes += 1
    if pos != size or boxes == 0:
        return "MP4 檔的結構不完整或在結尾之後接著其他資料（可能同時是另一種檔案）；" + _FIX
    return None


_MP3_BITRATES = {  # MPEG-1 layer III, MPEG-2/2.5 layer III (kbit/s)
    3: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0),
}
_MP3_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _check_mp3(path: Path) -> str | None:
    """After an ID3 tag, at least three MPEG layer III frames that follow each other."""
    with path.open("rb") as f:
        data = f.read(256 * 1024)
    pos = 0
    if data.startswith(b"ID3") and len(data) >= 10:
        pos = 10 + ((data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7
                    | (data[9] & 0x7F))
        while pos < len(data) and data[pos] == 0:
            pos += 1
    frames = 0
    while frames < 3 and pos + 4 <= len(data):
        b1, b2 = data[pos + 1], data[pos + 2]
        if data[pos] != 0xFF or b1 & 0xE0 != 0xE0:
            break
        version = (b1 >> 3) & 0b11
        layer = (b1 >> 1) & 0b11
        rate_i = (b2 >> 2) & 0b11
        bit_i = b2 >> 4
        if version == 1 or layer != 1 or rate_i == 3 or bit_i in (0, 15):
            break
        bitrate = _MP3_BITRATES[3 if version == 3 else 2][bit_i] * 1000
        rate = _MP3_RATES[version][rate_i]
        padding = (b2 >> 1) & 1
        length = (144 if version == 3 else 72) * bitrate // rate + padding
        if length < 24:
            break
        pos += length
        frames += 1
    if frames < 3 and pos + 4 <= len(data):
        return "MP3 檔的音訊資料無法解讀（不是連續的 MP3 音框）；" + _FIX
    return None
