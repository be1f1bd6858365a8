"""Build the English translation (Traditional Chinese is the source language).

    python tools/translations.py            # write resources/translations/lxp_en.ts and .qm
    python tools/translations.py --check    # exit 1 when a visible string has no English,
                                            # or lxp_en.ts/.qm are not what this would write

Strings are collected with Python's ast (what ``pyside6-lupdate`` does for C++, but it does
not know our module-level ``tr()`` helpers):
- ``QCoreApplication.translate("Ctx", "文字")`` anywhere;
- ``tr("文字")`` in a ui module whose ``tr`` helper calls ``translate("Ctx", text)``;
- ``self.tr("文字")`` in a class (context = the class name, as Qt does);
- ``t("文字")`` in cli.py (context "cli");
- the labels the services describe (categories, columns, form fields, choices): context
  "records", the context ``ui/table_model.py`` and ``ui/record_form.py`` translate them in.
English texts live in ``resources/translations/en.json`` (source → English); the .qm is
compiled with ``pyside6-lrelease``.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TS = ROOT / "resources" / "translations" / "lxp_en.ts"
QM = TS.with_suffix(".qm")
EN = ROOT / "resources" / "translations" / "en.json"


def _const(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _module_context(tree: ast.Module) -> str | None:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in ("tr", "t"):
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "translate" and call.args
                        and _const(call.args[0])):
                    return _const(call.args[0])
    return None


def collect_code(files: list[Path]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}

    def add(ctx: str, text: str | None) -> None:
        if text and any(ord(c) > 127 for c in text):
            found.setdefault(ctx, set()).add(text)

    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_ctx = _module_context(tree) or ("cli" if path.name.startswith("cli") else None)
        classes: list[tuple[int, int, str]] = [
            (n.lineno, n.end_lineno or n.lineno, n.name)
            for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "translate" and \
                    len(node.args) >= 2:
                ctx = _const(node.args[0])
                if ctx:
                    add(ctx, _const(node.args[1]))
            elif isinstance(func, ast.Attribute) and func.attr == "tr" and node.args:
                inner = [c for c in classes if c[0] <= node.lineno <= c[1]]
                if inner:
                    add(max(inner)[2], _const(node.args[0]))
            elif isinstance(func, ast.Name) and func.id in ("tr", "t") and node.args \
                    and module_ctx:
                add(module_ctx, _const(node.args[0]))
        if module_ctx:
            # texts kept in tables and shown through ``tr(TABLE[key])`` or a list model's
            # ``headers``: module-level UPPER_CASE tables and class-level ``headers``
            for node in ast.walk(tree):
                if not isinstance(node, ast.Assign | ast.AnnAssign):
                    continue
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if node.value is not None and any(
                        (n.isupper() and not n.startswith("_")) or n == "headers" for n in names):
                    for const in ast.walk(node.value):
                        add(module_ctx, _const(const))
    return found


def collect_records() -> set[str]:
    from lxp_desktop.services.registry import CATEGORIES
    from lxp_desktop.services.school import classes, schools, terms

    texts: set[str] = set()
    services = [(c.label, c.service) for c in CATEGORIES] + [
        (s.label, s) for s in (schools, terms, classes)]
    for label, service in services:
        texts.add(label)
        for col in service.columns():
            texts.add(col.label)
        for f in service.fields():
            texts.update({f.label, f.placeholder, *(label for _v, label in f.choices)})
    return {t for t in texts if t and any(ord(c) > 127 for c in t)}


def _up_to_date(text: str, lrelease: Path) -> bool:
    """The committed .ts and .qm are what the code and en.json make now: no live entry is
    missing from them (or kept only as obsolete), and the .qm was compiled from that .ts."""
    if not TS.exists() or TS.read_text(encoding="utf-8") != text:
        print(f"{TS.relative_to(ROOT)} is not up to date: run `make translations` "
              "(tools/translations.py) and commit the .ts and .qm", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        qm = Path(tmp) / QM.name
        subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(qm)], check=True)
        if not QM.exists() or QM.read_bytes() != qm.read_bytes():
            print(f"{QM.relative_to(ROOT)} was not compiled from {TS.name}: run "
                  "`make translations` and commit it (never merge a .qm by hand)",
                  file=sys.stderr)
            return False
    return True


def build(check: bool) -> int:
    files = sorted((ROOT / "lxp_desktop").rglob("*.py"))
    contexts = collect_code([f for f in files if "/ui/" in f.as_posix() or f.name.startswith("cli")])
    contexts.setdefault("records", set()).update(collect_records())
    from lxp_desktop.services.settings import SCHOOL_SETTINGS

    # the settings page shows each setting's label through its own context
    contexts.setdefault("SettingsDialog", set()).update(
        spec.label for spec in SCHOOL_SETTINGS.values())
    english: dict[str, str] = json.loads(EN.read_text(encoding="utf-8")) if EN.exists() else {}
    missing = sorted({s for texts in contexts.values() for s in texts if s not in english})
    if missing:
        print(f"{len(missing)} strings without English:", file=sys.stderr)
        for s in missing:
            print(f"  {json.dumps(s, ensure_ascii=False)}", file=sys.stderr)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             '<TS version="2.1" language="en" sourcelanguage="zh_TW">']
    for ctx in sorted(contexts):
        lines += ["<context>", f"    <name>{escape(ctx)}</name>"]
        for text in sorted(contexts[ctx]):
            tr = english.get(text)
            lines += ["    <message>", f"        <source>{escape(text)}</source>",
                      f"        <translation>{escape(tr)}</translation>" if tr else
                      '        <translation type="unfinished"></translation>',
                      "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    text = "\n".join(lines) + "\n"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    if check:
        return 1 if missing or not _up_to_date(text, lrelease) else 0
    TS.parent.mkdir(parents=True, exist_ok=True)
    TS.write_text(text, encoding="utf-8")
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(QM)], check=True)
    print(f"wrote {TS.relative_to(ROOT)} and {QM.relative_to(ROOT)} "
          f"({sum(len(v) for v in contexts.values())} strings, {len(missing)} untranslated)")
    return 0


if __name__ == "__main__":
    raise SystemExit(build("--check" in sys.argv))
