"""The migrations, applied once from nothing: the rest of the suite builds its test database straight
from the models (``--nomigrations`` in pyproject.toml, a minute and a half less per test process),
so this test is what shows that ``manage.py migrate`` builds a database a deployment can start on,
on the suite's own database engine: every migration applies, none is left unapplied, and the
reference data they load is there. (That the migrations describe the models, nothing left for
``makemigrations``, is CI's gate before the tests.)"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of the suite's engine: a new SQLite file, or a new PostgreSQL database dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    name = f"styr_migrations_{uuid.uuid4().hex[:10]}"
    params: dict[str, Any] = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        user = settings["USER"] or ""
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        yield f"postgres://{user}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url, "STYR_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "styr.config.settings"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)


def _count(url: str, table: str) -> int:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
        row = db.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert row is not None
        return int(row[0])


@pytest.mark.django_db
def test_every_migration_applies_to_an_empty_database_and_loads_the_reference_data(fresh_database_url: str) -> None:
    migrated = _manage(fresh_database_url, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    pending = _manage(fresh_database_url, "migrate", "--check", "--noinput")
    assert pending.returncode == 0, pending.stdout + pending.stderr
    # the reference data the migrations load: Agenda 2030's 17 goals and 169 targets
    assert _count(fresh_database_url, "planning_sustainabilitygoal") == 17
    assert _count(fresh_database_url, "planning_sustainabilitytarget") == 169
