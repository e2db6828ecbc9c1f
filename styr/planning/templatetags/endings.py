"""The plan page's "Avsluta" form and "Avslutad" mark (issue 14 §2)."""

from __future__ import annotations

from typing import Any

from django import template

from styr.core.permissions import can
from styr.planning.services.endings import ENDINGS
from styr.planning.services.removal import named

register = template.Library()

#: Rules that refuse a removal and point to ending instead.
END_INSTEAD = frozenset({"DEL-001", "DEL-002"})


@register.inclusion_tag("planning/plan/_end.html", takes_context=True)
def end_form(context: template.Context, item: Any, slug: str) -> dict[str, Any]:
    """The form that ends ``item``, for someone who may; open when removing it was just refused."""
    request = context.get("request")
    spec = ENDINGS.get(type(item))
    user = getattr(request, "user", None)
    may = spec is not None and item.ended_on is None and user is not None and can(user, spec.perm, spec.unit(item))
    page = context.get("page")
    error = getattr(page, "error", None)
    refused = error is not None and error.code in END_INSTEAD and error.detail.get("what") == named(item)
    return {
        "may": may,
        "item": item,
        "slug": slug,
        "key": f"{slug}-{item.pk}",
        "unit": context.get("unit"),
        "year": context.get("year"),
        "open": refused,
        "csrf_token": context.get("csrf_token"),
    }
