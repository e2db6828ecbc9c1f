"""What is public is what is in force (issue 8, §2): while a new revision of an adopted plan is
drafted, the editors' changes to a reopened goal stay off the public page until the revision is
adopted; the page reads the reopened goal from the adopted plan's frozen snapshot."""

import io
from datetime import date
from decimal import Decimal

import docx
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from styr.planning import services
from styr.planning.models import DevelopmentGoal, GoalIndicator, Plan
from tests.conftest import YEAR, World


def adopt(world: World, plan: Plan, *, decided_on: date) -> Plan:
    return services.plan_adopt(
        actor=world.users["council_chair"],
        plan=services.plan_propose(actor=None, plan=plan),
        decided_on=decided_on,
        paragraph="§ 120",
        registration_number="KS 2025/300",
    )


def council_goal(world: World, title: str) -> tuple[DevelopmentGoal, GoalIndicator]:
    council = world.unit("Kommunfullmäktige")
    goal = services.goal_create(actor=None, org_unit=council, title=title, citizen_change="Fler vill bo här", start_year=YEAR, end_year=YEAR + 1)
    indicator = services.indicator_create(
        actor=None, goal=goal, name="Invånare", baseline_year=YEAR - 1, baseline_value=Decimal(20134), target_year=YEAR + 1, target_value=Decimal(20500)
    )
    return goal, indicator


def adopted_council_plan(world: World, titles: tuple[str, ...] = ("Attraktiv kommun att bo i",)) -> tuple[Plan, list[tuple[DevelopmentGoal, GoalIndicator]]]:
    goals = [council_goal(world, title) for title in titles]
    plan = services.plan_create(actor=None, org_unit=world.unit("Kommunfullmäktige"), year=YEAR)
    return adopt(world, plan, decided_on=date(YEAR - 1, 11, 20)), goals


def public_page() -> str:
    response = Client().get(f"/offentlig/alvesta/?ar={YEAR}")
    assert response.status_code == 200
    return response.content.decode().replace("\xa0", " ").replace("&nbsp;", " ")  # numbers in Swedish form


def edit_in_revision(goal: DevelopmentGoal, indicator: GoalIndicator) -> None:
    services.goal_update(
        actor=None, goal=goal, title="Ny lydelse i utkastet", citizen_change="Ändrad förändring", start_year=YEAR, end_year=YEAR + 1, measurable=True
    )
    services.target_set(actor=None, indicator=indicator, year=YEAR + 1, value=Decimal(99999))
    services.indicator_update(actor=None, indicator=indicator, name="Ändrad indikator")


def test_the_public_page_shows_the_adopted_content_while_a_revision_is_drafted(world: World) -> None:
    plan, [(goal, indicator)] = adopted_council_plan(world)
    before = public_page()
    assert "Attraktiv kommun att bo i" in before and "20 500" in before and "Fler vill bo här" in before
    revision = services.plan_revise(actor=None, plan=plan)
    edit_in_revision(goal, indicator)
    during = public_page()
    assert "Attraktiv kommun att bo i" in during and "Fler vill bo här" in during
    assert "Invånare" in during and "20 500" in during and "20 134" in during
    assert "Ny lydelse i utkastet" not in during and "99 999" not in during and "Ändrad" not in during
    adopt(world, revision, decided_on=date(YEAR, 3, 20))
    after = public_page()
    assert "Ny lydelse i utkastet" in after and "99 999" in after and "Ändrad indikator" in after and "Ändrad förändring" in after
    assert "Attraktiv kommun att bo i" not in after and "20 500" not in after


def test_the_public_plan_document_shows_the_adopted_plan_while_a_revision_is_drafted(world: World) -> None:
    plan, [(goal, indicator)] = adopted_council_plan(world)
    services.plan_revise(actor=None, plan=plan)
    edit_in_revision(goal, indicator)
    response = Client().get(f"/offentlig/planer/{plan.pk}/dokument.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for row in t.rows for c in row.cells])
    assert "Attraktiv kommun att bo i" in text and "Ny lydelse i utkastet" not in text


def test_the_public_page_reads_in_a_constant_number_of_queries(world: World) -> None:
    """As many queries for one reopened goal as for three, with and without a revision open."""

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            public_page()
        return len(ctx.captured_queries)

    plan, goals = adopted_council_plan(world, ("Mål ett",))
    settled_one = queries()
    services.plan_revise(actor=None, plan=plan)
    edit_in_revision(*goals[0])
    pending_one = queries()
    for title in ("Mål två", "Mål tre"):
        _goal, indicator = council_goal(world, title)
        services.target_set(actor=None, indicator=indicator, year=YEAR, value=Decimal(7))
    revision = Plan.objects.get(org_unit=plan.org_unit, year=YEAR, revision=2)
    adopt(world, revision, decided_on=date(YEAR, 3, 20))
    settled_three = queries()
    services.plan_revise(actor=None, plan=revision)
    pending_three = queries()
    assert settled_one == settled_three
    assert pending_one == pending_three
    assert pending_three <= settled_three + 1  # the snapshots are read in one query
