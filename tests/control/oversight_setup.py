"""Two committees and a company with plans, results, deviations and actions, made with the ORM (the
services that write them are other parts of issue 12), for the tests of KS's oversight."""

from __future__ import annotations

from datetime import date

from styr.control.models import Action, CommonControl, Control, ControlResult, ControlRisk, Deviation, InternalControlPlan
from styr.organisation.models import OrgUnit
from styr.planning.models import Decision
from tests.conftest import World

YEAR = 2026
TODAY = date(2026, 12, 3)


def plan(world: World, name: str, *, year: int = YEAR, state: str = "draft", decided_on: date | None = None) -> InternalControlPlan:
    unit = world.unit(name)
    decision = None
    if decided_on is not None:
        decision = Decision.objects.create(
            group=world.group, body=unit, decided_on=decided_on, paragraph="§ 12", registration_number=f"{unit.pk}/{year}", title="Internkontrollplan"
        )
    return InternalControlPlan.objects.create(group=world.group, org_unit=unit, year=year, state=state, decision=decision)


def control(p: InternalControlPlan, title: str, *, area: str = "", risk: ControlRisk | None = None, common: CommonControl | None = None) -> Control:
    return Control.objects.create(group=p.group, plan=p, title=title, area=area, risk=risk, common_control=common, report_months=[6, 11])


def result(c: Control, month: int, status: str) -> ControlResult:
    return ControlResult.objects.create(group=c.group, control=c, month=month, status=status)


def deviation(r: ControlResult, severity: str) -> Deviation:
    return Deviation.objects.create(group=r.group, result=r, description=f"Brist {severity}", severity=severity)


def action(d: Deviation, *, deadline: date, status: str = "open", owner: str = "Ekonomichef") -> Action:
    return Action.objects.create(group=d.group, deviation=d, description=f"Åtgärd {deadline}", owner=owner, deadline=deadline, status=status)


def body_for(world: World, name: str) -> OrgUnit:
    return world.unit(name)


def oversight_world(world: World) -> dict[str, object]:
    """Utbildningsnämnden: adopted plan, three controls (one common), results, a serious and a minor
    deviation, one action overdue and one done. Omsorgsnämnden: draft plan, a control whose area is
    its risk's, a significant deviation; an action from last year's plan still open past its
    deadline. AllboHus: adopted plan, one control not reported."""
    common = CommonControl.objects.create(group=world.group, year=YEAR, title="Attest av fakturor", applies_to="committees")
    un = plan(world, "Utbildningsnämnden", state="adopted", decided_on=date(YEAR, 1, 20))
    purchase = control(un, "Inköp enligt avtal", area="Inköp")
    first = result(purchase, 6, "achieved")
    last = result(purchase, 11, "not_achieved")
    serious = deviation(last, "high")
    deviation(first, "low")
    action(serious, deadline=date(YEAR, 11, 1))
    action(serious, deadline=date(YEAR, 10, 1), status="done")
    action(serious, deadline=date(YEAR + 1, 2, 1))  # not past its deadline yet
    result(control(un, "Sjukfrånvaro", area="Personal"), 11, "partly_achieved")
    control(un, "Attest av fakturor", area="Ekonomi", common=common)
    on = plan(world, "Omsorgsnämnden")
    risk = ControlRisk.objects.create(
        group=world.group, org_unit=world.unit("Omsorgsnämnden"), area="Dataskydd", description="Personuppgifter", aims=["compliance"]
    )
    data = control(on, "Loggkontroll", risk=risk)
    deviation(result(data, 11, "achieved"), "medium")
    on_common = control(on, "Attest av fakturor", area="Ekonomi", common=common)
    result(on_common, 6, "achieved")
    earlier = plan(world, "Omsorgsnämnden", year=YEAR - 1, state="adopted")
    action(
        deviation(result(control(earlier, "Gammal kontroll", area="Ekonomi"), 11, "not_achieved"), "medium"),
        deadline=date(YEAR - 1, 12, 31),
        owner="Förvaltningschef",
    )
    allbo = plan(world, "AllboHus Fastighets AB", state="adopted", decided_on=date(YEAR, 2, 10))
    control(allbo, "Brandskydd i bostäder", area="Brandskydd")
    return {"common": common, "un": un, "on": on, "allbo": allbo}
