"""The write path shared by simple services: permission → save → audit, in one transaction.

Services check their domain rules first and then call these; they never skip the audit.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.bounds import check_lengths
from styr.core.permissions import require


def _split(model: type[models.Model], fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    many = {f.name for f in model._meta.many_to_many}
    return {k: v for k, v in fields.items() if k not in many}, {k: v for k, v in fields.items() if k in many}


def _m2m_snapshot(obj: models.Model, names: list[str]) -> dict[str, Any]:
    return {name: sorted(getattr(obj, name).values_list("pk", flat=True)) for name in names}


@transaction.atomic
def create[M: models.Model](*, actor: Actor, perm: str, unit: Any, model: type[M], action: str, **fields: Any) -> M:
    if actor is not None:
        require(actor, perm, unit)
    plain, many = _split(model, fields)
    obj = model(**plain)
    check_lengths(obj)
    obj.full_clean()
    obj.save()
    for name, values in many.items():
        getattr(obj, name).set(values)
    audit.record(actor=actor, action=action, obj=obj, org_unit=unit, after={**audit.snapshot(obj), **_m2m_snapshot(obj, list(many))})
    return obj


#: Fields that place an object in the tree; an update never moves it (delete and create instead).
PLACEMENT_FIELDS = frozenset({"group", "org_unit", "issuer", "core_mission", "factor", "goal", "assignment"})


def allowed(actor: Actor, perm: str, unit: Any) -> None:
    """Permission first, before any rule is looked at: someone without it learns nothing more (PERM-001)."""
    if actor is not None:
        require(actor, perm, unit)


@transaction.atomic
def update[M: models.Model](*, actor: Actor, perm: str, unit: Any, obj: M, action: str, **fields: Any) -> M:
    if actor is not None:
        require(actor, perm, unit)
    moved = sorted(PLACEMENT_FIELDS & set(fields))
    if moved:
        raise TypeError(f"update cannot move {type(obj).__name__} through {moved}")
    plain, many = _split(type(obj), fields)
    before = {**audit.snapshot(obj), **_m2m_snapshot(obj, list(many))}
    for name, value in plain.items():
        setattr(obj, name, value)
    check_lengths(obj)
    obj.full_clean()
    obj.save()
    for name, values in many.items():
        getattr(obj, name).set(values)
    audit.record(actor=actor, action=action, obj=obj, org_unit=unit, before=before, after={**audit.snapshot(obj), **_m2m_snapshot(obj, list(many))})
    return obj


@transaction.atomic
def delete(*, actor: Actor, perm: str, unit: Any, obj: models.Model, action: str) -> None:
    if actor is not None:
        require(actor, perm, unit)
    before = audit.snapshot(obj)
    audit.record(actor=actor, action=action, obj=obj, org_unit=unit, before=before)
    obj.delete()
