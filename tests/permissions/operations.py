"""Every operation of the OpenAPI document as a request the matrix can send: its path filled from
the world (one object in scope A, one in scope B, see ``world.SCOPES``) and a minimal body built
from the operation's schema. Kept free of expectations: those are ``build_matrix``'s."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

from styr.organisation.models import OrgUnit
from tests.permissions.needs import WRITES, Need
from tests.permissions.world import SCOPE_UNITS, MatrixWorld

#: The units an object of each scope is looked for on, nearest first.
SCOPE_PREFERENCE = {
    "A": ("Hagaskolan", "Grundskola", "Utbildningsförvaltningen", "Utbildningsnämnden"),
    "B": (SCOPE_UNITS["B"], "Vård och omsorg", "Omsorgsförvaltningen", "Omsorgsnämnden"),
}

#: path parameter -> model label; a tuple picks by a word in the path (first match wins).
PARAM_MODELS: dict[str, str | tuple[tuple[str, str], ...]] = {
    "unit_id": "organisation.OrgUnit",
    "org_unit": "organisation.OrgUnit",
    "committee_id": "organisation.OrgUnit",
    "body_id": "organisation.OrgUnit",
    "mission_id": "planning.CoreMission",
    "risk_id": (("/control/", "control.ControlRisk"), ("", "planning.Risk")),
    "factor_id": "planning.QualityFactor",
    "indicator_id": (("goal-indicators", "planning.GoalIndicator"), ("", "planning.QualityIndicator")),
    "trend_id": "planning.Trend",
    "area_id": "planning.DevelopmentArea",
    "goal_id": (("financial-goals", "planning.FinancialGoal"), ("", "planning.DevelopmentGoal")),
    "assignment_id": "planning.Assignment",
    "activity_id": "planning.Activity",
    "plan_id": (("/control/", "control.InternalControlPlan"), ("", "planning.Plan")),
    "milestone_id": "followup.PlanningMilestone",
    "series_id": "economy.PopulationSeries",
    "adoption_id": "economy.InternalBudgetAdoption",
    "position_id": "economy.Position",
    "rate_id": "economy.PersonnelOverheadRate",
    "model_id": "economy.AllocationModel",
    "driver_id": "economy.AllocationDriver",
    "fixed_amount_id": "economy.AllocationFixedAmount",
    "adjustment_id": "economy.PoliticalAdjustment",
    "project_id": "economy.InvestmentProject",
    "carry_over_id": "economy.CarryOver",
    "directive_id": "control.OwnerDirective",
    "demand_id": "control.DirectiveDemand",
    "result_id": "control.ControlResult",
    "action_id": "control.Action",
    "report_id": (("/control/", "control.InternalControlReport"), ("", "followup.Report")),
    "evaluation_id": "control.OversightEvaluation",
    "control_id": "control.Control",
    "common_id": "control.CommonControl",
    "period_id": "followup.ReportingPeriod",
    "deviation_id": "control.Deviation",
    "dialogue_id": "planning.CitizenDialogue",
    # the first comment of a dialogue is the one waiting for moderation (world._citizen_dialogues)
    "comment_id": "planning.CitizenComment",
    "document_id": "organisation.GoverningDocument",
    "project_milestone_id": "planning.ProjectMilestone",
    "review_id": "planning.ProcessReview",
    "member_id": "planning.ProjectMember",
}

#: Body properties that name another object by its id -> the path parameter whose model it is, or
#: OrgUnit for a unit that is not the one the write is about. Each is filled with the first such row
#: of the world's group, never with a bare 1: ids differ by database and by what ran before.
BODY_REFS: dict[str, str] = {
    "period": "period_id",
    "factor": "factor_id",
    "plan": "plan_id",
    "risk": "risk_id",
    "control_id": "control_id",
    "directive_id": "directive_id",
    "demand_id": "demand_id",
    "result_id": "result_id",
    "deviation_id": "deviation_id",
    "issuer": "org_unit",
    "issuer_id": "org_unit",
    "receiver": "org_unit",
    "company_id": "org_unit",
    "parent_company_id": "org_unit",
    "counterpart": "org_unit",
}

#: Objects of the whole group rather than of one unit: the allocation model and its rows (KS's, for
#: KF), the årshjul's periods and planning steps, KS's common controls. Every member of the group
#: reads them, and the permission to change them is KS's, whatever committee a row names.
GROUP_LEVEL = frozenset(
    {
        "economy.AllocationModel",
        "economy.AllocationDriver",
        "economy.AllocationFixedAmount",
        "economy.PoliticalAdjustment",
        "followup.PlanningMilestone",
        "followup.ReportingPeriod",
        "control.CommonControl",
        # the register of governing documents is the group's (public to its members); a document
        # without an owning unit is managed where the group's root is (document.manage)
        "organisation.GoverningDocument",
    }
)

#: Paths whose {org_unit} is a member of the group's accounts (GroupMember), not a unit of a scope.
GROUP_MEMBER_PATHS = ("/api/v1/group/members/", "/api/v1/group/internal-accounts/")

#: Objects read from a second unit besides their own: an assignment is seen by those who see its
#: issuer (whose writers change it) or its receiver (planning.selectors.assignment_get).
ALSO_READ_FROM = {"planning.Assignment": "receiver"}

#: What hangs below an assignment (seed §7, PROJ-001…005) is read like the assignment (issuer or
#: receiver) and written by one of the two: a project's timetable and a process's reviews by the
#: receiver, who carries it out; the project's organisation by the issuer. label -> (writer, reader).
THROUGH_ASSIGNMENT = {
    "planning.ProjectMilestone": ("receiver", "issuer"),
    "planning.ProcessReview": ("receiver", "issuer"),
    "planning.ProjectMember": ("issuer", "receiver"),
}

#: Body properties that name the unit the write is about.
UNIT_FIELDS = ("org_unit", "org_unit_id", "unit_id", "unit", "committee", "committee_id", "body", "body_id", "company", "owner")


def _unit_of(obj: Any, depth: int = 0) -> OrgUnit | None:
    """The org unit an object belongs to: itself, or the first unit reached through its foreign keys."""
    if isinstance(obj, OrgUnit):
        return obj
    if obj._meta.label in THROUGH_ASSIGNMENT:
        return getattr(obj.assignment, THROUGH_ASSIGNMENT[obj._meta.label][0])  # type: ignore[no-any-return]
    if depth > 3:
        return None
    fks = [f for f in obj._meta.fields if isinstance(f, models.ForeignKey) and f.name not in ("group", "created_by", "updated_by", "actor", "user")]
    fks.sort(key=lambda f: (f.related_model is not OrgUnit, f.name not in UNIT_FIELDS))
    for f in fks:
        target = getattr(obj, f.name, None)
        if target is None:
            continue
        found = _unit_of(target, depth + 1)
        if found is not None:
            return found
    return None


@dataclass
class Target:
    """One filled request: the object (and its unit) the permission is about, or none for a list."""

    path: str
    body: Any
    unit: OrgUnit | None
    note: str = ""
    #: the object is the whole group's (GROUP_LEVEL): every member reads it, KS's roles change it
    group_level: bool = False
    #: the body is a form with a file (an upload), sent as multipart/form-data as a client would
    multipart: bool = False
    #: a second unit whose readers also read the object (ALSO_READ_FROM); its writes stay the unit's
    read_from: OrgUnit | None = None
    #: a unit the body names besides the object's own (a milestone confirmed for a body): to someone
    #: who does not see it, it does not exist (404), whatever they may do to the object
    names: OrgUnit | None = None
    #: the object the path names (its first parameter's), from which a write's permission may be
    #: checked on another unit than its own (an assignment's issuer: ``needs.WRITES``)
    obj: Any = None


@dataclass
class Operation:
    method: str
    path: str  # the template, /api/v1/goals/{goal_id}
    operation: dict[str, Any] = field(repr=False)

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def public(self) -> bool:
        return not self.operation.get("security")

    @property
    def writes(self) -> bool:
        return self.method != "GET"

    @property
    def needs(self) -> tuple[Need, ...]:
        """The permissions a write needs (``needs.WRITES``); KeyError for an operation without an entry."""
        return WRITES[self.key]

    @property
    def params(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.path)


def operations(document: dict[str, Any]) -> list[Operation]:
    return [Operation(method.upper(), path, op) for path, item in document["paths"].items() for method, op in item.items()]


class Resolver:
    """Finds, once per model and scope, the object a request is sent about."""

    def __init__(self, world: MatrixWorld, document: dict[str, Any]) -> None:
        self.world = world
        self.document = document
        self._cache: dict[tuple[str, str, bool], Any] = {}
        self._path = ""  # the operation whose body is being built
        self._named_field = ""  # the body's first field that names a unit

    def object(self, label: str, scope: str, *, kolada: bool = False) -> Any:
        key = (label, scope, kolada)
        if key not in self._cache:
            self._cache[key] = self._find(label, scope, kolada=kolada)
        return self._cache[key]

    def _find(self, label: str, scope: str, *, kolada: bool = False) -> Any:
        model = apps.get_model(label)
        if model is OrgUnit:
            return self.world.units[SCOPE_PREFERENCE[scope][0]]
        rows = model.objects.filter(group=self.world.group) if any(f.name == "group" for f in model._meta.fields) else model.objects.all()
        if kolada:
            # a Kolada comparison is of an indicator bound to a key figure (KOLADA-012 otherwise)
            rows = rows.exclude(kolada_kpi="")
        ranked: dict[str, Any] = {}
        fallback = None
        for row in rows.order_by("pk")[:400]:
            unit = _unit_of(row)
            fallback = fallback or row
            if unit is not None and unit.name in SCOPE_PREFERENCE[scope] and unit.name not in ranked:
                ranked[unit.name] = row
        for name in SCOPE_PREFERENCE[scope]:
            if name in ranked:
                return ranked[name]
        return fallback  # a group-level object: the same in both scopes

    def fill(self, op: Operation, scope: str) -> Target | None:
        """The request for one scope; None when the world holds no such object."""
        path = op.path
        unit: OrgUnit | None = None
        first: Any = None
        group_level = False
        read_from: OrgUnit | None = None
        for name in op.params:
            value: Any
            if name in ("year", "origin_year"):
                value = _year_of(first) or self.world_year
            elif name == "period":
                value = f"{self.world_year}-01"
            elif name == "slug":
                value = self.world.group.slug
            elif name == "org_unit" and op.path.startswith(GROUP_MEMBER_PATHS):
                # a member of the group's accounts (the municipality or a company), not a unit of
                # scope A or B: the same member in both scopes, seen by those who see its unit
                member = apps.get_model("economy.GroupMember").objects.filter(group=self.world.group).order_by("pk").first()
                if member is None:
                    return None
                unit = member.org_unit
                value = member.org_unit_id
            elif name == "account":
                value = "3001"
            elif name == "kpi_id":
                kpi = apps.get_model("planning.KoladaKpi").objects.order_by("pk").first()
                if kpi is None:
                    return None
                value = kpi.pk
            elif name == "sync_id":
                run = _first_model_row("KoladaSyncRun")
                if run is None:
                    return None
                value = run.pk
            elif name == "other_id":
                value = first.pk if first is not None else None
            else:
                label = _label_for(name, op.path)
                obj = self.object(label, scope, kolada="/kolada/" in op.path and label == "planning.GoalIndicator")
                if obj is None:
                    return None
                if first is None and label in GROUP_LEVEL:
                    group_level, unit = True, self.world.executive_board
                if first is None and label in ALSO_READ_FROM:
                    read_from = getattr(obj, ALSO_READ_FROM[label])
                if first is None and label in THROUGH_ASSIGNMENT:
                    read_from = getattr(obj.assignment, THROUGH_ASSIGNMENT[label][1])
                first = first or obj
                unit = unit or _unit_of(obj)
                value = obj.pk
            path = path.replace("{" + name + "}", str(value))
        body, multipart = None, False
        named: OrgUnit | None = None
        if "requestBody" in op.operation:
            body, body_unit = self.body(op, scope)
            # a body the write is done for, besides its object (a planning step confirmed for a body:
            # the permission is on that body, so to someone who does not see it, it does not exist)
            named = body_unit if unit is not None and self._named_field == "body" else None
            unit = unit or body_unit
            multipart = "multipart/form-data" in op.operation["requestBody"].get("content", {})
        return Target(path=path, body=body, unit=unit, group_level=group_level, multipart=multipart, read_from=read_from, names=named, obj=first)

    @property
    def world_year(self) -> int:
        from django.utils import timezone

        return timezone.localdate().year

    def body(self, op: Operation, scope: str) -> tuple[Any, OrgUnit | None]:
        content: dict[str, Any] = op.operation["requestBody"].get("content", {})
        media: dict[str, Any] = content.get("application/json") or next(iter(content.values()), {})
        schema: dict[str, Any] = media.get("schema", {})
        unit = self.world.units[SCOPE_PREFERENCE[scope][0]]
        found: list[OrgUnit] = []
        self._path = op.path
        self._named_field = ""
        value = self._example(schema, unit, found, name="")
        return value, (found[0] if found else None)

    def _first_of(self, label: str) -> int | None:
        """The first row of a model in the world's group (by id), for a body's reference to it."""
        model = apps.get_model(label)
        row = model.objects.filter(group=self.world.group).order_by("pk").first()
        return row.pk if row is not None else None

    def _deref(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.document["components"]["schemas"][name]
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self._deref(schema["allOf"][0])
        return schema

    def _example(self, schema: dict[str, Any], unit: OrgUnit, found: list[OrgUnit], name: str) -> Any:
        schema = self._deref(schema)
        if "anyOf" in schema:
            options = [self._deref(s) for s in schema["anyOf"]]
            non_null = [s for s in options if s.get("type") != "null"]
            return self._example(non_null[0], unit, found, name) if non_null else None
        if "default" in schema:
            return schema["default"]
        if "enum" in schema:
            return schema["enum"][0]
        kind = schema.get("type")
        if kind == "object" or "properties" in schema:
            required = schema.get("required", [])
            return {key: self._example(sub, unit, found, key) for key, sub in schema.get("properties", {}).items() if key in required}
        if kind == "array":
            return []
        if kind == "integer":
            if name in BODY_REFS:
                return self._first_of(_label_for(BODY_REFS[name], self._path))
            if name in UNIT_FIELDS or name.endswith("unit_id") or name.endswith("committee_id"):
                if not found:
                    self._named_field = name
                found.append(unit)
                return unit.pk
            if name == "year" or name.endswith("_year"):
                return self.world_year
            return schema.get("minimum", 1)
        if kind == "number":
            return schema.get("minimum", 1)
        if kind == "boolean":
            return False
        if kind == "string":
            fmt = schema.get("format")
            if fmt == "binary":
                return FILE
            if fmt == "date":
                return f"{self.world_year}-01-15"
            if fmt == "date-time":
                return f"{self.world_year}-01-15T12:00:00Z"
            if fmt == "decimal" or ("pattern" in schema and "\\d" in schema["pattern"]):
                return "1"
            return "x" * max(1, int(schema.get("minLength", 1)))
        return None


#: a file field of a multipart body: the request sends a small file in its place
FILE = "<file>"


def _label_for(name: str, path: str) -> str:
    choice = PARAM_MODELS[name]
    if isinstance(choice, str):
        return choice
    return next(label for word, label in choice if word in path)


def _year_of(obj: Any) -> int | None:
    """The year an object is of: its own, or its allocation model's budget year (a driver's count)."""
    year = getattr(obj, "year", None)
    if not isinstance(year, int):
        year = getattr(getattr(obj, "model", None), "budget_year", None)
    return year if isinstance(year, int) else None


def _first_model_row(name: str) -> Any:
    for model in apps.get_models():
        if model.__name__ == name:
            return model._default_manager.order_by("pk").first()
    return None
