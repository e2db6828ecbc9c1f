"""Where issue 13's parts meet in the API: the goal list's ``needs_review`` (KOLADA-004) costs no
query per bound indicator; a quality indicator has its Kolada comparison as a goal indicator has
(KOLADA-012); the public operations, which need no login, do not declare 401 (AUTH-001)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from styr.planning.services import goal_create, indicator_create, quality_factor_create, quality_indicator_create
from styr.planning.services.kolada import kolada_catalogue_store
from styr.planning.services.kolada_bindings import indicator_kolada_bind
from tests.api.test_api_errors import openapi, operations
from tests.api.test_api_planning import as_
from tests.conftest import YEAR, World
from tests.planning.kolada_world import KPI, OTHER, kolada_catalogue, kolada_settings_for_tests

UNITS = ("Utbildningsnämnden", "Omsorgsnämnden", "Utbildningsförvaltningen", "Grundskola", "Hagaskolan")


def _bound_goals(count: int, *, first: int = 0, world: World) -> None:
    """``count`` goals, three a unit (GOAL-001), each with an indicator bound to KPI and one to OTHER."""
    for number in range(first, first + count):
        goal = goal_create(actor=None, org_unit=world.unit(UNITS[number // 3]), title=f"Mål {number}", start_year=YEAR, end_year=YEAR + 1)
        for kpi in (KPI, OTHER):
            indicator = indicator_create(actor=None, goal=goal, name=kpi.id, baseline_year=YEAR - 1, baseline_value=Decimal(70))
            indicator_kolada_bind(actor=None, indicator=indicator, kpi_id=kpi.id)


def _listed(world: World) -> tuple[Any, int]:
    api = as_(world, "ks_controller")
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/goals?limit=100")
    assert response.status_code == 200
    return response.json(), len(queries)


def test_kolada_004_the_goal_lists_needs_review_costs_no_query_per_bound_indicator(world: World) -> None:
    kolada_catalogue(world)
    _bound_goals(1, world=world)
    _body, one = _listed(world)
    _bound_goals(5, first=1, world=world)
    kolada_catalogue_store(actor=None, kpis=[dataclasses.replace(KPI, description="Ändrad definition.")])
    body, six = _listed(world)
    assert body["count"] == 6 and six == one
    flags = {(i["kolada_kpi"], i["needs_review"]) for goal in body["items"] for i in goal["indicators"]}
    assert flags == {(KPI.id, True), (OTHER.id, False)}  # only the changed KPI's indicators are flagged


def test_kolada_012_a_quality_indicator_has_its_comparison_as_a_goal_indicator_has(world: World) -> None:
    kolada_catalogue(world)
    kolada_settings_for_tests(world)
    factor = quality_factor_create(actor=None, org_unit=world.unit("Utbildningsnämnden"), title="Trygghet")
    bound = quality_indicator_create(actor=None, factor=factor, name="Behöriga", direction="higher", source="kolada", kolada_kpi=KPI.id)
    manual = quality_indicator_create(actor=None, factor=factor, name="Trygga", direction="higher")
    compared = as_(world, "committee_politician").get(f"/quality-indicators/{bound.pk}/kolada/comparison")
    assert compared.status_code == 200
    answer = compared.json()
    assert (answer["kpi_id"], answer["source"], answer["divided_by_gender"]) == (KPI.id, "Kolada", True)
    year = answer["years"][0]
    assert year["year"] == YEAR - 1 and year["own"] == "80.5000" and year["group"]["median"] == "86.6000" and year["chosen"][0]["name"] == "Ljungby"
    refused = as_(world, "ks_controller").get(f"/quality-indicators/{manual.pk}/kolada/comparison")
    assert refused.status_code == 422 and refused.json()["code"] == "KOLADA-012"
    assert as_(world, "outsider").get(f"/quality-indicators/{bound.pk}/kolada/comparison").status_code == 404


def test_auth_001_the_public_operations_need_no_login_and_do_not_declare_401(world: World) -> None:
    spec = openapi()
    public = [(path, op) for path, _method, op in operations(spec) if path.startswith("/api/v1/public/")]
    assert public and all("security" not in op and "401" not in op["responses"] for _path, op in public)
    assert all("401" in op["responses"] for path, _method, op in operations(spec) if not path.startswith("/api/v1/public/"))
    assert Client().get(f"/api/v1/public/{world.group.slug}/goals").status_code == 200  # without a login
