"""Kolada's catalogue and values into the shared reference tables (issue 13 §1). Each store is
one transaction and one audit event with its counts; a KPI whose metadata hash changed gets
``definition_changed_at`` (KOLADA-004), which flags the indicators bound to it for review."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from styr.core import audit
from styr.core.actors import Actor
from styr.domain.kolada import KpiRecord, MunicipalityGroupRecord, MunicipalityRecord, OrgUnitRecord, ValueRecord
from styr.planning.models import KoladaKpi, KoladaMunicipality, KoladaMunicipalityGroup, KoladaOrgUnit, KoladaValue


@dataclass(frozen=True)
class CatalogueStored:
    created: int
    updated: int
    #: the ids of KPIs whose definition changed in this store (KOLADA-004)
    changed: tuple[str, ...]


def _kpi_fields(record: KpiRecord) -> dict[str, object]:
    return {
        "title": record.title,
        "description": record.description,
        "operating_area": record.operating_area,
        "municipality_type": record.municipality_type,
        "is_divided_by_gender": record.is_divided_by_gender,
        "has_ou_data": record.has_ou_data,
        "perspective": record.perspective,
        "auspices": record.auspices,
        "publication_date": record.publication_date,
        "prel_publication_date": record.prel_publication_date,
        "ou_publication_date": record.ou_publication_date,
        "publ_period": record.publ_period,
        "metadata_hash": record.metadata_hash(),
    }


@transaction.atomic
def kolada_catalogue_store(
    *,
    actor: Actor,
    kpis: Iterable[KpiRecord] = (),
    municipalities: Iterable[MunicipalityRecord] = (),
    groups: Iterable[MunicipalityGroupRecord] = (),
    org_units: Iterable[OrgUnitRecord] = (),
) -> CatalogueStored:
    """Insert or update the catalogue's rows; nothing is deleted (a KPI Kolada dropped stays,
    so an indicator bound to it keeps its title). Nothing given: nothing written, no event. Files
    reach the catalogue only through the operator's ``kolada_sync --from-dir`` (KOLADA-008)."""
    kpis, municipalities, groups, org_units = list(kpis), list(municipalities), list(groups), list(org_units)
    if not (kpis or municipalities or groups or org_units):
        return CatalogueStored(created=0, updated=0, changed=())
    now = timezone.now()
    existing = {k.id: k for k in KoladaKpi.objects.all()}
    new: list[KoladaKpi] = []
    changed: list[KoladaKpi] = []
    drifted: list[str] = []
    for record in kpis:
        fields = _kpi_fields(record)
        kpi = existing.get(record.id)
        if kpi is None:
            new.append(KoladaKpi(id=record.id, **fields))  # type: ignore[arg-type]
            continue
        if kpi.metadata_hash != fields["metadata_hash"]:
            drifted.append(kpi.id)
            kpi.definition_changed_at = now
        for name, value in fields.items():
            setattr(kpi, name, value)
        changed.append(kpi)
    KoladaKpi.objects.bulk_create(new, batch_size=500)
    if changed:
        KoladaKpi.objects.bulk_update(changed, [*_kpi_fields(KpiRecord(id="", title="")).keys(), "definition_changed_at"], batch_size=500)
    for m in municipalities:
        KoladaMunicipality.objects.update_or_create(id=m.id, defaults={"title": m.title, "type": m.type})
    for g in groups:
        KoladaMunicipalityGroup.objects.update_or_create(id=g.id, defaults={"title": g.title, "members": list(g.members)})
    for ou in org_units:
        KoladaOrgUnit.objects.update_or_create(id=ou.id, defaults={"title": ou.title, "municipality": ou.municipality})
    result = CatalogueStored(created=len(new), updated=len(changed), changed=tuple(drifted))
    audit.record(
        actor=actor,
        action="kolada.catalogue_stored",
        obj=None,
        after={"created": result.created, "updated": result.updated, "definitions_changed": list(result.changed)},
    )
    return result


@transaction.atomic
def kolada_values_store(*, actor: Actor, values: Iterable[ValueRecord]) -> int:
    """Insert or update values by (KPI, municipality or unit, year, gender); returns the count."""
    rows = list(values)
    keys = {(v.kpi, v.municipality, v.is_ou, v.year, v.gender): v for v in rows}
    kpis = {v.kpi for v in rows}
    stored = {
        (s.kpi, s.municipality, s.is_ou, s.year, s.gender): s for s in KoladaValue.objects.filter(kpi__in=kpis, municipality__in={v.municipality for v in rows})
    }
    new, changed = [], []
    now = timezone.now()
    for key, v in keys.items():
        row = stored.get(key)
        if row is None:
            new.append(
                KoladaValue(kpi=v.kpi, municipality=v.municipality, is_ou=v.is_ou, year=v.year, gender=v.gender, value=v.value, count=v.count, status=v.status)
            )
        elif (row.value, row.count, row.status) != (v.value, v.count, v.status):
            # bulk_update does not apply auto_now: the time of this fetch is set here
            row.value, row.count, row.status, row.fetched_at = v.value, v.count, v.status, now
            changed.append(row)
    KoladaValue.objects.bulk_create(new, batch_size=1000)
    KoladaValue.objects.bulk_update(changed, ["value", "count", "status", "fetched_at"], batch_size=1000)
    audit.record(actor=actor, action="kolada.values_stored", obj=None, after={"created": len(new), "updated": len(changed), "kpis": sorted(kpis)})
    return len(new) + len(changed)
