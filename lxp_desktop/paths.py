"""Every path the app uses, in one place (data folder, backups, attachments, resources)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import platformdirs

APP_NAME = "lxp-desktop"
DATA_DIR_ENV = "LXP_DATA_DIR"

_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Override the data folder (``--data-dir``); ``None`` returns to the default."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


@contextmanager
def temporary_data_dir(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Point the data folder at ``path`` for a while (``self-test``), then back."""
    global _override
    previous = _override
    set_data_dir(path)
    try:
        yield data_dir()
    finally:
        _override = previous


#: files and folders of the user's data are theirs alone (national IDs, grades, addresses)
PRIVATE_UMASK = 0o077


def private_umask() -> None:
    """From now on this process creates files 0600 and folders 0700 (POSIX): the store, its
    journal, backups, reports, exports and packages. Called by the entry points; on Windows
    the data lives in the user's own profile, whose ACL already keeps others out."""
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user only; tighten it if it is open."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(0o700)
        except OSError:  # pragma: no cover - a file system without modes
            pass
    return path


def private_file(path: Path) -> Path:
    """Make an existing file readable and writable by the user only (POSIX)."""
    if os.name == "posix":
        try:
            if path.stat().st_mode & 0o077:
                path.chmod(path.stat().st_mode & 0o700)
        except OSError:  # pragma: no cover - gone, or a file system without modes
            pass
    return path


@contextmanager
def new_file(path: Path) -> Iterator[tuple[Path, BinaryIO]]:
    """Create a new file at ``path``, or at ``stem (2).ext``, ``(3)``… when that name is taken:
    never over an existing file (created exclusively, so two writers cannot meet). 0600."""
    stem, suffix = path.stem, path.suffix
    n = 1
    while True:
        candidate = path if n == 1 else path.with_name(f"{stem} ({n}){suffix}")
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o600)
            break
        except FileExistsError:
            n += 1
    with os.fdopen(fd, "wb") as fh:
        yield candidate, fh


def data_dir() -> Path:
    """The folder of the local store: ``--data-dir``, then ``LXP_DATA_DIR``, then platformdirs.
    Created (or tightened) readable by the user only."""
    if _override is not None:
        path = _override
    elif os.environ.get(DATA_DIR_ENV):
        path = Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return private_dir(path)


def database_path() -> Path:
    return data_dir() / "lxp.sqlite3"


def blobs_dir() -> Path:
    return private_dir(data_dir() / "attachments")


def backups_dir() -> Path:
    return private_dir(data_dir() / "backups")


def bundle_dir() -> Path | None:
    """The folder of a PyInstaller bundle's files (``sys._MEIPASS``), or ``None`` from source."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else None


def resources_dir() -> Path:
    """``resources/`` beside the package, or inside a PyInstaller bundle."""
    bundle = bundle_dir()
    if bundle is not None:
        return bundle / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def migrations_dir() -> Path:
    """The Alembic scripts: read from disk (Alembic loads version files by path), so a bundle
    carries them as data files at ``lxp_desktop/store/migrations``."""
    bundle = bundle_dir()
    if bundle is not None:
        return bundle / "lxp_desktop" / "store" / "migrations"
    return Path(__file__).resolve().parent / "store" / "migrations"


def font_path(name: str = "NotoSansTC-Regular.ttf") -> Path:
    return resources_dir() / "fonts" / name


def translations_dir() -> Path:
    return resources_dir() / "translations"


#: the PNG sizes of the app's icon (what Windows and the freedesktop icon theme ask for)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icons_dir() -> Path:
    return resources_dir() / "icons"


def app_icon_path(size: int | None = None) -> Path:
    """The app's icon: the SVG source, or the PNG of ``size`` pixels."""
    if size is None:
        return icons_dir() / "lxp-desktop.svg"
    return icons_dir() / f"lxp-desktop-{size}.png"
