"""The årshjul's carry-over step (issue 11 §1): the council's decision on last year's results, due
after the annual accounts (the preset's planning_year.carry_over, 30 April), done when the council
has decided the carry-over of every committee and the board that had a frame last year."""

from __future__ import annotations

from datetime import date

from styr.economy.services import carry_overs_compute
from styr.followup import services
from styr.followup.milestone_progress import MilestoneProgress, overdue_steps, progress
from styr.followup.models import PlanningCalendar
from tests.conftest import YEAR, World
from tests.economy.carry_over_setup import AFTER, LAST, year_end
from tests.economy.test_carry_over import decide


def carry_over_step(calendar: PlanningCalendar) -> MilestoneProgress:
    return next(p for p in progress(PlanningCalendar.objects.get(pk=calendar.pk)) if p.milestone.kind == "carry_over")


def test_the_carry_over_step_is_done_when_the_council_has_decided_every_committees_carry_over(world: World) -> None:
    year_end(world)
    calendar = services.calendar_create(actor=None, group=world.group, year=YEAR)
    step = carry_over_step(calendar)
    assert step.milestone.due == date(YEAR, 4, 30) and step.checked
    # Utbildningsnämnden and Omsorgsnämnden had frames last year: theirs wait for the council
    assert {b.body.name for b in step.missing} == {"Utbildningsnämnden", "Omsorgsnämnden"}
    assert all(b.url == f"/resultatoverforing/?ar={LAST}" for b in step.missing)
    late = overdue_steps(world.users["ks_controller"], group=world.group, year=YEAR, today=date(YEAR, 5, 2))
    assert {o.step.body.name for o in late if o.progress.milestone.kind == "carry_over"} == {"Utbildningsnämnden", "Omsorgsnämnden"}
    carry_overs_compute(actor=world.users["ks_controller"], group=world.group, year=LAST, today=AFTER)
    assert len(carry_over_step(calendar).missing) == 2  # a proposal is not done
    decide(world)
    assert carry_over_step(calendar).done
    page = world.client("ks_controller").get(f"/arshjul/{YEAR}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert f"Resultatöverföring av {LAST} års resultat" in page
