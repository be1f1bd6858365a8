"""The shared database restored from a backup is noticed and recovered (issue #16 item 2).

After a restore, changes made since the dump are gone from the server but still on some PCs,
and PCs whose cursor is past the restored sequence would skip new changes: every PC stops at
its next sync with the reason, and its recovery sends what the server lacks, then pulls all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from lxp_desktop.services.portfolio import performances
from lxp_desktop.services.students import find_student, students
from lxp_desktop.sync.server import ServerRestored, mark_restored, server_engine
from tests.integration.stations import assert_converged, school_on_two_pcs, server_dump
from tests.pgserver import PgServer

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("registered", [False, True])
def test_a_restore_from_a_dump_stops_each_pc_and_recovers_everything(
        tmp_path: Path, pg: PgServer, server_url: str, registered: bool) -> None:
    dbname = make_url(server_url).database
    assert dbname
    a, b = school_on_two_pcs(tmp_path, server_url)
    backup = pg.dump(dbname, f"{dbname}-night")
    # after the backup: A adds a student with a record and edits one, B takes that in
    with a.write() as (s, actor):
        students.update(s, actor, find_student(s, "113001").id, {"phone": "04-11112222"})
        students.create(s, actor, {"student_no": "113080", "name": "何新生", "gender": "2",
                                   "national_id": "A823456783", "birth_date": "097/03/04",
                                   "class_code": "101", "seat_no": "31", "status": "在學"})
        performances.create(s, actor, {"student_no": "113080", "school_year": "113",
                                       "kind": "服務學習紀錄", "title": "志工",
                                       "summary": "圖書館志工", "in_school": "是"})
    a.sync()
    b.sync()
    with b.write() as (s, actor):  # and B has a change of its own waiting
        students.update(s, actor, find_student(s, "113002").id, {"email": "hua@example.tw"})

    pg.restore(dbname, backup)
    assert not any("113080" in r for r in server_dump(server_url)["student"])
    if registered:
        engine = server_engine(server_url)
        mark_restored(engine)
        engine.dispose()

    for st in (a, b):  # neither PC goes on as if nothing happened
        with pytest.raises(ServerRestored, match="從備份還原"):
            st.sync()
    assert b.pending() == 1  # nothing was lost while stopped

    a.sync(recover=True)
    b.sync(recover=True)
    a.sync()
    data = assert_converged(server_url, a, b)
    assert any("113080" in r for r in data["student"])
    assert any("圖書館志工" in r for r in data["performance"])
    for st in (a, b):
        with st.ws.read() as s:
            assert find_student(s, "113001").phone == "04-11112222"
            assert find_student(s, "113002").email == "hua@example.tw"
    # a new change after the recovery reaches the other PC (no cursor past the sequence)
    with b.write() as (s, actor):
        students.update(s, actor, find_student(s, "111005").id, {"phone": "04-99990000"})
    b.sync()
    a.sync()
    with a.ws.read() as s:
        assert find_student(s, "111005").phone == "04-99990000"
    a.close()
    b.close()
