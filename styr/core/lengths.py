"""TEXT-001 on a model instance before it is saved: every text field against its ``max_length``
(set from the shared limits in ``styr/domain/limits.py``). SQLite does not enforce a length and a
text column has none, so without this a service would store whatever it was given."""

from __future__ import annotations

from django.db import models
from django.utils.text import capfirst

from styr.domain.limits import check_text_length


def check_lengths(obj: models.Model) -> None:
    for field in obj._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and field.max_length:
            value = getattr(obj, field.attname)
            if isinstance(value, str):
                check_text_length(field=field.name, label=str(capfirst(field.verbose_name)), length=len(value), limit=field.max_length)


def checked[M: models.Model](obj: M) -> M:
    """The instance, saved once its texts are within their limits."""
    check_lengths(obj)
    obj.save()
    return obj
