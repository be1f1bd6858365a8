"""Sub-commands of the term's submission cycle: check (預檢), submission, receipts, confirmation.

Each calls the same service function as the 提交與收訖 tab. Every command first applies the
end of any confirmation period that is over (視為確認), as the window does when it starts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from lxp_desktop.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, _open, semester_arg, t
from lxp_desktop.domain.checks import SEVERITY_LABELS, SUBMISSION_CATEGORIES


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    chk = sub.add_parser("check", parents=[common], help="預檢：提交前檢查一個學期的資料")
    chk.add_argument("--term", type=semester_arg, required=True, metavar="113-2", help="學期，例如 113-2")
    chk.set_defaults(func=cmd_check)

    smt = sub.add_parser("submission", parents=[common], help="提交包匯出與提交紀錄")
    ssub = smt.add_subparsers(dest="action", metavar="動作", required=True)
    exp = ssub.add_parser("export", parents=[common], help="匯出一個類別的提交包（預檢通過才會匯出）")
    exp.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
    exp.add_argument("--category", required=True, metavar="類別",
                     help="、".join(SUBMISSION_CATEGORIES))
    exp.add_argument("--out", required=True, type=Path, metavar="DIR", help="輸出資料夾")
    exp.add_argument("--reason", metavar="原因", help="重新提交的原因（例如更正疑義）")
    exp.set_defaults(func=cmd_submission_export)
    lst = ssub.add_parser("list", parents=[common], help="列出學期的提交紀錄")
    lst.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
    lst.set_defaults(func=cmd_submission_list)

    rec = sub.add_parser("receipts", parents=[common], help="收訖明細匯入與核對")
    rsub = rec.add_subparsers(dest="action", metavar="動作", required=True)
    imp = rsub.add_parser("import", parents=[common], help="匯入收訖明細 ZIP 並逐筆核對")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
    imp.add_argument("--password", metavar="密碼", help="收訖明細的密碼")
    imp.set_defaults(func=cmd_receipts_import)
    dif = rsub.add_parser("diff", parents=[common], help="列出核對的差異（缺漏、多出、不同）")
    dif.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
    dif.add_argument("--out", type=Path, metavar="FILE.xlsx", help="另存為 .xlsx")
    dif.set_defaults(func=cmd_receipts_diff)

    con = sub.add_parser("confirmation", parents=[common], help="收訖確認期間與學生確認")
    csub = con.add_subparsers(dest="action", metavar="動作", required=True)
    for name, helptext in (("announce", "公告確認期間（至少 3 天）"),
                           ("change", "變更進行中的確認期間（至少 3 天）")):
        ann = csub.add_parser(name, parents=[common], help=helptext)
        ann.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
        ann.add_argument("--start", required=True, metavar="114/03/03")
        ann.add_argument("--end", required=True, metavar="114/03/05")
        ann.set_defaults(func=cmd_announce)
    for name, helptext in (("confirm", "登錄學生已確認"), ("object", "登錄學生提出疑義"),
                           ("resolve", "登錄疑義的處理結果")):
        p = csub.add_parser(name, parents=[common], help=helptext)
        p.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
        p.add_argument("student_no", metavar="學號")
        p.add_argument("--date", metavar="114/03/04", help="日期（預設今天）")
        if name != "confirm":
            p.add_argument("--text", required=True, metavar="內容",
                           help="疑義內容" if name == "object" else "處理結果")
        if name == "resolve":
            p.add_argument("--resubmission", metavar="ID", help="更正後重新提交的紀錄識別碼")
        p.set_defaults(func=cmd_answer, answer=name)
    sta = csub.add_parser("status", parents=[common], help="各狀態人數與逾期未處理的疑義")
    sta.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
    sta.set_defaults(func=cmd_status)
    lis = csub.add_parser("lists", parents=[common], help="匯出各班導師的確認名單 .xlsx")
    lis.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
    lis.add_argument("--out", required=True, type=Path, metavar="DIR")
    lis.set_defaults(func=cmd_lists)


def _date(text: str | None) -> Any:
    from datetime import date

    from lxp_desktop.domain.roc import parse_date

    return parse_date(text) if text else date.today()


def _workspace(args: argparse.Namespace, source: str, need: str) -> Any:
    """The store signed in as ``--user``, refused (in Chinese, before anything is written)
    unless the account's role holds ``need`` — what the window's tab would let it do."""
    from lxp_desktop.services import confirmation, scope

    ws = _open(args, source)
    try:
        scope.require(ws.actor, need)
    except BaseException:
        ws.close()
        raise
    deemed = confirmation.apply_due_in(ws)
    if deemed:
        print(t("確認期間已結束：%n 位未回覆的學生視為確認。").replace("%n", str(deemed)))
    return ws


def _fetch_files(ws: Any, term: Any) -> None:
    """The package's files attached on other PCs, from the shared database first."""
    from lxp_desktop.services import sync as sync_service

    problem = sync_service.fetch_term_files(ws, term)
    if problem:
        print(problem, file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    from lxp_desktop.services import precheck

    term = args.term
    ws = _workspace(args, "命令列 check", "precheck")
    try:
        _fetch_files(ws, term)
        with ws.read() as session:
            findings = precheck.run_check(session, term, viewer=ws.actor)
    finally:
        ws.close()
    blocking = sum(f.blocking for f in findings)
    for f in findings:
        print(f"[{f.code}] {t(SEVERITY_LABELS[f.severity])}  {f.message}")
    print(t("%1 預檢：須修正 %2 項，提醒 %3 項。").replace("%1", term.label)
          .replace("%2", str(blocking)).replace("%3", str(len(findings) - blocking)))
    return EXIT_PROBLEMS if blocking else EXIT_OK


def cmd_submission_export(args: argparse.Namespace) -> int:
    from lxp_desktop.services import submission

    term = args.term
    if args.category not in SUBMISSION_CATEGORIES and args.category != "課程諮詢紀錄":
        print(t("提交類別須為：") + "、".join(SUBMISSION_CATEGORIES), file=sys.stderr)
        return EXIT_USAGE
    ws = _workspace(args, "命令列 submission export", "write:submission")
    try:
        _fetch_files(ws, term)
        with ws.write("命令列 submission export") as (session, actor):
            result = submission.export_submission(session, actor, term, args.category,
                                                  args.out, reason=args.reason)
    finally:
        ws.close()
    print(t("已匯出 %1 第 %2 次提交：%3").replace("%1", args.category)
          .replace("%2", str(result.number)).replace("%3", str(result.folder)))
    for roster, sheets in result.counts.items():
        for sheet, n in sheets.items():
            print(f"  {roster} › {sheet}：{n}")
    print(t("  附件：%n 個").replace("%n", str(result.files)))
    print(f"  manifest.json sha256={result.package_sha256}")
    print(f"  id={result.submission_id}")
    return EXIT_OK


def cmd_submission_list(args: argparse.Namespace) -> int:
    from lxp_desktop.services import submission
    from lxp_desktop.services.base import show

    term = args.term
    ws = _workspace(args, "命令列 submission list", "read:submission")
    try:
        with ws.read() as session:
            rows = submission.ledger(session, term)
    finally:
        ws.close()
    if not rows:
        print(t("本學期還沒有提交紀錄。"))
    for e in rows:
        corrects = t("（更正第 %n 次）").replace("%n", str(e.corrects_number)) \
            if e.corrects_number else ""
        print(f"{e.category} #{e.number}{corrects}\t{show(e.submitted_at)}\t{e.submitted_by}\t"
              f"{e.items}\t{e.package_sha256[:12]}\t{e.id}")
    return EXIT_OK


def cmd_receipts_import(args: argparse.Namespace) -> int:
    from lxp_desktop.services import receipts

    term = args.term
    if not args.file.is_file():
        print(t("找不到檔案：") + str(args.file), file=sys.stderr)
        return EXIT_USAGE
    ws = _workspace(args, "命令列 receipts import", "write:receipt")
    try:
        with ws.write(f"命令列 receipts import {args.file.name}") as (session, actor):
            result = receipts.import_receipt(session, actor, args.file, term, args.password)
    finally:
        ws.close()
    print(t("已匯入收訖明細（%1），%2 位學生。").replace("%1", "、".join(result.kinds))
          .replace("%2", str(result.students)))
    for outcome, n in result.counts.items():
        print(f"  {t(outcome)}：{n}")
    differs = sum(n for o, n in result.counts.items() if o != receipts.MATCH)
    return EXIT_PROBLEMS if differs else EXIT_OK


def cmd_receipts_diff(args: argparse.Namespace) -> int:
    from lxp_desktop.services import receipts

    term = args.term
    ws = _workspace(args, "命令列 receipts diff", "read:receipt")
    try:
        with ws.read() as session:
            rows = receipts.differences(session, term)
            if args.out:
                receipts.export_differences(session, term, args.out)
    finally:
        ws.close()
    for d in rows:
        print(f"{d.outcome}\t{d.kind}\t{d.class_code}\t{d.student_no} {d.name}\t"
              f"{d.title or d.key}\t{d.detail}")
    print(t("差異 %n 筆。").replace("%n", str(len(rows))))
    return EXIT_PROBLEMS if rows else EXIT_OK


def cmd_announce(args: argparse.Namespace) -> int:
    from lxp_desktop.domain.roc import format_roc
    from lxp_desktop.services import confirmation

    term = args.term
    try:
        start, end = _date(args.start), _date(args.end)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    source = f"命令列 confirmation {args.action}"
    ws = _workspace(args, source, "write:confirmation_period")
    try:
        with ws.write(source) as (session, actor):
            if args.action == "change":
                confirmation.change_period(session, actor, term, start, end)
            else:
                confirmation.announce(session, actor, term, start, end)
            n = confirmation.counts(session, term).pending
    finally:
        ws.close()
    done = (t("確認期間已改為 %1–%2，%n 位學生待確認。") if args.action == "change"
            else t("已公告確認期間 %1–%2，%n 位學生待確認。"))
    print(done.replace("%1", format_roc(start)).replace("%2", format_roc(end))
          .replace("%n", str(n)))
    return EXIT_OK


def cmd_answer(args: argparse.Namespace) -> int:
    from lxp_desktop.services import confirmation

    term = args.term
    try:
        on = _date(args.date)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    ws = _workspace(args, f"命令列 confirmation {args.answer}", "write:confirmation")
    try:
        with ws.write(f"命令列 confirmation {args.answer}") as (session, actor):
            if args.answer == "confirm":
                row = confirmation.confirm(session, actor, term, args.student_no, on)
            elif args.answer == "object":
                row = confirmation.raise_objection(session, actor, term, args.student_no,
                                                   args.text, on)
            else:
                row = confirmation.resolve_objection(session, actor, term, args.student_no,
                                                     args.text, args.resubmission, on)
            state = row.state
    finally:
        ws.close()
    print(f"{args.student_no}：{t(state)}")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from lxp_desktop.domain.confirmation import objection_due
    from lxp_desktop.domain.roc import format_roc
    from lxp_desktop.services import confirmation

    term = args.term
    ws = _workspace(args, "命令列 confirmation status", "read:confirmation")
    try:
        with ws.read() as session:
            c = confirmation.counts(session, term)
            late = confirmation.overdue_objections(session, term)
    finally:
        ws.close()
    print(t("待確認 %1｜已確認 %2｜疑義 處理中 %3／已處理 %4｜視為確認 %5")
          .replace("%1", str(c.pending)).replace("%2", str(c.confirmed))
          .replace("%3", str(c.objections_open)).replace("%4", str(c.objections_closed))
          .replace("%5", str(c.deemed)))
    for s in late:
        assert s.objection_date is not None
        print(t("逾期未處理的疑義：") + f"{s.class_code} {s.student_no} {s.name}　"
              + t("提出 %1，應於 %2 前處理").replace("%1", format_roc(s.objection_date))
              .replace("%2", format_roc(objection_due(s.objection_date))))
    return EXIT_PROBLEMS if late else EXIT_OK


def cmd_lists(args: argparse.Namespace) -> int:
    from lxp_desktop.services import confirmation

    term = args.term
    ws = _workspace(args, "命令列 confirmation lists", "read:confirmation")
    try:
        with ws.read() as session:
            paths = confirmation.class_lists(session, term, args.out)
    finally:
        ws.close()
    for p in paths:
        print(p)
    return EXIT_OK
