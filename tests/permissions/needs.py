"""What every write operation of the API needs: the permission action (``styr.core.permissions``,
PERM-002) and the unit it is checked on. A specification, read from the governance model (the
roles of docs/rules/PERM-002.md and each rule's "where it is enforced"), not copied from the code:
``build_matrix.expected`` asks ``can()`` for it, and the running API must agree, cell by cell.

Where the action is checked (``Need.on``):

- ``UNIT``: the object's own unit as the matrix finds it (``operations._unit_of``), or, for an
  operation without an object in its path, the unit its body names (``org_unit``, ``committee``…).
- ``NAMED``: the unit the body names besides the object (a planning step confirmed for a body).
- ``KS`` / ``COUNCIL``: the group's executive board / its council, whatever unit the object is of.
- ``OWNER_OR_COUNCIL``: a governing document's owning unit, or the council when it has none.
- a dotted path (``"issuer"``, ``"assignment.receiver"``): a unit reached from the operation's
  object, the one its first path parameter names.
- ``"body.<field>…"``: a unit reached from an object the body names by id; and ``SCOPE``: no one
  unit (the write is limited to the units where the caller holds the action). The matrix resolves
  neither: those operations are about no object in scope A or B (their cells are "·").

An operation needs every ``Need`` of its entry (``need(…) + need(…)``). Where the body chooses the
action (a late correction, say), the entry names what the matrix's minimal body triggers
(``operations.Resolver.body``: optional fields left out, booleans false, the year of today).

A new write operation of the API fails ``test_needs.py`` until it is given its entry here.
"""

from __future__ import annotations

from dataclasses import dataclass

UNIT = "unit"
NAMED = "named"
KS = "KS"
COUNCIL = "council"
OWNER_OR_COUNCIL = "owner_unit or council"
SCOPE = "scope"
PLACES = frozenset({UNIT, NAMED, KS, COUNCIL, OWNER_OR_COUNCIL, SCOPE})


@dataclass(frozen=True)
class Need:
    action: str
    on: str = UNIT


def need(action: str, on: str = UNIT) -> tuple[Need, ...]:
    return (Need(action, on),)


#: operation key ("METHOD /path") -> every permission it needs.
WRITES: dict[str, tuple[Need, ...]] = {
    # --- organisation: the register of governing documents (DOC-001, PERM-002: "a governing document
    # on its owning unit, or on the root when it has none")
    "POST /api/v1/governing-documents": need("document.manage", "body.owner_unit or council"),
    "PATCH /api/v1/governing-documents/{document_id}": need("document.manage", OWNER_OR_COUNCIL),
    # --- core mission and its risks, quality factors and indicators (seed §5.B)
    "PUT /api/v1/org-units/{unit_id}/core-mission": need("core_mission.write"),
    "POST /api/v1/core-missions/{mission_id}/risks": need("core_mission.write", "org_unit"),
    "PATCH /api/v1/risks/{risk_id}": need("core_mission.write", "core_mission.org_unit"),
    "DELETE /api/v1/risks/{risk_id}": need("core_mission.write", "core_mission.org_unit"),
    "POST /api/v1/quality-factors": need("quality.write"),
    "PATCH /api/v1/quality-factors/{factor_id}": need("quality.write", "org_unit"),
    "DELETE /api/v1/quality-factors/{factor_id}": need("quality.write", "org_unit"),
    "POST /api/v1/quality-indicators": need("quality.write", "body.factor.org_unit"),
    "PATCH /api/v1/quality-indicators/{indicator_id}": need("quality.write", "factor.org_unit"),
    "DELETE /api/v1/quality-indicators/{indicator_id}": need("quality.write", "factor.org_unit"),
    # --- the analyses (environment analysis, current state)
    "POST /api/v1/trends": need("analysis.write"),
    "PATCH /api/v1/trends/{trend_id}": need("analysis.write", "org_unit"),
    "DELETE /api/v1/trends/{trend_id}": need("analysis.write", "org_unit"),
    "PUT /api/v1/org-units/{unit_id}/current-state/{year}": need("analysis.write"),
    # --- dialogue with citizens (DIAL-001, DIAL-004…006): the unit's officials moderate; gathering
    # what citizens said writes the unit's analysis (DIAL-005: analysis.write)
    "POST /api/v1/citizen-dialogues": need("citizen_dialogue.moderate"),
    "PUT /api/v1/citizen-dialogues/{dialogue_id}/gathering": need("analysis.write", "org_unit"),
    "PUT /api/v1/citizen-dialogues/{dialogue_id}/closing": need("citizen_dialogue.moderate", "org_unit"),
    "PUT /api/v1/citizen-comments/{comment_id}/moderation": need("citizen_dialogue.moderate", "dialogue.org_unit"),
    "PUT /api/v1/citizen-comments/{comment_id}/answer": need("citizen_dialogue.moderate", "dialogue.org_unit"),
    "POST /api/v1/citizen-data/removals": need("citizen_dialogue.moderate", SCOPE),
    # --- direction, development areas, goals and their indicators (WHAT: politicians decide)
    "PUT /api/v1/org-units/{unit_id}/direction/{year}": need("direction.write"),
    "POST /api/v1/development-areas": need("direction.write"),
    "PATCH /api/v1/development-areas/{area_id}": need("direction.write", "org_unit"),
    "DELETE /api/v1/development-areas/{area_id}": need("direction.write", "org_unit"),
    "POST /api/v1/goals": need("goal.write"),
    # a change never adopts: adopting is goal.adopt, which the API has no operation for
    "PATCH /api/v1/goals/{goal_id}": need("goal.write", "org_unit"),
    "DELETE /api/v1/goals/{goal_id}": need("goal.write", "org_unit"),
    "POST /api/v1/goals/{goal_id}/indicators": need("goal.write", "org_unit"),
    "PATCH /api/v1/goal-indicators/{indicator_id}": need("goal.write", "goal.org_unit"),
    "DELETE /api/v1/goal-indicators/{indicator_id}": need("goal.write", "goal.org_unit"),
    "PUT /api/v1/goal-indicators/{indicator_id}/targets/{year}": need("goal.write", "goal.org_unit"),
    # --- assignments (ASSIGN-001): the issuer gives and changes them; the receiver carries them out
    "POST /api/v1/assignments": need("assignment.write", "body.issuer"),
    "PATCH /api/v1/assignments/{assignment_id}": need("assignment.write", "issuer"),
    "DELETE /api/v1/assignments/{assignment_id}": need("assignment.write", "issuer"),
    # an activity is the unit's that carries it out: a goal's own unit or an assignment's receiver
    "POST /api/v1/activities": need("activity.write", "body.goal.org_unit or body.assignment.receiver"),
    "PATCH /api/v1/activities/{activity_id}": need("activity.write", "org_unit"),
    "DELETE /api/v1/activities/{activity_id}": need("activity.write", "org_unit"),
    # what hangs below an assignment (PROJ-001…005): the timetable and the reviews by the receiver,
    # who carries it out; the project's organisation by the issuer
    "POST /api/v1/project-milestones": need("activity.write", "body.assignment.receiver"),
    "PATCH /api/v1/project-milestones/{project_milestone_id}": need("activity.write", "assignment.receiver"),
    "DELETE /api/v1/project-milestones/{project_milestone_id}": need("activity.write", "assignment.receiver"),
    "POST /api/v1/process-reviews": need("activity.write", "body.assignment.receiver"),
    "PATCH /api/v1/process-reviews/{review_id}": need("activity.write", "assignment.receiver"),
    "DELETE /api/v1/process-reviews/{review_id}": need("activity.write", "assignment.receiver"),
    "POST /api/v1/project-members": need("assignment.write", "body.assignment.issuer"),
    "DELETE /api/v1/project-members/{member_id}": need("assignment.write", "assignment.issuer"),
    # --- the council's financial management (issue 11 §1), kept on the council
    "PUT /api/v1/financial-goals/pension-obligations": need("financial_management.write", COUNCIL),
    "PUT /api/v1/financial-goals/assessment": need("financial_management.write", COUNCIL),
    # --- plans (PLAN-*): a body adopts its own plan (plan.adopt is DIRECT_ONLY)
    "POST /api/v1/plans": need("plan.manage"),
    "POST /api/v1/plans/{plan_id}/propose": need("plan.manage", "org_unit"),
    "POST /api/v1/plans/{plan_id}/withdraw": need("plan.manage", "org_unit"),
    "POST /api/v1/plans/{plan_id}/adopt": need("plan.adopt", "org_unit"),
    "POST /api/v1/plans/{plan_id}/revise": need("plan.manage", "org_unit"),
    "POST /api/v1/plans/{plan_id}/start-next-year": need("plan.manage", "org_unit"),
    "POST /api/v1/financial-goals": need("financial_goal.write"),
    "PATCH /api/v1/financial-goals/{goal_id}": need("financial_goal.write", "org_unit"),
    "DELETE /api/v1/financial-goals/{goal_id}": need("financial_goal.write", "org_unit"),
    # --- the books and the group's accounts
    "POST /api/v1/accounting/sie-imports": need("ledger.import"),
    "PUT /api/v1/group/members/{org_unit}": need("group_statements.write", KS),
    "PUT /api/v1/group/members/{org_unit}/capital": need("group_statements.write", KS),
    "PUT /api/v1/group/internal-accounts/{org_unit}/{account}": need("group_statements.write", KS),
    # --- the årshjul's planning steps: KS's controllers move them; a controller confirms a step
    # for the body that took it (CAL-010, CAL-011)
    "PATCH /api/v1/planning-milestones/{milestone_id}": need("calendar.manage", KS),
    "POST /api/v1/planning-milestones/{milestone_id}/confirmations": need("milestone.confirm", NAMED),
    # --- population, internal budget, personnel
    "POST /api/v1/population/series": need("population.write", KS),
    "POST /api/v1/population/series/scb": need("population.write", KS),
    "DELETE /api/v1/population/series/{series_id}": need("population.write", KS),
    "POST /api/v1/internal-budgets/adopt": need("internal_budget.adopt"),
    "POST /api/v1/internal-budgets/reopen": need("internal_budget.reopen"),
    "POST /api/v1/personnel/positions": need("personnel_budget.write"),
    "PATCH /api/v1/personnel/positions/{position_id}": need("personnel_budget.write", "org_unit"),
    "DELETE /api/v1/personnel/positions/{position_id}": need("personnel_budget.write", "org_unit"),
    "POST /api/v1/personnel/position-imports": need("personnel_budget.write"),
    "POST /api/v1/personnel/overhead-rates": need("personnel_overhead.write", KS),
    "DELETE /api/v1/personnel/overhead-rates/{rate_id}": need("personnel_overhead.write", KS),
    # --- the resource allocation model, kept on KS whatever committee a row names
    "POST /api/v1/allocation/models": need("allocation.write", KS),
    "PATCH /api/v1/allocation/models/{model_id}": need("allocation.write", KS),
    "DELETE /api/v1/allocation/models/{model_id}": need("allocation.write", KS),
    "POST /api/v1/allocation/models/{model_id}/scenarios": need("allocation.write", KS),
    "POST /api/v1/allocation/models/{model_id}/drivers": need("allocation.write", KS),
    "PATCH /api/v1/allocation/drivers/{driver_id}": need("allocation.write", KS),
    "DELETE /api/v1/allocation/drivers/{driver_id}": need("allocation.write", KS),
    "PUT /api/v1/allocation/drivers/{driver_id}/counts/{year}": need("allocation.write", KS),
    "DELETE /api/v1/allocation/drivers/{driver_id}/counts/{year}": need("allocation.write", KS),
    "POST /api/v1/allocation/models/{model_id}/fixed-amounts": need("allocation.write", KS),
    "PATCH /api/v1/allocation/fixed-amounts/{fixed_amount_id}": need("allocation.write", KS),
    "DELETE /api/v1/allocation/fixed-amounts/{fixed_amount_id}": need("allocation.write", KS),
    "POST /api/v1/allocation/models/{model_id}/adjustments": need("allocation.write", KS),
    "PATCH /api/v1/allocation/adjustments/{adjustment_id}": need("allocation.write", KS),
    "DELETE /api/v1/allocation/adjustments/{adjustment_id}": need("allocation.write", KS),
    # the model's allocation written as each committee's frame proposal: a frame is the council's
    # decision about the committee, so frame.set on the council as well
    "POST /api/v1/allocation/models/{model_id}/frame-proposals": need("allocation.write", KS) + need("frame.set", COUNCIL),
    # --- frames (ECON-001, FRAME-001): prepared for the council, which decides them (PERM-002:
    # "frame.set is checked on the committee's parent, the council"); KS adjusts an adopted one
    "POST /api/v1/frames": need("frame.set", COUNCIL),
    "PUT /api/v1/frames/{org_unit}/{year}/proposal": need("frame.set", COUNCIL),
    "POST /api/v1/frame-adjustments": need("frame.adjust", KS),
    "PUT /api/v1/budget-assumptions": need("budget_assumption.write", KS),
    # --- investments (INV-*): the committee's projects; KS's controllers roll the whole plan
    "POST /api/v1/investment-projects": need("investment.write"),
    "PATCH /api/v1/investment-projects/{project_id}": need("investment.write", "committee"),
    "DELETE /api/v1/investment-projects/{project_id}": need("investment.write", "committee"),
    "PUT /api/v1/investment-projects/{project_id}/amounts": need("investment.write", "committee"),
    "POST /api/v1/investment-plan/{year}/roll": need("investment.write", KS),
    # --- the balance requirement (BAL-*) and the carry-overs (CARRY-*), on the council
    "PATCH /api/v1/balance-statements/{year}": need("balance.write", COUNCIL),
    "POST /api/v1/balance-statements/{year}/from-accounts": need("balance.write", COUNCIL),
    "POST /api/v1/balance-statements/{year}/adoption": need("balance.adopt", COUNCIL),
    "POST /api/v1/balance-deficits/{origin_year}/decisions": need("balance.decide", COUNCIL),
    "POST /api/v1/carry-overs/compute": need("carry_over.compute", COUNCIL),
    "POST /api/v1/carry-overs/decide": need("carry_over.decide", COUNCIL),
    # --- the companies (COMP-*): a directive is recorded on its issuer (council, KS, parent
    # company); the company answers; the parent company keeps its owner dialogues
    "POST /api/v1/owner-directives": need("owner_directive.write", "body.issuer_id"),
    "DELETE /api/v1/owner-directives/{directive_id}": need("owner_directive.write", "issuer"),
    "POST /api/v1/directive-demands": need("owner_directive.write", "body.directive_id.issuer"),
    "DELETE /api/v1/directive-demands/{demand_id}": need("owner_directive.write", "directive.issuer"),
    "PUT /api/v1/directive-answers": need("directive_answer.write", "body.company_id"),
    "POST /api/v1/owner-dialogues": need("owner_dialogue.write", "body.parent_company_id"),
    # --- internal control (IC-*): the body's officials write; KS's controllers review; the body
    # adopts its own plan and report (DIRECT_ONLY)
    "POST /api/v1/control/results": need("internal_control.write", "body.control_id.plan.org_unit"),
    "POST /api/v1/control/deviations": need("internal_control.write", "body.result_id.control.plan.org_unit"),
    "POST /api/v1/control/actions": need("internal_control.write", "body.deviation_id.result.control.plan.org_unit"),
    "PATCH /api/v1/control/actions/{action_id}": need("internal_control.write", "deviation.result.control.plan.org_unit"),
    "POST /api/v1/control/reports": need("internal_control.write"),
    "PATCH /api/v1/control/reports/{report_id}": need("internal_control.write", "org_unit"),
    "POST /api/v1/control/reports/{report_id}/submit": need("internal_control.write", "org_unit"),
    "POST /api/v1/control/reports/{report_id}/return": need("internal_control.review", "org_unit"),
    "POST /api/v1/control/reports/{report_id}/review": need("internal_control.review", "org_unit"),
    "POST /api/v1/control/reports/{report_id}/adopt": need("internal_control.adopt", "org_unit"),
    "POST /api/v1/control/risks": need("internal_control.write"),
    "POST /api/v1/control/risks/copy-from-core-mission": need("internal_control.write"),
    "PATCH /api/v1/control/risks/{risk_id}": need("internal_control.write", "org_unit"),
    "DELETE /api/v1/control/risks/{risk_id}": need("internal_control.write", "org_unit"),
    "POST /api/v1/control/risk-scores": need("internal_control.write", "body.risk.org_unit"),
    "PUT /api/v1/control/risk-scores": need("internal_control.write", "body.risk.org_unit"),
    # KS's evaluation of the group's internal control (issue 12 §4), on KS
    "POST /api/v1/control/evaluations": need("oversight.write", KS),
    "PATCH /api/v1/control/evaluations/{evaluation_id}": need("oversight.write", KS),
    "POST /api/v1/control/evaluations/{evaluation_id}/adopt": need("oversight.adopt", KS),
    "POST /api/v1/control/plans": need("internal_control.write"),
    "POST /api/v1/control/plans/{plan_id}/sync": need("internal_control.write", "org_unit"),
    "POST /api/v1/control/plans/{plan_id}/propose": need("internal_control.write", "org_unit"),
    "POST /api/v1/control/plans/{plan_id}/withdraw": need("internal_control.write", "org_unit"),
    "POST /api/v1/control/plans/{plan_id}/adopt": need("internal_control.adopt", "org_unit"),
    "POST /api/v1/control/controls": need("internal_control.write", "body.plan.org_unit"),
    "PATCH /api/v1/control/controls/{control_id}": need("internal_control.write", "plan.org_unit"),
    "DELETE /api/v1/control/controls/{control_id}": need("internal_control.write", "plan.org_unit"),
    # KS's common controls (IC-027, IC-028), on KS
    "POST /api/v1/control/common-controls": need("common_control.write", KS),
    "PATCH /api/v1/control/common-controls/{common_id}": need("common_control.write", KS),
    "DELETE /api/v1/control/common-controls/{common_id}": need("common_control.write", KS),
    "POST /api/v1/control/common-controls/adopt": need("common_control.adopt", KS),
    # --- the planning calendar (årshjul), KS's: its controllers prepare it, KS adopts it; a committee
    # chooses its own reporting months and what its reports hold (seed §6.5)
    "POST /api/v1/planning-calendars": need("calendar.manage", KS),
    "POST /api/v1/planning-calendars/{year}/adoption": need("calendar.adopt", KS),
    "PUT /api/v1/planning-calendars/{year}/committee-months/{committee_id}": need("reporting.choose"),
    # a body's meeting is a date in KS's calendar: prepared by KS's controllers, whatever body it is of
    "POST /api/v1/planning-calendars/{year}/meetings": need("calendar.manage", KS),
    "PUT /api/v1/planning-calendars/{year}/report-requirements": need("calendar.manage", KS),
    "PUT /api/v1/planning-calendars/{year}/report-requirements/{body_id}": need("reporting.choose"),
    "POST /api/v1/planning-calendars/{year}/milestone-additions": need("calendar.manage", KS),
    # --- follow-up (FU-*): officials record values and write reports, controllers review, the body
    # adopts its own report. A late value needs measurement.correct besides (FU-006): the matrix's
    # bulk write sends no values, so it records nothing late.
    "POST /api/v1/values": need("measurement.record", "body.indicator.goal.org_unit or body.quality_indicator.factor.org_unit"),
    "PUT /api/v1/org-units/{unit_id}/values/{period}": need("measurement.record"),
    "POST /api/v1/assessments": need("measurement.record", "body.goal.org_unit or body.assignment.receiver"),
    "POST /api/v1/reports": need("report.write"),
    "PATCH /api/v1/reports/{report_id}": need("report.write", "org_unit"),
    "POST /api/v1/reports/{report_id}/submit": need("report.write", "org_unit"),
    "POST /api/v1/reports/{report_id}/return": need("report.review", "org_unit"),
    "POST /api/v1/reports/{report_id}/review": need("report.review", "org_unit"),
    "POST /api/v1/reports/{report_id}/adopt": need("report.adopt", "org_unit"),
    "POST /api/v1/goals/{goal_id}/comments": need("dialogue.write", "org_unit"),
    "POST /api/v1/reports/{report_id}/comments": need("dialogue.write", "org_unit"),
    # --- Kolada (issue 13 §1): KS's controllers keep the settings and the sync; an indicator is bound
    # by whoever writes it (a goal's: goal.write; a quality indicator: quality.write)
    "PUT /api/v1/kolada/settings": need("kolada.sync", KS),
    "POST /api/v1/kolada/syncs": need("kolada.sync", KS),
    "PUT /api/v1/goal-indicators/{indicator_id}/kolada": need("goal.write", "goal.org_unit"),
    "DELETE /api/v1/goal-indicators/{indicator_id}/kolada": need("goal.write", "goal.org_unit"),
    "POST /api/v1/goal-indicators/{indicator_id}/kolada/review": need("goal.write", "goal.org_unit"),
    "PUT /api/v1/quality-indicators/{indicator_id}/kolada": need("quality.write", "factor.org_unit"),
    "DELETE /api/v1/quality-indicators/{indicator_id}/kolada": need("quality.write", "factor.org_unit"),
    "POST /api/v1/quality-indicators/{indicator_id}/kolada/review": need("quality.write", "factor.org_unit"),
    # --- ending an item (DEL-003…005): whoever writes it
    "POST /api/v1/goals/{goal_id}/end": need("goal.write", "org_unit"),
    "POST /api/v1/goal-indicators/{indicator_id}/end": need("goal.write", "goal.org_unit"),
    "POST /api/v1/quality-factors/{factor_id}/end": need("quality.write", "org_unit"),
    "POST /api/v1/quality-indicators/{indicator_id}/end": need("quality.write", "factor.org_unit"),
    "POST /api/v1/assignments/{assignment_id}/end": need("assignment.write", "issuer"),
    "POST /api/v1/activities/{activity_id}/end": need("activity.write", "org_unit"),
}
