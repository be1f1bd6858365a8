"""Validation results shared by every door (form, import, sync, command line)."""

from __future__ import annotations

from typing import NamedTuple


class FieldError(NamedTuple):
    """One problem with one field; ``message`` is Traditional Chinese and says the fix."""

    field: str
    message: str


class ValidationFailed(Exception):
    """Raised by a service when a record breaks a rule; nothing has been written."""

    def __init__(self, errors: list[FieldError] | FieldError | str) -> None:
        if isinstance(errors, str):
            errors = [FieldError("", errors)]
        elif isinstance(errors, FieldError):
            errors = [errors]
        self.errors: list[FieldError] = list(errors)
        super().__init__("；".join(e.message for e in self.errors))

    def by_field(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for e in self.errors:
            out.setdefault(e.field, e.message)
        return out
