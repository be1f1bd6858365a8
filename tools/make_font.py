#!/usr/bin/env python3
"""Build the Traditional Chinese TrueType font(s) shipped in resources/fonts/.

Why
    reportlab embeds only TrueType-outline (glyf) fonts.  Noto Sans CJK ships
    with CFF outlines (OTF/OTC), which reportlab rejects, and the CID fonts
    reportlab knows by name (MSung-Light ...) are never embedded.  So we convert
    the Noto Sans CJK TC face to TrueType once and commit the result.  The same
    file loads into Qt with QFontDatabase.addApplicationFont.

Source
    Debian package ``fonts-noto-cjk`` (Noto Sans CJK 2.004, SIL OFL 1.1):
        /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
        /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
    The face is picked from the collection by its family name
    ('Noto Sans CJK TC'), never by index.
    Install:  apt-get install -y --no-install-recommends fonts-noto-cjk
              pip install fonttools

What it does (fontTools' Snippets/otf2ttf.py recipe)
    * draws every CFF glyph through Cu2QuPen (cubic -> quadratic, max error
      1.0 font unit, contour direction reversed for TrueType) into TTGlyphPen;
    * replaces the 'CFF ' table by 'glyf'/'loca', drops 'VORG' (CFF-only);
    * writes a version 1.0 'maxp', 'post' format 3 (no glyph names: the CID
      names would only add bytes), head.glyphDataFormat = 0, and the hmtx
      left side bearings from the new outlines;
    * keeps every other table (cmap incl. format 12/14, name, OS/2, hhea, hmtx,
      vhea, vmtx, GSUB, GPOS, GDEF, BASE).  No glyph is dropped (no subsetting:
      a Big5 subset would lose characters used in real names such as 堃 喆 峯);
    * renames the family to 'LXP Noto Sans TC' (a modified version under the
      OFL; avoids clashing with an installed 'Noto Sans CJK TC' in Qt).
    The original head.modified timestamp is kept, so re-running the script
    with the same source and fontTools version gives the same bytes.

Output
    resources/fonts/NotoSansTC-Regular.ttf   family 'LXP Noto Sans TC', Regular
    resources/fonts/NotoSansTC-Bold.ttf      family 'LXP Noto Sans TC', Bold

Usage
    python tools/make_font.py                      # Regular and Bold (committed)
    python tools/make_font.py --weights Regular    # one face only
    python tools/make_font.py --source-dir DIR --out-dir DIR

Time
    About 35 s per face, about 70 s for both, on the 2-core project machine
    (65,535 glyphs per face; peak memory about 650 MB).  Output about 20 MB
    per face (Regular 19.9 MB, Bold 19.6 MB).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
DEFAULT_OUT_DIR = REPO / "resources" / "fonts"
SOURCE_FAMILY = "Noto Sans CJK TC"
NEW_FAMILY = "LXP Noto Sans TC"
NEW_PS_FAMILY = "LXPNotoSansTC"
MAX_ERR = 1.0  # font units (1000 UPM), same as fontTools' otf2ttf default
POST_FORMAT = 3.0


def find_face(ttc_path: Path, family: str) -> int:
    """Index of the face in a .ttc whose name ID 1 (or 16) equals ``family``."""
    coll = TTCollection(str(ttc_path), lazy=True)
    try:
        for i, font in enumerate(coll.fonts):
            name = font["name"]
            names = {name.getDebugName(1), name.getDebugName(16)}
            if family in names:
                return i
    finally:
        coll.close()
    raise SystemExit(f"{ttc_path}: no face with family name {family!r}")


def glyphs_to_quadratic(glyph_set) -> dict:
    quad = {}
    for gname in glyph_set.keys():
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[gname].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        quad[gname] = tt_pen.glyph()
    return quad


def otf_to_ttf(font: TTFont) -> None:
    assert font.sfntVersion == "OTTO" and "CFF " in font, "not a CFF font"
    glyph_order = font.getGlyphOrder()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs_to_quadratic(font.getGlyphSet())
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)  # also computes each glyph's bounding box

    hmtx = font["hmtx"]
    for gname, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[gname] = (hmtx[gname][0], glyph.xMin)

    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        len(getattr(g, "components", [])) for g in glyf.glyphs.values()
    )
    maxp.compile(font)  # fills numGlyphs, maxPoints, maxContours, ...

    post = font["post"]
    post.formatType = POST_FORMAT
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order

    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, style: str) -> None:
    name = font["name"]
    full = f"{NEW_FAMILY} {style}" if style != "Regular" else NEW_FAMILY
    ps = f"{NEW_PS_FAMILY}-{style}"
    version = name.getDebugName(5) or ""
    new = {
        1: NEW_FAMILY,
        2: style,
        3: f"{ps};{version.split(';')[0].replace('Version ', '')};LXP",
        4: full,
        5: f"{version}; converted to TrueType by LXP tools/make_font.py",
        6: ps,
    }
    for rec in name.names:
        if rec.nameID in new:
            rec.string = new[rec.nameID]
    for nid in (16, 17, 21, 22):  # typographic names would still say Noto CJK
        name.removeNames(nameID=nid)


def convert(src: Path, out: Path, style: str) -> float:
    t0 = time.monotonic()
    index = find_face(src, SOURCE_FAMILY)
    print(f"{src} face #{index} ({SOURCE_FAMILY} {style}) -> {out}", flush=True)
    # recalcTimestamp=False keeps head.modified from the source: reproducible.
    font = TTFont(str(src), fontNumber=index, recalcTimestamp=False)
    otf_to_ttf(font)
    rename(font, style)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    font.save(str(tmp))
    font.close()
    tmp.replace(out)
    dt = time.monotonic() - t0
    print(f"  wrote {out.stat().st_size:,} bytes in {dt:.0f} s", flush=True)
    return dt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source-dir", type=Path, default=DEFAULT_SOURCE_DIR)
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    ap.add_argument("--weights", nargs="+", default=["Regular", "Bold"],
                    choices=["Regular", "Bold"])
    args = ap.parse_args(argv)
    total = 0.0
    for style in args.weights:
        src = args.source_dir / f"NotoSansCJK-{style}.ttc"
        if not src.exists():
            print(f"missing {src}: apt-get install fonts-noto-cjk", file=sys.stderr)
            return 1
        total += convert(src, args.out_dir / f"NotoSansTC-{style}.ttf", style)
    print(f"done in {total:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
