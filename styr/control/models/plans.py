"""The internal control plan (issue 12 §2, seed §7): "Nämnder och bolagsstyrelser ska varje år anta
en särskild plan för uppföljning av den interna kontrollen." A plan holds the controls built from the
chosen risks, and the common controls KS requires of every committee or company that year."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import NAME_LENGTH, TEXT_LENGTH, TITLE_LENGTH


class ControlMethod(models.TextChoices):
    """How a control is carried out."""

    SAMPLE = "sample", _("Sample")
    REVIEW = "review", _("Review")
    RECONCILIATION = "reconciliation", _("Reconciliation")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    OTHER = "other", _("Other")


class ControlFrequency(models.TextChoices):
    ONCE = "once", _("Once a year")
    TWICE = "twice", _("Twice a year")
    TERTIAL = "tertial", _("Every four months")
    QUARTERLY = "quarterly", _("Quarterly")
    MONTHLY = "monthly", _("Monthly")


class CommonScope(models.TextChoices):
    """Whom KS's common control applies to."""

    COMMITTEES = "committees", _("Every committee")
    COMPANIES = "companies", _("Every company")
    ALL = "all", _("Every committee and company")


class ControlFields(GroupOwned):
    """What a control checks and how (shared by a plan's controls and KS's common controls)."""

    title = models.CharField(_("what is checked"), max_length=TITLE_LENGTH)
    method = models.CharField(_("method"), max_length=20, choices=ControlMethod.choices, default=ControlMethod.SAMPLE)
    method_text = models.TextField(_("how it is checked"), max_length=TEXT_LENGTH, blank=True)
    #: the number of items checked where the method is a sample (for example 20 vouchers)
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    frequency = models.CharField(_("how often"), max_length=12, choices=ControlFrequency.choices, default=ControlFrequency.ONCE)
    #: the months (1–12) of the plan's year in which the control is reported
    report_months = models.JSONField(_("reported in"), default=list)
    area = models.CharField(_("process or area"), max_length=TITLE_LENGTH, blank=True)

    class Meta:
        abstract = True


class CommonControl(ControlFields):
    """Kommungemensamt kontrollmoment: a control KS requires in every committee's (or every
    company's) plan for a year. Once KS has adopted the year's common controls (``decision``) they
    appear in each plan of the year and cannot be removed there."""

    year = models.PositiveIntegerField(_("year"))
    applies_to = models.CharField(_("applies to"), max_length=12, choices=CommonScope.choices, default=CommonScope.COMMITTEES)
    decision = models.ForeignKey("planning.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decision"))

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("common control")
        verbose_name_plural = _("common controls")

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"


class InternalControlPlan(GroupOwned):
    """A committee's or company board's internal control plan for a year: draft → proposed →
    adopted by the body itself, with a Decision and a frozen snapshot (JSON + SHA-256)."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="internal_control_plans", verbose_name=_("unit"))
    year = models.PositiveIntegerField(_("year"))
    state = models.CharField(
        _("state"), max_length=10, choices=[("draft", _("Draft")), ("proposed", _("Proposed")), ("adopted", _("Adopted"))], default="draft"
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    decision = models.OneToOneField(
        "planning.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="internal_control_plan", verbose_name=_("decision")
    )
    snapshot = models.JSONField(_("adopted content"), null=True, blank=True, editable=False)
    snapshot_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    adopted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "org_unit"]
        verbose_name = _("internal control plan")
        verbose_name_plural = _("internal control plans")
        constraints = [models.UniqueConstraint(fields=["org_unit", "year"], name="one_control_plan_per_unit_and_year")]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}"


class Control(ControlFields):
    """Kontrollmoment in a plan: built from a chosen risk, or carried in from a common control."""

    plan = models.ForeignKey(InternalControlPlan, on_delete=models.CASCADE, related_name="controls", verbose_name=_("plan"))
    risk = models.ForeignKey("control.ControlRisk", on_delete=models.PROTECT, null=True, blank=True, related_name="controls", verbose_name=_("risk"))
    common_control = models.ForeignKey(
        CommonControl, on_delete=models.PROTECT, null=True, blank=True, related_name="controls", verbose_name=_("common control")
    )
    responsible = models.CharField(_("responsible"), max_length=NAME_LENGTH, blank=True)

    class Meta:
        ordering = ["plan", "pk"]
        verbose_name = _("control")
        verbose_name_plural = _("controls")
        constraints = [
            models.UniqueConstraint(fields=["plan", "common_control"], condition=Q(common_control__isnull=False), name="common_control_once_per_plan"),
        ]

    def __str__(self) -> str:
        return self.title
