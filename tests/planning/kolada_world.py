"""Kolada data for the kolada-ui tests: the catalogue and values go in through the stores
(styr/planning/services/kolada.py); the municipal group's Kolada settings and a value marked as
Kolada's are set by the helpers below, named for what they stand in for (the settings page and
the sync belong to kolada-sync's part of issue 13)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from styr.domain.kolada import KpiRecord, MunicipalityGroupRecord, MunicipalityRecord, ValueRecord
from styr.followup.models import Measurement, ValueSource
from styr.followup.services import measurement_record
from styr.planning.models import DevelopmentGoal, GoalIndicator, KoladaSettings
from styr.planning.services import goal_create, indicator_create
from styr.planning.services.kolada import kolada_catalogue_store, kolada_values_store
from tests.conftest import YEAR, World

KPI = KpiRecord(
    id="N15419",
    title="Elever i åk 9 som är behöriga till ett yrkesprogram, andel (%)",
    description="Antal elever i åk 9 som är behöriga till ett yrkesprogram dividerat med antal elever i åk 9.",
    operating_area="Grundskola",
    is_divided_by_gender=True,
)
OTHER = KpiRecord(id="N09022", title="Nettokostnad äldreomsorg, kr/inv", description="Kostnad för äldreomsorg.", operating_area="Äldreomsorg")
OWN = "0764"
#: the comparison group: Alvesta's and four others; Ljungby is also chosen by name
MEMBERS = ("0764", "0760", "0761", "0763", "0765")
CHOSEN = ("0781",)


def kolada_catalogue(world: World) -> None:
    kolada_catalogue_store(
        actor=None,
        kpis=[KPI, OTHER],
        municipalities=[
            MunicipalityRecord(OWN, "Alvesta", "K"),
            MunicipalityRecord("0760", "Uppvidinge", "K"),
            MunicipalityRecord("0761", "Lessebo", "K"),
            MunicipalityRecord("0763", "Tingsryd", "K"),
            MunicipalityRecord("0765", "Älmhult", "K"),
            MunicipalityRecord("0781", "Ljungby", "K"),
        ],
        groups=[MunicipalityGroupRecord("G1", "Liknande kommuner, grundskola", MEMBERS)],
    )
    values = [ValueRecord(KPI.id, OWN, YEAR - 1, "T", Decimal("80.5")), ValueRecord(KPI.id, OWN, YEAR - 1, "K", Decimal("83.1"))]
    values += [ValueRecord(KPI.id, OWN, YEAR - 1, "M", Decimal("78.0"))]
    group_values = [Decimal("70"), Decimal("90"), None, Decimal("85")]  # Tingsryd's is not published
    values += [ValueRecord(KPI.id, m, YEAR - 1, "T", v) for m, v in zip(MEMBERS[1:], group_values, strict=True)]
    values += [ValueRecord(KPI.id, "0781", YEAR - 1, "T", Decimal("88.2"))]
    kolada_values_store(actor=None, values=values)


def kolada_settings_for_tests(world: World) -> KoladaSettings:
    """Stands in for the Kolada settings page (kolada-sync's): Alvesta, group G1 and Ljungby."""
    return KoladaSettings.objects.create(group=world.group, municipality=OWN, comparison_group="G1", comparison_municipalities=list(CHOSEN), first_year=2015)


def kolada_goal(world: World) -> tuple[DevelopmentGoal, GoalIndicator]:
    goal = goal_create(actor=world.users["ks_controller"], org_unit=world.unit("Utbildningsnämnden"), title="Fler behöriga", start_year=YEAR, end_year=YEAR + 1)
    indicator = indicator_create(
        actor=world.users["ks_controller"], goal=goal, name="Behöriga till yrkesprogram", unit_label="%", baseline_year=YEAR - 1, baseline_value=Decimal("80")
    )
    return goal, indicator


def value_marked_as_from_kolada(world: World, indicator: GoalIndicator, month: date, value: Decimal) -> Measurement:
    """Stands in for the sync (kolada-sync's): a value recorded through the service, then marked
    with Kolada as its source as the sync marks the values it writes."""
    measurement = measurement_record(actor=world.users["ks_controller"], indicator=indicator, period=month, value=value, reason="Hämtat från Kolada")
    Measurement.objects.filter(pk=measurement.pk).update(source=ValueSource.KOLADA)
    measurement.refresh_from_db()
    return measurement
