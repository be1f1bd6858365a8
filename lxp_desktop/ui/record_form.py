"""The add/edit form of any record category, built from its ``FormField`` description.

Keyboard first: Tab walks the fields in order, typing selects in a list, Enter or Ctrl+S
saves, Esc cancels. A rejected save shows each message under the field it concerns and
writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services.base import FormField
from lxp_desktop.ui.fit import fit_to_screen, scrolled


def tr(text: str) -> str:
    return QCoreApplication.translate("records", text)


class FieldEditor:
    """One field: its widget, how to read and set its text, and its message label."""

    def __init__(self, spec: FormField, parent: QWidget) -> None:
        self.spec = spec
        self.widget: QWidget
        if spec.kind in ("choice", "bool"):
            combo = QComboBox(parent)
            for value, label in spec.choices:
                combo.addItem(tr(label), value)
            if not spec.required:
                combo.insertItem(0, "", "")
                combo.setCurrentIndex(0)
            self.widget = combo
        elif spec.kind == "multiline":
            edit = QPlainTextEdit(parent)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            self.widget = edit
        else:
            line = QLineEdit(parent)
            if spec.max_length:
                line.setMaxLength(spec.max_length)
            if spec.placeholder:
                line.setPlaceholderText(tr(spec.placeholder))
            self.widget = line
        self.widget.setObjectName(f"field_{spec.key}")
        self.message = QLabel(parent)
        self.message.setObjectName(f"error_{spec.key}")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()

    def text(self) -> str:
        w = self.widget
        if isinstance(w, QComboBox):
            return str(w.currentData() or "")
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        assert isinstance(w, QLineEdit)
        return w.text()

    def set_text(self, value: str) -> None:
        w = self.widget
        if isinstance(w, QComboBox):
            i = w.findData(value)
            if i < 0 and value:
                i = w.findText(value, Qt.MatchFlag.MatchStartsWith)
            w.setCurrentIndex(max(i, 0))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(value)
        else:
            assert isinstance(w, QLineEdit)
            w.setText(value)

    def show_error(self, message: str | None) -> None:
        self.message.setText(message or "")
        self.message.setVisible(bool(message))
        self.widget.setProperty("invalid", bool(message))


class RecordForm(QDialog):
    """Add or edit one record. ``save`` gets the typed values and raises ValidationFailed."""

    def __init__(self, title: str, fields: list[FormField], values: dict[str, str],
                 save: Callable[[dict[str, str]], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("RecordForm")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._save = save
        self.result_value: Any = None
        self.editors: dict[str, FieldEditor] = {}
        layout = QVBoxLayout(self)
        page = QWidget(self)
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in fields:
            editor = FieldEditor(spec, page)
            label = QLabel(tr(spec.label) + ("＊" if spec.required else ""), page)
            label.setBuddy(editor.widget)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor.widget)
            box.addWidget(editor.message)
            form.addRow(label, box)
            editor.set_text(values.get(spec.key, ""))
            self.editors[spec.key] = editor
        # a long form (學生基本資料) scrolls on a short screen; the buttons stay in view
        self.scroll_area = scrolled(page, self)
        layout.addWidget(self.scroll_area, 1)
        self.general_error = QLabel(self)
        self.general_error.setObjectName("error_general")
        self.general_error.setStyleSheet("color: #b00020;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        layout.addWidget(self.general_error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            QCoreApplication.translate("RecordForm", "儲存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("RecordForm", "取消"))
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.try_save)
        self.setMinimumWidth(460)
        self._first = self.editors[fields[0].key].widget if fields else None
        fit_to_screen(self)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._first is not None:
            self.activateWindow()
            self._first.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def values(self) -> dict[str, str]:
        return {key: editor.text() for key, editor in self.editors.items()}

    def try_save(self) -> bool:
        for editor in self.editors.values():
            editor.show_error(None)
        self.general_error.hide()
        try:
            self.result_value = self._save(self.values())
        except ValidationFailed as exc:
            self.show_errors(exc)
            return False
        self.accept()
        return True

    def show_errors(self, exc: ValidationFailed) -> None:
        first: QWidget | None = None
        general: list[str] = []
        for field, message in exc.by_field().items():
            editor = self.editors.get(field) or self._editor_for(field)
            if editor is None:
                general.append(message)
                continue
            editor.show_error(message)
            first = first or editor.widget
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.show()
        # the messages take room the form did not have: grow to show them whole (a two-line
        # message was cut to one), up to the screen; beyond that the form scrolls
        page = self.scroll_area.widget()
        page.layout().activate()
        page.adjustSize()
        self.layout().activate()
        fit_to_screen(self, self.sizeHint().expandedTo(self.size()))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(first)

    def _editor_for(self, field: str) -> FieldEditor | None:
        """A message about a reference (``student_id``) belongs to what the clerk typed."""
        aliases = {"student_id": "student_no", "course_id": "course_code",
                   "enrolment_id": "course_code", "class_id": "class_code",
                   "teacher_id": "teacher", "consultant_id": "consultant"}
        return self.editors.get(aliases.get(field, ""))
