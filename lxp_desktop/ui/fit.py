"""Windows that fit the office PC's screen (1366×768, 100–125 %), and the checks that say so.

- :func:`scrolled` puts a long form in a scroll area, so a dialog taller than the screen
  scrolls its fields and keeps 確定/取消 in view.
- :func:`fit_to_screen` sizes a window to what it needs, never more than the screen's
  available area (the taskbar excluded), and keeps it on the screen.
- :func:`overflows` and :func:`cut_labels` are what the tests and ``tools/screens.py``
  assert: a window larger than the screen, a label whose text does not fit its widget.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QLabel,
    QScrollArea,
    QWidget,
)

#: what a title bar and a window frame take on Windows at 100–125 %
FRAME = QSize(16, 40)


def available(widget: QWidget | None = None) -> QRect:
    screen = (widget.screen() if widget is not None else None) or \
        QGuiApplication.primaryScreen()
    return screen.availableGeometry()


class ScrollArea(QScrollArea):
    """Asks for its whole content's size (so a window grows to it when the screen has room)
    and needs only a few lines' height (so a short screen scrolls instead of cutting)."""

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint()
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width() + 2,
                     hint.height() + 2)

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().minimumSizeHint()
        return QSize(content.minimumSizeHint().width()
                     + self.verticalScrollBar().sizeHint().width() + 2, 120)


def scrolled(content: QWidget, parent: QWidget | None = None) -> ScrollArea:
    """``content`` in a frameless scroll area that scrolls vertically."""
    area = ScrollArea(parent)
    area.setObjectName("scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


def fit_to_screen(window: QWidget, wanted: QSize | None = None) -> QSize:
    """Resize ``window`` to ``wanted`` (default: its size hint), cut to the screen."""
    room = available(window)
    want = wanted or window.sizeHint().expandedTo(window.minimumSizeHint())
    width = min(max(want.width(), window.minimumWidth()), room.width() - FRAME.width())
    height = min(want.height(), room.height() - FRAME.height())
    window.resize(width, height)
    frame = window.frameGeometry()
    if not room.contains(frame):
        x = max(room.left(), min(frame.left(), room.right() - frame.width()))
        y = max(room.top(), min(frame.top(), room.bottom() - frame.height() - FRAME.height()))
        window.move(x, y)
    return QSize(width, height)


def overflows(window: QWidget) -> str | None:
    """Why ``window`` does not fit the screen, or None."""
    room = available(window)
    size = window.size()
    if window.isMaximized():
        if not room.contains(window.geometry()):
            return f"{window.objectName()} maximised is {size.width()}×{size.height()}"
    elif size.width() + FRAME.width() > room.width() or size.height() + FRAME.height() > room.height():
        return (f"{window.objectName() or type(window).__name__} is {size.width()}×{size.height()}"
                f" on a {room.width()}×{room.height()} screen")
    hint = window.minimumSizeHint()
    if hint.height() > size.height() or hint.width() > size.width():
        return (f"{window.objectName() or type(window).__name__} needs at least "
                f"{hint.width()}×{hint.height()} and is {size.width()}×{size.height()}")
    return None


def cut_labels(root: QWidget) -> list[str]:
    """Labels and buttons under ``root`` whose text does not fit the space they have."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if not text or widget.pixmap() is not None and not widget.pixmap().isNull():
                continue
            if widget.textFormat() == Qt.TextFormat.RichText or (
                    widget.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text):
                continue
            inner = widget.contentsRect()
            metrics = widget.fontMetrics()
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + 1:
                    problems.append(f"「{text[:30]}」 needs {need}px, has {widget.height()}px")
                continue
            for line in text.replace("&&", "&").split("\n"):
                shown = line.replace("&", "") if widget.buddy() is not None else line
                need_w = metrics.horizontalAdvance(shown)
                if need_w > inner.width() + 1:
                    problems.append(f"「{line[:30]}」 needs {need_w}px, has {inner.width()}px")
                    break
            lines = text.count("\n") + 1
            if metrics.height() * lines > inner.height() + 2:
                problems.append(f"「{text[:30]}」 needs {metrics.height() * lines}px high, "
                                f"has {inner.height()}px")
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.sizeHint()
            if hint.width() > widget.width() + 1:
                problems.append(f"button 「{widget.text()[:30]}」 needs {hint.width()}px, "
                                f"has {widget.width()}px")
    return problems
