"""A SIE file uploaded on the page and read into a ledger by a background task (issue 9 §2)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.economy.models.ledger import SieImport


def upload_storage() -> Storage:
    """The storage the web server and the worker share (``STORAGES["uploads"]``)."""
    return storages["uploads"]


class SieUpload(GroupOwned):
    """One uploaded file and how its import went: queued, running (with bytes read), then done
    (with the import it made, or the earlier import of the same file) or failed (with the errors,
    each with its line and rule). A refused file writes nothing to the ledger."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("org unit"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("uploaded by"))
    actor_name = models.CharField(_("uploaded by"), max_length=200)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.FileField(_("file"), storage=upload_storage, upload_to="sie/%Y/%m/", max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"))
    bytes_read = models.PositiveBigIntegerField(_("bytes read"), default=0)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    sie_import = models.ForeignKey(SieImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="uploads", verbose_name=_("SIE import"))
    #: the same file had been imported into the ledger before: nothing was written
    unchanged = models.BooleanField(_("imported before"), default=False)
    #: why the file was refused: ``[{"line", "code", "message"}]``
    errors = models.JSONField(_("errors"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("SIE upload")
        verbose_name_plural = _("SIE uploads")
        constraints = [
            models.CheckConstraint(condition=models.Q(state__in=["queued", "running", "done", "failed"]), name="sie_upload_state_known"),
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def active(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.RUNNING}
