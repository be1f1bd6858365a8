"""Tests of lxp_desktop.domain.roc."""

from __future__ import annotations

import datetime as dt

import pytest

from lxp_desktop.domain.roc import (
    Term,
    ad_year,
    default_dates,
    format_roc,
    format_roc_long,
    parse_date,
    roc_year,
    term_of,
)

D = dt.date(2024, 9, 1)


def test_year_conversion() -> None:
    assert roc_year(2024) == 113
    assert ad_year(113) == 2024
    assert ad_year(roc_year(1999)) == 1999


@pytest.mark.parametrize(
    "value",
    [
        "113/09/01", "113-9-1", "113.09.01", "1130901", "民國113年9月1日", "113年9月1日",
        "中華民國113年09月01日", "113年9月1", "2024-09-01", "2024/9/1", "2024.9.1", "20240901",
        "2024-09-01 00:00:00", "2024-09-01T08:30:00", " 113/09/01 ", "１１３／０９／０１",
        "１１３０９０１", "民國１１３年９月１日", "２０２４－０９－０１", "113 / 9 / 1",
        45536, 45536.75, 1130901, 20240901, 20240901.0, D, dt.datetime(2024, 9, 1, 13, 5),
    ],
)  # fmt: skip
def test_parse_date_accepts(value: object) -> None:
    assert parse_date(value) == D


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0900512", dt.date(2001, 5, 12)),
        ("900512", dt.date(2001, 5, 12)),
        (900512, dt.date(2001, 5, 12)),
        ("1000101", dt.date(2011, 1, 1)),
        ("113/02/29", dt.date(2024, 2, 29)),
        (61, dt.date(1900, 3, 1)),
        (73050, dt.date(2099, 12, 31)),
        ("1/1/1", dt.date(1912, 1, 1)),
    ],
)
def test_parse_date_other_values(value: object, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["113/02/30", "112/02/29", "1130230", "2023-02-29", "113年4月31日", "1131301"]
)
def test_impossible_date_says_it_does_not_exist(value: str) -> None:
    with pytest.raises(ValueError, match="不存在"):
        parse_date(value)


@pytest.mark.parametrize(
    "value", ["abc", "113", "11309", "2024-09", "113/09/01/02", "yesterday", "12345"]
)
def test_unreadable_date_lists_forms(value: str) -> None:
    with pytest.raises(ValueError, match="113/09/01") as exc:
        parse_date(value)
    assert "1130901" in str(exc.value) and "2024-09-01" in str(exc.value)


@pytest.mark.parametrize("value", [0, 10, 60, 73051, 99999, -5])
def test_serial_out_of_range(value: int) -> None:
    with pytest.raises(ValueError, match="序號"):
        parse_date(value)


@pytest.mark.parametrize("value", [None, "", "   ", True, float("nan")])
def test_parse_date_rejects_empty_and_odd(value: object) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


def test_parse_date_unreasonable_year() -> None:
    with pytest.raises(ValueError, match="年份"):
        parse_date("1800-01-01")
    with pytest.raises(ValueError, match="民國年"):
        parse_date("0/1/1")


def test_format() -> None:
    assert format_roc(D) == "113/09/01"
    assert format_roc(dt.date(2001, 5, 12)) == "90/05/12"
    assert format_roc_long(D) == "民國113年9月1日"
    assert format_roc(dt.date(1911, 1, 1)) == "民前1/01/01"
    assert format_roc_long(dt.date(1911, 1, 1)) == "民前1年1月1日"


def test_round_trip() -> None:
    for d in (dt.date(2008, 2, 29), dt.date(2024, 12, 31), dt.date(1912, 1, 1)):
        assert parse_date(format_roc(d)) == d
        assert parse_date(format_roc_long(d)) == d


def test_term_label_and_code() -> None:
    assert Term(113, 1).label == "113學年度第1學期"
    assert Term(113, 2).label == "113學年度第2學期"
    assert Term(113, 0).label == "113學年度"
    assert Term(113, 1).code == "113-1"
    assert str(Term(113, 0)) == "113學年度"


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("113-1", Term(113, 1)), ("113-2", Term(113, 2)), ("113-0", Term(113, 0)),
        ("1131", Term(113, 1)), ("1132", Term(113, 2)), ("113/2", Term(113, 2)),
        ("９９－１", Term(99, 1)), ("113學年度第1學期", Term(113, 1)), ("113學年度", Term(113, 0)),
        ("113學年度第二學期", Term(113, 2)), (" 113-1 ", Term(113, 1)),
    ],
)  # fmt: skip
def test_term_parse(text: str, term: Term) -> None:
    assert Term.parse(text) == term


@pytest.mark.parametrize("text", ["113-3", "113", "112", "abc", "", "113-1-1"])
def test_term_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="學期"):
        Term.parse(text)


def test_term_validation() -> None:
    with pytest.raises(ValueError, match="學期"):
        Term(113, 3)
    with pytest.raises(ValueError, match="學年度"):
        Term(0, 1)


def test_term_ordering_and_neighbours() -> None:
    terms = [Term(113, 2), Term(112, 1), Term(113, 0), Term(113, 1)]
    assert sorted(terms) == [Term(112, 1), Term(113, 0), Term(113, 1), Term(113, 2)]
    assert Term(113, 1).next() == Term(113, 2)
    assert Term(113, 2).next() == Term(114, 1)
    assert Term(113, 1).previous() == Term(112, 2)
    assert Term(113, 2).previous() == Term(113, 1)
    assert Term(113, 0).next() == Term(114, 0)
    assert Term(113, 0).previous() == Term(112, 0)
    assert Term(113, 2).year == Term(113, 0)
    assert len({Term(113, 1), Term(113, 1)}) == 1


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (dt.date(2024, 8, 1), Term(113, 1)),
        (dt.date(2024, 12, 31), Term(113, 1)),
        (dt.date(2025, 1, 31), Term(113, 1)),
        (dt.date(2025, 2, 1), Term(113, 2)),
        (dt.date(2025, 7, 31), Term(113, 2)),
        (dt.date(2024, 7, 31), Term(112, 2)),
    ],
)
def test_term_of(day: dt.date, term: Term) -> None:
    assert term_of(day) == term


def test_default_dates() -> None:
    assert default_dates(Term(113, 1)) == (dt.date(2024, 8, 1), dt.date(2025, 1, 31))
    assert default_dates(Term(113, 2)) == (dt.date(2025, 2, 1), dt.date(2025, 7, 31))
    assert default_dates(Term(113, 0)) == (dt.date(2024, 8, 1), dt.date(2025, 7, 31))
    for term in (Term(113, 1), Term(113, 2)):
        start, end = default_dates(term)
        assert term_of(start) == term and term_of(end) == term
