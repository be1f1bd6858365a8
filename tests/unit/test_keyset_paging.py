"""Keyset paging (issue #20): a list read page by page after the last row's sort key is the
same list, in the same order, as the whole list read at once — for the current term, 全部學期,
every sort column up and down (NULL scores included), a search, and the table model a clerk
scrolls."""

from __future__ import annotations

import pytest

from lxp_desktop.domain.ids import make_id
from lxp_desktop.services.base import ListQuery
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.students import students
from lxp_desktop.ui.table_model import RecordTableModel
from tests.makers import course_code


@pytest.fixture
def many(workspace, school):
    """24 more students in 101 and 301; three courses in 113-1 and two in 113-2; a score left
    empty for every fifth enrolment and equal scores for many (ties broken by the next key)."""
    with workspace.write("測試") as (s, a):
        codes = {}
        for sem, subjects in ((1, ("03", "04", "05")), (2, ("06", "07"))):
            for subject in subjects:
                code = course_code(subject)
                courses.create(s, a, {"code": code, "name": f"科目{subject}", "credits": "2",
                                      "grade": "1", "school_year": "113", "semester": str(sem)})
                codes[code] = sem
        n = 0
        for i in range(24):
            no = f"1130{i + 10:02d}"
            students.create(s, a, {
                "student_no": no, "national_id": make_id("A", "1", f"{i + 100:07d}"),
                "name": f"{'王李陳'[i % 3]}同學{i:02d}", "gender": "1",
                "birth_date": "097/05/12", "class_code": ("101", "301")[i % 2],
                "seat_no": str(i // 2 + 10), "status": "在學"})
            for code, sem in codes.items():
                n += 1
                enrolments.create(s, a, {
                    "student_no": no, "school_year": "113", "semester": str(sem),
                    "course_code": code, "score": "" if n % 5 == 0 else str(60 + n % 4 * 10),
                    "credit_counted": "是", "kind": "原修"})
    return school


def _walk(s, query: ListQuery, size: int) -> list[tuple]:
    rows, key = enrolments.page_after(s, query, None, size)
    out = list(rows)
    while rows:
        rows, key = enrolments.page_after(s, query, key, size)
        out.extend(rows)
    return out


def _queries() -> list[ListQuery]:
    out = [ListQuery(school_year=113, semester=1), ListQuery(), ListQuery(search="王")]
    for c in enrolments.columns():
        for descending in (False, True):
            out.append(ListQuery(sort=c.key, descending=descending))
    return out


@pytest.mark.parametrize("size", [1, 7, 200])
def test_pages_after_a_key_are_the_whole_list_in_order(workspace, many, size):
    with workspace.read() as s:
        for query in _queries():
            whole = enrolments.page(s, query, 0, 100_000)
            assert len(whole) == enrolments.count(s, query) > 0
            walked = _walk(s, query, size)
            assert [r[0] for r in walked] == [r[0] for r in whole], (query.sort, query.descending)
            assert walked == whole


def test_empty_scores_sort_first_up_and_last_down_across_pages(workspace, many):
    score = [c.key for c in enrolments.columns()].index("score") + 1
    with workspace.read() as s:
        up = [r[score] for r in _walk(s, ListQuery(sort="score"), 4)]
        down = [r[score] for r in _walk(s, ListQuery(sort="score", descending=True), 4)]
    assert up[0] is None and down[-1] is None and up.count(None) == down.count(None) > 3
    assert up == sorted(up, key=lambda v: (v is not None, v or 0))
    assert down == sorted(down, key=lambda v: (v is None, -(v or 0)))


def test_the_table_a_clerk_scrolls_shows_every_row_once(qtbot, workspace, many):
    model = RecordTableModel(enrolments, workspace.read)
    model.refresh(ListQuery())
    pages = 0
    while model.canFetchMore():
        model.fetchMore()
        pages += 1
    with workspace.read() as s:
        whole = [r[0] for r in enrolments.page(s, ListQuery(), 0, 100_000)]
    assert [model.row_id(i) for i in range(model.rowCount())] == whole
    assert model.rowCount() == model.total == len(whole)
    assert pages == 0  # the whole list fits one page of 200; the walk above pages by 1 and 7
