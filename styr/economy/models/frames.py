"""Frames (driftram and investeringsram, seed §5.D): proposed by controllers, decided by the council
in Mål och budget, adjusted by KS during the year with a recorded decision."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned
from styr.domain.limits import TEXT_LENGTH

TSEK = {"max_digits": 14, "decimal_places": 1}


class OperatingFrame(GroupOwned):
    """A committee's frames for one year, in thousands of kronor (tkr): the operating frame (net
    cost; a committee whose income exceeds its costs has a negative one, so the sign is not
    restricted) and the investment frame.

    ``amount_tsek`` and ``investment_tsek`` are the frames as they stand now: the proposal before
    the council adopts Mål och budget, then as adopted plus KS's adjustments. ``adopted_*`` keep
    what the council decided (``decision``); ``proposed_*`` hold a proposal prepared for a new
    revision of Mål och budget while the adopted frame stays in force."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="operating_frames", verbose_name=_("committee"))
    year = models.PositiveIntegerField(_("year"))
    amount_tsek = models.DecimalField(_("operating frame (tkr)"), **TSEK)  # type: ignore[arg-type]
    investment_tsek = models.DecimalField(_("investment frame (tkr)"), null=True, blank=True, **TSEK)  # type: ignore[arg-type]
    adopted_tsek = models.DecimalField(_("operating frame as adopted (tkr)"), null=True, blank=True, **TSEK)  # type: ignore[arg-type]
    adopted_investment_tsek = models.DecimalField(_("investment frame as adopted (tkr)"), null=True, blank=True, **TSEK)  # type: ignore[arg-type]
    decision = models.ForeignKey(
        "planning.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_frames",
        verbose_name=_("the council's decision"),
    )
    proposed_tsek = models.DecimalField(_("proposed operating frame (tkr)"), null=True, blank=True, **TSEK)  # type: ignore[arg-type]
    proposed_investment_tsek = models.DecimalField(_("proposed investment frame (tkr)"), null=True, blank=True, **TSEK)  # type: ignore[arg-type]

    class Meta:
        ordering = ["year", "org_unit__position"]
        verbose_name = _("operating frame")
        verbose_name_plural = _("operating frames")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year"], name="one_frame_per_unit_and_year"),
            # adopted amounts go with the council's decision, and only with it
            models.CheckConstraint(
                condition=Q(decision__isnull=True, adopted_tsek__isnull=True, adopted_investment_tsek__isnull=True)
                | Q(decision__isnull=False, adopted_tsek__isnull=False, adopted_investment_tsek__isnull=False),
                name="frame_adopted_with_its_decision",
            ),
            models.CheckConstraint(condition=Q(investment_tsek__isnull=True) | Q(investment_tsek__gte=0), name="frame_investment_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}: {self.amount_tsek} tkr"

    @property
    def is_adopted(self) -> bool:
        return self.decision_id is not None


class FrameAdjustment(GroupOwned):
    """KS's adjustment of an adopted frame during the year (seed §5.D: "viss justering"): a
    decision of KS (date, §, registration number) with its reason and the change in tkr."""

    frame = models.ForeignKey(OperatingFrame, on_delete=models.PROTECT, related_name="adjustments", verbose_name=_("frame"))
    adjusts = models.ForeignKey(
        "planning.Decision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("adopted frame it adjusts"),
        help_text=_("The council's adoption of the frame the adjustment is made on"),
    )
    decision = models.OneToOneField("planning.Decision", on_delete=models.PROTECT, related_name="frame_adjustment", verbose_name=_("decision"))
    reason = models.TextField(_("reason"), max_length=TEXT_LENGTH)
    operating_tsek = models.DecimalField(_("change of the operating frame (tkr)"), default=0, **TSEK)  # type: ignore[arg-type]
    investment_tsek = models.DecimalField(_("change of the investment frame (tkr)"), default=0, **TSEK)  # type: ignore[arg-type]
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision__decided_on", "pk"]
        verbose_name = _("frame adjustment")
        verbose_name_plural = _("frame adjustments")
        constraints = [
            models.CheckConstraint(condition=~Q(operating_tsek=0, investment_tsek=0), name="frame_adjustment_changes_something"),
        ]

    def __str__(self) -> str:
        return f"{self.frame.org_unit} {self.frame.year}: {self.operating_tsek:+} tkr"
