"""The app's log: one rotating file in the user's log folder, with no national ID in it.

The Windows build has no console, so this file is the only trace of a failure in the field:
``setup`` is called first thing by every door (the window, the command line, the bundle's
self-test), ``install_excepthook`` logs whatever escapes with its traceback, and the window
shows where the file is (``ui/app.py``). Errors a user can act on (``domain.errors.UserError``)
are shown to them, not logged as failures.

Every line passes ``MaskNationalIds``: anything shaped like a 身分證統一編號 or a resident
certificate number (letter + 9 digits, or two letters + 8 digits) is masked as the window
masks it (``A12****789``), in the message, its arguments and the traceback.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import platformdirs

APP_NAME = "lxp-desktop"
LOG_DIR_ENV = "LXP_LOG_DIR"
FILE_NAME = "lxp-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 5

#: a national ID or resident certificate number standing on its own (not inside a longer
#: run of letters and digits, e.g. a hash)
_ID_SHAPE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][1289A-Da-d]\d{8}(?![0-9A-Za-z])")


def mask_ids(text: str) -> str:
    """``text`` with every national-ID-shaped string masked (``A12****789``)."""
    return _ID_SHAPE.sub(lambda m: m.group(0)[:3].upper() + "****" + m.group(0)[-3:], text)


class MaskNationalIds(logging.Filter):
    """Masks national-ID-shaped strings in a record's message and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string is logged as it is
            message = str(record.msg)
        record.msg, record.args = mask_ids(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_ids(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_ids(record.stack_info)
        return True


def log_dir() -> Path:
    """``LXP_LOG_DIR``, or the user's log folder (``%LOCALAPPDATA%\\lxp-desktop\\Logs`` on
    Windows, ``~/.local/state/lxp-desktop/log`` on Linux)."""
    env = os.environ.get(LOG_DIR_ENV)
    return Path(env) if env else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / FILE_NAME


_lock = threading.Lock()
_handler: logging.Handler | None = None


def setup(level: int = logging.INFO) -> Path | None:
    """Send the app's log to the rotating file (once per process); where it is, or None when
    the folder cannot be written (the app still runs)."""
    global _handler
    with _lock:
        path = log_path()
        if _handler is not None and getattr(_handler, "baseFilename", None) == str(path):
            return path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
        except OSError:
            return None
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"))
        handler.addFilter(MaskNationalIds())
        root = logging.getLogger()
        if _handler is not None:
            root.removeHandler(_handler)
            _handler.close()
        root.addHandler(handler)
        root.setLevel(min(root.level or level, level) if root.level else level)
        _handler = handler
        return path


def close() -> None:
    """Stop writing the file (a test's folder goes away; the app at exit)."""
    global _handler
    with _lock:
        if _handler is not None:
            logging.getLogger().removeHandler(_handler)
            _handler.close()
            _handler = None


ShowError = Callable[[BaseException, Path | None], None]


def install_excepthook(show: ShowError | None = None) -> None:
    """Whatever escapes (main thread or any other) is logged with its traceback, then
    ``show`` tells the person (the window's dialog) where the log is."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        logging.getLogger("lxp_desktop").critical("未處理的錯誤", exc_info=(kind, exc, tb))
        if show is not None:
            try:
                show(exc, log_path() if _handler is not None else None)
            except Exception:  # noqa: BLE001 - the dialog itself failed: the log has it
                logging.getLogger("lxp_desktop").exception("the error dialog failed")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            logging.getLogger("lxp_desktop").critical(
                "未處理的錯誤（執行緒 %s）", getattr(args.thread, "name", "?"),
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    sys.excepthook = hook
    threading.excepthook = thread_hook
