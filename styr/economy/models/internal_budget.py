"""A committee's adopted internal budget (internbudget, issue 10 §2): each adoption is a decision
of the committee with a frozen snapshot of the split; reopening it starts a new revision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH


class InternalBudgetAdoption(GroupOwned):
    """One revision of a committee's internal budget as adopted: the decision, the frame it was
    matched against and the split per unit and month (JSON + SHA-256). While it is not reopened
    the units' budget months of the year are locked (ECON-014)."""

    committee = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="internal_budget_adoptions", verbose_name=_("committee"))
    year = models.PositiveIntegerField(_("year"))
    revision = models.PositiveIntegerField(_("revision"), default=1)
    decision = models.OneToOneField("planning.Decision", on_delete=models.PROTECT, related_name="internal_budget_adoption", verbose_name=_("decision"))
    frame_tsek = models.DecimalField(_("operating frame (tkr)"), max_digits=14, decimal_places=1)
    total_sek = models.DecimalField(_("sum of the units' budgets (kr)"), max_digits=17, decimal_places=2)
    snapshot = models.JSONField(_("adopted split"), editable=False)
    snapshot_sha256 = models.CharField(max_length=64, editable=False)
    adopted_at = models.DateTimeField(_("adopted"))
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reopen_reason = models.TextField(_("why it was reopened"), max_length=TEXT_LENGTH, blank=True)

    class Meta:
        ordering = ["committee", "-year", "-revision"]
        verbose_name = _("adopted internal budget")
        verbose_name_plural = _("adopted internal budgets")
        constraints = [
            models.UniqueConstraint(fields=["committee", "year", "revision"], name="one_internal_budget_revision_per_committee_and_year"),
            models.UniqueConstraint(
                fields=["committee", "year"], condition=models.Q(reopened_at__isnull=True), name="one_internal_budget_in_force_per_committee_and_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.year} (rev. {self.revision})"

    @property
    def in_force(self) -> bool:
        return self.reopened_at is None
