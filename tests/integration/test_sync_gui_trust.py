"""The window's doors of the sync's trust (issue #16): a refused new row in the 衝突 view
with its three decisions, the TLS settings of the connection dialog, the status bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog

from lxp_desktop.services import sync as sync_service
from lxp_desktop.services.students import find_student, students
from lxp_desktop.ui.app import configure_application
from lxp_desktop.ui.sync_ui import ConflictsDialog, ConnectionDialog
from tests.integration.stations import assert_converged, school_on_two_pcs

pytestmark = pytest.mark.postgres
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def test_a_refused_student_is_renamed_from_the_conflicts_view(
        qapp: QApplication, qtbot, tmp_path: Path, server_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    configure_application(qapp, "zh_TW")
    a, b = school_on_two_pcs(tmp_path, server_url)
    for st, name, nid in ((a, "陳一", "A800000014"), (b, "陳二", "A823456783")):
        with st.write() as (s, actor):
            students.create(s, actor, {"student_no": "113050", "name": name, "gender": "1",
                                       "national_id": nid, "birth_date": "097/01/02",
                                       "class_code": "101", "seat_no": "30", "status": "在學"})
    a.sync()
    b.sync()
    dialog = ConflictsDialog(b.ws)
    qtbot.addWidget(dialog)
    dialog.resize(1300, 420)
    dialog.show()
    assert dialog.model.rowCount() == 1
    assert not dialog.keep_server.isEnabled() and not dialog.take_local.isEnabled()
    assert dialog.merge.isEnabled() and dialog.rename.isEnabled() and dialog.discard.isEnabled()
    shot(dialog, "sync_conflict_duplicate")
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("113051", True)))
    dialog.rename.click()
    assert dialog.model.rowCount() == 0
    b.sync()
    a.sync()
    assert_converged(server_url, a, b)
    with a.ws.read() as s:
        assert find_student(s, "113051").name == "陳二"
    a.close()
    b.close()


def test_the_connection_dialog_verifies_tls_unless_told_not_to(
        qapp: QApplication, qtbot, tmp_path: Path, memory_keyring) -> None:
    from tests.makers import open_as_admin

    configure_application(qapp, "zh_TW")
    ws = open_as_admin(tmp_path / "a")
    dialog = ConnectionDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.host.setText("db.school.example")
    dialog.database.setText("school")
    dialog.user.setText("lxp_office")
    dialog.password.setText("Pa55-word")
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "CA 憑證檔" in dialog.error.text()
    dialog.no_tls.setChecked(True)
    assert dialog.tls_warning.isVisibleTo(dialog)
    shot(dialog, "sync_connection_no_tls")
    dialog.no_tls.setChecked(False)
    ca = tmp_path / "school-ca.crt"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    dialog.ca_file.setText(str(ca))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    conn = sync_service.get_connection(ws)
    assert conn is not None and conn.ca_file == str(ca) and "sslmode" not in conn.url
    assert "Pa55-word" not in conn.url
    ws.close()
