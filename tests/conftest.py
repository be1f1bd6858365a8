"""Shared fixtures: a fresh data folder and store per test, offscreen Qt, isolated settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

from lxp_desktop import paths  # noqa: E402


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder; nothing touches the user's real store."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    paths.set_data_dir(None)
    yield folder
    paths.set_data_dir(None)


@pytest.fixture
def workspace(data_dir: Path):  # type: ignore[no-untyped-def]
    from lxp_desktop.services.workspace import Workspace

    ws = Workspace.open(data_dir)
    yield ws
    ws.close()


@pytest.fixture
def school(workspace):  # type: ignore[no-untyped-def]
    """A small school: 113-1 and 113-2, classes 101 and 301, two teachers, three students."""
    from tests.makers import make_small_school

    return make_small_school(workspace)
