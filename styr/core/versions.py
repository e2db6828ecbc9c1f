"""No lost update: every ``GroupOwned`` row carries a ``version`` that ``audit.record`` raises on
each change. A form posts the version it was read with, an API client sends it as ``If-Match``
(the ETag of its read); ``expected()`` holds the row while the service runs and refuses a stale
version with EDIT-001 (409, with the saved values in ``detail.current_values``).

Two writers on one row: the first takes the row lock (``SELECT … FOR UPDATE``; SQLite's
writes are serialised by its own lock), saves and raises the version; the second waits, then
reads the new version and is refused, so nothing is overwritten silently."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.db import models, transaction
from django.http import Http404

from styr.core import audit
from styr.core.models import HIDDEN_IN_HISTORY
from styr.domain.errors import RuleViolation
from styr.domain.versions import check_version

_ETAG = re.compile(r'^\s*(?:W/)?"(\d{1,18})"\s*$')


def etag(obj: models.Model) -> str:
    """The ETag of an entity's representation: its version, quoted (``"7"``)."""
    return f'"{getattr(obj, "version")}"'  # noqa: B009 (any GroupOwned model)


def parse_etag(value: str | None) -> int | None:
    """The version an ``If-Match`` header (or a posted field) names; None when it names none (or ``*``).

    A value that is no ETag of ours is refused as INPUT-001 rather than ignored."""
    if value is None or value.strip() in {"", "*"}:
        return None
    text = value.strip()
    if text.isdigit() and len(text) <= 18:
        return int(text)
    match = _ETAG.match(text)
    if match is None:
        raise RuleViolation("INPUT-001", "The version sent (If-Match) is not an ETag of this resource: %(value)s", {"value": text[:40]})
    return int(match.group(1))


def current_values(obj: models.Model) -> dict[str, Any]:
    """The saved values a refused writer is shown beside its own (bookkeeping fields left out)."""
    return {name: value for name, value in audit.snapshot(obj).items() if name not in HIDDEN_IN_HISTORY and name != "version"}


@contextmanager
def expected(obj: models.Model, version: int | None) -> Iterator[None]:
    """Run the block (the service call) only if ``obj`` is still at ``version``, holding its row.

    Permission comes before the version (PERM-002): the block runs first, so a caller who may not
    change the entity gets the service's 403 (or 404) whatever version they sent, and learns nothing
    of the saved values. A stale version then refuses the write with EDIT-001 and the block's writes
    are rolled back with the transaction; the saved values shown are those read under the lock,
    before the block ran. ``version`` None (no If-Match, no posted version) runs the block as before."""
    if version is None:
        yield
        return
    with transaction.atomic():
        saved = type(obj)._base_manager.select_for_update().filter(pk=obj.pk).first()
        if saved is None:
            raise Http404
        current = getattr(saved, "version")  # noqa: B009 (any GroupOwned model)
        values = current_values(saved) if current != version else {}
        yield
        check_version(current=current, expected=version, what=str(saved), values=values)


def posted_version(data: Mapping[str, Any]) -> int | None:
    """The version a form was read with (its hidden ``version`` field), if it posted one."""
    value = data.get("version")
    return parse_etag(str(value)) if value not in (None, "") else None
