"""What every benchmark shares: the demo store, results.json and the results table.

- :func:`demo_store` makes (or reuses) a 3,000-student demo school in ``benchmarks/data/``
  (git-ignored). It is rebuilt when missing, when the schema head changed, when the demo
  generator changed, when the current term moved on, or when ``--rebuild`` was given.
- :func:`record` merges one measurement into ``benchmarks/results.json`` by name, so each
  issue's benchmark adds or refreshes its own entries without touching the others'.
- :func:`print_table` prints ``name | value | unit | target | ok``.

Every target is an upper bound (``value <= target``); an entry without a target is
information only (``ok`` is ``None``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
RESULTS = BENCH_DIR / "results.json"
PYTHON = sys.executable

DEMO_STUDENTS = 3000
DEMO_SEED = 113

#: set by run_all.py --rebuild
FORCE_REBUILD = False

Result = dict[str, Any]

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def child_env() -> dict[str, str]:
    """Environment of a child process: headless Qt, the project importable, UTF-8."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    env.pop(  # the child must use the folder it is given, not a developer's own store
        "LXP_DATA_DIR", None)
    return env


# ---------------------------------------------------------------------------- demo store


def _fingerprint(students: int, seed: int, years: int = 5) -> dict[str, Any]:
    from lxp_desktop.domain.roc import term_of
    from lxp_desktop.store.db import head_revision

    demo_py = ROOT / "lxp_desktop" / "services" / "demo.py"
    return {
        "schema_head": head_revision(),
        "demo_sha256": hashlib.sha256(demo_py.read_bytes()).hexdigest(),
        "students": students,
        "seed": seed,
        "term": term_of(date.today()).code,
        **({"years": years} if years != 5 else {}),
    }


def demo_store(students: int = DEMO_STUDENTS, seed: int = DEMO_SEED,
               years: int = 5) -> tuple[Path, Result]:
    """The folder of the demo store and the info of its creation (seconds, counts, when).

    ``years``: the cohorts it keeps (``demo --years``; 8 is the ten-year store: three grades
    and five graduated cohorts). The returned info's ``built_now`` says whether it was made
    in this run.
    """
    folder = DATA_DIR / (f"demo{students}" if years == 5 else f"demo{students}-{years}y")
    stamp_file = folder / "bench-stamp.json"
    wanted = _fingerprint(students, seed, years)
    if not FORCE_REBUILD and stamp_file.exists() and (folder / "lxp.sqlite3").exists():
        stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
        if stamp.get("fingerprint") == wanted:
            return folder, {**stamp["build"], "built_now": False}
        why = [k for k, v in wanted.items() if stamp.get("fingerprint", {}).get(k) != v]
        print(f"[bench] 重建示範資料庫（{', '.join(why)} 已改變）…", flush=True)
    else:
        print(f"[bench] 建立 {students} 名學生的示範資料庫於 {folder} …", flush=True)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    cmd = [PYTHON, "-m", "lxp_desktop", "demo", "--students", str(students), "--seed",
           str(seed), "--years", str(years), "--data-dir", str(folder)]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=child_env(), capture_output=True, text=True,
                          encoding="utf-8")
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"示範資料建立失敗（{proc.returncode}）：\n{proc.stdout}\n{proc.stderr}")
    counts: dict[str, int] = {}
    for line in proc.stdout.splitlines():
        label, sep, value = line.strip().partition("：")
        if sep and value.replace(",", "").isdigit():
            counts[label] = int(value.replace(",", ""))
    build = {"seconds": round(seconds, 2), "counts": counts,
             "measured_at": now_iso(),
             "log": [line for line in proc.stdout.splitlines() if line.startswith("完成")]}
    stamp_file.write_text(json.dumps({"fingerprint": wanted, "build": build},
                                     ensure_ascii=False, indent=2), encoding="utf-8")
    return folder, {**build, "built_now": True}


# ---------------------------------------------------------------------------- results


def peak_mb() -> float:
    """This process's own peak resident memory, in MB.

    ``ru_maxrss`` of a child started by fork + exec (``subprocess``, multiprocessing's
    spawn) starts from its parent's resident memory at the fork, so a benchmark step in a
    child run after others would report the parent's size; Linux's ``VmHWM`` is the child's
    own high-water mark. Elsewhere ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def record(name: str, value: float, unit: str, target: float | None,
           measured_at: str | None = None, note: str = "") -> Result:
    """One measurement, merged into results.json by name (other entries are kept)."""
    ok = None if target is None else bool(value <= target)
    entry: Result = {"name": name, "value": round(float(value), 3), "unit": unit,
                     "target": target, "ok": ok, "measured_at": measured_at or now_iso()}
    if note:
        entry["note"] = note
    merge_results([entry])
    return entry


def load_results() -> list[Result]:
    if not RESULTS.exists():
        return []
    try:
        data = json.loads(RESULTS.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return []
    return data if isinstance(data, list) else []


def merge_results(entries: Iterable[Result], drop: Iterable[str] = ()) -> None:
    """Add or replace ``entries`` by name; remove the names in ``drop`` (e.g. a stale error)."""
    by_name = {e["name"]: e for e in load_results() if isinstance(e, dict) and "name" in e}
    for name in drop:
        by_name.pop(name, None)
    for entry in entries:
        by_name[entry["name"]] = entry
    tmp = RESULTS.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(sorted(by_name.values(), key=lambda e: e["name"]),
                              ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(RESULTS)


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def _width(text: str) -> int:
    """Columns a terminal gives the text (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def print_table(results: Sequence[Result], file: Any = None) -> None:
    """name | value | unit | target | ok, aligned; a missed target reads MISSED."""
    out = file or sys.stdout
    rows = [("name", "value", "unit", "target", "ok")]
    for r in results:
        ok = "—" if r.get("ok") is None else ("ok" if r["ok"] else "MISSED")
        target = "—" if r.get("target") is None else f"≤ {_fmt(r['target'])}"
        rows.append((r["name"], _fmt(r["value"]), r["unit"], target, ok))
    widths = [max(_width(row[i]) for row in rows) for i in range(5)]
    for i, row in enumerate(rows):
        cells = []
        for j, (c, w) in enumerate(zip(row, widths, strict=True)):
            pad = " " * (w - _width(c))
            cells.append(c + pad if j in (0, 2) else pad + c)
        print(" | ".join(cells), file=out)
        if i == 0:
            print("-+-".join("-" * w for w in widths), file=out)


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


# ---------------------------------------------------------------------------- memory


def _status_kb(pid: int | str, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int | str) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                out.extend(int(p) for p in fh.read().split())
    except OSError:
        pass
    return out


class TreeMemory:
    """Peak memory of this process AND its child processes (the import's reading child).

    A thread looks at the process tree every ``interval`` seconds and keeps, for every
    descendant it saw, its own high-water mark (``VmHWM``, monotonic, so a sample late in a
    child's life has its whole peak), and the largest resident total of the tree at one
    moment. :attr:`bound_mb` — this process's high-water mark plus the largest child's —
    is what a target is checked against: it cannot be lower than the true peak of the two
    running side by side. Linux only (``/proc``); elsewhere only this process is counted.

        with TreeMemory() as mem:
            ...
        mem.bound_mb, mem.together_mb, mem.child_mb
    """

    def __init__(self, interval: float = 0.02) -> None:
        import threading

        self.interval = interval
        self.child_hwm_kb: dict[int, int] = {}
        self.together_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _tree(self, pid: int) -> list[int]:
        out, todo = [], _children(pid)
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(_children(p))
        return out

    def _sample(self) -> None:
        me = os.getpid()
        total = _status_kb(me, "VmRSS")
        for pid in self._tree(me):
            total += _status_kb(pid, "VmRSS")
            hwm = _status_kb(pid, "VmHWM")
            if hwm:
                self.child_hwm_kb[pid] = max(hwm, self.child_hwm_kb.get(pid, 0))
        self.together_kb = max(self.together_kb, total)

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    @property
    def child_mb(self) -> float:
        """The largest high-water mark of one child process seen."""
        return max(self.child_hwm_kb.values(), default=0) / 1024

    @property
    def together_mb(self) -> float:
        """The largest resident total of the tree in one sample."""
        return self.together_kb / 1024

    @property
    def bound_mb(self) -> float:
        """This process's peak plus the largest child's peak (an upper bound of the tree's)."""
        return peak_mb() + self.child_mb


def load_average() -> str:
    """``load average 5.1 4.8 4.2`` (1, 5, 15 minutes): the machine is shared."""
    try:
        return "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        return "load average unknown"
