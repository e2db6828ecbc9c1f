"""The demo's Kolada (issue 13): settings, the catalogue and made-up values
imported from the saved answers through the offline path, bound indicators with values from
Kolada (KOLADA-002: a person's value kept), one indicator to review (KOLADA-004), the goal page's
"Källa: Kolada" and comparison."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from styr.core.models import AuditEvent
from styr.demo.kolada import GOAL_BINDINGS
from styr.demo.kolada_data import CHOSEN, COMPARISON_GROUP, DRIFTED_TITLE, DRIFTING, FIRST, LATER, VALUED
from styr.followup.kolada import indicators_needing_review
from styr.followup.models import Measurement
from styr.planning.models import GoalIndicator, KoladaKpi, KoladaMunicipalityGroup, KoladaSettings, KoladaValue, QualityIndicator

pytestmark = pytest.mark.django_db


def _load() -> None:
    with time_machine.travel(datetime(2026, 12, 3, 9, 0, tzinfo=UTC), tick=False):
        call_command("load_demo", stdout=StringIO())


def test_the_saved_answers_are_small_v3_shaped_and_say_the_values_are_made_up() -> None:
    files = [p for d in (FIRST, LATER) for p in d.iterdir()]
    assert sum(p.stat().st_size for p in files) < 200 * 1024
    for path in (p for p in files if p.suffix == ".json"):
        answer = json.loads(path.read_text(encoding="utf-8"))
        assert set(answer) == {"count", "values", "next_url"} and answer["count"] == len(answer["values"])
    assert "made up" in (FIRST / "SOURCES.md").read_text(encoding="utf-8").lower()


def test_the_demo_has_kolada_settings_bound_indicators_with_kolada_values_and_a_review() -> None:
    _load()
    settings = KoladaSettings.objects.get(group__slug="alvesta")
    assert (settings.municipality, settings.comparison_group, settings.comparison_municipalities) == ("0764", COMPARISON_GROUP, sorted(CHOSEN))
    assert "0764" in KoladaMunicipalityGroup.objects.get(pk=COMPARISON_GROUP).members

    # the catalogue holds Kolada's metadata of the bound KPIs and some to search; values per gender
    assert set(VALUED) <= set(KoladaKpi.objects.values_list("id", flat=True)) and KoladaKpi.objects.count() > len(VALUED)
    assert KoladaKpi.objects.get(pk="N15424").title == "Elever i åk 9 som är behöriga till yrkesprogram, lägeskommun, andel (%)"
    assert KoladaValue.objects.filter(kpi="N15424", municipality="0764", year=2025, gender="K").exists()
    assert KoladaValue.objects.filter(kpi="N15424", municipality="1231").count() > 0

    # KOLADA-002: every bound quality indicator's values come from Kolada, none hand-entered "from Kolada"
    bound_quality = QualityIndicator.objects.exclude(kolada_kpi="")
    assert bound_quality.count() == 8 and all(q.source == "kolada" and q.kolada_hash for q in bound_quality)
    for quality in bound_quality:
        values = Measurement.objects.filter(quality_indicator=quality)
        assert values.exists() and not values.exclude(source="kolada").exists()
    assert not Measurement.objects.filter(comment__icontains="Kolada").exists()
    assert Measurement.objects.filter(quality_indicator__kolada_kpi="", source="manual").exists()

    # the goal indicators bound: their values from Kolada, and a person's value kept
    for unit_name, name, kpi in GOAL_BINDINGS:
        indicator = GoalIndicator.objects.get(goal__org_unit__name=unit_name, name=name)
        assert indicator.kolada_kpi == kpi and indicator.kolada_hash
    school = GoalIndicator.objects.get(goal__org_unit__name="Utbildningsnämnden", kolada_kpi="N15424")
    assert Measurement.objects.get(indicator=school, period__year=2025, period__month=12).source == "kolada"
    population = Measurement.objects.get(indicator__kolada_kpi="N01951", period__year=2025, period__month=12)
    assert (population.source, population.comment) == ("manual", "Befolkning 31 december enligt SCB.")
    synced = AuditEvent.objects.filter(action="kolada.synced").order_by("pk")
    assert synced.count() == 3 and any(e.after["manual_kept"] == 1 for e in synced)  # type: ignore[index]

    # KOLADA-004: the later catalogue changed one KPI's title; its one bound indicator waits for review
    assert KoladaKpi.objects.get(pk=DRIFTING).title == DRIFTED_TITLE
    assert indicators_needing_review() == 1
    assert QualityIndicator.objects.get(kolada_kpi=DRIFTING).kolada_hash != KoladaKpi.objects.get(pk=DRIFTING).metadata_hash

    client = Client()
    client.login(username="uf.tjansteperson", password="styr-demo")
    page = client.get(f"/mal/{school.goal.pk}/").content.decode()
    assert "Källa: Kolada" in page and "kolada-comparison-table" in page and "Liknande kommuner, övergripande, Tingsryd" in page
    assert "värdena från Kolada" in page  # the demo's footer says they are made up
    controller = Client()
    controller.login(username="ks.controller", password="styr-demo")
    review = controller.get("/kolada/granska/").content.decode()
    assert DRIFTED_TITLE in review and "Antal personal en hemtjänsttagare möter under 14 dagar" in review
