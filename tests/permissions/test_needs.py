"""PERM-002: every write operation of the API names the permission it needs and the unit it is
checked on (tests/permissions/needs.py), so the matrix's "w" and "403" cells are exact; a new
write operation fails here until it has its entry."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from styr.api.api import api
from styr.core.permissions import ACTION_ROLES
from styr.organisation.models import OrgUnit
from tests.permissions.needs import PLACES, WRITES
from tests.permissions.operations import Operation, _label_for, operations


def _document() -> dict[str, Any]:
    return dict(api.get_openapi_schema())


def _writes(document: dict[str, Any]) -> list[Operation]:
    return [op for op in operations(document) if op.writes]


def test_every_write_operation_of_the_api_names_the_permission_it_needs() -> None:
    ops = _writes(_document())
    assert len(ops) >= 150
    missing = sorted(op.key for op in ops if op.key not in WRITES)
    assert not missing, "give these operations their entry in tests/permissions/needs.py WRITES:\n" + "\n".join(missing)
    gone = sorted(set(WRITES) - {op.key for op in ops})
    assert not gone, "take these out of tests/permissions/needs.py WRITES, the API has no such operation:\n" + "\n".join(gone)


def test_each_need_is_an_action_of_the_policy_on_a_unit_the_operation_reaches() -> None:
    document = _document()
    wrong: list[str] = []
    for op in _writes(document):
        for need in WRITES.get(op.key, ()):  # a missing entry is the test above
            if need.action not in ACTION_ROLES or need.action == "unit.view":
                wrong.append(f"{op.key}: {need.action} is no write action of ACTION_ROLES")
            for place in need.on.split(" or "):
                problem = _unreachable(document, op, place)
                if problem:
                    wrong.append(f"{op.key}: {need.on}: {problem}")
    assert not wrong, "\n".join(wrong)


def _unreachable(document: dict[str, Any], op: Operation, place: str) -> str:
    """Why ``place`` names no unit for ``op`` (empty when it does)."""
    if place in PLACES:
        return ""
    head, *rest = place.split(".")
    if head == "body":
        content: dict[str, Any] = op.operation.get("requestBody", {}).get("content", {})
        media: dict[str, Any] = next(iter(content.values()), {})
        schema: dict[str, Any] = media.get("schema", {})
        while "$ref" in schema:
            schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        return "" if rest and rest[0] in schema.get("properties", {}) else f"the body has no property {rest[:1]}"
    if not op.params:
        return "the path names no object"
    model: Any = apps.get_model(_label_for(op.params[0], op.path))
    for name in place.split("."):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return f"{model.__name__} has no field {name}"
        if not isinstance(field, models.ForeignKey):
            return f"{model.__name__}.{name} is no foreign key"
        model = field.related_model
    return "" if model is OrgUnit else f"it ends on {model.__name__}, not a unit"
