"""``{% may_set_look as may %}``: whether the signed-in user may change the group's graphic profile."""

from __future__ import annotations

from typing import Any

from django import template

from styr.core.errors import NotAllowed
from styr.core.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def may_set_look(context: Any) -> bool:
    from styr.documents.services import profile_unit
    from styr.organisation.selectors import group_of_user

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return False
    try:
        group = group_of_user(user)
    except NotAllowed:
        return False
    return can(user, "profile.manage", profile_unit(group))
