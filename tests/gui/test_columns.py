"""Columns kept per user (widths, hidden columns from the header's menu), sized to their
content on the first load; the attachments pane folds away (F9) and stays so."""

from __future__ import annotations

from PySide6.QtCore import Qt

from lxp_desktop.services import accounts
from lxp_desktop.ui.main_window import MainWindow


def test_column_widths_and_choices_are_kept_per_user(window, workspace, school, qtbot):
    tab = window.record_tabs["students"]
    window.tabs.setCurrentWidget(tab)
    tab.reload()
    header = tab.view.horizontalHeader()
    address = [c.key for c in tab.model.columns].index("address")
    # sized to content: the address column is as wide as its longest address (within 360)
    assert tab.column_state.sized and header.sectionSize(address) >= 150
    header.resizeSection(address, 333)
    menu = tab.column_state.chooser()
    phone = [c.key for c in tab.model.columns].index("phone")
    next(a for a in menu.actions() if a.text() == "聯絡電話").setChecked(False)
    assert header.isSectionHidden(phone)
    tab.column_state.save()
    window.close()
    again = MainWindow(workspace)
    qtbot.addWidget(again)
    tab2 = again.record_tabs["students"]
    again.tabs.setCurrentWidget(tab2)
    tab2.reload()
    h2 = tab2.view.horizontalHeader()
    assert h2.sectionSize(address) == 333 and h2.isSectionHidden(phone)
    # another account on this PC has its own columns
    with workspace.write() as (s, a):
        accounts.create_account(s, a, "clerk2", "第二位幹事", ["registrar"], "password-123")
    workspace.sign_in("clerk2", "password-123")
    other = MainWindow(workspace)
    qtbot.addWidget(other)
    tab3 = other.record_tabs["students"]
    other.tabs.setCurrentWidget(tab3)
    tab3.reload()
    assert not tab3.view.horizontalHeader().isSectionHidden(phone)


def test_the_attachments_pane_folds_away_and_stays_folded(window, workspace, school, qtbot):
    tab = window.record_tabs["outcomes"]
    window.tabs.setCurrentWidget(tab)
    assert tab.side.isVisible()
    qtbot.keyClick(tab.view, Qt.Key.Key_F9)
    assert not tab.side.isVisible() and not tab.pane_button.isChecked()
    again = MainWindow(workspace)
    qtbot.addWidget(again)
    again.show()
    again.tabs.setCurrentWidget(again.record_tabs["outcomes"])
    assert not again.record_tabs["outcomes"].side.isVisible()
