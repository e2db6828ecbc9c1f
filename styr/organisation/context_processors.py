"""What every page's template needs to know about the group it shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from styr.organisation.models import MunicipalGroup
from styr.organisation.selectors import group_list


def demo_figures(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    """``demo_figures``: the group on the page shows made-up economic figures (the demo), so the
    footer says so. The group is the public page's (by its slug) or the signed-in user's; asked
    only when a template reads it (one query)."""

    def shown() -> bool:
        match = request.resolver_match
        slug: Any = match.kwargs.get("slug") if match is not None else None
        if isinstance(slug, str):
            return MunicipalGroup.objects.filter(slug=slug, demo_figures=True).exists()
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return group_list(user).filter(demo_figures=True).exists()
        return False

    return {"demo_figures": shown}
