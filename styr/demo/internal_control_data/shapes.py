"""The shapes of the internal control demo's data (issue 12 §7): plain frozen dataclasses, no Django.

Codes are those of the models: methods and frequencies of ``styr.control.models.plans``, the aims of
``ControlAim`` (``styr.domain.internal_control.AIMS``), severities, action kinds and statuses of
``styr.control.models.followup``, results on the group's status scale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

Method = Literal["sample", "review", "reconciliation", "self_assessment", "other"]
Frequency = Literal["once", "twice", "tertial", "quarterly", "monthly"]
Aim = Literal["effective", "financial_reporting", "compliance", "risks"]
ResultStatus = Literal["achieved", "partly_achieved", "not_achieved"]
AnswerStatus = Literal["achieved", "partly_achieved", "not_achieved", "not_assessed"]
Severity = Literal["low", "medium", "high"]
ActionKind = Literal["taken", "proposed"]
ActionStatus = Literal["open", "in_progress", "done"]
CommonScope = Literal["committees", "companies", "all"]
DirectiveKind = Literal["articles", "general", "parent", "subsidiary"]
DemandKind = Literal["return", "solidity", "reporting", "other"]
ReportKind = Literal["interim", "annual"]

#: How many report months each frequency has (a test holds the data to it).
REPORTS_PER_FREQUENCY: dict[str, int] = {"once": 1, "twice": 2, "tertial": 3, "quarterly": 4, "monthly": 12}


@dataclass(frozen=True)
class ControlData:
    """What a control checks and how: the fields of ``ControlFields`` (a plan's control or KS's common control)."""

    title: str
    method: Method
    method_text: str
    frequency: Frequency
    report_months: tuple[int, ...]
    area: str = ""
    sample_size: int | None = None


@dataclass(frozen=True)
class CommonControlData:
    """Kommungemensamt kontrollmoment of KS for the year."""

    applies_to: CommonScope
    control: ControlData


@dataclass(frozen=True)
class ActionData:
    kind: ActionKind
    description: str
    owner: str
    deadline: date
    status: ActionStatus
    closed_on: date | None = None


@dataclass(frozen=True)
class DeviationData:
    description: str
    severity: Severity
    actions: tuple[ActionData, ...]


@dataclass(frozen=True)
class ResultData:
    """A control's result in one of its report months; a deviation where not achieved."""

    month: int
    status: ResultStatus
    findings: str
    checked_count: int | None = None
    deviation_count: int | None = None
    deviation: DeviationData | None = None


@dataclass(frozen=True)
class PlannedControl:
    """A control in a body's plan with its responsible and its results so far."""

    control: ControlData
    responsible: str
    results: tuple[ResultData, ...] = ()


@dataclass(frozen=True)
class Score:
    likelihood: int
    consequence: int

    @property
    def value(self) -> int:
        return self.likelihood * self.consequence


@dataclass(frozen=True)
class RiskData:
    """A risk of a body scored last year and this year; chosen for this year's plan when it has a
    control (``planned``). A chosen risk below the threshold (9) carries its ``reason``; last year
    every risk of value 9 or more was chosen (``chosen_last_year``)."""

    area: str
    description: str
    cause: str
    effect: str
    owner: str
    aims: tuple[Aim, ...]
    last_year: Score
    this_year: Score
    planned: PlannedControl | None = None
    reason: str = ""

    @property
    def chosen(self) -> bool:
        return self.planned is not None

    @property
    def chosen_last_year(self) -> bool:
        return self.last_year.value >= 9


@dataclass(frozen=True)
class DecisionRef:
    """A body's decision: the date, the paragraph ("§ 112") and the registration number ("UN 2025/87")."""

    decided_on: date
    paragraph: str
    registration: str


@dataclass(frozen=True)
class BodyData:
    """A committee's or company board's internal control: this year's risks and plan (``adoption``
    None: the plan is still a draft), last year's adopted report, and last year's control whose
    action is still open (it carries over)."""

    name: str
    risks: tuple[RiskData, ...]
    adoption: DecisionRef | None
    last_year_summary: str
    last_year_report: DecisionRef
    carried_over: PlannedControl
    #: results of KS's common controls this year, by the common control's title
    common_results: tuple[tuple[str, ResultData], ...] = ()


@dataclass(frozen=True)
class EvaluationData:
    """KS's evaluation of the group's internal control of ``year`` and the actions it decided."""

    year: int
    evaluation: str
    measures: tuple[str, ...]
    decision: DecisionRef

    @property
    def measures_text(self) -> str:
        return "\n".join(f"{n}. {m}" for n, m in enumerate(self.measures, start=1))


@dataclass(frozen=True)
class AnswerData:
    """A company's answer to a demand for a year: in the annual report, or the interim report."""

    company: str
    year: int
    period: ReportKind
    text: str
    status: AnswerStatus
    value: Decimal | None = None


@dataclass(frozen=True)
class DemandData:
    kind: DemandKind
    text: str
    target: Decimal | None = None
    unit: str = ""
    #: ">=" or "<=" against ``target`` (empty where the demand has no target value)
    comparison: str = ""
    answers: tuple[AnswerData, ...] = ()


@dataclass(frozen=True)
class DirectiveData:
    """A decided document of the owner's: articles of association and the general directive
    (Kommunfullmäktige), KS's directive for the parent company, the parent company's for a subsidiary.
    ``companies`` are the companies it applies to."""

    kind: DirectiveKind
    title: str
    issuer: str
    companies: tuple[str, ...]
    decision_reference: str
    decided_on: date
    demands: tuple[DemandData, ...]


@dataclass(frozen=True)
class CompanyReportData:
    """A report in the chain: a subsidiary to the parent company, the parent company to KS."""

    company: str
    recipient: str
    kind: ReportKind
    year: int
    period_end: date
    due: date
    submitted_on: date
    summary: str


@dataclass(frozen=True)
class OwnerDialogueData:
    """Ägardialog the parent company holds with a subsidiary."""

    company: str
    held_on: date
    notes: str


def deviation(description: str, severity: Severity, *actions: ActionData) -> DeviationData:
    """A deviation with its actions, written as the data reads."""
    return DeviationData(description, severity, actions)
