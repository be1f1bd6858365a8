"""學校設定: the school's limits and print positions, changed by the registrar, read by others."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from lxp_desktop.services import accounts, settings
from lxp_desktop.ui.settings_dialog import SettingsDialog


def test_registrar_changes_a_cap_and_the_envelope_window(window, workspace, qtbot):
    dialog = window.open_school_settings()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, SettingsDialog)
    assert set(dialog.editors) == set(settings.SCHOOL_SETTINGS)  # every setting has a place
    cap = dialog.editors["outcomes_per_term"]
    assert cap.value() == settings.SCHOOL_SETTINGS["outcomes_per_term"].default
    cap.setValue(4)
    dialog.editors["notice_window_left_mm"].setValue(22.5)
    assert dialog.save() == ["outcomes_per_term", "notice_window_left_mm"]
    with workspace.read() as s:
        assert settings.get(s, "outcomes_per_term") == 4
        assert settings.get(s, "notice_window_left_mm") == 22.5
    # the editors keep values in range: a spin box cannot hold 0 labels a row
    again = SettingsDialog(workspace)
    qtbot.addWidget(again)
    again.editors["label_columns"].setValue(0)
    assert again.editors["label_columns"].value() == 1
    assert again.editors["outcomes_per_term"].value() == 4


def test_others_see_the_settings_read_only(window, workspace, qtbot):
    with workspace.write() as (s, a):
        accounts.create_account(s, a, "teach", "吳老師", ["teacher"], "password-123")
    workspace.sign_in("teach", "password-123")
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    assert all(e.isReadOnly() for e in dialog.editors.values())
    assert "只有註冊組與系統管理者" in dialog.message.text()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.button(QDialogButtonBox.StandardButton.Ok) is None
