"""The bounds every input is held to, defined once and used by the domain rules, the forms,
the API schemas, the Excel reader, the URL converters and the models (issue 8, point 1)."""

from __future__ import annotations

from datetime import date

from styr.domain.errors import RuleViolation, _

#: The years the governance model plans and follows up. A year outside them in a URL is a 404,
#: in a form or the API a refused value.
MIN_YEAR = 2000
MAX_YEAR = 2100

#: The dates a deadline, an activity or a decision may carry (DATE-001).
MIN_DATE = date(MIN_YEAR, 1, 1)
MAX_DATE = date(MAX_YEAR, 12, 31)

#: A database id: a positive 64-bit integer.
MAX_ID = 2**63 - 1

#: Text lengths, one per kind of field (characters).
TITLE_LENGTH = 300  #: a title or a name
NAME_LENGTH = 200  #: a person's, a unit's or a meeting's name
UNIT_LABEL_LENGTH = 30  #: a unit of measure
TEXT_LENGTH = 10_000  #: a free text: a description, an analysis, a comment


def year_in_range(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def id_in_range(pk: int) -> bool:
    return 1 <= pk <= MAX_ID


def check_text_length(*, field: str, label: str, length: int, limit: int) -> None:
    """TEXT-001: a text is at most its field's limit, the same in the forms, the API, the Excel
    upload and the database; ``label`` names the field as the reader knows it."""
    if length > limit:
        raise RuleViolation(
            "TEXT-001",
            _("%(label)s can be at most %(limit)s characters; it has %(length)s."),
            {"label": label, "limit": limit, "length": length},
            field=field,
        )


def check_date(*, field: str, label: str, value: date | None) -> None:
    """DATE-001: a date someone gives (a deadline, an activity's start or end, a meeting, a
    decision) lies within the model's years, ``MIN_DATE`` to ``MAX_DATE``."""
    if value is not None and not MIN_DATE <= value <= MAX_DATE:
        raise RuleViolation(
            "DATE-001",
            _("%(label)s %(date)s is not between %(first)s and %(last)s."),
            {"label": label, "date": value.isoformat(), "first": MIN_DATE.isoformat(), "last": MAX_DATE.isoformat()},
            field=field,
        )


def check_year(*, field: str, label: str, year: int) -> None:
    """DATE-001 for a year a service is given or computes (next year's plan): within the model's
    years, ``MIN_YEAR`` to ``MAX_YEAR``, the years the pages and the API can address."""
    if not year_in_range(year):
        raise RuleViolation(
            "DATE-001",
            _("%(label)s %(date)s is not between %(first)s and %(last)s."),
            {"label": label, "date": str(year), "first": str(MIN_YEAR), "last": str(MAX_YEAR)},
            field=field,
        )


#: The oldest age SCB counts on its own: ``100`` stands for "100 years or older" (``100+``).
OLDEST_AGE = 100
