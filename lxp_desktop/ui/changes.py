"""After every write, one signal that says which tables changed; views refresh themselves."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    changed = Signal(object)  # a frozenset of table names

    def notify(self, *tables: str) -> None:
        self.changed.emit(frozenset(tables))
