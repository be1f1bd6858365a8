"""Opening the local store and knowing who acts: what the window and the command line share.

A workspace opens with nobody signed in (``actor`` has no roles, so every service refuses it);
``set_up`` (first start: the first administrator), ``sign_in`` and ``lock`` change who acts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from lxp_desktop import paths
from lxp_desktop.domain.clock import SYSTEM_CLOCK, Clock
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import accounts
from lxp_desktop.services.calendar import set_clock
from lxp_desktop.services.context import Actor
from lxp_desktop.services.unit import UnitOfWork
from lxp_desktop.store.db import Store, open_store


@dataclass
class Workspace:
    store: Store
    actor: Actor
    source: str | None = None
    #: what every unit of work made here reads the time from (the calendar's windows, the
    #: confirmation period, the stamps of its writes); tests set a FixedClock
    clock: Clock = field(default=SYSTEM_CLOCK)

    @classmethod
    def open(cls, data_dir: Path | None = None, source: str | None = None, *,
             username: str | None = None, password: str | None = None) -> Workspace:
        """Open (creating or migrating) the store; sign in when ``username`` is given."""
        if data_dir is not None:
            paths.set_data_dir(data_dir)
        store = open_store(paths.database_path(), paths.backups_dir())
        ws = cls(store, accounts.nobody(store.workstation_id, source), source)
        if username is not None:
            try:
                ws.sign_in(username, password or "")
            except BaseException:
                store.close()
                raise
        return ws

    # --- who acts ------------------------------------------------------------------------
    @property
    def signed_in(self) -> bool:
        return self.actor.staff_id is not None

    def needs_setup(self) -> bool:
        with self.store.session() as s:
            return accounts.needs_setup(s)

    @property
    def joining(self) -> bool:
        """The PC's first copy of the school's shared database was cut: only a sync (which
        finishes it) may run; no administrator of its own may be set up meanwhile."""
        from lxp_desktop.sync.engine import JOINING_KEY

        return self.store.meta(JOINING_KEY) == "1"

    def set_up(self, username: str, name: str, password: str) -> Actor:
        """First start: create the administrator and sign in as them."""
        if self.joining:
            raise ValidationFailed(
                "這台電腦正在加入學校的共用資料庫，第一次同步尚未完成：請先完成同步"
                "（「完成加入學校」或 lxp-desktop sync），再以您在學校的帳號登入；"
                "不另建系統管理者。")
        with self.store.transaction() as s:
            accounts.set_up_admin(s, self.store.workstation_id, username, name, password)
        return self.sign_in(username, password)

    def sign_in(self, username: str, password: str) -> Actor:
        self.actor = accounts.sign_in(self.store, username, password, self.source)
        return self.actor

    def lock(self) -> None:
        """Nobody acts until someone signs in again (idle lock, sign-out)."""
        self.actor = accounts.nobody(self.store.workstation_id, self.source)

    # --- units of work ---------------------------------------------------------------------
    @contextmanager
    def write(self, source: str | None = None) -> Iterator[tuple[Session, Actor]]:
        """One all-or-nothing unit of work as the current actor."""
        if not self.signed_in:
            raise ValidationFailed("請先登入：尚未登入的使用者不能修改任何資料。")
        actor = self.actor.with_source(source) if source else self.actor
        with self.store.transaction() as session:
            set_clock(session, self.clock)
            yield session, actor

    @contextmanager
    def unit(self, source: str | None = None) -> Iterator[UnitOfWork]:
        """``write`` as a typed unit of work: session, actor, clock and its Writer."""
        with self.write(source) as (session, actor):
            yield UnitOfWork(session, actor, self.clock)

    def read(self) -> Session:
        return set_clock(self.store.session(), self.clock)

    def reopen(self, keep_actor: bool = False) -> None:
        """Open the store file again: after a restore whoever acted must sign in again."""
        path = self.store.path or paths.database_path()
        self.store.close()
        self.store = open_store(path, paths.backups_dir())
        if not keep_actor:
            self.lock()

    def close(self) -> None:
        self.store.close()
