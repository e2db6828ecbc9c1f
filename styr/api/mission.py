"""Core missions and their risks, quality factors and quality indicators (seed §5.A, §5.B, §6.1)."""

from datetime import date
from typing import Annotated, Any, Literal

from django.db.models import Manager, QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, model_validator

from styr.api import refs
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, DbId, IdList, Input, Patch, RequiredText, ShortText, Text, Title, UnitLabel
from styr.api.versions import IfMatch, Version, expected_version
from styr.domain.national_quality import NationalRequirement
from styr.domain.quality import check_no_target
from styr.planning import services
from styr.planning.models import CoreMission, QualityFactor, QualityIndicator, Risk
from styr.planning.national_quality import national_requirements
from styr.planning.selectors import (
    core_mission_get,
    core_mission_list,
    quality_factor_get,
    quality_factor_list,
    quality_indicator_get,
    quality_indicator_list,
    risk_get,
)

router = Router(tags=["core mission and quality"])

#: A step on the risk matrix as the caller sends it: bounded to fit the column; whether it lies
#: on the model's matrix is RISK-001, the service's.
Step = Annotated[int, Field(ge=-(2**15), le=2**15 - 1)]
DirectionName = Literal["higher", "lower"]
SourceName = Literal["manual", "kolada", "computed"]
FrequencyName = Literal["monthly", "quarterly", "tertial", "half_yearly", "yearly"]
KpiId = Annotated[str, Field(max_length=20, pattern=r"^[^\x00]*$")]
#: a key of the national requirements' reference data, or "" for none; whether it is one is QUAL-001, the service's
RequirementKey = Annotated[str, Field(max_length=40, pattern=r"^[^\x00]*$")]


def ids(related: Manager[Any]) -> list[int]:
    """The ids of a to-many relation (read from the prefetch when there is one)."""
    return [obj.pk for obj in related.all()]


# --- Output ------------------------------------------------------------------------------


class RiskOut(Schema):
    id: int
    version: Version
    core_mission_id: int
    description: str
    likelihood: int
    consequence: int
    risk_value: int


class CoreMissionOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    serves: str
    purpose: str
    governed_by: str
    governing_documents: list[int]
    sustainability_goals: list[int]
    sustainability_targets: list[int]
    risks: list[RiskOut]

    @staticmethod
    def resolve_governing_documents(obj: CoreMission) -> list[int]:
        return ids(obj.governing_documents)

    @staticmethod
    def resolve_sustainability_goals(obj: CoreMission) -> list[int]:
        return ids(obj.sustainability_goals)

    @staticmethod
    def resolve_sustainability_targets(obj: CoreMission) -> list[int]:
        return ids(obj.sustainability_targets)


class QualityIndicatorOut(Schema):
    id: int
    version: Version
    factor_id: int
    name: str
    unit_label: str
    direction: str
    source: str
    kolada_kpi: str
    formula: str
    frequency: str
    ended_on: date | None = Field(None, description="The day it was ended (kept in the history); null while it lives")
    end_reason: str = ""
    owner_id: int | None
    deputy_id: int | None
    sustainability_goals: list[int]
    sustainability_targets: list[int]

    @staticmethod
    def resolve_sustainability_goals(obj: QualityIndicator) -> list[int]:
        return ids(obj.sustainability_goals)

    @staticmethod
    def resolve_sustainability_targets(obj: QualityIndicator) -> list[int]:
        return ids(obj.sustainability_targets)


class QualityFactorOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    title: str
    description: str
    national_requirement: str = Field(description="The national requirement on systematic quality work it answers (QUAL-001), or empty")
    ended_on: date | None = Field(None, description="The day it was ended (kept in the history); null while it lives")
    end_reason: str = ""
    indicators: list[QualityIndicatorOut]


# --- Input -------------------------------------------------------------------------------


class CoreMissionIn(Input):
    """The whole core mission (PUT): a field left out is set empty."""

    serves: Text = ""
    purpose: Text = ""
    governed_by: Text = ""
    governing_documents: IdList = []
    sustainability_goals: IdList = []
    sustainability_targets: IdList = []


class RiskIn(Input):
    description: RequiredText
    likelihood: Step
    consequence: Step


class RiskPatch(Patch):
    description: RequiredText | None = None
    likelihood: Step | None = None
    consequence: Step | None = None


class QualityFactorIn(Input):
    org_unit: DbId
    title: Title
    description: Text = ""
    national_requirement: RequirementKey = ""


class QualityFactorPatch(Patch):
    title: Title | None = None
    description: Text | None = None
    national_requirement: RequirementKey | None = None


class NoTarget(Input):
    """QI-001 before anything else in the body is read: a quality indicator is never given a
    target, in any field name the domain knows (the same check the service makes)."""

    @model_validator(mode="before")
    @classmethod
    def _never_a_target(cls, data: Any) -> Any:
        raw = getattr(data, "_obj", data)  # ninja hands the body over wrapped in a DjangoGetter
        if isinstance(raw, dict):
            check_no_target(raw.keys())
        return data


class QualityIndicatorIn(NoTarget):
    """No target field: "Kvalitetsindikatorer målsätts inte" (seed §5.B, QI-001)."""

    factor: DbId
    name: Title
    unit_label: UnitLabel = ""
    direction: DirectionName = "higher"
    source: SourceName = "manual"
    kolada_kpi: KpiId = ""
    formula: ShortText = ""
    frequency: FrequencyName = "yearly"
    sustainability_goals: IdList = []
    sustainability_targets: IdList = []


class QualityIndicatorPatch(NoTarget, Patch):
    name: Title | None = None
    unit_label: UnitLabel | None = None
    direction: DirectionName | None = None
    source: SourceName | None = None
    kolada_kpi: KpiId | None = None
    formula: ShortText | None = None
    frequency: FrequencyName | None = None
    sustainability_goals: IdList | None = None
    sustainability_targets: IdList | None = None


# --- Core mission and risks -----------------------------------------------------------------


@router.get("/core-missions", response=list[CoreMissionOut], summary="Core missions the caller may see")
@paginate(BoundedLimitOffsetPagination)
def list_core_missions(request: HttpRequest, org_unit: DbId | None = None) -> QuerySet[CoreMission]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    missions = core_mission_list(request.user, org_unit=unit)
    return missions.prefetch_related("governing_documents", "sustainability_goals", "sustainability_targets").order_by("org_unit_id")


@router.get("/org-units/{unit_id}/core-mission", response={200: CoreMissionOut, **ERRORS}, summary="A unit's core mission")
def get_core_mission(request: HttpRequest, unit_id: DbId) -> CoreMission:
    mission = core_mission_get(request.user, refs.unit(request, unit_id))
    if mission is None:
        raise Http404
    return mission


@router.put("/org-units/{unit_id}/core-mission", response={200: CoreMissionOut, **ERRORS}, summary="Describe or replace a unit's core mission")
def set_core_mission(request: HttpRequest, unit_id: DbId, payload: CoreMissionIn, if_match: IfMatch = None) -> CoreMission:
    unit = refs.unit(request, unit_id)
    fields = refs.agenda_links(payload.dict())
    fields["governing_documents"] = refs.governing_documents(request, unit, payload.governing_documents)
    with expected_version(core_mission_get(request.user, unit), if_match):  # None: a first description, nothing to overwrite
        return services.core_mission_set(actor=request.user, org_unit=unit, **fields)


@router.post("/core-missions/{mission_id}/risks", response={201: RiskOut, **ERRORS}, summary="Add a risk to a core mission (RISK-001)")
def create_risk(request: HttpRequest, mission_id: DbId, payload: RiskIn) -> Status[Risk]:
    mission = core_mission_list(request.user).filter(pk=mission_id).first()
    if mission is None:
        raise Http404
    return Status(201, services.risk_create(actor=request.user, core_mission=mission, **payload.dict()))


@router.get("/risks/{risk_id}", response={200: RiskOut, **ERRORS})
def get_risk(request: HttpRequest, risk_id: DbId) -> Risk:
    return risk_get(request.user, risk_id)


@router.patch("/risks/{risk_id}", response={200: RiskOut, **ERRORS}, summary="Change a risk (RISK-001)")
def update_risk(request: HttpRequest, risk_id: DbId, payload: RiskPatch, if_match: IfMatch = None) -> Risk:
    risk = risk_get(request.user, risk_id)
    with expected_version(risk, if_match):
        return services.risk_update(actor=request.user, risk=risk, **payload.changes())


@router.delete("/risks/{risk_id}", response={204: None, **ERRORS})
def delete_risk(request: HttpRequest, risk_id: DbId, if_match: IfMatch = None) -> Status[None]:
    risk = risk_get(request.user, risk_id)
    with expected_version(risk, if_match):
        services.risk_delete(actor=request.user, risk=risk)
    return Status(204, None)


# --- National requirements on systematic quality work (reference data, QUAL-001) ----------


class RequirementSectionOut(Schema):
    key: str
    title: str
    reference: str
    fills_from: str


class NationalRequirementOut(Schema):
    key: str
    title: str
    short_title: str
    issued_by: str
    applies_to: str
    summary: str
    sections: list[RequirementSectionOut]


@router.get(
    "/national-quality-requirements",
    response=list[NationalRequirementOut],
    summary="The national requirements a quality factor can answer, with the structure a quality report takes",
)
def list_national_requirements(request: HttpRequest) -> list[NationalRequirement]:
    return list(national_requirements())


# --- Quality factors ----------------------------------------------------------------------


@router.get("/quality-factors", response=list[QualityFactorOut], summary="Quality factors the caller may see, with their indicators")
@paginate(BoundedLimitOffsetPagination)
def list_quality_factors(request: HttpRequest, org_unit: DbId | None = None) -> QuerySet[QualityFactor]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return (
        quality_factor_list(request.user, org_unit=unit)
        .prefetch_related("indicators__sustainability_goals", "indicators__sustainability_targets")
        .order_by("org_unit_id", "pk")
    )


@router.post("/quality-factors", response={201: QualityFactorOut, **ERRORS}, summary="Add a quality factor")
def create_quality_factor(request: HttpRequest, payload: QualityFactorIn) -> Status[QualityFactor]:
    unit = refs.unit(request, payload.org_unit)
    return Status(
        201,
        services.quality_factor_create(
            actor=request.user, org_unit=unit, title=payload.title, description=payload.description, national_requirement=payload.national_requirement
        ),
    )


@router.get("/quality-factors/{factor_id}", response={200: QualityFactorOut, **ERRORS})
def get_quality_factor(request: HttpRequest, factor_id: DbId) -> QualityFactor:
    return quality_factor_get(request.user, factor_id)


@router.patch("/quality-factors/{factor_id}", response={200: QualityFactorOut, **ERRORS}, summary="Change a quality factor")
def update_quality_factor(request: HttpRequest, factor_id: DbId, payload: QualityFactorPatch, if_match: IfMatch = None) -> QualityFactor:
    factor = quality_factor_get(request.user, factor_id)
    with expected_version(factor, if_match):
        return services.quality_factor_update(actor=request.user, factor=factor, **payload.changes())


@router.delete("/quality-factors/{factor_id}", response={204: None, **ERRORS}, summary="Remove a quality factor and its indicators")
def delete_quality_factor(request: HttpRequest, factor_id: DbId, if_match: IfMatch = None) -> Status[None]:
    factor = quality_factor_get(request.user, factor_id)
    with expected_version(factor, if_match):
        services.quality_factor_delete(actor=request.user, factor=factor)
    return Status(204, None)


# --- Quality indicators (never a target, QI-001) ------------------------------------------


@router.get("/quality-indicators", response=list[QualityIndicatorOut], summary="Quality indicators the caller may see")
@paginate(BoundedLimitOffsetPagination)
def list_quality_indicators(request: HttpRequest, org_unit: DbId | None = None, factor: DbId | None = None) -> QuerySet[QualityIndicator]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    indicators = quality_indicator_list(request.user, org_unit=unit)
    if factor is not None:
        indicators = indicators.filter(factor=quality_factor_get(request.user, factor))
    return indicators.prefetch_related("sustainability_goals", "sustainability_targets").order_by("factor_id", "pk")


@router.post("/quality-indicators", response={201: QualityIndicatorOut, **ERRORS}, summary="Add a quality indicator (never with a target, QI-001)")
def create_quality_indicator(request: HttpRequest, payload: QualityIndicatorIn) -> Status[QualityIndicator]:
    factor = quality_factor_get(request.user, payload.factor)
    fields = refs.agenda_links(payload.dict(exclude={"factor"}))
    return Status(201, services.quality_indicator_create(actor=request.user, factor=factor, **fields))


@router.get("/quality-indicators/{indicator_id}", response={200: QualityIndicatorOut, **ERRORS})
def get_quality_indicator(request: HttpRequest, indicator_id: DbId) -> QualityIndicator:
    return quality_indicator_get(request.user, indicator_id)


@router.patch("/quality-indicators/{indicator_id}", response={200: QualityIndicatorOut, **ERRORS}, summary="Change a quality indicator (QI-001)")
def update_quality_indicator(request: HttpRequest, indicator_id: DbId, payload: QualityIndicatorPatch, if_match: IfMatch = None) -> QualityIndicator:
    indicator = quality_indicator_get(request.user, indicator_id)
    with expected_version(indicator, if_match):
        return services.quality_indicator_update(actor=request.user, indicator=indicator, **refs.agenda_links(payload.changes()))


@router.delete("/quality-indicators/{indicator_id}", response={204: None, **ERRORS})
def delete_quality_indicator(request: HttpRequest, indicator_id: DbId, if_match: IfMatch = None) -> Status[None]:
    indicator = quality_indicator_get(request.user, indicator_id)
    with expected_version(indicator, if_match):
        services.quality_indicator_delete(actor=request.user, indicator=indicator)
    return Status(204, None)
