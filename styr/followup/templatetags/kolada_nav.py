"""The header's Kolada link: shown to those the page is for, KS's controllers (``kolada.sync``).

Others in the group may open /kolada/ and read the counts, but have nothing to do there; a
changed definition reaches them through the warning on their own indicator (KOLADA-004)."""

from __future__ import annotations

from typing import Any

from django import template

from styr.core.permissions import can
from styr.domain.levels import LevelKind
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import group_list

register = template.Library()


@register.simple_tag(takes_context=True)
def kolada_link_shown(context: dict[str, Any]) -> bool:
    """``{% kolada_link_shown as shown %}``: the signed-in user may sync Kolada for their group."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    group = group_list(user).first()
    if group is None:
        return False
    board = OrgUnit.objects.filter(group=group, kind=LevelKind.EXECUTIVE_BOARD.value, valid_to__isnull=True).first()
    return can(user, "kolada.sync", board)
