"""Time as a parameter: services and rules ask a clock, tests set it.

``SystemClock`` is the real one; ``FixedClock`` stands still (or moves when told), so a test
of a deadline, a confirmation period or a retention year does not depend on the day it runs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""
        ...

    def today(self) -> date:
        """Today's date where the school is (the computer's local day)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now().astimezone().date()


class FixedClock:
    """A clock for tests: ``now`` is what it was set to until ``advance``/``set`` move it."""

    def __init__(self, at: datetime | date) -> None:
        self.set(at)

    def set(self, at: datetime | date) -> None:
        if not isinstance(at, datetime):
            at = datetime(at.year, at.month, at.day, 9, 0).astimezone()
        elif at.tzinfo is None:
            at = at.replace(tzinfo=UTC)
        self._now = at.astimezone(UTC)

    def advance(self, days: float = 0, **delta: float) -> date:
        """Move on (one day when told nothing); returns the new day."""
        if not days and not delta:
            days = 1
        self._now += timedelta(days=days, **delta)
        return self.today()

    @property
    def day(self) -> date:
        """The day this clock says it is (setting it puts the clock at 09:00 that day)."""
        return self.today()

    @day.setter
    def day(self, value: date) -> None:
        self.set(value)

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.astimezone().date()


SYSTEM_CLOCK: Clock = SystemClock()
