"""Import 100,000 enrolment rows from .xlsx (dry run and commit) and export 100,000 rows.

Targets (issue #4): commit ≤ 20 s and within 2× of openpyxl's bare read-only iteration over
the same file (both measured in this run); export ≤ 10 s; peak memory ≤ 400 MB. Issue #15:
the import refusing (or streaming) each hostile file — bombs, an over-long cell, a 300 MB
CSV — stays within the same 400 MB; the worst is reported.

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

ROWS = 100_000
STUDENTS = 3_000
COURSES = 34
SCHOOL_CODE = "063401"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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


def bare_iteration(path: Path) -> tuple[float, float]:
    """Wall and CPU seconds of openpyxl's bare read-only iteration over the file."""
    import openpyxl

    t, c = time.perf_counter(), time.process_time()
    wb = openpyxl.load_workbook(path, read_only=True)
    for _row in wb.worksheets[0].iter_rows(values_only=True):
        pass
    wb.close()
    return time.perf_counter() - t, time.process_time() - c


def run(rows: int = ROWS) -> list[dict[str, Any]]:
    from lxp_desktop import paths
    from lxp_desktop.services.base import ListQuery
    from lxp_desktop.services.exports import export_view
    from lxp_desktop.services.imports import run_import
    from lxp_desktop.services.workspace import Workspace

    results: list[dict[str, Any]] = []

    def add(name: str, value: float, unit: str, target: float | None, ok: bool | None = None,
            ) -> None:
        if ok is None:
            ok = target is None or value <= target
        results.append({"name": name, "value": round(value, 2), "unit": unit,
                        "target": target, "ok": ok})

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

        bare, bare_cpu = bare_iteration(xlsx)
        t = time.perf_counter()
        dry = run_import(ws, "enrolments", xlsx, dry_run=True)
        dry_s = time.perf_counter() - t
        assert dry.ok and dry.new == rows, dry.summary()
        t, (c, k) = time.perf_counter(), _cpu()
        done = run_import(ws, "enrolments", xlsx, dry_run=False)
        c2, k2 = _cpu()
        commit_s, commit_cpu, child_cpu = time.perf_counter() - t, c2 - c, k2 - k
        assert done.committed and done.new == rows, done.summary()
        out = folder / "export.xlsx"
        t = time.perf_counter()
        exported = export_view(ws, "enrolments", ListQuery(school_year=113, semester=1), out)
        export_s = time.perf_counter() - t
        assert exported.rows == rows
        ws.close()
        paths.set_data_dir(None)

    add(f"set-up: {students_n} students, {len(codes)} courses (services)", setup, "s", None)
    add(f"openpyxl bare read-only iteration, {rows} rows", bare, "s", None)
    add(f"import {rows} enrolments .xlsx, dry run", dry_s, "s", 20.0)
    add(f"import {rows} enrolments .xlsx, commit", commit_s, "s", 20.0)
    add("commit ÷ bare openpyxl iteration (wall)", commit_s / bare, "×", 2.0)
    add("commit ÷ bare iteration (CPU of this process, load-independent)",
        commit_cpu / bare_cpu, "×", None)
    add("commit ÷ bare iteration (CPU incl. the reading child process)",
        (commit_cpu + child_cpu) / bare_cpu, "×", None)
    add(f"export {rows} enrolments .xlsx", export_s, "s", 10.0)
    add("peak memory (max RSS)", _peak_mb(), "MB", 400.0)
    return results


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
        print(f"{'ok ' if r['ok'] else 'MISS'} {r['name']:<58} {r['value']:>10} {r['unit']} {target}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
