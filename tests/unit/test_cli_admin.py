"""The command line acts as a staff account: set-up, sign-in, audit verify, backup, restore."""

from __future__ import annotations

import sqlite3

import pytest

from lxp_desktop import cli
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import accounts
from lxp_desktop.services.workspace import Workspace
from tests.makers import ADMIN_PASSWORD, make_small_school, open_as_admin


@pytest.fixture
def as_user(monkeypatch):
    def set_user(user: str | None, password: str | None) -> None:
        for key, value in (("LXP_USER", user), ("LXP_PASSWORD", password)):
            if value is None:
                monkeypatch.delenv(key, raising=False)
            else:
                monkeypatch.setenv(key, value)
    return set_user


def test_first_start_sets_up_then_signs_in(data_dir, as_user, capsys):
    as_user(None, None)
    assert cli.main(["info"]) == cli.EXIT_USAGE
    assert "還沒有系統管理者" in capsys.readouterr().err
    as_user("boss", "long-enough-1")
    assert cli.main(["info"]) == cli.EXIT_OK
    out = capsys.readouterr()
    assert "已建立系統管理者帳號 boss" in out.err and "學生基本資料：0" in out.out
    as_user("boss", "wrong-password")
    assert cli.main(["info"]) == cli.EXIT_PROBLEMS
    assert "帳號或密碼不正確" in capsys.readouterr().err
    as_user(None, "long-enough-1")
    assert cli.main(["info", "--user", "boss"]) == cli.EXIT_OK
    as_user(None, None)
    assert cli.main(["info"]) == cli.EXIT_USAGE
    assert "--user" in capsys.readouterr().err


def test_audit_verify_backup_and_restore(data_dir, as_user, capsys, tmp_path):
    ws = open_as_admin(data_dir)
    make_small_school(ws)
    path = ws.store.path
    ws.close()
    as_user("admin", ADMIN_PASSWORD)
    assert cli.main(["audit", "verify"]) == cli.EXIT_OK
    assert "雜湊鏈無斷點" in capsys.readouterr().out
    out = tmp_path / "b.zip"
    assert cli.main(["backup", "--out", str(out)]) == cli.EXIT_OK
    assert "學生 3 筆" in capsys.readouterr().out
    db = sqlite3.connect(path)
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("UPDATE audit_log SET workstation = 'other-pc' WHERE seq = 5")
    db.commit()
    db.close()
    assert cli.main(["audit", "verify"]) == cli.EXIT_PROBLEMS
    assert "第 5 筆斷鏈" in capsys.readouterr().err
    # the tampered store is replaced by the backup; the replaced one is kept
    assert cli.main(["restore", str(out), "--yes"]) == cli.EXIT_OK
    assert "被取代的資料庫保留於" in capsys.readouterr().out
    assert cli.main(["audit", "verify"]) == cli.EXIT_OK


def test_restore_needs_an_administrator(data_dir, as_user, capsys, tmp_path):
    ws = open_as_admin(data_dir)
    with ws.write() as (s, a):
        accounts.create_account(s, a, "reg", "註冊組長", ["registrar"], "password-123")
    ws.close()
    as_user("reg", "password-123")
    out = tmp_path / "b.zip"
    assert cli.main(["backup", "--out", str(out)]) == cli.EXIT_OK  # 註冊組 may back up
    assert cli.main(["restore", str(out), "--yes"]) == cli.EXIT_PROBLEMS
    assert "沒有還原資料庫的權限" in capsys.readouterr().err


def test_demo_accounts_only_on_a_demo_store(data_dir):
    ws = Workspace.open(data_dir)
    made = accounts.prepare_demo_store(ws)
    assert ws.actor.roles == frozenset({"admin"}) and len(made) == 10
    assert accounts.prepare_demo_store(ws)  # running demo again on a demo store is fine
    ws.close()


def test_demo_accounts_refused_on_a_real_store(workspace):
    with pytest.raises(ValidationFailed, match="示範帳號只能建立在新的示範資料庫"):
        accounts.prepare_demo_store(workspace)


def test_school_settings_listed_and_changed_all_or_nothing(workspace, capsys):
    from lxp_desktop.services import settings

    workspace.close()
    assert cli.main(["settings"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "outcomes_per_term" in out and "窗型信封地址框" in out
    assert cli.main(["settings", "outcomes_per_term=8", "label_rows=9"]) == cli.EXIT_OK
    assert "已變更：outcomes_per_term、label_rows" in capsys.readouterr().out
    # one bad value: nothing is written, and each problem says what to fill
    assert cli.main(["settings", "label_rows=10", "label_top_mm=400", "nope=1"]) == \
        cli.EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert "0.0 到 297.0" in err and "沒有「nope」這個設定" in err
    assert cli.main(["settings", "label_rows"]) == cli.EXIT_USAGE
    ws = open_as_admin()
    try:
        with ws.read() as s:
            assert settings.get(s, "outcomes_per_term") == 8
            assert settings.get(s, "label_rows") == 9
    finally:
        ws.close()
