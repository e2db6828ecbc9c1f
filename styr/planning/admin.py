from django.contrib import admin

from styr.core.admin import ReadOnlyAdmin
from styr.planning.models import (
    Activity,
    Assignment,
    CoreMission,
    CurrentStateAnalysis,
    Decision,
    DevelopmentArea,
    DevelopmentGoal,
    Direction,
    FinancialGoal,
    GoalIndicator,
    GoalIndicatorTarget,
    Plan,
    QualityFactor,
    QualityIndicator,
    Risk,
    SustainabilityGoal,
    SustainabilityTarget,
    Trend,
)


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ("org_unit", "kind", "year", "revision", "state", "decision", "snapshot_sha256")
    list_filter = ("kind", "state", "year")


admin.site.register(
    [
        Activity,
        Assignment,
        CoreMission,
        CurrentStateAnalysis,
        Decision,
        DevelopmentArea,
        DevelopmentGoal,
        Direction,
        FinancialGoal,
        GoalIndicator,
        GoalIndicatorTarget,
        QualityFactor,
        QualityIndicator,
        Risk,
        SustainabilityGoal,
        SustainabilityTarget,
        Trend,
    ],
    ReadOnlyAdmin,
)
