"""Ids in request bodies, resolved with the caller: through the selectors, so a unit or an object
the caller may not see answers 404 exactly as a read of it would."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.http import Http404, HttpRequest

from styr.organisation.models import GoverningDocument, OrgUnit
from styr.organisation.selectors import governing_document_list, org_unit_get
from styr.planning.models import DevelopmentGoal, SustainabilityGoal, SustainabilityTarget
from styr.planning.selectors import goal_get, goal_list_public


def unit(request: HttpRequest, pk: int) -> OrgUnit:
    return org_unit_get(request.user, pk)


def each[T](ids: Iterable[int], get: Callable[[int], T]) -> list[T]:
    """Every id resolved (once each, in the order given) with ``get``, which raises 404."""
    return [get(pk) for pk in dict.fromkeys(ids)]


def _all_found[T](ids: Iterable[int], found: dict[int, T]) -> list[T]:
    wanted = list(dict.fromkeys(ids))
    if any(pk not in found for pk in wanted):
        raise Http404
    return [found[pk] for pk in wanted]


def governing_documents(request: HttpRequest, org_unit: OrgUnit, ids: Iterable[int]) -> list[GoverningDocument]:
    """Documents of the unit's own group register."""
    ids = list(ids)
    return _all_found(ids, {d.pk: d for d in governing_document_list(request.user, org_unit.group).filter(pk__in=ids)})


def contribution_targets(request: HttpRequest, org_unit: OrgUnit, ids: Iterable[int]) -> list[DevelopmentGoal]:
    """Goals a new goal may name as what it contributes to: any goal the caller sees, and any adopted
    goal of the unit's group (adopted goals are public, so a committee can contribute to the council's
    goals without a role on the council). Whether the link is allowed is GOAL-005, the service's."""
    ids = list(ids)
    adopted = {g.pk: g for g in goal_list_public(org_unit.group).filter(pk__in=ids)}
    return each(ids, lambda pk: adopted[pk] if pk in adopted else goal_get(request.user, pk))


# Agenda 2030 is reference data shared by every group and readable by anyone (there is no
# selector for it yet): these are the only direct reads of it in the API.


def agenda_goals(ids: Iterable[int]) -> list[Any]:
    ids = list(ids)
    return _all_found(ids, {g.pk: g for g in SustainabilityGoal.objects.filter(pk__in=ids)})


def agenda_targets(ids: Iterable[int]) -> list[Any]:
    ids = list(ids)
    return _all_found(ids, {t.pk: t for t in SustainabilityTarget.objects.filter(pk__in=ids)})


def agenda_links(fields: dict[str, Any]) -> dict[str, Any]:
    """``sustainability_goals`` / ``sustainability_targets`` ids in ``fields`` replaced by the rows."""
    resolved = dict(fields)
    if resolved.get("sustainability_goals") is not None:
        resolved["sustainability_goals"] = agenda_goals(resolved["sustainability_goals"])
    if resolved.get("sustainability_targets") is not None:
        resolved["sustainability_targets"] = agenda_targets(resolved["sustainability_targets"])
    return resolved
