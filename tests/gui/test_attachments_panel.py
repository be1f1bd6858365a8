"""The detail panel of the portfolio tabs: attach by drop or dialog, thumbnails, open, reject."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from lxp_desktop.services.portfolio import consultations, outcomes
from lxp_desktop.store.blobs import default_store
from lxp_desktop.ui.attachments_panel import ProblemRole
from lxp_desktop.ui.thumbnails import thumbnail
from tests.files import exe_bytes, pdf_bytes, png_bytes, write


def outcome_tab(window, workspace, school):
    with workspace.write() as (s, a):
        oid = outcomes.create(s, a, {"student_no": "113001", "school_year": "113",
                                     "semester": "1",
                                     "course_code": school.courses["國語文"].code,
                                     "title": "閱讀心得", "summary": "心得報告"}).id
    window.select_term(113, 1)
    tab = window.record_tabs["outcomes"]
    window.tabs.setCurrentWidget(tab)
    tab.reload()
    tab.select_record(oid)
    assert tab.attachments.owner == ("outcome", oid)
    return tab, oid


def drop(widget, paths: list[Path]) -> None:
    """Drag files over the widget (it must accept them), then drop them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_drop_files_shows_thumbnails_and_rejects_with_reasons(window, workspace, school,
                                                               tmp_path):
    tab, _oid = outcome_tab(window, workspace, school)
    panel = tab.attachments
    good = [write(tmp_path, "照片.png", png_bytes()), write(tmp_path, "報告.pdf", pdf_bytes())]
    bad = [write(tmp_path, "病毒.pdf", exe_bytes()), write(tmp_path, "空白.png", b"")]
    drop(panel, [*good, *bad])
    assert panel.model.rowCount() == 2
    assert panel.title.text() == "附件：2 個檔案"
    for row in range(2):
        icon = panel.model.item(row).icon()
        assert not icon.isNull()
        assert icon.availableSizes() and icon.availableSizes()[0].height() <= 96
    message = panel.message.text()
    assert "病毒.pdf" in message and "不是 pdf" in message and "空白.png" in message
    assert panel.message.isVisible()


def test_pdf_thumbnail_is_the_first_page():
    image = thumbnail("pdf", pdf_bytes(), 96)
    assert image is not None and image.height() == 96 and image.width() < 96
    # the blue rectangle drawn on the page shows in the middle of the picture
    pixel = image.pixelColor(image.width() // 2, int(image.height() * 0.3))
    assert pixel.blue() > 150 and pixel.red() < 100
    assert thumbnail("mp3", b"ID3\x03", 96) is None
    assert thumbnail("pdf", b"%PDF-1.4 broken", 96) is None


def test_open_exports_a_checked_copy_and_refuses_an_altered_file(
        window, workspace, school, tmp_path, qtbot, monkeypatch, data_dir):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url)))
    data = png_bytes()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(
        lambda *a, **k: ([str(write(tmp_path, "作品.png", data))], "")))
    tab, _oid = outcome_tab(window, workspace, school)
    panel = tab.attachments
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert panel.model.rowCount() == 1
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert len(opened) == 1
    path = Path(opened[0].toLocalFile())
    assert path.read_bytes() == data and path.name == "作品.png"
    assert data_dir in path.parents
    sha = panel.model.item(0).toolTip().split("SHA-256 ")[1]
    stored = default_store().path_for(sha)
    stored.chmod(0o644)
    stored.write_bytes(data + b"tampered")
    panel.reload()
    assert panel.model.item(0).data(ProblemRole) == "altered"
    assert panel.model.item(0).text().startswith("⚠ 作品.png")
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert len(opened) == 1 and "已被更動" in panel.message.text()
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert panel.model.rowCount() == 0 and panel.title.text() == "附件：0 個檔案"


def test_selection_and_states_in_the_outcome_tab(window, workspace, school, qtbot):
    tab, oid = outcome_tab(window, workspace, school)
    assert "認證狀態：待認證" in tab.detail.text()
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert "只有已認證" in tab.attachments.message.text()


def test_consultations_say_they_stay_in_school(window, workspace, school, tmp_path):
    with workspace.write() as (s, a):
        cid = consultations.create(s, a, {"student_no": "113001", "date": "113/10/01",
                                          "place": "輔導室", "consultant": "c.chen",
                                          "content": "選修規劃", "time": "14:30",
                                          "opinion": "依興趣選修"}).id
    tab = window.record_tabs["consultations"]
    window.tabs.setCurrentWidget(tab)
    window.select_term(113, 1)
    tab.reload()
    tab.select_record(cid)
    assert tab.findChild(type(tab.detail), "kept_in_school").text().startswith("課程諮詢紀錄僅留存校內")
    assert tab.attachments.add_files([write(tmp_path, "紀錄.pdf", pdf_bytes())]) == 1


def test_a_file_attached_on_another_pc_is_fetched_when_opened(
        window, workspace, school, tmp_path, qtbot, monkeypatch):
    """Rows arrive by sync, bytes on demand: the panel says so and opening fetches them."""
    from lxp_desktop.services import attachments
    from lxp_desktop.services import sync as sync_service

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url)))
    tab, oid = outcome_tab(window, workspace, school)
    data = pdf_bytes("made on the other PC")
    with workspace.write() as (s, a):
        attachments.attach(s, a, "outcome", oid, data, "報告.pdf")
    stored = default_store().path_for(next(iter(default_store().stored_hashes())))
    stored.chmod(0o644)
    stored.unlink()  # as on a PC that only has the row yet
    fetched: list[str] = []

    def fetch(ws, sha256, blobs=None):  # what the shared database sends back
        fetched.append(sha256)
        default_store().put_bytes(data)
        return True

    monkeypatch.setattr(sync_service, "get_connection", lambda ws: object())
    monkeypatch.setattr(sync_service, "fetch_attachment", fetch)
    panel = tab.attachments
    panel.reload()
    assert "尚未下載" in panel.model.item(0).text()
    path = panel.open_current()
    assert path is not None and path.read_bytes() == data and len(opened) == 1
    assert fetched and not panel.model.item(0).text().startswith("報告.pdf\n尚未下載")
    # without a shared database the file is simply missing, said plainly
    stored.chmod(0o644)
    stored.unlink()
    monkeypatch.setattr(sync_service, "get_connection", lambda ws: None)
    monkeypatch.setattr(sync_service, "fetch_attachment", lambda ws, sha, blobs=None: False)
    panel.reload()
    assert panel.model.item(0).text().startswith("⚠ 報告.pdf")
    assert panel.open_current() is None and "找不到" in panel.message.text()
