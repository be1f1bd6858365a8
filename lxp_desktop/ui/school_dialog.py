"""Setting up the school: its data (a form), its terms and its classes (tables)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from lxp_desktop.services.registry import Category
from lxp_desktop.services.school import classes, get_school, save_school, schools, terms
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.changes import ChangeBus
from lxp_desktop.ui.record_form import RecordForm
from lxp_desktop.ui.tabs.records import RecordTab


def tr(text: str) -> str:
    return QCoreApplication.translate("SchoolDialog", text)


def school_form(workspace: Workspace, bus: ChangeBus, parent: QWidget | None) -> RecordForm:
    """The form of the school's data: code, name, address, phone, registrar contact."""
    with workspace.read() as session:
        school = get_school(session)
        values = schools.form_values(session, school) if school else {}

    def save(new_values: dict[str, str]) -> Any:
        with workspace.write("表單") as (session, actor):
            return save_school(session, actor, new_values).id

    form = RecordForm(tr("學校資料"), schools.fields(), values, save, parent)
    form.accepted.connect(lambda: bus.notify("school"))
    form.open()
    return form


class TermsAndClassesDialog(QDialog):
    """The school's terms (學年度, 學期, dates, certification deadline) and classes."""

    def __init__(self, workspace: Workspace, bus: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TermsAndClassesDialog")
        self.setWindowTitle(tr("學期與班級"))
        self.tabs = QTabWidget(self)
        self.terms_tab = RecordTab(Category("terms", "學期", terms), workspace, bus, self)
        self.classes_tab = RecordTab(Category("classes", "班級", classes), workspace, bus, self)
        for tab in (self.terms_tab, self.classes_tab):
            tab.search.setPlaceholderText(tr("搜尋"))
        self.tabs.addTab(self.terms_tab, tr("學期"))
        self.tabs.addTab(self.classes_tab, tr("班級"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("關閉"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(760, 480)
