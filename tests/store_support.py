"""Stores for the tests: a fresh SQLite file, or a fresh PostgreSQL schema (ACTORGRAPH_TEST_PG_URL)."""
from __future__ import annotations

import os

import pytest

PG_ENV = "ACTORGRAPH_TEST_PG_URL"
PG_SKIP = (f"no PostgreSQL server: {PG_ENV} is not set (.ci/run starts one with .ci/postgres; "
           f"run `export {PG_ENV}=$(bash .ci/postgres)` as root to test here)")


def empty_postgres() -> str:
    """The test server's URL, with its public schema emptied; skips when there is no server."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(PG_SKIP)
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:  # a server that is named but down is a failure, not a skip
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A place for a new store: on SQLite (a file path) and on PostgreSQL (a URL)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return empty_postgres()
