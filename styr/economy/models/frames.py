"""Operating frames (driftramar, seed §5.D)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.models import GroupOwned


class OperatingFrame(GroupOwned):
    """A committee's net-cost budget for one year, in thousands of kronor (tkr). A committee
    whose income exceeds its costs has a negative frame, so the sign is not restricted."""

    org_unit = models.ForeignKey("organisation.OrgUnit", on_delete=models.PROTECT, related_name="operating_frames", verbose_name=_("committee"))
    year = models.PositiveIntegerField(_("year"))
    amount_tsek = models.DecimalField(_("operating frame (tkr)"), max_digits=14, decimal_places=1)

    class Meta:
        ordering = ["year", "org_unit__position"]
        verbose_name = _("operating frame")
        verbose_name_plural = _("operating frames")
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "year"], name="one_frame_per_unit_and_year"),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.year}: {self.amount_tsek} tkr"
