"""The registered-mail list (掛號郵件交寄清單) as an .xlsx workbook for the post office counter."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from lxp_desktop.io.tabular import safe_row
from lxp_desktop.printing.mail import MAIL_LIST_HEADERS, MailListRow


def write_mail_list(rows: Sequence[MailListRow], path: Path, title: str = "掛號郵件清單") -> None:
    """One sheet: headers in row 1, a line per letter from row 2 (registered number blank
    until the counter gives it, so the clerk can type it in)."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(MAIL_LIST_HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(safe_row([r.serial, r.recipient, r.postal_code, r.address,
                            r.registered_no or None]))
    for col, width in zip("ABCDE", (6, 18, 10, 50, 16), strict=True):
        ws.column_dimensions[col].width = width
    # postal codes and registered numbers are text: keep leading zeros
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=5):
        for cell in row:
            cell.number_format = "@"
    ws.freeze_panes = "A2"
    wb.save(path)
