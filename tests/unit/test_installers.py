"""The installer files agree with each other and with the app: names, version, icons.

The bundle itself is built and run only by ``make dist-test`` (about 30 s), and the Windows
installer is compiled, installed, upgraded and uninstalled under Wine only by
``make installer-test`` (minutes; installers/windows/wine_test.py). Here, quickly, the script
is checked for what would break an install or an upgrade (the file names the spec builds,
the fixed AppId, the version source, that nothing deletes or associates what it must not),
and the Traditional Chinese messages and their checker are checked.
"""

from __future__ import annotations

import configparser
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from lxp_desktop import __version__, paths

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"
ISS = INSTALLERS / "windows" / "lxp-desktop.iss"
SPEC = INSTALLERS / "pyinstaller" / "lxp-desktop.spec"

sys.path.insert(0, str(INSTALLERS / "windows"))
import check_isl  # noqa: E402
import make_version  # noqa: E402

ISL = INSTALLERS / "windows" / "ChineseTraditional.isl"


def iss_text() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a Unicode .iss must be UTF-8 with a BOM"
    return raw[3:].decode("utf-8").replace("\r\n", "\n")


def iss_section(name: str) -> str:
    """The lines of ``[name]`` up to the next section header."""
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[\w+\]$|\Z)", iss_text(), re.M | re.S)
    assert match, name
    return match.group(1)


def iss_define(name: str) -> str:
    match = re.search(rf'^#define {name} "([^"]*)"', iss_text(), re.M)
    assert match, name
    return match.group(1)


# --- version -----------------------------------------------------------------------------


def test_version_is_read_from_pyproject_without_importing(tmp_path: Path) -> None:
    assert make_version.project_version() == __version__
    out = tmp_path / "version.iss"
    assert make_version.main([str(out)]) == 0
    text = out.read_text(encoding="ascii")
    assert f'#define MyAppVersion "{__version__}"' in text
    assert re.search(r'#define MyAppNumericVersion "\d+\.\d+\.\d+\.\d+"', text)


def test_version_written_in_project_table_wins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "2.3rc1"\n')
    assert make_version.project_version(tmp_path) == "2.3rc1"


@pytest.mark.parametrize(("version", "numeric"), [
    ("0.1.0", "0.1.0.0"), ("1.2", "1.2.0.0"), ("0.2.0rc1", "0.2.0.0"),
    ("1.2.3.4.5", "1.2.3.4"), ("2026.1.0+school", "2026.1.0.0"),
])
def test_numeric_version_for_windows_file_info(version: str, numeric: str) -> None:
    assert make_version.numeric_version(version) == numeric


def test_version_with_a_quote_is_refused() -> None:
    with pytest.raises(SystemExit):
        make_version.render('1.0"; evil')


# --- Windows installer script ------------------------------------------------------------


def test_iss_installs_the_programs_the_spec_builds() -> None:
    built = set(re.findall(r'program\("([^"]+)", console=', SPEC.read_text()))
    assert built == {"lxp-desktop", "lxp-desktop-cli"}
    assert iss_define("MyAppExeName") == "lxp-desktop.exe"
    assert iss_define("MyAppCliName") == "lxp-desktop-cli.exe"
    assert 'Source: "{#BundleDir}\\*"' in iss_text()
    assert 'name="lxp-desktop"' in SPEC.read_text()  # the COLLECT folder = BundleDir


def test_iss_is_per_machine_with_a_fixed_app_id_and_no_association() -> None:
    text = iss_text()
    assert re.search(r"^AppId=\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$", text, re.M)
    assert re.search(r"^PrivilegesRequired=admin$", text, re.M)
    assert re.search(r"^DefaultDirName=\{autopf\}\\", text, re.M)
    assert re.search(r"^ChangesAssociations=no$", text, re.M)
    assert not re.search(r"^\[Registry\]$", text, re.M)
    assert "AppVersion={#MyAppVersion}" in text
    assert '#include "version.iss"' in text


def test_iss_never_deletes_user_data() -> None:
    """Upgrade and uninstall touch only {app}: the stores are in %LOCALAPPDATA%."""
    text = iss_text()
    for section in ("InstallDelete", "UninstallDelete"):
        body = iss_section(section)
        names = re.findall(r'Name: "([^"]+)"', body)
        assert names, section
        assert all(name.startswith("{app}") for name in names), names
    assert "localappdata" not in text.lower().replace("%localappdata%", "")


def test_iss_languages_and_first_run_as_the_user() -> None:
    text = iss_text()
    assert 'Name: "zh_TW"; MessagesFile: "{#ChineseMessages}"' in text
    assert 'Name: "en"; MessagesFile: "compiler:Default.isl"' in text
    assert "Languages\\ChineseTraditional.isl" in text
    run = iss_section("Run")
    assert "runasoriginaluser" in run and "postinstall" in run


def test_iss_never_builds_an_english_only_installer() -> None:
    """Without a Traditional Chinese messages file the compile stops instead of warning."""
    text = iss_text()
    fallback = text[text.index("#elif FileExists(AddBackslash(SourcePath) + \"ChineseTraditional.isl\")"):]
    assert fallback.split("#endif")[0].count("#error") == 1
    assert "#pragma warning" not in text
    assert ISL.is_file()


# --- the wizard in Traditional Chinese ----------------------------------------------------

DEFAULT_SAMPLE = """\ufeff; *** Inno Setup version 6.4.0+ English messages ***
[LangOptions]
LanguageName=English
LanguageID=$0409
LanguageCodePage=0
;DialogFontName=

[Messages]
SetupWindowTitle=Setup - %1
ButtonNext=&Next >
DiskSpaceMBLabel=At least [mb] MB of free disk space is required.
ComponentSize1=%1 KB
BeveledLabel=

[CustomMessages]
CreateDesktopIcon=Create a &desktop shortcut
"""
TRANSLATED_SAMPLE = """\ufeff[LangOptions]
LanguageName=繁體中文
LanguageID=$0404
LanguageCodePage=950

[Messages]
SetupWindowTitle=安裝程式 - %1
ButtonNext=下一步(&N) >
DiskSpaceMBLabel=至少需要 [mb] MB 的可用磁碟空間。
ComponentSize1=%1 KB
BeveledLabel=

[CustomMessages]
CreateDesktopIcon=建立桌面捷徑(&D)
"""


def write_isl(path: Path, text: str) -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


@pytest.fixture
def isl_pair(tmp_path: Path) -> tuple[Path, Path]:
    return (write_isl(tmp_path / "Default.isl", DEFAULT_SAMPLE),
            write_isl(tmp_path / "ChineseTraditional.isl", TRANSLATED_SAMPLE))


def test_isl_check_passes_a_complete_translation(isl_pair: tuple[Path, Path]) -> None:
    assert check_isl.problems(*isl_pair) == []
    assert check_isl.main([str(p) for p in isl_pair]) == 0


@pytest.mark.parametrize(("change", "reported"), [
    (("ButtonNext=下一步(&N) >\n", ""), "ButtonNext: missing"),
    (("CreateDesktopIcon=建立桌面捷徑(&D)\n", ""), "CreateDesktopIcon: missing"),
    (("安裝程式 - %1", "安裝程式"), "SetupWindowTitle: placeholders ['%1']"),
    (("至少需要 [mb] MB", "至少需要 [gb] MB"), "DiskSpaceMBLabel: placeholders"),
    (("下一步(&N) >", "&Next >"), "ButtonNext: not translated"),
    (("建立桌面捷徑(&D)", ""), "CreateDesktopIcon: empty"),
    (("BeveledLabel=\n", "BeveledLabel=\nWelcomeLabel9=歡迎\n"), "WelcomeLabel9: not a key"),
    (("\ufeff", ""), "not UTF-8 with a BOM"),
])
def test_isl_check_names_each_gap(isl_pair: tuple[Path, Path], change: tuple[str, str],
                                  reported: str, capsys: pytest.CaptureFixture[str]) -> None:
    default, translated = isl_pair
    write_isl(translated, TRANSLATED_SAMPLE.replace(*change))
    found = check_isl.problems(default, translated)
    assert any(reported in line for line in found), found
    assert check_isl.main([str(default), str(translated)]) == 1
    assert reported in capsys.readouterr().err


def test_project_isl_is_whole_and_in_taiwan_usage() -> None:
    """What can be checked without the pinned compiler (make installer-test compares every
    key with its Default.isl): the file's form, and Taiwan's words where they differ from the
    mainland's."""
    raw = ISL.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    sections = check_isl.read_isl(ISL)
    assert sections["LangOptions"]["LanguageID"] == "$0404"  # zh-TW
    messages = sections["Messages"]
    assert len(messages) + len(sections["CustomMessages"]) >= 270
    assert messages["ButtonNext"] == "下一步(&N) >"
    assert sections["CustomMessages"]["CreateDesktopIcon"] == "建立桌面捷徑(&D)"
    text = raw.decode("utf-8-sig")
    for mainland in ("文件夹", "文件夾", "快捷方式", "卸载", "卸載", "默認", "默认", "信息", "软件",
                     "軟件", "程序", "網絡", "硬盤", "磁盤", "注冊表", "登錄表"):
        assert mainland not in text, mainland
    for taiwan in ("資料夾", "捷徑", "解除安裝", "磁碟", "登錄"):
        assert taiwan in text, taiwan


def test_iss_and_spec_files_exist() -> None:
    assert (ROOT / "resources" / "icons" / "lxp-desktop.ico").is_file()
    assert "SetupIconFile={#RepoRoot}\\resources\\icons\\lxp-desktop.ico" in iss_text()
    assert "lxp-desktop.ico" in SPEC.read_text()


# --- icons -------------------------------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_png_icons_in_every_size() -> None:
    for size in paths.ICON_SIZES:
        assert png_size(paths.app_icon_path(size)) == (size, size)
    assert paths.app_icon_path().read_text().lstrip().startswith("<?xml")


def test_ico_holds_every_size() -> None:
    data = (ROOT / "resources" / "icons" / "lxp-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, h, _c, _r, planes, bpp, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        size = w or 256
        assert (w, h, planes, bpp) == (w, h, 1, 32)
        blob = data[offset: offset + length]
        assert len(blob) == length
        if size == 256:
            assert blob[:8] == b"\x89PNG\r\n\x1a\n"
        else:  # BITMAPINFOHEADER: width, doubled height, 32 bpp
            assert struct.unpack("<Iii", blob[:12]) == (40, size, 2 * size)
        sizes.append(size)
    assert sorted(sizes) == sorted(paths.ICON_SIZES)


def test_window_icon_is_set(qapp, data_dir: Path) -> None:
    from lxp_desktop.ui.app import configure_application

    configure_application(qapp, "zh_TW")
    sizes = {s.width() for s in qapp.windowIcon().availableSizes()}
    assert set(paths.ICON_SIZES) <= sizes


# --- Linux -------------------------------------------------------------------------------


def test_desktop_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(INSTALLERS / "linux" / "lxp-desktop.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application"
    assert d["Exec"] == "lxp-desktop" and d["Icon"] == "lxp-desktop"
    assert d["Terminal"] == "false"
    assert "學習歷程" in d["Name[zh_TW]"] + d["GenericName[zh_TW]"]
    assert "MimeType" not in d  # no file association


def test_linux_install_script_installs_and_removes(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / "lxp-desktop"
    exe.write_text("#!/bin/sh\necho fake\n")
    exe.chmod(0o755)
    prefix = tmp_path / "prefix"
    env = {"PATH": "/usr/bin:/bin", "PREFIX": str(prefix), "BUNDLE": str(bundle)}
    script = str(INSTALLERS / "linux" / "install.sh")

    subprocess.run(["sh", script], env=env, check=True, capture_output=True)
    assert (prefix / "bin" / "lxp-desktop").resolve() == prefix / "lib" / "lxp-desktop" / "lxp-desktop"
    assert (prefix / "share" / "applications" / "lxp-desktop.desktop").is_file()
    for size in paths.ICON_SIZES:
        assert (prefix / "share/icons/hicolor" / f"{size}x{size}" / "apps/lxp-desktop.png").is_file()

    subprocess.run(["sh", script, "--uninstall"], env=env, check=True, capture_output=True)
    assert not (prefix / "lib" / "lxp-desktop").exists()
    assert not (prefix / "bin" / "lxp-desktop").exists()
