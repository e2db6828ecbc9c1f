"""Environment and current-state analysis (seed §5.C, §6.2)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH, TITLE_LENGTH


class TrendCategory(models.TextChoices):
    POLITICAL = "political", _("Political")
    ECONOMIC = "economic", _("Economic")
    SOCIAL = "social", _("Social")
    TECHNOLOGICAL = "technological", _("Technological")
    ENVIRONMENTAL = "environmental", _("Environmental")
    LEGAL = "legal", _("Legal")


class Trend(GroupOwned):
    """A trend of the environment analysis (omvärldsanalys) of a unit for a year (seed §6.2)."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="trends", verbose_name=_("unit"))
    year = models.PositiveIntegerField(_("year"))
    category = models.CharField(_("category"), max_length=15, choices=TrendCategory.choices)
    title = models.CharField(_("trend"), max_length=TITLE_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    expected_impact = models.TextField(_("expected impact"), max_length=TEXT_LENGTH, blank=True)
    horizon_years = models.PositiveSmallIntegerField(_("horizon (years)"), default=4)
    builds_on = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="used_by", verbose_name=_("builds on"))

    class Meta:
        ordering = ["year", "category", "pk"]
        verbose_name = _("trend")
        verbose_name_plural = _("trends")

    def __str__(self) -> str:
        return self.title


class CurrentStateAnalysis(GroupOwned):
    """Nulägesanalys: the quality of the core mission, goal attainment and economy, per unit and year (seed §6.2)."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="current_state_analyses", verbose_name=_("unit"))
    year = models.PositiveIntegerField(_("year"))
    core_mission_quality = models.TextField(_("quality of the core mission"), max_length=TEXT_LENGTH, blank=True)
    goal_attainment = models.TextField(_("goal attainment"), max_length=TEXT_LENGTH, blank=True)
    economy = models.TextField(_("economy"), max_length=TEXT_LENGTH, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("current-state analysis")
        verbose_name_plural = _("current-state analyses")
        constraints = [models.UniqueConstraint(fields=["org_unit", "year"], name="one_analysis_per_unit_and_year")]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}"
