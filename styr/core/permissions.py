"""The one permission policy (rule PERM-002): roles on an org unit cover its subtree.

``can(user, action, unit)`` answers one question; ``scope(user, action)`` gives the ids
of every unit where the answer is yes, for selectors to filter by.

- Politicians decide WHAT (goals, frames, adoption), officials HOW (follow-up values),
  controllers run the process for their subtree, auditors read and change nothing,
  administrators keep the tree and the registers.
- At levels without a political body (administration, operation, unit) the manager is
  an official, and sets and adopts that level's goals (seed §5.C, §7: "respektive chef i
  verksamheten").
- A role held on the executive board (KS) lets its holder see the whole group: KS leads,
  coordinates and oversees it (seed §7, uppsiktsplikt). KS controllers, officials,
  auditors and administrators also work across the group; a KS politician decides only
  within KS's own subtree, since the council's decisions belong to the council.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.http import Http404

from styr.core.errors import NotAllowed
from styr.core.middleware import request_cache
from styr.domain.levels import POLITICAL_KINDS, LevelKind
from styr.domain.org_tree import children_of, subtree_ids

POLITICIAN = "POLITICIAN"
OFFICIAL = "OFFICIAL"
CONTROLLER = "CONTROLLER"
AUDITOR = "AUDITOR"
ADMINISTRATOR = "ADMINISTRATOR"
ALL_ROLES = frozenset({POLITICIAN, OFFICIAL, CONTROLLER, AUDITOR, ADMINISTRATOR})

#: A pseudo-role: the whole group, seen from KS through its oversight duty.
OVERSIGHT = "OVERSIGHT"

#: Which roles allow which action on a unit in their subtree.
ACTION_ROLES: dict[str, frozenset[str]] = {
    "unit.view": ALL_ROLES | {OVERSIGHT},
    "unit.manage": frozenset({ADMINISTRATOR}),
    "document.manage": frozenset({ADMINISTRATOR, CONTROLLER}),
    "profile.manage": frozenset({ADMINISTRATOR, CONTROLLER}),  # the group's look in its documents, on KS
    # WHAT: politicians decide, controllers prepare
    "direction.write": frozenset({POLITICIAN, CONTROLLER}),
    "goal.write": frozenset({POLITICIAN, CONTROLLER}),
    "goal.adopt": frozenset({POLITICIAN}),
    "assignment.write": frozenset({POLITICIAN, CONTROLLER}),
    "financial_goal.write": frozenset({POLITICIAN, CONTROLLER}),
    # the pension obligations outside the balance sheet and the council's judgement of good financial
    # management, on the council: its controllers and KS's prepare them (issue 11 §1)
    "financial_management.write": frozenset({CONTROLLER}),
    "frame.set": frozenset({POLITICIAN, CONTROLLER}),  # prepare a frame proposal, on the council, before it adopts Mål och budget
    "frame.adjust": frozenset({POLITICIAN}),  # KS's adjustment of an adopted frame, held on KS itself (DIRECT_ONLY)
    "carry_over.compute": frozenset({CONTROLLER}),  # the year-end carry-over proposals, on the council (KS's controllers)
    "carry_over.decide": frozenset({POLITICIAN}),  # the council's decision on the carry-overs, held on the council itself (DIRECT_ONLY)
    "ledger.import": frozenset({CONTROLLER}),  # a unit's books read from its SIE files
    "budget.write": frozenset({POLITICIAN, CONTROLLER}),  # a unit's periodised budget (internbudget)
    "population.write": frozenset({CONTROLLER}),  # the group's population series, kept on KS
    "group_statements.write": frozenset({CONTROLLER}),  # the companies' ownership shares and internal accounts, kept on KS
    "internal_budget.adopt": frozenset({POLITICIAN}),  # the committee adopts its own split of the frame (DIRECT_ONLY)
    # a new revision of an adopted internal budget, with a reason: it undoes the committee's decision, so
    # a politician on the committee or above decides it (like the adoption), never an official
    "internal_budget.reopen": frozenset({POLITICIAN}),
    "personnel_overhead.write": frozenset({CONTROLLER}),  # the group's PO rate (PO-pålägg), kept on KS
    # a committee's investment projects and their amounts in the plan: KS's controllers and the committee's officials prepare
    "investment.write": frozenset({CONTROLLER, OFFICIAL}),
    "allocation.write": frozenset({POLITICIAN, CONTROLLER}),  # the resource allocation model and its scenarios, kept on KS
    "budget_assumption.write": frozenset({CONTROLLER}),  # the result budget's assumptions (budgetförutsättningar), kept on KS
    "plan.manage": frozenset({POLITICIAN, CONTROLLER}),
    "plan.adopt": frozenset({POLITICIAN}),
    "reporting.choose": frozenset({POLITICIAN, CONTROLLER}),
    "calendar.adopt": frozenset({POLITICIAN}),
    # HOW: officials do, controllers run the process
    "core_mission.write": frozenset({OFFICIAL, CONTROLLER}),
    "quality.write": frozenset({CONTROLLER}),
    "analysis.write": frozenset({OFFICIAL, CONTROLLER}),
    "activity.write": frozenset({OFFICIAL, CONTROLLER}),
    "measurement.record": frozenset({OFFICIAL, CONTROLLER}),
    "calendar.manage": frozenset({CONTROLLER}),
    "milestone.confirm": frozenset({CONTROLLER}),  # a body's planning step done, where no checker reads it
    "measurement.correct": frozenset({CONTROLLER}),
    "report.write": frozenset({OFFICIAL, CONTROLLER}),
    "report.review": frozenset({CONTROLLER}),
    "report.adopt": frozenset({POLITICIAN}),
    "dialogue.write": frozenset({POLITICIAN, OFFICIAL, CONTROLLER}),
    # dialogue with citizens (issue 15 §2): the committee's officials open it, moderate and answer
    # the comments and remove a citizen's details on request; gathering what was said into an
    # analysis writes the analysis, so it takes analysis.write (DIAL-005)
    "citizen_dialogue.moderate": frozenset({OFFICIAL, CONTROLLER}),
    "personnel_budget.write": frozenset({OFFICIAL, CONTROLLER}),  # a unit's positions (lönebudget): the manager keeps them
    # the balance requirement (issue 11 §4), kept on the council: controllers prepare a year's statement,
    # the council adopts it with the annual report and decides on a deficit's recovery plan or synnerliga skäl
    "balance.write": frozenset({CONTROLLER}),
    "balance.adopt": frozenset({POLITICIAN}),
    "balance.decide": frozenset({POLITICIAN}),
    # internal control (issue 12 §6, seed §7): officials draft risks and controls and report results, the
    # committee or board adopts its own plan and report (DIRECT_ONLY), KS's controllers review the reports
    "internal_control.write": frozenset({OFFICIAL, CONTROLLER}),
    "internal_control.review": frozenset({CONTROLLER}),
    "internal_control.adopt": frozenset({POLITICIAN}),
    # KS's common controls and its evaluation of the group's internal control, held on KS: its
    # controllers prepare, KS adopts (DIRECT_ONLY)
    "common_control.write": frozenset({CONTROLLER}),
    "common_control.adopt": frozenset({POLITICIAN}),
    "oversight.write": frozenset({CONTROLLER}),
    "oversight.adopt": frozenset({POLITICIAN}),
    # the companies (issue 12 §5): the owners' directives are recorded by controllers as decided by their
    # issuer (council, KS, the parent company); a company's officials answer them; the parent company
    # keeps its owner dialogues with the subsidiaries
    "owner_directive.write": frozenset({CONTROLLER}),
    "directive_answer.write": frozenset({OFFICIAL, CONTROLLER}),
    "owner_dialogue.write": frozenset({POLITICIAN, OFFICIAL, CONTROLLER}),
    # Kolada (issue 13 §1): KS's controllers keep the catalogue, the comparison group and the sync, on KS
    "kolada.sync": frozenset({CONTROLLER}),
    # single sign-on (issue 13 §2): the mapping from the identity provider's groups to roles, on the council
    "role_mapping.manage": frozenset({ADMINISTRATOR}),
}

#: Actions an official may also take on units without a political body of their own: there
#: the manager sets the level's direction, goals and assignments (seed §5.C, §7).
OFFICIAL_ON_OPERATIONAL_LEVELS = frozenset({"direction.write", "goal.write", "goal.adopt", "assignment.write"})

#: Actions an official may also take everywhere below the council: officials define quality
#: factors and indicators; the council decides its own in Mål och budget (seed §5.B).
OFFICIAL_BELOW_COUNCIL = frozenset({"quality.write"})

#: What an administration's officials do for the committee (or KS) it serves: "Till varje
#: nämnd hör en förvaltning som har till uppgift att genomföra nämndens beslut" (seed §3).
CARRIED_OUT_BY_ADMINISTRATION = frozenset(
    {
        "unit.view",
        "activity.write",
        "measurement.record",
        "report.write",
        "dialogue.write",
        "investment.write",
        "internal_control.write",
        "citizen_dialogue.moderate",
    }
)

#: Actions that need the role on the unit itself, not inherited from above: a body adopts
#: its own plan and its own internal budget, KS its own planning calendar and its adjustments of the
#: frames (a council politician's role covers KS's subtree, yet the adjustment is KS's decision).
DIRECT_ONLY = frozenset(
    {
        "plan.adopt",
        "calendar.adopt",
        "report.adopt",
        "internal_budget.adopt",
        "frame.adjust",
        "balance.adopt",
        "balance.decide",
        "carry_over.decide",
        "internal_control.adopt",
        "common_control.adopt",
        "oversight.adopt",
    }
)


@dataclass
class Grants:
    """The units each of a user's roles covers."""

    units_by_role: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    direct_units_by_role: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    served_by_own_administration: set[int] = field(default_factory=set)
    kind_of: dict[int, str] = field(default_factory=dict)
    units_of_group: dict[int, set[int]] = field(default_factory=dict)
    superuser: bool = False
    #: ``units_for`` per action: a page asks for the same action many times, and at 10,000 units
    #: each answer is a union of sets of that size (read-only to callers)
    _units_for: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)
    _groups_and_units_for: dict[str, tuple[frozenset[int], frozenset[int]]] = field(default_factory=dict, repr=False)

    def groups_and_units_for(self, action: str) -> tuple[frozenset[int], frozenset[int]]:
        """The groups the action covers whole, and the units it covers in the other groups."""
        found = self._groups_and_units_for.get(action)
        if found is None:
            units = self.units_for(action)
            whole = frozenset(group for group, members in self.units_of_group.items() if members and members <= units)
            found = self._groups_and_units_for[action] = (whole, units.difference(*(self.units_of_group[g] for g in whole)))
        return found

    def units_for(self, action: str) -> frozenset[int]:
        found = self._units_for.get(action)
        if found is None:
            found = self._units_for[action] = frozenset(self._compute_units_for(action))
        return found

    def _compute_units_for(self, action: str) -> set[int]:
        roles = ACTION_ROLES[action]
        by_role = self.direct_units_by_role if action in DIRECT_ONLY else self.units_by_role
        found: set[int] = set()
        for role in roles:
            found |= by_role.get(role, set())
        officials = self.units_by_role.get(OFFICIAL, set())
        if action in OFFICIAL_ON_OPERATIONAL_LEVELS:
            found |= {u for u in officials if self.kind_of.get(u) not in POLITICAL_KINDS}
        if action in OFFICIAL_BELOW_COUNCIL:
            found |= {u for u in officials if self.kind_of.get(u) != LevelKind.COUNCIL}
        if action in CARRIED_OUT_BY_ADMINISTRATION:
            found |= self.served_by_own_administration
        return found


def grants_for(user: Any) -> Grants:
    """Two queries, once per request (cached for the request by RequestIdMiddleware);
    outside a request (services called from commands or tests) they are read afresh."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Grants()
    cache = request_cache.get()
    key = ("grants", user.pk)
    if cache is not None and key in cache:
        return cache[key]  # type: ignore[no-any-return]
    from styr.organisation.models import OrgUnit, RoleAssignment

    grants = Grants(superuser=bool(user.is_superuser))
    assignments = list(RoleAssignment.objects.filter(user=user).values_list("role", "org_unit_id", "org_unit__kind", "group_id"))
    if assignments:
        rows = [(uid, pid, gid, kind) for gid in sorted({a[3] for a in assignments}) for uid, pid, kind in group_tree(gid)]
        parent_of = {uid: pid for uid, pid, _, _ in rows}
        grants.kind_of = {uid: kind for uid, _, _, kind in rows}
        for uid, _, gid, _ in rows:
            grants.units_of_group.setdefault(gid, set()).add(uid)
        children: dict[int, list[int]] | None = None  # made once, and only when a subtree is walked
        for role, unit_id, kind, group_id in assignments:
            grants.direct_units_by_role[role].add(unit_id)
            if role == OFFICIAL and kind == LevelKind.ADMINISTRATION and parent_of.get(unit_id) is not None:
                grants.served_by_own_administration.add(parent_of[unit_id])  # type: ignore[arg-type]
            if kind == LevelKind.EXECUTIVE_BOARD:
                # KS oversees the whole group: every unit of it is below the council, its only root
                # (ORG-002, ORG-003), so no walk is needed
                whole_group = grants.units_of_group.get(group_id, set())
                grants.units_by_role[OVERSIGHT] |= whole_group
                if role != POLITICIAN:
                    grants.units_by_role[role] |= whole_group
                    continue
            if children is None:
                children = children_of(parent_of)
            grants.units_by_role[role] |= subtree_ids(parent_of, [unit_id], children)
    if grants.superuser:
        all_rows = list(OrgUnit.objects.values_list("id", "kind", "group_id"))
        grants.kind_of.update({uid: kind for uid, kind, _ in all_rows})
        grants.units_of_group = {}
        for uid, _, gid in all_rows:
            grants.units_of_group.setdefault(gid, set()).add(uid)
        for role in ALL_ROLES | {OVERSIGHT}:
            grants.units_by_role[role] |= {uid for uid, _, _ in all_rows}
            grants.direct_units_by_role[role] |= {uid for uid, _, _ in all_rows}
    if cache is not None:
        cache[key] = grants
    return grants


def group_tree(group_id: int) -> list[tuple[int, int | None, str]]:
    """Every unit of the group as (id, parent id, kind): read once per request (the permissions and
    the economy's roll-up both walk the tree; at 10,000 units a read costs about 10 ms)."""
    from styr.organisation.models import OrgUnit

    cache = request_cache.get()
    key = ("group_tree", group_id)
    if cache is not None and key in cache:
        return cache[key]  # type: ignore[no-any-return]
    rows: list[tuple[int, int | None, str]] = list(OrgUnit.objects.filter(group_id=group_id).values_list("id", "parent_id", "kind"))
    if cache is not None:
        cache[key] = rows
    return rows


def forget_grants(user: Any) -> None:
    """Call after changing a user's roles or the tree within one request."""
    cache = request_cache.get()
    if cache is not None:
        cache.pop(("grants", user.pk), None)
        for key in [k for k in cache if isinstance(k, tuple) and k[0] == "group_tree"]:
            del cache[key]


def can(user: Any, action: str, unit: Any) -> bool:
    if unit is None:
        return False
    unit_id = unit if isinstance(unit, int) else unit.pk
    return unit_id in grants_for(user).units_for(action)


def require_visible(user: Any, unit: Any) -> None:
    """Raise 404 unless the user may see the unit: to someone outside its scope an object
    there does not exist, so the answer does not tell them which unit owns it."""
    if not can(user, "unit.view", unit):
        raise Http404


def require(user: Any, action: str, unit: Any) -> None:
    """Raise PERM-001 unless ``can``. Only ``unit.view`` answers 404 (``require_visible``): the
    selectors that find an object have already answered 404 for a unit the user does not see."""
    if action == "unit.view":
        require_visible(user, unit)
    elif not can(user, action, unit):
        raise NotAllowed(action, unit)


def scope(user: Any, action: str = "unit.view") -> frozenset[int]:
    return grants_for(user).units_for(action)


def scope_q(user: Any, unit: str = "org_unit_id", action: str = "unit.view") -> Q:
    """A filter for rows in the user's scope, ``unit`` being the lookup of the row's unit id
    ("pk" for units themselves). A group the user sees whole is matched by the row's own group
    (every table carries it), so the SQL stays short however many units the group has."""
    whole, rest = grants_for(user).groups_and_units_for(action)
    found = Q(pk__in=[])
    if whole:
        found |= Q(group_id__in=sorted(whole))
    if rest:
        found |= Q(**{f"{unit}__in": sorted(rest)})
    return found


def has_any_role(user: Any) -> bool:
    return any(grants_for(user).units_by_role.values())
