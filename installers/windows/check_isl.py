"""Check a translated Inno Setup messages file against the compiler's own Default.isl.

    python installers/windows/check_isl.py DEFAULT.isl installers/windows/ChineseTraditional.isl

``make installer-test`` runs it with the ``Default.isl`` of the pinned Inno Setup (the npm
package ``innosetup``). It fails, naming each key, when the translation

- lacks a key of ``[LangOptions]``, ``[Messages]`` or ``[CustomMessages]`` that Default.isl
  has (Setup would show the English text there), or has a key Default.isl does not know;
- changes the placeholders of a message (``%1`` … ``%9``, ``%n``, ``[name]``, ``[name/ver]``,
  ``[gb]``, ``[mb]``): Setup would show a wrong name or number, or none;
- leaves a message in English, or empty where the English one is not;
- is not UTF-8 with a byte order mark (the compiler would read it as ANSI).

Only the standard library: it runs before anything is installed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SECTIONS = ("LangOptions", "Messages", "CustomMessages")
# font entries of [LangOptions] are optional (commented out in Default.isl too)
PLACEHOLDER = re.compile(r"%[1-9n]|\[(?:name|name/ver|gb|mb)\]")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
# messages whose translation is rightly the same as the English text
SAME_AS_ENGLISH = {"ComponentSize1", "ComponentSize2", "UninstallDisplayNameMark",
                   "UninstallDisplayNameMarks", "LanguageCodePage"}


def read_isl(path: Path) -> dict[str, dict[str, str]]:
    """``{section: {key: value}}``; comments and blank lines skipped, CRLF or LF."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(";"):
            continue
        header = re.fullmatch(r"\[(\w+)\]", stripped)
        if header:
            current = sections.setdefault(header.group(1), {})
            continue
        if current is None or "=" not in line:
            raise ValueError(f"{path.name} line {number}: not a key=value line: {line!r}")
        key, _, value = line.partition("=")
        current[key.strip()] = value
    return sections


def problems(default: Path, translated: Path) -> list[str]:
    found: list[str] = []
    if not translated.read_bytes().startswith(b"\xef\xbb\xbf"):
        found.append(f"{translated.name}: not UTF-8 with a BOM (Inno Setup would read it as ANSI)")
    english, ours = read_isl(default), read_isl(translated)
    for section in SECTIONS:
        want, have = english.get(section, {}), ours.get(section, {})
        for key in sorted(want.keys() - have.keys()):
            found.append(f"[{section}] {key}: missing (Setup would show {want[key]!r})")
        for key in sorted(have.keys() - want.keys()):
            if not (section == "LangOptions" and key.endswith(("FontName", "FontSize"))):
                found.append(f"[{section}] {key}: not a key of {default.name}")
        for key in sorted(want.keys() & have.keys()):
            en, tr = want[key], have[key]
            if section == "LangOptions":
                continue
            if sorted(PLACEHOLDER.findall(en)) != sorted(PLACEHOLDER.findall(tr)):
                found.append(f"[{section}] {key}: placeholders {PLACEHOLDER.findall(en)} in "
                             f"English, {PLACEHOLDER.findall(tr)} here")
            if en.strip() and not tr.strip():
                found.append(f"[{section}] {key}: empty")
            elif en.strip() and key not in SAME_AS_ENGLISH and not CJK.search(tr):
                found.append(f"[{section}] {key}: not translated ({tr!r})")
    if "LangOptions" in ours and not CJK.search(ours["LangOptions"].get("LanguageName", "")):
        found.append("[LangOptions] LanguageName: not in Chinese")
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    default, translated = Path(args[0]), Path(args[1])
    found = problems(default, translated)
    for line in found:
        print(f"{translated.name}: {line}", file=sys.stderr)
    if found:
        return 1
    keys = sum(len(v) for k, v in read_isl(translated).items() if k in SECTIONS)
    print(f"{translated.name}: every key of {default} translated ({keys} entries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
