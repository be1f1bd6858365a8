"""Work off the UI thread: one helper runs a job on QThreadPool and reports on the main thread.

A job is a plain function ``fn(progress)`` where ``progress(done, total, text)`` reports and
raises ``Cancelled`` when the clerk pressed cancel. The function opens its own database
session; only plain values travel back. Tests swap in ``SyncRunner`` to run jobs inline.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from lxp_desktop.domain.errors import UserError

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a job when the clerk cancelled it; the job must leave nothing half-done."""


Progress = Callable[[int, int, str], None]


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)


class JobHandle(QObject):
    """A running job: connect to its signals; ``cancel()`` asks it to stop."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)  # the exception, its traceback text

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._signals.progressed.emit(done, total, text)

    def _bind(self, signals: _Signals) -> None:
        self._signals = signals
        signals.progressed.connect(self.progressed)
        signals.finished.connect(self._finish)
        signals.failed.connect(self._fail)

    def _finish(self, result: object) -> None:
        self.done = True
        self.finished.emit(result)

    def _fail(self, exc: object, tb: str) -> None:
        self.done = True
        self.failed.emit(exc, tb)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], handle: JobHandle,
                 signals: _Signals) -> None:
        super().__init__()
        self.fn, self.handle, self.signals = fn, handle, signals

    def run(self) -> None:
        try:
            result = self.fn(self.handle.progress)
        except BaseException as exc:  # noqa: BLE001 - delivered to the UI thread
            if isinstance(exc, UserError | Cancelled):
                log.info("job stopped: %s", exc)
            else:  # a bug: its traceback in the log, whatever the handler shows
                log.error("job failed: %s", getattr(self.fn, "__qualname__", self.fn),
                          exc_info=exc)
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.finished.emit(result)


class ThreadRunner:
    """Runs jobs on the global thread pool."""

    def start(self, fn: Callable[[Progress], Any], *,
              done: Callable[[Any], None] | None = None,
              failed: Callable[[BaseException, str], None] | None = None,
              progress: Callable[[int, int, str], None] | None = None) -> JobHandle:
        handle = JobHandle()
        signals = _Signals()
        handle._bind(signals)
        handle._keep = signals  # type: ignore[attr-defined]
        if done:
            handle.finished.connect(done)
        if failed:
            handle.failed.connect(failed)
        if progress:
            handle.progressed.connect(progress)
        self._run(_Runnable(fn, handle, signals))
        return handle

    def _run(self, runnable: _Runnable) -> None:
        QThreadPool.globalInstance().start(runnable)


class SyncRunner(ThreadRunner):
    """Runs each job inline, for tests: its results arrive before ``start`` returns."""

    def _run(self, runnable: _Runnable) -> None:
        runnable.run()
