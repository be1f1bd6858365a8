"""Command-line doors of the sync: ``server init`` and ``sync`` (for a scheduled task at night).

``sync`` exits 0 when in sync, 1 when conflicts are open (or the shared database refuses this
version), 3 when the shared database could not be reached (the local data untouched).
"""

from __future__ import annotations

import argparse
import sys

EXIT_UNREACHABLE = 3


def _t(text: str) -> str:
    from lxp_desktop.cli import t

    return t(text)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    server = sub.add_parser("server", parents=[common], help="共用資料庫（PostgreSQL）的管理")
    server_sub = server.add_subparsers(dest="server_command", metavar="動作", required=True)
    init = server_sub.add_parser("init", parents=[common],
                                 help="準備一個空的共用資料庫（或升級舊版）")
    init.add_argument("--url", required=True,
                      help="postgresql+psycopg://帳號:密碼@主機/資料庫")
    init.set_defaults(func=cmd_server_init)

    sync = sub.add_parser("sync", parents=[common],
                          help="與共用資料庫同步（先上傳、再下載）")
    sync.add_argument("--server", metavar="URL",
                      help="共用資料庫網址（預設為本機設定的網址）")
    sync.set_defaults(func=cmd_sync)


def cmd_server_init(args: argparse.Namespace) -> int:
    from lxp_desktop.cli import EXIT_OK, EXIT_PROBLEMS
    from lxp_desktop.sync.server import ServerUnreachable, SyncError, init_server, server_engine

    try:
        engine = server_engine(args.url)
    except SyncError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        info = init_server(engine)
    except ServerUnreachable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREACHABLE
    except SyncError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # noqa: BLE001 - connection problems reported, not a traceback
        from lxp_desktop.sync.server import is_connection_error, unreachable_message

        if is_connection_error(exc):
            print(unreachable_message(exc), file=sys.stderr)
            return EXIT_UNREACHABLE
        raise
    finally:
        engine.dispose()
    print(_t("共用資料庫已就緒（版本 %1，編號 %2）。").replace("%1", info.revision)
          .replace("%2", str(info.server_id)))
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    from lxp_desktop.cli import EXIT_OK, EXIT_PROBLEMS, _open
    from lxp_desktop.services.sync import sync_workspace
    from lxp_desktop.sync.server import ServerUnreachable, SyncError

    ws = _open(args, "命令列同步")
    try:
        try:
            report = sync_workspace(ws, args.server, name=None)
        except ServerUnreachable as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNREACHABLE
        except SyncError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_PROBLEMS
    finally:
        ws.close()
    print(_t("同步完成：上傳 %1 筆、下載 %2 筆，用時 %3 秒。")
          .replace("%1", str(report.pushed)).replace("%2", str(report.pulled))
          .replace("%3", f"{report.seconds:.1f}"))
    if report.rejected:
        print(_t("有 %1 筆新資料與共用資料庫重複，已移入衝突清單。").replace(
            "%1", str(report.rejected)))
    if report.open_conflicts:
        print(_t("尚有 %1 個衝突待處理：請在程式的「衝突」視窗決定要保留的值。").replace(
            "%1", str(report.open_conflicts)), file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK
