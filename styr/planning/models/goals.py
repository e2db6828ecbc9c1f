"""Direction, development areas, development goals and goal indicators (seed §5.C)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.goals import YearSpan
from styr.domain.limits import TEXT_LENGTH, TITLE_LENGTH, UNIT_LABEL_LENGTH
from styr.planning.models.ending import Endable, end_constraint


class LifecycleState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed")
    ADOPTED = "adopted", _("Adopted")


class Direction(GroupOwned):
    """Inriktning: the political direction of a unit for a year (seed §5.C)."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="directions", verbose_name=_("unit"))
    year = models.PositiveIntegerField(_("year"))
    text = models.TextField(_("political direction"), max_length=TEXT_LENGTH)

    class Meta:
        ordering = ["year"]
        verbose_name = _("political direction")
        verbose_name_plural = _("political directions")
        constraints = [models.UniqueConstraint(fields=["org_unit", "year"], name="one_direction_per_unit_and_year")]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}"


class DevelopmentArea(GroupOwned):
    """Utvecklingsområde: a prioritised area to develop, found by the analyses."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="development_areas", verbose_name=_("unit"))
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("development area"), max_length=TITLE_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("development area")
        verbose_name_plural = _("development areas")

    def __str__(self) -> str:
        return self.title


class DevelopmentGoal(Endable, GroupOwned):
    """Utvecklingsmål: a desired result from the citizen's view; at most the model's cap per unit and period."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="development_goals", verbose_name=_("unit"))
    development_area = models.ForeignKey(
        DevelopmentArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="goals", verbose_name=_("development area")
    )
    contributes_to = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="contributions", verbose_name=_("contributes to"))
    sustainability_goals = models.ManyToManyField("planning.SustainabilityGoal", blank=True, related_name="+", verbose_name=_("Agenda 2030 goals"))
    sustainability_targets = models.ManyToManyField("planning.SustainabilityTarget", blank=True, related_name="+", verbose_name=_("Agenda 2030 targets"))
    title = models.CharField(_("goal"), max_length=TITLE_LENGTH)
    citizen_change = models.TextField(_("change for citizens"), max_length=TEXT_LENGTH, blank=True)
    start_year = models.PositiveIntegerField(_("start year"))
    end_year = models.PositiveIntegerField(_("end year"))
    measurable = models.BooleanField(_("measurable with indicators"), default=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner"))
    deputy = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("deputy"))
    state = models.CharField(_("state"), max_length=10, choices=LifecycleState.choices, default=LifecycleState.DRAFT)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: The end of the latest period the goal is assessed for, and that assessment's status: KS's
    #: overview reads them instead of every assessment. Kept by ``followup.services.assessment_record``
    #: alone (``MAINTAINED``: a goal saved from a form read earlier does not write them back).
    assessed_until = models.DateField(_("assessed until"), null=True, blank=True, editable=False)
    latest_status = models.CharField(_("latest status"), max_length=30, blank=True, editable=False)

    MAINTAINED = ("assessed_until", "latest_status")

    class Meta:
        ordering = ["start_year", "pk"]
        verbose_name = _("development goal")
        verbose_name_plural = _("development goals")
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="goal_end_after_start"),
            end_constraint("goal_ended_with_reason"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in self.MAINTAINED]
        super().save(*args, **kwargs)

    @property
    def span(self) -> YearSpan:
        return YearSpan(self.start_year, self.end_year)

    @property
    def is_long(self) -> bool:
        """Short goals run one year, long ones two to four (seed §5.C)."""
        return self.end_year > self.start_year


class IndicatorDirection(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("Higher is better")
    LOWER_IS_BETTER = "lower", _("Lower is better")


class GoalIndicator(Endable, GroupOwned):
    """Målindikator: a measure of a development goal, with a baseline and targets."""

    goal = models.ForeignKey(DevelopmentGoal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("goal"))
    name = models.CharField(_("indicator"), max_length=TITLE_LENGTH)
    unit_label = models.CharField(_("unit of measure"), max_length=UNIT_LABEL_LENGTH, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=IndicatorDirection.choices, default=IndicatorDirection.HIGHER_IS_BETTER)
    baseline_year = models.PositiveIntegerField(_("baseline year"))
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=2)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner"))
    deputy = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("deputy"))
    sustainability_goals = models.ManyToManyField("planning.SustainabilityGoal", blank=True, related_name="+", verbose_name=_("Agenda 2030 goals"))
    sustainability_targets = models.ManyToManyField("planning.SustainabilityTarget", blank=True, related_name="+", verbose_name=_("Agenda 2030 targets"))
    #: The latest month with a value, kept by the follow-up services: KS's overview finds the
    #: indicators without values from it instead of searching every indicator's values.
    last_period = models.DateField(_("latest month with a value"), null=True, blank=True, editable=False)
    #: The Kolada KPI the indicator follows (blank: none); its values then come from Kolada.
    kolada_kpi = models.CharField(_("Kolada KPI id"), max_length=20, blank=True)
    #: The KPI's metadata hash when a person last bound or reviewed it: another hash in the
    #: catalogue means Kolada changed the definition and a person must review it (KOLADA-004).
    kolada_hash = models.CharField(_("reviewed Kolada definition"), max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("goal indicator")
        verbose_name_plural = _("goal indicators")
        constraints = [end_constraint("goal_indicator_ended_with_reason")]

    def __str__(self) -> str:
        return self.name


class GoalIndicatorTarget(GroupOwned):
    """The target value of a goal indicator for one year."""

    indicator = models.ForeignKey(GoalIndicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveIntegerField(_("year"))
    value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_indicator_and_year")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"
