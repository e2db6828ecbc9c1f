"""The personnel budget (lönebudget, issue 10 §2): positions per unit and year, and the group's
dated personnel overhead rate (PO-pålägg). The arithmetic is ``styr/domain/personnel.py``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH, TITLE_LENGTH
from styr.domain.personnel import DEFAULT_INCREASE_MONTH
from styr.domain.personnel import Position as PositionTerms


class Position(GroupOwned):
    """A position of a unit for a year: title, full-time monthly salary, employment rate, the
    months it is held and the year's salary revision (a percent from a month)."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="positions", verbose_name=_("unit"))
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    monthly_salary_sek = models.DecimalField(_("monthly salary, full time (kr)"), max_digits=10, decimal_places=2)
    employment_rate = models.DecimalField(_("employment rate (%)"), max_digits=5, decimal_places=2)
    start_month = models.PositiveSmallIntegerField(_("from month"), default=1)
    end_month = models.PositiveSmallIntegerField(_("to month"), default=12)
    salary_increase_percent = models.DecimalField(_("salary increase (%)"), max_digits=5, decimal_places=2, default=0)
    salary_increase_month = models.PositiveSmallIntegerField(_("salary increase from month"), default=DEFAULT_INCREASE_MONTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["org_unit", "year", "title", "pk"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_month__gte=1, end_month__lte=12, start_month__lte=models.F("end_month")), name="position_months_in_the_year"
            ),
            models.CheckConstraint(condition=models.Q(employment_rate__gte=0, employment_rate__lte=100), name="position_rate_is_a_percent"),
            models.CheckConstraint(condition=models.Q(monthly_salary_sek__gte=0), name="position_salary_not_negative"),
            models.CheckConstraint(
                condition=models.Q(
                    salary_increase_percent__gte=0, salary_increase_percent__lte=100, salary_increase_month__gte=1, salary_increase_month__lte=12
                ),
                name="position_increase_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}: {self.title}"

    def terms(self) -> PositionTerms:
        return PositionTerms(
            title=self.title,
            monthly_salary_sek=self.monthly_salary_sek,
            employment_rate=self.employment_rate,
            start_month=self.start_month,
            end_month=self.end_month,
            increase_percent=self.salary_increase_percent,
            increase_month=self.salary_increase_month,
        )


class PersonnelOverheadRate(GroupOwned):
    """PO-pålägg: the overhead on salaries (employer's contributions, pensions, insurance) as a
    percent, valid from a date until the next row's. A new year's rate is a new row."""

    valid_from = models.DateField(_("valid from"))
    rate_percent = models.DecimalField(_("personnel overhead (%)"), max_digits=5, decimal_places=2)
    note = models.TextField(_("source"), max_length=TEXT_LENGTH, blank=True, help_text=_("For example SKR's circular that publishes the rate"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["group", "-valid_from"]
        verbose_name = _("personnel overhead rate")
        verbose_name_plural = _("personnel overhead rates")
        constraints = [
            models.UniqueConstraint(fields=["group", "valid_from"], name="one_overhead_rate_per_group_and_day"),
            models.CheckConstraint(condition=models.Q(rate_percent__gte=0, rate_percent__lte=100), name="overhead_rate_is_a_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from}: {self.rate_percent} %"
