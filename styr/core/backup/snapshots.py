"""The adopted snapshots: recompute their SHA-256 (``manage.py verify_snapshots``) and find the
decision a printed hash belongs to (the public verify page).

The hash is ``styr.domain.plans.snapshot_hash`` — the one function every adoption stores with its
snapshot (SHA-256 of the canonical JSON: sorted keys, no spaces, UTF-8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.db import models

from styr.domain.plans import snapshot_hash
from styr.organisation.models import MunicipalGroup

SHA256 = re.compile(r"\b[0-9a-f]{64}\b")


def _has_snapshot(model: type[models.Model]) -> bool:
    names = {f.name for f in model._meta.concrete_fields}
    return {"snapshot", "snapshot_sha256", "decision", "group"} <= names


#: Every table whose rows freeze an adopted snapshot with its hash and decision.
SNAPSHOT_MODELS: tuple[type[models.Model], ...] = tuple(m for m in apps.get_models() if _has_snapshot(m))


def unit_of(row: models.Model) -> str:
    for name in ("org_unit", "committee"):
        unit = getattr(row, name, None)
        if unit is not None:
            return str(unit)
    return str(getattr(row, "group", ""))


def adopted(model: type[models.Model], group: MunicipalGroup | None = None) -> models.QuerySet[models.Model]:
    rows = model._default_manager.filter(snapshot__isnull=False).exclude(snapshot_sha256="").select_related("group", "decision", "decision__body")
    return rows.filter(group=group) if group is not None else rows


@dataclass(frozen=True)
class Mismatch:
    model: str
    pk: int
    unit: str
    stored: str
    recomputed: str


def snapshot_mismatches(group: MunicipalGroup | None = None) -> tuple[int, list[Mismatch]]:
    """How many adopted snapshots were checked, and those whose stored hash is not their content's."""
    checked, found = 0, []
    for model in SNAPSHOT_MODELS:
        for row in adopted(model, group).order_by("pk").iterator(chunk_size=200):
            checked += 1
            recomputed = snapshot_hash(row.snapshot)  # type: ignore[attr-defined]
            if recomputed != row.snapshot_sha256:  # type: ignore[attr-defined]
                found.append(Mismatch(model._meta.label, int(row.pk), unit_of(row), row.snapshot_sha256, recomputed))  # type: ignore[attr-defined]
    return checked, found


@dataclass(frozen=True)
class AdoptedMatch:
    """What a hash belongs to: the document, the body that decided it, the date, the § and the number."""

    what: str
    unit: str
    body: str
    decided_on: date
    paragraph: str
    registration_number: str
    sha256: str


def adopted_by_hash(group: MunicipalGroup, sha256: str) -> list[AdoptedMatch]:
    """The group's adopted snapshots with this hash, and only when their content still has it."""
    found = []
    for model in SNAPSHOT_MODELS:
        for row in adopted(model, group).filter(snapshot_sha256=sha256):
            decision: Any = row.decision  # type: ignore[attr-defined]
            if decision is None or snapshot_hash(row.snapshot) != sha256:  # type: ignore[attr-defined]
                continue
            found.append(
                AdoptedMatch(
                    what=decision.title or str(row),
                    unit=unit_of(row),
                    body=str(decision.body),
                    decided_on=decision.decided_on,
                    paragraph=decision.paragraph,
                    registration_number=decision.registration_number,
                    sha256=sha256,
                )
            )
    return found


def hashes_in(text: str) -> list[str]:
    """The SHA-256 values printed in a text (the adopted documents print their snapshot's)."""
    return list(dict.fromkeys(SHA256.findall(text.lower())))


def with_hash(content: dict[str, Any], row: Any) -> dict[str, Any]:
    """The content to print, with the adopted snapshot's hash in its ``meta`` when it is that snapshot
    (the snapshot itself is never changed: this is a copy)."""
    sha256 = getattr(row, "snapshot_sha256", "")
    if not sha256 or getattr(row, "snapshot", None) is not content:
        return content
    return {**content, "meta": {**content.get("meta", {}), "snapshot_sha256": sha256}}
