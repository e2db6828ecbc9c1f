"""Which tables belong to one municipal group, in the order they can be loaded.

A table belongs to a group when it carries the ``group`` key (``GroupOwned``, and the audit trail),
or hangs under one that does (``PopulationCount`` under its series). Shared reference tables (the
Agenda 2030 goals and targets, Kolada's catalogue) are not a group's: rows point at them by their
natural key. People (``auth.User``) are exported once, by user name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models

from styr.core.models import ApiToken, AuditEvent, GroupOwned
from styr.organisation.models import MunicipalGroup

#: Tables reached through a parent that carries the group key: (label, the key to that parent).
CHILD_TABLES = {"economy.PopulationCount": "series"}
#: Never in an archive: personal secrets, re-issued after a restore (docs/operations.md).
LEFT_OUT = {ApiToken}
#: Shared tables referenced by natural key: label → the unique field that names a row.
NATURAL_KEYS = {"planning.SustainabilityGoal": "number", "planning.SustainabilityTarget": "code"}


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    #: foreign keys to rows of the archive, loaded with the row
    links: tuple[models.ForeignKey[models.Model, models.Model], ...]
    #: foreign keys to rows of the archive loaded later (to the same table): set after all rows are in
    deferred: tuple[models.ForeignKey[models.Model, models.Model], ...]
    #: many-to-many fields (to archive rows or to shared rows by natural key)
    many: tuple[models.ManyToManyField[models.Model, models.Model], ...]

    @property
    def label(self) -> str:
        return str(self.model._meta.label)

    @property
    def member(self) -> str:
        return f"rows/{self.label}.jsonl"


def owned_models() -> list[type[models.Model]]:
    found: list[type[models.Model]] = [MunicipalGroup]
    for model in apps.get_models():
        if model in LEFT_OUT or model._meta.proxy:
            continue
        if issubclass(model, GroupOwned) or model is AuditEvent or model._meta.label in CHILD_TABLES:
            found.append(model)
    return found


def is_user(model: type[models.Model] | None) -> bool:
    return model is get_user_model()


def is_reference(model: type[models.Model] | None) -> bool:
    return model is ContentType or (model is not None and model._meta.label in NATURAL_KEYS)


@cache
def tables() -> tuple[Table, ...]:
    """The group's tables in dependency order (a row's targets are loaded before it)."""
    owned = owned_models()
    pending = {m: _links(m, set(owned)) for m in owned}
    ordered: list[Table] = []
    done: set[type[models.Model]] = set()
    while pending:
        ready = [m for m, fks in pending.items() if all(f.related_model in done or f.related_model is m for f in fks)]
        if not ready:  # a cycle: load the first table's links to tables not loaded yet afterwards (they must be nullable)
            ready = [next(iter(pending))]
        for model in ready:
            fks = pending.pop(model)
            # a key to the same table (a unit's parent) is loaded with the row: parents go first
            now = tuple(f for f in fks if f.related_model in done or f.related_model is model)
            later = tuple(f for f in fks if f.related_model not in done and f.related_model is not model)
            if any(not f.null for f in later):
                raise RuntimeError(f"{model._meta.label}: a required key in a cycle cannot be loaded")
            many = tuple(f for f in model._meta.many_to_many if isinstance(f, models.ManyToManyField))
            ordered.append(Table(model, now, later, many))
            done.add(model)
    # the audit trail last: its events name rows of every table (content type and id)
    ordered.sort(key=lambda t: t.model is AuditEvent)
    return tuple(ordered)


def _links(model: type[models.Model], owned: set[type[models.Model]]) -> list[models.ForeignKey[models.Model, models.Model]]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey) and f.related_model in owned]


def group_rows(model: type[models.Model], group: MunicipalGroup) -> models.QuerySet[models.Model]:
    """The group's rows of one table, in primary-key order."""
    rows: models.QuerySet[models.Model]
    if model is MunicipalGroup:
        rows = model._default_manager.filter(pk=group.pk)
    elif model._meta.label in CHILD_TABLES:
        rows = model._default_manager.filter(**{f"{CHILD_TABLES[model._meta.label]}__group": group})
    else:
        rows = model._default_manager.filter(group=group)
    return rows.order_by("pk")
