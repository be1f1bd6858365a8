"""Every model module, imported once, so the metadata (and Alembic) sees every table.

A capability that adds tables puts them in a module of its own under ``store/`` and adds
its import here.
"""

from lxp_desktop.store import (
    models,  # noqa: F401
    sync_models,  # noqa: F401
)
from lxp_desktop.store.models import Base

metadata = Base.metadata
