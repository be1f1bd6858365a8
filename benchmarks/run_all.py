"""Run every ``benchmarks/bench_*.py`` (each exposes ``run() -> list[result]``), print one table
(name | value | unit | target | ok) and merge the results into ``benchmarks/results.json``.

A result is ``{name, value, unit, target, ok, measured_at}``; entries are merged by name, so
a benchmark that is not run keeps its last entry. A missed target is printed as MISSED, a
benchmark that crashes is reported as an error entry, and either makes the exit status 1
(so `make bench` fails when the product is slower than it promises).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run_all.py [--only foundation]
        [--rebuild]   # make the demo store again even if it is up to date
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import common  # noqa: E402


def _normalise(result: dict, started: str) -> dict:
    out = dict(result)
    out.setdefault("target", None)
    if out.get("ok") is None and out["target"] is not None and out.get("value") is not None:
        out["ok"] = bool(out["value"] <= out["target"])
    out.setdefault("ok", None)
    out.setdefault("measured_at", started)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[],
                        help="run only the bench_*.py whose name contains this (repeatable)")
    parser.add_argument("--rebuild", action="store_true",
                        help="make the demo store again even if it is up to date")
    args = parser.parse_args(argv)
    common.FORCE_REBUILD = args.rebuild

    results: list[dict] = []
    for script in sorted(HERE.glob("bench_*.py")):
        if args.only and not any(o in script.stem for o in args.only):
            continue
        print(f"== {script.stem}", flush=True)
        started_at = common.now_iso()
        t0 = time.perf_counter()
        try:
            # imported under its own name (benchmarks/ is on sys.path), so a benchmark that
            # runs steps in child processes (multiprocessing spawn) can pickle its functions
            spec = importlib.util.spec_from_file_location(script.stem, script)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            sys.modules[script.stem] = module
            spec.loader.exec_module(module)
            found = [_normalise(r, started_at) for r in module.run()]
            if not found:
                raise RuntimeError("run() returned no results")
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the rest
            traceback.print_exc()
            found = [{"name": f"{script.stem}: ERROR", "value": None, "unit": "", "target": None,
                      "ok": False, "measured_at": started_at,
                      "note": f"{type(exc).__name__}: {exc}"}]
        error_name = f"{script.stem}: ERROR"
        common.merge_results(found, drop=() if found[0]["name"] == error_name else (error_name,))
        results.extend(found)
        print(f"   ({time.perf_counter() - t0:.1f} s)", flush=True)

    print()
    common.print_table(results)
    missed = [r["name"] for r in results if r.get("ok") is False]
    print()
    if missed:
        print(f"{len(missed)} target(s) MISSED: " + "; ".join(missed))
    else:
        print("every target met.")
    print(f"results merged into {common.RESULTS.relative_to(HERE.parent)}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
