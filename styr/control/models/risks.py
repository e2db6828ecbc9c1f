"""Risk analysis for internal control (issue 12 §1, seed §7): the risks a committee or company
board keeps, each scored again every year on the model's risk matrix."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.internal_control import risk_value
from styr.domain.limits import NAME_LENGTH, TEXT_LENGTH, TITLE_LENGTH


class ControlAim(models.TextChoices):
    """The four aims of internal control (seed §7), codes as in ``styr.domain.internal_control.AIMS``."""

    EFFECTIVE = "effective", _("Purposeful and cost-effective operations")
    FINANCIAL_REPORTING = "financial_reporting", _("Reliable financial reporting and information about the operations")
    COMPLIANCE = "compliance", _("Compliance with applicable laws, regulations and guidelines")
    RISKS = "risks", _("Possible risks identified, assessed and prevented")


class ControlRisk(GroupOwned):
    """A risk in a process or area of a committee, company board (or a unit that keeps its own):
    what may go wrong, why, with what effect, who owns it, and which aims of §7 it threatens.
    It may be drawn from a risk of the unit's core mission (seed §6.1)."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="control_risks", verbose_name=_("unit"))
    area = models.CharField(_("process or area"), max_length=TITLE_LENGTH)
    description = models.TextField(_("risk"), max_length=TEXT_LENGTH)
    cause = models.TextField(_("cause"), max_length=TEXT_LENGTH, blank=True)
    effect = models.TextField(_("effect"), max_length=TEXT_LENGTH, blank=True)
    owner = models.CharField(_("risk owner"), max_length=NAME_LENGTH, blank=True)
    #: codes of ``ControlAim`` (IC-003: at least one)
    aims = models.JSONField(_("aims threatened"), default=list)
    source_risk = models.ForeignKey(
        "planning.Risk", on_delete=models.SET_NULL, null=True, blank=True, related_name="control_risks", verbose_name=_("risk of the core mission")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["org_unit", "area", "pk"]
        verbose_name = _("risk in internal control")
        verbose_name_plural = _("risks in internal control")

    def __str__(self) -> str:
        return f"{self.area}: {self.description[:60]}"


class RiskScore(GroupOwned):
    """The risk's score for one year (risks are scored again each year; the rows are its history),
    and whether it is chosen to be treated in that year's plan (IC-002: below the threshold only
    with a reason)."""

    risk = models.ForeignKey(ControlRisk, on_delete=models.CASCADE, related_name="scores", verbose_name=_("risk"))
    year = models.PositiveIntegerField(_("year"))
    likelihood = models.PositiveSmallIntegerField(_("likelihood"))
    consequence = models.PositiveSmallIntegerField(_("consequence"))
    chosen = models.BooleanField(_("treated in the plan"), default=False)
    reason = models.TextField(_("reason"), max_length=TEXT_LENGTH, blank=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["risk", "year"]
        verbose_name = _("risk score")
        verbose_name_plural = _("risk scores")
        constraints = [
            models.UniqueConstraint(fields=["risk", "year"], name="one_score_per_risk_and_year"),
            models.CheckConstraint(condition=Q(likelihood__gte=1, consequence__gte=1), name="risk_score_steps_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.risk} {self.year}: {self.likelihood}×{self.consequence}"

    @property
    def risk_value(self) -> int:
        return risk_value(self.likelihood, self.consequence)
