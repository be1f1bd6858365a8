"""How the window tells a failure: a user error by its message, anything else (a bug) as
"unexpected" with where the log is — its traceback is in the log (``lxp_desktop.log``)."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from lxp_desktop import log as app_log
from lxp_desktop.domain.errors import UserError

logger = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def is_user_error(exc: BaseException) -> bool:
    return isinstance(exc, UserError)


def describe(exc: BaseException, doing: str = "") -> str:
    """The sentence for the clerk: a user error's own message; for anything else that it
    was unexpected, nothing half-done was kept, and where the log with the details is."""
    if is_user_error(exc):
        return str(exc)
    text = tr("發生未預期的錯誤（%1），詳細內容已寫入記錄檔：\n%2\n請把這個檔案交給系統管理者。")
    return (doing + "\n" if doing else "") + text.replace(
        "%1", type(exc).__name__).replace("%2", str(app_log.log_path()))


def unexpected_dialog(exc: BaseException, parent: QWidget | None = None) -> QMessageBox:
    """The dialog of the excepthook: something went wrong that nobody planned for; the log's
    path can be selected and copied."""
    box = QMessageBox(QMessageBox.Icon.Critical, tr("LXP Desktop 發生錯誤"),
                      describe(exc), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("unexpected_error")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def show_unexpected(exc: BaseException, parent: QWidget | None = None) -> None:
    unexpected_dialog(exc, parent).exec()


_QT_LEVELS = {0: logging.DEBUG, 4: logging.INFO, 1: logging.WARNING, 2: logging.ERROR,
              3: logging.CRITICAL}


def qt_message_handler(mode: object, context: object, message: str) -> None:
    """Qt's own warnings and errors go to the log too (the Windows build has no console)."""
    raw = getattr(mode, "value", mode)
    level = _QT_LEVELS.get(raw if isinstance(raw, int) else -1, logging.WARNING)
    where = getattr(context, "file", None)
    logging.getLogger("qt").log(level, "%s%s", message, f" ({where})" if where else "")
    if level >= logging.WARNING and sys.stderr is not None:  # a terminal, when there is one
        print(message, file=sys.stderr)
