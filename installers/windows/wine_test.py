"""Compile lxp-desktop.iss under Wine and exercise the installer: install, upgrade, uninstall.

    xvfb-run -a python installers/windows/wine_test.py --iscc build/innosetup/.../ISCC.exe \\
        --bundle dist/lxp-desktop --work build/installer-test

``make installer-test`` runs it (after installing Wine, Xvfb and the pinned Inno Setup). The
Windows programs can only be built on Windows, so the Linux one-folder bundle stands in for
``dist\\lxp-desktop`` (its two programs given their ``.exe`` names): the installer is real,
its content is not, and nothing inside it is ever run. Steps, each failing the run with what
went wrong:

1. ``ChineseTraditional.isl`` covers every message of the pinned compiler's ``Default.isl``
   (``check_isl.py``);
2. a fresh Wine prefix (Windows 10), then two compiles of the real script: this version, as
   it ships (lzma2/max), and a higher one for the upgrade (``/DCompression=zip/1``, minutes
   sooner); any compiler warning fails, as an error does;
3. a silent install in Traditional Chinese with the desktop shortcut: the program in
   ``Program Files\\LXP Desktop``, the Start-menu shortcuts (program and self-test) and the
   desktop one, the uninstaller registered with its version;
4. a data file put in the user's ``%LOCALAPPDATA%\\lxp-desktop``, then a silent upgrade to the
   higher version: the registered version moves, the old program files are gone, the data
   file is untouched;
5. a silent uninstall: program, shortcuts and registration gone, the data file untouched.

Every Wine command runs with a time limit; Wine's processes are ended when the run ends,
whatever happens. Only the standard library (and ``make_version``/``check_isl`` beside it).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check_isl  # noqa: E402
import make_version  # noqa: E402

ISS = HERE / "lxp-desktop.iss"
ISL = HERE / "ChineseTraditional.isl"
APP_ID = "{BEE47A83-9747-49F1-A474-C986CB07FDD2}"
UNINSTALL_KEY = (r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall" "\\"
                 f"{APP_ID}_is1")
APP_NAME = "LXP Desktop"
PROGRAMS = ("lxp-desktop", "lxp-desktop-cli")
# what the zh_TW wizard names the shortcuts ([Icons] and [CustomMessages] of the script)
SHORTCUTS = (f"{APP_NAME}.lnk", f"{APP_NAME} 自我檢查.lnk")
OLD_ONLY = Path("_internal") / "stand-in-only-in-the-older-version.txt"
NEW_ONLY = Path("_internal") / "stand-in-only-in-the-newer-version.txt"
STAND_IN_NOTE = (
    "This is the Linux build of LXP Desktop standing in for the Windows one, so that the\n"
    "installer can be compiled and exercised under Wine on every CI run. Nothing in it is\n"
    "run, and an installer built from it is never shipped.\n")

# Wine's own start-up must never wait for a person: no Mono/Gecko download dialogs.
WINE_ENV = {"WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml=", "WINEARCH": "win64"}


class Failed(Exception):
    pass


def log(text: str) -> None:
    print(f"[installer-test {time.strftime('%H:%M:%S')}] {text}", flush=True)


def windows_path(path: Path) -> str:
    """A Linux path as Wine sees it on drive Z: (which maps to /)."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


class Wine:
    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.env = {**os.environ, **WINE_ENV, "WINEPREFIX": str(prefix)}

    def run(self, args: Sequence[str], timeout: float, what: str,
            check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a command in the prefix, in its own process group; past ``timeout`` seconds
        the group and the prefix's wineserver are killed and the step fails."""
        proc = subprocess.Popen(list(args), env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                text=True, errors="replace", start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            self.kill()
            raise Failed(f"{what}: no end after {timeout:.0f} s (killed)") from None
        if check and proc.returncode != 0:
            raise Failed(f"{what}: exit status {proc.returncode}\n{out}")
        return subprocess.CompletedProcess(proc.args, proc.returncode, out, "")

    def wait(self, timeout: float = 180) -> None:
        """Until every Wine process of the prefix has ended (an uninstaller runs on as a
        copy of itself after the program that started it returned)."""
        self.run(["wineserver", "-w"], timeout, "waiting for Wine's processes to end")

    def kill(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, timeout=60,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    def unix_path(self, windows: str) -> Path:
        match = re.fullmatch(r"([A-Za-z]):\\(.*)", windows.strip())
        if not match or match.group(1).upper() != "C":
            raise Failed(f"not a path on drive C: {windows!r}")
        return self.drive_c().joinpath(*[p for p in match.group(2).split("\\") if p])

    def reg_value(self, key: str, name: str) -> str | None:
        # /reg:64: the 64-bit view, where a 64-bit mode install registers itself
        result = self.run(["wine", "reg", "query", key, "/v", name, "/reg:64"], 120,
                          f"reading {key}\\{name}", check=False)
        match = re.search(rf"^\s*{re.escape(name)}\s+REG_\w+\s+(.*)$", result.stdout, re.M)
        return match.group(1).strip() if result.returncode == 0 and match else None

    def expand(self, variable: str) -> str:
        out = self.run(["wine", "cmd", "/c", f"echo %{variable}%"], 120,
                       f"reading %{variable}%").stdout.strip().splitlines()
        if not out or "%" in out[-1]:
            raise Failed(f"%{variable}% is not set in the Wine prefix")
        return out[-1].strip()


def stage_bundle(bundle: Path, dest: Path, version: str, only: Path) -> None:
    """The Linux bundle as dist\\lxp-desktop would look on Windows: hard links (no copy of
    its 180 MB), the programs named .exe, a note that it is a stand-in, and one file only
    this version has."""
    if dest.exists():
        shutil.rmtree(dest)
    try:
        shutil.copytree(bundle, dest, copy_function=os.link, symlinks=True)
    except OSError:
        shutil.copytree(bundle, dest, symlinks=True)
    for name in PROGRAMS:
        if not (dest / name).is_file():
            raise Failed(f"{bundle / name} missing: run `make dist` first")
        (dest / name).rename(dest / f"{name}.exe")
    (dest / "STAND-IN.txt").write_text(STAND_IN_NOTE + f"Version {version}\n",
                                       encoding="utf-8")
    (dest / only).write_text(f"{version}\n", encoding="utf-8")


def compile_installer(wine: Wine, iscc: Path, bundle: Path, out_dir: Path, version: str,
                      logs: Path, compression: str | None = None) -> Path:
    """Compile the real script; ``compression`` (e.g. ``zip/1``) only for the upgrade's
    setup, so the test spends its minutes once on what ships (lzma2/max)."""
    numeric = make_version.numeric_version(version)
    started = time.monotonic()
    result = wine.run(
        ["wine", str(iscc), f"/DMyAppVersion={version}", f"/DMyAppNumericVersion={numeric}",
         f"/DBundleDir={windows_path(bundle)}", f"/DOutputDir={windows_path(out_dir)}",
         *([f"/DCompression={compression}"] if compression else []),
         windows_path(ISS)],
        timeout=900, what=f"compiling version {version}", check=False)
    (logs / f"iscc-{version}.log").write_text(result.stdout, encoding="utf-8")
    warnings = [line for line in result.stdout.splitlines() if re.search(r"warning", line, re.I)]
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-25:])
        raise Failed(f"ISCC failed compiling version {version} (exit {result.returncode}):\n{tail}")
    if warnings:
        raise Failed(f"ISCC warned compiling version {version}:\n" + "\n".join(warnings))
    setup = out_dir / f"lxp-desktop-{version}-setup.exe"
    if not setup.is_file():
        raise Failed(f"ISCC reported success but {setup} is not there")
    log(f"compiled {setup.name}: {setup.stat().st_size / 2**20:.0f} MB in "
        f"{time.monotonic() - started:.0f} s, no warning")
    return setup


def run_setup(wine: Wine, program: Path | str, args: list[str], log_file: Path,
              what: str) -> str:
    wine.run(["wine", str(program), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
              f"/LOG={windows_path(log_file)}", *args], timeout=900, what=what)
    wine.wait()
    text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
    return text


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def find_shortcuts(wine: Wine) -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for path in wine.drive_c().rglob("*.lnk"):
        found.setdefault(path.name, []).append(path)
    return found


def expect(condition: object, message: str) -> None:
    if not condition:
        raise Failed(message)


def exercise(args: argparse.Namespace) -> None:
    work: Path = args.work.resolve()
    iscc: Path = args.iscc.resolve()
    logs = work / "logs"
    out = work / "out"
    for old in (work / "prefix", logs) if args.reuse_setups else (work,):
        if old.exists():
            shutil.rmtree(old)
    logs.mkdir(parents=True)
    if not os.environ.get("DISPLAY"):
        raise Failed("no display: run this under xvfb-run (a silent setup fails without one)")

    log("1. ChineseTraditional.isl against the pinned compiler's Default.isl")
    found = check_isl.problems(iscc.parent / "Default.isl", ISL)
    expect(not found, "ChineseTraditional.isl:\n  " + "\n  ".join(found))

    version = make_version.project_version()
    parts = make_version.numeric_version(version).split(".")
    newer = ".".join(parts[:2] + [str(int(parts[2]) + 1)])
    log(f"2. a fresh Wine prefix; the installer of {version} and of {newer} (the upgrade)")
    wine = Wine(work / "prefix")
    try:
        started = time.monotonic()
        wine.run(["wineboot", "-i"], 300, "creating the Wine prefix")
        wine.run(["wine", "winecfg", "/v", "win10"], 120, "setting Windows 10")
        wine.wait()
        expect(wine.reg_value(r"HKLM\Software\Microsoft\Windows NT\CurrentVersion",
                              "CurrentVersion") == "10.0", "the Wine prefix is not Windows 10")
        log(f"Wine prefix ready in {time.monotonic() - started:.0f} s")
        setups = []
        for v, only, compression in ((version, OLD_ONLY, None), (newer, NEW_ONLY, "zip/1")):
            reused = out / f"lxp-desktop-{v}-setup.exe"
            if args.reuse_setups and reused.is_file():
                log(f"reusing {reused.name} of an earlier run (--reuse-setups)")
                setups.append(reused)
                continue
            staged = work / f"bundle-{v}" / "lxp-desktop"
            stage_bundle(args.bundle.resolve(), staged, v, only)
            setups.append(compile_installer(wine, iscc, staged, out, v, logs, compression))
            shutil.rmtree(staged.parent)

        log("3. silent install (Traditional Chinese, with the desktop shortcut)")
        text = run_setup(wine, setups[0], ["/LANG=zh_TW", "/TASKS=desktopicon"],
                         logs / "install.log", "installing")
        expect("Installation process succeeded" in text,
               f"the install did not succeed; see {logs / 'install.log'}")
        app = wine.drive_c() / "Program Files" / APP_NAME
        for name in PROGRAMS:
            expect((app / f"{name}.exe").is_file(), f"{app / name}.exe not installed")
        expect((app / OLD_ONLY).is_file(), f"{app / OLD_ONLY} not installed")
        expect((app / "unins000.exe").is_file(), "no uninstaller in the program folder")
        shortcuts = find_shortcuts(wine)
        start_menu = wine.unix_path(wine.expand("ProgramData")) / "Microsoft" / "Windows" \
            / "Start Menu" / "Programs" / APP_NAME
        for name in SHORTCUTS:
            expect(start_menu / name in shortcuts.get(name, []),
                   f"Start-menu shortcut {start_menu / name} missing; .lnk files: "
                   f"{sorted(str(p) for v in shortcuts.values() for p in v)}")
        desktop = wine.unix_path(wine.expand("PUBLIC")) / "Desktop" / f"{APP_NAME}.lnk"
        expect(desktop.is_file(), f"the desktop shortcut {desktop} is missing")
        registered = wine.reg_value(UNINSTALL_KEY, "DisplayVersion")
        expect(registered == version,
               f"uninstaller registered with version {registered!r}, not {version}")
        uninstall = wine.reg_value(UNINSTALL_KEY, "UninstallString")
        expect(uninstall and "unins000.exe" in uninstall,
               f"no uninstaller registered (UninstallString {uninstall!r})")
        expect(wine.reg_value(UNINSTALL_KEY, "DisplayName") == APP_NAME,
               "the registered name is not LXP Desktop")
        expect(wine.reg_value(UNINSTALL_KEY, "Inno Setup: Language") == "zh_TW",
               "the install did not run in Traditional Chinese")
        log(f"installed: {app}, Start menu {start_menu}, desktop shortcut, uninstaller "
            f"registered as {APP_NAME} {registered}")

        log("4. a data file in %LOCALAPPDATA%\\lxp-desktop, then a silent upgrade")
        data_dir = wine.unix_path(wine.expand("LOCALAPPDATA")) / "lxp-desktop"
        (data_dir / "backups").mkdir(parents=True)
        data_file = data_dir / "lxp.sqlite3"
        data_file.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
        (data_dir / "backups" / "before-upgrade.zip").write_bytes(os.urandom(1024))
        kept = {p: sha256(p) for p in data_dir.rglob("*") if p.is_file()}
        text = run_setup(wine, setups[1], [], logs / "upgrade.log", "upgrading")
        expect("Installation process succeeded" in text,
               f"the upgrade did not succeed; see {logs / 'upgrade.log'}")
        registered = wine.reg_value(UNINSTALL_KEY, "DisplayVersion")
        expect(registered == newer, f"after the upgrade the registered version is "
                                    f"{registered!r}, not {newer}")
        expect((app / NEW_ONLY).is_file(), "the upgrade did not install the new files")
        expect(not (app / OLD_ONLY).exists(),
               "a file of the older version is left in _internal after the upgrade")
        expect(desktop.is_file(), "the upgrade lost the desktop shortcut chosen at install")
        expect({p: sha256(p) for p in kept} == kept, "the upgrade changed the user's data")
        log(f"upgraded to {newer}: old program files gone, data untouched")

        log("5. silent uninstall")
        run_setup(wine, wine.unix_path(uninstall.strip('"')), [], logs / "uninstall.log",
                  "uninstalling")
        deadline = time.monotonic() + 120
        while app.exists() and time.monotonic() < deadline:
            time.sleep(2)
        expect(not app.exists(), f"{app} is still there after the uninstall: "
                                 f"{sorted(str(p) for p in app.rglob('*'))[:10]}")
        expect(wine.reg_value(UNINSTALL_KEY, "DisplayVersion") is None,
               "the uninstaller is still registered after the uninstall")
        left = [p for v in find_shortcuts(wine).values() for p in v
                if p.name in SHORTCUTS or p == desktop]
        expect(not left, f"shortcuts left after the uninstall: {left}")
        expect(all(p.is_file() and sha256(p) == h for p, h in kept.items()),
               "the uninstall removed or changed the user's data in %LOCALAPPDATA%\\lxp-desktop")
        log(f"uninstalled: program, shortcuts and registration gone; {data_file.name} and "
            "backups kept")
    finally:
        wine.kill()
        if not args.keep and (work / "prefix").exists():
            shutil.rmtree(work / "prefix", ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iscc", type=Path, required=True, help="ISCC.exe of the pinned Inno Setup")
    parser.add_argument("--bundle", type=Path, default=Path("dist/lxp-desktop"))
    parser.add_argument("--work", type=Path, default=Path("build/installer-test"))
    parser.add_argument("--keep", action="store_true", help="keep the Wine prefix")
    parser.add_argument("--reuse-setups", action="store_true",
                        help="install the setups an earlier run compiled (while working on "
                             "the checks; CI always compiles)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        exercise(args)
    except Failed as error:
        log(f"FAILED: {error}")
        return 1
    log(f"passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
