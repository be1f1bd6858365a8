"""工具 › 升級作業: the preview lists each student, a student's 處理方式 and a class's target
are edited in place, one confirmed step writes it all, and it can be undone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from lxp_desktop.services import membership
from lxp_desktop.store.models import Student
from lxp_desktop.ui.promotion_dialog import MovesModel, PromotionDialog


def _class_of(workspace, no, year):
    with workspace.read() as s:
        st = s.scalars(select(Student).where(Student.student_no == no)).one()
        found = membership.classes_in(s, [st.id], year).get(st.id)
        return (found[0].code, found[1]) if found else None


def test_preview_edit_promote_and_undo(window, workspace, qtbot, qtmodeltester, tmp_path: Path):
    window.resize(1366, 768)
    dialog = window.open_promotion()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, PromotionDialog)
    assert dialog.year.value() == 113  # the latest year students have classes in
    qtmodeltester.check(dialog.moves_model)
    qtmodeltester.check(dialog.mapping_model)
    model = dialog.moves_model
    rows = {model.index(r, 2).data(): r for r in range(model.rowCount())}
    assert set(rows) == {"113001", "113002", "111005"}
    assert model.index(rows["111005"], MovesModel.ACTION).data() == "畢業"
    # 113002 repeats the year; class 101 goes to a class 205 instead of 201
    assert model.setData(model.index(rows["113002"], MovesModel.ACTION), "重讀")
    assert not model.setData(model.index(rows["113001"], MovesModel.ACTION), "跳級")
    mapping = dialog.mapping_model
    assert mapping.index(0, 0).data() == "101" and mapping.index(0, 1).data() == "201"
    mapping.setData(mapping.index(0, 1), "205", Qt.ItemDataRole.EditRole)
    dialog.refresh()
    assert "將建立班級：101、205" in dialog.summary.text()
    dialog.grab().save(str(tmp_path / "promotion.png"))
    asked = []
    dialog.confirm = lambda text: asked.append(text) or True
    assert dialog.run()
    assert "113 學年度 → 114 學年度" in asked[0]
    assert _class_of(workspace, "113001", 114) == ("205", 1)
    assert _class_of(workspace, "113002", 114) == ("101", 2)
    assert _class_of(workspace, "113001", 113) == ("101", 1)
    assert dialog.undo_button.isEnabled()
    assert dialog.undo()
    assert _class_of(workspace, "113001", 114) is None
    assert "已復原：3 位學生" in dialog.summary.text()
