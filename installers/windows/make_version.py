"""Write installers/windows/version.iss: the app version for lxp-desktop.iss.

    python installers\\windows\\make_version.py        (then: iscc installers\\windows\\lxp-desktop.iss)

The version comes from pyproject.toml: ``[project] version`` when it is written there, or, as
now, the ``dynamic`` attribute it names (``lxp_desktop.__version__``), read from the source
without importing the package. Two defines are written:

- ``MyAppVersion``: the version as written (``0.2.0rc1`` is fine), for AppVersion and file names;
- ``MyAppNumericVersion``: four numbers (``0.2.0.0``), what Windows' file version info needs.

Only the standard library is used, so any Python 3.11+ on the build PC can run it.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "version.iss"


def project_version(root: Path = ROOT) -> str:
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    if "version" in project.get("project", {}):
        return str(project["project"]["version"])
    attr = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]  # "pkg.mod.__version__"
    module, _, name = attr.rpartition(".")
    source = root / Path(*module.split("."))
    path = source / "__init__.py" if source.is_dir() else source.with_suffix(".py")
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise SystemExit(f"{name} not found in {path}")


def numeric_version(version: str) -> str:
    """``0.2.0rc1`` → ``0.2.0.0``: the leading numbers, padded to four."""
    head = re.match(r"^\d+(\.\d+)*", version)
    if head is None:
        raise SystemExit(f"version {version!r} does not start with a number")
    numbers = head.group(0).split(".")[:4]
    return ".".join(numbers + ["0"] * (4 - len(numbers)))


def render(version: str) -> str:
    if not re.fullmatch(r"[0-9A-Za-z.+\-]+", version):
        raise SystemExit(f"version {version!r} has characters an .iss define cannot hold")
    return (
        "; Written by make_version.py from pyproject.toml: do not edit.\n"
        f'#define MyAppVersion "{version}"\n'
        f'#define MyAppNumericVersion "{numeric_version(version)}"\n'
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else OUT
    version = project_version()
    out.write_text(render(version), encoding="ascii", newline="\r\n")
    print(f"{out}: MyAppVersion {version}, MyAppNumericVersion {numeric_version(version)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
