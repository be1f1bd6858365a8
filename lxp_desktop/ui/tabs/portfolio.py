"""The tabs of 課程諮詢紀錄, 課程學習成果 and 多元表現: the record table plus a detail panel
with the record's state and its attachments; outcomes and performances can be selected
(勾選) for the central database, and outcomes open the certification queue."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import certification
from lxp_desktop.services.registry import Category
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store.models import Outcome, Performance, Staff
from lxp_desktop.ui.attachments_panel import AttachmentPanel
from lxp_desktop.ui.changes import ChangeBus
from lxp_desktop.ui.tabs.records import RecordTab


def tr(text: str) -> str:
    return QCoreApplication.translate("PortfolioTab", text)


class PortfolioTab(RecordTab):
    """A record tab with a detail panel on the right."""

    def __init__(self, category: Category, workspace: Workspace, bus: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(category, workspace, bus, parent)
        self.detail = QLabel(self)
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.attachments = AttachmentPanel(workspace, self)
        self.attachments.changed.connect(lambda table: bus.notify(table, "attachment"))
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 0, 0, 0)
        side_layout.addWidget(self.detail)
        side_layout.addWidget(self.attachments, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("splitter")
        layout = self.layout()
        assert layout is not None
        layout.replaceWidget(self.view, splitter)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        # the attachments pane folds away (F9) so 認證狀態 and 勾選 are not hidden behind it;
        # each account's choice is remembered on this PC
        self.side = side
        self.pane_button = QPushButton(tr("附件面板（F9）"), self)
        self.pane_button.setObjectName("toggle_pane")
        self.pane_button.setCheckable(True)
        self.pane_button.toggled.connect(self.show_pane)
        self._add_button(self.pane_button)
        QShortcut(QKeySequence("F9"), self, activated=self.pane_button.toggle)
        shown = QSettings().value(self._pane_key(), True)
        self.pane_button.setChecked(str(shown).lower() not in ("false", "0"))
        self.show_pane(self.pane_button.isChecked())
        self.select_button: QPushButton | None = None
        if self.service.table in ("outcome", "performance"):
            self.select_button = QPushButton(tr("勾選提交(&S)"), self)
            self.select_button.setToolTip(tr("勾選或取消勾選提交中央資料庫（Ctrl+Space）"))
            self.select_button.clicked.connect(self.toggle_selected)
            self._add_button(self.select_button)
            QShortcut(QKeySequence("Ctrl+Space"), self.view, activated=self.toggle_selected)
        if self.service.table == "consultation":
            note = QLabel(tr("課程諮詢紀錄僅留存校內，不會提交中央資料庫。"), self)
            note.setObjectName("kept_in_school")
            side_layout.insertWidget(0, note)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.show_detail())
        self.model.modelReset.connect(self.show_detail)

    def _pane_key(self) -> str:
        return f"panes/{self.workspace.actor.staff_id or '_'}/{self.service.table}"

    def show_pane(self, shown: bool) -> None:
        """Show or fold the detail and attachments pane beside the table."""
        self.side.setVisible(shown)
        if self.pane_button.isChecked() != shown:
            self.pane_button.setChecked(shown)
        QSettings().setValue(self._pane_key(), shown)

    def _add_button(self, button: QPushButton) -> None:
        bar = self.layout().itemAt(0).layout()  # type: ignore[union-attr]
        bar.insertWidget(bar.count() - 1, button)

    def reload(self) -> None:
        keep = self.current_id()
        super().reload()
        if keep is not None:
            self.select_record(keep)
        self.show_detail()

    def show_detail(self) -> None:
        record_id = self.current_id()
        self.attachments.set_owner(self.service.table if record_id else None, record_id)
        self.detail.setText(self._detail_text(record_id) if record_id else "")

    def _detail_text(self, record_id: Any) -> str:
        with self.workspace.read() as session:
            obj = session.get(self.service.model, record_id)
            if obj is None:
                return ""
            if isinstance(obj, Outcome):
                lines = [tr("認證狀態：") + obj.status]
                if obj.status == "退回" and obj.return_reason:
                    lines.append(tr("退回原因：") + obj.return_reason)
                if obj.certified_by:
                    by = session.get(Staff, obj.certified_by)
                    for_ = session.get(Staff, obj.certified_for) if obj.certified_for else None
                    who = by.name if by else "?"
                    if for_ is not None and for_.id != obj.certified_by:
                        who += tr("（代理 %1）").replace("%1", for_.name)
                    lines.append(tr("處理者：") + who)
                lines.append(tr("勾選提交：") + (tr("是") if obj.selected else tr("否")))
                return "\n".join(lines)
            if isinstance(obj, Performance):
                lines = [tr("校內") if obj.in_school else tr("校外")]
                if obj.external_link:
                    lines.append(tr("外部連結：") + obj.external_link)
                lines.append(tr("勾選提交：") + (tr("是") if obj.selected else tr("否")))
                return "\n".join(lines)
        return ""

    def toggle_selected(self) -> bool:
        record_id = self.current_id()
        if record_id is None:
            return False
        with self.workspace.read() as session:
            obj = session.get(self.service.model, record_id)
            wanted = not bool(getattr(obj, "selected", False))
        try:
            with self.workspace.write("表單") as (session, actor):
                certification.set_selected(session, actor, self.service.table, [record_id],
                                           wanted)
        except ValidationFailed as exc:
            self.attachments.show_message(str(exc))
            return False
        self.bus.notify(self.service.table)
        self.select_record(record_id)
        return True


class OutcomeTab(PortfolioTab):
    """課程學習成果: also opens the certification queue and re-submits returned items."""

    def __init__(self, category: Category, workspace: Workspace, bus: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(category, workspace, bus, parent)
        self.queue_button = QPushButton(tr("認證佇列(&Q)…"), self)
        self.queue_button.clicked.connect(self.open_queue)
        self._add_button(self.queue_button)
        self.resubmit_button = QPushButton(tr("重新送出認證"), self)
        self.resubmit_button.clicked.connect(self.resubmit_current)
        self._add_button(self.resubmit_button)

    def open_queue(self) -> Any:
        from lxp_desktop.ui.certification_queue import CertificationQueue

        dialog = CertificationQueue(self.workspace, self.bus, self._term, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def resubmit_current(self) -> bool:
        record_id = self.current_id()
        if record_id is None:
            return False
        try:
            with self.workspace.write("表單") as (session, actor):
                certification.resubmit(session, actor, [record_id])
        except ValidationFailed as exc:
            self.attachments.show_message(str(exc))
            return False
        self.bus.notify("outcome")
        self.select_record(record_id)
        return True


TAB_CLASSES: dict[str, type[RecordTab]] = {
    "outcomes": OutcomeTab, "performances": PortfolioTab, "consultations": PortfolioTab,
}
