"""The risk analysis of internal control (issue 12 §1): risks per committee, board or unit below one,
their scores by year on the model's risk matrix (IC-001…IC-003, IC-010…IC-013)."""

from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from styr.api import refs
from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, DbId, Input, Patch, RequiredText, ShortText, Text, Title, Year
from styr.api.versions import IfMatch, Version, expected_version
from styr.control.models import ControlRisk, RiskScore
from styr.control.selectors.risks import control_risk_get, control_risk_list, risk_score_list
from styr.control.services import risks as services
from styr.domain.limits import NAME_LENGTH

router = Router(tags=["internal control"])

#: A step as the caller sends it, bounded to the column; whether it lies on the matrix is IC-001.
Step = Annotated[int, Field(ge=-(2**15), le=2**15 - 1)]
#: Aim codes; which are known is IC-003, the service's.
Aims = Annotated[list[ShortText], Field(max_length=10)]
Name = Annotated[str, Field(max_length=NAME_LENGTH, pattern=r"^[^\x00]*$")]


class ControlRiskOut(Schema):
    id: int
    version: Version
    org_unit_id: int
    area: str
    description: str
    cause: str
    effect: str
    owner: str
    aims: list[str]
    source_risk_id: int | None


class ControlRiskScoreOut(Schema):
    id: int
    version: Version
    risk_id: int
    year: int
    likelihood: int
    consequence: int
    risk_value: int
    band: str
    colour: str
    must_treat: bool
    chosen: bool
    reason: str

    @staticmethod
    def resolve_band(obj: RiskScore) -> str:
        return obj.group.governance.internal_control.band(obj.risk_value).label_sv

    @staticmethod
    def resolve_colour(obj: RiskScore) -> str:
        return obj.group.governance.internal_control.band(obj.risk_value).colour

    @staticmethod
    def resolve_must_treat(obj: RiskScore) -> bool:
        return obj.group.governance.internal_control.must_treat(obj.risk_value)


class ControlRiskIn(Input):
    org_unit: DbId
    area: Title
    description: RequiredText
    cause: Text = ""
    effect: Text = ""
    owner: Name = ""
    aims: Aims


class ControlRiskPatch(Patch):
    area: Title | None = None
    description: RequiredText | None = None
    cause: Text | None = None
    effect: Text | None = None
    owner: Name | None = None
    aims: Aims | None = None


class ControlRiskScoreIn(Input):
    risk: DbId
    year: Year
    likelihood: Step
    consequence: Step
    chosen: bool = False
    reason: Text = ""


class ControlRiskCopyIn(Input):
    org_unit: DbId
    year: Year
    aims: Aims
    area: ShortText = ""


@router.get("/control/risks", response=list[ControlRiskOut], summary="Risks of internal control the caller may see (by unit, scored in a year)")
@paginate(BoundedLimitOffsetPagination)
def list_control_risks(request: HttpRequest, org_unit: DbId | None = None, year: Year | None = None) -> QuerySet[ControlRisk]:
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return control_risk_list(request.user, org_unit=unit, year=year)


@router.post("/control/risks", response={201: ControlRiskOut, **ERRORS}, summary="Add a risk to a unit's register (IC-003, IC-010)")
def create_control_risk(request: HttpRequest, payload: ControlRiskIn) -> Status[ControlRisk]:
    unit = refs.unit(request, payload.org_unit)
    fields = payload.dict(exclude={"org_unit"})
    return Status(201, services.control_risk_create(actor=request.user, org_unit=unit, **fields))


@router.post(
    "/control/risks/copy-from-core-mission",
    response={201: list[ControlRiskOut], **ERRORS},
    summary="Draw the core mission's risks into the register, scored for the year (IC-013)",
)
def copy_control_risks(request: HttpRequest, payload: ControlRiskCopyIn) -> Status[list[ControlRisk]]:
    unit = refs.unit(request, payload.org_unit)
    made = services.control_risks_copy_from_core_mission(actor=request.user, org_unit=unit, year=payload.year, aims=payload.aims, area=payload.area)
    return Status(201, made)


@router.get("/control/risks/{risk_id}", response={200: ControlRiskOut, **ERRORS})
def get_control_risk(request: HttpRequest, risk_id: DbId) -> ControlRisk:
    return control_risk_get(request.user, risk_id)


@router.patch("/control/risks/{risk_id}", response={200: ControlRiskOut, **ERRORS}, summary="Change a risk (IC-003)")
def update_control_risk(request: HttpRequest, risk_id: DbId, payload: ControlRiskPatch, if_match: IfMatch = None) -> ControlRisk:
    risk = control_risk_get(request.user, risk_id)
    with expected_version(risk, if_match):
        return services.control_risk_update(actor=request.user, risk=risk, **payload.changes())


@router.delete("/control/risks/{risk_id}", response={204: None, **ERRORS}, summary="Remove a risk and its scores (IC-011)")
def delete_control_risk(request: HttpRequest, risk_id: DbId, if_match: IfMatch = None) -> Status[None]:
    risk = control_risk_get(request.user, risk_id)
    with expected_version(risk, if_match):
        services.control_risk_delete(actor=request.user, risk=risk)
    return Status(204, None)


@router.get("/control/risk-scores", response=list[ControlRiskScoreOut], summary="Risks' scores by year (the history)")
@paginate(BoundedLimitOffsetPagination)
def list_risk_scores(request: HttpRequest, risk: DbId | None = None, org_unit: DbId | None = None, year: Year | None = None) -> QuerySet[RiskScore]:
    found = control_risk_get(request.user, risk) if risk is not None else None
    unit = refs.unit(request, org_unit) if org_unit is not None else None
    return risk_score_list(request.user, risk=found, org_unit=unit, year=year).select_related("group")


def _set_score(request: HttpRequest, payload: ControlRiskScoreIn, if_match: str | None = None) -> Status[RiskScore]:
    risk = control_risk_get(request.user, payload.risk)
    existing = RiskScore.objects.filter(risk=risk, year=payload.year).first()  # None: a first score, nothing to overwrite
    with expected_version(existing, if_match):
        score = services.risk_score_set(actor=request.user, risk=risk, **payload.dict(exclude={"risk"}))
    return Status(200 if existing is not None else 201, score)


@router.post(
    "/control/risk-scores",
    response={200: ControlRiskScoreOut, 201: ControlRiskScoreOut, **ERRORS},
    summary="Set a risk's score of a year (IC-001, IC-002, IC-012)",
)
def create_risk_score(request: HttpRequest, payload: ControlRiskScoreIn) -> Status[RiskScore]:
    return _set_score(request, payload)


@router.put("/control/risk-scores", response={200: ControlRiskScoreOut, 201: ControlRiskScoreOut, **ERRORS}, summary="Set a risk's score of a year (as POST)")
def put_risk_score(request: HttpRequest, payload: ControlRiskScoreIn, if_match: IfMatch = None) -> Status[RiskScore]:
    return _set_score(request, payload, if_match)
