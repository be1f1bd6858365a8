"""Tests of lxp_desktop.domain.postal and its data table."""

from __future__ import annotations

import pytest

from lxp_desktop.domain.postal import (
    check_address,
    check_postal_code,
    code_of,
    district_of,
    districts,
    districts_of,
    split_address,
)

SPECIAL = {"290", "817", "819"}


def test_table_size_and_shape() -> None:
    rows = districts()
    regular = [r for r in rows if r[0] not in SPECIAL]
    assert len(regular) == 368
    assert len(rows) == 371
    assert len({(c, d) for _, c, d in regular}) == 368
    assert len({c for _, c, _ in regular}) == 22
    assert all(len(code) == 3 and code.isdigit() for code, _, _ in rows)
    assert not any("台" in c + d for _, c, d in rows)
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)


@pytest.mark.parametrize(
    ("code", "city", "district"),
    [
        ("100", "臺北市", "中正區"), ("202", "基隆市", "中正區"), ("407", "臺中市", "西屯區"),
        ("801", "高雄市", "前金區"), ("893", "金門縣", "金城鎮"), ("209", "連江縣", "南竿鄉"),
        ("880", "澎湖縣", "馬公市"), ("952", "臺東縣", "蘭嶼鄉"), ("220", "新北市", "板橋區"),
        ("330", "桃園市", "桃園區"), ("500", "彰化縣", "彰化市"), ("700", "臺南市", "中西區"),
        ("970", "花蓮縣", "花蓮市"), ("260", "宜蘭縣", "宜蘭市"), ("540", "南投縣", "南投市"),
        ("640", "雲林縣", "斗六市"), ("900", "屏東縣", "屏東市"), ("360", "苗栗縣", "苗栗市"),
        ("302", "新竹縣", "竹北市"), ("612", "嘉義縣", "太保市"), ("10001", "臺北市", "中正區"),
        ("407123", "臺中市", "西屯區"),
    ],
)  # fmt: skip
def test_known_codes(code: str, city: str, district: str) -> None:
    assert district_of(code) == (city, district)
    assert code_of(city, district) == code[:3]


def test_shared_codes() -> None:
    assert districts_of("300") == [("新竹市", "東區"), ("新竹市", "北區"), ("新竹市", "香山區")]
    assert districts_of("600") == [("嘉義市", "東區"), ("嘉義市", "西區")]
    assert district_of("300") == ("新竹市", "東區")
    assert district_of("999") is None
    assert districts_of("1") == []
    assert code_of("台北市", "中正區") == "100"


@pytest.mark.parametrize("code", ["100", "10001", "100012", " １００ ", "100-01", "893"])
def test_check_postal_code_ok(code: str) -> None:
    assert check_postal_code(code) is None


@pytest.mark.parametrize("code", ["", "10", "1000", "1000123", "abc", "999", "101"])
def test_check_postal_code_bad(code: str) -> None:
    message = check_postal_code(code)
    assert message is not None and "郵遞區號" in message


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("臺北市中正區重慶南路一段122號", ("臺北市", "中正區", "重慶南路一段122號")),
        ("台北市中正區重慶南路一段122號", ("臺北市", "中正區", "重慶南路一段122號")),
        ("100 台北市 中正區 重慶南路一段１２２號", ("臺北市", "中正區", "重慶南路一段122號")),
        ("臺中市北屯區文心路四段1號", ("臺中市", "北屯區", "文心路四段1號")),
        ("臺中市北區三民路三段1號", ("臺中市", "北區", "三民路三段1號")),
        ("雲林縣台西鄉五港路1號", ("雲林縣", "臺西鄉", "五港路1號")),
        ("臺東縣臺東市中山路1號", ("臺東縣", "臺東市", "中山路1號")),
        ("嘉義縣阿里山鄉", ("嘉義縣", "阿里山鄉", "")),
    ],
)
def test_split_address(address: str, expected: tuple[str, str, str]) -> None:
    assert split_address(address) == expected


@pytest.mark.parametrize("address", ["", "重慶南路一段122號", "臺北市重慶南路", "台北縣板橋市"])
def test_split_address_none(address: str) -> None:
    assert split_address(address) is None


def test_check_address() -> None:
    assert check_address("100", "台北市中正區重慶南路一段122號") is None
    assert check_address("10048", "臺北市中正區重慶南路一段122號") is None
    assert check_address("300", "新竹市香山區中華路五段1號") is None
    wrong = check_address("407", "臺北市中正區重慶南路一段122號")
    assert wrong is not None and "臺中市西屯區" in wrong and "臺北市中正區" in wrong
    assert "郵遞區號" in wrong and "通訊地址" in wrong
    missing = check_address("100", "重慶南路一段122號")
    assert missing is not None and "臺北市中正區" in missing and "通訊地址" in missing
    bad_code = check_address("999", "臺北市中正區")
    assert bad_code is not None and "郵遞區號" in bad_code
