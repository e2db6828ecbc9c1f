"""What the plan page adds, changes and removes in place: one *kind* per item, with its tab, the
permission that shows its forms, its selector and its services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django import forms
from django.http import Http404, HttpRequest

from styr.domain.quality import TARGET_FIELDS
from styr.organisation.models import OrgUnit
from styr.planning import selectors, services
from styr.planning.forms import (
    ActivityForm,
    AgendaTagsMixin,
    AssignmentForm,
    CoreMissionForm,
    CurrentStateForm,
    DevelopmentAreaForm,
    DevelopmentGoalForm,
    DirectionForm,
    IndicatorForm,
    ObjectChoiceField,
    ObjectMultipleChoiceField,
    ProcessReviewForm,
    ProjectMemberForm,
    ProjectMilestoneForm,
    QualityFactorForm,
    QualityIndicatorForm,
    RiskForm,
    TrendForm,
    agenda_initial,
)
from styr.planning.selectors_projects import process_review_get, project_member_get, project_milestone_get

type Data = dict[str, Any]


class PageData(Protocol):
    """What the kinds read from the plan page (``page.PlanPage`` provides it): the unit and year,
    and what the forms offer. Kinds only use the page; the page imports the kinds."""

    unit: OrgUnit
    year: int

    @property
    def mission(self) -> Any: ...
    @property
    def matrix(self) -> Any: ...
    @property
    def documents(self) -> list[Any]: ...
    @property
    def agenda_goals(self) -> list[Any]: ...
    @property
    def people(self) -> list[Any]: ...
    @property
    def trends_below(self) -> list[Any]: ...
    @property
    def areas(self) -> list[Any]: ...
    @property
    def goals(self) -> list[Any]: ...
    @property
    def goals_above(self) -> list[Any]: ...
    def contribution_choices(self, goal: Any) -> list[Any]: ...
    @property
    def units(self) -> list[OrgUnit]: ...
    @property
    def directly_below(self) -> list[OrgUnit]: ...
    @property
    def assignments_received(self) -> list[Any]: ...


@dataclass(frozen=True)
class Kind:
    """Something the plan page adds, changes or removes in place."""

    slug: str
    tab: str
    action: str
    form_class: type[forms.Form]
    #: the form's choices, from what the page has read: (page, the item being changed or None)
    form_kwargs: Callable[[PageData, Any], Data] = lambda page, obj: {}
    #: reads one item (a selector taking the user); None for a unit's one-of-a-kind text
    get: Callable[[Any, int], Any] | None = None
    unit_of: Callable[[Any], OrgUnit] = lambda obj: obj.org_unit  # type: ignore[no-any-return]
    create: Callable[[Any, PageData, Data, Any], Any] | None = None
    update: Callable[[Any, Any, Data], Any] | None = None
    delete: Callable[[Any, Any], None] | None = None
    #: reads the item a new one goes under (a selector), posted as ``parent``
    parent: Callable[[Any, int], Any] | None = None
    parent_unit: Callable[[Any], OrgUnit] = lambda parent: parent.org_unit  # type: ignore[no-any-return]
    #: one per unit (and year): set, never added or removed
    single: bool = False
    #: locked once the year's plan is adopted (PLAN-002)
    year_bound: bool = False
    initial_new: Callable[[PageData], Data] = field(default=lambda page: {})
    #: can be ended with a date and a reason instead of removed (``services.item_end``, DEL-001…006)
    endable: bool = False


def posted_targets(request: HttpRequest) -> Data:
    """Target fields someone posted to a quality indicator: passed on, so the service refuses them (QI-001)."""
    return {name: request.POST[name] for name in sorted(TARGET_FIELDS) if name in request.POST}


def _risk_create(user: Any, page: PageData, data: Data, parent: Any) -> Any:
    if page.mission is None:
        raise Http404
    return services.risk_create(actor=user, core_mission=page.mission, **data)


def _activity_create(user: Any, page: PageData, data: Data, parent: Any) -> Any:
    return services.activity_create(actor=user, **data)


def _people(page: PageData, obj: Any) -> Data:
    """The people the page offers, and whoever holds the item now (kept if they have left)."""
    found = {person.pk: person for person in page.people}
    holders = ("owner", "deputy", "project_owner", "project_lead", "process_owner")
    for holder in (getattr(obj, name, None) for name in holders):
        if holder is not None:
            found.setdefault(holder.pk, holder)
    return {"people": list(found.values())}


KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in (
        Kind(
            "grunduppdrag",
            "grunduppdrag",
            "core_mission.write",
            CoreMissionForm,
            form_kwargs=lambda page, obj: {"documents": page.documents, "agenda_goals": page.agenda_goals},
            single=True,
            create=lambda user, page, data, parent: services.core_mission_set(actor=user, org_unit=page.unit, **data),
        ),
        Kind(
            "risk",
            "grunduppdrag",
            "core_mission.write",
            RiskForm,
            form_kwargs=lambda page, obj: {
                "likelihood_steps": page.matrix.likelihood_steps,
                "consequence_steps": page.matrix.consequence_steps,
            },
            get=selectors.risk_get,
            unit_of=lambda risk: risk.core_mission.org_unit,
            create=_risk_create,
            update=lambda user, risk, data: services.risk_update(actor=user, risk=risk, **data),
            delete=lambda user, risk: services.risk_delete(actor=user, risk=risk),
        ),
        Kind(
            "kvalitetsfaktor",
            "kvalitet",
            "quality.write",
            QualityFactorForm,
            get=selectors.quality_factor_get,
            create=lambda user, page, data, parent: services.quality_factor_create(actor=user, org_unit=page.unit, **data),
            update=lambda user, factor, data: services.quality_factor_update(actor=user, factor=factor, **data),
            delete=lambda user, factor: services.quality_factor_delete(actor=user, factor=factor),
            endable=True,
        ),
        Kind(
            "kvalitetsindikator",
            "kvalitet",
            "quality.write",
            QualityIndicatorForm,
            form_kwargs=lambda page, obj: {**_people(page, obj), "agenda_goals": page.agenda_goals},
            get=selectors.quality_indicator_get,
            unit_of=lambda indicator: indicator.factor.org_unit,
            parent=selectors.quality_factor_get,
            create=lambda user, page, data, factor: services.quality_indicator_create(actor=user, factor=factor, **data),
            update=lambda user, indicator, data: services.quality_indicator_update(actor=user, indicator=indicator, **data),
            delete=lambda user, indicator: services.quality_indicator_delete(actor=user, indicator=indicator),
            endable=True,
        ),
        Kind(
            "trend",
            "utveckling",
            "analysis.write",
            TrendForm,
            form_kwargs=lambda page, obj: {"trends_below": page.trends_below},
            get=selectors.trend_get,
            year_bound=True,
            create=lambda user, page, data, parent: services.trend_create(actor=user, org_unit=page.unit, year=page.year, **data),
            update=lambda user, trend, data: services.trend_update(actor=user, trend=trend, **data),
            delete=lambda user, trend: services.trend_delete(actor=user, trend=trend),
        ),
        Kind(
            "nulage",
            "utveckling",
            "analysis.write",
            CurrentStateForm,
            single=True,
            year_bound=True,
            create=lambda user, page, data, parent: services.current_state_set(actor=user, org_unit=page.unit, year=page.year, **data),
        ),
        Kind(
            "inriktning",
            "utveckling",
            "direction.write",
            DirectionForm,
            single=True,
            year_bound=True,
            create=lambda user, page, data, parent: services.direction_set(actor=user, org_unit=page.unit, year=page.year, **data),
        ),
        Kind(
            "utvecklingsomrade",
            "utveckling",
            "direction.write",
            DevelopmentAreaForm,
            get=selectors.development_area_get,
            year_bound=True,
            create=lambda user, page, data, parent: services.development_area_create(actor=user, org_unit=page.unit, year=page.year, **data),
            update=lambda user, area, data: services.development_area_update(actor=user, area=area, **data),
            delete=lambda user, area: services.development_area_delete(actor=user, area=area),
        ),
        Kind(
            "utvecklingsmal",
            "utveckling",
            "goal.write",
            DevelopmentGoalForm,
            form_kwargs=lambda page, obj: {"areas": page.areas, "goals_above": page.contribution_choices(obj), "agenda_goals": page.agenda_goals},
            get=selectors.goal_get,
            year_bound=True,
            initial_new=lambda page: {"start_year": page.year, "end_year": page.year},
            create=lambda user, page, data, parent: services.goal_create(actor=user, org_unit=page.unit, **data),
            update=lambda user, goal, data: services.goal_update(actor=user, goal=goal, **data),
            delete=lambda user, goal: services.goal_delete(actor=user, goal=goal),
            endable=True,
        ),
        Kind(
            "malindikator",
            "utveckling",
            "goal.write",
            IndicatorForm,
            parent=selectors.goal_get,
            year_bound=True,
            initial_new=lambda page: {"baseline_year": page.year - 1, "target_year": page.year},
            create=lambda user, page, data, goal: services.indicator_create(actor=user, goal=goal, **data),
        ),
        Kind(
            "uppdrag",
            "uppdrag",
            "assignment.write",
            AssignmentForm,
            form_kwargs=lambda page, obj: {**_people(page, obj), "units": page.units, "directly_below": page.directly_below, "documents": page.documents},
            get=selectors.assignment_get,
            unit_of=lambda assignment: assignment.issuer,
            year_bound=True,
            create=lambda user, page, data, parent: services.assignment_create(actor=user, issuer=page.unit, year=page.year, **data),
            update=lambda user, assignment, data: services.assignment_update(actor=user, assignment=assignment, **data),
            delete=lambda user, assignment: services.assignment_delete(actor=user, assignment=assignment),
            endable=True,
        ),
        Kind(
            "delmal",
            "uppdrag",
            "activity.write",
            ProjectMilestoneForm,
            get=project_milestone_get,
            unit_of=lambda milestone: milestone.assignment.receiver,
            parent=selectors.assignment_get,
            parent_unit=lambda assignment: assignment.receiver,
            create=lambda user, page, data, assignment: services.project_milestone_create(actor=user, assignment=assignment, **data),
            update=lambda user, milestone, data: services.project_milestone_update(actor=user, milestone=milestone, **data),
            delete=lambda user, milestone: services.project_milestone_delete(actor=user, milestone=milestone),
        ),
        Kind(
            "oversyn",
            "uppdrag",
            "activity.write",
            ProcessReviewForm,
            get=process_review_get,
            unit_of=lambda review: review.assignment.receiver,
            parent=selectors.assignment_get,
            parent_unit=lambda assignment: assignment.receiver,
            create=lambda user, page, data, assignment: services.process_review_create(actor=user, assignment=assignment, **data),
            update=lambda user, review, data: services.process_review_update(actor=user, review=review, **data),
            delete=lambda user, review: services.process_review_delete(actor=user, review=review),
        ),
        Kind(
            # a seat is added or removed, never changed (as in the API)
            "projektplats",
            "uppdrag",
            "assignment.write",
            ProjectMemberForm,
            form_kwargs=lambda page, obj: {"people": page.people, "units": page.units},
            get=project_member_get,
            unit_of=lambda member: member.assignment.issuer,
            parent=selectors.assignment_get,
            parent_unit=lambda assignment: assignment.issuer,
            create=lambda user, page, data, assignment: services.project_member_create(actor=user, assignment=assignment, **data),
            delete=lambda user, member: services.project_member_delete(actor=user, member=member),
        ),
        Kind(
            "aktivitet",
            "aktiviteter",
            "activity.write",
            ActivityForm,
            form_kwargs=lambda page, obj: {
                **_people(page, obj),
                "goals": page.goals,
                "assignments": page.assignments_received,
                "with_parent": obj is None,
            },
            get=selectors.activity_get,
            create=_activity_create,
            update=lambda user, activity, data: services.activity_update(actor=user, activity=activity, **data),
            delete=lambda user, activity: services.activity_delete(actor=user, activity=activity),
            endable=True,
        ),
    )
}


def form_key(kind: Kind, obj: Any = None, parent: Any = None) -> str:
    """The form's name on the page: the prefix of its field ids and the ``?redigera=`` value."""
    if kind.single:
        return kind.slug
    if obj is not None:
        return f"{kind.slug}-{obj.pk}"
    return f"{kind.slug}-new-{parent.pk}" if parent is not None else f"{kind.slug}-new"


def initial_from(obj: Any, form_class: type[forms.Form]) -> Data:
    """An item's stored values as a form's initial data."""
    data: Data = {}
    if obj is not None and issubclass(form_class, AgendaTagsMixin):
        data["agenda"] = agenda_initial(obj)
    for name, form_field in form_class.base_fields.items():
        if obj is None or not hasattr(obj, name):
            continue
        value = getattr(obj, name)
        if isinstance(form_field, ObjectMultipleChoiceField):
            value = [str(o.pk) for o in value.all()]
        elif isinstance(form_field, ObjectChoiceField):
            value = str(value.pk) if value is not None else ""
        data[name] = value
    return data


def load_item(kind: Kind, user: Any, unit: OrgUnit, pk: int) -> Any:
    """An item of this unit, read through its selector (404 out of scope and on another unit)."""
    if kind.get is None:
        raise Http404
    obj = kind.get(user, pk)
    if kind.unit_of(obj).pk != unit.pk:
        raise Http404
    return obj


def load_parent(kind: Kind, user: Any, unit: OrgUnit, raw: str | None) -> Any:
    if kind.parent is None:
        return None
    try:
        parent = kind.parent(user, int(raw or ""))
    except ValueError:
        raise Http404 from None
    if kind.parent_unit(parent).pk != unit.pk:
        raise Http404
    return parent
