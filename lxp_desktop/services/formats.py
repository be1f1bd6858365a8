"""The roster layouts in force: the versions shipped with the app and those a school dropped
into the ``formats`` folder of its data folder (docs/formats.md). Checked when the app or a
command starts, so a wrong file is named before anything is exported or read."""

from __future__ import annotations

from pathlib import Path

from lxp_desktop import paths
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.io import formats as io_formats
from lxp_desktop.io.formats import Format, FormatError

#: the folder of the data folder where a school puts a newer layout file
SCHOOL_FOLDER = "formats"
_cache: dict[Path, list[Format]] = {}


def school_dir() -> Path:
    return paths.data_dir() / SCHOOL_FOLDER


def active() -> list[Format]:
    """Every format version in force, oldest first (a school's file wins over a shipped one
    of the same version); raises ValidationFailed naming a wrong file."""
    where = school_dir()
    found = _cache.get(where)
    if found is None:
        try:
            found = io_formats.load_formats([io_formats.builtin_dir(), where])
        except FormatError as exc:
            raise ValidationFailed(str(exc)) from None
        _cache[where] = found
    return found


def reload() -> list[Format]:
    """Read the layout files again (after a school dropped a new one in)."""
    _cache.pop(school_dir(), None)
    return active()


def format_for(school_year: int) -> Format:
    try:
        return io_formats.choose(active(), school_year)
    except FormatError as exc:
        raise ValidationFailed(str(exc)) from None


def check_at_start() -> str | None:
    """The message for a wrong layout file (None: every file is fine); read afresh."""
    try:
        reload()
    except ValidationFailed as exc:
        return str(exc)
    return None
