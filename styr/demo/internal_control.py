"""The demo's internal control (issue 12 §7): KS's common controls, each committee's and company
board's risks, last year's plan and report (with an action still open: it carries over), this
year's plan with its results so far, the companies' part (``styr.demo.companies``) and KS's
evaluation of last year. The content is ``styr.demo.internal_control_data``; all of it goes through
the services of ``styr.control``, so all of it is audited.

What lies after ``today`` is not done yet: a decision dated later leaves the plan proposed (the
report reviewed, the evaluation a draft), a month not yet ended has no result, an action closed
later is still in progress."""

from __future__ import annotations

from datetime import date
from typing import Any

from styr.control.models import Action, Control, ControlRisk, InternalControlPlan
from styr.control.services import common_controls as cc
from styr.control.services import followup as fu
from styr.control.services import oversight, plans, reports, risks
from styr.demo import internal_control_data as data
from styr.demo.companies import load_demo_companies
from styr.demo.internal_control_data.common import carried_over, common_results, registration_prefix
from styr.demo.internal_control_data.joint_authority import JOINT_AUTHORITY, joint_authority_adoption, joint_authority_risks
from styr.organisation.models import OrgUnit

#: Who writes each body's internal control (default: KS's controller, who covers the whole group)
#: and which politician adopts it (default: none of the demo's personas sits on the body).
WRITERS = {"Utbildningsnämnden": "uf.tjansteperson", "AllboHus Fastighets AB": "allbohus.ekonom"}
ADOPTERS = {
    "Kommunstyrelsen": "ks.ordforande",
    "Utbildningsnämnden": "un.politiker",
    "Omsorgsnämnden": "on.politiker",
    "Alvesta Kommunföretag AB": "akf.ordforande",
    "AllboHus Fastighets AB": "allbohus.ordforande",
}

#: KS adopts the year's common controls in October the year before, before the bodies adopt their plans.
COMMON_DECISION = (10, 21, "§ 171")


def writer_of(name: str, users: dict[str, Any]) -> Any:
    return users[WRITERS.get(name, "ks.controller")]


def adopter_of(name: str, users: dict[str, Any]) -> Any:
    return users.get(ADOPTERS.get(name, ""))


def _passed(year: int, month: int, today: date) -> bool:
    """A report month has passed when it has ended by ``today``."""
    return (year, month) < (today.year, today.month)


def load_demo_internal_control(*, group: Any, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> None:
    year = today.year
    _common_controls(group=group, users=users, year=year)
    bodies = list(data.bodies(year))
    bodies.append(_joint_authority_body(year, len(bodies)))
    for index, body in enumerate(bodies):
        _last_year(body=body, index=index, unit=units[body.name], users=users, year=year - 1, today=today)
        _this_year(body=body, unit=units[body.name], users=users, year=year, today=today)
    load_demo_companies(group=group, units=units, users=users, today=today)
    _evaluation(group=group, users=users, today=today)


def _joint_authority_body(year: int, index: int) -> data.BodyData:
    adopted = joint_authority_adoption(year)
    report = data.DecisionRef(date(year, 3, 12), "§ 9", f"VRF {year - 1}/112")
    summary = "Fem kontroller genomfördes. Insatstiderna i ytterområdena och tillsynsplanen följdes upp; attestförteckningen var inaktuell."
    commons = tuple((title, result) for title, result in common_results(year, "Alvesta Energi AB", index))
    return data.BodyData(JOINT_AUTHORITY, joint_authority_risks(year), adopted, summary, report, carried_over(year, JOINT_AUTHORITY), commons)


def _common_controls(*, group: Any, users: dict[str, Any], year: int) -> None:
    controller = users["ks.controller"]
    for common in data.common_controls(year):
        cc.common_control_create(actor=controller, group=group, year=year, applies_to=common.applies_to, **_control_fields(common.control))
    month, day, paragraph = COMMON_DECISION
    cc.common_controls_adopt(
        actor=users["ks.ordforande"],
        group=group,
        year=year,
        decided_on=date(year - 1, month, day),
        paragraph=paragraph,
        registration_number=f"KS {year - 1}/311",
    )


def _control_fields(control: data.ControlData) -> dict[str, Any]:
    return {
        "title": control.title,
        "method": control.method,
        "method_text": control.method_text,
        "sample_size": control.sample_size,
        "frequency": control.frequency,
        "report_months": list(control.report_months),
        "area": control.area,
    }


def _adopt_plan(plan: InternalControlPlan, *, writer: Any, adopter: Any, decision: data.DecisionRef, today: date) -> bool:
    """Put the plan before the body, which adopts it unless its meeting is after ``today``."""
    plans.control_plan_propose(actor=writer, plan=plan)
    if decision.decided_on > today:
        return False
    plans.control_plan_adopt(actor=adopter, plan=plan, decided_on=decision.decided_on, paragraph=decision.paragraph, registration_number=decision.registration)
    return True


def _last_year(*, body: data.BodyData, index: int, unit: OrgUnit, users: dict[str, Any], year: int, today: date) -> None:
    """Last year: the risks scored, the plan adopted, its results, and the report adopted this
    year; the attestation control's action is still in progress (it carries over)."""
    writer, adopter = writer_of(body.name, users), adopter_of(body.name, users)
    for risk in body.risks:
        made = risks.control_risk_create(
            actor=writer,
            org_unit=unit,
            area=risk.area,
            description=risk.description,
            aims=list(risk.aims),
            cause=risk.cause,
            effect=risk.effect,
            owner=risk.owner,
        )
        risks.risk_score_set(
            actor=writer, risk=made, year=year, likelihood=risk.last_year.likelihood, consequence=risk.last_year.consequence, chosen=risk.chosen_last_year
        )
    plan = plans.control_plan_create(actor=writer, org_unit=unit, year=year)
    carried = body.carried_over
    control = plans.control_create(actor=writer, plan=plan, responsible=carried.responsible, **_control_fields(carried.control))
    decision = data.DecisionRef(date(year - 1, 12, 1 + index), f"§ {150 + 3 * index}", f"{registration_prefix_of(body.name)} {year - 1}/{200 + 7 * index}")
    if not _adopt_plan(plan, writer=writer, adopter=adopter, decision=decision, today=today):
        return
    for from_risk in plan.controls.filter(risk__isnull=False).order_by("pk"):
        fu.result_report(actor=writer, control=from_risk, month=12, status="achieved", findings="Kontrollen genomförd utan anmärkning.")
    for result in carried.results:
        _result(control=control, result=result, writer=writer, year=year, today=today)
    report = reports.control_report_create(actor=writer, org_unit=unit, year=year, summary=body.last_year_summary)
    reports.control_report_submit(actor=writer, report=report)
    reports.control_report_review(actor=users["ks.controller"], report=report)
    adopted = body.last_year_report
    if adopted.decided_on <= today:
        reports.control_report_adopt(
            actor=adopter, report=report, decided_on=adopted.decided_on, paragraph=adopted.paragraph, registration_number=adopted.registration
        )


def registration_prefix_of(name: str) -> str:
    return "VRF" if name == JOINT_AUTHORITY else registration_prefix(name)


def _this_year(*, body: data.BodyData, unit: OrgUnit, users: dict[str, Any], year: int, today: date) -> None:
    """This year: the risks scored and chosen, the plan built from them and KS's common controls,
    adopted (or still a draft) and its results for the months that have passed."""
    writer, adopter = writer_of(body.name, users), adopter_of(body.name, users)
    made = {r.description: r for r in ControlRisk.objects.filter(org_unit=unit)}
    for risk in body.risks:
        risks.risk_score_set(
            actor=writer,
            risk=made[risk.description],
            year=year,
            likelihood=risk.this_year.likelihood,
            consequence=risk.this_year.consequence,
            chosen=risk.chosen,
            reason=risk.reason,
        )
    plan = plans.control_plan_create(actor=writer, org_unit=unit, year=year)
    controls = {c.risk_id: c for c in plan.controls.filter(risk__isnull=False)}
    planned: list[tuple[Control, data.PlannedControl]] = []
    for risk in body.risks:
        if risk.planned is not None:
            control = controls[made[risk.description].pk]
            fields = {**_control_fields(risk.planned.control), "responsible": risk.planned.responsible}
            planned.append((plans.control_update(actor=writer, control=control, **fields), risk.planned))
    if body.adoption is None:
        return  # still a draft: KS's page shows it as not adopted
    if not _adopt_plan(plan, writer=writer, adopter=adopter, decision=body.adoption, today=today):
        return
    for control, planned_control in planned:
        for result in planned_control.results:
            _result(control=control, result=result, writer=writer, year=year, today=today)
    commons = {c.title: c for c in plan.controls.filter(common_control__isnull=False)}  # a common control's title stays as KS set it
    for title, result in body.common_results:
        _result(control=commons[title], result=result, writer=writer, year=year, today=today)


def _result(*, control: Control, result: data.ResultData, writer: Any, year: int, today: date) -> None:
    if not _passed(year, result.month, today):
        return
    reported = fu.result_report(
        actor=writer,
        control=control,
        month=result.month,
        status=result.status,
        findings=result.findings,
        checked_count=result.checked_count,
        deviation_count=result.deviation_count,
    )
    if result.deviation is None:
        return
    deviation = fu.deviation_add(actor=writer, result=reported, description=result.deviation.description, severity=result.deviation.severity)
    for action in result.deviation.actions:
        closed = action.closed_on is not None and action.closed_on <= today
        status = action.status if action.status != "done" or closed else "in_progress"
        made: Action = fu.action_add(
            actor=writer,
            deviation=deviation,
            description=action.description,
            owner=action.owner,
            kind=action.kind,
            deadline=action.deadline,
            status="open" if status == "done" else status,
        )
        if status == "done":
            fu.action_update(actor=writer, action=made, status="done", closed_on=action.closed_on)


def _evaluation(*, group: Any, users: dict[str, Any], today: date) -> None:
    """KS's evaluation of last year's internal control across the group, adopted in April."""
    found = data.oversight_evaluation(today.year)
    evaluation = oversight.evaluation_create(
        actor=users["ks.controller"], group=group, year=found.year, evaluation=found.evaluation, measures=found.measures_text
    )
    decision = found.decision
    if decision.decided_on <= today:
        oversight.evaluation_adopt(
            actor=users["ks.ordforande"],
            evaluation=evaluation,
            decided_on=decision.decided_on,
            paragraph=decision.paragraph,
            registration_number=decision.registration,
            today=today,
        )
