"""The demo's companies under KS's oversight (issue 12 §5, seed §3): the owner directives of the
Alvesta group with their demands and the companies' answers, the companies' reports through the
chain (a subsidiary to the parent company, the parent company to KS) on the årshjul's periods,
and the parent company's owner dialogues. All through the services (so all audited); what lies
after ``today`` is not done yet."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from styr.control.models import DirectiveDemand
from styr.control.services import companies as cs
from styr.demo import internal_control_data as data
from styr.economy.services.forecast import forecast_set
from styr.followup import services as f
from styr.followup.models import PeriodKind, Report, ReportingPeriod
from styr.organisation.models import OrgUnit

#: The data's kinds of directive as the model's codes.
DIRECTIVE_KINDS = {"articles": "articles", "general": "general", "parent": "parent_specific", "subsidiary": "subsidiary_specific"}
DEMAND_KINDS = {"return": "return_target", "solidity": "solidity_target", "reporting": "reporting_duty", "other": "other"}
#: The report in the årshjul each of the data's reports is: the annual report, the interim accounts per 31 August.
PERIOD_KINDS = {"annual": PeriodKind.ANNUAL_REPORT, "interim": PeriodKind.INTERIM_ACCOUNTS}
#: Each company's full-year forecast in its interim accounts (KS requires one): the net cost, a
#: surplus being negative, with the comment the company gives.
FORECASTS = {
    "Alvesta Kommunföretag AB": (Decimal(-31_000_000), "Koncernens resultat efter finansiella poster väntas bli 31 mnkr."),
    "AllboHus Fastighets AB": (Decimal(-14_500_000), "Överskott på 14,5 mnkr; räntekostnaderna högre än budgeterat."),
    "Alvesta Energi AB": (Decimal(-12_800_000), "Överskott på 12,8 mnkr; elpriserna lägre än budget."),
    "Alvesta Renhållnings AB": (Decimal(-400_000), "Överskott på 0,4 mnkr efter taxehöjningen."),
    "Alvesta Utvecklings AB": (Decimal(-1_900_000), "Överskott på 1,9 mnkr från två tomtförsäljningar."),
}
#: A company's board adopts its report about a week after it is submitted.
BOARD_MEETS_AFTER = timedelta(days=7)


def load_demo_companies(*, group: Any, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> None:
    from styr.demo.internal_control import adopter_of, writer_of

    _directives(units=units, users=users, today=today, writer_of=writer_of)
    _reports(group=group, units=units, users=users, today=today, writer_of=writer_of, adopter_of=adopter_of)
    _dialogues(units=units, users=users, today=today)


def _directives(*, units: dict[str, OrgUnit], users: dict[str, Any], today: date, writer_of: Any) -> None:
    """Each directive as its issuer decided it, recorded by KS's controller; each company answers
    last year's demands in its annual report and this year's in the interim report per 31 August."""
    controller = users["ks.controller"]
    interim_given = today > date(today.year, 9, 20)
    for directive in data.owner_directives(today.year):
        kind = DIRECTIVE_KINDS[directive.kind]
        made = cs.owner_directive_create(
            actor=controller,
            kind=kind,
            title=directive.title,
            issuer=units[directive.issuer],
            company=None if kind == "general" else units[directive.companies[0]],
            decided_on=directive.decided_on,
            valid_from=directive.decided_on,
            decision_reference=directive.decision_reference,
        )
        for demand in directive.demands:
            row: DirectiveDemand = cs.directive_demand_create(
                actor=controller,
                directive=made,
                kind=DEMAND_KINDS[demand.kind],
                text=demand.text,
                target_value=demand.target,
                target_unit=demand.unit,
            )
            for answer in demand.answers:
                if answer.period == "interim" and not interim_given:
                    continue
                cs.directive_answer_set(
                    actor=writer_of(answer.company, users),
                    demand=row,
                    company=units[answer.company],
                    year=answer.year,
                    answer=answer.text,
                    value=answer.value,
                    status=answer.status,
                )


def _reports(*, group: Any, units: dict[str, OrgUnit], users: dict[str, Any], today: date, writer_of: Any, adopter_of: Any) -> None:
    """Each report is written and submitted on its day, reviewed by KS's controller and adopted by
    the company's board a week later; the parent company's gathers its subsidiaries'."""
    periods = {(p.kind, p.end): p for p in ReportingPeriod.objects.filter(group=group, org_unit__isnull=True)}
    controller = users["ks.controller"]
    for found in data.company_reports(today.year):
        period = periods.get((PERIOD_KINDS[found.kind], found.period_end))
        if period is None or found.submitted_on > today:
            continue
        unit, writer = units[found.company], writer_of(found.company, users)
        report = f.report_create(actor=writer, org_unit=unit, period=period, analysis=found.summary)
        if period.kind == PeriodKind.INTERIM_ACCOUNTS:
            amount, comment = FORECASTS[found.company]
            forecast_set(actor=writer, report=report, amount_sek=amount, comment=comment)
        f.report_submit(actor=writer, report=report)
        Report.objects.filter(pk=report.pk).update(submitted_at=_noon(found.submitted_on))  # the day it went in (the service says now)
        f.report_review(actor=controller, report=report)
        meeting = found.submitted_on + BOARD_MEETS_AFTER
        if meeting <= today:
            f.report_adopt(
                actor=adopter_of(found.company, users),
                report=report,
                decided_on=meeting,
                paragraph=f"§ {period.end.month + 3}",
                registration_number=f"{found.company.split()[0]} {meeting.year}/{period.end.month}{period.end.year % 100}",
            )


def _noon(on: date) -> Any:
    from datetime import datetime, time

    from django.utils import timezone

    return timezone.make_aware(datetime.combine(on, time(12, 0)))


def _dialogues(*, units: dict[str, OrgUnit], users: dict[str, Any], today: date) -> None:
    """The parent company's spring and autumn owner dialogue with each subsidiary; notes once held."""
    parent = units[data.PARENT]
    for dialogue in data.owner_dialogues(today.year):
        season = "vår" if dialogue.held_on.month < 7 else "höst"
        cs.owner_dialogue_create(
            actor=users["akf.ordforande"],
            parent_company=parent,
            company=units[dialogue.company],
            held_on=dialogue.held_on,
            title=f"Ägardialog {season} {dialogue.held_on.year}",
            notes=dialogue.notes if dialogue.held_on < today else "",
        )
