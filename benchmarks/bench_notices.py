"""1,000 paper confirmation notices: time to log and print the batch, size per page.

Targets (issue #20): ≤ 6 s for 1,000 notices; (issue #7) ≤ 80 KB per page on average with
the embedded subset font. One name in ten has a CJK Extension B character, half of them ones
the shipped Noto Sans TC lacks, so those letters take the fallback-font path (HanaMinB from
fonts-hanazono, MingLiU-ExtB on Windows). The floor beside it is reportlab's bare page rate:
the same number of pages, each with as much text in the same fonts, drawn by stock reportlab
in a fresh process (none of the product's code, so none of its patches). 1,000 departed students (graduates of a 3,000-student school) are
bulk-inserted, each with 12 courses and a cadre record in 113-2, so most letters run to two
pages. Self-contained; writes the common results format (a list of {name, value, unit,
target, ok}). Run: ``.venv/bin/python benchmarks/bench_notices.py``.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STUDENTS = 1000
COURSES_EACH = 12
#: CJK Extension B characters that Noto Sans TC has, and ones only the fallback font has
EXT_B_NOTO = "𠮷𡃁𨑨𤆬"
EXT_B_FALLBACK = "𠁡𠄣𠊧𠌈"
EXT_B_EVERY = 10


def _populate(ws) -> list[uuid.UUID]:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    from lxp_desktop.domain import postal
    from lxp_desktop.domain.course_code import make_course_code
    from lxp_desktop.domain.ids import make_id
    from lxp_desktop.domain.roc import Term
    from lxp_desktop.services import school as sch
    from lxp_desktop.store.models import CadreRecord, Course, Enrolment, Student, utcnow

    rng = random.Random(113)
    surnames = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高"
    given = "志明家豪俊宏怡君雅婷淑芬建宏冠宇承翰宜蓁詩涵子晴柏翰宥廷品妤昱廷欣妤彥廷佳穎思妤"
    roads = ["中正路", "民生路", "復興路", "和平東路二段", "福星路", "文心路三段", "中山路一段"]
    districts = [d for d in postal.districts() if d[1] in ("臺中市", "臺北市", "新北市")]
    now = utcnow()
    base = {"version": 1, "updated_at": now, "deleted": False}
    with ws.write("效能測試") as (s, a):
        sch.save_school(s, a, {"code": "063401", "name": "臺中市私立示範高級中學",
                               "postal_code": "407", "address": "臺中市西屯區福星路100號",
                               "phone": "04-23456789", "registrar_name": "陳幹事",
                               "registrar_phone": "04-23456789#123",
                               "registrar_email": "reg@school.example.tw"})
        sch.ensure_term(s, a, Term(113, 2))
        classes = [sch.ensure_class(s, a, 113, f"3{i:02d}", f"三年{i}班", 3).id
                   for i in range(1, 26)]
        course_rows = []
        for i in range(60):
            course_rows.append({**base, "id": uuid.uuid4(), "code": make_course_code(
                111, "063401", category="1234567"[i // 10], domain="01", subject=f"{i:02d}"),
                "name": f"{'國語文 英語文 數學 物理 化學 生物 地球科學 歷史 地理 公民與社會'.split()[i % 10]}（{i // 10 + 1}）",
                "credits": 2, "category": "1", "grade": 3, "school_year": 113, "semester": 2})
        s.execute(insert(Course), course_rows)
        students, enrols, cadres = [], [], []
        for n in range(STUDENTS):
            code, city, district = rng.choice(districts)
            sid = uuid.uuid4()
            students.append({
                **base, "id": sid, "student_no": f"110{n:04d}",
                "national_id": make_id("ABCDEFGHJKLMNPQRSTUVXYWZIO"[n % 26], "12"[n % 2],
                                       f"{n:07d}"),
                "name": rng.choice(surnames) + rng.choice(given[::2]) + (
                    rng.choice(given[1::2]) if n % EXT_B_EVERY else
                    (EXT_B_NOTO + EXT_B_FALLBACK)[n // EXT_B_EVERY % 8]),
                "gender": "12"[n % 2], "birth_date": date(2006, 1 + n % 12, 1 + n % 28),
                "class_id": classes[n % len(classes)], "seat_no": 1 + n // len(classes),
                "status": "畢業", "status_date": date(2025, 6, 30),
                "postal_code": code + f"{rng.randrange(1, 99):02d}",
                "address": f"{city}{district}{rng.choice(roads)}{rng.randrange(1, 400)}號"
                           + (f"{rng.randrange(2, 15)}樓" if rng.random() < 0.4 else "")})
            for c in rng.sample(course_rows, COURSES_EACH):
                enrols.append({**base, "id": uuid.uuid4(), "student_id": sid,
                               "course_id": c["id"], "school_year": 113, "semester": 2,
                               "credits": 2, "score": 80.0, "passed": True,
                               "credit_counted": True, "kind": "原修"})
            cadres.append({**base, "id": uuid.uuid4(), "student_id": sid, "school_year": 113,
                           "semester": 2, "unit_name": "班級", "position": "學藝股長",
                           "level": 2})
        s.execute(insert(Student), students)
        s.execute(insert(Enrolment), enrols)
        s.execute(insert(CadreRecord), cadres)
    return [r["id"] for r in students]


def bare_pages(pages: int, out: str) -> dict[str, float]:
    """Stock reportlab: ``pages`` pages of 36 lines of Chinese text each (a letter's worth),
    a name with an Extension B character on each, in Noto Sans TC and HanaMinB."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    root = Path(__file__).resolve().parent.parent
    t = time.perf_counter()
    pdfmetrics.registerFont(TTFont("Noto", str(root / "resources/fonts/NotoSansTC-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("Hana", "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"))
    line = "一一二學年度第二學期國語文（一）二學分八十分及格採計學分課程名稱與成績確認"
    c = Canvas(out, pagesize=A4)
    for p in range(pages):
        c.setFont("Noto", 11)
        c.drawString(60, 780, f"王小{p % 10}")
        c.setFont("Hana", 11)
        c.drawString(93, 780, EXT_B_FALLBACK[p % 4])
        c.setFont("Noto", 10)
        for i in range(36):
            c.drawString(60, 750 - i * 18, line[(p + i) % 10:] + f"{p}-{i}")
        c.showPage()
    c.save()
    return {"seconds": time.perf_counter() - t, "bytes": Path(out).stat().st_size}


def _child(queue, fn: str, args: tuple) -> None:  # type: ignore[no-untyped-def]
    try:
        queue.put(globals()[fn](*args))
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        import traceback

        queue.put({"error": f"{exc}\n{traceback.format_exc()}"})


def in_fresh_process(fn: str, *args) -> dict:  # type: ignore[no-untyped-def]
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


def run() -> list[dict]:
    import os

    from lxp_desktop.domain.roc import Term
    from lxp_desktop.services import notices
    from lxp_desktop.services.workspace import Workspace

    term = Term(113, 2)
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "data")
        ws.set_up("admin", "效能測試管理者", "bench-Passw0rd!")  # accounts: sign in first
        try:
            _populate(ws)
            out = Path(tmp) / "notices.pdf"
            t0 = time.perf_counter()
            with ws.read() as s:
                ids = [st.id for st in notices.departed_students(s, term)]
            with ws.write("效能測試") as (s, a):
                made = notices.create_batch(s, a, term, ids, issued_on=date(2025, 7, 10))
                t1 = time.perf_counter()
                result = notices.render(s, made, out)
            seconds = time.perf_counter() - t0
            render_s = time.perf_counter() - t1
            size = out.stat().st_size
            with ws.read() as s:  # (not timed) the letters that took the fallback font
                fallback = notices.fallback_report(s, term, ids)
            load = "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg())
            floor = in_fresh_process("bare_pages", result.pages, str(Path(tmp) / "bare.pdf"))
        finally:
            ws.close()
    kb_per_page = size / 1024 / result.pages
    print(f"{len(ids)} notices, {result.pages} pages, {size / 1024 / 1024:.1f} MB: "
          f"{seconds:.1f} s in all (check + log {seconds - render_s:.1f} s, PDF {render_s:.1f} s), "
          f"{kb_per_page:.1f} KB per page")
    ext_b = sum(1 for i in range(STUDENTS) if i % EXT_B_EVERY == 0)
    on_fallback = sum(1 for i in range(0, STUDENTS, EXT_B_EVERY)
                      if i // EXT_B_EVERY % 8 >= len(EXT_B_NOTO))
    assert len(fallback) == on_fallback, (len(fallback), on_fallback)
    return [
        {"name": "notices_1000_seconds", "value": round(seconds, 2), "unit": "s",
         "target": 6, "ok": seconds <= 6,
         "note": f"{result.pages} pages; {ext_b} Extension B names, {len(fallback)} on the "
                 f"fallback font; {load}"},
        {"name": "notices floor: stock reportlab, same pages and fonts (fresh process)",
         "value": round(floor["seconds"], 2), "unit": "s", "target": None, "ok": None,
         "note": f"{result.pages} pages; notices ÷ floor {seconds / floor['seconds']:.1f}×"},
        {"name": "notices_kb_per_page", "value": round(kb_per_page, 1), "unit": "KB",
         "target": 80, "ok": kb_per_page <= 80},
    ]


if __name__ == "__main__":
    out = run()
    for r in out:
        print(f"{r['name']:<30} {r['value']:>8} {r['unit']}  (target ≤ {r['target']})  "
              f"{'SLOW' if r['ok'] is False else 'ok'}")
    print(json.dumps(out, ensure_ascii=False))
