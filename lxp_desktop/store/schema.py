"""Every model module, imported once, so the metadata (and Alembic) sees every table.

A capability that adds tables puts them in a module of its own under ``store/`` and adds
its import here.
"""

from lxp_desktop.store import (  # noqa: F401
    duty_models,
    models,
    notice_models,
    submission_models,
)
from lxp_desktop.store.models import Base

metadata = Base.metadata
