"""A screen of a given size for the offscreen platform (tests, ``tools/screens.py``)."""

from __future__ import annotations

import json
from pathlib import Path


def parse_screen(text: str) -> tuple[int, int, float]:
    """``1366x768`` or ``1366x768@125`` (percent scaling) → (width, height, scale)."""
    size, _at, percent = text.lower().partition("@")
    width, _x, height = size.partition("x")
    return int(width), int(height), (int(percent) / 100 if percent else 1.0)


def offscreen_platform(screen: str, folder: Path) -> str:
    """The ``-platform`` argument of an offscreen screen ``screen`` (see :func:`parse_screen`);
    scaling is a device pixel ratio, as Qt 6 applies Windows' 125 %."""
    width, height, scale = parse_screen(screen)
    config = folder / f"screen-{width}x{height}-{int(scale * 100)}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "office", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": scale}]}))
    return f"offscreen:configfile={config}"
