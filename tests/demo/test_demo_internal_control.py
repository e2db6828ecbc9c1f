"""The demo's internal control (issue 12 §7): the owner directives of the Alvesta group, a year of the
companies' reports through the chain, and each committee's and company board's plan for the year
with realistic risks and results — on KS's oversight page and the companies' page too."""

import re
from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from styr.control.models import (
    Action,
    CommonControl,
    Control,
    ControlResult,
    Deviation,
    DirectiveAnswer,
    InternalControlPlan,
    InternalControlReport,
    OversightEvaluation,
    OwnerDialogue,
    OwnerDirective,
)
from styr.control.services.plans import applies_to
from styr.core.models import AuditEvent
from styr.demo.internal_control_data import DRAFT_BODIES
from styr.demo.internal_control_data.joint_authority import JOINT_AUTHORITY
from styr.domain.internal_control import PLAN_BODY_KINDS
from styr.followup.models import Report
from styr.organisation.models import OrgUnit

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def _load() -> None:
    with time_machine.travel(datetime(2026, 12, 3, 9, 0, tzinfo=UTC), tick=False):
        call_command("load_demo", stdout=StringIO())


def test_the_demo_has_every_bodys_plan_results_the_companies_chain_and_ks_evaluation_on_its_pages() -> None:
    _load()
    bodies = OrgUnit.objects.filter(kind__in=[k.value for k in PLAN_BODY_KINDS])
    assert bodies.count() == 12 and bodies.filter(name=JOINT_AUTHORITY, kind="JOINT_AUTHORITY", parent__kind="COUNCIL").exists()

    # every committee, KS, company board and the joint authority has a plan for this year: two drafts, the rest adopted with a decision
    plans = {p.org_unit.name: p for p in InternalControlPlan.objects.filter(year=2026).select_related("org_unit", "decision")}
    assert set(plans) == set(bodies.values_list("name", flat=True))
    assert {name for name, p in plans.items() if p.state == "draft"} == set(DRAFT_BODIES)
    adopted = [p for p in plans.values() if p.state == "adopted"]
    assert len(adopted) == 10 and all(p.decision is not None and p.snapshot_sha256 for p in adopted)
    assert plans["Utbildningsnämnden"].decision.decided_on < TODAY  # type: ignore[union-attr]

    # KS's common controls, adopted by KS, are in every plan they apply to
    commons = list(CommonControl.objects.filter(year=2026))
    assert len(commons) == 3 and all(c.decision is not None and c.decision.body.kind == "EXECUTIVE_BOARD" for c in commons)
    for plan in plans.values():
        expected = {c.pk for c in commons if applies_to(c.applies_to, plan.org_unit.kind)}
        assert expected and set(plan.controls.filter(common_control__isnull=False).values_list("common_control_id", flat=True)) == expected, plan

    # results with deviations and actions, none for a month not yet ended; some actions closed
    results = ControlResult.objects.filter(control__plan__year=2026)
    assert results.count() > 40 and not results.filter(month__gte=12).exists()
    assert {"achieved", "partly_achieved", "not_achieved"} <= set(results.values_list("status", flat=True))
    assert Deviation.objects.filter(result__control__plan__year=2026, severity="high").exists()
    assert Action.objects.filter(deviation__result__control__plan__year=2026, status="done", closed_on__lt=TODAY).exists()
    assert not ControlResult.objects.filter(control__plan__state="draft").exists()
    # last year's plans and reports adopted, and an action of last year still open past its deadline: it carries over
    assert set(InternalControlPlan.objects.filter(year=2025).values_list("state", flat=True)) == {"adopted"}
    assert InternalControlReport.objects.filter(year=2025, state="adopted", decision__isnull=False).count() == 12
    carried = Action.objects.filter(deviation__result__control__plan__year=2025).exclude(status="done")
    assert carried.filter(deadline__lt=TODAY).count() == 12
    assert plans["Kommunstyrelsen"].snapshot["open_actions"][0]["from_year"] == 2025

    # the owner directives with demands and the companies' answers
    kinds = set(OwnerDirective.objects.values_list("kind", flat=True))
    assert kinds == {"articles", "general", "parent_specific", "subsidiary_specific"}
    assert OwnerDirective.objects.filter(kind="subsidiary_specific", issuer__kind="PARENT_COMPANY").count() == 4
    assert DirectiveAnswer.objects.filter(year=2025).count() > 20 and DirectiveAnswer.objects.filter(year=2026).exists()
    assert DirectiveAnswer.objects.filter(status="not_achieved", value__isnull=False).exists()

    # the companies' reports through the chain: last year's annual report and this year's interim accounts, each adopted by its board
    chain = Report.objects.filter(org_unit__kind__in=["PARENT_COMPANY", "COMPANY"])
    assert chain.count() == 10 and set(chain.values_list("state", flat=True)) == {"adopted"}
    assert set(chain.values_list("period__kind", flat=True)) == {"annual_report", "interim_accounts"}
    late = chain.get(org_unit__name="Alvesta Utvecklings AB", period__kind="annual_report")
    assert late.submitted_at is not None and late.submitted_at.date() == date(2026, 3, 1)
    # owner dialogues, spring and autumn with each subsidiary, in the årshjul
    assert OwnerDialogue.objects.filter(held_on__year=2026, parent_company__kind="PARENT_COMPANY").count() == 8
    # KS's evaluation of last year, adopted
    evaluation = OversightEvaluation.objects.get(year=2025)
    assert evaluation.state == "adopted" and evaluation.decision is not None and evaluation.snapshot_sha256

    # all through the services, in the history, by the demo's personas where the body has one
    plan_adopters = set(AuditEvent.objects.filter(action="control_plan.adopted").values_list("actor__username", flat=True))
    assert {"ks.ordforande", "un.politiker", "on.politiker", "akf.ordforande", "allbohus.ordforande"} <= plan_adopters
    assert AuditEvent.objects.filter(action="owner_dialogue.created", actor__username="akf.ordforande").count() == 8
    assert Control.objects.filter(plan__year=2026, risk__isnull=False, method="review", report_months=[12]).count() < 5  # the controls were filled in

    client = Client()
    assert client.login(username="ks.controller", password="styr-demo")
    with time_machine.travel(datetime(2026, 12, 3, 10, 0, tzinfo=UTC), tick=False):
        oversight = client.get("/internkontroll/uppsikt/2026/", HTTP_ACCEPT_LANGUAGE="sv")
        companies = client.get("/bolagen/2026/", HTTP_ACCEPT_LANGUAGE="sv")
        calendar = client.get("/arshjul/2026/", HTTP_ACCEPT_LANGUAGE="sv")
    assert oversight.status_code == companies.status_code == calendar.status_code == 200
    page = oversight.content.decode()
    assert "Kultur- och fritidsnämnden" in page and JOINT_AUTHORITY in page and "<svg" in page
    assert "10 av 12 organ har antagit sin internkontrollplan" in " ".join(re.sub(r"<[^>]+>", " ", page).split())
    listing = " ".join(re.sub(r"<[^>]+>", " ", companies.content.decode()).split())
    assert "AllboHus Fastighets AB" in listing and "Delårsbokslut 2026-08: Beslutad" in listing
    assert "Ägardialog" in calendar.content.decode()
