"""Population counts by region, area, age and year (issue 10 §1), read from SCB or uploaded."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import NAME_LENGTH, OLDEST_AGE


class PopulationSeries(GroupOwned):
    """One set of population counts: an SCB fetch (outcome), or a municipality's own
    forecast uploaded as CSV or Excel, or the demo's made-up figures. An allocation model
    names the series its drivers count in."""

    class Source(models.TextChoices):
        SCB = "scb", _("SCB (Statistics Sweden)")
        UPLOAD = "upload", _("uploaded by the municipality")
        DEMO = "demo", _("made up for the demo")

    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    region = models.CharField(_("region code"), max_length=10, blank=True, help_text=_("SCB's code, for example 0764 for Alvesta"))
    detail = models.JSONField(_("where it came from"), default=dict, blank=True, help_text=_("Table, query, file name and SHA-256"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("population series")
        verbose_name_plural = _("population series")
        constraints = [models.UniqueConstraint(fields=["group", "name"], name="one_population_series_name_per_group")]

    def __str__(self) -> str:
        return self.name


class PopulationCount(models.Model):
    """The number of residents of one age in one area and year. ``area`` is empty for the whole
    region; a municipality's own forecast may count per area (for example a school district)."""

    series = models.ForeignKey(PopulationSeries, on_delete=models.CASCADE, related_name="counts")
    year = models.PositiveIntegerField(_("year"))
    area = models.CharField(_("area"), max_length=NAME_LENGTH, blank=True)
    age = models.PositiveSmallIntegerField(_("age"))
    count = models.PositiveIntegerField(_("number of residents"))

    class Meta:
        ordering = ["series", "year", "area", "age"]
        verbose_name = _("population count")
        verbose_name_plural = _("population counts")
        constraints = [
            models.UniqueConstraint(fields=["series", "year", "area", "age"], name="one_population_count_per_cell"),
            models.CheckConstraint(condition=models.Q(age__lte=OLDEST_AGE), name="population_age_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year} {self.area or '–'} {self.age}: {self.count}"
