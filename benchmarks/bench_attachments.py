"""Attachments and certification: store a 4 MB PDF, open it checked, certify a class's items.

Self-contained (writes the common results format: a list of {name, value, unit, target, ok}).
Run: ``.venv/bin/python benchmarks/bench_attachments.py``.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def run() -> list[dict]:
    from lxp_desktop import paths
    from lxp_desktop.services import attachments, certification
    from lxp_desktop.services.portfolio import outcomes
    from lxp_desktop.services.school import actor_for
    from lxp_desktop.services.workspace import Workspace
    from tests.files import pdf_of_size
    from tests.makers import make_small_school

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        ws = Workspace.open(folder)
        ws.set_up("admin", "效能測試管理者", "bench-Passw0rd!")  # accounts: sign in first
        try:
            school = make_small_school(ws)
            with ws.write() as (s, a):
                oid = outcomes.create(s, a, {
                    "student_no": "113001", "school_year": "113", "semester": "1",
                    "course_code": school.courses["國語文"].code, "title": "報告",
                    "summary": "報告"}).id
            src = Path(tmp) / "big.pdf"
            src.write_bytes(pdf_of_size(4 * 1024 * 1024))
            t0 = time.perf_counter()
            with ws.write() as (s, a):
                att = attachments.attach(s, a, "outcome", oid, src)
            attach_ms = (time.perf_counter() - t0) * 1000
            t0 = time.perf_counter()
            with ws.read() as s:
                attachments.export_attachment(s, att.id, Path(tmp) / "out")
            open_ms = (time.perf_counter() - t0) * 1000
            # six outcomes each for 3 students is the small school's limit; certify them all
            with ws.write() as (s, a):
                for no in ("113001",):
                    for i in range(5):
                        outcomes.create(s, a, {
                            "student_no": no, "school_year": "113", "semester": "1",
                            "course_code": school.courses["國語文"].code,
                            "title": f"成果{i}", "summary": "報告"})
            teacher = actor_for(school.teacher, ws.store.workstation_id)
            t0 = time.perf_counter()
            with ws.write() as (s, _a):
                items = certification.queue(s, teacher)
                certification.certify(s, teacher, [i.id for i in items])
            cert_ms = (time.perf_counter() - t0) * 1000
        finally:
            ws.close()
            paths.set_data_dir(None)
    results.append({"name": "attach a 4 MB pdf (hash + atomic store)", "value": round(attach_ms, 1),
                    "unit": "ms", "target": 500, "ok": attach_ms < 500})
    results.append({"name": "open/export a 4 MB attachment, hash checked",
                    "value": round(open_ms, 1), "unit": "ms", "target": 300, "ok": open_ms < 300})
    results.append({"name": f"queue + certify {len(items)} outcomes", "value": round(cert_ms, 1),
                    "unit": "ms", "target": 500, "ok": cert_ms < 500})
    return results


if __name__ == "__main__":
    out = run()
    for r in out:
        print(f"{r['name']:<50} {r['value']:>8} {r['unit']}  (target < {r['target']})  "
              f"{'ok' if r['ok'] else 'SLOW'}")
    print(json.dumps(out, ensure_ascii=False))
