"""EDIT-001 on the internal control plan: two people change the same control; the second is
refused with 409 and both versions side by side, nothing stored changes and no audit event."""

from __future__ import annotations

from styr.control.models import Control
from styr.core.models import AuditEvent
from tests.conftest import YEAR, World
from tests.control.plans_setup import risks
from tests.core.test_conflicts import changed, read_form

SV = {"Accept-Language": "sv"}


def plan_url(world: World) -> str:
    return f"/internkontroll/{world.unit('Utbildningsnämnden').pk}/plan/{YEAR}/"


def _control(world: World) -> Control:
    risks(world)
    assert world.client("administration_official").post(plan_url(world) + "skapa/").status_code == 302
    return Control.objects.order_by("pk").first()  # type: ignore[return-value]


def test_a_stale_control_is_refused_with_both_versions_and_a_fresh_one_is_saved(world: World) -> None:
    control = _control(world)
    one, two = world.client("administration_official"), world.client("ks_controller")
    key = f"form-control-{control.pk}"
    form_one, form_two = (read_form(c.get(plan_url(world), headers=SV).content.decode(), key) for c in (one, two))
    assert form_one["version"] == [str(control.version)]
    change = plan_url(world) + f"kontroller/{control.pk}/"
    assert one.post(change, changed(form_one, responsible="Ekonomichefen")).status_code == 302
    saved = Control.objects.get(pk=control.pk)
    assert saved.responsible == "Ekonomichefen" and saved.version == control.version + 1
    events = AuditEvent.objects.filter(action="control.updated", object_id=str(control.pk)).count()

    refused = two.post(change, changed(form_two, responsible="Controllern"), headers=SV)
    html = refused.content.decode()
    assert refused.status_code == 409
    assert "EDIT-001" in html and "Din version" in html and "Sparad version" in html
    assert "<td>Controllern</td><td>Ekonomichefen</td>" in html
    assert Control.objects.get(pk=control.pk).responsible == "Ekonomichefen"
    assert AuditEvent.objects.filter(action="control.updated", object_id=str(control.pk)).count() == events

    again = read_form(html, key)
    assert again["responsible"] == ["Controllern"] and again["version"] == [str(saved.version)]
    assert two.post(change, again).status_code == 302  # saving again from the conflict overrides consciously
    assert Control.objects.get(pk=control.pk).responsible == "Controllern"
    assert AuditEvent.objects.filter(action="control.updated", object_id=str(control.pk)).count() == events + 1


def test_a_stale_draft_of_ks_evaluation_is_refused_with_both_versions(world: World) -> None:
    from styr.control.models import OversightEvaluation
    from styr.control.services import oversight

    evaluation = oversight.evaluation_create(actor=None, group=world.group, year=YEAR, evaluation="God kontroll.", measures="")
    url = f"/internkontroll/uppsikt/{YEAR}/"
    one, two = world.client("ks_controller"), world.client("ks_controller")
    form_one, form_two = (read_form(c.get(url, headers=SV).content.decode(), "evaluation-form") for c in (one, two))
    assert form_one["version"] == [str(evaluation.version)]
    assert one.post(url, changed(form_one, evaluation="Brister i attesten.")).status_code == 302
    refused = two.post(url, changed(form_two, evaluation="Inga brister."), headers=SV)
    html = refused.content.decode()
    assert refused.status_code == 409 and "EDIT-001" in html and "Sparad version" in html
    assert "<td>Inga brister.</td><td>Brister i attesten.</td>" in html
    assert OversightEvaluation.objects.get(pk=evaluation.pk).evaluation == "Brister i attesten."
    again = read_form(html, "evaluation-form")
    assert again["evaluation"] == ["Inga brister."] and again["version"] == [str(evaluation.version + 1)]
    assert two.post(url, again).status_code == 302
    assert OversightEvaluation.objects.get(pk=evaluation.pk).evaluation == "Inga brister."


def test_a_stale_action_status_and_a_stale_result_are_refused_with_both_versions(world: World) -> None:
    from datetime import date

    from styr.control.models import Action, ControlResult, Deviation
    from tests.control.followup_setup import make_control, make_plan

    control = make_control(make_plan(world, YEAR))
    result = ControlResult.objects.create(
        group=world.group, control=control, month=4, status="not_achieved", findings="Ett fel", checked_count=20, deviation_count=1
    )
    deviation = Deviation.objects.create(group=world.group, result=result, description="Saknad attest", severity="low")
    action = Action.objects.create(group=world.group, deviation=deviation, description="Påminn", owner="Ekonomichef", deadline=date(YEAR, 9, 1))
    url = f"/internkontroll/kontroller/{control.pk}/"
    one, two = world.client("administration_official"), world.client("ks_controller")
    page_one, page_two = (c.get(url, headers=SV).content.decode() for c in (one, two))
    assert f'name="version" value="{action.version}"' in page_one
    status = {"do": "action_status", "action": str(action.pk), "version": str(action.version)}
    assert one.post(url, {**status, "status": "in_progress"}).status_code == 302
    refused = two.post(url, {**status, "status": "done"}, headers=SV)
    html = refused.content.decode()
    assert refused.status_code == 409 and "EDIT-001" in html and "Sparad version" in html
    assert Action.objects.get(pk=action.pk).status == "in_progress"
    assert two.post(url, {**status, "version": str(action.version + 1), "status": "done"}).status_code == 302
    assert Action.objects.get(pk=action.pk).status == "done"

    # reporting an occasion again over a result read earlier
    form_one, form_two = (read_form(p, f"control-{control.pk}-occasion-4-form") for p in (page_one, page_two))
    assert form_one["version"] == [str(result.version)]
    first = one.post(url, changed(form_one, findings="Två fel"), headers=SV)
    assert first.status_code == 302
    refused = two.post(url, changed(form_two, findings="Tre fel"), headers=SV)
    assert refused.status_code == 409 and "<td>Tre fel</td><td>Två fel</td>" in refused.content.decode()
    assert ControlResult.objects.get(pk=result.pk).findings == "Två fel"
