"""The internal control demo's content (issue 12 §7), as pure Python data: no Django, no services.

Everything is a function of ``year``, the demo's current year, so the demo works whatever today is:

- ``common_controls(year)``: KS's kommungemensamma kontrollmoment (two for every committee, one for
  every company).
- ``bodies(year)``: for KS, each committee and each company board, its risks (scored last year and
  this year, chosen for this year's plan with a control and its results so far), its plan's
  adoption (None: still a draft), last year's report summary and adoption, the control of last year
  whose action is still open (it carries over), and the results of the common controls this year.
- ``owner_directives(year)``, ``company_reports(year)``, ``owner_dialogues(year)``: the owner
  directives of the Alvesta group with the companies' answers, the reporting chain, the ägardialoger.
- ``oversight_evaluation(year)``: KS's evaluation of last year's internal control across the group.
"""

from __future__ import annotations

from styr.demo.internal_control_data.common import (
    ATTESTATION,
    DIRECT_PROCUREMENT,
    DRAFT_BODIES,
    OWNER_REPORTING,
    carried_over,
    common_controls,
    common_results,
    last_year_summary,
    oversight_evaluation,
    plan_adoption,
    report_adoption,
)
from styr.demo.internal_control_data.companies import (
    COMPANIES,
    COUNCIL,
    KS,
    PARENT,
    SUBSIDIARIES,
    company_reports,
    owner_dialogues,
    owner_directives,
)
from styr.demo.internal_control_data.risks_committees import committee_risks
from styr.demo.internal_control_data.risks_companies import company_risks
from styr.demo.internal_control_data.shapes import (
    ActionData,
    AnswerData,
    BodyData,
    CommonControlData,
    CompanyReportData,
    ControlData,
    DecisionRef,
    DemandData,
    DeviationData,
    DirectiveData,
    EvaluationData,
    OwnerDialogueData,
    PlannedControl,
    ResultData,
    RiskData,
    Score,
)

__all__ = [
    "ATTESTATION",
    "COMPANIES",
    "COUNCIL",
    "DIRECT_PROCUREMENT",
    "DRAFT_BODIES",
    "KS",
    "OWNER_REPORTING",
    "PARENT",
    "SUBSIDIARIES",
    "ActionData",
    "AnswerData",
    "BodyData",
    "CommonControlData",
    "CompanyReportData",
    "ControlData",
    "DecisionRef",
    "DemandData",
    "DeviationData",
    "DirectiveData",
    "EvaluationData",
    "OwnerDialogueData",
    "PlannedControl",
    "ResultData",
    "RiskData",
    "Score",
    "bodies",
    "common_controls",
    "company_reports",
    "oversight_evaluation",
    "owner_dialogues",
    "owner_directives",
]


def bodies(year: int) -> tuple[BodyData, ...]:
    """KS, the five committees and the five company boards, in the preset's order."""
    risks = {**committee_risks(year), **company_risks(year)}
    return tuple(
        BodyData(
            name,
            body_risks,
            plan_adoption(year, name, index),
            last_year_summary(name),
            report_adoption(year, name, index),
            carried_over(year, name),
            common_results(year, name, index),
        )
        for index, (name, body_risks) in enumerate(risks.items())
    )
