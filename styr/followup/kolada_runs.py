"""A Kolada sync run in the background (issue 13 §1): started from the page or the API, run by
the task worker (``styr.followup.tasks.kolada_sync_task``), its progress and outcome kept in the
``progress`` cache, which the worker and the web server share (the sync's transaction hides its
rows until the end). One sync per group at a time (KOLADA-007, answered 409). What a finished sync
found stays in the audit log as ``kolada.synced``."""

from __future__ import annotations

import time
import uuid
from typing import Any

from django.core.cache import caches
from django.utils.translation import gettext

from styr.core.actors import Actor, as_user
from styr.core.errors import violation_message
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.economy.selectors.frames import executive_board
from styr.organisation.models import MunicipalGroup

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
#: a run not heard of for this long is taken as dead, so its group may start another
STALE_SECONDS = 3600


def _key(run_id: str) -> str:
    return f"kolada-sync:{run_id}"


def _lock(group_id: int) -> str:
    return f"kolada-sync-running:{group_id}"


def run_get(run_id: str) -> dict[str, Any] | None:
    found = caches["progress"].get(_key(run_id))
    return found if isinstance(found, dict) else None


def run_update(run_id: str, **changes: Any) -> dict[str, Any]:
    cache = caches["progress"]
    run = {**(run_get(run_id) or {}), **changes, "heard_at": time.time()}
    cache.set(_key(run_id), run)
    return run


def run_for_group(group: MunicipalGroup) -> dict[str, Any] | None:
    """The group's running (or last started) sync, if the cache still has it."""
    run_id = caches["progress"].get(_lock(group.pk)) or caches["progress"].get(f"kolada-sync-last:{group.pk}")
    return run_get(run_id) if isinstance(run_id, str) else None


def kolada_sync_start(*, actor: Actor, group: MunicipalGroup) -> str:
    """Queue a sync of the group (catalogue and values); answers the run's id. KOLADA-007 while
    another of the group's syncs runs."""
    from styr.followup.tasks import kolada_sync_task

    if actor is not None:
        require(actor, "kolada.sync", executive_board(group))
    cache = caches["progress"]
    run_id = uuid.uuid4().hex
    # the run is written before the lock is taken, so a rival that finds the lock finds its run
    run_update(run_id, id=run_id, group=group.pk, state=QUEUED, step="", done=0, total=0, result=None, error=None)
    busy = _("A Kolada sync of this group is already running; wait until it has finished.")
    # KOLADA-007: the lock is taken with cache.add, which only one of two racing starts wins
    if not cache.add(_lock(group.pk), run_id):
        running = cache.get(_lock(group.pk))
        run = run_get(running) if isinstance(running, str) else None
        if run is not None and run.get("state") in {QUEUED, RUNNING} and time.time() - float(run.get("heard_at", 0)) < STALE_SECONDS:
            cache.delete(_key(run_id))
            raise RuleViolation("KOLADA-007", busy, {"run": running})
        # the holder finished or died without letting go: take its place, again only by cache.add
        cache.delete(_lock(group.pk))
        if not cache.add(_lock(group.pk), run_id):
            cache.delete(_key(run_id))
            raise RuleViolation("KOLADA-007", busy, {"run": cache.get(_lock(group.pk))})
    cache.set(f"kolada-sync-last:{group.pk}", run_id)
    user = as_user(actor)
    kolada_sync_task.enqueue(run_id, group.pk, user.pk if user is not None else None)
    return run_id


def run_finished(run_id: str, group_id: int, *, result: dict[str, Any] | None = None, error: RuleViolation | None = None, refused: str = "") -> None:
    if error is not None:
        message = f"{violation_message(error)} ({error.code})"
        run_update(run_id, state=FAILED, error={"code": error.code, "message": message})
    elif refused:
        run_update(run_id, state=FAILED, error={"code": "PERM-001", "message": refused})
    else:
        run_update(run_id, state=DONE, result=result)
    cache = caches["progress"]
    if cache.get(_lock(group_id)) == run_id:
        cache.delete(_lock(group_id))


def state_label(state: str) -> str:
    labels = {QUEUED: gettext("Waiting for the worker"), RUNNING: gettext("Running"), DONE: gettext("Finished"), FAILED: gettext("Failed")}
    return labels.get(state, state)
