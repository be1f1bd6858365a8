"""``lxp-desktop promote``: the year's turn (升級作業) from the command line.

Without ``--yes`` it only shows the preview (what would happen to each class and student);
with ``--yes`` it writes it all in one transaction. ``--undo 114`` puts back the promotion
into 114 學年度, as long as nothing of that year has been written since.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from lxp_desktop.cli import EXIT_OK, EXIT_USAGE, _open, t


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("promote", parents=[common],
                       help="升級作業：各班升上一個年級、三年級畢業、延修留在原年級（預設只預覽）")
    p.add_argument("--from", dest="from_year", type=int, metavar="113",
                   help="從哪一個學年度升級（升到下一個學年度）")
    p.add_argument("--graduation-date", metavar="114/07/31",
                   help="三年級學生的畢業日期（學籍異動日期）")
    p.add_argument("--map", metavar="101=201,…",
                   help="改變班級對應（原班級=新班級，逗號分隔）；預設為同班號升一個年級")
    p.add_argument("--student", metavar="學號=重讀,…",
                   help="個別學生的處理方式（升級、畢業、延修、重讀；逗號分隔）")
    p.add_argument("--yes", action="store_true", help="確認並寫入（沒有此參數時只預覽）")
    p.add_argument("--undo", type=int, metavar="114",
                   help="復原升到這個學年度的升級作業（該學年度尚未寫入任何紀錄時）")
    p.set_defaults(func=cmd_promote)


def _pairs(text: str | None, what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in (x.strip() for x in (text or "").split(",") if x.strip()):
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(t("%1 的格式應為「甲=乙」，以逗號分隔；讀到「%2」。")
                             .replace("%1", what).replace("%2", part))
        out[key.strip().upper() if what == "--student" else key.strip()] = value.strip()
    return out


def cmd_promote(args: argparse.Namespace) -> int:
    from lxp_desktop.domain.roc import format_roc, parse_date
    from lxp_desktop.services import promotion

    if args.undo is not None:
        ws = _open(args, "命令列 promote --undo")
        try:
            with ws.write() as (session, actor):
                n = promotion.undo(session, actor, args.undo)
            print(t("已復原 %1 學年度的升級作業：%2 位學生回到升級前的班級與學籍狀態。")
                  .replace("%1", str(args.undo)).replace("%2", str(n)))
            return EXIT_OK
        finally:
            ws.close()
    if args.from_year is None or not args.graduation_date:
        print(t("請指定 --from 學年度 與 --graduation-date 畢業日期（例如 --from 113 "
                "--graduation-date 114/07/31）；或以 --undo 學年度 復原。"), file=sys.stderr)
        return EXIT_USAGE
    try:
        graduation = parse_date(args.graduation_date)
        mapping = _pairs(args.map, "--map")
        actions = _pairs(args.student, "--student")
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    ws = _open(args, "命令列 promote")
    try:
        if not args.yes:
            with ws.read() as session:
                plan = promotion.preview(session, args.from_year, graduation, mapping=mapping,
                                         actions=actions)
                print(promotion.describe(plan))
            print(t("（僅預覽，沒有寫入任何資料；確認無誤後加上 --yes 執行。）"))
            return EXIT_OK
        with ws.write() as (session, actor):
            plan = promotion.preview(session, args.from_year, graduation, mapping=mapping,
                                     actions=actions)
            result = promotion.promote(session, actor, plan)
        shown = "、".join(f"{k} {v}" for k, v in result.counts.items())
        print(t("升級作業完成：%1 → %2 學年度，%3（人）；新建班級 %4 個；畢業日期 %5。")
              .replace("%1", str(plan.from_year)).replace("%2", str(result.to_year))
              .replace("%3", shown).replace("%4", str(result.classes_made))
              .replace("%5", format_roc(graduation)))
        return EXIT_OK
    finally:
        ws.close()
