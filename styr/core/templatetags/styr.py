from __future__ import annotations

from typing import Any

from django import template

from styr.domain.limits import TEXT_LENGTH, year_in_range

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ mapping|get_item:key }}`` for dictionaries keyed by ids."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def sv_number(value: Any, max_decimals: Any = None) -> str:
    """``{{ value|sv_number }}`` or ``{{ value|sv_number:2 }}``: a figure in Swedish form (20 134; 41,5)."""
    from styr.domain.numbers import sv_number as format_number

    try:
        return format_number(value, max_decimals=None if max_decimals in (None, "") else int(max_decimals))
    except (TypeError, ValueError):
        return "" if value is None else str(value)


@register.filter
def sv_percent(value: Any, max_decimals: Any = 1) -> str:
    """``{{ share|sv_percent }}``: a share already in percent as "41,5 %"."""
    from styr.domain.numbers import sv_percent as format_percent

    try:
        return format_percent(value, max_decimals=None if max_decimals in (None, "") else int(max_decimals))
    except (TypeError, ValueError):
        return "" if value is None else str(value)


@register.filter
def year_step(year: Any, step: Any) -> int | None:
    """``{{ year|year_step:-1 }}``: the year before or after, or None outside the model's years
    (so a page of the first or last year links to no year that would be a 404)."""
    try:
        other = int(year) + int(step)
    except (TypeError, ValueError):
        return None
    return other if year_in_range(other) else None


@register.simple_tag
def text_length() -> int:
    """``maxlength="{% text_length %}"`` on a hand-written textarea: the free-text limit (TEXT-001)."""
    return TEXT_LENGTH
