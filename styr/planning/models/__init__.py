"""Everything a level plans (seed §5.A–5.C, §6.1–6.3), split by concept."""

from styr.planning.models.agenda import SustainabilityGoal, SustainabilityTarget
from styr.planning.models.analysis import CurrentStateAnalysis, Trend, TrendCategory
from styr.planning.models.assignments import Activity, ActivityStatus, Assignment, ExecutionForm
from styr.planning.models.citizen_dialogue import CitizenComment, CitizenDialogue, CommentState
from styr.planning.models.goals import (
    DevelopmentArea,
    DevelopmentGoal,
    Direction,
    GoalIndicator,
    GoalIndicatorTarget,
    IndicatorDirection,
    LifecycleState,
)
from styr.planning.models.kolada import KoladaGender, KoladaKpi, KoladaMunicipality, KoladaMunicipalityGroup, KoladaOrgUnit, KoladaSettings, KoladaValue
from styr.planning.models.mission import CoreMission, Frequency, IndicatorSource, QualityFactor, QualityIndicator, Risk
from styr.planning.models.plans import Decision, FinancialGoal, Plan, PlanKind
from styr.planning.models.projects import ProcessReview, ProjectBody, ProjectMember, ProjectMilestone

__all__ = [
    "Activity",
    "ActivityStatus",
    "Assignment",
    "CitizenComment",
    "CitizenDialogue",
    "CommentState",
    "CoreMission",
    "CurrentStateAnalysis",
    "Decision",
    "DevelopmentArea",
    "DevelopmentGoal",
    "Direction",
    "ExecutionForm",
    "FinancialGoal",
    "Frequency",
    "GoalIndicator",
    "GoalIndicatorTarget",
    "IndicatorDirection",
    "IndicatorSource",
    "KoladaGender",
    "KoladaKpi",
    "KoladaMunicipality",
    "KoladaMunicipalityGroup",
    "KoladaOrgUnit",
    "KoladaSettings",
    "KoladaValue",
    "LifecycleState",
    "Plan",
    "PlanKind",
    "ProcessReview",
    "ProjectBody",
    "ProjectMember",
    "ProjectMilestone",
    "QualityFactor",
    "QualityIndicator",
    "Risk",
    "SustainabilityGoal",
    "SustainabilityTarget",
    "Trend",
    "TrendCategory",
]
