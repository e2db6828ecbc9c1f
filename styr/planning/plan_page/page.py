"""What one tab of a unit's plan page shows, read through selectors, with its forms."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from django import forms
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from styr.core.conflicts import add_version
from styr.core.errors import violation_message
from styr.core.permissions import can
from styr.documents.builders import adopted_direction
from styr.domain.assignments import check_receiver
from styr.domain.errors import RuleViolation
from styr.domain.levels import LevelKind
from styr.domain.plans import GOALS_AND_BUDGET, PLAN_KIND_OF_LEVEL, election_year_warning
from styr.organisation.models import OrgUnit
from styr.organisation.selectors import governing_document_list, org_unit_ancestors, org_unit_list, person_list
from styr.planning import selectors
from styr.planning.forms import PlanAdoptForm
from styr.planning.models import LifecycleState, Plan
from styr.planning.plan_page.economy import economy_tab
from styr.planning.plan_page.kinds import KINDS, Data, form_key, initial_from
from styr.planning.selectors_projects import late_project_milestones, with_parts
from styr.planning.services.locks import goal_locked, newest_revisions

TABS: dict[str, Promise] = {
    "grunduppdrag": _("Core mission"),
    "kvalitet": _("Quality"),
    "utveckling": _("Development"),
    "uppdrag": _("Assignments"),
    "aktiviteter": _("Activities"),
    "ekonomi": _("Economy"),
    "beslut": _("Decisions"),
}
DEFAULT_TAB = "grunduppdrag"


def attach(obj: Any, **values: Any) -> None:
    """What a template shows beside an item (its form, its rows) is set on the item itself."""
    for name, value in values.items():
        setattr(obj, name, value)


class PlanPage:
    """What one tab of a unit's plan page shows; read lazily, so a tab reads only its own part."""

    request: HttpRequest
    user: Any
    unit: OrgUnit
    year: int
    tab: str
    editing: str
    notice: str
    error: RuleViolation | None
    bound: dict[str, forms.Form]

    def __init__(
        self,
        request: HttpRequest,
        unit: OrgUnit,
        year: int,
        tab: str = DEFAULT_TAB,
        *,
        editing: str = "",
        notice: str = "",
    ) -> None:
        self.request = request
        self.user = request.user
        self.unit = unit
        self.year = year
        self.tab = tab if tab in TABS else DEFAULT_TAB
        self.editing = editing
        self.notice = notice
        self.error: RuleViolation | None = None
        self.bound: dict[str, forms.Form] = {}

    # -- permissions and the plan's state ------------------------------------------------------

    def can(self, action: str) -> bool:
        return can(self.user, action, self.unit)

    def may(self, slug: str) -> bool:
        """Whether the page offers forms for this kind."""
        kind = KINDS[slug]
        return self.can(kind.action) and not (kind.year_bound and self.locked)

    @property
    def url(self) -> str:
        return reverse("planning:plan", args=[self.unit.pk, self.year])

    @cached_property
    def plans(self) -> list[Plan]:
        return list(selectors.plan_list(self.user, org_unit=self.unit, year=self.year))

    @cached_property
    def latest(self) -> Plan | None:
        return self.plans[0] if self.plans else None

    @cached_property
    def locked(self) -> bool:
        return self.latest is not None and self.latest.state == LifecycleState.ADOPTED

    @cached_property
    def adopts_plans(self) -> bool:
        return LevelKind(self.unit.kind) in PLAN_KIND_OF_LEVEL

    @cached_property
    def plan_kind(self) -> str:
        return PLAN_KIND_OF_LEVEL.get(LevelKind(self.unit.kind), "")

    @property
    def title(self) -> str:
        if self.plan_kind == GOALS_AND_BUDGET:
            return gettext("Goals and budget %(year)s") % {"year": self.year}
        if self.plan_kind:
            return gettext("Operational plan %(year)s") % {"year": self.year}
        return gettext("Planning %(year)s") % {"year": self.year}

    # -- forms ------------------------------------------------------------------------------

    def bind(self, slug: str, data: Any, *, obj: Any = None, parent: Any = None) -> forms.Form:
        kind = KINDS[slug]
        key = form_key(kind, obj, parent)
        form = kind.form_class(data, auto_id=f"{key}-%s", **kind.form_kwargs(self, obj))
        if obj is not None:
            add_version(form, obj)  # EDIT-001: the version the form was read with
        self.bound[key] = form
        return form

    def form(self, slug: str, obj: Any = None, parent: Any = None) -> forms.Form:
        """The kind's form on this page: the refused one with its errors, or a fresh one."""
        kind = KINDS[slug]
        key = form_key(kind, obj, parent)
        if key in self.bound:
            form = self.bound[key]
            first_error = next((name for name in form.fields if name in form.errors), None)
            if first_error:
                form.fields[first_error].widget.attrs["autofocus"] = True
            return form
        initial = initial_from(obj, kind.form_class) if obj is not None else kind.initial_new(self)
        form = kind.form_class(initial=initial, auto_id=f"{key}-%s", **kind.form_kwargs(self, obj))
        if obj is not None:
            add_version(form, obj)
        if self.editing == key and form.fields:
            next(iter(form.fields.values())).widget.attrs["autofocus"] = True
        return form

    def is_editing(self, key: str) -> bool:
        return self.editing == key or key in self.bound

    def edit_forms(self, slug: str, items: Iterable[Any]) -> None:
        """Give the item being changed its form (``item.edit_form``), the others None."""
        may = self.may(slug)
        kind = KINDS[slug]
        for item in items:
            key = form_key(kind, item)
            attach(item, form_key=key, edit_form=self.form(slug, item) if may and self.is_editing(key) else None)

    # -- what the forms offer ---------------------------------------------------------------

    @cached_property
    def people(self) -> list[Any]:
        """Who can be named owner or deputy: the people with a role on the unit or below it."""
        return list(person_list(self.user, self.unit))

    @cached_property
    def group(self) -> Any:
        return self.unit.group

    @cached_property
    def matrix(self) -> Any:
        return self.group.governance.risk_matrix

    @cached_property
    def ancestors(self) -> list[OrgUnit]:
        return org_unit_ancestors(self.unit)

    @cached_property
    def agenda_goals(self) -> list[Any]:
        return list(selectors.sustainability_goal_list())

    @cached_property
    def documents(self) -> list[Any]:
        return list(governing_document_list(self.user, self.group))

    @cached_property
    def mission(self) -> Any:
        return selectors.core_mission_get(self.user, self.unit)

    @cached_property
    def trends_below(self) -> list[Any]:
        return selectors.trends_below(self.user, self.unit, self.year)

    @cached_property
    def areas(self) -> list[Any]:
        return list(selectors.development_area_list(self.user, org_unit=self.unit, year=self.year))

    @cached_property
    def goals(self) -> list[Any]:
        goals = selectors.goal_list(self.user, org_unit=self.unit, year=self.year)
        return list(goals.select_related("development_area", "owner", "deputy").prefetch_related("contributes_to__org_unit"))

    @cached_property
    def goals_above(self) -> list[Any]:
        """The goals of the levels above for the year: what a goal here can contribute to (GOAL-005)."""
        if not self.ancestors:
            return []
        return list(selectors.goal_list_above(self.user, self.unit, list(self.ancestors), year=self.year))

    def contribution_choices(self, goal: Any) -> list[Any]:
        """What a goal's form offers to contribute to: the goals above for the year, and the goal's
        own links the user sees (of another year, say), so that saving does not drop them. Links
        the user cannot see are neither shown nor dropped (the service keeps them)."""
        offered = list(self.goals_above)
        if goal is not None:
            seen = {g.pk for g in offered}
            offered += [g for g in goal.contributes_to.all() if g.pk not in seen and selectors.goal_visible(self.user, g)]
        return offered

    @cached_property
    def units(self) -> list[OrgUnit]:
        return list(org_unit_list(self.user, group=self.group))

    @cached_property
    def directly_below(self) -> list[OrgUnit]:
        """The units a special assignment can go to (ASSIGN-001), asked of the rule itself."""
        found = []
        for other in self.units:
            try:
                check_receiver(
                    issuer=self.unit.pk,
                    issuer_kind=self.unit.level_kind,
                    issuer_parent=self.unit.parent_id,
                    receiver_kind=other.level_kind,
                    receiver_parent=other.parent_id,
                )
            except RuleViolation:
                continue
            found.append(other)
        return found

    @cached_property
    def assignments_issued(self) -> list[Any]:
        return with_parts(selectors.assignment_list(self.user, org_unit=self.unit, year=self.year).select_related("owner", "deputy"), timezone.localdate())

    @cached_property
    def assignments_received(self) -> list[Any]:
        return with_parts(
            selectors.assignment_list(self.user, org_unit=self.unit, year=self.year, received=True).select_related("owner", "deputy"), timezone.localdate()
        )

    # -- the tabs ---------------------------------------------------------------------------

    def context(self) -> Data:
        tab_data: Callable[[], Data] = getattr(self, f"_tab_{self.tab}")
        return {
            "page": self,
            "unit": self.unit,
            "year": self.year,
            "tab": self.tab,
            "tabs": [(name, label) for name, label in TABS.items()],
            "plan_url": self.url,
            "plan_title": self.title,
            "tab_template": f"planning/plan/tab_{self.tab}.html",
            "error_message": violation_message(self.error) if self.error else "",
            **tab_data(),
        }

    def _tab_grunduppdrag(self) -> Data:
        mission = self.mission
        may = self.may("grunduppdrag")
        risks = list(mission.risks.all()) if mission is not None else []
        self.edit_forms("risk", risks)
        return {
            "mission": mission,
            "risks": risks,
            "matrix": self.matrix,
            "political_direction": adopted_direction(self.unit, self.year),
            "can_write": may,
            "mission_form": self.form("grunduppdrag", mission) if may else None,
            "editing_mission": may and (mission is None or self.is_editing("grunduppdrag")),
            "risk_form": self.form("risk") if may and mission is not None else None,
        }

    def _tab_kvalitet(self) -> Data:
        factors = list(selectors.quality_factor_list(self.user, org_unit=self.unit))
        may = self.may("kvalitetsfaktor")
        self.edit_forms("kvalitetsfaktor", factors)
        for factor in factors:
            indicators = list(factor.indicators.all())
            self.edit_forms("kvalitetsindikator", indicators)
            attach(factor, indicator_list=indicators, new_indicator_form=self.form("kvalitetsindikator", parent=factor) if may else None)
        return {"factors": factors, "can_write": may, "factor_form": self.form("kvalitetsfaktor") if may else None}

    def _tab_utveckling(self) -> Data:
        trends = list(selectors.trend_list(self.user, org_unit=self.unit, year=self.year))
        self.edit_forms("trend", trends)
        areas = self.areas
        self.edit_forms("utvecklingsomrade", areas)
        goals = self.goals
        self.edit_forms("utvecklingsmal", goals)
        may_goal = self.may("utvecklingsmal")
        revisions = newest_revisions(self.unit, {year for goal in goals for year in goal.span.years}) if may_goal else {}
        for goal in goals:
            editable = may_goal and not goal_locked(goal, revisions)  # an adopted goal is open again in a new revision
            visible_links = [g for g in goal.contributes_to.all() if selectors.goal_visible(self.user, g)]  # a draft above stays hidden
            attach(
                goal,
                editable=editable,
                in_force=goal.state == LifecycleState.ADOPTED,
                visible_links=visible_links,
                new_indicator_form=self.form("malindikator", parent=goal) if editable else None,
            )
            if not editable:
                attach(goal, edit_form=None)
        current_state = selectors.current_state_list(self.user, org_unit=self.unit, year=self.year).first()
        direction = selectors.direction_list(self.user, org_unit=self.unit, year=self.year).first()
        group_wide = self.unit.kind in {LevelKind.COUNCIL, LevelKind.EXECUTIVE_BOARD}
        built_on = {below.pk for trend in trends for below in trend.builds_on.all()}
        for below in self.trends_below:
            attach(below, used=below.pk in built_on)
        return {
            "trends": trends,
            "show_trends_below": group_wide or bool(self.trends_below),
            "trends_below": self.trends_below,
            "can_analyse": self.may("trend"),
            "trend_form": self.form("trend") if self.may("trend") else None,
            "current_state": current_state,
            "current_state_form": self.form("nulage", current_state) if self.may("nulage") else None,
            "editing_current_state": self.may("nulage") and (current_state is None or self.is_editing("nulage")),
            "direction": direction,
            "direction_form": self.form("inriktning", direction) if self.may("inriktning") else None,
            "editing_direction": self.may("inriktning") and (direction is None or self.is_editing("inriktning")),
            "areas": areas,
            "can_direct": self.may("utvecklingsomrade"),
            "area_form": self.form("utvecklingsomrade") if self.may("utvecklingsomrade") else None,
            "goals": goals,
            "goal_cap": self.group.governance.max_development_goals,
            "can_write_goals": may_goal,
            "goal_form": self.form("utvecklingsmal") if may_goal else None,
        }

    def _tab_uppdrag(self) -> Data:
        issued = self.assignments_issued
        self.edit_forms("uppdrag", issued)
        may = self.may("uppdrag")
        # the issuer seats its projects' project groups and steering groups here (PROJ-001, PROJ-005)
        may_seats = self.may("projektplats")
        for given in issued:
            if given.execution_form != "project":
                continue
            members = list(given.project_members.all())
            for member in members:
                seat = (member.person.get_full_name() or member.person.get_username()) if member.person else f"{member.role_title}, {member.org_unit.name}"
                attach(member, form_key=form_key(KINDS["projektplats"], member), seat=seat)
            open_for_seats = may_seats and not given.is_ended
            attach(given, member_list=members, new_member_form=self.form("projektplats", parent=given) if open_for_seats else None)
        # the receiver keeps its projects' timetables here: each milestone and a form for a new one
        may_milestones = self.may("delmal")
        for received in self.assignments_received:
            if received.execution_form != "project":
                continue
            milestones = list(received.project_milestones.all())
            self.edit_forms("delmal", milestones)
            open_for_more = may_milestones and not received.is_ended
            attach(received, milestone_list=milestones, new_milestone_form=self.form("delmal", parent=received) if open_for_more else None)
        # and its processes' review dates (PROJ-002): add one, move it, record the day it was held
        may_reviews = self.may("oversyn")
        for received in self.assignments_received:
            if received.execution_form != "process":
                continue
            reviews = list(received.process_reviews.all())
            self.edit_forms("oversyn", reviews)
            open_for_more = may_reviews and not received.is_ended
            attach(received, review_list=reviews, new_review_form=self.form("oversyn", parent=received) if open_for_more else None)
        return {
            "issued": issued,
            # the issuer's page shows its projects' milestones past their day (PROJ-004)
            "late_milestones": late_project_milestones(self.user, group=self.group, today=timezone.localdate(), issuer=self.unit),
            "received": self.assignments_received,
            "can_assign": may,
            "can_keep_timetable": may_milestones,
            "can_keep_reviews": may_reviews,
            "can_seat": may_seats,
            "assignment_form": self.form("uppdrag") if may else None,
        }

    def _tab_aktiviteter(self) -> Data:
        activities = list(
            selectors.activity_list(self.user, org_unit=self.unit).filter(
                Q(goal__start_year__lte=self.year, goal__end_year__gte=self.year) | Q(assignment__year=self.year)
            )
        )
        self.edit_forms("aktivitet", activities)
        may = self.may("aktivitet")
        return {
            "activities": activities,
            "can_act": may,
            "activity_form": self.form("aktivitet") if may and (self.goals or self.assignments_received) else None,
        }

    def _tab_ekonomi(self) -> Data:
        return economy_tab(self.user, self.unit, self.year, self.plan_kind)

    def _tab_beslut(self) -> Data:
        model = self.group.governance
        previous: Plan | None = None
        for plan in reversed(self.plans):
            decided_on = plan.decision.decided_on if plan.decision else None
            warning = election_year_warning(plan_kind=plan.kind, plan_year=plan.year, decided_on=decided_on, model=model)
            attach(plan, election_warning=warning, previous=previous)
            previous = plan
        latest = self.latest
        may_manage, may_adopt = self.can("plan.manage"), self.can("plan.adopt")
        adopt_form = None
        if latest is not None and latest.state == LifecycleState.PROPOSED and may_adopt:
            key = f"adopt-{latest.pk}"
            adopt_form = self.bound.get(key) or PlanAdoptForm(auto_id=f"{key}-%s")
        return {
            "plans": self.plans,
            "latest": latest,
            "adopts_plans": self.adopts_plans,
            "is_goals_and_budget": self.plan_kind == GOALS_AND_BUDGET,
            "election_warning": self.plan_kind == GOALS_AND_BUDGET
            and (latest is None or latest.state != LifecycleState.ADOPTED)
            and election_year_warning(plan_kind=self.plan_kind, plan_year=self.year, decided_on=None, model=model),
            "election_year": self.year - 1,
            "can_create": self.adopts_plans and may_manage and latest is None,
            "can_propose": may_manage and latest is not None and latest.state == LifecycleState.DRAFT,
            "can_withdraw": may_manage and latest is not None and latest.state == LifecycleState.PROPOSED,
            "can_revise": may_manage and self.locked,
            "can_start_next": may_manage and self.locked and not selectors.plan_list(self.user, org_unit=self.unit, year=self.year + 1).exists(),
            "adopt_form": adopt_form,
        }
