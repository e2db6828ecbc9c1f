"""What the financial goals need beside the accounts (issue 11 §1): the pension obligations the
municipality reports outside its balance sheet (ansvarsförbindelse), and the council's summary
judgement of good financial management (god ekonomisk hushållning) for the annual report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH


class PensionObligation(GroupOwned):
    """The pension obligations earned before 1998 that the municipality reports as a contingent
    liability (ansvarsförbindelse), payroll tax included, at the end of ``year``: not in the
    ledger, so a controller enters the figure from the pension administrator's statement (KPA,
    Skandia …) for the equity ratio including pension obligations."""

    year = models.PositiveIntegerField(_("year"))
    amount_sek = models.DecimalField(_("pension obligations incl. payroll tax (kr)"), max_digits=17, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, help_text=_("For example: KPA's pension statement 2025-12-31"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    entered_at = models.DateTimeField(_("entered"), auto_now=True)

    class Meta:
        ordering = ["group", "year"]
        verbose_name = _("pension obligation")
        verbose_name_plural = _("pension obligations")
        constraints = [
            models.UniqueConstraint(fields=["group", "year"], name="one_pension_obligation_per_group_and_year"),
            models.CheckConstraint(condition=Q(amount_sek__gte=0), name="pension_obligation_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount_sek} kr"


class FinancialManagementAssessment(GroupOwned):
    """The council's summary judgement of good financial management for a year: its financial
    and its operational goals weighed together (seed §5.D), as a text and a step of the status
    scale, prepared by the council's controller for the annual report."""

    year = models.PositiveIntegerField(_("year"))
    conclusion = models.CharField(_("conclusion"), max_length=30)
    judgement = models.TextField(_("summary judgement"), max_length=TEXT_LENGTH)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    entered_at = models.DateTimeField(_("entered"), auto_now=True)

    class Meta:
        ordering = ["group", "year"]
        verbose_name = _("assessment of good financial management")
        verbose_name_plural = _("assessments of good financial management")
        constraints = [models.UniqueConstraint(fields=["group", "year"], name="one_financial_management_assessment_per_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.conclusion}"
