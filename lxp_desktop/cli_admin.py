"""Sub-commands for accounts, the audit log, backups and retention (issue: accounts & history).

    lxp-desktop account list | add NAME --name 姓名 --roles registrar,teacher | passwd NAME
    lxp-desktop audit verify
    lxp-desktop backup --out FILE
    lxp-desktop restore FILE [--yes]
    lxp-desktop retention list | purge --archive FILE [--yes]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    account = sub.add_parser("account", parents=[common], help="教職員帳號（系統管理者）")
    acc = account.add_subparsers(dest="account_command", metavar="動作", required=True)
    acc.add_parser("list", parents=[common], help="列出帳號").set_defaults(func=cmd_account_list)
    add = acc.add_parser("add", parents=[common], help="新增帳號（密碼取自 LXP_NEW_PASSWORD 或提示輸入）")
    add.add_argument("username", help="帳號")
    add.add_argument("--name", required=True, help="姓名")
    add.add_argument("--roles", required=True,
                     help="角色，逗號分隔，例如 registrar,homeroom 或 註冊組,導師")
    add.set_defaults(func=cmd_account_add)
    passwd = acc.add_parser("passwd", parents=[common], help="設定帳號的密碼")
    passwd.add_argument("username", help="帳號")
    passwd.set_defaults(func=cmd_account_passwd)

    audit = sub.add_parser("audit", parents=[common], help="稽核紀錄")
    aud = audit.add_subparsers(dest="audit_command", metavar="動作", required=True)
    aud.add_parser("verify", parents=[common],
                   help="檢查稽核紀錄的雜湊鏈，回報第一個被竄改處").set_defaults(func=cmd_audit_verify)

    backup = sub.add_parser("backup", parents=[common], help="備份資料庫與附件到一個檔案")
    backup.add_argument("--out", type=Path, required=True, metavar="FILE", help="備份檔（.zip）")
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser("restore", parents=[common],
                             help="從備份檔還原（先檢查備份，並保留被取代的資料庫）")
    restore.add_argument("file", type=Path, metavar="FILE", help="備份檔（.zip）")
    restore.add_argument("--yes", action="store_true", help="不再詢問確認")
    restore.set_defaults(func=cmd_restore)

    settings_p = sub.add_parser("settings", parents=[common],
                                help="學校設定：列出全部，或以 KEY=值 變更（註冊組）")
    settings_p.add_argument("assignments", nargs="*", metavar="KEY=值",
                            help="例如 outcomes_per_term=6 label_rows=8")
    settings_p.set_defaults(func=cmd_settings)

    retention = sub.add_parser("retention", parents=[common], help="保存期限已過的資料")
    ret = retention.add_subparsers(dest="retention_command", metavar="動作", required=True)
    ret.add_parser("list", parents=[common],
                   help="列出保存期限已過、可清除的學生").set_defaults(func=cmd_retention_list)
    purge = ret.add_parser("purge", parents=[common], help="先封存再清除保存期限已過的資料")
    purge.add_argument("--archive", type=Path, required=True, metavar="FILE",
                       help="封存檔（.zip，含個人資料，請妥善保管）")
    purge.add_argument("--yes", action="store_true", help="不再詢問確認")
    purge.set_defaults(func=cmd_retention_purge)


def _cli() -> Any:
    from lxp_desktop import cli

    return cli


def _open_for(args: argparse.Namespace, need: str) -> Any:
    """The store signed in as ``--user``, refused (in Chinese) unless the account's role
    holds ``need`` — what the window's menu would let it do."""
    from lxp_desktop.services import scope

    ws = _cli()._open(args, "命令列")
    try:
        scope.require(ws.actor, need)
    except BaseException:
        ws.close()
        raise
    return ws


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise _cli().UsageError(_cli().t("需要確認：請在終端機執行，或加上 --yes。"))
    return input(question + " [y/N] ").strip().lower() in ("y", "yes", "是")


def cmd_settings(args: argparse.Namespace) -> int:
    from lxp_desktop.services import settings

    t = _cli().t
    wanted: dict[str, str] = {}
    for text in args.assignments:
        key, sep, value = text.partition("=")
        if not sep:
            raise _cli().UsageError(t("請寫成 KEY=值，例如 outcomes_per_term=6：") + text)
        wanted[key.strip()] = value
    ws = _cli()._open(args, "命令列 settings")
    try:
        if wanted:
            with ws.write("命令列 settings") as (s, a):
                changed = settings.put_many(s, a, wanted)
            print(t("已變更：") + ("、".join(changed) if changed else t("（值都相同，沒有變更）")))
        with ws.read() as s:
            for key, spec in settings.SCHOOL_SETTINGS.items():
                print(f"{key:<26} {settings.get(s, key)!s:>6}  {spec.label}")
    finally:
        ws.close()
    return 0


def cmd_account_list(args: argparse.Namespace) -> int:
    from lxp_desktop.services import accounts

    ws = _open_for(args, "manage_accounts")
    try:
        with ws.read() as s:
            for staff in accounts.list_accounts(s, ws.actor):
                state = "" if staff.active else _cli().t("（停用）")
                pw = "" if staff.password_hash else _cli().t("（未設密碼）")
                print(f"{staff.username:<16} {staff.name:<10} "
                      f"{accounts.role_labels(staff.roles)}{state}{pw}")
    finally:
        ws.close()
    return 0


def _new_password(prompt: str) -> str:
    import os

    if os.environ.get("LXP_NEW_PASSWORD"):
        return os.environ["LXP_NEW_PASSWORD"]
    saved = os.environ.pop("LXP_PASSWORD", None)
    try:
        return str(_cli()._password(prompt, twice=True))
    finally:
        if saved is not None:
            os.environ["LXP_PASSWORD"] = saved


def cmd_account_add(args: argparse.Namespace) -> int:
    from lxp_desktop.services import accounts

    ws = _cli()._open(args, "命令列")
    try:
        password = _new_password(_cli().t("新帳號的密碼："))
        with ws.write("命令列") as (s, a):
            staff = accounts.create_account(s, a, args.username, args.name, args.roles, password)
            print(_cli().t("已新增帳號 %s：") .replace("%s", staff.username)
                  + accounts.role_labels(staff.roles))
    finally:
        ws.close()
    return 0


def cmd_account_passwd(args: argparse.Namespace) -> int:
    from lxp_desktop.services import accounts

    ws = _cli()._open(args, "命令列")
    try:
        with ws.read() as s:
            staff = accounts.find_account(s, args.username)
        if staff is None:
            print(_cli().t("沒有帳號 %s。").replace("%s", args.username), file=sys.stderr)
            return 1
        password = _new_password(_cli().t("新密碼："))
        with ws.write("命令列") as (s, a):
            accounts.set_password(s, a, staff.id, password)
        print(_cli().t("已設定 %s 的密碼。").replace("%s", args.username))
    finally:
        ws.close()
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from lxp_desktop.services import anchoring

    ws = _open_for(args, "audit")
    try:
        result = anchoring.verify_workspace(ws)
    finally:
        ws.close()
    for line in result.lines(_cli().t):
        print(line, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from lxp_desktop.services import backups

    ws = _cli()._open(args, "命令列")
    try:
        manifest = backups.back_up(ws, args.out)
    finally:
        ws.close()
    print(_cli().t("已備份到 %s").replace("%s", str(args.out)))
    print(_cli().t("  學生 %1 筆、稽核紀錄 %2 筆、附件 %3 個")
          .replace("%1", str(manifest.counts.get("student", 0)))
          .replace("%2", str(manifest.counts.get("audit_log", 0)))
          .replace("%3", str(manifest.attachments)))
    if manifest.damaged:  # made and restorable, but it must not look complete
        print(_cli().t("下列附件損壞或不見了，沒有放進備份（備份仍可還原）；請從較早的備份還原"
                       "這些檔案，或請上傳者重新上傳："), file=sys.stderr)
        for line in manifest.damage_text():
            print("  " + line, file=sys.stderr)
        return 1
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from lxp_desktop import paths
    from lxp_desktop.services import backups
    from lxp_desktop.store.backup import read_manifest
    from lxp_desktop.store.db import StoreError, open_store

    t = _cli().t
    try:
        manifest = read_manifest(args.file)
    except Exception as exc:  # noqa: BLE001 - BackupError, said plainly
        print(str(exc), file=sys.stderr)
        return 1
    try:
        open_store(paths.database_path(), paths.backups_dir()).close()
        damaged = False
    except StoreError as exc:
        print(t("目前的資料庫無法開啟：") + str(exc), file=sys.stderr)
        damaged = True
    ws = None if damaged else _cli()._open(args, "命令列")
    try:
        if ws is not None:
            from lxp_desktop.services.permissions import require_admin

            require_admin(ws.actor, "還原資料庫")
        question = t("以 %1 的備份（學生 %2 筆）取代目前的資料庫？目前的資料庫會保留在備份資料夾。") \
            .replace("%1", manifest.created).replace("%2", str(manifest.counts.get("student", 0)))
        if not _confirm(question, args.yes):
            print(t("已取消，未做任何變更。"))
            return 0
        result = backups.restore(ws, args.file, paths.database_path())
    finally:
        if ws is not None:
            ws.close()
    print(t("已還原 %s。").replace("%s", args.file.name))
    if result.replaced is not None:
        print(t("被取代的資料庫保留於 %s").replace("%s", str(result.replaced)))
    return 0


def cmd_retention_list(args: argparse.Namespace) -> int:
    from lxp_desktop.services import retention
    from lxp_desktop.services.base import show

    ws = _open_for(args, "purge")
    try:
        with ws.read() as s:
            due = retention.due(s)
            limit = retention.cutoff(s)
    finally:
        ws.close()
    print(_cli().t("離校日在 %s 以前、仍有學習歷程資料的學生：").replace("%s", show(limit)))
    for d in due:
        print(f"  {d.student_no}  {d.name}  {d.class_code or ''}  {d.status} {show(d.status_date)}"
              f"  {d.rows}")
    print(_cli().t("共 %n 位").replace("%n", str(len(due))))
    return 0


def cmd_retention_purge(args: argparse.Namespace) -> int:
    from lxp_desktop.services import retention

    t = _cli().t
    ws = _open_for(args, "purge")
    try:
        blocked = retention.purge_blocked(ws)
        if blocked:
            print(blocked, file=sys.stderr)
            return 1
        with ws.read() as s:
            due = retention.due(s)
        if not due:
            print(t("沒有保存期限已過的資料。"))
            return 0
        question = t("先封存到 %1，再清除 %2 位學生的學習歷程資料（學籍保留）？清除後無法復原。") \
            .replace("%1", str(args.archive)).replace("%2", str(len(due)))
        if not _confirm(question, args.yes):
            print(t("已取消，未做任何變更。"))
            return 0
        result = retention.purge_students(ws, [d.student_id for d in due], args.archive)
    finally:
        ws.close()
    print(t("已封存到 %1，清除 %2 位學生的資料（%3 筆、附件 %4 個）。")
          .replace("%1", str(result.archive)).replace("%2", str(result.students))
          .replace("%3", str(sum(result.rows.values()))).replace("%4", str(result.files)))
    return 0
