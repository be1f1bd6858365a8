"""The certification queue and the duties page, driven from the keyboard, offscreen."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from lxp_desktop.services import duties
from lxp_desktop.services import school as sch
from lxp_desktop.services.portfolio import outcomes
from lxp_desktop.services.school import actor_for, terms
from lxp_desktop.store.models import AuditEntry, Outcome, Term
from lxp_desktop.ui.certification_queue import (
    OVERDUE_BG,
    CertificationQueue,
    QueueModel,
    ReasonDialog,
)
from lxp_desktop.ui.duties_dialog import DutiesDialog, DutyEditor, DutyModel


def make_outcomes(ws, school, n, overdue=True):
    with ws.write("測試") as (s, a):
        if overdue:
            term = s.scalars(select(Term).where(Term.school_year == 113,
                                                Term.semester == 1)).one()
            terms.apply(s, a, term, {"certification_deadline": date.today() - timedelta(days=1)})
        return [outcomes.create(s, a, {
            "student_no": "113001", "school_year": "113", "semester": "1",
            "course_code": school.courses["國語文"].code, "title": f"成果{i + 1}",
            "summary": "課堂報告"}).id for i in range(n)]


def statuses(ws, ids):
    with ws.read() as s:
        return [s.get(Outcome, i).status for i in ids]


def open_queue(window, qtbot) -> CertificationQueue:
    window.select_term(113, 1)
    qtbot.keyClick(window.tabs, Qt.Key.Key_Q,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialogs = [d for d in window.findChildren(CertificationQueue) if d.isVisible()]
    assert len(dialogs) == 1
    queue = dialogs[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is queue.view)
    return queue


def test_teacher_certifies_and_returns_from_the_keyboard(window, qtbot, workspace, school):
    ids = make_outcomes(workspace, school, 4)
    workspace.actor = actor_for(school.teacher, workspace.store.workstation_id)
    window.apply_actor()  # as a sign-in does: the queue is shown to teachers and proxies
    queue = open_queue(window, qtbot)
    assert queue.model.rowCount() == 4
    assert queue.summary.text() == "待認證 4 件，其中逾期 4 件"
    first = queue.model.index(0, 0)
    assert first.data().startswith("逾期 ")
    assert first.data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BG

    qtbot.keyClick(queue.view, Qt.Key.Key_Return)  # certify the current item
    assert statuses(workspace, ids) == ["已認證", "待認證", "待認證", "待認證"]
    assert queue.model.rowCount() == 3 and queue.message.text() == "已認證 1 件。"
    assert QApplication.focusWidget() is queue.view

    qtbot.keyClick(queue.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    reason = queue.reason_dialog
    assert isinstance(reason, ReasonDialog) and reason.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reason.edit)
    qtbot.keyClick(reason.edit, Qt.Key.Key_Return)  # empty: refused, stays open
    assert reason.isVisible() and "請寫下退回原因" in reason.error.text()
    reason.edit.setPlainText("檔案不是本課程的作品，請重新上傳")
    qtbot.keyClick(reason.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reason.isVisible())
    assert statuses(workspace, ids) == ["已認證", "退回", "待認證", "待認證"]
    with workspace.read() as s:
        assert s.get(Outcome, ids[1]).return_reason == "檔案不是本課程的作品，請重新上傳"

    qtbot.keyClick(queue.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(queue.view, Qt.Key.Key_Return)
    assert statuses(workspace, ids) == ["已認證", "退回", "已認證", "已認證"]
    assert queue.model.rowCount() == 0 and queue.summary.text() == "待認證 0 件"
    # the outcome tab was told and shows the new states
    tab = window.record_tabs["outcomes"]
    window.tabs.setCurrentWidget(tab)
    col = [c.key for c in tab.model.columns].index("status")
    assert sorted(tab.model.index(r, col).data() for r in range(4)) == [
        "已認證", "已認證", "已認證", "退回"]


def test_proxy_uses_the_queue_and_the_audit_says_for_whom(window, qtbot, workspace, school):
    ids = make_outcomes(workspace, school, 2, overdue=False)
    with workspace.write() as (s, a):
        head = sch.add_staff(s, a, "h.wu", "吳組長", ["academic"])
        duties.seed_default_duties(s, a)
        [row] = [d for d in duties.list_duties(s) if d.name == "課程認證"]
        duties.save_duty(s, a, "課程認證", "", ["h.wu"], row.id)
    workspace.actor = actor_for(head, workspace.store.workstation_id)
    window.apply_actor()  # as a sign-in does: the queue is shown to teachers and proxies
    queue = open_queue(window, qtbot)
    assert [queue.teacher_box.itemText(i) for i in range(queue.teacher_box.count())] == [
        "全部", "林老師"]
    assert queue.summary.text() == "待認證 2 件"
    assert queue.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    qtbot.keyClick(queue.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(queue.view, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert statuses(workspace, ids) == ["已認證", "已認證"]
    with workspace.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "certify")).all()
    assert {e.acting_for for e in entries} == {str(school.teacher.id)}
    assert {e.staff_id for e in entries} == {str(head.id)}


def test_someone_else_sees_an_empty_queue(window, qtbot, workspace, school):
    make_outcomes(workspace, school, 1)
    # the local administrator is nobody's teacher or proxy: the menu entry is not shown …
    assert not window.queue_action.isVisible()
    window.select_term(113, 1)
    queue = window.open_certification_queue()  # … and the queue, opened anyway, is empty
    assert isinstance(queue, CertificationQueue)
    assert queue.model.rowCount() == 0
    assert "不是任何課程的任課教師" in queue.summary.text()


def test_duties_page_seeds_and_edits_proxies_from_the_keyboard(window, qtbot, workspace,
                                                               school):
    dialog = window.open_duties()
    assert isinstance(dialog, DutiesDialog)
    assert dialog.model.rowCount() == 0 and not dialog.seed_button.isHidden()
    dialog.seed_button.click()
    assert dialog.model.rowCount() == 8
    last = dialog.model.rowCount() - 1
    assert dialog.model.index(last, 1).data() == "任課教師"
    dialog.view.setFocus()
    dialog.view.selectRow(last)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    editor = [e for e in dialog.findChildren(DutyEditor) if e.isVisible()][0]
    assert not editor.responsible.isEnabled()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.proxies)
    editor.proxies.setText("nobody")
    qtbot.keyClick(editor.proxies, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.isVisible() and "找不到教職員「nobody」" in editor.error.text()
    editor.proxies.setText("陳諮詢、t.lin")
    qtbot.keyClick(editor.proxies, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert dialog.model.index(last, 2).data() == "1. 陳諮詢、2. 林老師"


def test_queue_and_duty_models_pass_the_model_tester(app, workspace, school, qtmodeltester):
    make_outcomes(workspace, school, 2)
    with workspace.write() as (s, a):
        duties.seed_default_duties(s, a)
    workspace.actor = actor_for(school.teacher, workspace.store.workstation_id)
    queue = CertificationQueue(workspace, None, (113, 1))
    assert isinstance(queue.model, QueueModel) and queue.model.rowCount() == 2
    qtmodeltester.check(queue.model)
    model = DutyModel()
    with workspace.read() as s:
        model.set_rows(duties.list_duties(s))
    qtmodeltester.check(model)
    queue.deleteLater()


def test_the_selected_items_file_is_in_view_and_opens_with_space(window, qtbot, workspace,
                                                                 school, monkeypatch):
    from lxp_desktop.services import attachments
    from tests.files import pdf_bytes, png_bytes

    ids = make_outcomes(workspace, school, 2, overdue=False)
    with workspace.write("測試") as (s, a):
        attachments.attach(s, a, "outcome", ids[0], pdf_bytes("成果報告"), "報告.pdf")
        attachments.attach(s, a, "outcome", ids[0], png_bytes(), "照片.png")
    workspace.actor = actor_for(school.teacher, workspace.store.workstation_id)
    window.apply_actor()  # as a sign-in does: the queue is shown to teachers and proxies
    queue = open_queue(window, qtbot)
    row = next(i for i, item in enumerate(queue.model.rows) if item.id == ids[0])
    queue.view.setCurrentIndex(queue.model.index(row, 0))
    assert queue.file_label.text().startswith("報告.pdf") and "共 2 個檔案" in queue.file_label.text()
    picture = queue.file_view.pixmap()
    assert picture is not None and not picture.isNull()
    assert max(picture.width(), picture.height()) >= 250  # a readable first page
    opened = []
    monkeypatch.setattr("lxp_desktop.ui.certification_queue.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    qtbot.keyClick(queue.view, Qt.Key.Key_Space)
    assert len(opened) == 1 and opened[0].endswith(".pdf")
    assert open(opened[0], "rb").read().startswith(b"%PDF")
    # the other item has no file: said so, nothing to open
    other = next(i for i, item in enumerate(queue.model.rows) if item.id == ids[1])
    queue.view.setCurrentIndex(queue.model.index(other, 0))
    assert "沒有附檔" in queue.file_label.text() and not queue.open_button.isEnabled()
    assert statuses(workspace, ids) == ["待認證", "待認證"]  # Space certifies nothing
