"""Term submission at school size: check (預檢), export the 修課紀錄 package, import and
reconcile its receipt details, announce a period for every student, deem the rest confirmed.

Self-contained (writes the common results format: a list of {name, value, unit, target, ok}).
Run: ``.venv/bin/python benchmarks/bench_submission.py [students]`` (default 1200, 8 courses each).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STUDENTS = 1200
COURSES = 8


def _build(ws, n: int) -> None:
    from lxp_desktop.domain.ids import make_id
    from lxp_desktop.services import school as sch
    from lxp_desktop.services.courses import courses, enrolments
    from lxp_desktop.services.students import students
    from tests.makers import course_code, make_small_school

    make_small_school(ws)
    with ws.write("benchmark") as (s, a):
        classes = max(1, n // 40)
        for c in range(classes):
            sch.ensure_class(s, a, 113, f"1{c + 10:02d}", f"一年{c + 10}班", 1)
        codes = []
        for i in range(COURSES):
            code = course_code(f"{i + 10:02d}")
            courses.create(s, a, {"code": code, "name": f"科目{i}", "credits": "2", "grade": "1",
                                  "school_year": "113", "semester": "1", "teacher": "t.lin"})
            codes.append(code)
        for k in range(n):
            no = f"2{k:05d}"
            students.create(s, a, {
                "student_no": no, "national_id": make_id("A", "1" if k % 2 else "2",
                                                         f"{k + 1000000:07d}"),
                "name": f"學生{k}", "gender": "1" if k % 2 else "2", "birth_date": "097/05/12",
                "class_code": f"1{k % classes + 10:02d}", "seat_no": str(k // classes + 1),
                "status": "在學"})
            for code in codes:
                enrolments.create(s, a, {"student_no": no, "school_year": "113",
                                         "semester": "1", "course_code": code,
                                         "score": str(60 + k % 40), "credit_counted": "是",
                                         "kind": "原修"})


def run(n: int = STUDENTS) -> list[dict]:
    from lxp_desktop import paths
    from lxp_desktop.domain.roc import Term
    from lxp_desktop.services import confirmation, precheck, receipts, submission
    from lxp_desktop.services.workspace import Workspace
    from tests import receipt_maker as rm

    term = Term(113, 1)
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "data")
        ws.set_up("admin", "效能測試管理者", "bench-Passw0rd!")  # accounts: sign in first
        try:
            _build(ws, n)
            t0 = time.perf_counter()
            with ws.read() as s:
                found = precheck.run_check(s, term)
            timings["check"] = time.perf_counter() - t0
            assert not any(f.blocking for f in found), found[:3]
            t0 = time.perf_counter()
            with ws.write() as (s, a):
                result = submission.export_submission(s, a, term, "修課紀錄", Path(tmp) / "out")
            timings["export"] = time.perf_counter() - t0
            doc = rm.from_package(result.folder, "修課紀錄")
            zip_path = rm.write_zip(Path(tmp) / "r.zip",
                                    {rm.receipt_name(113, 1, "修課紀錄"): doc}, "pw")
            t0 = time.perf_counter()
            with ws.write() as (s, a):
                receipts.import_receipt(s, a, zip_path, term, "pw")
            timings["import"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            with ws.write() as (s, a):
                confirmation.announce(s, a, term, date(2025, 3, 3), date(2025, 3, 5))
            timings["announce"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            confirmation.apply_due_in(ws, date(2025, 3, 6))
            timings["deem"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            confirmation.apply_due_in(ws, date(2025, 3, 7))
            timings["idle"] = time.perf_counter() - t0
        finally:
            ws.close()
            paths.set_data_dir(None)
    rows = n * COURSES + 1
    spec = [("check", f"預檢 {n} students, {rows} enrolments", 5.0),
            ("export", f"export 修課紀錄 package ({rows} rows) + ledger", 10.0),
            ("import", f"import + reconcile receipt ({rows} rows, AES zip)", 10.0),
            ("announce", f"announce a period for {n} students", 10.0),
            ("deem", f"period over: {n} students deemed confirmed", 10.0),
            ("idle", "app start with nothing due (apply_due)", 0.05)]
    return [{"name": label, "value": round(timings[key], 3), "unit": "s", "target": target,
             "ok": timings[key] < target} for key, label, target in spec]


if __name__ == "__main__":
    out = run(int(sys.argv[1]) if len(sys.argv) > 1 else STUDENTS)
    for r in out:
        print(f"{r['name']:<58} {r['value']:>8} {r['unit']}  (target < {r['target']})  "
              f"{'ok' if r['ok'] else 'SLOW'}")
    print(json.dumps(out, ensure_ascii=False))
