"""The rolling three-year investment plan (seed §5.D, issue 11 §3): investment projects of the
committees and their amounts per year in the plan of each year of Mål och budget."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH

TSEK = {"max_digits": 14, "decimal_places": 1}


class InvestmentProject(GroupOwned):
    """A committee's investment project: what it is, its category, its years and status, and the
    project code the ledgers book its spend on (an object of the ledger's project dimension)."""

    class Category(models.TextChoices):
        REINVESTMENT = "reinvestment", _("reinvestment")
        EXPANSION = "expansion", _("expansion")
        EXPLOITATION = "exploitation", _("exploitation")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        FINISHED = "finished", _("finished")
        CANCELLED = "cancelled", _("cancelled")

    committee = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="investment_projects", verbose_name=_("committee"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=TEXT_LENGTH, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    start_year = models.PositiveIntegerField(_("start year"))
    end_year = models.PositiveIntegerField(_("end year"))
    code = models.CharField(_("project code"), max_length=40, blank=True, help_text=_("The project's object in the ledgers' project dimension"))
    total_tsek = models.DecimalField(_("total cost (tkr)"), null=True, blank=True, **TSEK)  # type: ignore[arg-type]

    class Meta:
        ordering = ["committee__position", "name", "pk"]
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        constraints = [
            models.UniqueConstraint(fields=["group", "code"], condition=~Q(code=""), name="one_investment_project_per_code"),
            models.CheckConstraint(condition=Q(end_year__gte=F("start_year")), name="investment_project_ends_after_start"),
            models.CheckConstraint(condition=Q(total_tsek__isnull=True) | Q(total_tsek__gte=0), name="investment_project_total_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def carried(self) -> bool:
        """Still going: rolled into the next year's plan."""
        return self.status in (self.Status.PLANNED, self.Status.ONGOING)


class InvestmentAmount(GroupOwned):
    """A project's amount for one year in the investment plan of a year of Mål och budget
    (``plan_year`` N; ``year`` is N, N+1 or N+2), with the operating-cost consequences the
    investment brings that year (driftkonsekvenser: capital cost and running cost)."""

    project = models.ForeignKey(InvestmentProject, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("project"))
    plan_year = models.PositiveIntegerField(_("plan of the year"))
    year = models.PositiveIntegerField(_("year"))
    amount_tsek = models.DecimalField(_("investment (tkr)"), **TSEK)  # type: ignore[arg-type]
    capital_cost_tsek = models.DecimalField(_("capital cost (tkr)"), default=0, **TSEK)  # type: ignore[arg-type]
    running_cost_tsek = models.DecimalField(_("running cost (tkr)"), default=0, **TSEK)  # type: ignore[arg-type]

    class Meta:
        ordering = ["plan_year", "project", "year"]
        verbose_name = _("investment amount")
        verbose_name_plural = _("investment amounts")
        indexes = [models.Index(fields=["group", "plan_year"], name="investment_amount_by_plan")]
        constraints = [
            models.UniqueConstraint(fields=["project", "plan_year", "year"], name="one_investment_amount_per_year"),
            models.CheckConstraint(condition=Q(year__gte=F("plan_year"), year__lte=F("plan_year") + 2), name="investment_amount_within_its_plan"),
            models.CheckConstraint(condition=Q(amount_tsek__gte=0), name="investment_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year} ({self.plan_year}): {self.amount_tsek} tkr"
