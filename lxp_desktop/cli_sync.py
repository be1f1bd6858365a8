"""Command-line doors of the sync: ``server init`` and ``sync`` (for a scheduled task at night).

``sync`` exits 0 when in sync, 1 when conflicts are open (or the shared database refuses this
version), 3 when the shared database could not be reached (the local data untouched), 4 when
the shared database was restored from a backup (nothing synced; run ``sync --recover``),
5 when the shared database refused the account or its password.

Passwords never go on the command line (other users see it in the process list): the URL
holds none; ``server init`` asks for it (or libpq takes it from PGPASSFILE/.pgpass or a
service file); ``sync`` uses the keyring entry of the window's settings, or the same files.
TLS verifies the server's certificate (``verify-full``) against ``--ca-file``; ``--no-tls``
turns it off, with a warning.
"""

from __future__ import annotations

import argparse
import sys

EXIT_UNREACHABLE = 3
EXIT_RESTORED = 4
EXIT_AUTH = 5


def _t(text: str) -> str:
    from lxp_desktop.cli import t

    return t(text)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    server = sub.add_parser("server", parents=[common], help="共用資料庫（PostgreSQL）的管理")
    server_sub = server.add_subparsers(dest="server_command", metavar="動作", required=True)
    init = server_sub.add_parser("init", parents=[common],
                                 help="準備一個空的共用資料庫（或升級舊版）")
    init.add_argument("--url", required=True,
                      help="postgresql+psycopg://帳號@主機/資料庫（不含密碼）")
    _connection_options(init)
    init.set_defaults(func=cmd_server_init)
    restored = server_sub.add_parser(
        "restored", parents=[common],
        help="登記共用資料庫剛從備份還原：每台電腦下次同步時會停下並修復")
    restored.add_argument("--url", required=True,
                          help="postgresql+psycopg://帳號@主機/資料庫（不含密碼）")
    _connection_options(restored)
    restored.set_defaults(func=cmd_server_restored)

    sync = sub.add_parser("sync", parents=[common],
                          help="與共用資料庫同步（先上傳、再下載）")
    sync.add_argument("--server", metavar="URL",
                      help="共用資料庫網址（預設為本機設定的網址）")
    _connection_options(sync)
    sync.add_argument("--recover", action="store_true",
                      help="共用資料庫從備份還原後：先補上它缺少的資料，再重新下載全部資料")
    sync.set_defaults(func=cmd_sync)


def _connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ca-file", metavar="檔案",
                        help="學校的 CA 憑證檔：用來驗證共用資料庫伺服器的憑證（verify-full）")
    parser.add_argument("--no-tls", action="store_true",
                        help="不加密、不驗證伺服器（不建議：只在伺服器本機或測試時使用）")


def _checked_url(url: str | None, args: argparse.Namespace) -> str | None:
    """The URL to connect to; refuses one with a password in it (the process list shows the
    command line) and a weaker TLS mode that ``--no-tls`` did not ask for."""
    from sqlalchemy.engine import make_url

    from lxp_desktop.sync.server import INSECURE_MODES, SyncError, check_url, insecure_warning

    if url is None:
        return None
    url = check_url(url)
    parsed = make_url(url)
    if parsed.password:
        raise SyncError("網址中含有密碼：密碼不可寫在命令列（其他使用者可從處理程序清單看到）。"
                        "請把密碼從網址拿掉，改在提示時輸入，或使用 keyring（程式內的共用資料庫設定）"
                        "或 PGPASSFILE（.pgpass）檔。")
    mode = parsed.query.get("sslmode")
    if getattr(args, "no_tls", False):
        url = parsed.set(query={**parsed.query, "sslmode": "disable"}).render_as_string(
            hide_password=False)
    elif mode in INSECURE_MODES and insecure_warning(url):
        raise SyncError(f"網址指定了不驗證伺服器的 sslmode={mode}：請改用 verify-full 與 --ca-file；"
                        "若確實要不加密連線，請明確加上 --no-tls。")
    warning = insecure_warning(url)
    if warning:
        print(warning, file=sys.stderr)
    return url


def _prompted_password(url: str) -> str | None:
    """``server init``/``restored``: the password typed at a prompt (not echoed); without a
    terminal libpq finds it in PGPASSFILE/.pgpass or a service file."""
    import getpass

    from sqlalchemy.engine import make_url

    if not sys.stdin.isatty():
        return None
    user = make_url(url).username or ""
    answer = getpass.getpass(_t("共用資料庫帳號 %1 的密碼（直接按 Enter：使用 .pgpass）：")
                             .replace("%1", user))
    return answer or None


def cmd_server_init(args: argparse.Namespace) -> int:
    from lxp_desktop.cli import EXIT_OK, EXIT_PROBLEMS
    from lxp_desktop.sync.server import (
        AuthenticationFailed,
        ServerUnreachable,
        SyncError,
        init_server,
        server_engine,
    )

    try:
        url = _checked_url(args.url, args)
        assert url is not None
        engine = server_engine(url, _prompted_password(url), args.ca_file)
    except SyncError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        info = init_server(engine)
    except AuthenticationFailed as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_AUTH
    except ServerUnreachable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREACHABLE
    except SyncError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # noqa: BLE001 - connection problems reported, not a traceback
        from lxp_desktop.sync.server import (
            AUTH_MESSAGE,
            is_auth_error,
            is_connection_error,
            unreachable_message,
        )

        if is_auth_error(exc):
            print(AUTH_MESSAGE, file=sys.stderr)
            return EXIT_AUTH
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
        AuthenticationFailed,
        ServerUnreachable,
        SyncError,
        mark_restored,
        server_engine,
    )

    try:
        url = _checked_url(args.url, args)
        assert url is not None
        engine = server_engine(url, _prompted_password(url), args.ca_file)
    except SyncError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        info = mark_restored(engine)
    except AuthenticationFailed as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_AUTH
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
    from lxp_desktop.sync.server import (
        AuthenticationFailed,
        ServerRestored,
        ServerUnreachable,
        SyncError,
    )

    try:
        server = _checked_url(args.server, args)
    except SyncError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    ws = _open_joining(args) or _open(args, "命令列同步")
    try:
        try:
            report = sync_workspace(ws, server, name=None, recover=args.recover,
                                    ca_file=args.ca_file)
        except AuthenticationFailed as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_AUTH
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
