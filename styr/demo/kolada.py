"""The demo's Kolada (issue 13 §1).

Alvesta's Kolada settings (0764, a real comparison group and two neighbours), the catalogue and
made-up values imported from the saved answers in ``styr/demo/data/kolada/`` through the real
offline path (the same as ``manage.py kolada_sync --from-dir``), the quality indicators that name
a KPI and three goal indicators bound through the binding service, so their values come in with
source Kolada. A person entered last year's population by hand before Kolada had it: the import
keeps that value (KOLADA-002). A later catalogue (``kolada-later/``) changes one KPI's title, so
one indicator waits for a person's review (KOLADA-004)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from styr.demo.kolada_data import CHOSEN, COMPARISON_GROUP, FIRST, LATER, OWN, YEARS
from styr.followup.kolada import kolada_sync
from styr.followup.kolada_settings import kolada_settings_save
from styr.followup.services import measurement_record
from styr.integrations.kolada_offline import SavedAnswers
from styr.organisation.models import MunicipalGroup
from styr.planning.models import GoalIndicator, QualityIndicator
from styr.planning.services.kolada_bindings import indicator_kolada_bind

#: Goal indicators bound to a KPI: (the goal's unit, the indicator's name, KPI).
GOAL_BINDINGS = (
    ("Kommunfullmäktige", "Antal invånare 31 december", "N01951"),
    ("Kommunfullmäktige", "Andel invånare som känner sig trygga utomhus på kvällen", "N00610"),
    ("Utbildningsnämnden", "Elever i åk 9 som är behöriga till yrkesprogram", "N15424"),
)


def load_demo_kolada(*, group: MunicipalGroup, users: dict[str, Any], today: date) -> None:
    """Settings, catalogue, bindings and values; before the follow-up, whose adopted reports a
    sync leaves as decided."""
    controller = users["ks.controller"]
    answers = SavedAnswers.from_dir(FIRST)
    kolada_sync(actor=controller, source=answers, group=group, catalogue_only=True)
    kolada_settings_save(
        actor=controller, group=group, municipality=OWN, comparison_group=COMPARISON_GROUP, comparison_municipalities=CHOSEN, first_year=YEARS[0]
    )
    for quality in QualityIndicator.objects.filter(group=group).exclude(kolada_kpi="").select_related("factor__org_unit").order_by("pk"):
        indicator_kolada_bind(actor=controller, indicator=quality, kpi_id=quality.kolada_kpi)
    for unit_name, name, kpi in GOAL_BINDINGS:
        indicator = GoalIndicator.objects.select_related("goal__org_unit").get(group=group, goal__org_unit__name=unit_name, name=name)
        indicator_kolada_bind(actor=controller, indicator=indicator, kpi_id=kpi)
        if kpi == "N01951":
            # SCB publishes the population before Kolada has it: a person's value, which Kolada's does not replace
            measurement_record(
                actor=None,
                indicator=indicator,
                period=date(today.year - 1, 12, 1),
                value=Decimal("20134"),
                comment="Befolkning 31 december enligt SCB.",
            )
    kolada_sync(actor=controller, source=answers, group=group)


def load_demo_kolada_later(*, group: MunicipalGroup, users: dict[str, Any]) -> None:
    """A later catalogue in which Kolada changed a KPI's title: its bound indicator waits for review."""
    kolada_sync(actor=users["ks.controller"], source=SavedAnswers.from_dir(LATER), group=group, catalogue_only=True)
