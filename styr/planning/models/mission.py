"""Core mission and its quality (seed §5.A, §5.B, §6.1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH, TITLE_LENGTH, UNIT_LABEL_LENGTH
from styr.planning.models.ending import Endable, end_constraint


class CoreMission(GroupOwned):
    """Grunduppdrag: whom a unit serves, its purpose, what governs it and its risks."""

    org_unit = models.OneToOneField("organisation.OrgUnit", on_delete=models.PROTECT, related_name="core_mission", verbose_name=_("unit"))
    serves = models.TextField(_("whom it serves"), max_length=TEXT_LENGTH, blank=True)
    purpose = models.TextField(_("purpose"), max_length=TEXT_LENGTH, blank=True)
    governed_by = models.TextField(_("what governs it"), max_length=TEXT_LENGTH, blank=True, help_text=_("Laws, regulations, charter, political direction…"))
    governing_documents = models.ManyToManyField("organisation.GoverningDocument", blank=True, related_name="+", verbose_name=_("governing documents"))
    sustainability_goals = models.ManyToManyField("planning.SustainabilityGoal", blank=True, related_name="+", verbose_name=_("Agenda 2030 goals"))
    sustainability_targets = models.ManyToManyField("planning.SustainabilityTarget", blank=True, related_name="+", verbose_name=_("Agenda 2030 targets"))

    class Meta:
        verbose_name = _("core mission")
        verbose_name_plural = _("core missions")

    def __str__(self) -> str:
        return str(self.org_unit)


class Risk(GroupOwned):
    """A risk that the core mission or the direction is not achieved, on the model's risk matrix."""

    core_mission = models.ForeignKey(CoreMission, on_delete=models.CASCADE, related_name="risks", verbose_name=_("core mission"))
    description = models.TextField(_("risk"), max_length=TEXT_LENGTH)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"))
    consequence = models.PositiveSmallIntegerField(_("consequence"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        constraints = [models.CheckConstraint(condition=Q(likelihood__gte=1, consequence__gte=1), name="risk_steps_from_one")]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def risk_value(self) -> int:
        return self.likelihood * self.consequence


class QualityFactor(Endable, GroupOwned):
    """Kvalitetsfaktor: what marks good quality in the core mission."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="quality_factors", verbose_name=_("unit"))
    title = models.CharField(_("quality factor"), max_length=TITLE_LENGTH)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    #: seed §5.B: the national requirement on systematic quality work it answers (QUAL-001), a key of
    #: styr/planning/data/national_quality.yaml; empty for none
    national_requirement = models.CharField(_("national requirement"), max_length=40, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("quality factor")
        verbose_name_plural = _("quality factors")
        constraints = [end_constraint("quality_factor_ended_with_reason")]

    def __str__(self) -> str:
        return self.title

    def get_national_requirement_display(self) -> str:
        from styr.planning.national_quality import national_requirement

        found = national_requirement(self.national_requirement)
        return found.title if found else self.national_requirement


class IndicatorSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    KOLADA = "kolada", _("Kolada key figure")
    COMPUTED = "computed", _("Computed")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    TERTIAL = "tertial", _("Every four months")
    HALF_YEARLY = "half_yearly", _("Twice a year")
    YEARLY = "yearly", _("Yearly")


class QualityIndicator(Endable, GroupOwned):
    """Kvalitetsindikator: a measure of a quality factor, measured regularly.

    It has no target column at all: "Kvalitetsindikatorer målsätts inte" (seed §5.B, QI-001).
    """

    factor = models.ForeignKey(QualityFactor, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("quality factor"))
    name = models.CharField(_("quality indicator"), max_length=TITLE_LENGTH)
    unit_label = models.CharField(_("unit of measure"), max_length=UNIT_LABEL_LENGTH, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=[("higher", _("Higher is better")), ("lower", _("Lower is better"))])
    source = models.CharField(_("source"), max_length=10, choices=IndicatorSource.choices, default=IndicatorSource.MANUAL)
    kolada_kpi = models.CharField(_("Kolada KPI id"), max_length=20, blank=True)
    #: as on the goal indicator: the KPI's metadata hash a person last bound or reviewed (KOLADA-004)
    kolada_hash = models.CharField(_("reviewed Kolada definition"), max_length=64, blank=True, editable=False)
    formula = models.CharField(_("formula"), max_length=300, blank=True)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices, default=Frequency.YEARLY)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner"))
    deputy = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("deputy"))
    sustainability_goals = models.ManyToManyField("planning.SustainabilityGoal", blank=True, related_name="+", verbose_name=_("Agenda 2030 goals"))
    sustainability_targets = models.ManyToManyField("planning.SustainabilityTarget", blank=True, related_name="+", verbose_name=_("Agenda 2030 targets"))
    #: The latest month with a value, kept by the follow-up services: KS's overview finds the
    #: indicators without values from it instead of searching every indicator's values.
    last_period = models.DateField(_("latest month with a value"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("quality indicator")
        verbose_name_plural = _("quality indicators")
        constraints = [
            models.CheckConstraint(condition=~Q(source="kolada") | ~Q(kolada_kpi=""), name="kolada_indicator_has_kpi"),
            end_constraint("quality_indicator_ended_with_reason"),
        ]

    def __str__(self) -> str:
        return self.name
