"""Opening the local store and knowing who acts: what the window and the command line share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from lxp_desktop import paths
from lxp_desktop.services.context import Actor
from lxp_desktop.services.school import actor_for, ensure_local_admin
from lxp_desktop.store.db import Store, open_store


@dataclass
class Workspace:
    store: Store
    actor: Actor

    @classmethod
    def open(cls, data_dir: Path | None = None, source: str | None = None) -> Workspace:
        """Open (creating or migrating) the store in ``data_dir`` or the configured folder."""
        if data_dir is not None:
            paths.set_data_dir(data_dir)
        store = open_store(paths.database_path(), paths.backups_dir())
        with store.transaction() as s:
            staff = ensure_local_admin(s, store.workstation_id)
            actor = actor_for(staff, store.workstation_id, source)
        return cls(store, actor)

    @contextmanager
    def write(self, source: str | None = None) -> Iterator[tuple[Session, Actor]]:
        """One all-or-nothing unit of work as the current actor."""
        actor = self.actor.with_source(source) if source else self.actor
        with self.store.transaction() as session:
            yield session, actor

    def read(self) -> Session:
        return self.store.session()

    def close(self) -> None:
        self.store.close()
