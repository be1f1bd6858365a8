"""Import 100,000 enrolment rows from .xlsx (dry run and commit) and export 100,000 rows.

Targets (issue #20, on this 2-core machine): dry run ≤ 4 s, commit ≤ 6 s and within 3× of
the import floor; export ≤ 10 s; peak memory ≤ 400 MB with the import's reading child
counted.

The import floor is measured in this run, on the same file and the same store, in a fresh
process with stock libraries only (nothing of the product imported, so none of its patches
to openpyxl): python-calamine's bare read of the workbook plus a raw ``sqlite3``
``executemany`` of the same 100,000 rows into the same ``enrolment`` table of a copy of the
same school (student and course looked up in a dict, one transaction). Stock openpyxl's
read-only iteration, also in a fresh process, is reported beside it (information).
Issue #15: the import refusing (or streaming) each hostile file — bombs, an over-long cell,
a 300 MB CSV — stays within the same 400 MB; the worst is reported.

The school is made first through the services: 3,000 students in 60 classes and 34 courses
of 113-1, so that 100,000 enrolments (3,000 × 34, less the last 2,000) refer to real rows.
Run alone: ``python benchmarks/bench_import.py [--rows N]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

ROWS = 100_000
STUDENTS = 3_000
COURSES = 34
SCHOOL_CODE = "063401"


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process, and of its ended children (the import's reading child)."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), kids.ru_utime + kids.ru_stime


def make_school(ws: Any, students_n: int, courses_n: int) -> list[str]:
    from lxp_desktop.domain.course_code import make_course_code
    from lxp_desktop.domain.ids import make_id
    from lxp_desktop.domain.roc import Term
    from lxp_desktop.services import school as sch
    from lxp_desktop.services.base import batch
    from lxp_desktop.services.courses import courses
    from lxp_desktop.services.students import students

    codes = []
    with ws.write("效能測試資料") as (s, a), batch(s):
        sch.save_school(s, a, {"code": SCHOOL_CODE, "name": "臺中市私立示範高級中學"})
        sch.ensure_term(s, a, Term(113, 1))
        classes = [f"{g}{c:02d}" for g in (1, 2, 3) for c in range(1, 21)]
        for code in classes:
            sch.ensure_class(s, a, 113, code, code, int(code[0]))
        for i in range(students_n):
            students.insert(s, a, students.validate(s, {
                "student_no": f"11{i:04d}", "national_id": make_id("A", "1", f"{i:07d}"),
                "name": f"學生{i:04d}", "gender": "1" if i % 2 else "2",
                "birth_date": "097/05/12", "class_code": classes[i % len(classes)],
                "seat_no": str(i // len(classes) % 99 + 1), "status": "在學"}))
        for j in range(courses_n):
            code = make_course_code(113, SCHOOL_CODE, domain="01", subject=f"{j + 1:02d}")
            codes.append(code)
            courses.create(s, a, {"code": code, "name": f"科目{j + 1:02d}", "credits": "2",
                                  "grade": "1", "school_year": "113", "semester": "1"})
    return codes


def make_file(path: Path, rows: int, students_n: int, codes: list[str]) -> None:
    from lxp_desktop.io.tabular import OutColumn, write_xlsx
    from lxp_desktop.services.imports import KINDS

    cols = [OutColumn(c.header, c.width, c.text) for c in KINDS["enrolments"].columns]

    def gen() -> Any:
        n = 0
        for j, code in enumerate(codes):
            for i in range(students_n):
                if n >= rows:
                    return
                score = 40 + (i * 7 + j * 13) % 61
                yield [f"11{i:04d}", 113, 1, code, f"科目{j + 1:02d}", 2, score,
                       None, None, None, "是", None, None]
                n += 1

    write_xlsx(path, "修課紀錄", cols, gen())


def stock_openpyxl(path: str) -> dict[str, float]:
    """Stock openpyxl's bare read-only iteration (run in a fresh process: no product code)."""
    import openpyxl

    t = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True)
    n = sum(1 for _row in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return {"seconds": time.perf_counter() - t, "rows": n}


def import_floor(path: str, db: str) -> dict[str, float]:
    """The least an import of the file can cost: calamine's bare read of every row, and a raw
    ``sqlite3`` ``executemany`` of the same rows into the same table (fresh process, stock
    libraries; student and course resolved through a dict)."""
    import sqlite3
    import uuid
    from datetime import UTC, datetime

    from python_calamine import CalamineWorkbook

    t0 = time.perf_counter()
    wb = CalamineWorkbook.from_path(path)
    rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    read_s = time.perf_counter() - t0

    t1 = time.perf_counter()
    con = sqlite3.connect(db, isolation_level=None)
    students = dict(con.execute("SELECT student_no, id FROM student"))
    courses = dict(con.execute("SELECT code, id FROM course"))
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    params = []
    for r in rows[1:]:
        params.append((uuid.uuid4().hex, 1, now, None, None, 0, students[str(r[0])],
                       courses[str(r[3])], int(r[1]), int(r[2]), int(r[5]), float(r[6]),
                       1, None, None, 1, "原修", None))
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO enrolment (id, version, updated_at, updated_by, origin, deleted,"
        " student_id, course_id, school_year, semester, credits, score, passed,"
        " makeup_score, makeup_passed, credit_counted, kind, remark)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", params)
    con.execute("COMMIT")
    written = con.execute("SELECT count(*) FROM enrolment").fetchone()[0]
    con.close()
    write_s = time.perf_counter() - t1
    return {"read": read_s, "write": write_s, "seconds": read_s + write_s,
            "rows": len(params), "written": written}


def _child(queue: Any, fn: str, args: tuple[Any, ...]) -> None:
    try:
        queue.put(globals()[fn](*args))
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        import traceback

        queue.put({"error": f"{exc}\n{traceback.format_exc()}"})


def in_fresh_process(fn: str, *args: Any) -> dict[str, Any]:
    """``fn(*args)`` in a new interpreter (spawn) that imports only this module."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(queue, fn, args))
    proc.start()
    result = queue.get()
    proc.join()
    if "error" in result:
        raise RuntimeError(result["error"])
    return result


def copy_store(src: Path, dst: Path) -> None:
    import sqlite3

    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()


def run(rows: int = ROWS) -> list[dict[str, Any]]:
    import os

    from common import TreeMemory, load_average

    from lxp_desktop import paths
    from lxp_desktop.services.base import ListQuery
    from lxp_desktop.services.exports import export_view
    from lxp_desktop.services.imports import run_import
    from lxp_desktop.services.workspace import Workspace

    results: list[dict[str, Any]] = []

    def add(name: str, value: float, unit: str, target: float | None, note: str = "") -> None:
        ok = None if target is None else value <= target
        results.append({"name": name, "value": round(value, 2), "unit": unit,
                        "target": target, "ok": ok, **({"note": note} if note else {})})

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths.set_data_dir(folder / "data")
        ws = Workspace.open(folder / "data")
        ws.set_up("admin", "效能測試管理者", "bench-Passw0rd!")
        t = time.perf_counter()
        students_n = min(STUDENTS, rows)
        codes = make_school(ws, students_n, max(1, -(-rows // students_n)))
        setup = time.perf_counter() - t
        xlsx = folder / "enrolments.xlsx"
        make_file(xlsx, rows, students_n, codes)
        assert ws.store.path is not None
        floor_db = folder / "floor.sqlite3"
        copy_store(ws.store.path, floor_db)  # the same school, before the import

        load_before = load_average()
        with TreeMemory() as mem:
            t = time.perf_counter()
            dry = run_import(ws, "enrolments", xlsx, dry_run=True)
            dry_s = time.perf_counter() - t
            assert dry.ok and dry.new == rows, dry.summary()
            t, (c, k) = time.perf_counter(), _cpu()
            done = run_import(ws, "enrolments", xlsx, dry_run=False)
            c2, k2 = _cpu()
            commit_s, commit_cpu, child_cpu = time.perf_counter() - t, c2 - c, k2 - k
            assert done.committed and done.new == rows, done.summary()
        # the floors right after, on the same file and a copy of the same school
        floor = in_fresh_process("import_floor", str(xlsx), str(floor_db))
        assert floor["rows"] == rows and floor["written"] == rows, floor
        stock = in_fresh_process("stock_openpyxl", str(xlsx))
        assert stock["rows"] == rows + 1, stock
        load_after = load_average()
        out = folder / "export.xlsx"
        t = time.perf_counter()
        exported = export_view(ws, "enrolments", ListQuery(school_year=113, semester=1), out)
        export_s = time.perf_counter() - t
        assert exported.rows == rows
        ws.close()
        paths.set_data_dir(None)

    load = f"{load_before} before, {load_after} after ({os.cpu_count()} cores, shared)"
    add(f"set-up: {students_n} students, {len(codes)} courses (services)", setup, "s", None)
    add(f"import floor: calamine read + raw sqlite3 executemany, {rows} rows", floor["seconds"],
        "s", None, note=f"read {floor['read']:.2f} s + write {floor['write']:.2f} s; stock "
        "libraries in a fresh process")
    add(f"stock openpyxl bare read-only iteration, {rows} rows (fresh process)",
        stock["seconds"], "s", None)
    add(f"import {rows} enrolments .xlsx, dry run", dry_s, "s", 4.0, note=load)
    add(f"import {rows} enrolments .xlsx, commit", commit_s, "s", 6.0, note=load)
    add("import commit ÷ import floor (wall)", commit_s / floor["seconds"], "×", 3.0)
    add("import commit ÷ stock openpyxl iteration (wall)", commit_s / stock["seconds"], "×",
        None)
    add("import commit CPU ÷ floor wall (this process / incl. the reading child)",
        commit_cpu / floor["seconds"], "×", None,
        note=f"incl. child {(commit_cpu + child_cpu) / floor['seconds']:.2f}×")
    add(f"export {rows} enrolments .xlsx", export_s, "s", 10.0)
    add("import: peak memory, reading child included", mem.bound_mb, "MB", 400.0,
        note=f"this process {common_peak():.0f} MB + reading child {mem.child_mb:.0f} MB; "
        f"largest sampled total at one moment {mem.together_mb:.0f} MB")
    return results


def common_peak() -> float:
    from common import peak_mb

    return peak_mb()


_PEAK_CHILD = """
import resource, sys
from lxp_desktop.cli import main
try:
    code = main(sys.argv[2:])
finally:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    open(sys.argv[1], "w").write(str(max(own, kids)))
sys.exit(code)
"""


def hostile(bomb_mb: int = 1100) -> list[dict[str, Any]]:
    """Peak memory (max RSS, the reading child included) of the import refusing or reading
    each hostile file of issue #15, each in a fresh process, and the worst of them."""
    import os
    import subprocess

    from tests import hostile_makers as hm
    from tests.xlsx_makers import ROSTER

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "LXP_DATA_DIR": str(folder / "data"), "LXP_USER": "admin",
               "LXP_PASSWORD": "bench-Passw0rd!",
               "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        files = [
            (f"shared-strings bomb ({bomb_mb} MB expanded)",
             ["import", "roster", str(hm.shared_strings_bomb(folder, ROSTER, bomb_mb))]),
            (f"one-cell bomb ({bomb_mb} MB expanded)",
             ["import", "roster", str(hm.huge_cell_bomb(folder, ROSTER, bomb_mb))]),
            ("one cell of 200,000 characters",
             ["import", "roster", str(hm.long_cell_book(folder, ROSTER))]),
            ("a shared string the file lacks",
             ["import", "roster", str(hm.missing_shared_string(folder, ROSTER))]),
            (f"receipt ZIP bomb ({bomb_mb} MB expanded)",
             ["receipts", "import", str(hm.zip_bomb_receipt(folder, bomb_mb)), "--term", "113-2"]),
            ("CSV of 300 MB (streamed, dry run)",
             ["import", "roster", str(hm.huge_csv(folder, ROSTER, 300)), "--dry-run"]),
        ]
        worst = 0.0
        for label, argv in files:
            peak_file = folder / "peak.txt"
            subprocess.run([sys.executable, "-c", _PEAK_CHILD, str(peak_file), *argv], env=env,
                           capture_output=True, text=True, timeout=900)
            mb = int(peak_file.read_text()) / 1024
            worst = max(worst, mb)
            results.append({"name": f"hostile: {label}, peak memory", "value": round(mb, 1),
                            "unit": "MB", "target": None, "ok": True})
        results.append({"name": "hostile files: worst peak memory (max RSS)",
                        "value": round(worst, 1), "unit": "MB", "target": 400.0,
                        "ok": worst <= 400.0})
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--hostile-only", action="store_true",
                        help="only the memory of the hostile files (issue #15)")
    args = parser.parse_args()
    results = [] if args.hostile_only else run(args.rows)
    results += hostile()
    for r in results:
        target = "" if r["target"] is None else f"(target ≤ {r['target']})"
        print(f"{'MISS' if r['ok'] is False else 'ok '} {r['name']:<58} {r['value']:>10} {r['unit']} {target}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if all(r["ok"] is not False for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
