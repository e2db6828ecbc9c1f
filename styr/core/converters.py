"""Path converters that hold a URL's year and ids to their range: anything outside does not match,
so it answers 404 instead of an error from the database or from ``date`` (issue 8, point 1)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import Http404, HttpRequest
from django.urls import register_converter
from django.utils import timezone

from styr.domain.limits import id_in_range, year_in_range


class _BoundedConverter:
    """Digits only, and a number within the bounds of ``in_range``; anything else does not match."""

    regex = "[0-9]{1,20}"
    in_range: Callable[[int], bool]

    def to_python(self, value: str) -> int:
        number = int(value)
        if not self.in_range(number):
            raise ValueError(f"{number} out of range for {type(self).__name__}")
        return number

    def to_url(self, value: int | str) -> str:
        return str(self.to_python(str(int(value))))


class YearConverter(_BoundedConverter):
    """A year the model plans for (``MIN_YEAR``–``MAX_YEAR``)."""

    in_range = staticmethod(year_in_range)


class IdConverter(_BoundedConverter):
    """A database id: 1 to 2^63 − 1."""

    in_range = staticmethod(id_in_range)


def register() -> None:
    register_converter(YearConverter, "year")
    register_converter(IdConverter, "id")


def year_param(request: HttpRequest, name: str = "ar") -> int:
    """The year asked for in the query string, this year when none is; 404 outside the model's range
    or when it is not a year."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return timezone.localdate().year
    if not re.fullmatch(YearConverter.regex, raw):
        raise Http404
    try:
        return YearConverter().to_python(raw)
    except ValueError:
        raise Http404 from None
