"""The periodised budget of a unit and the full-year forecast given with a report (issue 9 §3).

Amounts are kronor with öre, as net cost: positive is cost, negative is income (the sign the
ledger's result accounts carry, debit positive), so budget, actual and forecast compare directly."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH


class BudgetMonth(GroupOwned):
    """A unit's budgeted net cost for one month (internbudget, periodised)."""

    class Source(models.TextChoices):
        ENTERED = "entered", _("entered")
        EXCEL = "excel", _("imported from Excel")
        LEDGER = "ledger", _("taken from the ledger (#PBUDGET)")

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="budget_months", verbose_name=_("unit"))
    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    amount_sek = models.DecimalField(_("budget (kr)"), max_digits=17, decimal_places=2)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.ENTERED)

    class Meta:
        ordering = ["org_unit", "year", "month"]
        verbose_name = _("budget month")
        verbose_name_plural = _("budget months")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year", "month"], name="one_budget_per_unit_and_month"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="budget_month_is_a_month"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}-{self.month:02d}: {self.amount_sek} kr"


class Forecast(GroupOwned):
    """Helårsprognos: the net cost a unit expects for the whole year, given in a report and
    locked with it (FU-006)."""

    report = models.OneToOneField("followup.Report", on_delete=models.CASCADE, related_name="forecast", verbose_name=_("report"))
    amount_sek = models.DecimalField(_("full-year forecast (kr)"), max_digits=17, decimal_places=2)
    comment = models.TextField(_("comment"), max_length=TEXT_LENGTH, blank=True)

    class Meta:
        verbose_name = _("forecast")
        verbose_name_plural = _("forecasts")

    def __str__(self) -> str:
        return f"{self.report}: {self.amount_sek} kr"
