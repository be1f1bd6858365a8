; LXP Desktop — Inno Setup script: a per-machine install on Windows 10/11 (x64).
; Needs Inno Setup 6.3 or later; compiled with 6.4.1 (npm package innosetup) on every CI run.
;
; Build the real installer on a Windows PC (PyInstaller makes the Windows programs only there):
;   1. py -3.11 -m venv .venv && .venv\Scripts\pip install -e .[dist]
;   2. .venv\Scripts\pyinstaller --noconfirm installers\pyinstaller\lxp-desktop.spec
;      .\dist\lxp-desktop\lxp-desktop-cli.exe self-test        (must end with 全部 … 通過)
;   3. .venv\Scripts\python installers\windows\make_version.py  (writes version.iss)
;   4. "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" installers\windows\lxp-desktop.iss
;      (or pass the version yourself: ISCC /DMyAppVersion=0.1.0 /DMyAppNumericVersion=0.1.0.0 …)
;   Result: dist\lxp-desktop-<version>-setup.exe
;
; What the installer does and does not do:
; - installs for all users into Program Files (administrator rights, one UAC prompt);
; - Start-menu shortcuts (the program, and its self-test in a console), an optional desktop
;   shortcut; no file association;
; - never touches the clerks' data: each Windows user's store, attachments and backups live
;   in %LOCALAPPDATA%\lxp-desktop (platformdirs), outside {app}. Upgrades replace the program
;   only, and uninstalling leaves the data in place.
;
; On Linux, `make installer-test` compiles this script under Wine with the Linux bundle as a
; stand-in (BundleDir, OutputDir and the version passed with /D…), fails on any compiler
; warning, then installs, upgrades and uninstalls it silently in a fresh Wine prefix
; (installers/windows/wine_test.py). Nothing of the stand-in is run there.
; This file is UTF-8 with a BOM, as Inno Setup requires for a Unicode script.

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or later is needed (x64compatible architecture identifier).
#endif

#ifndef MyAppVersion
  #if FileExists(AddBackslash(SourcePath) + "version.iss")
    #include "version.iss"
  #else
    #error version.iss is missing: run "python installers\windows\make_version.py" first, or pass /DMyAppVersion=… /DMyAppNumericVersion=…
  #endif
#endif
#ifndef MyAppNumericVersion
  #define MyAppNumericVersion MyAppVersion
#endif

#define MyAppName "LXP Desktop"
#define MyAppExeName "lxp-desktop.exe"
#define MyAppCliName "lxp-desktop-cli.exe"
#define RepoRoot AddBackslash(SourcePath) + "..\.."
#ifndef BundleDir
  #define BundleDir RepoRoot + "\dist\lxp-desktop"
#endif
#ifndef OutputDir
  #define OutputDir RepoRoot + "\dist"
#endif
; What ships is compressed with lzma2/max. make installer-test builds its second setup (the
; upgrade it exercises) with /DCompression=zip/1: the same script, minutes sooner.
#ifndef Compression
  #define Compression "lzma2/max"
#endif

#if !FileExists(BundleDir + "\" + MyAppExeName)
  #error dist\lxp-desktop\lxp-desktop.exe not found: build the PyInstaller bundle on this Windows PC first (see the top of this file).
#endif

; Traditional Chinese: the project's own ChineseTraditional.isl beside this script (every
; message of the pinned Inno Setup's Default.isl, in Taiwan's usage; check_isl.py checks it),
; unless the compiler ships one of its own (Languages\ChineseTraditional.isl, newer releases).
; Never an English-only installer: without either file the compile fails.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseTraditional.isl")
  #define ChineseMessages "compiler:Languages\ChineseTraditional.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseTraditional.isl")
  #define ChineseMessages "ChineseTraditional.isl"
#else
  #error ChineseTraditional.isl not found beside lxp-desktop.iss: the wizard would be English only
#endif

[Setup]
; AppId identifies the app for upgrades and uninstall: NEVER change it.
AppId={{BEE47A83-9747-49F1-A474-C986CB07FDD2}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName={#MyAppName} {#MyAppVersion}
AppPublisher=LXP Desktop
AppComments=學生學習歷程檔案（註冊組）
VersionInfoVersion={#MyAppNumericVersion}
VersionInfoProductName={#MyAppName}
VersionInfoDescription={#MyAppName} Setup
; per-machine: Program Files, all-users Start menu and desktop, HKLM uninstall entry
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
DefaultDirName={autopf}\{#MyAppName}
DefaultGroupName={#MyAppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
; no file association
ChangesAssociations=no
; close a running LXP Desktop (Restart Manager) before replacing its files
CloseApplications=yes
RestartApplications=no
SetupIconFile={#RepoRoot}\resources\icons\lxp-desktop.ico
UninstallDisplayIcon={app}\{#MyAppExeName}
UninstallDisplayName={#MyAppName}
WizardStyle=modern
Compression={#Compression}
SolidCompression=yes
OutputDir={#OutputDir}
OutputBaseFilename=lxp-desktop-{#MyAppVersion}-setup
; show the language dialog only when Windows' UI language matches none of the languages
ShowLanguageDialog=auto

[Languages]
Name: "zh_TW"; MessagesFile: "{#ChineseMessages}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
zh_TW.AppComment=學生學習歷程檔案（註冊組）
zh_TW.SelfTestName=LXP Desktop 自我檢查
zh_TW.SelfTestComment=檢查這台電腦上的 LXP Desktop 能否正常運作（不動到正式資料）
en.AppComment=Student learning portfolios (registrar office)
en.SelfTestName=LXP Desktop self-test
en.SelfTestComment=Check that LXP Desktop works on this PC (your data is not touched)

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade first removes the previous program folder, so no file of the old version (an
; Alembic migration that was renamed, a Qt plugin no longer shipped) lingers and is loaded by
; the new one. _internal holds program files only: the data is in %LOCALAPPDATA%.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"
Name: "{group}\{cm:SelfTestName}"; Filename: "{cmd}"; Parameters: "/k """"{app}\{#MyAppCliName}"" self-test"""; WorkingDir: "{app}"; IconFilename: "{app}\{#MyAppExeName}"; Comment: "{cm:SelfTestComment}"
Name: "{autodesktop}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
; Started as the user who ran Setup, not as the administrator who approved the UAC prompt:
; the store is created in that user's own %LOCALAPPDATA%.
Filename: "{app}\{#MyAppExeName}"; Description: "{cm:LaunchProgram,{#MyAppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallDelete]
; A safety net: the bundle does not write .pyc files (PyInstaller turns that off), but a
; cache beside the Alembic scripts would keep {app} from being removed. Program files only.
Type: filesandordirs; Name: "{app}\_internal\lxp_desktop\store\migrations\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\lxp_desktop\store\migrations\versions\__pycache__"
Type: dirifempty; Name: "{app}"
