"""Follow-up values (seed §6.5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned


class Measurement(GroupOwned):
    """The value of a goal indicator for one month (the period's first day)."""

    indicator = models.ForeignKey("planning.GoalIndicator", on_delete=models.CASCADE, related_name="measurements", verbose_name=_("indicator"))
    period = models.DateField(_("period"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period"]
        verbose_name = _("follow-up value")
        verbose_name_plural = _("follow-up values")
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="one_value_per_indicator_and_period")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period:%Y-%m}: {self.value}"
