"""The registered-mail list (掛號郵件交寄清單) as an .xlsx workbook for the post office counter."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from lxp_desktop.io.tabular import safe_row
from lxp_desktop.printing.mail import MAIL_LIST_HEADERS, MailListRow


def write_mail_list(rows: Sequence[MailListRow], path: Path, title: str = "大宗掛號函件執據") -> None:
    """One sheet in the columns of the 大宗掛號函件執據: headers in row 1, a line per letter
    from row 2. 掛號號碼 stays blank until the counter gives it: the clerk types it in and
    imports the sheet back (紙本通知 › 匯入郵局掛號號碼清單), matched by 參考編號."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(MAIL_LIST_HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(safe_row([r.serial, r.registered_no or None, r.recipient, r.postal_code,
                            r.address, r.postage, r.note or None, r.reference or None]))
    for col, width in zip("ABCDEFGH", (8, 16, 24, 9, 48, 7, 16, 14), strict=True):
        ws.column_dimensions[col].width = width
    # registered numbers, postal codes and references are text: keep leading zeros
    for row in ws.iter_rows(min_row=2):
        for cell in (row[1], row[3], row[7]):
            cell.number_format = "@"
    ws.freeze_panes = "A2"
    wb.save(path)
