"""The internal control plans in the årshjul (issue 12 §2): a step due by the preset's day in the
calendar of the year before, done for each body that has adopted its plan; the others are late."""

from __future__ import annotations

from datetime import date

from styr.followup import services as followup
from styr.followup.milestone_progress import overdue_steps, progress, responsible_bodies
from styr.followup.models import PlanningCalendar
from tests.conftest import YEAR, World
from tests.control.plans_setup import adopted_plan, risks


def test_the_step_is_due_on_the_presets_day_and_answered_for_by_committees_ks_and_companies(world: World) -> None:
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR - 1)
    step = calendar.milestones.get(kind="internal_control_plan")
    assert step.due == date(YEAR - 1, 11, 30)
    names = {b.name for b in responsible_bodies(world.group, "internal_control_plan")}
    assert {"Kommunstyrelsen", "Utbildningsnämnden", "Alvesta Kommunföretag AB", "AllboHus Fastighets AB"} <= names
    assert "Kommunfullmäktige" not in names and "Utbildningsförvaltningen" not in names


def test_the_milestone_shows_who_has_adopted_and_who_is_late(world: World) -> None:
    calendar = followup.calendar_create(actor=None, group=world.group, year=YEAR - 1)
    risks(world)
    adopted_plan(world)
    found = {p.milestone.kind: p for p in progress(PlanningCalendar.objects.get(pk=calendar.pk))}["internal_control_plan"]
    done = {b.body.name for b in found.bodies if b.done}
    assert done == {"Utbildningsnämnden"} and found.checked and found.total == 11
    assert found.overdue(date(YEAR - 1, 12, 1)) and not found.overdue(date(YEAR - 1, 11, 30))
    missing = found.missing[0]
    assert missing.url == f"/internkontroll/{missing.body.pk}/plan/{YEAR}/"
    late = overdue_steps(world.users["ks_controller"], group=world.group, year=YEAR - 1, today=date(YEAR - 1, 12, 3))
    late_bodies = {s.step.body.name for s in late if s.progress.milestone.kind == "internal_control_plan"}
    assert "Omsorgsnämnden" in late_bodies and "AllboHus Fastighets AB" in late_bodies and "Utbildningsnämnden" not in late_bodies


def test_the_calendar_page_shows_the_step(world: World) -> None:
    followup.calendar_create(actor=None, group=world.group, year=YEAR - 1)
    page = world.client("ks_controller").get(f"/arshjul/{YEAR - 1}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert f"Internkontrollplaner för {YEAR}" in page
