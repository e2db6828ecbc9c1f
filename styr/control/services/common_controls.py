"""Writes of KS's common controls (kommungemensamma kontrollmoment, issue 12 §2): controls KS
requires in every committee's (or every company's) internal control plan for a year. KS's
controllers draft them (``common_control.write`` on KS); KS adopts the year's drafts in one
decision (``common_control.adopt``, DIRECT_ONLY), and they are then carried into every draft plan
of the year they apply to. An adopted common control is locked (IC-027)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from styr.control.models import CommonControl, InternalControlPlan
from styr.control.services.plans import _carry_common, _check_control, applies_to
from styr.core import audit
from styr.core.actors import Actor
from styr.core.bounds import check_lengths
from styr.core.permissions import require
from styr.domain.control_plans import check_common_open, check_common_to_adopt
from styr.domain.levels import LevelKind
from styr.domain.limits import check_year
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.services.plans import decision_record

COMMON_FIELDS = ("title", "method", "method_text", "sample_size", "frequency", "report_months", "area", "applies_to")


def executive_board(group: MunicipalGroup) -> OrgUnit:
    """KS, who sets the common controls."""
    return OrgUnit.objects.get(group=group, kind=LevelKind.EXECUTIVE_BOARD.value, valid_to__isnull=True)


def _check(fields: dict[str, Any]) -> None:
    _check_control({name: fields[name] for name in fields if name != "applies_to"})


def _save(common: CommonControl) -> None:
    check_lengths(common)
    common.full_clean(exclude=["group", "decision"])
    common.save()


@transaction.atomic
def common_control_create(*, actor: Actor, group: MunicipalGroup, year: int, **fields: Any) -> CommonControl:
    """A draft common control for ``year`` (IC-024…IC-026 as any control)."""
    ks = executive_board(group)
    if actor is not None:
        require(actor, "common_control.write", ks)
    check_year(field="year", label=gettext("Year"), year=year)
    unknown = set(fields) - set(COMMON_FIELDS)
    if unknown:
        raise TypeError(f"common_control_create takes no {sorted(unknown)}")
    _check({"method": "sample", "frequency": "once", **fields})
    common = CommonControl(group=group, year=year, **fields)
    _save(common)
    audit.record(actor=actor, action="common_control.created", obj=common, org_unit=ks, after=audit.snapshot(common))
    return common


@transaction.atomic
def common_control_update(*, actor: Actor, common: CommonControl, **fields: Any) -> CommonControl:
    """Change a draft common control; an adopted one is locked (IC-027)."""
    ks = executive_board(common.group)
    if actor is not None:
        require(actor, "common_control.write", ks)
    common = CommonControl.objects.select_for_update().get(pk=common.pk)
    check_common_open(adopted=common.decision_id is not None)
    unknown = set(fields) - set(COMMON_FIELDS)
    if unknown:
        raise TypeError(f"common_control_update takes no {sorted(unknown)}")
    _check({name: fields.get(name, getattr(common, name)) for name in COMMON_FIELDS})
    before = audit.snapshot(common)
    for name, value in fields.items():
        setattr(common, name, value)
    _save(common)
    audit.record(actor=actor, action="common_control.updated", obj=common, org_unit=ks, before=before, after=audit.snapshot(common))
    return common


@transaction.atomic
def common_control_delete(*, actor: Actor, common: CommonControl) -> None:
    """Remove a draft common control; an adopted one is locked (IC-027)."""
    ks = executive_board(common.group)
    if actor is not None:
        require(actor, "common_control.write", ks)
    check_common_open(adopted=common.decision_id is not None)
    audit.record(actor=actor, action="common_control.deleted", obj=common, org_unit=ks, before=audit.snapshot(common))
    common.delete()


@transaction.atomic
def common_controls_adopt(*, actor: Actor, group: MunicipalGroup, year: int, decided_on: date, paragraph: str, registration_number: str) -> list[CommonControl]:
    """KS adopts the year's draft common controls in one decision (IC-028: at least one); each is
    then carried into every draft plan of the year it applies to (a proposed or adopted plan is
    not changed: it gets them when withdrawn and synced, or in next year's plan)."""
    ks = executive_board(group)
    if actor is not None:
        require(actor, "common_control.adopt", ks)
    drafts = list(CommonControl.objects.select_for_update().filter(group=group, year=year, decision__isnull=True).order_by("pk"))
    check_common_to_adopt(count=len(drafts), year=year)
    decision = decision_record(
        actor=actor,
        body=ks,
        decided_on=decided_on,
        paragraph=paragraph,
        registration_number=registration_number,
        title=gettext("Common controls of internal control %(year)s") % {"year": year},
    )
    plans = list(InternalControlPlan.objects.filter(group=group, year=year, state="draft").select_related("org_unit", "group"))
    for common in drafts:
        common.decision = decision
        common.save(update_fields=["decision"])
        audit.record(actor=actor, action="common_control.adopted", obj=common, org_unit=ks, after={"decision": str(decision), "year": year})
        for plan in plans:
            if applies_to(common.applies_to, plan.org_unit.kind):
                _carry_common(actor, plan, common)
    return drafts
