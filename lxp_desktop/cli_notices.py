"""``lxp-desktop notices``: a batch of paper confirmation notices for departed students.

The same service functions as the 紙本通知 tab: problems (addresses, characters no font has)
are reported before anything is written; the notices are logged and the PDF written in one
all-or-nothing step.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from lxp_desktop.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, _open, semester_arg, t


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("notices", parents=[common],
                       help="產生離校學生的紙本收訖明細確認通知（PDF）")
    p.add_argument("--term", type=semester_arg, required=True, metavar="113-2", help="學期，例如 113-2")
    p.add_argument("--out", required=True, type=Path, metavar="notices.pdf",
                   help="通知單 PDF 的檔名")
    p.add_argument("--students", metavar="學號,…",
                   help="只寄給這些學號（逗號分隔）；預設為所有離校學生")
    p.add_argument("--date", metavar="114/03/01", help="發文日期（預設今天）")
    p.add_argument("--deadline", metavar="114/03/15",
                   help="回覆期限（預設為發文日加學校設定的天數）")
    p.add_argument("--live", choices=["reprint", "reissue"],
                   help="學生已有本學期未回覆的通知時：reprint 重印原通知（同一參考編號），"
                        "reissue 作廢原通知並發新的；未指定時列出這些學生，不做任何事")
    p.add_argument("--labels", type=Path, metavar="labels.pdf", help="同時輸出地址標籤 PDF")
    p.add_argument("--envelopes", type=Path, metavar="envelopes.pdf", help="同時輸出信封 PDF")
    p.add_argument("--envelope-style", choices=["horizontal", "vertical"], default="horizontal",
                   help="信封樣式：horizontal 西式橫式（預設）、vertical 中式直式")
    p.add_argument("--mail-list", type=Path, metavar="掛號清單.xlsx",
                   help="同時輸出掛號郵件清單（.xlsx 或 .pdf）")
    p.set_defaults(func=cmd_notices)


def _date(text: str | None, label: str) -> Any:
    from lxp_desktop.domain.roc import parse_date

    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        raise SystemExit(f"{label}：{exc}") from None


def cmd_notices(args: argparse.Namespace) -> int:
    from lxp_desktop.domain.errors import ValidationFailed
    from lxp_desktop.io.mail_list import write_mail_list
    from lxp_desktop.printing.mail import render_envelopes, render_labels, render_mail_list
    from lxp_desktop.services import mailing, notices, scope
    from lxp_desktop.services.mailing import LiveNotices
    from lxp_desktop.services.students import find_student

    try:
        term = args.term
        issued = _date(args.date, "--date")
        deadline = _date(args.deadline, "--deadline")
    except (ValueError, SystemExit) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    if args.mail_list and args.mail_list.suffix.lower() not in (".xlsx", ".pdf"):
        print(t("--mail-list 的檔名要以 .xlsx 或 .pdf 結尾。"), file=sys.stderr)
        return EXIT_USAGE
    out: Path = args.out
    if not out.parent.exists():
        print(t("輸出資料夾不存在：") + str(out.parent), file=sys.stderr)
        return EXIT_USAGE
    if out.is_dir():
        print(t("--out 是資料夾，不是檔名；請指定 PDF 檔名，例如 %s").replace(
            "%s", str(out / "notices.pdf")), file=sys.stderr)
        return EXIT_USAGE
    if not os.access(out.parent, os.W_OK):
        print(t("無法寫入輸出資料夾（沒有寫入權限）：") + str(out.parent), file=sys.stderr)
        return EXIT_USAGE
    ws = _open(args, "命令列 notices")
    try:
        scope.require(ws.actor, "read:notice")
        scope.require(ws.actor, "write:notice")
        with ws.read() as session:
            if args.students:
                ids, unknown = [], []
                for no in (x.strip().upper() for x in args.students.split(",") if x.strip()):
                    s = find_student(session, no)
                    (unknown.append(no) if s is None or s.deleted else ids.append(s.id))
                if unknown:
                    print(t("找不到這些學號的學生：") + "、".join(unknown), file=sys.stderr)
                    return EXIT_PROBLEMS
            else:
                ids = [s.id for s in notices.departed_students(session, term)]
            if not ids:
                print(t("%s 沒有離校學生需要寄發紙本通知。").replace("%s", term.label))
                return EXIT_OK
            problems = notices.check(session, term, ids)
        if problems:
            print(t("無法產生通知，請先處理下列問題（沒有寫入任何資料）："), file=sys.stderr)
            for p in problems:
                print("  " + p.message, file=sys.stderr)
            return EXIT_PROBLEMS
        from datetime import date

        existed = out.exists()
        try:
            with ws.write("命令列 notices") as (session, actor):
                # the same use case as the 紙本通知 tab's 產生通知單
                result = mailing.issue_batch(session, actor, term, ids, out,
                                             today=issued or date.today(), deadline=deadline,
                                             live=args.live or mailing.ASK)
                made = mailing.notices_of(session, result.notice_ids)
                refs = [(n.reference, n.recipient) for n in made]
                extra_rows = notices.mail_rows(made, notices.postage(session))
                extra_addr = notices.addresses(made)
                school = notices.school_header(session)
                grid = notices.label_grid(session)
        except BaseException:
            if not existed:  # the PDF was put in place but the batch did not commit
                out.unlink(missing_ok=True)
            raise
        fallback = result.fallback
        if args.labels:
            render_labels(extra_addr, args.labels, grid)
        if args.envelopes:
            render_envelopes(extra_addr, args.envelopes, school, args.envelope_style)
        if args.mail_list:
            if args.mail_list.suffix.lower() == ".xlsx":
                write_mail_list(extra_rows, args.mail_list)
            else:
                render_mail_list(extra_rows, args.mail_list, school)
    except LiveNotices as exc:
        print(t("這些學生已有本學期的通知（沒有寫入任何資料）："), file=sys.stderr)
        for x in exc.live:
            print("  " + x.describe(), file=sys.stderr)
        print(t("要重印原通知請加 --live reprint；要作廢原通知並發新的請加 --live reissue。"),
              file=sys.stderr)
        return EXIT_PROBLEMS
    except ValidationFailed as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:  # the folder is full, read-only, or the file is open elsewhere
        print(t("無法寫入檔案，沒有記錄任何通知：") + f"{exc.filename or out}（{exc.strerror or exc}）",
              file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        ws.close()
    print(t("已產生 %n 份通知，共 %p 頁：").replace("%n", str(len(refs))).replace(
        "%p", str(result.pages)) + str(out))
    if result.reprinted:
        print(t("其中 %n 份是重印的原通知。").replace("%n", str(len(result.reprinted))))
    if result.voided:
        print(t("已作廢的原通知：") + "、".join(result.voided))
    for who, chars in fallback:
        print(t("使用備用字型印出罕用字：") + f"{who}（{'、'.join(chars)}）")
    for ref, name in refs:
        print(f"  {ref}  {name}")
    return EXIT_OK
