"""Tests of lxp_desktop.domain.ids (docs/domain.md §3 vectors)."""

from __future__ import annotations

import pytest

from lxp_desktop.domain.ids import check_id, id_kind, is_valid_id, make_id, mask_id, normalize_id

VALID = ["A123456789", "A800000014", "A823456783", "AA00000009", "AB12345677"]
INVALID = ["A123456780", "A823456780", "AB12345678"]


@pytest.mark.parametrize("number", VALID)
def test_valid_vectors(number: str) -> None:
    assert is_valid_id(number)
    assert check_id(number) is None


@pytest.mark.parametrize("number", INVALID)
def test_invalid_vectors_report_check_digit(number: str) -> None:
    assert not is_valid_id(number)
    message = check_id(number)
    assert message is not None
    assert "身分證統一編號" in message and "檢查碼" in message


@pytest.mark.parametrize("number", ["A12345678", "A323456789", "1123456789", "AE12345678", ""])
def test_bad_format(number: str) -> None:
    assert not is_valid_id(number)
    message = check_id(number)
    assert message is not None and "身分證統一編號" in message
    if number:
        assert "格式" in message


def test_normalize_fullwidth_lowercase() -> None:
    assert normalize_id(" ａ１２３４５６７８９\u3000") == "A123456789"
    assert is_valid_id("ａ１２３４５６７８９")


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("A123456789", "national"),
        ("B223456789", "national"),
        ("A800000014", "resident_new"),
        ("A923456789", "resident_new"),
        ("AA00000009", "resident_old"),
        ("AD12345678", "resident_old"),
        ("A323456789", None),
        ("AE12345678", None),
    ],
)
def test_id_kind(number: str, kind: str | None) -> None:
    assert id_kind(number) == kind


def test_mask() -> None:
    assert mask_id("A123456789") == "A12****789"
    assert mask_id("a123456789") == "A12****789"
    assert mask_id("ABC") == "***"


@pytest.mark.parametrize(
    ("letter", "second", "digits", "expected"),
    [("A", "1", "2345678", "A123456789"), ("A", "8", "0000001", "A800000014"),
     ("A", "A", "0000000", "AA00000009"), ("A", "B", "1234567", "AB12345677")],
)  # fmt: skip
def test_make_id(letter: str, second: str, digits: str, expected: str) -> None:
    assert make_id(letter, second, digits) == expected


def test_make_id_all_letters_valid() -> None:
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        for second in "1289ABCD":
            assert is_valid_id(make_id(letter, second, "7654321"))


@pytest.mark.parametrize(("letter", "second", "digits"), [("1", "1", "1234567"),
                         ("A", "3", "1234567"), ("A", "1", "123")])  # fmt: skip
def test_make_id_rejects_bad_parts(letter: str, second: str, digits: str) -> None:
    with pytest.raises(ValueError):
        make_id(letter, second, digits)
