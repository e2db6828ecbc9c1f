"""Writes beside the financial goals (issue 11 §1): the pension obligations outside the balance
sheet for a year, and the council's summary judgement of good financial management. Each is one
transaction and one audit event, held on the council (``financial_management.write``: the
council's and KS's controllers)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind
from styr.domain.limits import TEXT_LENGTH, check_text_length, check_year
from styr.economy.models import FinancialManagementAssessment, PensionObligation
from styr.organisation.models import MunicipalGroup, OrgUnit


def council_of(group: MunicipalGroup) -> OrgUnit:
    """The group's council (kommunfullmäktige), where its financial goals are kept (FIN-001)."""
    return OrgUnit.objects.get(group=group, kind=LevelKind.COUNCIL.value, valid_to__isnull=True)


@transaction.atomic
def pension_obligation_set(*, actor: Actor, group: MunicipalGroup, year: int, amount_sek: Decimal, source: str) -> PensionObligation:
    """Enter (or correct) the year's pension obligations reported as a contingent liability,
    payroll tax included; FIN-005: an amount of at least 0 kr and the statement it comes from."""
    council = council_of(group)
    require(actor, "financial_management.write", council)
    check_year(field="year", label=gettext("Year"), year=year)
    if amount_sek < 0 or not source.strip():
        raise RuleViolation(
            "FIN-005",
            _("The pension obligations are an amount of at least 0 kr, with the statement they come from."),
            {"amount_sek": str(amount_sek), "source": source},
            field="amount_sek" if amount_sek < 0 else "source",
        )
    check_text_length(field="source", label=gettext("Source"), length=len(source.strip()), limit=200)
    found = PensionObligation.objects.select_for_update().filter(group=group, year=year).first()
    before = audit.snapshot(found) if found is not None else None
    obligation = found or PensionObligation(group=group, year=year)
    obligation.amount_sek = amount_sek.quantize(Decimal("0.01"))
    obligation.source = source.strip()
    obligation.entered_by = as_user(actor)
    obligation.save()
    audit.record(actor=actor, action="pension_obligation.set", obj=obligation, org_unit=council, before=before, after=audit.snapshot(obligation))
    return obligation


@transaction.atomic
def financial_management_assess(*, actor: Actor, group: MunicipalGroup, year: int, conclusion: str, judgement: str) -> FinancialManagementAssessment:
    """The council's summary judgement of good financial management for the year: a step of the
    model's status scale (MODEL-002) and, for an assessed step, the text that reasons it (FIN-006)."""
    council = council_of(group)
    require(actor, "financial_management.write", council)
    check_year(field="year", label=gettext("Year"), year=year)
    step = group.governance.status(conclusion)
    if step.rank > 0 and not judgement.strip():
        raise RuleViolation(
            "FIN-006",
            _("A conclusion on good financial management needs the judgement that reasons it."),
            {"conclusion": conclusion},
            field="judgement",
        )
    check_text_length(field="judgement", label=gettext("Summary judgement"), length=len(judgement), limit=TEXT_LENGTH)
    found = FinancialManagementAssessment.objects.select_for_update().filter(group=group, year=year).first()
    before = audit.snapshot(found) if found is not None else None
    assessment = found or FinancialManagementAssessment(group=group, year=year)
    assessment.conclusion = step.code
    assessment.judgement = judgement.strip()
    assessment.entered_by = as_user(actor)
    assessment.save()
    audit.record(actor=actor, action="financial_management.assessed", obj=assessment, org_unit=council, before=before, after=audit.snapshot(assessment))
    return assessment
