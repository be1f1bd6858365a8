"""Command-line doors of the sync: ``server init`` and ``sync`` (for a scheduled task at night).

``sync`` exits 0 when in sync, 1 when conflicts are open (or the shared database refuses this
version), 3 when the shared database could not be reached (the local data untouched), 4 when
the shared database was restored from a backup (nothing synced; run ``sync --recover``).
"""

from __future__ import annotations

import argparse
import sys

EXIT_UNREACHABLE = 3
EXIT_RESTORED = 4


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
    restored = server_sub.add_parser(
        "restored", parents=[common],
        help="登記共用資料庫剛從備份還原：每台電腦下次同步時會停下並修復")
    restored.add_argument("--url", required=True,
                          help="postgresql+psycopg://帳號@主機/資料庫")
    restored.set_defaults(func=cmd_server_restored)

    sync = sub.add_parser("sync", parents=[common],
                          help="與共用資料庫同步（先上傳、再下載）")
    sync.add_argument("--server", metavar="URL",
                      help="共用資料庫網址（預設為本機設定的網址）")
    sync.add_argument("--recover", action="store_true",
                      help="共用資料庫從備份還原後：先補上它缺少的資料，再重新下載全部資料")
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


def cmd_server_restored(args: argparse.Namespace) -> int:
    from lxp_desktop.cli import EXIT_OK, EXIT_PROBLEMS
    from lxp_desktop.sync.server import (
        ServerUnreachable,
        SyncError,
        mark_restored,
        server_engine,
    )

    try:
        engine = server_engine(args.url)
    except SyncError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        info = mark_restored(engine)
    except ServerUnreachable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREACHABLE
    except SyncError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        engine.dispose()
    print(_t("已登記共用資料庫從備份還原（新的代次 %1）。每台電腦下次同步時會停下，"
             "請在各台電腦執行修復（lxp-desktop sync --recover，或在程式中選「修復」）。")
          .replace("%1", str(info.epoch)[:8]))
    return EXIT_OK


def _open_joining(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """A PC whose first copy of the school was cut: the sync that finishes it needs no
    account (the school's accounts arrive with it; none may be set up meanwhile)."""
    from lxp_desktop.services.workspace import Workspace

    ws = Workspace.open(args.data_dir, source="命令列同步")
    if ws.joining:
        return ws
    ws.close()
    return None


def cmd_sync(args: argparse.Namespace) -> int:
    from lxp_desktop.cli import EXIT_OK, EXIT_PROBLEMS, _open
    from lxp_desktop.services.sync import school_differences, sync_workspace
    from lxp_desktop.sync.server import ServerRestored, ServerUnreachable, SyncError

    ws = _open_joining(args) or _open(args, "命令列同步")
    try:
        try:
            report = sync_workspace(ws, args.server, name=None, recover=args.recover)
        except ServerUnreachable as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNREACHABLE
        except ServerRestored as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_RESTORED
        except SyncError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_PROBLEMS
    finally:
        ws.close()
    print(_t("同步完成：上傳 %1 筆、下載 %2 筆，用時 %3 秒。")
          .replace("%1", str(report.pushed)).replace("%2", str(report.pulled))
          .replace("%3", f"{report.seconds:.1f}"))
    for line in school_differences(report):
        print(_t("學校資料以共用資料庫為準：") + line)
    if report.recovered_server:
        print(_t("修復完成：補上共用資料庫缺少的 %1 筆資料，並重新下載全部資料。").replace(
            "%1", str(report.recovered)))
    if report.merged:
        print(_t("有 %1 筆新資料與共用資料庫已有的相同，已合併為同一筆。").replace(
            "%1", str(report.merged)))
    if report.rejected:
        print(_t("有 %1 筆新資料與共用資料庫重複，已移入衝突清單；本機資料保留，"
                 "待在「衝突」視窗處理。").replace("%1", str(report.rejected)))
    if report.held:
        print(_t("有 %1 項變更依附於待處理的衝突，暫不上傳。").replace("%1", str(report.held)))
    for text in report.breaches:
        print(_t("超過上限：%1；請刪除多出的紀錄（預檢也會列出）。").replace("%1", text),
              file=sys.stderr)
    for sha, name in sorted(report.missing_files.items(), key=lambda kv: kv[1]):
        print(_t("附件檔案不在這台電腦上：%1（%2…）；該附件暫不上傳，其餘資料照常同步。"
                 "檔案放回附件資料夾後會在下次同步送出。").replace("%1", name)
              .replace("%2", sha[:12]), file=sys.stderr)
    if report.open_conflicts:
        print(_t("尚有 %1 個衝突待處理：請在程式的「衝突」視窗決定要保留的值。").replace(
            "%1", str(report.open_conflicts)), file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK
