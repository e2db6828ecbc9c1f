"""The shared bounds (``styr/domain/limits.py``) held on what a service is about to save.

TEXT-001: every text field of an instance against its ``max_length``; SQLite does not enforce a
length and a text column has none, so without this a service would store whatever it was given.
DATE-001: the dates a service is given, within the model's years."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import models
from django.utils.text import capfirst

from styr.domain.limits import check_date, check_text_length


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


def check_dates(model: type[models.Model], values: Mapping[str, Any]) -> None:
    """DATE-001 for each of the model's date fields among ``values`` (a service's keyword arguments)."""
    for field in model._meta.concrete_fields:
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField) and field.name in values:
            value = values[field.name]
            if isinstance(value, date):
                check_date(field=field.name, label=str(capfirst(field.verbose_name)), value=value)
