"""The rules of the check before a submission (預檢): each a code, a severity and a message.

A rule says what is wrong, where, and how to fix it, in Traditional Chinese; the service
``services/precheck.py`` finds the rows that break it (in SQL) and fills the template with
the row's values. ``categories`` names the submissions a blocking finding holds back
(a student's identity number is on every roster, so it holds back all of them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BLOCKING = "blocking"
WARNING = "warning"
SEVERITY_LABELS = {BLOCKING: "須修正", WARNING: "提醒"}

#: The categories of a submission (docs/domain.md §1); 課程諮詢紀錄 never leaves the school.
BASIC, COURSES, OUTCOMES, PERFORMANCES = "基本資料", "修課紀錄", "課程學習成果", "多元表現"
SUBMISSION_CATEGORIES: tuple[str, ...] = (BASIC, COURSES, OUTCOMES, PERFORMANCES)
NEVER_SUBMITTED = "課程諮詢紀錄"
ALL = SUBMISSION_CATEGORIES


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    #: the table whose row a finding points at (the tab opens it)
    table: str
    categories: tuple[str, ...]
    #: a ``str.format`` template over the finding's values; names the field and the fix
    template: str

    def message(self, **values: Any) -> str:
        return self.template.format(**values)


RULES: tuple[Rule, ...] = (
    Rule("S01", BLOCKING, "student", ALL,
         "{who}：身分證統一編號{problem}請在「學生基本資料」更正。"),
    Rule("S02", BLOCKING, "student", ALL,
         "{who}：缺少{fields}；每份名冊都以身分證號與出生日期識別學生，請在「學生基本資料」補齊。"),
    Rule("S03", WARNING, "student", (BASIC,),
         "{who}：學籍狀態「{status}」已離校，但沒有{fields}；收訖確認須以紙本郵寄通知，請補齊郵遞區號與通訊地址。"),
    Rule("E01", BLOCKING, "enrolment", (COURSES,),
         "{who}：{course}（{code}）沒有學期學業成績；請在「修課紀錄」填上成績（無成績者填 -1）。"),
    Rule("E02", BLOCKING, "course", (COURSES, OUTCOMES),
         "課程「{course}」的課程代碼有誤：{problem}請在課程資料更正。"),
    Rule("O01", BLOCKING, "outcome", (OUTCOMES,),
         "{who}：勾選提交的課程學習成果「{title}」狀態是「{status}」，尚未認證；請任課教師（或代理人）認證，或取消勾選。"),
    Rule("O02", BLOCKING, "outcome", (OUTCOMES,),
         "{who}：{year}學年度勾選了 {count} 件課程學習成果，超過上限 {cap} 件；請取消 {over} 件的勾選。"),
    Rule("O03", BLOCKING, "outcome", (OUTCOMES,),
         "{who}：課程學習成果「{title}」所屬的修課紀錄{problem}；課程學習成果只能登錄本人本學期有修的課，請更正或刪除。"),
    Rule("O04", BLOCKING, "outcome", (OUTCOMES,),
         "{who}：勾選提交的課程學習成果「{title}」沒有附加檔案；請附加成果檔案或取消勾選。"),
    Rule("P01", BLOCKING, "performance", (PERFORMANCES,),
         "{who}：{year}學年度勾選了 {count} 項多元表現，超過上限 {cap} 項；請取消 {over} 項的勾選。"),
    Rule("F01", BLOCKING, "attachment", (OUTCOMES, PERFORMANCES),
         "{who}：{owner}「{title}」的附件「{filename}」{problem}"),
    Rule("F02", BLOCKING, "attachment", (OUTCOMES, PERFORMANCES),
         "{who}：{owner}「{title}」的附件「{filename}」{problem}"),
    Rule("P02", BLOCKING, "performance", (PERFORMANCES,),
         "{who}：{year} 學年度有 {count} 項多元表現，超過每學年上限 {cap} 項（{pcs}各自新增，同步後合計）；請刪除 {over} 項。"),
    Rule("O05", BLOCKING, "outcome", (OUTCOMES,),
         "{who}：{term}有 {count} 件課程學習成果，超過每學期上限 {cap} 件（{pcs}各自新增，同步後合計）；請刪除 {over} 件。"),
    Rule("F03", WARNING, "attachment", (OUTCOMES, PERFORMANCES),
         "{who}：{owner}「{title}」的附件「{filename}」的檔案不在這台電腦上，無法上傳到共用資料庫（其他資料照常同步）；請把檔案放回附件資料夾，或刪除後重新附加。"),
    Rule("C01", BLOCKING, "cadre_record", (BASIC,),
         "{who}：幹部經歷「{unit} {position}」的{field} {date} 不在{term}（{start}–{end}）內；請更正日期或學期。"),
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}


@dataclass(frozen=True)
class Finding:
    """One row that breaks one rule: where it is (table, row id) and what to do."""

    code: str
    severity: str
    table: str
    row_id: str
    message: str
    categories: tuple[str, ...]

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCKING


def finding(rule_code: str, row_id: object, /, **values: Any) -> Finding:
    rule = BY_CODE[rule_code]
    return Finding(rule.code, rule.severity, rule.table, str(row_id), rule.message(**values),
                   rule.categories)


def blocking_for(findings: list[Finding], category: str) -> list[Finding]:
    """The blocking findings that hold back a submission of ``category``."""
    return [f for f in findings if f.blocking and category in f.categories]
