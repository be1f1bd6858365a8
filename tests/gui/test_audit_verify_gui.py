"""稽核紀錄 › 檢查雜湊鏈: the chain and its anchors checked from the window."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QMessageBox

from lxp_desktop.services import settings
from lxp_desktop.ui.audit_view import AuditDialog
from lxp_desktop.ui.jobs import SyncRunner


def _writes(ws, n: int = 4) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        with ws.write() as (s, a):
            settings.put(s, a, "label_rows", 3 + i)


def test_the_audit_view_checks_the_chain_and_reports_deleted_newest_entries(
        app, workspace, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _writes(workspace)
    dialog = AuditDialog(workspace, runner=SyncRunner())
    qtbot.addWidget(dialog)
    dialog.resize(1300, 600)
    dialog.show()
    dialog.verify_button.click()
    assert dialog.last_verification is not None and dialog.last_verification.ok
    assert dialog.message.text().startswith("稽核紀錄完整：共 ")
    box = dialog.findChild(QMessageBox, "verify_report")
    assert box is not None and "與 資料庫旁的 lxp-audit-head.json 記下的第" in box.text()
    box.close()
    box.deleteLater()
    db = sqlite3.connect(workspace.store.path)
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute("DELETE FROM audit_log WHERE chain_seq > (SELECT max(chain_seq) - 2 FROM audit_log)")
    db.commit()
    db.close()
    dialog.verify_button.click()
    assert not dialog.last_verification.ok
    assert dialog.message.text().startswith("最新的稽核紀錄被刪除：")
    warning = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()][-1]
    assert warning.icon() == QMessageBox.Icon.Warning
    dialog.grab().save(str(tmp_path / "audit_verify.png"))
    warning.grab().save(str(tmp_path / "audit_verify_box.png"))
    print(tmp_path)
