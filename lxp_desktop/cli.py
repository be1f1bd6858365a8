"""The command line: the window by default, plus a sub-command for every batch job.

Exit status: 0 success, 1 the job found problems in the data (reported), 2 unusable
arguments. Messages are Traditional Chinese (``--lang en`` for English); a user error never
shows a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from lxp_desktop import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

_ARGPARSE_ZH = {
    "the following arguments are required: %s": "缺少必要參數：%s",
    "unrecognized arguments: %s": "無法辨識的參數：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "無效的選項 %(value)r（可用：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "參數 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值",
    "expected one argument": "需要一個值",
    "usage: ": "用法：",
    "positional arguments": "位置參數",
    "options": "選項",
    "show this help message and exit": "顯示說明後結束",
    "show program's version number and exit": "顯示版本後結束",
}


def t(text: str) -> str:
    """Translate a message of the command line (Traditional Chinese is the source text)."""
    try:
        from PySide6.QtCore import QCoreApplication
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        return text
    if QCoreApplication.instance() is None:
        return text
    return QCoreApplication.translate("cli", text)


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, t("參數錯誤：") + message + "\n" + t("請用 --help 查看用法。") + "\n")


def term_arg(text: str) -> Any:
    """``--term``: a 學期 (113-1) or, with 0, a whole 學年度 (113-0); a bad one is a usage
    error (exit 2) with the rule's own message."""
    from lxp_desktop.domain.roc import Term

    try:
        return Term.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def semester_arg(text: str) -> Any:
    """``--term`` where a 學期 is needed (113-1 or 113-2)."""
    term = term_arg(text)
    if term.semester == 0:
        raise argparse.ArgumentTypeError(t("請指定學期，例如 113-1 或 113-2。"))
    return term


def _argparse_in_chinese() -> None:
    import gettext

    original = gettext.gettext

    def zh(message: str) -> str:
        return _ARGPARSE_ZH.get(message, original(message))

    argparse._ = zh  # type: ignore[attr-defined]
    argparse.ngettext = lambda s, p, n: zh(s if n == 1 else p)  # type: ignore[attr-defined]


def _common_options(default: object) -> argparse.ArgumentParser:
    """--data-dir and --lang, accepted before or after the sub-command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, metavar="DIR", default=default,
                        help="資料夾（預設為使用者資料夾；也可用環境變數 LXP_DATA_DIR）")
    common.add_argument("--lang", choices=["zh_TW", "en"],
                        default="zh_TW" if default is None else default,
                        help="介面語言：zh_TW（預設）或 en")
    common.add_argument("--user", metavar="NAME", default=default,
                        help="以此帳號執行（也可用環境變數 LXP_USER；密碼取自 LXP_PASSWORD 或提示輸入）")
    return common


def build_parser() -> Parser:
    top, common = _common_options(None), _common_options(argparse.SUPPRESS)
    parser = Parser(prog="lxp-desktop", parents=[top],
                    description="LXP Desktop — 學生學習歷程檔案（註冊組）")
    parser.add_argument("--version", action="version", version=f"LXP Desktop {__version__}",
                        help="顯示版本後結束")
    sub = parser.add_subparsers(dest="command", metavar="指令", parser_class=Parser)

    demo = sub.add_parser("demo", parents=[common], help="建立示範學校（合成資料）")
    demo.add_argument("--students", type=int, default=1200, help="學生人數（600–3000）")
    demo.add_argument("--seed", type=int, default=113, help="亂數種子（同一種子產生相同資料）")
    demo.add_argument("--years", type=int, default=5,
                      help="保存幾個學年度入學的學生（5–12；在校三屆，其餘為已畢業各屆）")
    demo.set_defaults(func=cmd_demo)

    info = sub.add_parser("info", parents=[common], help="顯示資料庫位置與各類紀錄筆數")
    info.set_defaults(func=cmd_info)

    for register in EXTRA_COMMANDS:
        register(sub, common)
    return parser


#: later capabilities add their sub-commands here: ``register(subparsers, common_parent)``
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]] = []  # type: ignore[type-arg]


def _module_commands(module: str) -> Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]:  # type: ignore[type-arg]
    """Sub-commands that live in their own module's ``register(sub, common)``."""

    def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
        import importlib

        importlib.import_module(module).register(sub, common)

    return register


#: the modules whose ``register(sub, common)`` adds sub-commands, in the order --help lists them
COMMAND_MODULES = (
    "lxp_desktop.cli_admin",
    "lxp_desktop.cli_portfolio",
    "lxp_desktop.ui.selftest",
    "lxp_desktop.cli_submission",
    "lxp_desktop.cli_notices",
    "lxp_desktop.cli_sync",
    "lxp_desktop.cli_promotion",
)
EXTRA_COMMANDS.extend(_module_commands(m) for m in COMMAND_MODULES)


class UsageError(Exception):
    """Unusable arguments or environment; the message says what to give (exit status 2)."""


def _password(prompt: str, twice: bool = False) -> str:
    """The password from LXP_PASSWORD (scheduled tasks) or typed at a prompt."""
    import getpass
    import os

    if os.environ.get("LXP_PASSWORD"):
        return os.environ["LXP_PASSWORD"]
    if not sys.stdin.isatty():
        raise UsageError(t("請設定環境變數 LXP_PASSWORD，或在終端機執行以輸入密碼。"))
    first = getpass.getpass(prompt)
    if twice and getpass.getpass(t("再輸入一次密碼：")) != first:
        raise UsageError(t("兩次輸入的密碼不同，請重新執行。"))
    return first


def _open(args: argparse.Namespace, source: str):  # type: ignore[no-untyped-def]
    """The store, signed in as ``--user``/LXP_USER; the first start sets up the administrator."""
    import os

    from lxp_desktop.services.workspace import Workspace

    user = getattr(args, "user", None) or os.environ.get("LXP_USER")
    ws = Workspace.open(args.data_dir, source=source)
    try:
        if ws.needs_setup():
            if not user:
                raise UsageError(t("這個資料庫還沒有系統管理者。首次使用請以 --user 帳號 建立系統管理者（密碼取自 LXP_PASSWORD 或提示輸入，至少 8 個字元）。"))
            ws.set_up(user, user, _password(t("設定系統管理者 %s 的密碼：").replace("%s", user),
                                            twice=True))
            print(t("已建立系統管理者帳號 %s 並登入。").replace("%s", user), file=sys.stderr)
        else:
            if not user:
                raise UsageError(t("請以 --user 帳號（或環境變數 LXP_USER）指定執行者，密碼取自 LXP_PASSWORD 或提示輸入。"))
            ws.sign_in(user, _password(t("%s 的密碼：").replace("%s", user)))
    except BaseException:
        ws.close()
        raise
    return ws


def _open_demo(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """A demo store: demo accounts for every role, signed in as admin/demo."""
    from lxp_desktop.services.accounts import prepare_demo_store
    from lxp_desktop.services.workspace import Workspace

    ws = Workspace.open(args.data_dir, source="示範資料")
    try:
        made = prepare_demo_store(ws)
    except BaseException:
        ws.close()
        raise
    return ws, made


def cmd_demo(args: argparse.Namespace) -> int:
    from lxp_desktop.services.demo import DemoError, make_demo_school

    if not 1 <= args.students <= 5000:
        print(t("學生人數須在 1 到 5000 之間。"), file=sys.stderr)
        return EXIT_USAGE
    ws, accounts_made = _open_demo(args)
    try:
        summary = make_demo_school(ws, students=args.students, seed=args.seed,
                                   progress=lambda text: print(text, flush=True),
                                   years=args.years)
    except DemoError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        ws.close()
    print(t("示範學校已建立於 %s").replace("%s", str(ws.store.path)))
    for label, count in summary.items():
        print(f"  {label}：{count}")
    _print_demo_accounts(accounts_made)
    return EXIT_OK


def _print_demo_accounts(made: list[tuple[str, str, str]]) -> None:
    print(t("示範帳號（僅限示範資料庫）："))
    for username, password, role in made:
        print(f"  {username:<12} {password:<6} {t(role)}")


def cmd_info(args: argparse.Namespace) -> int:
    from lxp_desktop.services.base import ListQuery
    from lxp_desktop.services.registry import CATEGORIES

    ws = _open(args, "命令列")
    try:
        print(t("資料庫：") + str(ws.store.path))
        with ws.read() as session:
            for c in CATEGORIES:
                print(f"  {t(c.label)}：{c.service.count(session, ListQuery(viewer=ws.actor))}")
    finally:
        ws.close()
    return EXIT_OK


def _start_translations(lang: str, gui: bool = False) -> None:
    """``gui``: the command draws with Qt (``self-test``), so its application must be a
    QGuiApplication from the start."""
    if lang == "zh_TW":
        return
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    from lxp_desktop.ui.app import install_translations

    app = QCoreApplication.instance() or (QGuiApplication if gui else QCoreApplication)(
        sys.argv[:1])
    install_translations(app, lang)


def main(argv: Sequence[str] | None = None) -> int:
    from lxp_desktop import paths as _paths

    _paths.private_umask()  # everything this process writes is the user's alone
    _argparse_in_chinese()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir is not None:
        from lxp_desktop import paths

        paths.set_data_dir(args.data_dir)
    if args.command is None:
        from lxp_desktop.ui.app import run_gui

        return run_gui(args.lang, args.data_dir)
    _start_translations(args.lang, gui=getattr(args, "needs_gui_app", False))
    from lxp_desktop.domain.errors import ValidationFailed
    from lxp_desktop.store.db import StoreError

    if args.command not in ("demo", "self-test"):
        from lxp_desktop.services.formats import check_at_start

        problem = check_at_start()  # a school's layout file that is wrong: said first
        if problem:
            print(problem, file=sys.stderr)
    try:
        return int(args.func(args))
    except (StoreError, ValidationFailed) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # a folder given as a file, a read-only or full disk: say which
        where = exc.filename or ""
        print(t("無法讀寫檔案，未完成的工作沒有寫入：") + f"{where}（{exc.strerror or exc}）",
              file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print(t("已中斷，未完成的工作沒有寫入。"), file=sys.stderr)
        return 130



# --- import / export (issue #4) ---------------------------------------------------------------
def _register_import_export(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    kinds = ["roster", "courses", "enrolments", "cadres", "performances"]
    imp = sub.add_parser("import", parents=[common], help="匯入 Excel／CSV（學籍、課程、修課紀錄、幹部經歷、多元表現）")
    imp.add_argument("kind", choices=kinds, metavar="KIND",
                     help="種類：roster 學籍、courses 課程、enrolments 修課紀錄、cadres 幹部經歷、performances 多元表現")
    imp.add_argument("file", type=Path, metavar="FILE", help=".xlsx 或 .csv 檔")
    imp.add_argument("--dry-run", action="store_true", help="只檢查並報告，不寫入")
    imp.set_defaults(func=cmd_import)
    exp = sub.add_parser("export", parents=[common], help="匯出一個分頁的資料為 .xlsx（可再匯入）")
    exp.add_argument("kind", metavar="KIND",
                     choices=[*kinds, "students", "consultations", "outcomes"],
                     help="種類：roster（或 students）、courses、enrolments、cadres、performances、consultations、outcomes")
    exp.add_argument("out", type=Path, metavar="OUT.xlsx", help="輸出檔")
    exp.add_argument("--term", type=term_arg, metavar="113-1", help="只匯出這個學期（113-1）或學年度（113-0）")
    exp.add_argument("--search", default="", metavar="TEXT", help="與分頁搜尋框相同的篩選")
    exp.set_defaults(func=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    from lxp_desktop.io.tabular import FileProblem
    from lxp_desktop.services.imports import run_import, write_report

    path: Path = args.file
    if not path.is_file():
        print(t("找不到檔案：") + str(path), file=sys.stderr)
        return EXIT_USAGE
    ws = _open(args, "命令列匯入")
    try:
        try:
            report = run_import(ws, args.kind, path, dry_run=args.dry_run,
                                progress=lambda done, total, text: None)
        except FileProblem as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_PROBLEMS
    finally:
        ws.close()
    print(report.full_text() if report.error_count else report.summary())
    if report.error_count:
        out = write_report(report, path.with_name(path.stem + "_匯入報告.txt"))
        print(t("報告已寫入：") + str(out))
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from lxp_desktop.services.base import ListQuery
    from lxp_desktop.services.exports import TAB_OF_KIND, export_view

    query = ListQuery(search=args.search)
    if args.term:
        query.school_year = args.term.school_year
        query.semester = args.term.semester or None
    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        print(t("輸出檔的副檔名必須是 .xlsx：") + str(out), file=sys.stderr)
        return EXIT_USAGE
    if not out.parent.is_dir():
        print(t("輸出資料夾不存在：") + str(out.parent), file=sys.stderr)
        return EXIT_USAGE
    if out.is_dir():
        print(t("輸出檔是一個資料夾，請指定檔名：") + str(out), file=sys.stderr)
        return EXIT_USAGE
    tab = TAB_OF_KIND.get(args.kind, args.kind)
    ws = _open(args, "命令列匯出")
    try:
        query.viewer = ws.actor  # what this account may see, as in its window
        result = export_view(ws, tab, query, out)
    finally:
        ws.close()
    print(t("已匯出 %n 筆：").replace("%n", str(result.rows)) + str(result.path))
    return EXIT_OK


EXTRA_COMMANDS.append(_register_import_export)


if __name__ == "__main__":
    raise SystemExit(main())
