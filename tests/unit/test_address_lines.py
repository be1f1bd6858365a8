"""Addresses that read right: lines break only between address parts, never inside a number,
on labels, envelopes and the letter (read back from the PDFs, for every address of the demo
school); 直式 numbers in Chinese numerals; postal codes 3+3 or 3; the guardian's letter."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from lxp_desktop.domain.address_lines import address_parts, mail_postal_code, vertical
from lxp_desktop.printing.mail import Address, _address_columns, render_envelopes, render_labels
from lxp_desktop.printing.notices import SchoolHeader
from lxp_desktop.services.demo import _Demo

SCHOOL = SchoolHeader("臺中市私立示範高級中學", "407288", "臺中市西屯區福星路100號")
#: a part of an address ends so; a line may end only here (or after the 縣市 / 區)
ENDS = tuple("鄰路街道段巷弄衖號樓室村里市縣區鄉鎮") + tuple("0123456789")


def demo_addresses(count: int = 3000) -> list[tuple[str, str]]:
    demo = _Demo(None, count, 113, date(2026, 3, 1), lambda _t: None, False)  # type: ignore[arg-type]
    return [demo.address()[:2] for _ in range(count)]


@pytest.mark.parametrize("address, parts", [
    ("臺中市西屯區西屯路二段291號", ["臺中市", "西屯區", "西屯路", "二段", "291號"]),
    ("臺中市南屯區大墩路154巷166號", ["臺中市", "南屯區", "大墩路", "154巷", "166號"]),
    ("臺中市北屯區文昌里14鄰景賢路168號5樓之2",
     ["臺中市", "北屯區", "文昌里", "14鄰", "景賢路", "168號", "5樓之2"]),
    ("南投縣竹山鎮忠孝路263之3號15樓", ["南投縣", "竹山鎮", "忠孝路", "263之3號", "15樓"]),
    ("新北市萬里區萬里路3號", ["新北市", "萬里區", "萬里路", "3號"]),
])
def test_address_parts(address, parts):
    assert address_parts(address) == parts


def test_every_demo_address_cuts_into_parts_that_rejoin_and_keep_numbers_whole():
    for _code, address in demo_addresses():
        parts = address_parts(address)
        assert "".join(parts) == address
        for a, b in zip(parts, parts[1:], strict=False):
            # never 「166」 | 「號」: a part ends where an address part ends
            assert a.endswith(ENDS[:-10]) or a.endswith(("市", "縣")), (address, parts)
            assert not (a[-1].isdigit() and (b[0].isdigit() or b[0] in "號巷弄樓之")), parts


def lines_of(pdf: bytes) -> list[str]:
    return [line.strip() for page in PdfReader(BytesIO(pdf)).pages
            for line in page.extract_text().splitlines() if line.strip()]


def broken_inside_a_number(lines: list[str]) -> list[tuple[str, str]]:
    bad = []
    for a, b in zip(lines, lines[1:], strict=False):
        if re.search(r"\d$", a) and re.match(r"^(\d|[號巷弄樓之])", b):
            bad.append((a, b))
    return bad


def test_labels_and_envelopes_never_break_inside_a_number_for_the_demo_school():
    addresses = [Address("王小明 同學 收", mail_postal_code(code), address)
                 for code, address in demo_addresses(600)]
    labels = BytesIO()
    render_labels(addresses, labels)
    label_lines = lines_of(labels.getvalue())
    assert broken_inside_a_number(label_lines) == []
    # every address is printed whole, part by part
    joined = "".join(label_lines)
    for a in addresses[:50]:
        assert a.address in joined.replace("王小明 同學 收", "")
    envelopes = BytesIO()
    render_envelopes(addresses[:200], envelopes, SCHOOL, "horizontal")
    assert broken_inside_a_number(lines_of(envelopes.getvalue())) == []


def test_vertical_envelopes_write_numbers_in_chinese_and_break_between_parts():
    for _code, address in demo_addresses(600):
        columns = _address_columns(address, 12)
        assert not any(ch.isdigit() and ch.isascii() for col in columns for ch in col), columns
        assert "".join(columns) == vertical(address)
        joined, pos = "".join(columns), 0
        cuts = []
        for col in columns[:-1]:
            pos += len(col)
            cuts.append(pos)
        ends = set()
        acc = 0
        for part in address_parts(vertical(address)):
            acc += len(part)
            ends.add(acc)
        # a column ends where a part ends, unless one part alone is longer than a column
        for cut in cuts:
            assert cut in ends or any(len(p) > 12 for p in address_parts(joined)), (address, columns)
    assert vertical("西屯路二段291號5樓之2") == "西屯路二段二九一號五樓之二"
    assert vertical("福星路3-1號") == "福星路三之一號"
    out = BytesIO()
    render_envelopes([Address("王小明 同學 收", "407288", "臺中市西屯區西屯路二段291號")], out,
                     SCHOOL, "vertical")
    assert "二九一號" in "".join(lines_of(out.getvalue()))


def test_postal_codes_are_three_plus_three_or_three():
    assert mail_postal_code("407288") == "407288"
    assert mail_postal_code("40756") == "407"  # the old 3+2 sorts by its district only
    assert mail_postal_code("４０７ ２８８") == "407288"
    assert mail_postal_code("407") == "407"
