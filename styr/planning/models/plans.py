"""Financial goals, plans and decisions (seed §5.D, §6.3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TITLE_LENGTH, UNIT_LABEL_LENGTH
from styr.planning.models.goals import LifecycleState


class FinancialGoal(GroupOwned):
    """Finansiellt mål: set by the council only (FIN-001). A goal tied to a ``measure`` Styr
    computes from the accounts (``styr.domain.financial_ratios``, FIN-002) is assessed against its
    target in the measure's unit (FIN-003) and direction; ``ratio`` names the key ratio of a goal
    without one."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="financial_goals", verbose_name=_("council"))
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("financial goal"), max_length=TITLE_LENGTH)
    measure = models.CharField(_("measure"), max_length=40, blank=True, help_text=_("The measure Styr computes from the accounts"))
    ratio = models.CharField(_("key ratio"), max_length=100, blank=True, help_text=_("For example: result as a share of tax revenue"))
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2, null=True, blank=True)
    unit_label = models.CharField(_("unit of measure"), max_length=UNIT_LABEL_LENGTH, blank=True)

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("financial goal")
        verbose_name_plural = _("financial goals")

    def __str__(self) -> str:
        return self.title


class Decision(GroupOwned):
    """Beslut: a body's decision (date, § number, registration number); locks what it adopts."""

    body = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("deciding body"))
    decided_on = models.DateField(_("decision date"))
    paragraph = models.CharField(_("paragraph"), max_length=30, help_text=_("For example § 49"))
    registration_number = models.CharField(_("registration number"), max_length=50)
    title = models.CharField(_("matter"), max_length=TITLE_LENGTH)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.body.short_name or self.body} {self.paragraph}/{self.decided_on.year}"


class PlanKind(models.TextChoices):
    GOALS_AND_BUDGET = "goals_and_budget", _("Goals and budget")
    OPERATIONAL_PLAN = "operational_plan", _("Operational plan")


class Plan(GroupOwned):
    """Mål och budget (council) or a verksamhetsplan (committee, KS, company board) for a year.

    Adoption records a Decision and freezes the snapshot (JSON + SHA-256); a later change
    starts a new revision, so the adopted version can always be shown as decided.
    """

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="plans", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=20, choices=PlanKind.choices)
    year = models.PositiveIntegerField(_("year"))
    revision = models.PositiveIntegerField(_("revision"), default=1)
    state = models.CharField(_("state"), max_length=10, choices=LifecycleState.choices, default=LifecycleState.DRAFT)
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="plan", verbose_name=_("decision"))
    snapshot = models.JSONField(_("adopted content"), null=True, blank=True, editable=False)
    snapshot_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-revision"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [models.UniqueConstraint(fields=["org_unit", "year", "revision"], name="one_plan_revision_per_unit_and_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} – {self.org_unit} (rev. {self.revision})"
