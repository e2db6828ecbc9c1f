"""``record()`` is the only writer of audit events; services call it in their transaction."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import F

from styr.core.actors import Actor, as_user
from styr.core.middleware import current_client_request_id, current_request_id
from styr.core.models import AuditEvent


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe dict of the object's concrete fields (foreign keys by id)."""
    data: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        name = f.attname
        if name == "version":
            continue  # bookkeeping of EDIT-001 (core/versions.py), not part of what changed
        if fields is not None and f.name not in fields and name not in fields:
            continue
        data[f.name] = to_json(getattr(obj, name))
    return data


def to_json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None,
    group: Any = None,
    org_unit: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must run inside the service's transaction")
    if obj is not None and obj.pk is not None and not action.endswith(".created"):
        raise_version(obj)
    user = as_user(actor)
    actor_name = (user.get_full_name() or user.get_username()) if user is not None else "system"
    return AuditEvent.objects.create(
        group=group if group is not None else getattr(obj, "group", None),
        actor=user,
        actor_name=actor_name,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        org_unit=org_unit,
        before=before,
        after=after,
        request_id=current_request_id.get(),
        client_request_id=current_client_request_id.get(),
    )


def raise_version(obj: models.Model) -> None:
    """Every change raises the row's version (EDIT-001, ``core/versions.py``): a form or request read
    before it is stale. A created row starts at 1; a deleted one is gone (the update finds nothing)."""
    try:
        obj._meta.get_field("version")
    except FieldDoesNotExist:
        return
    type(obj)._base_manager.filter(pk=obj.pk).update(version=F("version") + 1)
    current = getattr(obj, "version", None)
    if isinstance(current, int):
        setattr(obj, "version", current + 1)  # noqa: B010 (any GroupOwned model)


#: The longest that figures computed over a whole group are kept (``kept_while_unchanged``). A change
#: recorded in the audit log makes them anew at once; the limit covers what the log cannot show: a
#: change made outside the services, or two writers whose events commit out of their ids' order.
UNCHANGED_SECONDS = 60


def group_stamp(group_id: int) -> str:
    """The group's latest recorded change: its audit event's id and time (the time tells apart two
    databases, or two test runs, that use an id again). One query on an index."""
    row = AuditEvent.objects.filter(group_id=group_id).order_by("-id").values_list("id", "occurred_at").first()
    return "-" if row is None else f"{row[0]}@{row[1].timestamp()}"


def kept_while_unchanged[T](group_id: int, name: str, compute: Callable[[], T]) -> T:
    """``compute()``'s answer, kept in the cache until the group changes (a new audit event), for at
    most ``UNCHANGED_SECONDS``: for figures read over the whole group (at 10,000 units, KS's overview
    counts 150,000 indicators) that are the same for every reader. What one reader may see is
    applied after, never kept. ``name`` says what is computed and for which arguments."""
    stamp = group_stamp(group_id)
    if stamp == "-":
        return compute()  # no change recorded yet, nothing to know the next one by
    key = f"unchanged:{_kept_generation}:{group_id}:{name}:{stamp}"
    found: T | None = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, UNCHANGED_SECONDS)
    return found


_kept_generation = 0


def forget_kept() -> None:
    """Forget what this process has kept (``kept_while_unchanged``): for a database that starts
    afresh under the same process, as each test's does, where ids and times may come again."""
    global _kept_generation
    _kept_generation += 1
