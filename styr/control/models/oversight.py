"""KS's evaluation of the group's internal control (issue 12 §4, seed §7): "Kommunstyrelsen ska,
med utgångspunkt från nämndernas och de kommunala bolagens återrapportering, utvärdera kommunens
samlade interna kontroll och bedöma om det behöver beslutas om åtgärder." """

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH


class OversightEvaluation(GroupOwned):
    """KS's evaluation of a year's internal control across the group and its decision on actions;
    draft → adopted by KS with a Decision and a frozen snapshot of the overview it judged."""

    year = models.PositiveIntegerField(_("year"))
    evaluation = models.TextField(_("evaluation"), max_length=TEXT_LENGTH, blank=True)
    measures = models.TextField(_("decided actions"), max_length=TEXT_LENGTH, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=[("draft", _("Draft")), ("adopted", _("Adopted"))], default="draft")
    decision = models.OneToOneField(
        "planning.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="oversight_evaluation", verbose_name=_("decision")
    )
    snapshot = models.JSONField(_("adopted content"), null=True, blank=True, editable=False)
    snapshot_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    adopted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("evaluation of internal control")
        verbose_name_plural = _("evaluations of internal control")
        constraints = [models.UniqueConstraint(fields=["group", "year"], name="one_oversight_evaluation_per_group_and_year")]

    def __str__(self) -> str:
        return f"{self.group} {self.year}"
