"""The planning year in the årshjul (seed §5.D, §6.3; issue 10 §3): the steps taken in calendar
year Y that plan year Y+1.

The council fixes the committees' frames from the base allocation of the resource allocation
model, as part of Mål och budget, in June ("fastställer kommunfullmäktige i juni … nämndernas
ekonomiska tilldelning (driftramar)"); the committees then split their frames in the internal
budget in the autumn, and sum up their planning in a verksamhetsplan in November. In an
election year the newly elected council adopts Mål och budget (§6.3: "De år det är allmänt val
ska Mål och budget fastställas av nya kommunfullmäktige"), only once it has taken office
(PLAN-006): the steps move to the year's election dates.

Pure rules: the steps, their default days (a preset's ``model.planning_year`` moves them), the
milestones of one calendar year, and the checks of a milestone's due date (CAL-007…CAL-009)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind

if TYPE_CHECKING:
    from styr.domain.governance import GovernanceModel

ALLOCATION_MODEL = "allocation_model"
FRAMES = "frames"
GOALS_AND_BUDGET = "goals_and_budget"
INTERNAL_BUDGET = "internal_budget"
OPERATIONAL_PLAN = "operational_plan"
#: The council's decision on the committees' carry-over of last year's results (issue 11 §1, §2):
#: after the annual accounts, into this year's frames; it closes last year rather than plans the next.
CARRY_OVER = "carry_over"
#: Each committee, KS and company board adopts its internal control plan for the year planned
#: (issue 12 §2, seed §7: "Nämnder och bolagsstyrelser ska varje år anta en särskild plan").
INTERNAL_CONTROL_PLAN = "internal_control_plan"
#: The steps in the order they are taken.
MILESTONE_KINDS = (CARRY_OVER, ALLOCATION_MODEL, FRAMES, GOALS_AND_BUDGET, INTERNAL_BUDGET, OPERATIONAL_PLAN, INTERNAL_CONTROL_PLAN)

#: The steps each step builds on (CAL-009): frames come from the base allocation, Mål och budget
#: holds the frames, a committee splits the frame it was given and plans within Mål och budget.
BUILDS_ON: dict[str, tuple[str, ...]] = {
    FRAMES: (ALLOCATION_MODEL,),
    GOALS_AND_BUDGET: (FRAMES,),
    INTERNAL_BUDGET: (FRAMES,),
    OPERATIONAL_PLAN: (GOALS_AND_BUDGET,),
}

#: The council's decisions: in an election year the newly elected council takes them (CAL-008, PLAN-006).
COUNCIL_DECISIONS = (FRAMES, GOALS_AND_BUDGET)

#: Which bodies answer for a step of each responsible level: "each committee" is every committee
#: and the executive board (seed §6.3: "För nämnder och styrelse … en verksamhetsplan").
BODY_KINDS: dict[LevelKind, tuple[LevelKind, ...]] = {
    LevelKind.COUNCIL: (LevelKind.COUNCIL,),
    LevelKind.EXECUTIVE_BOARD: (LevelKind.EXECUTIVE_BOARD,),
    LevelKind.COMMITTEE: (LevelKind.EXECUTIVE_BOARD, LevelKind.COMMITTEE),
}


@dataclass(frozen=True)
class Step:
    """A step of the planning year: who answers for it, its title and what completes it
    (English msgids with ``%(year)s``, the year planned, or ``%(last_year)s``, the calendar's year
    before; the web layer translates them)."""

    kind: str
    level: LevelKind
    title: str
    completed_when: str
    #: the level whose bodies each do their part (the council decides the frames, each committee
    #: and the board receives one); the responsible level when not given
    per: LevelKind | None = None
    #: the kinds of the bodies that each do their part, when not those of a level (the internal
    #: control plan: every committee, KS and every company board)
    kinds: tuple[LevelKind, ...] = ()

    @property
    def body_kinds(self) -> tuple[LevelKind, ...]:
        """The kinds of the bodies whose part of the step is followed, one by one."""
        if self.kinds:
            return self.kinds
        level = self.per or self.level
        return BODY_KINDS.get(level, (level,))


STEPS: dict[str, Step] = {
    step.kind: step
    for step in (
        Step(
            CARRY_OVER,
            LevelKind.COUNCIL,
            _("Carry-over of the results of %(last_year)s"),
            _("The council has decided the carry-over of the results of %(last_year)s of every committee and the board that had a frame."),
            per=LevelKind.COMMITTEE,
        ),
        Step(
            ALLOCATION_MODEL,
            LevelKind.EXECUTIVE_BOARD,
            _("Resource allocation model for %(year)s"),
            _("The base allocation for %(year)s is worked out by the resource allocation model (confirmed by a controller)."),
        ),
        Step(
            FRAMES,
            LevelKind.COUNCIL,
            _("Frames for %(year)s"),
            _("Every committee and the board has an operating frame for %(year)s, and the council has adopted Mål och budget %(year)s."),
            per=LevelKind.COMMITTEE,
        ),
        Step(GOALS_AND_BUDGET, LevelKind.COUNCIL, _("Mål och budget %(year)s"), _("The council has adopted Mål och budget %(year)s.")),
        Step(
            INTERNAL_BUDGET,
            LevelKind.COMMITTEE,
            _("Internal budgets for %(year)s"),
            _("Each committee and the board has adopted its internal budget for %(year)s."),
        ),
        Step(
            OPERATIONAL_PLAN,
            LevelKind.COMMITTEE,
            _("Operational plans for %(year)s"),
            _("Each committee and the board has adopted its operational plan for %(year)s."),
        ),
        Step(
            INTERNAL_CONTROL_PLAN,
            LevelKind.COMMITTEE,
            _("Internal control plans for %(year)s"),
            _("Each committee, the board and each company board has adopted its internal control plan for %(year)s."),
            # the bodies that keep a plan (styr.domain.internal_control.PLAN_BODY_KINDS), a joint authority too
            kinds=(LevelKind.EXECUTIVE_BOARD, LevelKind.COMMITTEE, LevelKind.PARENT_COMPANY, LevelKind.COMPANY, LevelKind.JOINT_AUTHORITY),
        ),
    )
}

MonthDay = tuple[int, int]

#: The days of an ordinary year (seed §5.D: frames and Mål och budget in June, internal budgets
#: in the autumn; §6.3: verksamhetsplan in November). The base allocation comes before the frames;
#: the carry-over of last year's results is decided after the annual accounts, in April.
DEFAULT_DUE: dict[str, MonthDay] = {
    CARRY_OVER: (4, 30),
    ALLOCATION_MODEL: (4, 30),
    FRAMES: (6, 30),
    GOALS_AND_BUDGET: (6, 30),
    INTERNAL_BUDGET: (11, 30),
    OPERATIONAL_PLAN: (11, 30),
    INTERNAL_CONTROL_PLAN: (11, 30),
}
#: The days of an election year: the new council takes office on 15 October and adopts the
#: frames and Mål och budget in November; the committees follow in December.
DEFAULT_ELECTION_YEAR_DUE: dict[str, MonthDay] = {
    CARRY_OVER: (4, 30),
    ALLOCATION_MODEL: (10, 31),
    FRAMES: (11, 30),
    GOALS_AND_BUDGET: (11, 30),
    INTERNAL_BUDGET: (12, 31),
    OPERATIONAL_PLAN: (12, 31),
    INTERNAL_CONTROL_PLAN: (12, 31),
}


@dataclass(frozen=True)
class PlanningYearSettings:
    """The preset's ``model.planning_year``: the day (month, day) each step is due, in an
    ordinary year and in an election year."""

    due: Mapping[str, MonthDay] = field(default_factory=lambda: dict(DEFAULT_DUE))
    election_year_due: Mapping[str, MonthDay] = field(default_factory=lambda: dict(DEFAULT_ELECTION_YEAR_DUE))


@dataclass(frozen=True)
class Milestone:
    """One step of the planning year in the calendar of ``year``, planning ``plan_year``."""

    kind: str
    plan_year: int
    due: date
    level: LevelKind

    @property
    def step(self) -> Step:
        return STEPS[self.kind]


def check_milestone_due(*, kind: str, due: date, year: int, dues: Mapping[str, date], model: GovernanceModel) -> None:
    """A step's due date in the calendar of ``year``, beside the other steps' ``dues``:
    CAL-007 within the calendar's year; CAL-008 in an election year the council's decisions not
    before the new council takes office (as PLAN-006 refuses its adoption before then);
    CAL-009 not before a step it builds on, nor after a step that builds on it."""
    if due.year != year:
        raise RuleViolation(
            "CAL-007",
            _("A step of the planning year is due within the calendar's year %(year)s, not on %(due)s."),
            {"year": year, "due": due.isoformat()},
            field="due",
        )
    if kind in COUNCIL_DECISIONS and model.is_election_year(year):
        takes_office = model.council_takes_office(year)
        if due < takes_office:
            raise _election_violation(takes_office.isoformat(), due.isoformat(), {"year": year, "plan_year": year + 1}, "due")
    check_order(kind, due, dues)


def _election_violation(takes_office: str, due: str, detail: Mapping[str, Any], field: str) -> RuleViolation:
    return RuleViolation(
        "CAL-008",
        _(
            "In an election year the newly elected council, in office from %(takes_office)s, adopts the frames and "
            "Mål och budget; the step cannot be due on %(due)s."
        ),
        {**detail, "takes_office": takes_office, "due": due},
        field=field,
    )


def check_order(kind: str, due: date, dues: Mapping[str, date]) -> None:
    """CAL-009: a step is due on or after the steps it builds on, and on or before those that build on it."""
    for earlier in BUILDS_ON.get(kind, ()):
        if earlier in dues and due < dues[earlier]:
            raise _order_violation(earlier, kind, dues[earlier], due)
    for later, bases in BUILDS_ON.items():
        if kind in bases and later in dues and dues[later] < due:
            raise _order_violation(kind, later, due, dues[later])


def _order_violation(earlier: str, later: str, earlier_due: date, later_due: date) -> RuleViolation:
    return RuleViolation(
        "CAL-009",
        _("“%(later)s” builds on “%(earlier)s”: it cannot be due (%(later_due)s) before it (%(earlier_due)s)."),
        {"earlier": earlier, "later": later, "earlier_due": earlier_due.isoformat(), "later_due": later_due.isoformat()},
        field="due",
    )


def build_milestones(*, year: int, model: GovernanceModel) -> list[Milestone]:
    """The planning year's steps in the calendar of ``year``, due on the preset's days (the
    election year's days when ``year`` is one), each checked (CAL-007…CAL-009)."""
    settings = model.planning_year
    days = settings.election_year_due if model.is_election_year(year) else settings.due
    dues = {kind: date(year, *days[kind]) for kind in MILESTONE_KINDS}
    for kind, due in dues.items():
        check_milestone_due(kind=kind, due=due, year=year, dues=dues, model=model)
    return [Milestone(kind=kind, plan_year=year + 1, due=dues[kind], level=STEPS[kind].level) for kind in MILESTONE_KINDS]


def _month_day(raw: object, where: str) -> MonthDay:
    from styr.domain.governance import parse_month_day

    parsed = parse_month_day(raw)
    if parsed is None:
        raise RuleViolation(
            "PRESET-002", _("The field “%(field)s” in %(section)s has the wrong type."), {"field": where, "section": "planning_year"}, field=where
        )
    return parsed


def _days(data: object, defaults: Mapping[str, MonthDay], section: str) -> dict[str, MonthDay]:
    if data is None:
        return dict(defaults)
    if not isinstance(data, Mapping):
        raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": section})
    unknown = sorted(str(key) for key in data if key not in MILESTONE_KINDS)
    if unknown:
        raise RuleViolation(
            "PRESET-002",
            _("The field “%(field)s” in %(section)s has the wrong type."),
            {"field": ", ".join(unknown), "section": section},
            field=unknown[0],
        )
    return {kind: _month_day(data[kind], kind) if kind in data else defaults[kind] for kind in MILESTONE_KINDS}


def parse_planning_year(data: object, *, takes_office: MonthDay) -> PlanningYearSettings:
    """The preset's ``planning_year`` section: ``MM-DD`` per step, and the same under
    ``election_year``; a step left out keeps its default. The days are checked as a calendar
    would be (CAL-008 against the day the new council takes office, CAL-009), in a year
    that is not a leap year, so a preset that would make every calendar refuse is refused."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": "planning_year"})
    ordinary = _days({k: v for k, v in data.items() if k != "election_year"}, DEFAULT_DUE, "planning_year")
    election = _days(data.get("election_year"), DEFAULT_ELECTION_YEAR_DUE, "planning_year.election_year")
    reference = 2001
    for days, election_year in ((ordinary, False), (election, True)):
        dues = {kind: date(reference, *md) for kind, md in days.items()}
        for kind, due in dues.items():
            if election_year and kind in COUNCIL_DECISIONS and (due.month, due.day) < takes_office:
                raise _election_violation(f"{takes_office[0]:02d}-{takes_office[1]:02d}", f"{due:%m-%d}", {"step": kind}, kind)
            check_order(kind, due, dues)
    return PlanningYearSettings(due=ordinary, election_year_due=election)


def planning_year_to_mapping(settings: PlanningYearSettings) -> dict[str, Any]:
    """The plain-data form stored with a municipal group (read back by ``parse_planning_year``)."""
    return {
        **{kind: f"{m:02d}-{d:02d}" for kind, (m, d) in settings.due.items()},
        "election_year": {kind: f"{m:02d}-{d:02d}" for kind, (m, d) in settings.election_year_due.items()},
    }
