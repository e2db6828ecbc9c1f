"""Binding a goal or quality indicator to a Kolada KPI, unbinding it, and accepting a changed
definition (issue 13 §1). Each is one transaction and one audit event; the permission is the
one for editing the indicator (``goal.write`` on the goal's unit, ``quality.write`` on the
quality factor's unit).

Binding does not change what was adopted (the indicator's name, baseline and targets stay), so
it is allowed on an adopted goal as well: a municipality binds its indicators when the values
should start coming from Kolada, which is often after the plan was adopted. It writes no
values: the sync fills the values of bound indicators (KOLADA-002)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.organisation.models import OrgUnit
from styr.planning.models import GoalIndicator, IndicatorSource, KoladaKpi, QualityIndicator

type BindableIndicator = GoalIndicator | QualityIndicator

_FIELDS = ["kolada_kpi", "kolada_hash", "source"]


def indicator_unit(indicator: BindableIndicator) -> OrgUnit:
    """The unit whose permission governs the indicator."""
    if isinstance(indicator, GoalIndicator):
        return indicator.goal.org_unit
    return indicator.factor.org_unit


def _permission(indicator: BindableIndicator) -> str:
    return "goal.write" if isinstance(indicator, GoalIndicator) else "quality.write"


def _action(indicator: BindableIndicator, verb: str) -> str:
    return f"{'goal_indicator' if isinstance(indicator, GoalIndicator) else 'quality_indicator'}.kolada_{verb}"


def _locked(indicator: BindableIndicator) -> BindableIndicator:
    """The indicator's row, locked, so that two people binding it at once are serialised."""
    model = type(indicator)
    related = ["goal__org_unit"] if isinstance(indicator, GoalIndicator) else ["factor__org_unit"]
    return model.objects.select_for_update(of=("self",)).select_related(*related).get(pk=indicator.pk)  # type: ignore[no-any-return]


def _kpi(kpi_id: str) -> KoladaKpi:
    """KOLADA-010: an indicator is bound only to a KPI in the stored catalogue."""
    key = (kpi_id or "").strip()
    kpi = KoladaKpi.objects.filter(pk=key).first() if key else None
    if kpi is None:
        raise RuleViolation(
            "KOLADA-010",
            _("There is no KPI %(kpi)s in Kolada's catalogue: pick a KPI from the list (update the catalogue from Kolada if it is new)."),
            {"kpi": key or "–"},
            field="kolada_kpi",
        )
    return kpi


def bound_fields(fields: dict[str, Any], indicator: BindableIndicator | None = None) -> dict[str, Any]:
    """The fields of an indicator created or changed through its form or the API, with the
    reviewed hash of the KPI it follows (KOLADA-004): a new or changed KPI id takes the KPI's
    current definition as the reviewed one (KOLADA-010 refuses an id not in the catalogue, once
    the catalogue holds any KPI; before the first sync the id is kept without a hash, and the
    first catalogue flags it for a person to review); a cleared id unbinds; the same id keeps
    the hash a person reviewed, so that editing the name never accepts a changed definition."""
    if "kolada_kpi" not in fields:
        return fields
    key = (fields["kolada_kpi"] or "").strip()
    if indicator is not None and key == indicator.kolada_kpi:
        return {**fields, "kolada_kpi": key}
    known = bool(key) and KoladaKpi.objects.exists()
    return {**fields, "kolada_kpi": key, "kolada_hash": _kpi(key).metadata_hash if known else ""}


def _snapshot(indicator: BindableIndicator) -> dict[str, Any]:
    return audit.snapshot(indicator, [f for f in _FIELDS if hasattr(indicator, f)])


def _save(actor: Actor, indicator: BindableIndicator, verb: str, before: dict[str, Any], after_extra: dict[str, Any]) -> BindableIndicator:
    fields = [f for f in _FIELDS if hasattr(indicator, f)]
    indicator.save(update_fields=fields)
    audit.record(
        actor=actor,
        action=_action(indicator, verb),
        obj=indicator,
        org_unit=indicator_unit(indicator),
        before=before,
        after={**_snapshot(indicator), **after_extra},
    )
    return indicator


@transaction.atomic
def indicator_kolada_bind(*, actor: Actor, indicator: BindableIndicator, kpi_id: str) -> BindableIndicator:
    """Bind the indicator to a KPI (KOLADA-010), taking the KPI's current definition as the
    reviewed one. A quality indicator's source becomes Kolada."""
    if actor is not None:
        require(actor, _permission(indicator), indicator_unit(indicator))
    kpi = _kpi(kpi_id)
    indicator = _locked(indicator)
    before = _snapshot(indicator)
    indicator.kolada_kpi = kpi.pk
    indicator.kolada_hash = kpi.metadata_hash
    if isinstance(indicator, QualityIndicator):
        indicator.source = IndicatorSource.KOLADA
    return _save(actor, indicator, "bound", before, {"kpi_title": kpi.title})


@transaction.atomic
def indicator_kolada_unbind(*, actor: Actor, indicator: BindableIndicator) -> BindableIndicator:
    """Unbind the indicator. Values already fetched from Kolada stay, marked with their source;
    a quality indicator's values are entered by hand from now on."""
    if actor is not None:
        require(actor, _permission(indicator), indicator_unit(indicator))
    indicator = _locked(indicator)
    before = _snapshot(indicator)
    indicator.kolada_kpi = ""
    indicator.kolada_hash = ""
    if isinstance(indicator, QualityIndicator) and indicator.source == IndicatorSource.KOLADA:
        indicator.source = IndicatorSource.MANUAL
    return _save(actor, indicator, "unbound", before, {})


@transaction.atomic
def indicator_kolada_review(*, actor: Actor, indicator: BindableIndicator) -> BindableIndicator:
    """A person accepts the KPI's changed definition (KOLADA-004): the reviewed hash becomes the
    KPI's current one. An unbound indicator has nothing to review (KOLADA-011)."""
    if actor is not None:
        require(actor, _permission(indicator), indicator_unit(indicator))
    indicator = _locked(indicator)
    if not indicator.kolada_kpi:
        raise RuleViolation(
            "KOLADA-011", _("The indicator “%(name)s” is not bound to a Kolada KPI: there is no definition to review."), {"name": indicator.name}
        )
    kpi = _kpi(indicator.kolada_kpi)
    before = _snapshot(indicator)
    indicator.kolada_hash = kpi.metadata_hash
    return _save(actor, indicator, "reviewed", before, {"kpi_title": kpi.title, "definition_changed_at": audit.to_json(kpi.definition_changed_at)})
