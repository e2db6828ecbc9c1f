"""Following up the controls (issue 12 §3, seed §7): "Resultatet av uppföljningen ska rapporteras
till nämnd eller styrelse i den omfattning som fastställts i den interna kontrollplanen.
Rapporteringen ska även innehålla vidtagna och föreslagna åtgärder med anledning av konstaterade
brister." """

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from styr.core.models import GroupOwned
from styr.domain.limits import NAME_LENGTH, TEXT_LENGTH
from styr.economy.models.upload import upload_storage


class ControlResult(GroupOwned):
    """A control reported on one occasion its plan names (``month`` of the plan's year): the result
    on the shared status scale, what was found, and for a sample how many were checked and how many
    deviated."""

    control = models.ForeignKey("control.Control", on_delete=models.CASCADE, related_name="results", verbose_name=_("control"))
    month = models.PositiveSmallIntegerField(_("reported in"))
    status = models.CharField(_("result"), max_length=30)
    findings = models.TextField(_("what was found"), max_length=TEXT_LENGTH, blank=True)
    checked_count = models.PositiveIntegerField(_("items checked"), null=True, blank=True)
    deviation_count = models.PositiveIntegerField(_("deviations found"), null=True, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reported_by_name = models.CharField(_("reported by"), max_length=NAME_LENGTH, blank=True)
    reported_at = models.DateTimeField(_("reported at"), auto_now=True)

    class Meta:
        ordering = ["control", "month"]
        verbose_name = _("control result")
        verbose_name_plural = _("control results")
        constraints = [models.UniqueConstraint(fields=["control", "month"], name="one_result_per_control_and_month")]

    def __str__(self) -> str:
        return f"{self.control} {self.month}: {self.status}"


class ResultAttachment(GroupOwned):
    """A file attached to a control's result (a sample list, a reconciliation)."""

    result = models.ForeignKey(ControlResult, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("result"))
    file = models.FileField(_("file"), storage=upload_storage, upload_to="control/%Y/%m/", max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    uploaded_by_name = models.CharField(_("uploaded by"), max_length=NAME_LENGTH, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.file_name


class Severity(models.TextChoices):
    LOW = "low", _("Minor")
    MEDIUM = "medium", _("Significant")
    HIGH = "high", _("Serious")


class Deviation(GroupOwned):
    """Brist: what a control's result found wanting."""

    result = models.ForeignKey(ControlResult, on_delete=models.CASCADE, related_name="deviations", verbose_name=_("result"))
    description = models.TextField(_("deviation"), max_length=TEXT_LENGTH)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["result", "pk"]
        verbose_name = _("deviation")
        verbose_name_plural = _("deviations")

    def __str__(self) -> str:
        return self.description[:80]


class ActionKind(models.TextChoices):
    TAKEN = "taken", _("Taken")
    PROPOSED = "proposed", pgettext_lazy("action kind", "Proposed")


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action status", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Action(GroupOwned):
    """Åtgärd against a deviation: taken or proposed, owner, deadline, status. An action not
    done carries over to the next year's plan and report until it is closed."""

    deviation = models.ForeignKey(Deviation, on_delete=models.PROTECT, related_name="actions", verbose_name=_("deviation"))
    kind = models.CharField(_("kind"), max_length=10, choices=ActionKind.choices, default=ActionKind.PROPOSED)
    description = models.TextField(_("action"), max_length=TEXT_LENGTH)
    owner = models.CharField(_("owner"), max_length=NAME_LENGTH)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.description[:80]


class InternalControlReport(GroupOwned):
    """A committee's or board's report on its internal control for a year: the results, the
    deviations and the actions; draft → submitted → reviewed → adopted by the body, with a Decision
    and a frozen snapshot (JSON + SHA-256)."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="internal_control_reports", verbose_name=_("unit"))
    year = models.PositiveIntegerField(_("year"))
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=[("draft", _("Draft")), ("submitted", _("Submitted")), ("reviewed", _("Reviewed")), ("adopted", _("Adopted"))],
        default="draft",
    )
    summary = models.TextField(_("summary and assessment"), max_length=TEXT_LENGTH, blank=True)
    decision = models.OneToOneField(
        "planning.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="internal_control_report", verbose_name=_("decision")
    )
    snapshot = models.JSONField(_("adopted content"), null=True, blank=True, editable=False)
    snapshot_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "org_unit"]
        verbose_name = _("internal control report")
        verbose_name_plural = _("internal control reports")
        constraints = [models.UniqueConstraint(fields=["org_unit", "year"], name="one_control_report_per_unit_and_year")]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}"
