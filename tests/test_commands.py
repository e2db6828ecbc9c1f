"""`make demo` runs these: loading twice keeps the data; the logins are printed."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from styr.core.models import AuditEvent
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import DevelopmentGoal


@pytest.mark.django_db
def test_load_demo_twice_keeps_the_data_and_prints_every_persona() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    counts = (OrgUnit.objects.count(), DevelopmentGoal.objects.count(), AuditEvent.objects.count())
    call_command("load_demo", stdout=out)
    assert (OrgUnit.objects.count(), DevelopmentGoal.objects.count(), AuditEvent.objects.count()) == counts
    assert MunicipalGroup.objects.count() == 1
    text = out.getvalue()
    for username in ("kf.ordforande", "ks.controller", "un.politiker", "uf.tjansteperson", "enhetschef", "revisor", "utomstaende", "admin"):
        assert username in text
        assert get_user_model().objects.filter(username=username).exists()
    assert OrgUnit.objects.filter(kind="UNIT").count() == 3 and OrgUnit.objects.filter(kind="OPERATION").count() == 2


@pytest.mark.django_db
def test_the_demo_holds_a_full_plan_for_the_group() -> None:
    from styr.planning.models import Assignment, CoreMission, DevelopmentArea, Plan, QualityIndicator

    call_command("load_demo", stdout=StringIO())
    council = OrgUnit.objects.get(kind="COUNCIL")
    assert [a.title for a in DevelopmentArea.objects.filter(org_unit=council)] == [
        "Hållbar tillväxt",
        "Människors vardag",
        "Barns och ungas behov",
        "Trygg välfärd",
    ]
    council_goals = DevelopmentGoal.objects.filter(org_unit=council)
    assert council_goals.count() == 3 and all(g.indicators.exists() for g in council_goals)
    for committee in OrgUnit.objects.filter(kind__in=["COMMITTEE", "EXECUTIVE_BOARD"]):
        assert CoreMission.objects.filter(org_unit=committee).exists(), committee
        assert QualityIndicator.objects.filter(factor__org_unit=committee).exists(), committee
    assert DevelopmentGoal.objects.filter(org_unit__kind="COMMITTEE", contributes_to__org_unit=council).exists()
    assignment = Assignment.objects.get(title="Utred skolornas lokalbehov till 2035")  # KS to the committee; the projects add three more
    assert (assignment.issuer.kind, assignment.receiver.kind) == ("EXECUTIVE_BOARD", "COMMITTEE")
    this_year = Plan.objects.get(kind="operational_plan").year
    # Mål och budget of last year (its frames are what the carry-over is computed against) and of this year
    assert sorted(Plan.objects.values_list("kind", "year", "state")) == [
        ("goals_and_budget", this_year - 1, "adopted"),
        ("goals_and_budget", this_year, "adopted"),
        ("operational_plan", this_year, "draft"),
    ]
    assert set(council_goals.values_list("state", flat=True)) == {"adopted"}
