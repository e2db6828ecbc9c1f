"""Following up the controls (issue 12 §3): results on the plan's occasions (IC-030…IC-034), the lock
of an adopted year (IC-035), deviations and actions that carry over, and the API's error shape."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.http import Http404

from styr.control.models import Action, ControlResult, InternalControlReport
from styr.control.selectors.actions import open_actions_before
from styr.control.services import followup as svc
from styr.core.errors import NotAllowed
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from tests.conftest import YEAR
from tests.control.followup_setup import Setup, make_control, make_plan, setup_fixture  # noqa: F401  (the fixture)

API = "/api/v1/control"


def post(setup: Setup, persona: str, path: str, data: dict[str, object], method: str = "post") -> Any:
    client = setup.world.client(persona)
    return getattr(client, method)(f"{API}/{path}", data=json.dumps(data), content_type="application/json", HTTP_ACCEPT_LANGUAGE="sv")


def test_an_official_reports_a_sample_result_and_it_is_audited(setup: Setup) -> None:
    official = setup.world.users["administration_official"]
    result = svc.result_report(actor=official, control=setup.sample, month=4, status="achieved", findings="Inga fel", checked_count=20, deviation_count=0)
    assert (result.status, result.checked_count, result.deviation_count, result.reported_by) == ("achieved", 20, 0, official)
    event = AuditEvent.objects.get(action="control_result.reported")
    assert event.after["status"] == "achieved" and event.before is None


def test_reporting_the_same_occasion_again_updates_it_with_before_and_after(setup: Setup) -> None:
    official = setup.world.users["administration_official"]
    svc.result_report(actor=official, control=setup.review, month=6, status="achieved")
    svc.result_report(actor=official, control=setup.review, month=6, status="partly_achieved", findings="Två enheter sent")
    assert ControlResult.objects.filter(control=setup.review).count() == 1
    event = AuditEvent.objects.get(action="control_result.updated")
    assert (event.before["status"], event.after["status"]) == ("achieved", "partly_achieved")


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"month": 5, "status": "achieved", "checked_count": 20, "deviation_count": 0}, "IC-030", "month"),
        ({"month": 4, "status": "green", "checked_count": 20, "deviation_count": 0}, "IC-031", "status"),
        ({"month": 4, "status": "achieved"}, "IC-032", "checked_count"),
        ({"month": 4, "status": "achieved", "checked_count": 20}, "IC-032", "deviation_count"),
        ({"month": 4, "status": "achieved", "checked_count": 5, "deviation_count": 6}, "IC-033", "deviation_count"),
    ],
)
def test_a_result_breaking_a_rule_is_refused_by_its_field(setup: Setup, kwargs: dict[str, object], code: str, field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        svc.result_report(actor=setup.world.users["administration_official"], control=setup.sample, **kwargs)  # type: ignore[arg-type]
    assert (refused.value.code, refused.value.field) == (code, field)
    assert not ControlResult.objects.filter(control=setup.sample).exists()


def test_ic_034_a_draft_plans_controls_are_not_reported(setup: Setup) -> None:
    draft = make_plan(setup.world, YEAR + 1, state="draft")
    control = make_control(draft)
    with pytest.raises(RuleViolation) as refused:
        svc.result_report(actor=None, control=control, month=4, status="achieved", checked_count=1, deviation_count=0)
    assert refused.value.code == "IC-034"


@pytest.mark.parametrize("persona", ["auditor", "outsider", "other_committee_politician", "unit_manager"])
def test_only_officials_and_controllers_of_the_body_report(setup: Setup, persona: str) -> None:
    with pytest.raises((NotAllowed, Http404)):
        svc.result_report(actor=setup.world.users[persona], control=setup.review, month=6, status="achieved")
    assert not ControlResult.objects.exists() or not ControlResult.objects.filter(control=setup.review).exists()


def test_deviation_and_action_closing_sets_closed_on_and_is_audited(setup: Setup) -> None:
    official = setup.world.users["administration_official"]
    result = svc.result_report(actor=official, control=setup.review, month=6, status="not_achieved")
    deviation = svc.deviation_add(actor=official, result=result, description="Rapporter saknas", severity="high")
    action = svc.action_add(actor=official, deviation=deviation, description="Påminnelse", owner="HR-chef", deadline=date(YEAR, 9, 1), kind="taken")
    closed = svc.action_update(actor=official, action=action, status="done")
    assert closed.closed_on is not None and closed.status == "done"
    assert AuditEvent.objects.filter(action="control_action.closed", object_id=str(action.pk)).exists()
    reopened = svc.action_update(actor=official, action=action, status="open")
    assert reopened.closed_on is None


def test_open_actions_of_earlier_years_carry_over_until_closed(setup: Setup) -> None:
    carried = list(open_actions_before(setup.world.users["auditor"], org_unit_id=setup.plan.org_unit_id, year=YEAR))
    assert carried == [setup.old_action]
    svc.action_update(actor=setup.world.users["administration_official"], action=setup.old_action, status="done")
    assert not open_actions_before(None, org_unit_id=setup.plan.org_unit_id, year=YEAR).exists()


def test_ic_035_an_adopted_year_is_locked_but_its_actions_can_still_be_closed(setup: Setup) -> None:
    last = setup.old_action.deviation.result
    InternalControlReport.objects.create(group=setup.world.group, org_unit=setup.plan.org_unit, year=YEAR - 1, state="adopted")
    official = setup.world.users["administration_official"]
    with pytest.raises(RuleViolation) as refused:
        svc.deviation_add(actor=official, result=last, description="Ny brist")
    assert refused.value.code == "IC-035"
    with pytest.raises(RuleViolation):
        svc.action_update(actor=official, action=setup.old_action, description="Ändrad")
    assert svc.action_update(actor=official, action=setup.old_action, status="done").status == "done"


def test_api_reports_a_result_and_refuses_with_the_error_shape(setup: Setup) -> None:
    ok = post(
        setup,
        "administration_official",
        "results",
        {"control_id": setup.sample.pk, "month": 10, "status": "achieved", "checked_count": 20, "deviation_count": 1},
    )
    assert ok.status_code == 200, ok.content
    body = ok.json()
    assert (body["month"], body["deviation_count"], body["attachments"]) == (10, 1, [])
    refused = post(
        setup,
        "administration_official",
        "results",
        {"control_id": setup.sample.pk, "month": 10, "status": "achieved", "checked_count": 1, "deviation_count": 2},
    )
    assert refused.status_code == 422 and refused.json()["code"] == "IC-033" and refused.json()["message"]
    assert post(setup, "auditor", "results", {"control_id": setup.review.pk, "month": 6, "status": "achieved"}).status_code == 403
    assert post(setup, "outsider", "results", {"control_id": setup.review.pk, "month": 6, "status": "achieved"}).status_code == 404
    listed = setup.world.client("auditor").get(f"{API}/results?year={YEAR}")
    assert [r["month"] for r in listed.json()] == [10]
    assert setup.world.client("outsider").get(f"{API}/results").json() == []


def test_api_deviations_and_actions_with_open_and_overdue_lists(setup: Setup) -> None:
    result = svc.result_report(actor=None, control=setup.review, month=6, status="not_achieved")
    dev = post(setup, "administration_official", "deviations", {"result_id": result.pk, "description": "Saknas", "severity": "low"})
    assert dev.status_code == 200
    act = post(
        setup,
        "administration_official",
        "actions",
        {"deviation_id": dev.json()["id"], "description": "Rutin", "owner": "Rektor", "deadline": f"{YEAR + 1}-01-31"},
    )
    assert act.status_code == 200 and act.json()["status"] == "open"
    overdue = setup.world.client("auditor").get(f"{API}/actions?overdue=true").json()
    assert [a["id"] for a in overdue] == [setup.old_action.pk]
    assert len(setup.world.client("auditor").get(f"{API}/actions?open=true").json()) == 2
    closed = post(setup, "administration_official", f"actions/{setup.old_action.pk}", {"status": "done"}, method="patch")
    assert closed.status_code == 200 and closed.json()["closed_on"]
    assert Action.objects.get(pk=setup.old_action.pk).status == "done"
    assert post(setup, "auditor", f"actions/{setup.old_action.pk}", {"status": "open"}, method="patch").status_code == 403
