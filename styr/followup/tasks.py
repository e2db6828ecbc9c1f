"""Background tasks of the follow-up (``django.tasks``; run by ``manage.py db_worker``)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.tasks import task
from django.utils.translation import gettext

from styr.domain.errors import RuleViolation
from styr.followup import kolada_runs
from styr.followup.kolada import kolada_sync
from styr.integrations.kolada import KoladaClient
from styr.organisation.models import MunicipalGroup


@task
def kolada_sync_task(run_id: str, group_id: int, user_id: int | None) -> str:
    """A Kolada sync of one group (catalogue and values) for the user who started it; its
    progress and outcome go to the ``progress`` cache (``kolada_runs``). Answers the end state."""
    group = MunicipalGroup.objects.get(pk=group_id)
    actor = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
    kolada_runs.run_update(run_id, state=kolada_runs.RUNNING)

    def progress(step: str, done: int, total: int) -> None:
        kolada_runs.run_update(run_id, step=step, done=done, total=total)

    try:
        with KoladaClient() as client:
            result = kolada_sync(actor=actor, source=client, group=group, on_progress=progress)
    except RuleViolation as violation:
        kolada_runs.run_finished(run_id, group_id, error=violation)
        return kolada_runs.FAILED
    except PermissionDenied as denied:
        kolada_runs.run_finished(run_id, group_id, refused=str(denied))
        return kolada_runs.FAILED
    except Exception:
        kolada_runs.run_finished(run_id, group_id, refused=gettext("The sync stopped with an internal error; nothing was stored."))
        raise
    kolada_runs.run_finished(run_id, group_id, result=result.as_dict())
    return kolada_runs.DONE
