"""Sync: initial push of a 3,000-student school (~400k rows) to an empty shared database,
initial pull into a new workstation, an incremental sync of 1,000 changes, an idle sync.

Self-contained (the common results format: a list of {name, value, unit, target, ok}); starts
its own throwaway PostgreSQL. Each measured step runs in a fresh process so its peak memory
is its own. Run: ``.venv/bin/python benchmarks/bench_sync.py``.

Targets (issue #20): initial push and initial pull ≤ 15 s each, the push within 3× of the
floor — ``COPY`` (psycopg 3's ``cursor.copy()``) of the same rows into the same tables of an
empty server database, measured in this run; incremental sync of 1,000 changes ≤ 0.5 s, idle
sync ≤ 0.1 s; peak memory ≤ 400 MB. SQLAlchemy's ``insert()`` executemany, the old
yardstick, is reported beside them (information).

The school is made with bulk inserts (like a demo generator would), so the initial push also
proves that rows written around the outbox still reach the server.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STUDENTS = 3000
TERMS = [(111, 1), (111, 2), (112, 1), (112, 2), (113, 1), (113, 2)]
COURSES_PER_TERM = 90
ENROLMENTS_PER_TERM = 15
OUTCOMES, PERFORMANCES, CONSULTATIONS, CADRES = 20, 15, 4, 3


def _stamp(ws_id: str) -> dict[str, Any]:
    return {"version": 1, "updated_at": datetime.now(UTC), "updated_by": None,
            "origin": ws_id, "deleted": False}


ADMIN, PASSWORD = "admin", "bench-Passw0rd!"


def make_school(folder: str) -> int:
    """A 3,000-student school in a new store, by Core bulk inserts (no outbox)."""
    from sqlalchemy import insert

    from lxp_desktop.domain.ids import make_id
    from lxp_desktop.services.workspace import Workspace
    from lxp_desktop.sync.codec import TABLES

    rng = random.Random(3000)
    ws = Workspace.open(Path(folder))
    ws.set_up(ADMIN, "效能測試管理者", PASSWORD)  # the store's first administrator
    wid = ws.store.workstation_id
    total = 0

    def put(table: str, rows: list[dict[str, Any]]) -> None:
        nonlocal total
        with ws.store.transaction() as s:
            for i in range(0, len(rows), 5000):
                s.execute(insert(TABLES[table]), rows[i:i + 5000])
        total += len(rows)

    st = _stamp(wid)
    put("school", [{"id": uuid.uuid4(), "code": "063401", "name": "臺中市私立示範高級中學", **st}])
    put("term", [{"id": uuid.uuid4(), "school_year": y, "semester": s,
                  "start_date": date(y + 1911, 8 if s == 1 else 2, 1),
                  "end_date": date(y + 1912, 1, 31) if s == 1 else date(y + 1912, 7, 31),
                  **st} for y, s in TERMS])
    staff = [{"id": uuid.uuid4(), "username": f"t{i:03d}", "name": f"教師{i}",
              "roles": "teacher", "active": True, **st} for i in range(150)]
    put("staff", staff)
    classes = [{"id": uuid.uuid4(), "school_year": 113, "code": f"{g}{c:02d}",
                "name": f"{g}年{c}班", "grade": g, **st}
               for g in (1, 2, 3) for c in range(1, 26)]
    put("school_class", classes)
    students = [{"id": uuid.uuid4(), "student_no": f"11{i:04d}",
                 "national_id": make_id("A" if i % 2 else "B", "1" if i % 2 else "2",
                                        f"{i:07d}"),
                 "name": f"學生{i}", "gender": "1" if i % 2 else "2",
                 "birth_date": date(2008, 1 + i % 12, 1 + i % 28),
                 "class_id": classes[i % 75]["id"], "seat_no": i // 75 + 1, "status": "在學",
                 "postal_code": "40756", "address": "臺中市西屯區福星路100號", **st}
                for i in range(STUDENTS)]
    put("student", students)
    courses: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for y, s in TERMS:
        courses[(y, s)] = [{"id": uuid.uuid4(), "code": f"{y}063401H111{k:03d}1101{s}",
                            "name": f"課程{k}", "credits": 2, "category": "1",
                            "grade": 1 + k % 3, "school_year": y, "semester": s,
                            "teacher_id": staff[k % 150]["id"], **st}
                           for k in range(COURSES_PER_TERM)]
        put("course", courses[(y, s)])
    enrolled: list[tuple[Any, Any, int, int]] = []
    for y, s in TERMS:
        rows = []
        for stu in students:
            for course in rng.sample(courses[(y, s)], ENROLMENTS_PER_TERM):
                eid = uuid.uuid4()
                rows.append({"id": eid, "student_id": stu["id"], "course_id": course["id"],
                             "school_year": y, "semester": s, "credits": 2,
                             "score": float(rng.randint(40, 100)), "passed": True,
                             "credit_counted": True, "kind": "原修", **st})
                if len(enrolled) < STUDENTS * OUTCOMES and rng.random() < 0.23:
                    enrolled.append((stu["id"], eid, y, s))
        put("enrolment", rows)
    put("outcome", [{"id": uuid.uuid4(), "student_id": sid, "enrolment_id": eid,
                     "school_year": y, "semester": s, "title": "課程報告",
                     "summary": "本學期的課程學習成果簡述。", "status": "待認證",
                     "selected": False, **st} for sid, eid, y, s in enrolled])
    put("performance", [{"id": uuid.uuid4(), "student_id": stu["id"],
                         "school_year": 111 + k % 3, "kind": "競賽參與紀錄",
                         "title": f"全國科展{k}", "summary": "參加全國科展並獲獎。",
                         "in_school": True, "selected": False, **st}
                        for stu in students for k in range(PERFORMANCES)])
    put("consultation", [{"id": uuid.uuid4(), "student_id": stu["id"],
                          "consultant_id": staff[k]["id"], "school_year": 113, "semester": 1,
                          "date": date(2024, 10, 1 + k), "place": "輔導室",
                          "content": "選課諮詢。", **st}
                         for stu in students for k in range(CONSULTATIONS)])
    put("cadre_record", [{"id": uuid.uuid4(), "student_id": stu["id"], "school_year": 113,
                          "semester": 1, "unit_name": "班級", "position": f"股長{k}",
                          "level": 2, **st} for stu in students for k in range(CADRES)])
    ws.close()
    return total + 1  # and the local administrator


def _peak_mb() -> float:
    from common import peak_mb

    return peak_mb()


def _child(queue: Any, fn: str, args: tuple[Any, ...]) -> None:
    try:
        t0 = time.perf_counter()
        out = globals()[fn](*args)
        queue.put({"seconds": time.perf_counter() - t0, "peak_mb": _peak_mb(), "out": out})
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        import traceback

        queue.put({"error": f"{exc}\n{traceback.format_exc()}"})


def in_process(fn: str, *args: Any) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(queue, fn, args))
    proc.start()
    result = queue.get()
    proc.join()
    if "error" in result:
        raise RuntimeError(result["error"])
    return result


def copy_floor(folder: str, url: str) -> dict[str, Any]:
    """The same rows moved into the same PostgreSQL tables by ``COPY`` (psycopg 3's
    ``cursor.copy()``): the floor of moving rows into PostgreSQL, which the initial push is
    compared with. Reads the store the way the push does (SQLAlchemy, 5,000 rows a part)."""
    from sqlalchemy import select

    from lxp_desktop.store.db import open_store
    from lxp_desktop.sync.codec import TABLE_ORDER, TABLES
    from lxp_desktop.sync.server import server_engine

    store = open_store(Path(folder) / "lxp.sqlite3")
    engine = server_engine(url)
    n = 0
    t0 = time.perf_counter()
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        with conn.cursor() as cur:
            for table in TABLE_ORDER:
                t = TABLES[table]
                names = [c.name for c in t.columns]
                sql = f'COPY "{t.name}" ({", ".join(chr(34) + c + chr(34) for c in names)}) FROM STDIN'
                with store.session() as s, cur.copy(sql) as copy:
                    result = s.execute(select(t).execution_options(yield_per=5000))
                    for part in result.partitions():
                        for r in part:
                            copy.write_row(tuple(r))
                        n += len(part)
        conn.commit()
    finally:
        raw.close()
    seconds = time.perf_counter() - t0
    engine.dispose()
    store.close()
    return {"rows": n, "seconds": seconds}


def bare_insert(folder: str, url: str) -> dict[str, Any]:
    """The same rows by SQLAlchemy's ``insert()`` executemany (the old yardstick; information)."""
    from sqlalchemy import insert, select

    from lxp_desktop.store.db import open_store
    from lxp_desktop.sync.codec import TABLE_ORDER, TABLES
    from lxp_desktop.sync.server import server_engine

    store = open_store(Path(folder) / "lxp.sqlite3")
    engine = server_engine(url)
    n = 0
    t0 = time.perf_counter()
    for table in TABLE_ORDER:
        t = TABLES[table]
        with store.session() as s:
            result = s.execute(select(t).execution_options(yield_per=5000))
            for part in result.partitions():
                rows = [dict(r._mapping) for r in part]
                with engine.begin() as conn:
                    conn.execute(insert(t), rows)
                n += len(rows)
    seconds = time.perf_counter() - t0
    engine.dispose()
    store.close()
    return {"rows": n, "seconds": seconds}


def sync(folder: str, url: str) -> dict[str, Any]:
    from lxp_desktop.services.sync import sync_workspace
    from lxp_desktop.services.workspace import Workspace

    ws = Workspace.open(Path(folder))
    try:
        t0 = time.perf_counter()  # the sync itself: connecting, pushing, pulling
        report = sync_workspace(ws, url)
        seconds = time.perf_counter() - t0
    finally:
        ws.close()
    return {"pushed": report.pushed, "pulled": report.pulled, "pending": report.pending,
            "seconds": seconds}


def edit_students(folder: str, count: int) -> int:
    from sqlalchemy import select

    from lxp_desktop.services.students import students
    from lxp_desktop.services.workspace import Workspace
    from lxp_desktop.store.models import Student

    ws = Workspace.open(Path(folder), username=ADMIN, password=PASSWORD)
    with ws.write("效能測試") as (s, actor):
        ids = list(s.scalars(select(Student.id).order_by(Student.student_no).limit(count)))
        for i, sid in enumerate(ids):
            students.update(s, actor, sid, {"phone": f"04-2345{i:04d}"})
    ws.close()
    return len(ids)


def run() -> list[dict[str, Any]]:
    from tests.pgserver import PgServer

    results: list[dict[str, Any]] = []

    def add(name: str, value: float, unit: str, target: float | None, note: str = "") -> None:
        results.append({"name": name, "value": round(value, 2), "unit": unit,
                        "target": target, "ok": None if target is None else value <= target,
                        **({"note": note} if note else {})})

    pg = PgServer(port=54391).start()
    try:
        from lxp_desktop.sync.server import init_server, server_engine

        for name in ("copy", "bare", "school"):
            pg.create_database(name)
            engine = server_engine(pg.url(name))
            init_server(engine)
            engine.dispose()
        with tempfile.TemporaryDirectory() as tmp:
            a, b = str(Path(tmp) / "a"), str(Path(tmp) / "b")
            made = in_process("make_school", a)
            rows = made["out"]
            load = "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg())
            floor = in_process("copy_floor", a, pg.url("copy"))
            assert floor["out"]["rows"] >= rows - 1, (floor, rows)
            bare = in_process("bare_insert", a, pg.url("bare"))
            push = in_process("sync", a, pg.url("school"))
            assert push["out"]["pending"] == 0, push
            pull = in_process("sync", b, pg.url("school"))
            assert pull["out"]["pulled"] >= rows - 1, (pull, rows)
            in_process("edit_students", a, 1000)
            inc = in_process("sync", a, pg.url("school"))
            assert inc["out"]["pushed"] == 1000, inc
            idle = in_process("sync", a, pg.url("school"))
            assert idle["out"]["pushed"] == 0 and idle["out"]["pulled"] == 0, idle
            add("sync: rows in the 3,000-student school", rows, "rows", None)
            secs = {k: v["out"]["seconds"] for k, v in
                    (("copy", floor), ("bare", bare), ("push", push), ("pull", pull),
                     ("inc", inc), ("idle", idle))}
            add("sync floor: COPY of the same rows into the same tables", secs["copy"], "s",
                None, note=f"{floor['out']['rows']:,} rows; {load}")
            add("sync: SQLAlchemy insert() executemany of the same rows (old yardstick)",
                secs["bare"], "s", None)
            add("sync: initial push to an empty server", secs["push"], "s", 15, note=load)
            add("sync: initial push ÷ COPY floor", secs["push"] / secs["copy"], "×", 3)
            add("sync: initial pull into a new workstation", secs["pull"], "s", 15)
            add("sync: incremental sync of 1,000 changes", secs["inc"], "s", 0.5)
            add("sync: idle sync", secs["idle"], "s", 0.1)
            add("sync: peak memory (push)", push["peak_mb"], "MB", 400)
            add("sync: peak memory (pull)", pull["peak_mb"], "MB", 400)
    finally:
        pg.stop()
    return results


if __name__ == "__main__":
    out = run()
    for r in out:
        print(f"{'MISS' if r['ok'] is False else 'ok '} {r['name']:<58} {r['value']:>10} {r['unit']}"
              + ("" if r["target"] is None else f" (target ≤ {r['target']})"))
    Path(ROOT / "benchmarks" / "results_sync.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
