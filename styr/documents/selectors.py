"""Reads for documents."""

from __future__ import annotations

from typing import Any

from styr.documents.models import GraphicProfile
from styr.organisation.models import MunicipalGroup


def graphic_profile_for(group: MunicipalGroup) -> GraphicProfile | None:
    """The group's look, for every document of the group. Not scoped by user: the logo and the
    colours appear on every document, the public ones included."""
    return GraphicProfile.objects.filter(group=group).first()


def graphic_profile_get(user: Any, group: MunicipalGroup) -> GraphicProfile | None:
    """The group's look for its settings page (the page checks ``profile.manage``)."""
    return graphic_profile_for(group)
