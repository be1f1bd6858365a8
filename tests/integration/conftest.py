"""A throwaway PostgreSQL server for the session, a fresh shared database per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.pgserver import PgServer

_counter = itertools.count(1)


@pytest.fixture(scope="session")
def pg() -> Iterator[PgServer]:
    """Started once; if it cannot start, every test using it fails with the reason."""
    from lxp_desktop.sync.server import init_server, server_engine

    server = PgServer()
    try:
        server.start()
        server.create_database("lxp_template")
        engine = server_engine(server.url("lxp_template"))
        init_server(engine)
        engine.dispose()
        yield server
    finally:
        server.stop()


@pytest.fixture
def server_url(pg: PgServer) -> str:
    """An empty shared database already prepared by ``server init`` (from a template; the
    database's own settings of ``server init`` do not come with a template, so again)."""
    from lxp_desktop.sync.limits import apply_server_settings
    from lxp_desktop.sync.server import server_engine

    url = pg.create_database(f"school_{next(_counter)}", template="lxp_template")
    engine = server_engine(url)
    apply_server_settings(engine)
    engine.dispose()
    return url
