"""The companies under KS's oversight (issue 12 §5, seed §3): the owners' directives as data, their
demands, the companies' answers per year, and the parent company's owner dialogues."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain import companies as rules
from styr.domain.limits import NAME_LENGTH, TEXT_LENGTH, TITLE_LENGTH


class DirectiveKind(models.TextChoices):
    ARTICLES = rules.ARTICLES, _("Articles of association")
    GENERAL = rules.GENERAL, _("General owner directive")
    PARENT_SPECIFIC = rules.PARENT_SPECIFIC, _("Specific owner directive for the parent company")
    SUBSIDIARY_SPECIFIC = rules.SUBSIDIARY_SPECIFIC, _("Specific owner directive for a subsidiary")


class DemandKind(models.TextChoices):
    RETURN_TARGET = rules.RETURN_TARGET, _("Return target")
    SOLIDITY_TARGET = rules.SOLIDITY_TARGET, _("Solidity target")
    REPORTING_DUTY = rules.REPORTING_DUTY, _("Reporting duty")
    OTHER = rules.OTHER, _("Other demand")


class OwnerDirective(GroupOwned):
    """Bolagsordning or ägardirektiv, as decided by its issuer (COMP-001) for a company (COMP-002),
    or for every company (the general owner directive)."""

    kind = models.CharField(_("kind of directive"), max_length=20, choices=DirectiveKind.choices)
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    issuer = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by"))
    company = models.ForeignKey(
        "organisation.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="owner_directives", verbose_name=_("company")
    )
    document = models.ForeignKey(
        "organisation.GoverningDocument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("governing document")
    )
    decision = models.ForeignKey("planning.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decision"))
    decision_reference = models.CharField(_("decision"), max_length=100, blank=True, help_text=_("For example KF § 49/2020"))
    decided_on = models.DateField(_("decision date"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("owner directive")
        verbose_name_plural = _("owner directives")
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")), name="owner_directive_valid_order"),
            models.CheckConstraint(
                condition=Q(kind=rules.GENERAL, company__isnull=True) | (~Q(kind=rules.GENERAL) & Q(company__isnull=False)),
                name="owner_directive_company_by_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DirectiveDemand(GroupOwned):
    """One demand of a directive (a return target, a solidity target, a reporting duty …), with its
    target value and unit where it is a figure (COMP-004)."""

    directive = models.ForeignKey(OwnerDirective, on_delete=models.CASCADE, related_name="demands", verbose_name=_("directive"))
    kind = models.CharField(_("kind of demand"), max_length=20, choices=DemandKind.choices, default=DemandKind.OTHER)
    text = models.TextField(_("demand"), max_length=TEXT_LENGTH)
    target_value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(_("unit"), max_length=20, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["directive", "position", "pk"]
        verbose_name = _("demand of a directive")
        verbose_name_plural = _("demands of directives")
        constraints = [models.CheckConstraint(condition=Q(target_value__isnull=True) | ~Q(target_unit=""), name="directive_demand_value_has_unit")]

    def __str__(self) -> str:
        return self.text[:60]


class DirectiveAnswer(GroupOwned):
    """A company's answer to one demand for a year: what it did, the figure where the demand has a
    target (COMP-006), and the status on the group's status scale (COMP-007)."""

    demand = models.ForeignKey(DirectiveDemand, on_delete=models.PROTECT, related_name="answers", verbose_name=_("demand"))
    company = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="directive_answers", verbose_name=_("company"))
    year = models.PositiveIntegerField(_("year"))
    answer = models.TextField(_("answer"), max_length=TEXT_LENGTH, blank=True)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, default="not_assessed")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        ordering = ["company", "year", "demand"]
        verbose_name = _("answer to a directive")
        verbose_name_plural = _("answers to directives")
        constraints = [models.UniqueConstraint(fields=["demand", "company", "year"], name="one_answer_per_demand_company_and_year")]

    def __str__(self) -> str:
        return f"{self.company} {self.year}: {self.demand}"


class OwnerDialogue(GroupOwned):
    """Ägardialog: the parent company's meeting with one of its subsidiaries (COMP-009), in the
    årshjul of its year, with its notes."""

    parent_company = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("parent company"))
    company = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="owner_dialogues", verbose_name=_("subsidiary"))
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=NAME_LENGTH)
    notes = models.TextField(_("notes"), max_length=TEXT_LENGTH, blank=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("owner dialogue")
        verbose_name_plural = _("owner dialogues")

    def __str__(self) -> str:
        return f"{self.company} {self.held_on}"
