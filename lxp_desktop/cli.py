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
from typing import NoReturn

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
    return common


def build_parser() -> Parser:
    top, common = _common_options(None), _common_options(argparse.SUPPRESS)
    parser = Parser(prog="lxp-desktop", parents=[top],
                    description="LXP Desktop — 學生學習歷程檔案（註冊組）")
    parser.add_argument("--version", action="version", version=f"LXP Desktop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="指令", parser_class=Parser)

    demo = sub.add_parser("demo", parents=[common], help="建立示範學校（合成資料）")
    demo.add_argument("--students", type=int, default=1200, help="學生人數（600–3000）")
    demo.add_argument("--seed", type=int, default=113, help="亂數種子（同一種子產生相同資料）")
    demo.set_defaults(func=cmd_demo)

    info = sub.add_parser("info", parents=[common], help="顯示資料庫位置與各類紀錄筆數")
    info.set_defaults(func=cmd_info)

    for register in EXTRA_COMMANDS:
        register(sub, common)
    return parser


#: later capabilities add their sub-commands here: ``register(subparsers, common_parent)``
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]] = []  # type: ignore[type-arg]


def _register_extra() -> None:
    from lxp_desktop.cli_sync import register as register_sync

    EXTRA_COMMANDS.append(register_sync)


_register_extra()


def _open(args: argparse.Namespace, source: str):  # type: ignore[no-untyped-def]
    from lxp_desktop.services.workspace import Workspace

    return Workspace.open(args.data_dir, source=source)


def cmd_demo(args: argparse.Namespace) -> int:
    from lxp_desktop.services.demo import DemoError, make_demo_school

    if not 1 <= args.students <= 5000:
        print(t("學生人數須在 1 到 5000 之間。"), file=sys.stderr)
        return EXIT_USAGE
    ws = _open(args, "示範資料")
    try:
        summary = make_demo_school(ws, students=args.students, seed=args.seed,
                                   progress=lambda text: print(text, flush=True))
    except DemoError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        ws.close()
    print(t("示範學校已建立於 %s").replace("%s", str(ws.store.path)))
    for label, count in summary.items():
        print(f"  {label}：{count}")
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    from lxp_desktop.services.base import ListQuery
    from lxp_desktop.services.registry import CATEGORIES

    ws = _open(args, "命令列")
    try:
        print(t("資料庫：") + str(ws.store.path))
        with ws.read() as session:
            for c in CATEGORIES:
                print(f"  {t(c.label)}：{c.service.count(session, ListQuery())}")
    finally:
        ws.close()
    return EXIT_OK


def _start_translations(lang: str) -> None:
    if lang == "zh_TW":
        return
    from PySide6.QtCore import QCoreApplication

    from lxp_desktop.ui.app import install_translations

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install_translations(app, lang)


def main(argv: Sequence[str] | None = None) -> int:
    _argparse_in_chinese()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir is not None:
        from lxp_desktop import paths

        paths.set_data_dir(args.data_dir)
    if args.command is None:
        from lxp_desktop.ui.app import run_gui

        return run_gui(args.lang, args.data_dir)
    _start_translations(args.lang)
    from lxp_desktop.domain.errors import ValidationFailed
    from lxp_desktop.store.db import StoreError

    try:
        return int(args.func(args))
    except (StoreError, ValidationFailed) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print(t("已中斷，未完成的工作沒有寫入。"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
