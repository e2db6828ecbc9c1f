"""Agenda 2030: the 17 goals and 169 targets, reference data shared by every group (seed §4, §5.A)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class SustainabilityGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title_sv = models.CharField(_("Swedish title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Agenda 2030 goal")
        verbose_name_plural = _("Agenda 2030 goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        return self.title_en if (get_language() or "sv").startswith("en") else self.title_sv


class SustainabilityTarget(models.Model):
    goal = models.ForeignKey(SustainabilityGoal, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("code"), max_length=8, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    title_sv = models.CharField(_("Swedish title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300)

    class Meta:
        ordering = ["goal__number", "position"]
        verbose_name = _("Agenda 2030 target")
        verbose_name_plural = _("Agenda 2030 targets")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return self.title_en if (get_language() or "sv").startswith("en") else self.title_sv
