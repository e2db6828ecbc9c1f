"""``{% may_map_roles as may %}``: whether the signed-in user keeps the group's mapping from the
identity provider's groups to roles (``role_mapping.manage``, the administrators on the council)."""

from __future__ import annotations

from typing import Any

from django import template

from styr.core.errors import NotAllowed
from styr.core.permissions import can
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import group_of_user

register = template.Library()


@register.simple_tag(takes_context=True)
def may_map_roles(context: Any) -> bool:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return False
    try:
        group = group_of_user(user)
    except NotAllowed:
        return False
    return can(user, "role_mapping.manage", OrgUnit.objects.filter(group=group, parent=None).first())
