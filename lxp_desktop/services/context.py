"""Who is acting, from which workstation, and through which door."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Actor:
    """The acting staff member. ``acting_for`` is set when acting as someone's 代理人."""

    staff_id: str | None
    name: str
    roles: frozenset[str]
    workstation: str
    acting_for: str | None = None
    #: where the write comes from, e.g. "表單", "匯入 roster.xlsx sha256=…"; kept in the audit log
    source: str | None = field(default=None, compare=False)

    def with_source(self, source: str) -> Actor:
        return replace(self, source=source)

    def as_proxy_for(self, staff_id: str) -> Actor:
        return replace(self, acting_for=staff_id)
