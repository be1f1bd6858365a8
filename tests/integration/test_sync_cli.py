"""``lxp-desktop server init`` and ``lxp-desktop sync``: exit codes and messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from lxp_desktop.cli import main
from lxp_desktop.services.students import find_student, students
from lxp_desktop.sync.server import server_engine
from tests.integration.stations import Station, assert_converged
from tests.makers import make_small_school
from tests.pgserver import PgServer

pytestmark = pytest.mark.postgres


def test_server_init_prepares_an_empty_database_and_is_repeatable(pg: PgServer, capsys) -> None:
    url = pg.create_database("init_me")
    assert main(["server", "init", "--url", url]) == 0
    assert "共用資料庫已就緒" in capsys.readouterr().out
    assert main(["server", "init", "--url", url]) == 0
    engine = server_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sync_server")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM student")).scalar() == 0
    engine.dispose()


def test_sync_exit_status_in_sync_conflicts_and_unreachable(tmp_path: Path, server_url: str,
                                                            capsys) -> None:
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    a.close()
    assert main(["sync", "--data-dir", str(tmp_path / "a"), "--server", server_url]) == 0
    # a new, empty store pulls the whole school
    assert main(["sync", "--data-dir", str(tmp_path / "b"), "--server", server_url]) == 0
    a = Station(tmp_path / "a", server_url, "A")
    b = Station(tmp_path / "b", server_url, "B")
    assert_converged(server_url, a, b)
    for st, value in ((a, "王大明"), (b, "王媽媽")):
        with st.write() as (s, actor):
            students.update(s, actor, find_student(s, "113001").id, {"guardian": value})
    a.close()
    b.close()
    assert main(["sync", "--data-dir", str(tmp_path / "a"), "--server", server_url]) == 0
    capsys.readouterr()
    assert main(["sync", "--data-dir", str(tmp_path / "b"), "--server", server_url]) == 1
    assert "1 個衝突待處理" in capsys.readouterr().err

    # the server away: exit 3, the local data and its outbox untouched
    b = Station(tmp_path / "b", server_url, "B")
    with b.write() as (s, actor):
        students.update(s, actor, find_student(s, "113002").id, {"phone": "04-23459999"})
    before = (tmp_path / "b" / "lxp.sqlite3").read_bytes()
    b.close()
    dead = "postgresql+psycopg://postgres@/nowhere?host=/nonexistent&port=1"
    code = main(["sync", "--data-dir", str(tmp_path / "b"), "--server", dead])
    err = capsys.readouterr().err
    assert code == 3 and "無法連上共用資料庫" in err and "Traceback" not in err
    b = Station(tmp_path / "b", server_url, "B")
    assert b.pending() == 1
    with b.ws.read() as s:
        assert find_student(s, "113002").phone == "04-23459999"
    b.close()
    assert len(before) > 0


def test_sync_without_a_server_set_says_how_to_set_one(tmp_path: Path, capsys) -> None:
    assert main(["sync", "--data-dir", str(tmp_path / "x")]) == 1
    assert "尚未設定共用資料庫" in capsys.readouterr().err


@pytest.mark.parametrize(("revision", "says"), [("0001", "升級共用資料庫"),
                                                ("zzzz_future", "更新這台電腦")])
def test_a_server_of_another_schema_revision_is_refused(tmp_path: Path, server_url: str,
                                                        capsys, revision: str,
                                                        says: str) -> None:
    engine = server_engine(server_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE sync_server SET schema_revision = :r"), {"r": revision})
    engine.dispose()
    code = main(["sync", "--data-dir", str(tmp_path / "a"), "--server", server_url])
    assert code == 1
    assert says in capsys.readouterr().err


def test_server_restored_stops_every_pc_with_its_own_status_until_recover(
        tmp_path: Path, server_url: str, capsys) -> None:
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    a.close()
    folder = ["--data-dir", str(tmp_path / "a"), "--server", server_url]
    assert main(["sync", *folder]) == 0
    assert main(["server", "restored", "--url", server_url]) == 0
    assert "sync --recover" in capsys.readouterr().out
    assert main(["sync", *folder]) == 4
    err = capsys.readouterr().err
    assert "從備份還原" in err and "--recover" in err and "Traceback" not in err
    assert main(["sync", "--recover", *folder]) == 0
    assert "修復完成" in capsys.readouterr().out
    assert main(["sync", *folder]) == 0


def test_a_password_on_the_command_line_is_refused_without_being_echoed(
        tmp_path: Path, server_url: str, capsys) -> None:
    with_password = server_url.replace("postgres@", "postgres:Hunter2-secret@")
    for argv in (["server", "init", "--url", with_password],
                 ["sync", "--data-dir", str(tmp_path / "a"), "--server", with_password]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "密碼不可寫在命令列" in err and "Hunter2-secret" not in err
    # nor in the message about a URL that cannot be read
    assert main(["server", "init", "--url", "postgresql+psycopg://u:Hunter2-secret@h:xx/db"]) == 2
    assert "Hunter2-secret" not in capsys.readouterr().err


def test_a_refused_account_has_its_own_exit_status(tmp_path: Path, server_url: str,
                                                   capsys) -> None:
    stranger = server_url.replace("postgres@", "nobody_here@")
    code = main(["sync", "--data-dir", str(tmp_path / "a"), "--server", stranger])
    err = capsys.readouterr().err
    assert code == 5 and "拒絕了這個帳號或密碼" in err and "Traceback" not in err
    assert main(["server", "init", "--url", stranger]) == 5


def test_tls_is_verified_by_default_and_off_only_when_asked(tmp_path: Path, pg: PgServer,
                                                           capsys) -> None:
    """Over TCP the server's certificate is checked (verify-full) unless --no-tls says
    otherwise; a weaker sslmode in the URL alone is refused. (The test server listens on a
    unix socket only, so each of these stops before any data is exchanged.)"""
    tcp = "postgresql+psycopg://postgres@127.0.0.1:1/school"
    folder = ["--data-dir", str(tmp_path / "a")]
    assert main(["sync", *folder, "--server", tcp + "?sslmode=prefer"]) == 2
    assert "--no-tls" in capsys.readouterr().err
    assert main(["sync", *folder, "--server", tcp, "--no-tls"]) == 3
    assert "未驗證伺服器憑證" in capsys.readouterr().err  # the warning
    from lxp_desktop.sync.server import server_engine

    engine = server_engine(tcp, ca_file=str(tmp_path / "school-ca.crt"))
    assert engine.url.query["sslmode"] == "verify-full"
    assert engine.url.query["sslrootcert"] == str(tmp_path / "school-ca.crt")
    engine.dispose()
