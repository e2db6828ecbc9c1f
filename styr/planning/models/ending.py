"""Ending instead of removing (issue 14 §2, DEL-001…006): an item with follow-up data below it
stays in the history and is closed with a date and a reason."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.domain.limits import TEXT_LENGTH


class Endable(models.Model):
    """``ended_on`` and ``end_reason``: both empty while the item lives, both set once it is ended
    (a check constraint on each table holds them together); set only by ``services.endings``."""

    ended_on = models.DateField(_("ended on"), null=True, blank=True, editable=False)
    end_reason = models.TextField(_("reason for ending"), max_length=TEXT_LENGTH, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_ended(self) -> bool:
        return self.ended_on is not None


def end_constraint(name: str) -> models.CheckConstraint:
    """An ended item has its reason; a living one has neither."""
    return models.CheckConstraint(
        condition=(models.Q(ended_on__isnull=True) & models.Q(end_reason="")) | (models.Q(ended_on__isnull=False) & ~models.Q(end_reason="")),
        name=name,
    )
