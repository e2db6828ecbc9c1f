"""The governance model as configuration: one frozen value per municipal group.

Alvesta's model (KF § 49/2020) is one preset (``presets/alvesta-2020.yaml``); another
municipality's variant is another file. Nothing here is specific to Alvesta.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from styr.domain.account_files import account_plans_from_mapping
from styr.domain.accounts import AccountPlans
from styr.domain.balance_settings import LAW_DEFAULT, BalanceSettings, balance_settings_to_mapping, parse_balance_settings
from styr.domain.budget import BudgetSettings, budget_settings_to_mapping, parse_budget_settings
from styr.domain.carry_over import CarryOverRules, carry_over_to_mapping, parse_carry_over
from styr.domain.citizen_dialogue import CitizenDialogueSettings, citizen_dialogue_to_mapping, parse_citizen_dialogue
from styr.domain.errors import RuleViolation, _
from styr.domain.financial_ratios import PartlyBand, parse_financial_goals, partly_band_to_mapping
from styr.domain.internal_control import InternalControlSettings, internal_control_to_mapping, parse_internal_control
from styr.domain.levels import LevelKind
from styr.domain.long_term_budget import DEFAULT_PER_NEW_RESIDENT_TSEK, investment_room_to_mapping, parse_investment_room
from styr.domain.org_tree import parse_level_kind
from styr.domain.planning_year import PlanningYearSettings, parse_planning_year, planning_year_to_mapping
from styr.domain.reporting_chain import check_staggered_deadlines
from styr.domain.variance import parse_variance_thresholds


@dataclass(frozen=True)
class LevelLabel:
    kind: LevelKind
    label_sv: str
    label_en: str


@dataclass(frozen=True)
class StatusLevel:
    """One step of the status scale shared by goals, indicators, assignments and controls."""

    code: str
    label_sv: str
    label_en: str
    colour: str
    rank: int


@dataclass(frozen=True)
class ReportingDefaults:
    monthly_minimum_months: tuple[int, ...]
    interim_accounts_month: int
    annual_report_month: int
    deadline_days: Mapping[LevelKind, int]
    #: report sections (issue 9 §4): KS's default minimum content per report kind (seed §6.5)
    report_sections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class RiskMatrix:
    likelihood_steps: int
    consequence_steps: int


#: The day a newly elected council takes office when the preset does not say (kommunallagen
#: 5 kap. 6 §: the new council's term begins on 15 October of the election year).
DEFAULT_NEW_COUNCIL_TAKES_OFFICE = (10, 15)


def parse_month_day(raw: object) -> tuple[int, int] | None:
    """A month and day written "MM-DD" ("10-15"), or None when it is not one (29 February is not:
    it is not a day of every year)."""
    if not isinstance(raw, str) or len(raw) != 5 or raw[2] != "-" or not (raw[:2] + raw[3:]).isdigit():
        return None
    month, day = int(raw[:2]), int(raw[3:])
    try:
        date(2001, month, day)
    except ValueError:
        return None
    return month, day


def month_day_text(month_day: tuple[int, int]) -> str:
    return f"{month_day[0]:02d}-{month_day[1]:02d}"


@dataclass(frozen=True)
class GovernanceModel:
    key: str
    name: str
    levels: tuple[LevelLabel, ...]
    max_development_goals: int
    goal_horizon_min_years: int
    goal_horizon_max_years: int
    status_scale: tuple[StatusLevel, ...]
    reporting: ReportingDefaults
    risk_matrix: RiskMatrix
    election_years: tuple[int, ...] = field(default_factory=tuple)
    #: (month, day) a newly elected council takes office in an election year (seed §6.3)
    new_council_takes_office: tuple[int, int] = DEFAULT_NEW_COUNCIL_TAKES_OFFICE
    #: the ``economy:`` section's budget keys: periodisation profiles, the SIE export's account
    budget: BudgetSettings = field(default_factory=BudgetSettings)
    # accounts (issue 9 §1): the chart of accounts each unit's ledger keeps
    account_plans: AccountPlans = field(default_factory=AccountPlans)
    #: economy.variance_thresholds (issue 9 §3, ECON-010): (status code, lowest deviation in per
    #: cent that still earns the step), highest step first; empty when the preset names none
    variance_thresholds: tuple[tuple[str, Decimal], ...] = ()
    #: planning_year (issue 10 §3): the day each step planning next year is due (CAL-007…CAL-009)
    planning_year: PlanningYearSettings = field(default_factory=PlanningYearSettings)
    #: economy.financial_goals.partly_band (issue 11 §1, FIN-004)
    financial_goals_band: PartlyBand = field(default_factory=PartlyBand)
    #: economy.balance_requirement (issue 11 §4, BAL-010): the reserve's dated ceilings, the realisation-gain accounts
    balance_requirement: BalanceSettings = LAW_DEFAULT
    #: economy.carry_over (issue 11 §2, CARRY-001): how a committee's surplus or deficit is proposed to be carried
    carry_over: CarryOverRules = field(default_factory=CarryOverRules)
    #: economy.investment_room.per_new_resident_tsek (issue 11 §3): the room each new resident gives
    investment_room_per_new_resident_tsek: Decimal = DEFAULT_PER_NEW_RESIDENT_TSEK
    #: internal_control (issue 12 §1, IC-001…): the risk matrix's words and colours, the threshold to treat
    internal_control: InternalControlSettings = field(default_factory=InternalControlSettings)
    #: citizen_dialogue (issue 15 §2, DIAL-006): how long a commenting citizen's details are kept
    citizen_dialogue: CitizenDialogueSettings = field(default_factory=CitizenDialogueSettings)

    def level_label(self, kind: LevelKind | str, language: str = "sv") -> str:
        for level in self.levels:
            if level.kind == kind:
                return level.label_en if language.startswith("en") else level.label_sv
        return str(kind)

    def status(self, code: str) -> StatusLevel:
        for step in self.status_scale:
            if step.code == code:
                return step
        raise RuleViolation(
            "MODEL-002",
            _("“%(status)s” is not a step of the status scale (%(known)s)."),
            {"status": code, "known": ", ".join(s.code for s in self.status_scale)},
            field="status",
        )

    def status_code_of(self, text: str) -> str:
        """The step's code for its code or either of its labels, whatever the case and spacing
        ("Delvis uppfyllt", "partly achieved", "partly_achieved"); other text comes back as given,
        for ``status()`` to refuse with MODEL-002."""
        wanted = " ".join(text.split()).casefold()
        for step in self.status_scale:
            if wanted in (step.code.casefold(), step.label_sv.casefold(), step.label_en.casefold()):
                return step.code
        return text.strip()

    def is_election_year(self, year: int) -> bool:
        return year in self.election_years

    def council_takes_office(self, election_year: int) -> date:
        """The day the council elected in ``election_year`` takes office."""
        return date(election_year, *self.new_council_takes_office)


def _require(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in data:
        raise RuleViolation(
            "PRESET-002",
            _("The field “%(field)s” is missing in %(section)s."),
            {"field": key, "section": where},
            field=key,
        )
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise RuleViolation(
            "PRESET-002",
            _("The field “%(field)s” in %(section)s has the wrong type."),
            {"field": key, "section": where},
            field=key,
        )
    return value


def _line_of(data: Any, key: str | None = None) -> int | None:
    """The 1-based line of a mapping or one of its keys, when the loader recorded it."""
    lines = getattr(data, "key_lines", None)
    if key is not None and lines and key in lines:
        return int(lines[key])
    line = getattr(data, "line", None)
    return int(line) if line is not None else None


def governance_model_from_mapping(data: Mapping[str, Any], *, source: str = "<model>") -> GovernanceModel:
    """Build and check a model from its preset section. Errors name the file and line."""
    try:
        return _build(data, source)
    except RuleViolation as violation:
        raise violation.located(source, _line_of(data)) from None


def _located(data: Any, key: str, source: str) -> Any:
    class _Ctx:
        def __enter__(self) -> None:
            return None

        def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
            if isinstance(exc, RuleViolation):
                raise exc.located(source, _line_of(data, key)) from None

    return _Ctx()


def _build(data: Mapping[str, Any], source: str) -> GovernanceModel:
    if not isinstance(data, Mapping):
        raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": "model"})
    key = _require(data, "key", str, "model")
    name = _require(data, "name", str, "model")

    levels_data = _require(data, "levels", Mapping, "model")
    levels: list[LevelLabel] = []
    for kind_name, labels in levels_data.items():
        with _located(levels_data, kind_name, source):
            kind = parse_level_kind(str(kind_name))
            if not isinstance(labels, Mapping):
                raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": f"levels.{kind_name}"})
            levels.append(
                LevelLabel(
                    kind=kind,
                    label_sv=_require(labels, "label_sv", str, f"levels.{kind_name}"),
                    label_en=_require(labels, "label_en", str, f"levels.{kind_name}"),
                )
            )

    goals = _require(data, "development_goals", Mapping, "model")
    with _located(goals, "max_per_unit_and_period", source):
        cap = _require(goals, "max_per_unit_and_period", int, "development_goals")
        if not 1 <= cap <= 10:
            raise RuleViolation(
                "MODEL-001",
                _("The cap on development goals must be between 1 and 10, not %(cap)s."),
                {"cap": cap},
                field="max_per_unit_and_period",
            )
    horizon = _require(goals, "horizon_years", Mapping, "development_goals")
    with _located(horizon, "max", source):
        h_min = _require(horizon, "min", int, "development_goals.horizon_years")
        h_max = _require(horizon, "max", int, "development_goals.horizon_years")
        if not 1 <= h_min <= h_max <= 10:
            raise RuleViolation(
                "MODEL-001",
                _("The goal horizon must run from 1 to at most 10 years, min ≤ max (got %(min)s–%(max)s)."),
                {"min": h_min, "max": h_max},
                field="horizon_years",
            )

    scale_data = _require(data, "status_scale", list, "model")
    scale: list[StatusLevel] = []
    for index, step in enumerate(scale_data):
        with _located(scale_data[index], "code", source):
            where = f"status_scale[{index}]"
            if not isinstance(step, Mapping):
                raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": where})
            scale.append(
                StatusLevel(
                    code=_require(step, "code", str, where),
                    label_sv=_require(step, "label_sv", str, where),
                    label_en=_require(step, "label_en", str, where),
                    colour=_require(step, "colour", str, where),
                    rank=_require(step, "rank", int, where),
                )
            )
    codes = [s.code for s in scale]
    if len(scale) < 2 or len(set(codes)) != len(codes):
        raise RuleViolation(
            "MODEL-002",
            _("The status scale needs at least two steps with distinct codes (got %(codes)s)."),
            {"codes": ", ".join(codes)},
            field="status_scale",
        ).located(source, _line_of(data, "status_scale"))

    reporting_data = _require(data, "reporting", Mapping, "model")
    months = _require(reporting_data, "monthly_minimum_months", list, "reporting")
    if not months or any(not isinstance(m, int) or not 1 <= m <= 12 for m in months):
        raise RuleViolation(
            "PRESET-002",
            _("The field “%(field)s” in %(section)s has the wrong type."),
            {"field": "monthly_minimum_months", "section": "reporting"},
        ).located(source, _line_of(reporting_data, "monthly_minimum_months"))
    deadlines_data = _require(reporting_data, "deadline_days_after_period_end", Mapping, "reporting")
    deadlines: dict[LevelKind, int] = {}
    for kind_name, days in deadlines_data.items():
        with _located(deadlines_data, kind_name, source):
            kind = parse_level_kind(str(kind_name))
            if not isinstance(days, int) or isinstance(days, bool) or days < 0:
                raise RuleViolation(
                    "PRESET-002",
                    _("The field “%(field)s” in %(section)s has the wrong type."),
                    {"field": kind_name, "section": "deadline_days_after_period_end"},
                )
            deadlines[kind] = days
    with _located(reporting_data, "deadline_days_after_period_end", source):
        check_staggered_deadlines(deadlines)
    # report sections (issue 9 §4): what each kind of report must contain at least (KS's minimum, seed §6.5)
    report_sections: dict[str, tuple[str, ...]] = {}
    if "report_sections" in reporting_data:
        from styr.domain.calendar import PERIOD_KINDS  # calendar builds on this module
        from styr.domain.report_sections import parse_report_sections

        with _located(reporting_data, "report_sections", source):
            report_sections = parse_report_sections(reporting_data["report_sections"], PERIOD_KINDS)
    reporting = ReportingDefaults(
        monthly_minimum_months=tuple(sorted(set(months))),
        interim_accounts_month=_require(reporting_data, "interim_accounts_month", int, "reporting"),
        annual_report_month=_require(reporting_data, "annual_report_month", int, "reporting"),
        deadline_days=deadlines,
        report_sections=report_sections,
    )

    matrix_data = _require(data, "risk_matrix", Mapping, "model")
    with _located(data, "risk_matrix", source):
        likelihood = _require(matrix_data, "likelihood", int, "risk_matrix")
        consequence = _require(matrix_data, "consequence", int, "risk_matrix")
        if not (2 <= likelihood <= 10 and 2 <= consequence <= 10):
            raise RuleViolation(
                "MODEL-004",
                _("The risk matrix must have 2–10 steps on each axis (got %(likelihood)s × %(consequence)s)."),
                {"likelihood": likelihood, "consequence": consequence},
                field="risk_matrix",
            )

    with _located(data, "internal_control", source):
        internal_control = parse_internal_control(data.get("internal_control"), likelihood_steps=likelihood, consequence_steps=consequence)

    with _located(data, "citizen_dialogue", source):
        citizen_dialogue = parse_citizen_dialogue(data.get("citizen_dialogue"))

    election_years = data.get("election_years", [])
    if not isinstance(election_years, list) or any(not isinstance(y, int) for y in election_years):
        raise RuleViolation(
            "PRESET-002",
            _("The field “%(field)s” in %(section)s has the wrong type."),
            {"field": "election_years", "section": "model"},
        ).located(source, _line_of(data, "election_years"))

    takes_office_raw = data.get("new_council_takes_office", month_day_text(DEFAULT_NEW_COUNCIL_TAKES_OFFICE))
    takes_office = parse_month_day(takes_office_raw)
    if takes_office is None:
        raise RuleViolation(
            "PRESET-002",
            _("The field “%(field)s” in %(section)s has the wrong type."),
            {"field": "new_council_takes_office", "section": "model"},
        ).located(source, _line_of(data, "new_council_takes_office"))

    with _located(data, "planning_year", source):
        planning_year = parse_planning_year(data.get("planning_year"), takes_office=takes_office)

    with _located(data, "economy", source):
        budget = parse_budget_settings(data.get("economy"))
    account_plans = account_plans_from_mapping(data, source)
    variance_thresholds: tuple[tuple[str, Decimal], ...] = ()
    financial_goals_band = PartlyBand()
    balance_requirement = LAW_DEFAULT
    carry_over = CarryOverRules()
    per_new_resident = DEFAULT_PER_NEW_RESIDENT_TSEK
    economy_data = data.get("economy")
    if economy_data is not None:
        if not isinstance(economy_data, Mapping):
            raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": "economy"}).located(
                source, _line_of(data, "economy")
            )
        if "variance_thresholds" in economy_data:
            with _located(economy_data, "variance_thresholds", source):
                variance_thresholds = parse_variance_thresholds(economy_data["variance_thresholds"], tuple(sorted(scale, key=lambda s: -s.rank)))
        with _located(economy_data, "financial_goals", source):
            financial_goals_band = parse_financial_goals(economy_data.get("financial_goals"))
        with _located(economy_data, "balance_requirement", source):
            balance_requirement = parse_balance_settings(economy_data.get("balance_requirement"))
        with _located(economy_data, "carry_over", source):
            carry_over = parse_carry_over(economy_data.get("carry_over"))
        with _located(economy_data, "investment_room", source):
            per_new_resident = parse_investment_room(economy_data.get("investment_room"))

    return GovernanceModel(
        key=key,
        name=name,
        levels=tuple(levels),
        max_development_goals=cap,
        goal_horizon_min_years=h_min,
        goal_horizon_max_years=h_max,
        status_scale=tuple(sorted(scale, key=lambda s: -s.rank)),
        reporting=reporting,
        risk_matrix=RiskMatrix(likelihood, consequence),
        election_years=tuple(sorted(election_years)),
        new_council_takes_office=takes_office,
        budget=budget,
        account_plans=account_plans,
        variance_thresholds=variance_thresholds,
        planning_year=planning_year,
        financial_goals_band=financial_goals_band,
        balance_requirement=balance_requirement,
        carry_over=carry_over,
        investment_room_per_new_resident_tsek=per_new_resident,
        internal_control=internal_control,
        citizen_dialogue=citizen_dialogue,
    )


def governance_model_to_mapping(model: GovernanceModel) -> dict[str, Any]:
    """The plain-data form stored with a municipal group (and read back by the function above)."""
    return {
        "key": model.key,
        "name": model.name,
        "levels": {lv.kind.value: {"label_sv": lv.label_sv, "label_en": lv.label_en} for lv in model.levels},
        "development_goals": {
            "max_per_unit_and_period": model.max_development_goals,
            "horizon_years": {"min": model.goal_horizon_min_years, "max": model.goal_horizon_max_years},
        },
        "status_scale": [{"code": s.code, "label_sv": s.label_sv, "label_en": s.label_en, "colour": s.colour, "rank": s.rank} for s in model.status_scale],
        "reporting": {
            "monthly_minimum_months": list(model.reporting.monthly_minimum_months),
            "interim_accounts_month": model.reporting.interim_accounts_month,
            "annual_report_month": model.reporting.annual_report_month,
            "deadline_days_after_period_end": {k.value: v for k, v in model.reporting.deadline_days.items()},
            "report_sections": {kind: list(keys) for kind, keys in model.reporting.report_sections.items()},
        },
        "risk_matrix": {"likelihood": model.risk_matrix.likelihood_steps, "consequence": model.risk_matrix.consequence_steps},
        "internal_control": internal_control_to_mapping(model.internal_control),
        "citizen_dialogue": citizen_dialogue_to_mapping(model.citizen_dialogue),
        "election_years": list(model.election_years),
        "new_council_takes_office": month_day_text(model.new_council_takes_office),
        "planning_year": planning_year_to_mapping(model.planning_year),
        "economy": {
            **budget_settings_to_mapping(model.budget),
            "account_plans": model.account_plans.to_mapping(),
            **({"variance_thresholds": {code: str(p) for code, p in model.variance_thresholds}} if model.variance_thresholds else {}),
            "financial_goals": {"partly_band": partly_band_to_mapping(model.financial_goals_band)},
            "balance_requirement": balance_settings_to_mapping(model.balance_requirement),
            "carry_over": carry_over_to_mapping(model.carry_over),
            "investment_room": investment_room_to_mapping(model.investment_room_per_new_resident_tsek),
        },
    }
