"""Surplus and deficit carry-over (resultatöverföring, seed §5.D; issue 11 §2): a committee's result
for a year against its frame, what the preset's rules propose to carry into the next year, and the
council's decision, which alone makes it final."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH

TSEK2 = {"max_digits": 16, "decimal_places": 2}


class CarryOverState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, for the council to decide")
    DECIDED = "decided", _("Decided by the council")


class CarryOver(GroupOwned):
    """A committee's result for ``year`` (the year it arose in) and what is carried into ``year + 1``.

    A controller computes it from the frame as it stood at the year's end and the year's actual net
    cost (``frame_tsek``, ``actual_tsek``, ``result_tsek`` = frame − actual, positive a surplus) and
    the rules' proposal (``proposed_tsek``); the council decides (``decided_tsek``, ``decision``),
    possibly another amount with its reason (``comment``). Decided, it is locked (CARRY-003)."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="carry_overs", verbose_name=_("committee"))
    year = models.PositiveIntegerField(_("year of the result"))
    frame_tsek = models.DecimalField(_("frame (tkr)"), **TSEK2)  # type: ignore[arg-type]
    actual_tsek = models.DecimalField(_("actual net cost (tkr)"), **TSEK2)  # type: ignore[arg-type]
    result_tsek = models.DecimalField(_("result (tkr)"), **TSEK2)  # type: ignore[arg-type]
    proposed_tsek = models.DecimalField(_("proposed carry-over (tkr)"), **TSEK2)  # type: ignore[arg-type]
    decided_tsek = models.DecimalField(_("decided carry-over (tkr)"), null=True, blank=True, **TSEK2)  # type: ignore[arg-type]
    state = models.CharField(_("state"), max_length=10, choices=CarryOverState.choices, default=CarryOverState.PROPOSED)
    #: the council decides the year's carry-overs in one decision (one §)
    decision = models.ForeignKey(
        "planning.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="carry_overs", verbose_name=_("the council's decision")
    )
    comment = models.TextField(_("reason"), max_length=TEXT_LENGTH, blank=True)
    computed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    computed_at = models.DateTimeField(_("computed"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["year", "org_unit__position", "pk"]
        verbose_name = _("carry-over")
        verbose_name_plural = _("carry-overs")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year"], name="one_carry_over_per_unit_and_year"),
            # the decided amount goes with the council's decision, and only with it
            models.CheckConstraint(
                condition=Q(state="proposed", decision__isnull=True, decided_tsek__isnull=True)
                | Q(state="decided", decision__isnull=False, decided_tsek__isnull=False),
                name="carry_over_decided_with_its_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}: {self.proposed_tsek} tkr"

    @property
    def is_decided(self) -> bool:
        return self.state == CarryOverState.DECIDED

    @property
    def into_year(self) -> int:
        return self.year + 1
