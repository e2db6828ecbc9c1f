"""The change history as people read it: "Ja" for ``True``, a state's label for its code, the
linked goal's title for its id, a date in the reader's form and "–" for nothing.

Audit events store the values as JSON (``core.audit.snapshot``: foreign keys and many-to-many
links by id). ``readable_history`` turns a page's events into rows, reading the titles of the
linked objects with one query per linked model, however many events and fields there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext

from styr.core.models import HIDDEN_IN_HISTORY, AuditEvent
from styr.core.permissions import scope

NOTHING = "–"


@dataclass(frozen=True)
class Change:
    label: str
    #: None when the event has no "before" (something created): only the new value is shown
    before: str | None
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    event: AuditEvent
    changes: list[Change]

    def __getattr__(self, name: str) -> Any:
        # the template reads the event's own attributes (occurred_at, actor_name, action_label…)
        return getattr(self.event, name)


def _model_field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model: type[models.Model] | None, name: str) -> str:
    field = _model_field(model, name)
    return str(getattr(field, "verbose_name", name)) if field is not None else name


def _ids(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def _visible(seen: AbstractSet[int], obj: Any) -> bool:
    """Whether the reader may see a linked object's name: one without a unit of its own, one
    adopted (adopted content is public), or one of a unit the reader sees (PERM-001). The audit
    keeps links the reader cannot see (a draft of a body above); the history does not name them."""
    unit_id = getattr(obj, "org_unit_id", None)
    return unit_id is None or getattr(obj, "state", None) == "adopted" or unit_id in seen


def _keys(model: type[models.Model], ids: set[Any]) -> set[Any]:
    """The ids that are keys of ``model``: an event may hold a link's text instead (a plan's
    adoption records its decision as "UN § 87/2025"), which is shown as it is, never looked up."""
    keys = set()
    for value in ids:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            continue
        try:
            keys.add(model._meta.pk.to_python(value))  # type: ignore[union-attr]
        except ValidationError:
            continue
    return keys


def _titles(wanted: dict[type[models.Model], set[Any]], user: Any) -> dict[type[models.Model], dict[str, str]]:
    """The names of the linked objects the reader may see, one query per model."""
    user_model = get_user_model()
    seen = scope(user) if wanted else set()  # the units the reader sees, read once
    found: dict[type[models.Model], dict[str, str]] = {}
    for model, ids in wanted.items():
        keys = _keys(model, ids)
        objects = model._default_manager.in_bulk(list(keys)) if keys else {}
        name = _person if issubclass(model, user_model) else str
        found[model] = {str(pk): name(obj) if _visible(seen, obj) else gettext("(not shown to you)") for pk, obj in objects.items()}
    return found


def _plain(value: Any) -> str:
    """A value with no field to tell its kind."""
    if value is None or value == "" or value == []:
        return NOTHING
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)


def _date(value: Any, field: models.Field[Any, Any]) -> str:
    try:
        if isinstance(field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(str(value))
            return formats.date_format(moment, "DATETIME_FORMAT")
        return formats.date_format(datetime.date.fromisoformat(str(value)[:10]), "DATE_FORMAT")
    except ValueError:
        return str(value)


def _number(value: Any) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def _shown(field: Any, value: Any, titles: dict[type[models.Model], dict[str, str]]) -> str:
    if field is None:
        return _plain(value)
    if field.is_relation and field.related_model is not None:
        ids = _ids(value)
        if not ids:
            return NOTHING
        names = titles.get(field.related_model, {})
        return ", ".join(names.get(str(pk), f"#{pk}" if isinstance(pk, int) or str(pk).isdigit() else str(pk)) for pk in ids)
    if value is None or value == "":
        return NOTHING
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField):  # DateTimeField included
        return _date(value, field)
    if isinstance(field, (models.DecimalField, models.FloatField)):
        return _number(value)
    return _plain(value)


def readable_history(events: Iterable[AuditEvent], *, user: Any) -> list[HistoryEntry]:
    """The events with their changes as ``user`` reads them (field labels, labels of choices,
    titles of the linked objects the user may see, Swedish dates and numbers)."""
    events = list(events)
    raw: list[tuple[AuditEvent, type[models.Model] | None, list[tuple[str, Any, Any]]]] = []
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for event in events:
        # the content types come from Django's cache, not one query per event
        model = ContentType.objects.get_for_id(event.content_type_id).model_class() if event.content_type_id is not None else None
        before, after = event.before or {}, event.after or {}
        keys = [k for k in dict.fromkeys([*before, *after]) if k not in HIDDEN_IN_HISTORY]
        changed = [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
        for name, old, new in changed:
            field = _model_field(model, name)
            if field is not None and field.is_relation and field.related_model is not None:
                wanted[field.related_model].update(_ids(old) + _ids(new))
        raw.append((event, model, changed))
    titles = _titles(wanted, user)
    entries = []
    for event, model, changed in raw:
        rows = []
        for name, old, new in changed:
            field = _model_field(model, name)
            rows.append(
                Change(
                    label=_label(model, name),
                    before=_shown(field, old, titles) if event.before is not None else None,
                    after=_shown(field, new, titles),
                )
            )
        entries.append(HistoryEntry(event=event, changes=rows))
    return entries
