"""Run every ``benchmarks/bench_*.py`` (each exposes ``run() -> list[dict]``), print a table and
write ``benchmarks/results.json`` (a list of {name, value, unit, target, ok})."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> int:
    results = []
    for script in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(script.stem, script)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {script.stem}", flush=True)
        for r in module.run():
            results.append(r)
            target = "" if r["target"] is None else f"(target ≤ {r['target']})"
            print(f"{'ok ' if r['ok'] else 'MISS'} {r['name']:<62} {r['value']:>10} {r['unit']} {target}",
                  flush=True)
    (HERE / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
