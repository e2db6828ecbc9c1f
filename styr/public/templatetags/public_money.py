"""Money on the public pages: kept in thousands of kronor (tkr), shown in kronor the Swedish way."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from styr.domain.numbers import sv_number

register = template.Library()


@register.filter
def tsek_kr(value: Any) -> str:
    """``{{ frame.adopted_tsek|tsek_kr }}``: 512300.0 tkr → "512 300 000" (kronor, no decimals)."""
    if value is None or value == "":
        return "–"
    return sv_number(Decimal(str(value)) * 1000, max_decimals=0)
