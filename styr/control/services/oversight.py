"""Writes of KS's evaluation of the group's internal control (issue 12 §4, seed §7).

- ``evaluation_create`` / ``evaluation_update``: KS's controllers (``oversight.write`` on KS) write
  the year's evaluation and KS's decision on actions, as a draft (IC-042: one a year).
- ``evaluation_adopt``: KS adopts it (``oversight.adopt``, a politician on KS itself) as a decision
  (date, §, registration number) with a frozen snapshot of the overview it judged (JSON + SHA-256);
  the evaluation must be written (IC-041), and once adopted it is locked (IC-040).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from styr.control.models import OversightEvaluation
from styr.control.selectors.oversight import executive_board_of, oversight_overview, overview_content
from styr.core import audit
from styr.core.actors import Actor
from styr.core.bounds import check_lengths
from styr.core.permissions import require
from styr.domain.limits import check_year
from styr.domain.oversight import check_evaluation_written, check_not_adopted, check_one_per_year
from styr.domain.plans import snapshot_hash
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.services.plans import decision_record

FIELDS = ["year", "evaluation", "measures", "state"]


@transaction.atomic
def evaluation_create(*, actor: Actor, group: MunicipalGroup, year: int, evaluation: str = "", measures: str = "") -> OversightEvaluation:
    board = executive_board_of(group)
    if actor is not None:
        require(actor, "oversight.write", board)
    check_year(field="year", label=gettext("Year"), year=year)
    # two creating the year's evaluation at once: the second waits here and then finds the first (IC-042)
    OrgUnit.objects.select_for_update().filter(pk=board.pk).exists()
    check_one_per_year(exists=OversightEvaluation.objects.filter(group=group, year=year).exists(), year=year)
    found = OversightEvaluation(group=group, year=year, evaluation=evaluation.strip(), measures=measures.strip())
    check_lengths(found)
    found.save()
    audit.record(actor=actor, action="oversight_evaluation.created", obj=found, org_unit=board, after=audit.snapshot(found, FIELDS))
    return found


@transaction.atomic
def evaluation_update(*, actor: Actor, evaluation: OversightEvaluation, text: str | None = None, measures: str | None = None) -> OversightEvaluation:
    board = executive_board_of(evaluation.group)
    if actor is not None:
        require(actor, "oversight.write", board)
    found = OversightEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    check_not_adopted(state=found.state, year=found.year)
    before = audit.snapshot(found, FIELDS)
    if text is not None:
        found.evaluation = text.strip()
    if measures is not None:
        found.measures = measures.strip()
    check_lengths(found)
    found.save(update_fields=["evaluation", "measures"])
    audit.record(actor=actor, action="oversight_evaluation.updated", obj=found, org_unit=board, before=before, after=audit.snapshot(found, FIELDS))
    return found


@transaction.atomic
def evaluation_adopt(
    *,
    actor: Actor,
    evaluation: OversightEvaluation,
    decided_on: date,
    paragraph: str,
    registration_number: str,
    today: date | None = None,
) -> OversightEvaluation:
    """KS adopts its evaluation: a decision of KS, and the overview as it stood frozen with it."""
    group = evaluation.group
    board = executive_board_of(group)
    if actor is not None:
        require(actor, "oversight.adopt", board)
    found = OversightEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    check_not_adopted(state=found.state, year=found.year)
    check_evaluation_written(evaluation=found.evaluation)
    before = audit.snapshot(found, FIELDS)
    decision = decision_record(
        actor=actor,
        body=board,
        decided_on=decided_on,
        paragraph=paragraph,
        registration_number=registration_number,
        title=gettext("Evaluation of the internal control %(year)s") % {"year": found.year},
    )
    overview = oversight_overview(None, group=group, year=found.year, today=today or timezone.localdate())
    snapshot = {
        "year": found.year,
        "evaluation": found.evaluation,
        "measures": found.measures,
        "overview": overview_content(overview),
    }
    found.snapshot, found.snapshot_sha256 = snapshot, snapshot_hash(snapshot)
    found.state, found.decision, found.adopted_at = "adopted", decision, timezone.now()
    found.save(update_fields=["snapshot", "snapshot_sha256", "state", "decision", "adopted_at"])
    audit.record(
        actor=actor,
        action="oversight_evaluation.adopted",
        obj=found,
        org_unit=board,
        before=before,
        after={**audit.snapshot(found, FIELDS), "decision_text": str(decision), "snapshot_sha256": found.snapshot_sha256},
    )
    return found
