"""A municipal group's Kolada settings (issue 13 §1): its own municipality in Kolada, the
comparison (a Kolada municipality group that includes the own municipality, or a list of
municipalities, or both) and the first year to fetch. Saved by KS's controllers (``kolada.sync``),
audited; KOLADA-006 refuses what Kolada would not know."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from styr.core import audit
from styr.core.actors import Actor
from styr.core.models import AuditEvent
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.domain.kolada import check_settings
from styr.economy.selectors.frames import executive_board
from styr.organisation.models import MunicipalGroup
from styr.planning.models import KoladaKpi, KoladaMunicipality, KoladaMunicipalityGroup, KoladaSettings

FIELDS = ["municipality", "comparison_group", "comparison_municipalities", "first_year"]


def kolada_settings_get(group: MunicipalGroup) -> KoladaSettings | None:
    return KoladaSettings.objects.filter(group=group).first()


def groups_including(municipality: str) -> list[KoladaMunicipalityGroup]:
    """The stored Kolada municipality groups the municipality is a member of, by title (the
    members are a JSON list, read here rather than by a lookup SQLite lacks)."""
    if not municipality:
        return []
    return [g for g in KoladaMunicipalityGroup.objects.order_by("title") if municipality in {str(m) for m in g.members}]


@transaction.atomic
def kolada_settings_save(
    *,
    actor: Actor,
    group: MunicipalGroup,
    municipality: str,
    comparison_group: str = "",
    comparison_municipalities: Sequence[str] = (),
    first_year: int,
) -> KoladaSettings:
    """Create or change the group's Kolada settings (KOLADA-006)."""
    if actor is not None:
        require(actor, "kolada.sync", executive_board(group))
    municipality = municipality.strip()
    chosen = sorted({m.strip() for m in comparison_municipalities if m.strip()})
    comparison_group = comparison_group.strip()
    check_settings(municipality=municipality, comparison_municipalities=chosen, first_year=first_year, this_year=timezone.localdate().year)
    if comparison_group and comparison_group not in {g.id for g in groups_including(municipality)}:
        raise RuleViolation(
            "KOLADA-006",
            _("%(group)s is not a Kolada municipality group that includes %(municipality)s; sync the catalogue first, then choose among its groups."),
            {"group": comparison_group, "municipality": municipality},
            field="comparison_group",
        )
    existing = KoladaSettings.objects.select_for_update().filter(group=group).first()
    before = audit.snapshot(existing, FIELDS) if existing else None
    settings = existing or KoladaSettings(group=group)
    settings.municipality, settings.comparison_group = municipality, comparison_group
    settings.comparison_municipalities, settings.first_year = chosen, first_year
    settings.save()
    audit.record(actor=actor, action="kolada.settings_saved", obj=settings, group=group, before=before, after=audit.snapshot(settings, FIELDS))
    return settings


def kolada_last_sync(group: MunicipalGroup) -> AuditEvent | None:
    """The group's last sync, as its audit event (when, who, and the result in ``after``)."""
    return AuditEvent.objects.filter(action="kolada.synced", group=group).order_by("-occurred_at", "-pk").first()


def kolada_catalogue_state() -> dict[str, Any]:
    return {
        "kpis": KoladaKpi.objects.count(),
        "municipalities": KoladaMunicipality.objects.count(),
        "groups": KoladaMunicipalityGroup.objects.count(),
    }
