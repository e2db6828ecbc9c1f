"""``/helse/``: is this Styr process able to serve, and does the task worker take its tasks? For the reverse
proxy's and the monitoring's probes; unauthenticated, and it shows no data (issue 14 §5).

- ``database``: ``SELECT 1`` answers and every migration is applied (a host started on new code before
  ``migrate`` ran says ``"migrations pending"``). Anything but ``"ok"`` answers 503, so the proxy takes the
  host out.
- ``worker``: django-tasks-db keeps no heartbeat of its workers, so the probe gives them one: when no
  heartbeat task waits, it queues one (``heartbeat``, which does nothing but delete the earlier ones' rows).
  A worker on any host takes it within its interval. ``"stale"`` when some task that is due has waited
  longer than ``WORKER_STALE_SECONDS`` (no worker runs, or all are busy for that long); a stale worker still
  answers 200, since the pages work without it: monitoring alerts on the field, the proxy keeps the host.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.tasks import task, task_backends
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

HEARTBEAT_PATH = "styr.core.health.heartbeat"
_migrated = False  # once every migration is applied in this process, it stays so until the next deploy restarts it


@task
def heartbeat() -> None:
    """The worker's sign of life: taking it is the signal; it deletes the heartbeats that came before."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.finished().filter(task_path=HEARTBEAT_PATH).delete()


def database_state() -> str:
    global _migrated
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        if not _migrated:
            executor = MigrationExecutor(connection)
            if executor.migration_plan(executor.loader.graph.leaf_nodes()):
                return "migrations pending"
            _migrated = True
    except DatabaseError:
        return "unreachable"
    return "ok"


def worker_state() -> str:
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(task_backends["default"], DatabaseBackend):
        return "ok"  # tasks run at once in the web process (STYR_TASKS_IMMEDIATE=1): no worker to wait for
    cutoff = timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    ready = DBTaskResult.objects.ready()
    waited_too_long = ready.filter(Q(run_after=get_date_max()) | Q(run_after__lte=cutoff), enqueued_at__lte=cutoff)
    if waited_too_long.exists():
        return "stale"
    if not ready.filter(task_path=HEARTBEAT_PATH).exists():
        heartbeat.enqueue()
    return "ok"


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    answer: dict[str, Any] = {"database": database_state()}
    answer["worker"] = worker_state() if answer["database"] == "ok" else "unknown"
    return JsonResponse(answer, status=200 if answer["database"] == "ok" else 503)
