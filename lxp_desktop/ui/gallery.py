"""Every window and dialog a clerk meets, opened one after another on a running main window.

``tools/screens.py`` renders each to PNG for review (and the README's screenshots come from
it); ``tests/gui/test_fit.py`` asserts that each fits the screen and that no label's text is
cut. A new dialog belongs in :func:`views`, so both see it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.ui.fit import cut_labels, overflows


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def views(window: Any) -> Iterator[tuple[str, QWidget]]:
    """(name, widget) for the main window on each of its tabs, then each dialog; a dialog is
    closed when the next one is asked for."""
    from lxp_desktop.ui.sign_in import SETUP, SIGN_IN, SignInDialog
    from lxp_desktop.ui.sync_ui import ConflictsDialog, ConnectionDialog
    from lxp_desktop.ui.tabs.submission import PeriodDialog

    tabs = window.tabs
    for index in range(tabs.count()):
        if not tabs.isTabVisible(index):
            continue
        tabs.setCurrentIndex(index)
        _settle()
        yield f"main-{tabs.widget(index).objectName() or index}", window

    openers: list[tuple[str, Callable[[], Any]]] = [
        ("school", window.edit_school),
        ("terms-and-classes", window.edit_terms_and_classes),
        ("school-settings", window.open_school_settings),
        ("certification-queue", window.open_certification_queue),
        ("duties", window.open_duties),
        ("accounts", window.manage_accounts),
        ("audit", window.show_audit),
        ("import", window.transfer.open_import),
        ("sync-connection", lambda: ConnectionDialog(window.workspace, window)),
        ("sync-conflicts", lambda: ConflictsDialog(window.workspace, window)),
        ("confirmation-period", lambda: PeriodDialog(window.submission_tab, None)),
        ("student-overview", partial(_first_student_overview, window)),
        ("sign-in", lambda: SignInDialog(window.workspace, SIGN_IN, window)),
        ("first-start", lambda: SignInDialog(window.workspace, SETUP, window)),
    ]
    for key, tab in window.record_tabs.items():
        openers.append((f"form-{key}", partial(_select_and, tab, tab.add_record)))
    for name, opener in openers:
        try:
            dialog = opener()
        except ValidationFailed:
            continue  # not for this account's role (e.g. 帳號管理 for a 註冊組 clerk)
        if dialog is None:
            continue
        if not dialog.isVisible():
            dialog.show()
        _settle()
        yield name, dialog
        if isinstance(dialog, QDialog):
            dialog.done(0) if name not in ("sign-in",) else QDialog.reject(dialog)
        dialog.close()
        _settle()


def _first_student_overview(window: Any) -> Any:
    tab = window.record_tabs["students"]
    window.tabs.setCurrentWidget(tab)
    _settle()
    if tab.model.rowCount() == 0:
        return None
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    return window.open_overview()


def _select_and(tab: Any, action: Callable[[], Any]) -> Any:
    tab.window().tabs.setCurrentWidget(tab)
    _settle()
    return action()


def problems(name: str, widget: QWidget) -> list[str]:
    """What is wrong with ``widget`` on this screen: too large, or a label cut."""
    found = [f"{name}: {p}" for p in cut_labels(widget)]
    too_big = overflows(widget)
    if too_big:
        found.insert(0, f"{name}: {too_big}")
    return found
