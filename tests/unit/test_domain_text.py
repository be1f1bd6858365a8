"""Tests of lxp_desktop.domain.text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lxp_desktop.domain.text import cell_to_str, normalize_cell, strip_text, to_halfwidth


def test_to_halfwidth_converts_fullwidth_ascii() -> None:
    assert to_halfwidth("Ａ１２３４５６７８９") == "A123456789"
    assert to_halfwidth("１１３／０９／０１") == "113/09/01"
    assert to_halfwidth("ａｂｃ！？（）－") == "abc!?()-"
    assert to_halfwidth("\u3000") == " "


def test_to_halfwidth_leaves_cjk_alone() -> None:
    assert to_halfwidth("王小明　臺北市") == "王小明 臺北市"
    assert to_halfwidth("測試，（一）") == "測試,(一)"
    assert to_halfwidth("測試，（一）１", punctuation=False) == "測試，（一）1"


def test_strip_text_strips_ideographic_space_and_nbsp() -> None:
    assert strip_text("\u3000 王小明\u00a0\n") == "王小明"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (12.0, "12"),
        (12.5, "12.5"),
        (Decimal("7.00"), "7"),
        (True, "1"),
        (dt.date(2024, 9, 1), "2024-09-01"),
        (dt.datetime(2024, 9, 1), "2024-09-01"),
        (dt.datetime(2024, 9, 1, 8, 30), "2024-09-01 08:30:00"),
        ("abc", "abc"),
    ],
)
def test_cell_to_str(value: object, expected: str) -> None:
    assert cell_to_str(value) == expected


def test_normalize_cell_reports_changes() -> None:
    assert normalize_cell("  Ａ１２３ ") == ("A123", True)
    assert normalize_cell("A123") == ("A123", False)
    assert normalize_cell(1010101.0) == ("1010101", False)
    assert normalize_cell(None) == ("", False)


def test_normalize_cell_free_text_only_strips() -> None:
    assert normalize_cell("\u3000王小明（ＡＢ）\u3000", free_text=True) == ("王小明（ＡＢ）", True)
