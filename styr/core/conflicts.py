"""No lost update on the pages (EDIT-001): an edit form carries the version it was read with, and a
save based on a stale version shows the person's own values beside the saved ones.

A view gives the form its hidden version (``add_version``) and saves through ``save_checked``: the
posted version is popped from the cleaned data (services keep their signatures), ``expected()``
holds the row and refuses a stale version, and a refusal puts a ``Conflict`` on the form
(``form.conflict``) instead of running the service. The form keeps the person's own values; its
hidden version becomes the saved one, so saving again is a conscious choice to replace the saved
version. ``core/_conflict.html`` shows the fields that differ side by side, above the form."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import model_to_dict
from django.forms.utils import pretty_name
from django.utils import formats
from django.utils.translation import gettext as _

from styr.core.errors import violation_message
from styr.core.versions import expected
from styr.core.views import _VIOLATION, call_service
from styr.domain.errors import RuleViolation
from styr.domain.versions import STALE

#: The hidden field an edit form posts its version in (``core.versions.posted_version`` reads it).
VERSION = "version"

EMPTY = "—"


@dataclass(frozen=True)
class ConflictRow:
    """One field that differs: its label, the person's value and the saved one, as text."""

    label: str
    mine: str
    saved: str


@dataclass(frozen=True)
class Conflict:
    """What the page shows above a form refused with EDIT-001."""

    code: str
    message: str
    rows: list[ConflictRow]
    saved_version: int
    #: where "Use the saved version" leads: the form again, filled from the saved values
    reload_url: str
    #: the element htmx swaps with the reloaded form ("" where the page is not edited in place)
    hx_target: str = ""


def add_version[F: forms.BaseForm](form: F, obj: models.Model) -> F:
    """Give an edit form of ``obj`` the hidden version it was read with (bound: the posted one)."""
    form.fields[VERSION] = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, label="", initial=getattr(obj, VERSION))
    return form


def save_checked[T](
    form: forms.BaseForm,
    obj: models.Model | None,
    call: Callable[[], T],
    *,
    reload_url: str,
    hx_target: str = "",
    saved_initial: Callable[[models.Model], Mapping[str, Any]] | None = None,
) -> T | None:
    """Run the service of a valid edit form if ``obj`` is still at the posted version.

    A broken rule goes next to its field (``call_service``); a stale version (EDIT-001) leaves
    everything stored as it was and puts the ``Conflict`` on the form (``form_status`` → 409).
    ``obj`` None: the form creates the row (a set-or-replace form's first save), nothing to be stale against."""
    version = form.cleaned_data.pop(VERSION, None)
    if obj is None:
        return call_service(form, call)
    try:
        with expected(obj, version):
            return call_service(form, call)
    except RuleViolation as violation:
        if violation.code != STALE:
            raise
        attach_conflict(form, obj, violation, reload_url=reload_url, hx_target=hx_target, saved_initial=saved_initial)
        return None


def attach_conflict(
    form: forms.BaseForm,
    obj: models.Model,
    violation: RuleViolation,
    *,
    reload_url: str,
    hx_target: str = "",
    saved_initial: Callable[[models.Model], Mapping[str, Any]] | None = None,
) -> Conflict:
    """Put the side-by-side comparison on the form and set its hidden version to the saved one."""
    saved = type(obj)._base_manager.get(pk=obj.pk)
    initial = saved_initial(saved) if saved_initial is not None else saved_values(form, saved)
    version = int(getattr(saved, VERSION))
    data = form.data.copy()  # type: ignore[attr-defined]
    data[VERSION] = str(version)
    form.data = data
    conflict = Conflict(
        code=violation.code,
        message=violation_message(violation),
        rows=conflict_rows(form, initial),
        saved_version=version,
        reload_url=reload_url,
        hx_target=hx_target,
    )
    setattr(form, "conflict", conflict)  # noqa: B010 (read by the templates)
    setattr(form, _VIOLATION, violation)  # form_status answers 409
    return conflict


def text_conflict(violation: RuleViolation, rows: list[ConflictRow], *, saved_version: int, reload_url: str, hx_target: str = "") -> Conflict:
    """The conflict of a page whose edit is no Django form (a text posted as it is): its rows given."""
    return Conflict(
        code=violation.code,
        message=violation_message(violation),
        rows=[row for row in rows if row.mine != row.saved],
        saved_version=saved_version,
        reload_url=reload_url,
        hx_target=hx_target,
    )


def saved_values(form: forms.BaseForm, saved: models.Model) -> dict[str, Any]:
    """The saved object's values for the form's fields (a model form: as Django fills it)."""
    names = [name for name in form.fields if name != VERSION]
    if isinstance(form, forms.BaseModelForm):
        return model_to_dict(saved, fields=names)
    values: dict[str, Any] = {}
    for name in names:
        if not hasattr(saved, name):
            continue
        value = getattr(saved, name)
        if isinstance(value, models.Manager):
            value = list(value.all())
        values[name] = value
    return values


def conflict_rows(form: forms.BaseForm, saved_initial: Mapping[str, Any]) -> list[ConflictRow]:
    """The fields whose posted value differs from the saved one, labelled as the form labels them."""
    rows = []
    for name, field in form.fields.items():
        if name == VERSION or name not in saved_initial or name not in form.cleaned_data:
            continue
        mine = form.cleaned_data[name]
        saved = _clean(field, saved_initial[name])
        if _same(mine, saved):
            continue
        label = str(field.label) if field.label else pretty_name(name)
        rows.append(ConflictRow(label=label, mine=display(field, mine), saved=display(field, saved)))
    return rows


def _clean(field: forms.Field, value: Any) -> Any:
    """A saved value as the form field cleans it (a model choice: the object); as it is when the
    form would no longer accept it (a person who has left, say). Of a multiple choice, only what
    the form offers: what the person cannot see they cannot choose, and it is not shown."""
    if isinstance(field, forms.MultipleChoiceField) and isinstance(value, (list, tuple)):
        offered = set(_choice_labels(_choices(field)))
        value = [v for v in value if str(getattr(v, "pk", v)) in offered]
    try:
        return field.clean(field.prepare_value(value))
    except (ValidationError, TypeError, ValueError):
        return value


def _key(value: Any) -> Any:
    if isinstance(value, models.Model):
        return ("object", value.pk)
    if isinstance(value, (models.QuerySet, list, tuple, set, frozenset)):
        return tuple(sorted((_key(v) for v in value), key=repr))
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if isinstance(value, Decimal):
        return value.normalize()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a saved primary key beside a posted choice
    return "" if value is None else value


def _same(mine: Any, saved: Any) -> bool:
    return bool(_key(mine) == _key(saved))


def _choices(field: forms.Field) -> Iterable[Any]:
    choices: Iterable[Any] = getattr(field, "choices", [])
    return choices


def _choice_labels(choices: Iterable[Any]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            labels |= _choice_labels(label)
        else:
            labels[str(key)] = str(label)
    return labels


def display(field: forms.Field, value: Any) -> str:
    """A value as the person reads it: a choice by its label, yes/no, a date or number localised."""
    if value is None or value == "" or (isinstance(value, (list, tuple, set, models.QuerySet)) and not value):
        return EMPTY
    if isinstance(value, (models.QuerySet, list, tuple, set)):
        return ", ".join(display(field, v) for v in value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        key = value.pk if isinstance(value, models.Model) else value
        return _choice_labels(_choices(field)).get(str(key), str(value))
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.date, Decimal, float, int)):
        return str(formats.localize(value))
    return str(value)
