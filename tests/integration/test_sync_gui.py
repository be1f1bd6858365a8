"""Two instances of the window on one machine meet through the shared database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import make_url

from lxp_desktop.services import sync as sync_service
from lxp_desktop.services.students import find_student, students
from lxp_desktop.ui.app import configure_application
from lxp_desktop.ui.jobs import SyncRunner
from lxp_desktop.ui.main_window import MainWindow
from lxp_desktop.ui.sync_ui import ConflictsDialog, ConnectionDialog
from tests.integration.stations import assert_converged
from tests.makers import ADMIN_PASSWORD, ADMIN_USER, make_small_school, open_as_admin

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_parent, title, text, *a, **k):  # type: ignore[no-untyped-def]
        raise AssertionError(f"{title}: {text}")

    monkeypatch.setattr("lxp_desktop.ui.sync_ui.QMessageBox.warning", fail)


def window(qtbot, folder: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(open_as_admin(folder))
    win.sync.runner = SyncRunner()
    qtbot.addWidget(win)
    win.show()
    return win


def configure(win: MainWindow, pg, dbname: str) -> None:  # type: ignore[no-untyped-def]
    dialog = ConnectionDialog(win.workspace, win)
    dialog.host.setText(str(pg.sockdir))
    dialog.port.setValue(pg.port)
    dialog.database.setText(dbname)
    dialog.user.setText("postgres")
    dialog.password.setText("s3cret-不寫入檔案")
    dialog.interval.setValue(3)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    win.sync._restart_timer()


def test_two_windows_converge_and_a_conflict_is_decided(qapp: QApplication, qtbot, pg,
                                                        server_url: str, tmp_path: Path,
                                                        memory_keyring) -> None:
    configure_application(qapp, "zh_TW")
    dbname = make_url(server_url).database
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    ws = open_as_admin(a_dir)
    make_small_school(ws)
    ws.close()
    a = window(qtbot, a_dir)
    assert a.sync_label.text() == "未設定共用資料庫"
    configure(a, pg, dbname)
    assert a.sync.timer.isActive() and a.sync.timer.interval() == 3 * 60_000
    # the password is in the keyring only, not in the store or any file of the data folder
    assert "s3cret-不寫入檔案" in memory_keyring.items.values()
    assert not any(b"s3cret" in p.read_bytes() for p in a_dir.rglob("*") if p.is_file())
    a.sync.sync_action.trigger()
    assert "已同步" in a.sync_label.text() and "待上傳 0" in a.sync_label.text()

    b = window(qtbot, b_dir)
    configure(b, pg, dbname)
    b.sync.sync_action.trigger()
    # a new PC takes the school's accounts instead of its own first administrator: the
    # window locks and the clerk signs in with the school's account
    assert b.locked and not b.workspace.signed_in
    b.lock_dialog.username.setText(ADMIN_USER)
    b.lock_dialog.password.setText(ADMIN_PASSWORD)
    b.lock_dialog.try_accept()
    assert not b.locked and b.workspace.signed_in
    tab = b.record_tabs["students"]
    b.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3)

    for win, value in ((a, "王大明"), (b, "王媽媽")):
        with win.workspace.write("表單") as (s, actor):
            students.update(s, actor, find_student(s, "113001").id, {"guardian": value})
        win.bus.notify("student")
    b.sync.refresh_label()
    assert "待上傳 1" in b.sync_label.text()
    a.sync.sync_action.trigger()
    b.sync.sync_action.trigger()
    assert "衝突 1" in b.sync_label.text()

    dialog = ConflictsDialog(b.workspace, b)
    assert dialog.model.rowCount() == 1
    c = dialog.model.rows[0]
    assert (c.server, c.local, c.row_label) == ("王大明", "王媽媽", "113001 王小明")
    dialog.take_local.click()
    assert dialog.model.rowCount() == 0
    b.sync.refresh_label()
    assert "待上傳 1" in b.sync_label.text() and "衝突 0" in b.sync_label.text()
    b.sync.sync_action.trigger()
    a.sync.sync_action.trigger()
    assert "衝突 0" in a.sync_label.text()
    with a.workspace.read() as s:
        assert find_student(s, "113001").guardian == "王媽媽"
    assert_converged(server_url, _Station(a), _Station(b))
    # offline: the label says so, the data stays
    b.workspace.store.set_meta(sync_service.URL_KEY,
                               "postgresql+psycopg://postgres@/x?host=/nonexistent&port=1")
    b.sync.sync_now(interactive=False)
    assert "離線" in b.sync_label.text()
    for win in (a, b):
        win.sync.timer.stop()
        win.close()
        win.workspace.close()


class _Station:
    def __init__(self, win: MainWindow) -> None:
        self.ws = win.workspace
        self.name = win.workspace.store.workstation_id

    def pending(self) -> int:
        return sync_service.status(self.ws).pending
