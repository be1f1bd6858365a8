"""Hostile files for the tests and the import benchmark (issue #15): bombs, polyglots, PDFs
with active content — each made here, small on disk, from real libraries."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent


def _rezip(src: Path, dest: Path, replace: dict[str, object]) -> Path:
    """Copy the workbook ``src`` to ``dest`` with members replaced: bytes, or a
    ``(chunk, times)`` pair streamed (a member far bigger than memory, made in seconds)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED,
                                                      compresslevel=1) as zout:
        names = zin.namelist()
        for name in names:
            if name not in replace:
                zout.writestr(zin.getinfo(name), zin.read(name))
        for name, data in replace.items():
            if isinstance(data, bytes):
                zout.writestr(name, data)
                continue
            (head, chunk, times, tail) = data  # type: ignore[misc]
            with zout.open(name, "w", force_zip64=True) as out:
                out.write(head)
                for _ in range(times):
                    out.write(chunk)
                out.write(tail)
    return dest


def _base_book(path: Path, header: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    ws.append(["x"] * len(header))
    wb.save(path)
    return path


def shared_strings_bomb(folder: Path, header: list[str], mb: int = 700) -> Path:
    """A workbook whose shared-strings table expands to ``mb`` MB (about 1 MB on disk)."""
    base = _base_book(folder / "base.xlsx", header)
    head = b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    chunk = b"A" * (1 << 20)
    return _rezip(base, folder / "shared-strings-bomb.xlsx",
                  {"xl/sharedStrings.xml": (head, chunk, mb, b"</t></si></sst>")})


def huge_cell_bomb(folder: Path, header: list[str], mb: int = 700) -> Path:
    """A workbook whose first sheet holds one inline cell of ``mb`` MB."""
    base = _base_book(folder / "base.xlsx", header)
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
            b'<c r="A1" t="inlineStr"><is><t>')
    tail = b"</t></is></c></row></sheetData></worksheet>"
    return _rezip(base, folder / "huge-cell-bomb.xlsx",
                  {"xl/worksheets/sheet1.xml": (head, b"B" * (1 << 20), mb, tail)})


def long_cell_book(folder: Path, header: list[str], chars: int = 200_000) -> Path:
    """A workbook with one cell of ``chars`` random letters (does not compress: no bomb)."""
    rnd = random.Random(15)
    text = "".join(rnd.choice("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥") for _ in range(chars))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    ws.append([text] + ["x"] * (len(header) - 1))
    path = folder / "long-cell.xlsx"
    wb.save(path)
    return path


def missing_shared_string(folder: Path, header: list[str]) -> Path:
    """A workbook whose cell refers to shared string 999 of a table of a few."""
    base = folder / "base-ss.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(header)
    wb.active.append(["113001"] + ["x"] * (len(header) - 1))
    wb.save(base)
    with zipfile.ZipFile(base) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    # openpyxl writes inline strings: make the first data cell a shared string it lacks
    sheet = sheet.replace(b'<c r="A2" t="inlineStr"><is><t>113001</t></is></c>',
                          b'<c r="A2" t="s"><v>999</v></c>', 1)
    assert b'<v>999</v>' in sheet
    return _rezip(base, folder / "missing-shared-string.xlsx",
                  {"xl/worksheets/sheet1.xml": sheet})


def zip_bomb_receipt(folder: Path, mb: int = 700) -> Path:
    """A 'receipt' whose one JSON member expands to ``mb`` MB of spaces."""
    path = folder / "receipt-bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("113_2_修課紀錄_收訖明細.json", "w", force_zip64=True) as out:
            chunk = b" " * (1 << 20)
            for _ in range(mb):
                out.write(chunk)
        zf.writestr("SHA.txt", "113_2_修課紀錄_收訖明細.json," + "0" * 64 + "\n")
    return path


def huge_csv(folder: Path, header: list[str], mb: int = 300) -> Path:
    """A CSV of ``mb`` MB whose rows are all blank-ish (read line by line, never whole)."""
    path = folder / "huge.csv"
    line = ("," * (len(header) - 1) + "\r\n").encode()
    block = line * ((1 << 20) // len(line))
    with path.open("wb") as f:
        f.write((",".join(header) + "\r\n").encode("utf-8"))
        for _ in range(mb):
            f.write(block)
    return path


# --- PDFs and images -------------------------------------------------------------------------
def _pdf(build: object = None) -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    if build is not None:
        build(pdf)  # type: ignore[operator]
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    import pikepdf

    def build(pdf: pikepdf.Pdf) -> None:
        pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript,
            JS=pikepdf.String("app.alert('hi')")))
    return _pdf(build)


def pdf_with_launch() -> bytes:
    import pikepdf

    def build(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(
            S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")))
    return _pdf(build)


def pdf_with_embedded_file() -> bytes:
    import pikepdf

    def build(pdf: pikepdf.Pdf) -> None:
        spec = pikepdf.AttachedFileSpec(pdf, b"MZ evil", filename="run.exe")
        pdf.attachments["run.exe"] = spec
    return _pdf(build)


def pdf_zip_polyglot() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("payload.html", "<script>alert(1)</script>")
    return _pdf() + buf.getvalue()


def jpeg_then_html() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + \
        b"<html><script>alert(1)</script></html>"


def real_jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (32, 24), (20, 120, 200)).save(out, "JPEG")
    return out.getvalue()


# --- running under a memory limit ------------------------------------------------------------
def run_limited(argv: list[str], limit_mb: int, env: dict[str, str] | None = None,
                timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``lxp-desktop ARGV`` in a child process whose address space is capped at ``limit_mb``
    (``resource.setrlimit``): a reader that tried to hold a bomb would die of MemoryError."""
    code = ("import resource, sys\n"
            f"lim = {limit_mb} * 1024 * 1024\n"
            "resource.setrlimit(resource.RLIMIT_AS, (lim, lim))\n"
            "from lxp_desktop.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    full = {**os.environ, **(env or {}), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True,
                          text=True, env=full, timeout=timeout, cwd=ROOT)
