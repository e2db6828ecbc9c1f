"""Agenda 2030: the 17 goals and 169 targets, reference data shared by every group (read-only)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema

from styr.planning.models import SustainabilityGoal

router = Router(tags=["Agenda 2030"])


class SustainabilityTargetOut(Schema):
    id: int
    code: str
    title: str
    title_sv: str
    title_en: str


class SustainabilityGoalOut(Schema):
    id: int
    number: int
    title: str
    title_sv: str
    title_en: str
    targets: list[SustainabilityTargetOut]


@router.get("/agenda2030/goals", response=list[SustainabilityGoalOut], summary="The Agenda 2030 goals with their targets")
def list_agenda_goals(request: HttpRequest) -> QuerySet[SustainabilityGoal]:
    # Reference data, the same for everyone: read directly (styr.planning.selectors has no reader for it).
    return SustainabilityGoal.objects.prefetch_related("targets").order_by("number")
