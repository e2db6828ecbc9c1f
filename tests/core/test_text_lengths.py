"""One limit per text field, the same in the forms, the API, the Excel upload and the models
(issue 8, point 1): an over-long text is refused with a Swedish message naming the field, and
nothing is written (TEXT-001, INPUT-001)."""

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.db import models

from styr.api.schemas import RequiredText, Text, Title, UnitLabel
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.domain.limits import TEXT_LENGTH, TITLE_LENGTH, UNIT_LABEL_LENGTH
from styr.followup import services
from styr.followup.dialogue import comment_add
from styr.followup.models import Assessment, Comment, Measurement, Report, ReportingPeriod
from styr.planning import forms as planning_forms
from styr.planning import services as planning
from styr.planning.models import DevelopmentGoal, GoalIndicator
from tests.api.test_api_planning import as_
from tests.conftest import World

YEAR = 2027
LONG = "x" * (TEXT_LENGTH + 1)


@pytest.fixture(autouse=True)
def _march() -> Iterator[None]:
    with time_machine.travel(datetime(YEAR, 3, 3, 9, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def ids(world: World) -> dict[str, int]:
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    feb = ReportingPeriod.objects.get(calendar=calendar, kind="monthly_report", end=date(YEAR, 2, 28))
    unit = world.unit("Hagaskolan")
    goal = planning.goal_create(actor=None, org_unit=unit, title="Lugna raster", start_year=YEAR, end_year=YEAR, measurable=False)
    indicator_goal = planning.goal_create(actor=None, org_unit=unit, title="Fler behöriga", start_year=YEAR, end_year=YEAR)
    indicator = planning.indicator_create(actor=None, goal=indicator_goal, name="Behöriga", baseline_year=YEAR - 1, baseline_value=Decimal(78))
    return {"unit": unit.pk, "period": feb.pk, "goal": goal.pk, "indicator": indicator.pk}


def _errors(body: str) -> str:
    return " ".join(re.findall(r"(?s)(?:errorlist|alert-danger|invalid-feedback).*?</(?:ul|div)>", body))


def test_every_text_column_has_the_shared_limit() -> None:
    for model in apps.get_models():
        if not model.__module__.startswith("styr."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.TextField):
                assert field.max_length == TEXT_LENGTH, f"{model.__name__}.{field.name}"


def test_forms_api_and_models_agree_on_each_kind_of_text() -> None:
    assert DevelopmentGoal._meta.get_field("citizen_change").max_length == TEXT_LENGTH
    assert DevelopmentGoal._meta.get_field("title").max_length == TITLE_LENGTH
    form = planning_forms.DevelopmentGoalForm()
    assert form.fields["citizen_change"].max_length == TEXT_LENGTH  # type: ignore[attr-defined]
    assert form.fields["title"].max_length == TITLE_LENGTH  # type: ignore[attr-defined]
    for schema, limit in ((Text, TEXT_LENGTH), (RequiredText, TEXT_LENGTH), (Title, TITLE_LENGTH), (UnitLabel, UNIT_LABEL_LENGTH)):
        constraints = [c for info in getattr(schema, "__metadata__", ()) for c in info.metadata]
        assert any(getattr(c, "max_length", None) == limit for c in constraints), schema


def test_the_reporting_page_refuses_a_million_character_analysis(world: World, ids: dict[str, int]) -> None:
    before = AuditEvent.objects.count()
    response = world.client("unit_manager").post(
        f"/enheter/{ids['unit']}/rapportering/{ids['period']}/",
        {"action": "save", f"status-{ids['goal']}": "achieved", f"analysis-{ids['goal']}": "x" * 1_000_000},
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Analys får vara högst 10000 tecken lång; den har 1000000." in body and "TEXT-001" in body
    assert not Assessment.objects.exists() and AuditEvent.objects.count() == before


def test_a_report_analysis_longer_than_the_limit_is_refused(world: World, ids: dict[str, int]) -> None:
    response = world.client("unit_manager").post(f"/enheter/{ids['unit']}/rapportering/{ids['period']}/", {"action": "start", "analysis": LONG})
    assert response.status_code == 422 and "Analys får vara högst 10000 tecken lång" in response.content.decode()
    assert not Report.objects.exists()


def test_a_two_million_character_comment_is_refused(world: World, ids: dict[str, int]) -> None:
    response = world.client("unit_manager").post(f"/mal/{ids['goal']}/kommentarer/", {"text": "x" * 2_000_000})
    assert response.status_code == 422
    assert "Kommentar får vara högst 10000 tecken lång; den har 2000000." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_form_refuses_an_over_long_text_naming_the_field(world: World) -> None:
    unit = world.unit("Utbildningsnämnden")
    response = world.client("ks_controller").post(
        f"/enheter/{unit.pk}/mal/ny/",
        {"title": "Mål", "citizen_change": LONG, "start_year": YEAR, "end_year": YEAR, "direction": "higher"},
    )
    assert response.status_code == 422
    assert "Förändring för invånarna får vara högst 10000 tecken lång; den har 10001." in _errors(response.content.decode())
    assert not DevelopmentGoal.objects.exists()


def test_the_plan_page_refuses_an_over_long_risk(world: World) -> None:
    unit = world.unit("Utbildningsnämnden")
    planning.core_mission_set(actor=None, org_unit=unit, serves="Barn", purpose="Lärande", governed_by="Skollagen")
    response = world.client("ks_controller").post(
        f"/enheter/{unit.pk}/plan/{YEAR}/risk/ny/", {"description": LONG, "likelihood": 2, "consequence": 2}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    assert "Risk får vara högst 10000 tecken lång; den har 10001." in response.content.decode()


def test_the_api_refuses_an_over_long_text_naming_the_field(world: World) -> None:
    unit = world.unit("Utbildningsnämnden")
    response = as_(world, "ks_controller").post("/goals", {"org_unit": unit.pk, "title": "Mål", "citizen_change": LONG, "start_year": YEAR, "end_year": YEAR})
    body = response.json()
    assert response.status_code == 422 and body["code"] == "INPUT-001"
    assert body["detail"]["fields"] == ["citizen_change"] and "citizen_change" in body["message"]
    assert body["message"].startswith("Förfrågans parametrar är inte giltiga")
    assert not DevelopmentGoal.objects.exists()


def test_services_hold_the_limit_whoever_calls_them(world: World, ids: dict[str, int]) -> None:
    """TEXT-001 in the services: the limit holds for a caller that skips the form."""
    goal = DevelopmentGoal.objects.get(pk=ids["goal"])
    period = ReportingPeriod.objects.get(pk=ids["period"])
    indicator = GoalIndicator.objects.get(pk=ids["indicator"])
    calls = [
        lambda: comment_add(actor=None, goal=goal, text=LONG),
        lambda: services.assessment_record(actor=None, period=period, goal=goal, status="achieved", analysis=LONG),
        lambda: services.report_create(actor=None, org_unit=goal.org_unit, period=period, analysis=LONG),
        lambda: services.measurement_record(actor=None, indicator=indicator, period=date(YEAR, 2, 1), value=Decimal(1), comment=LONG),
        lambda: planning.goal_create(actor=None, org_unit=goal.org_unit, title="x" * (TITLE_LENGTH + 1), start_year=YEAR, end_year=YEAR),
    ]
    for call in calls:
        with pytest.raises(RuleViolation) as refused:
            call()
        assert refused.value.code == "TEXT-001"
    assert not Comment.objects.exists() and not Assessment.objects.exists() and not Report.objects.exists() and not Measurement.objects.exists()
