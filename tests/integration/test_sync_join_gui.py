"""The sign-in dialog of a PC whose first copy of the school was cut (issue #16 item 5):
no administrator of its own, a button that finishes the join, then the school's sign-in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from lxp_desktop.services import sync as sync_service
from lxp_desktop.ui.app import configure_application
from lxp_desktop.ui.sign_in import SETUP, SignInDialog
from tests.integration.stations import Station
from tests.makers import ADMIN_PASSWORD, ADMIN_USER, make_small_school

pytestmark = pytest.mark.postgres
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_a_joining_pc_finishes_the_join_from_the_sign_in_dialog(
        qapp: QApplication, qtbot, tmp_path: Path, server_url: str, memory_keyring) -> None:
    configure_application(qapp, "zh_TW")
    a = Station(tmp_path / "a", server_url, "A")
    make_small_school(a.ws)
    a.sync()
    a.close()
    c = Station(tmp_path / "c", server_url, "C")

    def cut(step: str) -> None:
        if step == "pull:after_commit":
            raise RuntimeError("link cut after the first page")

    with pytest.raises(RuntimeError):
        c.sync(fault=cut, page_size=3)
    ws = c._ws
    sync_service.save_connection(ws, server_url, None)
    assert ws.joining  # (whether the first page already brought an account varies)
    dialog = SignInDialog(ws, SETUP)
    qtbot.addWidget(dialog)
    dialog.show()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "sync_joining_sign_in.png"))
    # setting up an administrator of its own is refused, with the way out
    dialog.username.setText("newadmin")
    dialog.name.setText("新管理者")
    dialog.password.setText("Another-Passw0rd!")
    dialog.repeat.setText("Another-Passw0rd!")
    dialog.try_accept()
    assert "正在加入學校" in dialog.message.text() and not ws.signed_in
    assert dialog.join_button is not None
    dialog.join_button.click()
    assert not ws.joining and dialog.ok.text() == "登入"
    dialog.username.setText(ADMIN_USER)
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.try_accept()
    assert ws.signed_in and ws.actor.roles
    c.close()
