"""/helse/ (issue 14 §5): the database and the task worker, for the proxy's and the monitoring's probes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from styr.core import health


def heartbeats() -> list[DBTaskResult[..., None]]:
    return list(DBTaskResult.objects.filter(task_path=health.HEARTBEAT_PATH).order_by("enqueued_at"))


@pytest.mark.django_db
def test_health_answers_ok_without_login_and_without_data(client: Client) -> None:
    answer = client.get("/helse/")

    assert answer.status_code == 200
    assert answer.json() == {"database": "ok", "worker": "ok"}
    assert "no-store" in answer["Cache-Control"]


@pytest.mark.django_db
def test_a_probe_queues_one_heartbeat_for_the_worker_and_not_a_second_while_it_waits(client: Client) -> None:
    client.get("/helse/")
    client.get("/helse/")

    waiting = heartbeats()
    assert len(waiting) == 1
    assert waiting[0].status == "READY"


@pytest.mark.django_db
def test_the_worker_is_stale_when_a_task_has_waited_longer_than_the_limit_and_ok_again_once_a_worker_ran(client: Client, settings) -> None:
    settings.WORKER_STALE_SECONDS = 60
    client.get("/helse/")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(seconds=61))

    stale = client.get("/helse/")
    assert stale.status_code == 200  # the pages work without the worker: the proxy keeps the host
    assert stale.json() == {"database": "ok", "worker": "stale"}

    # what a worker does with the heartbeat (db_worker itself closes the connection the test's transaction holds)
    waiting = DBTaskResult.objects.ready().get(task_path=health.HEARTBEAT_PATH)
    waiting.claim("test-worker")
    health.heartbeat.call()
    waiting.set_successful(None)

    assert client.get("/helse/").json() == {"database": "ok", "worker": "ok"}
    done = [h for h in heartbeats() if h.status != "READY"]
    assert len(done) == 1, "the heartbeat the worker ran leaves one row, the earlier ones are deleted"


@pytest.mark.django_db
def test_a_task_due_later_is_not_taken_for_a_stale_worker(client: Client) -> None:
    health.heartbeat.using(run_after=timezone.now() + timedelta(hours=1)).enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=2))

    assert client.get("/helse/").json()["worker"] == "ok"


@pytest.mark.django_db
def test_pending_migrations_answer_503(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health, "_migrated", False)
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("core", "9999_new")])

    answer = client.get("/helse/")

    assert answer.status_code == 503
    assert answer.json() == {"database": "migrations pending", "worker": "unknown"}


@pytest.mark.django_db
def test_an_unreachable_database_answers_503(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    answer = client.get("/helse/")

    assert answer.status_code == 503
    assert answer.json() == {"database": "unreachable", "worker": "unknown"}


def test_health_takes_no_post() -> None:
    assert Client().post("/helse/").status_code == 405
