"""``lxp-desktop calendar`` and ``lxp-desktop progress``: the term's calendar, extensions,
a departed student's own end of the period, and the 進度 / 催繳名單 — the same service
functions as 工具 › 學期行事曆 and the 提交與收訖 tab's 進度 page."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from lxp_desktop.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, _open, semester_arg, t


class _Usage(Exception):
    pass


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    cal = sub.add_parser("calendar", parents=[common], help="學期行事曆：各項期限、展延")
    csub = cal.add_subparsers(dest="action", metavar="動作", required=True)
    show = csub.add_parser("show", parents=[common], help="列出學期的各項日期、狀態與規定出處")
    show.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
    show.set_defaults(func=cmd_show)
    st = csub.add_parser("set", parents=[common],
                         help="設定日期：KEY=開始~結束 或 KEY=日期（--defaults 採用預設值）")
    st.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
    st.add_argument("dates", nargs="*", metavar="KEY=DATE",
                    help="例如 certification=114/02/01~114/02/21、submit:修課紀錄=114/03/10")
    st.add_argument("--defaults", action="store_true", help="未指定的日期採用預設值並設定")
    st.set_defaults(func=cmd_set)
    ext = csub.add_parser("extend", parents=[common], help="展延上傳、認證或勾選期間（教學組、註冊組）")
    ext.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
    ext.add_argument("--window", required=True, choices=["upload", "certification", "selection"])
    who = ext.add_mutually_exclusive_group(required=True)
    who.add_argument("--teacher", metavar="帳號")
    who.add_argument("--class", dest="klass", metavar="班級代碼")
    who.add_argument("--all", action="store_true", help="全校")
    ext.add_argument("--until", required=True, metavar="114/03/01")
    ext.add_argument("--reason", required=True, metavar="原因")
    ext.set_defaults(func=cmd_extend)
    own = csub.add_parser("extend-period", parents=[common],
                          help="為離校生延長個別的收訖確認期限（紙本通知郵寄往返）")
    own.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
    own.add_argument("--students", required=True, metavar="學號,…")
    own.add_argument("--until", required=True, metavar="114/03/20")
    own.add_argument("--reason", required=True, metavar="原因")
    own.set_defaults(func=cmd_extend_period)

    pro = sub.add_parser("progress", parents=[common], help="進度與催繳名單（各類別、教師、班級）")
    pro.add_argument("--term", type=semester_arg, required=True, metavar="113-2")
    pro.add_argument("--by", choices=["teacher", "class"], help="輸出這種催繳名單")
    pro.add_argument("--xlsx", type=Path, metavar="催繳名單.xlsx", help="催繳名單存成 .xlsx")
    pro.add_argument("--pdf", type=Path, metavar="催繳名單.pdf", help="催繳名單存成 PDF（每位／每班一頁）")
    pro.set_defaults(func=cmd_progress)


def _date(text: str, label: str) -> date:
    from lxp_desktop.domain.roc import parse_date

    try:
        return parse_date(text.strip())
    except ValueError as exc:
        raise _Usage(f"{label}：{exc}") from None


def _parse_dates(items: list[str]) -> dict[str, tuple[date | None, date]]:
    out: dict[str, tuple[date | None, date]] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not value.strip():
            raise _Usage(t("日期要寫成 KEY=日期 或 KEY=開始~結束，例如 certification=114/02/01~114/02/21；")
                          + f"「{item}」")
        start_text, tilde, end_text = value.partition("~")
        if tilde:
            out[key.strip()] = (_date(start_text, key), _date(end_text, key))
        else:
            out[key.strip()] = (None, _date(value, key))
    return out


def _show_rows(rows: list[dict[str, Any]]) -> None:
    from lxp_desktop.domain.roc import format_roc

    for r in rows:
        span = (f"{format_roc(r['start'])}–{format_roc(r['end'])}" if r["start"]
                else format_roc(r["end"]))
        left = t("剩 %n 天").replace("%n", str(r["days_left"])) if r["state"] != "已截止" else ""
        mark = "" if r["set"] else t("（預設）")
        print(f"{r['key']:<22} {t(r['label'])}：{span}{mark}　{t(r['state'])} {left}".rstrip())
        print(f"{'':<22} {t('出處')}：{r['source']}")


def cmd_show(args: argparse.Namespace) -> int:
    from lxp_desktop.services import calendar

    ws = _open(args, "命令列 calendar show")
    try:
        with ws.read() as session:
            rows = calendar.as_rows(session, args.term)
            exts = calendar.extensions(session, args.term)
    finally:
        ws.close()
    if not rows:
        print(t("這個學期尚未建立；請先在「學期與班級」新增。"), file=sys.stderr)
        return EXIT_PROBLEMS
    _show_rows(rows)
    from lxp_desktop.domain.roc import format_roc

    for e in exts:
        print(t("展延：") + f"{e.window_label}　{e.target_label}　→ {format_roc(e.until)}　{e.reason}"
              f"（{e.granted_by}）")
    return EXIT_OK


def cmd_set(args: argparse.Namespace) -> int:
    from lxp_desktop.services import calendar

    try:
        values = _parse_dates(args.dates)
    except _Usage as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    if not values and not args.defaults:
        print(t("請指定要設定的日期，或用 --defaults 採用預設值。"), file=sys.stderr)
        return EXIT_USAGE
    ws = _open(args, "命令列 calendar set")
    try:
        with ws.write("命令列 calendar set") as (session, actor):
            changed = calendar.save(session, actor, args.term, values)
        with ws.read() as session:
            rows = calendar.as_rows(session, args.term)
    finally:
        ws.close()
    print(t("已設定 %n 項日期。").replace("%n", str(len(changed))))
    _show_rows(rows)
    return EXIT_OK


def cmd_extend(args: argparse.Namespace) -> int:
    from lxp_desktop.domain.roc import format_roc
    from lxp_desktop.services import calendar

    try:
        until = _date(args.until, "--until")
    except _Usage as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    scope = "all" if args.all else "teacher" if args.teacher else "class"
    ws = _open(args, "命令列 calendar extend")
    try:
        with ws.write("命令列 calendar extend") as (session, actor):
            target = calendar.resolve_target(session, args.term, scope,
                                             args.teacher or args.klass)
            ext = calendar.grant(session, actor, args.term, args.window, scope, target,
                                 until, args.reason)
            label = calendar._target_label(session, scope, ext.target_id)
    finally:
        ws.close()
    print(t("已展延 %1 至 %2：%3").replace("%1", t(calendar.window_label(args.window)))
          .replace("%2", format_roc(until)).replace("%3", label))
    return EXIT_OK


def cmd_extend_period(args: argparse.Namespace) -> int:
    from lxp_desktop.domain.roc import format_roc
    from lxp_desktop.services import confirmation
    from lxp_desktop.services.students import find_student

    try:
        until = _date(args.until, "--until")
    except _Usage as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    ws = _open(args, "命令列 calendar extend-period")
    try:
        with ws.write("命令列 calendar extend-period") as (session, actor):
            ids, unknown = [], []
            for no in (x.strip().upper() for x in args.students.split(",") if x.strip()):
                st = find_student(session, no)
                (unknown.append(no) if st is None or st.deleted else ids.append(st.id))
            if unknown:
                print(t("找不到這些學號：") + "、".join(unknown), file=sys.stderr)
                return EXIT_USAGE
            rows = confirmation.extend_for_students(session, actor, args.term, ids, until,
                                                    args.reason)
    finally:
        ws.close()
    print(t("已為 %n 位學生延長確認期限至 %1。").replace("%n", str(len(rows)))
          .replace("%1", format_roc(until)))
    return EXIT_OK


def cmd_progress(args: argparse.Namespace) -> int:
    from lxp_desktop.domain.roc import format_roc
    from lxp_desktop.services import calendar, progress
    from lxp_desktop.services.school import get_school

    if (args.xlsx or args.pdf) and not args.by:
        print(t("輸出催繳名單請加上 --by teacher 或 --by class。"), file=sys.stderr)
        return EXIT_USAGE
    for out in (args.xlsx, args.pdf):
        if out is not None and not out.parent.exists():
            print(t("輸出資料夾不存在：") + str(out.parent), file=sys.stderr)
            return EXIT_USAGE
    ws = _open(args, "命令列 progress")
    try:
        with ws.read() as session:
            rows = progress.rows(session, args.term)
            lists = progress.reminders(session, args.term, args.by) if args.by else []
            today = calendar.today_of(session)
            school = get_school(session)
    finally:
        ws.close()
    print(t("分組　名稱　未上傳　待認證　退回　未勾選　期限　剩餘天數"))
    for r in rows:
        deadline = format_roc(r.deadline) if r.deadline else t("未設定")
        left = "" if r.days_left is None else str(r.days_left)
        print(f"{t(r.group)}　{r.label}　{r.missing}　{r.uncertified}　{r.returned}　"
              f"{r.unselected}　{deadline}　{left}")
    if args.xlsx:
        progress.write_xlsx(lists, args.term, args.xlsx)
        print(args.xlsx)
    if args.pdf:
        pages = progress.render_pdf(lists, args.term, school.name if school else "", args.pdf,
                                    today)
        print(f"{args.pdf}（{pages} " + t("頁") + "）")
    return EXIT_OK
