"""Keep the mypy ratchet of pyproject.toml true: a module listed as not yet strict must still
fail strict checking; once it passes, it must come off the list.

    python tools/mypy_ratchet.py        # (make lint runs it after mypy)

``[tool.mypy]`` is strict for the whole package, and one override lists the modules that do
not pass yet with ``ignore_errors = true``. This runs mypy once more without that override
and compares: a listed module with no error is reported (delete its line), so the list only
ever shrinks and says which modules are left to do.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return str(value)


def listed_and_config() -> tuple[list[str], str]:
    """The modules of the ignore_errors override, and a config of everything else."""
    mypy = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["mypy"]
    overrides = mypy.get("overrides", [])
    listed: list[str] = []
    lines = ["[tool.mypy]"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in mypy.items() if k != "overrides"]
    for override in overrides:
        if override.get("ignore_errors"):
            modules = override["module"]
            listed += [modules] if isinstance(modules, str) else list(modules)
            continue
        lines += ["", "[[tool.mypy.overrides]]"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in override.items()]
    return listed, "\n".join(lines) + "\n"


def failing_modules(config: str) -> set[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mypy-without-the-list.toml"
        path.write_text(config, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(path),
             "--cache-dir", str(ROOT / ".mypy_cache" / "ratchet"), "lxp_desktop"],
            cwd=ROOT, capture_output=True, text=True, check=False)
    modules = set()
    for line in result.stdout.splitlines():
        match = re.match(r"^(lxp_desktop/[^:]+)\.py:\d+: error:", line)
        if match:
            name = match.group(1).replace("/", ".")
            modules.add(name.removesuffix(".__init__"))
    return modules


def main() -> int:
    listed, config = listed_and_config()
    failing = failing_modules(config)
    passing = sorted(m for m in listed if m not in failing
                     and not any(f.startswith(m.removesuffix("*")) for f in failing
                                 if m.endswith("*")))
    if passing:
        print("These modules pass mypy --strict now: delete them from the ignore_errors list "
              "of [tool.mypy] in pyproject.toml, so that they stay strict:", file=sys.stderr)
        for module in passing:
            print(f"  {module}", file=sys.stderr)
        return 1
    print(f"mypy ratchet: {len(listed)} modules not yet strict, each still failing")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
