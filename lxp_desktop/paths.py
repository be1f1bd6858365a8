"""Every path the app uses, in one place (data folder, backups, attachments, resources)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "lxp-desktop"
DATA_DIR_ENV = "LXP_DATA_DIR"

_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Override the data folder (``--data-dir``); ``None`` returns to the default."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


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


def resources_dir() -> Path:
    """``resources/`` beside the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def font_path(name: str = "NotoSansTC-Regular.ttf") -> Path:
    return resources_dir() / "fonts" / name


def translations_dir() -> Path:
    return resources_dir() / "translations"
