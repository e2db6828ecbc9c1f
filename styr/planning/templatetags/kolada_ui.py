"""``{% load kolada_ui %}{% kolada_bindings factors as kolada %}``: the KPIs of the quality indicators a tab lists, by
indicator, read in one query (the plan page's tabs are built by plan_page, which stays as it is)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from styr.planning.selectors_kolada import Binding, bindings

register = template.Library()


@register.simple_tag
def kolada_bindings(factors: Iterable[Any]) -> dict[int, Binding]:
    return bindings(i for factor in factors for i in getattr(factor, "indicator_list", []))
