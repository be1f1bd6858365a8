"""The layering contract of docs/architecture.md, read from the source (every import, also
those inside functions and under ``if TYPE_CHECKING``):

    ui, cli → services → {io, printing, sync} → store → domain

- ``domain`` imports nothing of ours;
- ``store`` imports nothing above it (only ``domain`` and ``paths``);
- ``io``, ``printing`` and ``sync`` import neither ``services`` nor a door;
- ``services`` imports no door (``ui``, the ``cli`` modules);
- ``ui`` reaches the data only through ``services``: no ``store``, ``sync``, ``io``,
  ``printing``, nor the command line;
- nothing below ``ui`` imports Qt.

Today's code does not keep all of it: ``KNOWN_VIOLATIONS`` lists each import that breaks the
contract, importer → imported module. The list may only shrink. The test fails on an import
that is not in the list (keep the layer, or, if it truly cannot be helped yet, add the line
with a reason in the commit) and on a line of the list that no longer happens (delete it:
the list stays true).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "lxp_desktop"
ROOT = Path(__file__).resolve().parents[2] / PACKAGE

# The component a module belongs to: its first name below lxp_desktop, with the cli_*.py
# modules and __main__ as the door "cli" and lxp_desktop/__init__.py as "root" (__version__).
BELOW_STORE = {"domain", "paths", "root"}
ALLOWED: dict[str, set[str]] = {
    "root": {"root"},
    "domain": {"domain"},
    "paths": {"paths", "root"},
    "store": {"store"} | BELOW_STORE,
    "io": {"io", "printing", "sync", "store"} | BELOW_STORE,
    "printing": {"io", "printing", "sync", "store"} | BELOW_STORE,
    "sync": {"io", "printing", "sync", "store"} | BELOW_STORE,
    "services": {"services", "io", "printing", "sync", "store"} | BELOW_STORE,
    "ui": {"ui", "services"} | BELOW_STORE,
    "cli": {"cli", "ui", "services", "io", "printing", "sync", "store"} | BELOW_STORE,
}
QT_ALLOWED = {"ui", "cli"}
QT_PACKAGES = ("PySide6", "shiboken6")

# importer -> imported: the imports of today that break the contract. Only ever remove lines.
KNOWN_VIOLATIONS = {
    "lxp_desktop.ui.app -> lxp_desktop.store.db",
    "lxp_desktop.ui.attachments_panel -> lxp_desktop.store.blobs",
    "lxp_desktop.ui.attachments_panel -> lxp_desktop.sync.server",
    "lxp_desktop.ui.audit_view -> lxp_desktop.store.models",
    "lxp_desktop.ui.duties_dialog -> lxp_desktop.store.models",
    "lxp_desktop.ui.import_dialog -> lxp_desktop.io.tabular",
    "lxp_desktop.ui.main_window -> lxp_desktop.store.backup",
    "lxp_desktop.ui.main_window -> lxp_desktop.store.models",
    "lxp_desktop.ui.selftest -> lxp_desktop.cli",
    "lxp_desktop.ui.selftest -> lxp_desktop.store.db",
    "lxp_desktop.ui.sync_ui -> lxp_desktop.sync.codec",
    "lxp_desktop.ui.sync_ui -> lxp_desktop.sync.server",
    "lxp_desktop.ui.tabs.notices -> lxp_desktop.io.mail_list",
    "lxp_desktop.ui.tabs.notices -> lxp_desktop.printing.mail",
    "lxp_desktop.ui.tabs.portfolio -> lxp_desktop.store.models",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    base = ROOT.parent.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def component(name: str) -> str:
    parts = name.split(".")
    if len(parts) == 1:
        return "root"
    first = parts[1]
    if first.startswith("cli") or first == "__main__":
        return "cli"
    return first


def source_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py")
                  if "migrations" not in p.relative_to(ROOT).parts)


def imports_of(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, absolute; ``from pkg import mod`` gives ``pkg.mod``."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if is_module(candidate) else base


def violations() -> set[str]:
    found = set()
    for path in source_files():
        importer = module_name(path)
        layer = component(importer)
        for imported in imports_of(path):
            top = imported.split(".")[0]
            if top == PACKAGE:
                if component(imported) not in ALLOWED[layer]:
                    found.add(f"{importer} -> {imported}")
            elif top in QT_PACKAGES and layer not in QT_ALLOWED:
                found.add(f"{importer} -> {top}")
    return found


def test_every_module_has_a_layer() -> None:
    unknown = {module_name(p) for p in source_files()
               if component(module_name(p)) not in ALLOWED}
    assert not unknown, (
        f"modules of no known layer: {sorted(unknown)}; give their package a line in "
        "ALLOWED of tests/unit/test_layering.py and in docs/architecture.md")


def test_the_reader_sees_every_kind_of_import() -> None:
    """The checker itself: relative, nested and ``from pkg import module`` imports resolve."""
    sample = ROOT / "ui" / "main_window.py"
    seen = set(imports_of(sample))
    assert any(name.startswith(f"{PACKAGE}.services") for name in seen)
    assert "PySide6.QtWidgets" in seen or "PySide6" in seen


def test_no_import_breaks_the_layers_beyond_the_known_list() -> None:
    found = violations()
    new = sorted(found - KNOWN_VIOLATIONS)
    gone = sorted(KNOWN_VIOLATIONS - found)
    message = []
    if new:
        message.append(
            "imports that break the layering (ui → services → {io, printing, sync} → store → "
            "domain; see docs/architecture.md) — go through the layer instead:\n  "
            + "\n  ".join(new))
    if gone:
        message.append(
            "known violations that no longer happen — delete these lines from "
            "KNOWN_VIOLATIONS in tests/unit/test_layering.py:\n  " + "\n  ".join(gone))
    assert not message, "\n".join(message)
