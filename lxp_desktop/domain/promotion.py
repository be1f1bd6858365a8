"""The year's turn (升級作業): which class a student moves to at the start of a 學年度.

Pure rules, no database: the default mapping of a class code to the next grade's class
(``101`` → ``201``: the first digit is the grade, the rest the class's number), the name of
the next grade's class (「一年一班」 → 「二年一班」) and what happens to each kind of student.
"""

from __future__ import annotations

#: the top grade of a senior high school: its students graduate (or stay as 延修)
TOP_GRADE = 3
#: statuses of students who move with their class
MOVING: frozenset[str] = frozenset({"在學", "復學", "轉入"})
#: what the preview may set for one student
PROMOTE, GRADUATE, EXTEND, REPEAT = "升級", "畢業", "延修", "重讀"
ACTIONS: tuple[str, ...] = (PROMOTE, GRADUATE, EXTEND, REPEAT)
_CN = "零一二三四五六七八九"


def next_code(code: str, grade: int) -> str | None:
    """The default class of the next grade: '101' (grade 1) → '201'; None at the top grade or
    when the code does not start with its grade."""
    if grade >= TOP_GRADE or not code or code[0] != str(grade):
        return None
    return f"{grade + 1}{code[1:]}"


def same_grade_code(code: str) -> str:
    """The class a repeater (重讀) or a 延修 student goes to in the new year: the same code."""
    return code


def next_name(name: str, from_grade: int, to_grade: int, code: str) -> str:
    """The next grade's class name: 「一年一班」 → 「二年一班」; the code when the name does not
    start with its grade."""
    if 0 < from_grade < 10 and 0 < to_grade < 10 and name.startswith(_CN[from_grade]):
        return _CN[to_grade] + name[1:]
    return code


def default_action(status: str, grade: int) -> str | None:
    """What the promotion does with a student of ``status`` in ``grade`` (None: nothing —
    a student who has left, or 休學, keeps no class in the new year)."""
    if status == EXTEND:
        return EXTEND if grade >= TOP_GRADE else PROMOTE
    if status not in MOVING:
        return None
    return GRADUATE if grade >= TOP_GRADE else PROMOTE
