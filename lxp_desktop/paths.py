"""Every path the app uses, in one place (data folder, backups, attachments, resources)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


def data_dir() -> Path:
    """The folder of the local store: ``--data-dir``, then ``LXP_DATA_DIR``, then platformdirs."""
    if _override is not None:
        path = _override
    elif os.environ.get(DATA_DIR_ENV):
        path = Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return data_dir() / "lxp.sqlite3"


def blobs_dir() -> Path:
    path = data_dir() / "attachments"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


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
