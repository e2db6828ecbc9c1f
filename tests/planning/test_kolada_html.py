"""The Nu HTML Checker finds no error on the pages Kolada adds to or changes (issue 13 §1): the
goal page with a bound indicator whose definition changed, its comparison and a value from
Kolada, the picker (page and results), a refused binding, the review list, the quality tab, the
reporting page and the unit's comparisons."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from styr.followup import services as followup
from styr.followup.models import ReportingPeriod
from styr.planning.services import quality_factor_create, quality_indicator_create
from styr.planning.services.kolada import kolada_catalogue_store
from styr.planning.services.kolada_bindings import indicator_kolada_bind
from tests.conftest import YEAR, World
from tests.html_check import vnu_errors
from tests.planning.kolada_world import KPI, kolada_catalogue, kolada_goal, kolada_settings_for_tests, value_marked_as_from_kolada


def test_the_kolada_pages_are_valid_html(world: World) -> None:
    kolada_catalogue(world)
    kolada_settings_for_tests(world)
    goal, indicator = kolada_goal(world)
    controller = world.users["ks_controller"]
    indicator_kolada_bind(actor=controller, indicator=indicator, kpi_id=KPI.id)
    value_marked_as_from_kolada(world, indicator, date(YEAR, 2, 1), Decimal("81.5"))
    kolada_catalogue_store(actor=None, kpis=[dataclasses.replace(KPI, description="Ändrad definition.")])
    unit = world.unit("Utbildningsnämnden")
    factor = quality_factor_create(actor=controller, org_unit=unit, title="Trygghet")
    quality = quality_indicator_create(actor=controller, factor=factor, name="Behöriga", direction="higher")
    indicator_kolada_bind(actor=controller, indicator=quality, kpi_id=KPI.id)
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR)
    period = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end__month=2, org_unit__isnull=True)
    pages = {
        "goal page": f"/mal/{goal.pk}/",
        "picker": f"/kolada/nyckeltal/sok/?goal_indicator={indicator.pk}&q=behöriga",
        "picker, nothing found": "/kolada/nyckeltal/sok/?q=finnsinte",
        "review list": "/kolada/granska/",
        "quality tab": f"/enheter/{unit.pk}/plan/{YEAR}/?flik=kvalitet",
        "reporting page": f"/enheter/{unit.pk}/rapportering/{period.pk}/",
        "unit comparisons": f"/kolada/jamforelse/{unit.pk}/{YEAR}/",
    }
    client = world.client("ks_controller")
    documents: dict[str, str] = {}
    for name, url in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        assert response.status_code == 200, (name, url, response.status_code)
        documents[f"{name} ({url})"] = response.content.decode()
    refused = client.post(f"/kolada/indikatorer/mal/{indicator.pk}/koppla/", {"kolada_kpi": "N00000"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code == 422
    documents["refused binding"] = refused.content.decode()
    errors = vnu_errors(documents)
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)
