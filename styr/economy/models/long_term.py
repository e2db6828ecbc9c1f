"""Budget assumptions (budgetförutsättningar, issue 11 §6): what lies outside the committees'
frames in the result budget, entered per year by KS's controllers from SKR's forecasts
(Skatteunderlagsprognos, Budgetförutsättningar), each with its source and date. The arithmetic is
``styr.domain.long_term_budget``; this table keeps the entered amounts only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TITLE_LENGTH
from styr.domain.long_term_budget import ASSUMPTION_KEYS

TSEK = {"max_digits": 14, "decimal_places": 1}


class BudgetAssumption(GroupOwned):
    """One line of one year's result budget as entered: a positive amount in tkr (a cost as what it
    costs; the result budget gives it its sign), with its source (``source``, ``source_date``)."""

    year = models.PositiveIntegerField(_("year"))
    key = models.CharField(_("line"), max_length=40, choices=[(k.key, _(k.label)) for k in ASSUMPTION_KEYS])
    amount_tsek = models.DecimalField(_("amount (tkr)"), **TSEK)  # type: ignore[arg-type]
    source = models.CharField(_("source"), max_length=TITLE_LENGTH)
    source_date = models.DateField(_("date of the source"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["year", "key"]
        verbose_name = _("budget assumption")
        verbose_name_plural = _("budget assumptions")
        constraints = [models.UniqueConstraint(fields=["group", "year", "key"], name="one_budget_assumption_per_year_and_line")]

    def __str__(self) -> str:
        return f"{self.year} {self.key}: {self.amount_tsek}"
