"""Search (issue 8, point 6): one box finds units, goals, indicators, assignments, plans and
governing documents by their words, within what the person may see.

On PostgreSQL the words are matched by full-text search with the Swedish configuration (so
"skolor" finds "skolan"), or by a part of the title; on SQLite by a part of any of the fields.
Someone without a role (or not signed in) finds only what is public: adopted goals and plans and
the register of governing documents of the installation's group. Nobody ever finds another
group's items."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from styr.core.permissions import has_any_role, scope, scope_q
from styr.organisation.models import GoverningDocument, MunicipalGroup, OrgUnit
from styr.organisation.selectors import group_default, group_list
from styr.planning.models import Assignment, DevelopmentGoal, GoalIndicator, LifecycleState, Plan, PlanKind, QualityIndicator

MAX_QUERY = 100
LIMIT = 25  # per kind


@dataclass
class SearchResults:
    query: str
    units: list[OrgUnit] = field(default_factory=list)
    goals: list[DevelopmentGoal] = field(default_factory=list)
    indicators: list[GoalIndicator] = field(default_factory=list)
    quality_indicators: list[QualityIndicator] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    documents: list[GoverningDocument] = field(default_factory=list)
    #: the units whose own pages the person may open (a public hit elsewhere links to the public pages)
    in_scope: frozenset[int] = field(default_factory=frozenset)

    @property
    def count(self) -> int:
        return sum(len(v) for v in (self.units, self.goals, self.indicators, self.quality_indicators, self.assignments, self.plans, self.documents))


def _matching(queryset: QuerySet[Any], words: str, fields: tuple[str, ...]) -> QuerySet[Any]:
    """Rows whose ``fields`` hold ``words``: Swedish full-text search on PostgreSQL (or the first
    field containing the text as typed), every word somewhere in the fields on SQLite."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*fields, config="swedish")
        query = SearchQuery(words, config="swedish", search_type="websearch")
        ranked: QuerySet[Any] = queryset.annotate(search_vector=vector, search_rank=SearchRank(vector, query))
        return ranked.filter(Q(search_vector=query) | Q(**{f"{fields[0]}__icontains": words})).order_by("-search_rank", "pk")
    found = queryset
    for word in words.split():
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        found = found.filter(any_field)
    return found.order_by("pk")


def search(user: Any, query: str) -> SearchResults:
    """What the user may see that matches ``query`` (a fixed number of queries)."""
    words = " ".join(query.split())[:MAX_QUERY]
    results = SearchResults(words)
    if not words:
        return results
    if getattr(user, "is_authenticated", False) and has_any_role(user):
        groups: list[MunicipalGroup] = list(group_list(user))
        seen = Q(scope_q(user, "org_unit_id"))
        public = Q(group__in=groups, state=LifecycleState.ADOPTED)  # adopted goals and plans are public
        results.in_scope = scope(user)
        results.units = list(_matching(OrgUnit.objects.filter(scope_q(user, "pk")), words, ("name", "short_name"))[:LIMIT])
        results.goals = list(_matching(DevelopmentGoal.objects.filter(seen | public).select_related("org_unit"), words, ("title", "citizen_change"))[:LIMIT])
        results.indicators = list(
            _matching(GoalIndicator.objects.filter(scope_q(user, "goal__org_unit_id")).select_related("goal__org_unit"), words, ("name",))[:LIMIT]
        )
        results.quality_indicators = list(
            _matching(QualityIndicator.objects.filter(scope_q(user, "factor__org_unit_id")).select_related("factor__org_unit"), words, ("name",))[:LIMIT]
        )
        results.assignments = list(
            _matching(
                Assignment.objects.filter(scope_q(user, "issuer_id") | scope_q(user, "receiver_id")).select_related("issuer", "receiver"),
                words,
                ("title", "description"),
            )[:LIMIT]
        )
        plans = Plan.objects.filter(seen | public)
    else:
        group = group_default()
        groups = [group] if group is not None else []
        results.goals = list(
            _matching(
                DevelopmentGoal.objects.filter(group__in=groups, state=LifecycleState.ADOPTED).select_related("org_unit"), words, ("title", "citizen_change")
            )[:LIMIT]
        )
        plans = Plan.objects.filter(group__in=groups, state=LifecycleState.ADOPTED)
    results.plans = list(_plans(plans.select_related("org_unit"), words)[:LIMIT])
    results.documents = list(
        _matching(GoverningDocument.objects.filter(group__in=groups), words, ("title", "applies_to", "decided_by", "registration_number"))[:LIMIT]
    )
    return results


def _plans(plans: QuerySet[Plan], words: str) -> QuerySet[Plan]:
    """A plan has no text of its own: it is found by its unit's name, its kind ("Mål och budget",
    "Verksamhetsplan") or its year."""
    lowered = words.lower()
    kinds = [value for value, label in PlanKind.choices if lowered in str(label).lower() or lowered in value.replace("_", " ")]
    years = [int(w) for w in words.split() if w.isdigit() and len(w) == 4]
    match = Q(org_unit__name__icontains=words) | Q(kind__in=kinds)
    if years:
        match |= Q(year__in=years)
    return plans.filter(match).order_by("-year", "org_unit__name", "-revision")
