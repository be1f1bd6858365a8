"""Every model module, imported once, so the metadata (and Alembic) sees every table.

A capability that adds tables puts them in a module of its own under ``store/`` and adds
its import here.
"""

from lxp_desktop.store import (  # noqa: F401
    anchor_models,
    duty_models,
    models,
    notice_models,
    roster_models,
    submission_models,
    sync_models,
)
from lxp_desktop.store.models import Base, SyncMixin

metadata = Base.metadata


def _synced_models() -> tuple[type[SyncMixin], ...]:
    """Every model with the sync columns, parents before children (the order rows can be
    inserted in), whichever module declares it."""
    by_table: dict[str, type[SyncMixin]] = {
        m.class_.__tablename__: m.class_  # type: ignore[attr-defined]
        for m in Base.registry.mappers if issubclass(m.class_, SyncMixin)}
    return tuple(by_table[t.name] for t in metadata.sorted_tables if t.name in by_table)


#: the tables the sync engine pushes and pulls
SYNCED_MODELS: tuple[type[SyncMixin], ...] = _synced_models()
