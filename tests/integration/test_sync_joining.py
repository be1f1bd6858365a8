"""One school (issue #16 item 5): a singleton school row, a PC that filled in its own school
data before joining takes the school's, and a cut first copy leaves the PC joining."""

from __future__ import annotations

from pathlib import Path

import pytest

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import school as sch
from lxp_desktop.services import sync as sync_service
from tests.integration.stations import Station, assert_converged, server_dump
from tests.makers import ADMIN_PASSWORD, ADMIN_USER, make_small_school

pytestmark = pytest.mark.postgres


def test_a_pc_with_its_own_first_start_school_takes_the_schools(tmp_path: Path,
                                                                server_url: str) -> None:
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    a.sync()
    # B follows the README's first start: its own administrator, then the school form
    b = Station(tmp_path / "b", server_url, "B")
    with b.write() as (s, actor):
        sch.save_school(s, actor, {"code": "063401", "name": "示範高中（打錯）",
                                   "address": "臺中市西屯區福星路1號"})
    report = b.sync()
    assert report.adopted_empty_store
    lines = sync_service.school_differences(report)
    assert any(line.startswith("學校名稱：本機「示範高中（打錯）」→ 學校「臺中市私立示範高級中學」")
               for line in lines)
    data = server_dump(server_url)
    assert len(data["school"]) == 1  # one school row, whoever filled the form
    b._ws.sign_in(ADMIN_USER, ADMIN_PASSWORD)  # the school's account
    with b.ws.read() as s:
        school = sch.get_school(s)
        assert school is not None and school.name == "臺中市私立示範高級中學"
        assert school.id == sch.SCHOOL_ID
    a.sync()
    assert_converged(server_url, a, b)
    a.close()
    b.close()


def test_two_pcs_filling_in_the_school_offline_make_one_row(tmp_path: Path,
                                                            server_url: str) -> None:
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    a.sync()
    b = Station(tmp_path / "b", server_url, "B")
    b.sync()
    for st, phone in ((a, "04-11111111"), (b, "04-22222222")):
        with st.write() as (s, actor):
            sch.save_school(s, actor, {"phone": phone})
    a.sync()
    b.sync()
    a.sync()
    data = assert_converged(server_url, a, b)
    assert len(data["school"]) == 1
    [c] = b.conflicts()  # the same field, two values: a person decides
    assert (c.table_name, c.field) == ("school", "phone")
    a.close()
    b.close()


def test_a_cut_first_copy_leaves_the_pc_joining_and_no_administrator_of_its_own(
        tmp_path: Path, server_url: str) -> None:
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    a.sync()
    staff_before = len(server_dump(server_url)["staff"])
    c = Station(tmp_path / "c", server_url, "C")  # a new PC, nobody set up yet
    pages = []

    def cut(step: str) -> None:
        if step == "pull:after_commit":
            pages.append(step)
            if len(pages) == 1:
                raise RuntimeError("link cut after the first page")

    with pytest.raises(RuntimeError):
        c.sync(fault=cut, page_size=3)
    assert c._ws.joining
    with pytest.raises(ValidationFailed, match="正在加入學校"):
        c._ws.set_up("newadmin", "新管理者", "Another-Passw0rd!")
    report = c.sync(page_size=3)  # only finishes the join
    assert report.pushed == 0 and not c._ws.joining
    assert len(server_dump(server_url)["staff"]) == staff_before
    c._ws.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    assert_converged(server_url, a, c)
    a.close()
    c.close()
