"""No lost update through the API (issue 14 §1, EDIT-001): ``ETag`` on reads, ``If-Match`` on writes.

Every editable entity carries a ``version`` (``GroupOwned.version``, raised by ``audit.record``);
its Out schema shows it, and a response whose body is one such entity carries it as the ``ETag``
header (``"7"``). A client SHOULD send that ETag back as ``If-Match`` when it changes or removes
the entity; a handler runs its service inside ``with expected_version(obj, if_match):`` so a
write based on a stale version answers 409 EDIT-001 with the saved values in
``detail.current_values`` and overwrites nothing. Without ``If-Match`` (or with ``*``) the write
runs as before: last writer wins.

- ``IfMatch``: the optional header parameter of PATCH/PUT/DELETE handlers (so the OpenAPI
  document declares it on exactly those operations).
- ``with_etag``: a django-ninja "view" decorator added to the whole API: a 200/201 answer whose
  schema has ``version`` gets ``ETag``.
- ``declare_versions``: the OpenAPI declarations: 409 on the operations that take ``If-Match``,
  the ``ETag`` response header on the answers that carry one.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from ninja import Header
from pydantic import Field

from styr.core.versions import expected, parse_etag

IF_MATCH = "If-Match"

#: The optional ``If-Match`` header of a write on an existing entity: the ``ETag`` of the caller's read.
IfMatch = Annotated[
    str | None,
    Header(
        alias=IF_MATCH,
        description=(
            'The ETag of your read of this entity (for example `"3"`), as the `ETag` header or the `version` field '
            "gave it. Clients SHOULD send it: if the entity changed since, the answer is 409 EDIT-001 with the saved "
            "values in `detail.current_values`, and nothing is written. Without it (or with `*`) the last writer wins."
        ),
    ),
]

#: The ``version`` of an editable entity in its Out schema (the ETag, unquoted).
Version = Annotated[int, Field(description='The entity\'s version, raised by every change; its ETag is `"<version>"`: send it as `If-Match` with a change.')]

STALE_RESPONSE = "EDIT-001: the entity changed since the version sent as If-Match; detail.current_values holds the saved values, nothing was written"
ETAG_HEADER = {"ETag": {"description": 'The entity\'s version, quoted (`"3"`): send it back as `If-Match` with a change', "schema": {"type": "string"}}}


def if_match(request: HttpRequest) -> int | None:
    """The version a request's ``If-Match`` names (None without one, or for ``*``; INPUT-001 for garbage)."""
    return parse_etag(request.headers.get(IF_MATCH))


@contextmanager
def expected_version(obj: models.Model | None, header: str | None) -> Iterator[None]:
    """``expected(obj, version)`` for the version an ``If-Match`` header names: the block (the
    service call) runs holding the row, on ``obj`` as saved (reloaded from the held row, so fields
    the caller did not send are the saved ones), or the write is refused with EDIT-001.

    ``obj`` None is a PUT that creates (nothing is there yet to overwrite): the block runs."""
    version = parse_etag(header)
    if obj is None:
        yield
        return
    with expected(obj, version):
        if version is not None:
            obj.refresh_from_db()
        yield


def _version_of(body: bytes) -> int | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def _versioned_statuses(operation: Any) -> frozenset[int]:
    """The success statuses whose schema is one entity with a ``version``."""
    statuses = set()
    for status, model in (getattr(operation, "response_models", None) or {}).items():
        field = getattr(model, "model_fields", {}).get("response")
        annotation = getattr(field, "annotation", None)
        if isinstance(status, int) and 200 <= status < 300 and "version" in (getattr(annotation, "model_fields", None) or {}):
            statuses.add(status)
    return frozenset(statuses)


def _operation(run: Callable[..., Any]) -> Any:
    """The operation whose bound ``run`` another view decorator may already have wrapped."""
    inner: Any = run
    while not hasattr(inner, "__self__") and hasattr(inner, "__wrapped__"):
        inner = inner.__wrapped__
    return getattr(inner, "__self__", None)


def with_etag(run: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap an operation's ``run``: an answer that is one versioned entity carries its ``ETag``."""
    statuses = _versioned_statuses(_operation(run))
    if not statuses:
        return run

    @functools.wraps(run)
    def tagged(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = run(request, *args, **kwargs)
        if isinstance(response, HttpResponse) and response.status_code in statuses and not response.has_header("ETag"):
            version = _version_of(response.content)
            if version is not None:
                response["ETag"] = f'"{version}"'
        return response

    return tagged


def declare_versions(schema: Any) -> None:
    """In the OpenAPI document: 409 on every operation that takes ``If-Match``; the ``ETag``
    response header on every success answer whose body is one versioned entity."""
    components = schema.get("components", {}).get("schemas", {})
    for item in schema["paths"].values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            if any(parameter.get("in") == "header" and parameter.get("name") == IF_MATCH for parameter in operation.get("parameters", [])):
                # django-ninja keys its own answers by int (ERRORS declares 409), the API's added ones by str
                key = 409 if 409 in responses else "409"
                responses[key] = {
                    "description": STALE_RESPONSE,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                }
            for status, answer in responses.items():
                if str(status).startswith("2") and _has_version(answer, components):
                    answer.setdefault("headers", {}).update(ETAG_HEADER)


def _has_version(answer: dict[str, Any], components: dict[str, Any]) -> bool:
    ref = answer.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
    target = components.get(ref.rpartition("/")[2], {}) if ref else {}
    return "version" in target.get("properties", {})
