"""Child process of bench_foundation: start the real app on a store and report (JSON lines).

    python benchmarks/_start_child.py DATA_DIR [start|full]

It calls ``lxp_desktop.ui.app.start_gui('zh_TW', DATA_DIR)``; once the window is shown and its
first tab's first page is loaded (checked in a ``QTimer.singleShot(0, …)`` after show) it
prints ``{"event": "ready", …}`` at once — the parent measures from spawning the process to
reading that line. Then:

- ``start``: opens the 修課紀錄 tab once (a clerk's first click) and quits;
- ``daystart``: the day's first start (the parent cleared the day's backup mark): after the
  first click also waits for the automatic daily backup that start-up began in the background
  and reports when it was finished (ms since spawn) and where it went;
- ``full``: also times reloads of the 修課紀錄 tab (current term and 全部學期), scrolling
  (fetchMore), search keystrokes (學號 prefix, a surname, a class), and reports the peak
  resident memory (``common.peak_mb``) at the end.

Start-up signs in through the real sign-in dialog: a timer fills it with ``LXP_BENCH_USER``
/ ``LXP_BENCH_PASSWORD`` (default ``admin``/``demo``, the demo store's account) as soon as it
is shown, so no time is spent waiting for a person; the password check itself is included.

Every figure is in milliseconds (memory in MB); ``LXP_BENCH_SPAWN`` (epoch seconds, set by
the parent just before spawning) lets the child report when each start-up phase ended.
"""

from __future__ import annotations

import json
import os
import sys
import time

T_SPAWN = float(os.environ.get("LXP_BENCH_SPAWN", "nan"))
T_PYTHON = time.time()

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from lxp_desktop.ui.app import start_gui  # noqa: E402

T_IMPORTS = time.time()


def emit(**fields: Any) -> None:
    print(json.dumps(fields, ensure_ascii=False), flush=True)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def since_spawn(t: float) -> float:
    return ms(t - T_SPAWN)


def rss_mb() -> float:
    from common import peak_mb

    return round(peak_mb(), 1)


class Probe:
    def __init__(self, app: QApplication, window: Any) -> None:
        self.app = app
        self.window = window
        self.tab = window.record_tabs["enrolments"]

    def settle(self) -> None:
        """Let the view take in the new rows and repaint (offscreen)."""
        self.app.processEvents()

    def timed(self, action: Callable[[], None]) -> float:
        t = time.perf_counter()
        action()
        self.settle()
        return ms(time.perf_counter() - t)

    def open_tab(self) -> float:
        """A clerk's click on the 修課紀錄 tab: showEvent → reload of the current term."""
        took = self.timed(lambda: self.window.tabs.setCurrentWidget(self.tab))
        assert self.tab.model.rowCount() > 0, "修課紀錄 tab shows no rows"
        return took

    def set_term_index(self, index: int) -> float:
        """Choose an entry of the term box (0 = 全部學期), as a clerk would."""
        box = self.window.term_box
        return self.timed(lambda: box.setCurrentIndex(index))

    def reloads(self, n: int = 5) -> list[float]:
        return [self.timed(self.tab.reload) for _ in range(n)]

    def until_reset(self, action: Callable[[], None]) -> float:
        """From an action (a keystroke) to the model's reset with the new rows."""
        model = self.tab.model
        loop = QEventLoop()
        model.modelReset.connect(loop.quit)
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        guard.start(10_000)
        t = time.perf_counter()
        action()
        loop.exec()
        took = time.perf_counter() - t
        guard.stop()
        model.modelReset.disconnect(loop.quit)
        self.settle()
        return ms(took)

    def type_text(self, text: str) -> list[float]:
        """Type ``text`` into the search box one key at a time; one timing per keystroke.

        Each character arrives as a key press carrying its text (for 王 that is what the input
        method's commit amounts to for the line edit).
        """
        box = self.tab.search
        box.setFocus()

        def key(c: str) -> None:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(box, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, c))

        out = [self.until_reset(lambda c=c: key(c)) for c in text]
        assert box.text() == text, (box.text(), text)
        self.until_reset(box.clear)
        return out

    def deep_scroll(self, row: int, pages: int = 5) -> tuple[int, list[float]]:
        """Scroll down to ``row`` (not timed), then time the next ``pages`` pages."""
        model = self.tab.model
        while model.rowCount() < row and model.canFetchMore():
            model.fetchMore()
        reached = model.rowCount()
        return reached, self.scroll(pages)

    def scroll(self, pages: int = 5) -> list[float]:
        model = self.tab.model
        out = []
        for _ in range(pages):
            if not model.canFetchMore():
                break
            out.append(self.timed(model.fetchMore))
        self.tab.view.scrollToBottom()
        self.settle()
        return out


#: the next 200 rows are timed again this deep into the 全部學期 list (keyset paging: the
#: same cost as at the top)
DEEP_ROW = 20_000


def full(probe: Probe) -> dict[str, Any]:
    out: dict[str, Any] = {}
    term_index = probe.window.term_box.currentIndex()
    out["term_reload_ms"] = probe.reloads()
    out["term_total_rows"] = probe.tab.model.total
    out["term_fetch_more_ms"] = probe.scroll()
    out["all_switch_ms"] = probe.set_term_index(0)
    out["all_reload_ms"] = probe.reloads()
    out["all_total_rows"] = probe.tab.model.total
    out["all_fetch_more_ms"] = probe.scroll()
    out["all_deep_row"], out["all_deep_fetch_more_ms"] = probe.deep_scroll(DEEP_ROW)
    searches: dict[str, list[float]] = {}
    for text in ("1150123", "王", "301"):
        searches[text] = probe.type_text(text)
    out["all_search_ms"] = searches
    out["term_switch_ms"] = probe.set_term_index(term_index)
    searches = {}
    for text in ("1150123", "王", "301", "陳怡"):
        searches[text] = probe.type_text(text)
    out["term_search_ms"] = searches
    out["term_rows_after"] = probe.tab.model.total
    out["rss_mb"] = rss_mb()
    return out


def daystart(app: QApplication, window: Any) -> dict[str, Any]:
    """Wait for the daily backup start-up began in the background; when it ended, its file."""
    from PySide6.QtCore import QThreadPool

    from lxp_desktop.services import backups

    QThreadPool.globalInstance().waitForDone(120_000)
    app.processEvents()  # its "done" message reaches the window
    t_done = time.time()
    made = backups.list_backups()
    return {"backup_done_ms": since_spawn(t_done),
            "backup_file": made[0].name if made else None,
            "backup_mb": round(made[0].stat().st_size / 1e6, 1) if made else None,
            "status": window.statusBar().currentMessage()}


class SignInAnswer:
    """Fills the sign-in dialog the moment it is shown (no person waiting at the keyboard)."""

    def __init__(self) -> None:
        self.shown: float | None = None
        self.accepted: float | None = None
        self.timer = QTimer()
        self.timer.timeout.connect(self.poll)
        self.timer.start(1)

    def poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.objectName().startswith("sign_in"):
            return
        self.timer.stop()
        self.shown = time.time()
        dialog.username.setText(os.environ.get("LXP_BENCH_USER", "admin"))
        dialog.password.setText(os.environ.get("LXP_BENCH_PASSWORD", "demo"))
        if dialog.objectName() == "sign_in_setup":  # a store without accounts
            dialog.name.setText("Benchmark")
            dialog.repeat.setText(dialog.password.text())
        dialog.try_accept()
        self.accepted = time.time()
        if dialog.isVisible():
            emit(event="error", message="sign-in refused: " + dialog.message.text())
            dialog.reject()


def main() -> int:
    data_dir = Path(sys.argv[1])
    mode = sys.argv[2] if len(sys.argv) > 2 else "start"
    t_gui = time.time()
    app = QApplication.instance() or QApplication(sys.argv[:1])  # start_gui reuses it
    answer = SignInAnswer()
    app, window = start_gui("zh_TW", data_dir)
    t_shown = time.time()
    if window is None:
        emit(event="error", message="start_gui returned no window (store refused)")
        return 1

    def ready() -> None:
        tab = window.tabs.currentWidget()
        model = getattr(tab, "model", None)
        if not window.isVisible() or (model is not None and model.rowCount() == 0):
            QTimer.singleShot(5, ready)  # first page not there yet
            return
        t_ready = time.time()
        phases = {"python_up": since_spawn(T_PYTHON), "imports_done": since_spawn(T_IMPORTS),
                  "start_gui_called": since_spawn(t_gui)}
        if answer.shown and answer.accepted:
            phases["sign_in_shown"] = since_spawn(answer.shown)
            phases["sign_in_accepted"] = since_spawn(answer.accepted)
        phases["start_gui_returned"] = since_spawn(t_shown)
        phases["first_page_ready"] = since_spawn(t_ready)
        emit(event="ready", phases_ms=phases, first_tab=tab.objectName(),
             first_tab_rows=model.rowCount() if model is not None else None, rss_mb=rss_mb())
        try:
            probe = Probe(app, window)
            result: dict[str, Any] = {"open_enrolments_ms": probe.open_tab(),
                                      "current_term": window.current_term()}
            if mode == "full":
                result.update(full(probe))
            if mode == "daystart":
                result.update(daystart(app, window))
            result["rss_mb"] = rss_mb()
            emit(event="result", **result)
        except Exception as exc:  # noqa: BLE001 - reported to the parent
            emit(event="error", message=f"{type(exc).__name__}: {exc}")
        finally:
            window.close()
            app.quit()

    QTimer.singleShot(0, ready)
    code = app.exec()
    window.workspace.close()
    return int(code)


if __name__ == "__main__":
    raise SystemExit(main())
