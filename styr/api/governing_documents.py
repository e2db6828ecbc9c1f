"""The register of governing documents, with the documents that steer in parallel and their review
dates (seed §7 Styrdokument; DOC-001, DOC-002)."""

from datetime import date
from typing import Any, ClassVar, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from styr.api.pagination import BoundedLimitOffsetPagination
from styr.api.schemas import ERRORS, Day, DbId, Input, Patch, ShortText, Text, Title
from styr.api.versions import IfMatch, Version, expected_version
from styr.organisation import services
from styr.organisation.models import GoverningDocument, MunicipalGroup, OrgUnit
from styr.organisation.selectors import governing_document_list, group_holding, group_of_user, org_unit_get, parallel_steering_list

router = Router(tags=["governing documents"])

DocTypeName = Literal[
    "LAW",
    "REGULATION",
    "GENERAL_ADVICE",
    "MODEL",
    "POLICY",
    "STRATEGY",
    "PROGRAMME",
    "PLAN",
    "GUIDELINE",
    "RULE",
    "CHARTER",
    "ARTICLES_OF_ASSOCIATION",
    "OWNER_DIRECTIVE",
]


class GoverningDocumentOut(Schema):
    id: int
    version: Version
    title: str
    doc_type: str
    decided_by: str
    decision_reference: str
    decision_date: date
    valid_from: date
    validity: str
    applies_to: str
    follow_up_responsible: str
    registration_number: str
    owner_unit_id: int | None
    carries_goals: bool
    carries_indicators: bool
    own_steering: str
    review_by: date | None


class GoverningDocumentIn(Input):
    title: Title
    doc_type: DocTypeName
    decided_by: Title
    decision_reference: ShortText = ""
    decision_date: Day
    valid_from: Day
    validity: ShortText = "Tills vidare"
    applies_to: Title
    follow_up_responsible: Title
    registration_number: Title
    owner_unit: DbId | None = None
    carries_goals: bool = False
    carries_indicators: bool = False
    own_steering: Text = ""
    review_by: Day | None = None


class GoverningDocumentPatch(Patch):
    nullable: ClassVar[frozenset[str]] = frozenset({"owner_unit", "review_by"})

    title: Title | None = None
    doc_type: DocTypeName | None = None
    decided_by: Title | None = None
    decision_reference: ShortText | None = None
    decision_date: Day | None = None
    valid_from: Day | None = None
    validity: ShortText | None = None
    applies_to: Title | None = None
    follow_up_responsible: Title | None = None
    registration_number: Title | None = None
    owner_unit: DbId | None = None
    carries_goals: bool | None = None
    carries_indicators: bool | None = None
    own_steering: Text | None = None
    review_by: Day | None = None


def _owner(request: HttpRequest, group: MunicipalGroup, unit_id: int | None) -> OrgUnit | None:
    """The owning unit, looked up in the caller's group (another group's unit is not found, 404)."""
    if unit_id is None:
        return None
    unit = org_unit_get(request.user, unit_id)
    if unit.group_id != group.pk:
        raise Http404
    return unit


def _document(request: HttpRequest, document_id: int) -> GoverningDocument:
    document = governing_document_list(request.user, group_holding(request.user)).filter(pk=document_id).first()
    if document is None:
        raise Http404
    return document


@router.get("/governing-documents", response=list[GoverningDocumentOut], summary="The group's register of governing documents")
@paginate(BoundedLimitOffsetPagination)
def list_governing_documents(request: HttpRequest, parallel: bool = False) -> QuerySet[GoverningDocument]:
    """``parallel=true``: only the documents with goals and/or indicators of their own (the parallel
    steering KS looks at), the review date soonest first."""
    group = group_of_user(request.user)
    if parallel:
        return parallel_steering_list(request.user, group)
    return governing_document_list(request.user, group).order_by("-decision_date", "title", "pk")


@router.post("/governing-documents", response={201: GoverningDocumentOut, **ERRORS}, summary="Register a governing document (DOC-001, DOC-002)")
def create_governing_document(request: HttpRequest, payload: GoverningDocumentIn) -> Status[GoverningDocument]:
    group = group_of_user(request.user)
    fields: dict[str, Any] = payload.model_dump()
    fields["owner_unit"] = _owner(request, group, payload.owner_unit)
    return Status(201, services.governing_document_create(actor=request.user, group=group, **fields))


@router.get("/governing-documents/{document_id}", response={200: GoverningDocumentOut, **ERRORS})
def get_governing_document(request: HttpRequest, document_id: DbId) -> GoverningDocument:
    return _document(request, document_id)


@router.patch("/governing-documents/{document_id}", response={200: GoverningDocumentOut, **ERRORS}, summary="Change a governing document (DOC-001, DOC-002)")
def update_governing_document(request: HttpRequest, document_id: DbId, payload: GoverningDocumentPatch, if_match: IfMatch = None) -> GoverningDocument:
    document = _document(request, document_id)
    fields = payload.changes()
    if "owner_unit" in fields:
        fields["owner_unit"] = _owner(request, document.group, fields["owner_unit"])
    with expected_version(document, if_match):
        return services.governing_document_update(actor=request.user, document=document, **fields)
