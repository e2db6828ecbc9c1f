"""SIE files uploaded on the page and read in the background (issue 9 §2).

``upload_create`` keeps the file and queues the task in one transaction (with the database task
backend the task's row is written with the upload: both or neither). The worker's task calls
``upload_run``, which marks the upload running, reads the file through ``sie_import`` and keeps the
outcome: the import, or the errors with line and rule (a refused file writes nothing to the ledger).
While the import's transaction is open its progress cannot be seen in the database, so it goes to
the ``progress`` cache, which the worker and the web server share. An upload left running by a
stopped worker is marked failed (SIE-014) by ``uploads_expire``."""

from __future__ import annotations

import logging
import time
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.files import File
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.errors import NotAllowed, violation_message
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.economy.models import SieUpload
from styr.economy.services.ledger import sie_import
from styr.organisation.models import OrgUnit

logger = logging.getLogger(__name__)

TOO_LARGE = "SIE-013"
INTERRUPTED = "SIE-014"


def _progress_key(upload_id: int) -> str:
    return f"sie-upload:{upload_id}"


def upload_progress(upload: SieUpload) -> tuple[int, float | None]:
    """Bytes read so far and when the worker last said so (epoch seconds), from the shared cache;
    the row's own figure when the cache has none."""
    found = caches["progress"].get(_progress_key(upload.pk))
    if isinstance(found, tuple | list) and len(found) == 2:
        return int(found[0]), float(found[1])
    return upload.bytes_read, None


@transaction.atomic
def upload_create(*, actor: Actor, org_unit: OrgUnit, file: File[Any], file_name: str) -> SieUpload:
    """Keep an uploaded SIE file and queue its import into the unit's ledger.
    SIE-013: the file is no larger than ``SIE_UPLOAD_MAX_BYTES``."""
    require(actor, "ledger.import", org_unit)
    size = file.size or 0
    limit = settings.SIE_UPLOAD_MAX_BYTES
    if size > limit:
        raise RuleViolation(
            TOO_LARGE,
            _("The file is %(size)s MB; the upload page takes at most %(limit)s MB. Import larger files with manage.py import_sie."),
            {"size": f"{size / 1_000_000:.1f}".replace(".", ","), "limit": f"{limit / 1_000_000:.1f}".replace(".", ",")},
            field="file",
        )
    user = as_user(actor)
    name = (file_name.replace("\\", "/").rsplit("/", 1)[-1] or "upload.se")[:255]
    upload = SieUpload(
        group_id=org_unit.group_id,
        org_unit=org_unit,
        actor=user,
        actor_name=(user.get_full_name() or user.get_username()) if user is not None else "system",
        file_name=name,
        size_bytes=size,
    )
    # a name of our own on disk: the user's name is kept as text, never as a path
    upload.file.save(f"{uuid.uuid4().hex}.se", file, save=False)
    stored = upload.file.name or ""
    try:
        upload.save()
        from styr.economy.tasks import sie_upload_run

        result = sie_upload_run.enqueue(upload.pk)
        upload.task_id = str(result.id)[:64]
        upload.save(update_fields=["task_id"])
        audit.record(
            actor=actor,
            action="sie_upload.created",
            obj=upload,
            org_unit=org_unit,
            after={"file_name": upload.file_name, "size_bytes": size},
        )
    except BaseException:
        upload.file.storage.delete(stored)
        raise
    return upload


def upload_run(*, upload_id: int) -> SieUpload | None:
    """Read a queued upload into its unit's ledger (the background task). Runs once: an upload that
    is no longer queued is left as it is. Errors of the file end as the upload's errors, not as the
    task's: the task fails only on what is not the file's fault."""
    with transaction.atomic():
        upload = SieUpload.objects.select_for_update().filter(pk=upload_id).first()
        if upload is None or upload.state != SieUpload.State.QUEUED:
            return upload
        upload.state = SieUpload.State.RUNNING
        upload.started_at = timezone.now()
        upload.save(update_fields=["state", "started_at"])
    upload = SieUpload.objects.select_related("org_unit__group", "actor").get(pk=upload_id)
    cache = caches["progress"]
    key = _progress_key(upload_id)
    cache.set(key, (0, time.time()))

    def progress(read: int) -> None:
        cache.set(key, (read, time.time()))

    try:
        if upload.actor_id is None:
            raise NotAllowed("ledger.import", upload.org_unit)
        with upload.file.open("rb") as handle:
            outcome = sie_import(actor=upload.actor, org_unit=upload.org_unit, file_name=upload.file_name, stream=handle, on_progress=progress)
    except RuleViolation as refused:
        errors = refused.detail.get("errors") or [{"line": refused.line, "code": refused.code, "message": violation_message(refused)}]
        return _finish(upload_id, SieUpload.State.FAILED, errors=list(errors))
    except (NotAllowed, Http404):
        message = gettext("%(user)s no longer has permission to import into %(unit)s's ledger.") % {"user": upload.actor_name, "unit": upload.org_unit}
        return _finish(upload_id, SieUpload.State.FAILED, errors=[{"line": None, "code": NotAllowed.code, "message": message}])
    except Exception:
        logger.exception("SIE upload %s failed", upload_id)
        message = gettext("The import stopped on an unexpected error; nothing was written. Try again, or ask the administrator to read the worker's log.")
        _finish(upload_id, SieUpload.State.FAILED, errors=[{"line": None, "code": "", "message": message}])
        raise
    finally:
        cache.delete(key)
    return _finish(upload_id, SieUpload.State.DONE, sie_import_id=outcome.sie_import.pk, unchanged=outcome.unchanged)


@transaction.atomic
def _finish(upload_id: int, state: str, *, errors: list[dict[str, Any]] | None = None, sie_import_id: int | None = None, unchanged: bool = False) -> SieUpload:
    """The outcome, kept also over an earlier SIE-014 (the worker was slow, not gone: what it did is the truth)."""
    upload = SieUpload.objects.select_for_update().select_related("org_unit").get(pk=upload_id)
    upload.state = state
    upload.finished_at = timezone.now()
    upload.errors = errors or []
    upload.sie_import_id = sie_import_id
    upload.unchanged = unchanged
    if state == SieUpload.State.DONE:
        upload.bytes_read = upload.size_bytes
    upload.save(update_fields=["state", "finished_at", "errors", "sie_import", "unchanged", "bytes_read"])
    audit.record(
        actor=upload.actor if upload.actor_id else None,
        action="sie_upload.finished",
        obj=upload,
        org_unit=upload.org_unit,
        after={"state": state, "sie_import": sie_import_id, "unchanged": unchanged, "errors": [e.get("code") for e in upload.errors[:20]]},
    )
    return upload


def uploads_expire(*, org_unit: OrgUnit | None = None) -> int:
    """SIE-014: an upload that has been running without a word from its worker for longer than
    ``SIE_UPLOAD_STALE_SECONDS`` was left by a stopped worker (its import's transaction was rolled
    back with it, so nothing was written): it is marked failed, and can be uploaded again.
    Pages call this on every view: it opens no transaction unless an upload is that old (on SQLite a
    write transaction would wait for a running import's)."""
    limit = settings.SIE_UPLOAD_STALE_SECONDS
    now = timezone.now()
    running = SieUpload.objects.filter(state=SieUpload.State.RUNNING, started_at__lt=now - timedelta(seconds=limit))
    if org_unit is not None:
        running = running.filter(org_unit=org_unit)
    stale = [u.pk for u in running if (heard := upload_progress(u)[1]) is None or time.time() - heard >= limit]
    if not stale:
        return 0
    with transaction.atomic():
        return _expire(stale, limit, now)


def _expire(ids: list[int], limit: int, now: Any) -> int:
    running = SieUpload.objects.select_for_update().filter(pk__in=ids, state=SieUpload.State.RUNNING)
    expired = 0
    for upload in running.select_related("org_unit"):
        template = _(
            "The import stopped: the background worker said nothing for %(minutes)s minutes (it was stopped or crashed). "
            "Nothing was written; upload the file again."
        )
        upload.state = SieUpload.State.FAILED
        upload.finished_at = now
        upload.errors = [{"line": None, "code": INTERRUPTED, "message": gettext(template) % {"minutes": max(1, limit // 60)}}]
        upload.save(update_fields=["state", "finished_at", "errors"])
        audit.record(actor=None, action="sie_upload.finished", obj=upload, org_unit=upload.org_unit, after={"state": upload.state, "errors": [INTERRUPTED]})
        expired += 1
    return expired
