"""Errors a user can act on, shared by every door (form, import, sync, command line).

``UserError`` and its kinds carry a message for the clerk (Traditional Chinese, saying what to
do); a door shows it and never a traceback. Anything else raised is a bug: it is logged with
its traceback (``lxp_desktop.log``) and the window says where the log is.
"""

from __future__ import annotations

from typing import NamedTuple


class FieldError(NamedTuple):
    """One problem with one field; ``message`` is Traditional Chinese and says the fix."""

    field: str
    message: str


class UserError(Exception):
    """A problem the person at the keyboard can act on; ``str(error)`` says what and how."""


class StoreBusy(UserError):
    """Another program (an import, a backup, another window) held the store's write lock
    longer than the bounded wait; nothing of this unit of work was written."""


class ValidationFailed(UserError):
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
