"""The resource allocation model (resursfördelningsmodell, seed §5.D; issue 10 §1) and its
scenarios: the parameters that give each committee's base allocation. The arithmetic is
``styr.domain.allocation``; these tables only keep the parameters."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import NAME_LENGTH, OLDEST_AGE, TEXT_LENGTH, TITLE_LENGTH


def _percent(label: Any, default: Decimal = Decimal(0)) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(label, max_digits=5, decimal_places=2, default=default)


class AllocationModel(GroupOwned):
    """A model for one budget year N (and the plan years N+1, N+2), or a scenario of one
    (``based_on``): a copy with other parameters. Prices and fixed amounts are at the price level
    of N−1; each year's index uplifts them (see ``styr.domain.allocation``)."""

    name = models.CharField(_("name"), max_length=TITLE_LENGTH)
    budget_year = models.PositiveIntegerField(_("budget year"))
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="scenarios", verbose_name=_("scenario of"))
    population_series = models.ForeignKey(
        "economy.PopulationSeries", on_delete=models.SET_NULL, null=True, blank=True, related_name="allocation_models", verbose_name=_("population series")
    )
    wage_share_percent = _percent(_("wage share of new rows (%)"), Decimal(60))
    wage_index_n = _percent(_("wage index, budget year (%)"))
    wage_index_n1 = _percent(_("wage index, plan year 1 (%)"))
    wage_index_n2 = _percent(_("wage index, plan year 2 (%)"))
    price_index_n = _percent(_("price index, budget year (%)"))
    price_index_n1 = _percent(_("price index, plan year 1 (%)"))
    price_index_n2 = _percent(_("price index, plan year 2 (%)"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-budget_year", "based_on_id", "name", "pk"]
        verbose_name = _("resource allocation model")
        verbose_name_plural = _("resource allocation models")
        constraints = [
            models.UniqueConstraint(fields=["group", "budget_year", "name"], name="one_allocation_model_name_per_year"),
            models.CheckConstraint(condition=models.Q(wage_share_percent__gte=0, wage_share_percent__lte=100), name="allocation_model_wage_share_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.budget_year}"

    @property
    def is_scenario(self) -> bool:
        return self.based_on_id is not None

    @property
    def years(self) -> tuple[int, int, int]:
        return (self.budget_year, self.budget_year + 1, self.budget_year + 2)


class _Row(GroupOwned):
    model = models.ForeignKey(AllocationModel, on_delete=models.CASCADE, related_name="+", verbose_name=_("model"))
    committee = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("committee"))

    class Meta:
        abstract = True


class AllocationDriver(_Row):
    """A driver (volymmått): residents aged ``age_from``–``age_to`` (in ``area``, or everywhere)
    times a price per resident at the price level of N−1."""

    model = models.ForeignKey(AllocationModel, on_delete=models.CASCADE, related_name="drivers", verbose_name=_("model"))
    name = models.CharField(_("name"), max_length=TITLE_LENGTH)
    age_from = models.PositiveSmallIntegerField(_("age from"))
    age_to = models.PositiveSmallIntegerField(_("age to"))
    area = models.CharField(_("area"), max_length=NAME_LENGTH, blank=True, help_text=_("Empty: the whole municipality."))
    price_sek = models.DecimalField(_("price per resident (kr)"), max_digits=14, decimal_places=2)
    wage_share_percent = _percent(_("wage share (%)"), Decimal(60))

    class Meta:
        ordering = ["model", "committee__position", "committee__name", "pk"]
        verbose_name = _("allocation driver")
        verbose_name_plural = _("allocation drivers")
        constraints = [
            models.CheckConstraint(condition=models.Q(age_from__lte=models.F("age_to"), age_to__lte=OLDEST_AGE), name="allocation_driver_age_band"),
            models.CheckConstraint(condition=models.Q(price_sek__gte=0), name="allocation_driver_price_not_negative"),
            models.CheckConstraint(condition=models.Q(wage_share_percent__gte=0, wage_share_percent__lte=100), name="allocation_driver_wage_share_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.age_from}–{self.age_to})"


class AllocationFixedAmount(_Row):
    """A fixed amount (fast belopp) for a committee, at the price level of N−1, indexed or not."""

    model = models.ForeignKey(AllocationModel, on_delete=models.CASCADE, related_name="fixed_amounts", verbose_name=_("model"))
    reason = models.CharField(_("reason"), max_length=TITLE_LENGTH)
    amount_sek = models.DecimalField(_("amount (kr)"), max_digits=14, decimal_places=2)
    wage_share_percent = _percent(_("wage share (%)"), Decimal(60))
    indexed = models.BooleanField(_("indexed"), default=True)

    class Meta:
        ordering = ["model", "committee__position", "committee__name", "pk"]
        verbose_name = _("fixed amount")
        verbose_name_plural = _("fixed amounts")
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="allocation_fixed_amount_has_reason"),
            models.CheckConstraint(condition=models.Q(wage_share_percent__gte=0, wage_share_percent__lte=100), name="allocation_fixed_wage_share_0_100"),
        ]

    def __str__(self) -> str:
        return self.reason


class PoliticalAdjustment(_Row):
    """A political adjustment (politisk viljeinriktning): kronor for one committee and one year of
    the model (0 = N, 1 = N+1, 2 = N+2), with its reason; never indexed."""

    model = models.ForeignKey(AllocationModel, on_delete=models.CASCADE, related_name="adjustments", verbose_name=_("model"))
    year_offset = models.PositiveSmallIntegerField(_("year"), choices=[(0, _("budget year")), (1, _("plan year 1")), (2, _("plan year 2"))])
    amount_sek = models.DecimalField(_("amount (kr)"), max_digits=14, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=TITLE_LENGTH)

    class Meta:
        ordering = ["model", "year_offset", "committee__position", "committee__name", "pk"]
        verbose_name = _("political adjustment")
        verbose_name_plural = _("political adjustments")
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="political_adjustment_has_reason"),
            models.CheckConstraint(condition=models.Q(year_offset__lte=2), name="political_adjustment_year_offset_0_2"),
        ]

    def __str__(self) -> str:
        return self.reason

    @property
    def year(self) -> int:
        return self.model.budget_year + self.year_offset


class AllocationCountOverride(GroupOwned):
    """A driver's count for one year given by hand, with the reason (the series lacks the year or
    the area, or a known change is not in it yet). It replaces what the series says."""

    driver = models.ForeignKey(AllocationDriver, on_delete=models.CASCADE, related_name="overrides", verbose_name=_("driver"))
    year = models.PositiveIntegerField(_("year"))
    count = models.PositiveIntegerField(_("number of residents"))
    reason = models.CharField(_("reason"), max_length=TITLE_LENGTH)

    class Meta:
        ordering = ["driver", "year"]
        verbose_name = _("count given by hand")
        verbose_name_plural = _("counts given by hand")
        constraints = [
            models.UniqueConstraint(fields=["driver", "year"], name="one_count_override_per_driver_and_year"),
            models.CheckConstraint(condition=~models.Q(reason=""), name="count_override_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.driver} {self.year}: {self.count}"
