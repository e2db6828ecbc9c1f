"""Writes of the risk analysis (issue 12 §1, seed §7 "Internkontroll").

- ``control_risk_create`` / ``control_risk_update`` / ``control_risk_delete``: a risk in a process or
  area of a committee, KS, a company board or a unit below one that keeps its own (IC-010), with the
  aims of §7 it threatens (IC-003). A risk with controls, or scored in a year whose internal control
  plan is adopted, is part of a decided plan and stays (IC-011).
- ``risk_score_set``: the risk's score for a year on the model's risk matrix (IC-001), chosen for
  the plan with a reason below the threshold (IC-002); one row per year, scoring again updates it.
  Once the unit's plan of the year is adopted its scores are fixed (IC-012).
- ``control_risks_copy_from_core_mission``: the unit's core-mission risks (seed §6.1) not yet in the
  register are drawn into it, their likelihood and consequence becoming the year's score (IC-013
  when there is none left to copy).

Permission first (``internal_control.write`` on the risk's unit), then the rules; every write in one
transaction with its audit event.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from styr.control.models import Control, ControlRisk, InternalControlPlan, RiskScore
from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.bounds import check_lengths
from styr.core.permissions import require
from styr.domain.errors import RuleViolation, _
from styr.domain.internal_control import PLAN_BODY_KINDS, check_aims, check_choice, check_score, risk_value
from styr.domain.limits import check_year
from styr.organisation.models import OrgUnit
from styr.planning.models import Risk

WRITE = "internal_control.write"
RISK_FIELDS = ["org_unit", "area", "description", "cause", "effect", "owner", "aims", "source_risk"]
SCORE_FIELDS = ["risk", "year", "likelihood", "consequence", "chosen", "reason"]
EDITABLE = frozenset({"area", "description", "cause", "effect", "owner", "aims"})


def _allowed(actor: Actor, unit: OrgUnit) -> None:
    if actor is not None:
        require(actor, WRITE, unit)


def check_keeps_risks(unit: OrgUnit) -> None:
    """IC-010: risks are kept by a body that adopts an internal control plan (a committee, KS, a
    company board) or by a unit below one; not by the council or a level above the bodies."""
    kinds = {unit.kind, *(a.kind for a in unit.ancestors())}
    if not kinds & {k.value for k in PLAN_BODY_KINDS}:
        raise RuleViolation(
            "IC-010",
            _("Risks in internal control are kept by a committee, the executive board, a company board or a unit below one, not by %(unit)s."),
            {"unit": unit.name, "kind": unit.kind},
            field="org_unit",
        )


def _adopted_years(unit_id: int) -> set[int]:
    return set(InternalControlPlan.objects.filter(org_unit_id=unit_id, state="adopted").values_list("year", flat=True))


def _clean_aims(aims: Sequence[str]) -> list[str]:
    check_aims(list(aims))
    return list(dict.fromkeys(aims))


@transaction.atomic
def control_risk_create(
    *,
    actor: Actor,
    org_unit: OrgUnit,
    area: str,
    description: str,
    aims: Sequence[str],
    cause: str = "",
    effect: str = "",
    owner: str = "",
    source_risk: Risk | None = None,
) -> ControlRisk:
    """A new risk in the unit's register (IC-010, IC-003)."""
    _allowed(actor, org_unit)
    check_keeps_risks(org_unit)
    risk = ControlRisk(
        group=org_unit.group,
        org_unit=org_unit,
        area=area.strip(),
        description=description.strip(),
        cause=cause.strip(),
        effect=effect.strip(),
        owner=owner.strip(),
        aims=_clean_aims(aims),
        source_risk=source_risk,
    )
    check_lengths(risk)
    risk.full_clean()
    risk.save()
    audit.record(actor=actor, action="control_risk.created", obj=risk, org_unit=org_unit, after=audit.snapshot(risk, RISK_FIELDS))
    return risk


@transaction.atomic
def control_risk_update(*, actor: Actor, risk: ControlRisk, **fields: Any) -> ControlRisk:
    """Change what the risk says (area, description, cause, effect, owner, aims: IC-003)."""
    _allowed(actor, risk.org_unit)
    unknown = sorted(set(fields) - EDITABLE)
    if unknown:
        raise TypeError(f"control_risk_update cannot change {unknown}")
    if "aims" in fields:
        fields["aims"] = _clean_aims(fields["aims"])
    before = audit.snapshot(risk, RISK_FIELDS)
    for name, value in fields.items():
        setattr(risk, name, value.strip() if isinstance(value, str) else value)
    check_lengths(risk)
    risk.full_clean()
    risk.save()
    audit.record(actor=actor, action="control_risk.updated", obj=risk, org_unit=risk.org_unit, before=before, after=audit.snapshot(risk, RISK_FIELDS))
    return risk


@transaction.atomic
def control_risk_delete(*, actor: Actor, risk: ControlRisk) -> None:
    """Remove a risk and its scores, each removed row audited. IC-011: not when a control of a plan
    is built on it, nor when it was scored in a year whose plan is adopted."""
    _allowed(actor, risk.org_unit)
    scores = list(RiskScore.objects.select_for_update().filter(risk=risk).order_by("year"))
    decided = sorted({s.year for s in scores} & _adopted_years(risk.org_unit_id))
    controls = Control.objects.filter(risk=risk).count()
    if controls or decided:
        raise RuleViolation(
            "IC-011",
            _("The risk is part of an internal control plan (a control is built on it, or its plan of the year is adopted) and cannot be removed."),
            {"controls": controls, "adopted_years": decided},
        )
    for score in scores:
        audit.record(actor=actor, action="risk_score.deleted", obj=score, org_unit=risk.org_unit, before=audit.snapshot(score, SCORE_FIELDS))
    audit.record(actor=actor, action="control_risk.deleted", obj=risk, org_unit=risk.org_unit, before=audit.snapshot(risk, RISK_FIELDS))
    risk.delete()


def check_year_open(*, unit_id: int, year: int) -> None:
    """IC-012: the scores of a year whose internal control plan is adopted are fixed."""
    if year in _adopted_years(unit_id):
        raise RuleViolation(
            "IC-012",
            _("The internal control plan of %(year)s is adopted: the risks' scores of that year can no longer be changed."),
            {"year": year},
            field="year",
        )


@transaction.atomic
def risk_score_set(*, actor: Actor, risk: ControlRisk, year: int, likelihood: int, consequence: int, chosen: bool = False, reason: str = "") -> RiskScore:
    """The risk's score for ``year`` (created, or updated when scored already that year):
    IC-001 on the matrix, IC-002 a reason to choose a risk below the threshold, IC-012 not in a
    year whose plan is adopted."""
    unit = risk.org_unit
    _allowed(actor, unit)
    check_year(field="year", label=gettext("Year"), year=year)
    governance = risk.group.governance
    matrix = governance.risk_matrix
    check_score(likelihood, consequence, likelihood_steps=matrix.likelihood_steps, consequence_steps=matrix.consequence_steps)
    reason = reason.strip()
    check_choice(value=risk_value(likelihood, consequence), chosen=chosen, reason=reason, settings=governance.internal_control)
    check_year_open(unit_id=unit.pk, year=year)
    # two scoring at once: the risk's row serialises them, so the second updates the first's score
    ControlRisk.objects.select_for_update().filter(pk=risk.pk).exists()
    score = RiskScore.objects.select_for_update().filter(risk=risk, year=year).first()
    before = audit.snapshot(score, SCORE_FIELDS) if score is not None else None
    if score is None:
        score = RiskScore(group=risk.group, risk=risk, year=year)
    score.likelihood, score.consequence, score.chosen, score.reason = likelihood, consequence, chosen, reason
    score.scored_by = as_user(actor)
    check_lengths(score)
    score.full_clean(exclude=["group", "risk", "scored_by"])
    score.save()
    audit.record(
        actor=actor,
        action="risk_score.created" if before is None else "risk_score.updated",
        obj=score,
        org_unit=unit,
        before=before,
        after={**audit.snapshot(score, SCORE_FIELDS), "risk_value": score.risk_value},
    )
    return score


@transaction.atomic
def control_risks_copy_from_core_mission(*, actor: Actor, org_unit: OrgUnit, year: int, aims: Sequence[str], area: str = "") -> list[ControlRisk]:
    """Draw the risks of the unit's core mission (seed §6.1) into its register: each not yet copied
    becomes a ControlRisk that keeps its source, threatening ``aims`` (IC-003), and its likelihood
    and consequence become the score of ``year`` (IC-001). IC-013 when none is left to copy."""
    _allowed(actor, org_unit)
    check_keeps_risks(org_unit)
    check_year(field="year", label=gettext("Year"), year=year)
    aims = _clean_aims(aims)
    copied = set(ControlRisk.objects.filter(org_unit=org_unit, source_risk__isnull=False).values_list("source_risk_id", flat=True))
    sources = [r for r in Risk.objects.filter(core_mission__org_unit=org_unit).order_by("pk") if r.pk not in copied]
    if not sources:
        raise RuleViolation(
            "IC-013",
            _("The core mission of %(unit)s has no risk that is not already in the register."),
            {"unit": org_unit.name},
        )
    check_year_open(unit_id=org_unit.pk, year=year)
    area = area.strip() or gettext("Core mission")
    made = []
    for source in sources:
        risk = control_risk_create(actor=actor, org_unit=org_unit, area=area, description=source.description, aims=aims, source_risk=source)
        risk_score_set(actor=actor, risk=risk, year=year, likelihood=source.likelihood, consequence=source.consequence)
        made.append(risk)
    return made
