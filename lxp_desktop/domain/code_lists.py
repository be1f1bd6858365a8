"""The code lists of the rosters (docs/domain.md §6) as data: ``code_lists.json`` beside this module.

``parse(list_name, value)`` turns what a clerk types — the code (``2``) or its name
(``縣市級``, also 「2 縣市級」) — into the code; a value not on the list gets a message that
names the list and every allowed value.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from lxp_desktop.domain.text import cell_to_str, strip_text

_FILE = Path(__file__).with_name("code_lists.json")


@cache
def lists() -> dict[str, dict[str, str]]:
    data = json.loads(_FILE.read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def codes(name: str) -> dict[str, str]:
    """code → name of one list (e.g. 競賽等級: {'1': '校級', …})."""
    return lists()[name]


def describe(name: str) -> str:
    return "、".join(f"{c} {n}" for c, n in codes(name).items())


def parse(name: str, value: object) -> str | None:
    """The code of ``value`` (a code, a name, or 'code name'); None when not on the list."""
    text = strip_text(cell_to_str(value))
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    table = codes(name)
    if text in table:
        return text
    for code, label in table.items():
        if text in (label, f"{code} {label}", f"{code}{label}"):
            return code
    return None


def problem(name: str, label: str, value: object) -> str:
    """The message for a value not on the list ``name``."""
    text = strip_text(cell_to_str(value))
    return f"{label}「{text}」不在{name}代碼表中；請填代碼或名稱：{describe(name)}。"
