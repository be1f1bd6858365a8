"""Sub-commands for the portfolio: certify, select (勾選), attach, duties (代理人).

Each calls the same service function as the window, so the same rules and caps apply.
They act as the signed-in ``--user`` (or LXP_USER): a teacher certifies their own courses,
a proxy (代理人) those of the people they stand in for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from lxp_desktop.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, _open, t, term_arg


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    cert = sub.add_parser("certify", parents=[common],
                          help="課程學習成果認證（任課教師或其代理人）")
    cert.add_argument("--teacher", metavar="帳號", help="只處理這位任課教師的課程")
    cert.add_argument("--term", type=term_arg, metavar="113-1", help="學期，例如 113-1")
    which = cert.add_mutually_exclusive_group(required=True)
    which.add_argument("--all-pending", action="store_true", help="佇列中所有待認證的成果")
    which.add_argument("--id", nargs="+", metavar="ID", help="成果的識別碼")
    cert.add_argument("--return", dest="reason", metavar="原因",
                      help="改為退回，並寫上學生會看到的原因")
    cert.set_defaults(func=cmd_certify)

    sel = sub.add_parser("select", parents=[common], help="勾選（或取消）提交中央資料庫的項目")
    sel.add_argument("table", choices=["outcome", "performance"],
                     help="outcome 課程學習成果、performance 多元表現")
    sel.add_argument("ids", nargs="+", metavar="ID")
    sel.add_argument("--clear", action="store_true", help="取消勾選")
    sel.set_defaults(func=cmd_select)

    att = sub.add_parser("attach", parents=[common], help="附加檔案到一筆紀錄")
    att.add_argument("table", choices=["outcome", "performance", "consultation"])
    att.add_argument("record_id", metavar="ID")
    att.add_argument("files", nargs="+", type=Path, metavar="檔案")
    att.set_defaults(func=cmd_attach)

    dut = sub.add_parser("duties", parents=[common], help="列出承辦人與代理人")
    dut.add_argument("--seed", action="store_true", help="依補充規定建立各承辦項目（未填人員）")
    dut.set_defaults(func=cmd_duties)


def cmd_certify(args: argparse.Namespace) -> int:
    from lxp_desktop.services import certification
    from lxp_desktop.services.courses import find_staff

    term = args.term
    ws = _open(args, "命令列 certify")
    try:
        actor = ws.actor  # the signed-in --user: the teacher or their proxy
        teacher_id = None
        if args.teacher:
            with ws.read() as session:
                teacher = find_staff(session, args.teacher)
            if teacher is None:
                print(t("找不到教職員「%s」，請用帳號或姓名。").replace("%s", args.teacher),
                      file=sys.stderr)
                return EXIT_USAGE
            teacher_id = teacher.id
        with ws.write("命令列 certify") as (session, _admin):
            if args.all_pending:
                items = certification.queue(
                    session, actor, term.school_year if term else None,
                    term.semester if term else None, teacher_id=teacher_id)
                ids: list[Any] = [i.id for i in items]
            else:
                ids = list(args.id)
            if not ids:
                print(t("沒有待認證的課程學習成果。"))
                return EXIT_OK
            if args.reason is not None:
                done = certification.return_outcomes(session, actor, ids, args.reason)
                print(t("已退回 %n 件課程學習成果。").replace("%n", str(len(done))))
            else:
                done = certification.certify(session, actor, ids)
                print(t("已認證 %n 件課程學習成果。").replace("%n", str(len(done))))
    finally:
        ws.close()
    return EXIT_OK


def cmd_select(args: argparse.Namespace) -> int:
    from lxp_desktop.services import certification

    ws = _open(args, "命令列 select")
    try:
        with ws.write("命令列 select") as (session, actor):
            n = certification.set_selected(session, actor, args.table, args.ids,
                                           not args.clear)
    finally:
        ws.close()
    print((t("已取消勾選 %n 筆。") if args.clear else t("已勾選 %n 筆。")).replace("%n", str(n)))
    return EXIT_OK


def cmd_attach(args: argparse.Namespace) -> int:
    from lxp_desktop.services import attachments

    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        print(t("找不到檔案：") + "、".join(missing), file=sys.stderr)
        return EXIT_USAGE
    ws = _open(args, "命令列 attach")
    try:
        with ws.write("命令列 attach") as (session, actor):
            note = attachments.reopens_certification(session, args.table, args.record_id)
            for f in args.files:
                att = attachments.attach(session, actor, args.table, args.record_id, f)
                print(f"{att.filename}  sha256={att.sha256}")
        if note:
            print(note)
    finally:
        ws.close()
    return EXIT_OK


def cmd_duties(args: argparse.Namespace) -> int:
    from lxp_desktop.services import duties

    ws = _open(args, "命令列 duties")
    try:
        if args.seed:
            with ws.write("命令列 duties --seed") as (session, actor):
                duties.seed_default_duties(session, actor)
        with ws.read() as session:
            rows = duties.list_duties(session)
    finally:
        ws.close()
    if not rows:
        print(t("尚未設定承辦項目；可用 --seed 依補充規定建立。"))
        return EXIT_PROBLEMS
    for d in rows:
        proxies = "、".join(f"{i + 1}. {p}" for i, p in enumerate(d.proxies)) or "—"
        print(f"{d.name}\t{t('承辦人')}：{d.responsible or '—'}\t{t('代理人')}：{proxies}")
    return EXIT_OK
