"""Shared fixtures: a fresh data folder and store per test, offscreen Qt, isolated settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
# never the operating system's credential store (the fixture below puts one in memory)
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from lxp_desktop import paths  # noqa: E402


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder; nothing touches the user's real store."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    # the command line signs in as the test administrator (a test may name another --user)
    from tests.makers import ADMIN_PASSWORD, ADMIN_USER

    monkeypatch.setenv("LXP_USER", ADMIN_USER)
    monkeypatch.setenv("LXP_PASSWORD", ADMIN_PASSWORD)
    paths.set_data_dir(None)
    yield folder
    paths.set_data_dir(None)


@pytest.fixture(scope="session")
def qapp_args(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The offscreen screen is the office PC's: 1366×768 (``LXP_TEST_SCREEN`` for another)."""
    from lxp_desktop.ui.screens import offscreen_platform

    folder = tmp_path_factory.mktemp("screen")
    return ["pytest", "-platform",
            offscreen_platform(os.environ.get("LXP_TEST_SCREEN", "1366x768"), folder)]


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashes() -> Iterator[None]:
    """Argon2 at its real cost takes ~0.1 s a hash; tests use the same code with tiny costs."""
    from argon2 import PasswordHasher

    from lxp_desktop.services import accounts

    real = accounts.HASHER
    accounts.HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    yield
    accounts.HASHER = real


@pytest.fixture
def workspace(data_dir: Path):  # type: ignore[no-untyped-def]
    """The store in ``data_dir``, signed in as its administrator (created on first open)."""
    from tests.makers import open_as_admin

    ws = open_as_admin(data_dir)
    yield ws
    ws.close()


@pytest.fixture
def school(workspace):  # type: ignore[no-untyped-def]
    """A small school: 113-1 and 113-2, classes 101 and 301, two teachers, three students."""
    from tests.makers import make_small_school

    return make_small_school(workspace)


class _MemoryKeyring:
    """A credential store in memory: tests never touch the operating system's keyring."""

    priority = 1

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring():  # type: ignore[no-untyped-def]
    import keyring
    from keyring.backend import KeyringBackend

    backend_cls = type("MemoryKeyring", (_MemoryKeyring, KeyringBackend), {})
    backend = backend_cls()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture(autouse=True, scope="session")
def _every_change_to_a_synced_row_is_versioned() -> Iterator[None]:
    """A synced row the ORM updates without a new version was changed around the one write
    path: no audit entry, no outbox entry, and the next pull puts the server's value back.
    Every test fails on such a write (the services' writes raise the version)."""
    from sqlalchemy import event, inspect
    from sqlalchemy.orm import Session

    from lxp_desktop.store.models import SyncMixin

    def check(session: Session, _context: object, _instances: object) -> None:
        for obj in session.dirty:
            if not isinstance(obj, SyncMixin) or not session.is_modified(obj):
                continue
            state = inspect(obj)
            changed = [a.key for a in state.attrs if a.history.has_changes()]
            if changed and "version" not in changed:
                raise AssertionError(f"{type(obj).__name__} changed without a new version "
                                     f"(so never synced): {', '.join(changed)}")

    event.listen(Session, "before_flush", check)
    yield
    event.remove(Session, "before_flush", check)
