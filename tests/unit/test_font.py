"""The shipped Traditional Chinese font embeds in reportlab PDFs and covers name characters.

resources/fonts/NotoSansTC-*.ttf is made by tools/make_font.py (see resources/fonts/README.md).
Only reportlab and pypdf are used: no system font and no fontconfig is involved.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FONTS = {
    "Regular": FONT_DIR / "NotoSansTC-Regular.ttf",
    "Bold": FONT_DIR / "NotoSansTC-Bold.ttf",
}
FAMILY = "LXP Noto Sans TC"

SAMPLE = "臺中市私立致用高級中學 學生學習歷程檔案 收訖明細 王小明 堃 喆 峯"
NAME_CHARS = "王陳林張李黃吳劉蔡楊堃喆峯犇淼曌"
SCHOOL_TERMS = ["學年度", "課程學習成果", "多元表現", "收訖明細"]


def _register(style: str) -> str:
    name = f"LXPNotoSansTC-{style}-test"
    try:
        pdfmetrics.getFont(name)
    except KeyError:
        pdfmetrics.registerFont(TTFont(name, str(FONTS[style])))
    return name


def _embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """BaseFont name -> whether its descriptor carries a FontFile2 (TrueType) stream."""
    out: dict[str, bool] = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            out[str(font["/BaseFont"])] = desc is not None and "/FontFile2" in desc.get_object()
    return out


@pytest.mark.parametrize("style", sorted(FONTS))
def test_font_file_is_truetype_with_expected_family(style: str) -> None:
    path = FONTS[style]
    assert path.is_file(), f"{path} missing: run python tools/make_font.py"
    assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # glyf outlines, not CFF ('OTTO')
    face = TTFont(f"probe-{style}", str(path)).face
    assert face.familyName == FAMILY.encode()
    assert face.name == f"LXPNotoSansTC-{style}".encode()  # PostScript name


@pytest.mark.parametrize("style", sorted(FONTS))
def test_pdf_embeds_font_and_text_extracts(tmp_path: Path, style: str) -> None:
    font_name = _register(style)
    pdf = tmp_path / f"letter-{style}.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.setFont(font_name, 14)
    c.drawString(72, 760, SAMPLE)
    c.drawString(72, 730, "113 " + "、".join(SCHOOL_TERMS))
    c.showPage()
    c.save()

    reader = PdfReader(str(pdf))
    fonts = _embedded_fonts(reader)
    ours = {k: v for k, v in fonts.items() if "LXPNotoSansTC" in k}
    assert ours, f"font not used in PDF: {fonts}"
    assert all(ours.values()), f"no FontFile2 (not embedded): {ours}"
    # embedded as a subset ("ABCDEF+Name"), so a page stays small
    assert all("+" in k for k in ours), ours
    assert pdf.stat().st_size < 100_000, pdf.stat().st_size

    text = reader.pages[0].extract_text()
    assert SAMPLE in text
    for term in SCHOOL_TERMS:
        assert term in text


@pytest.mark.parametrize("style", sorted(FONTS))
def test_name_characters_and_school_terms_are_covered(style: str) -> None:
    char_to_glyph = TTFont(f"cover-{style}", str(FONTS[style])).face.charToGlyph
    wanted = set(NAME_CHARS) | set("".join(SCHOOL_TERMS)) | set(SAMPLE.replace(" ", ""))
    missing = sorted(ch for ch in wanted if ord(ch) not in char_to_glyph)
    assert not missing, f"not in font: {missing}"
