"""Reads of the dialogue with citizens for signed-in users (issue 15 §2): every dialogue and
comment, waiting ones too, of the units the user sees; the public reads are in ``styr/public/selectors.py``."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from styr.core.permissions import require_visible, scope_q
from styr.organisation.models import OrgUnit
from styr.planning.models import CitizenComment, CitizenDialogue, CommentState, CurrentStateAnalysis, DevelopmentGoal, LifecycleState, Trend

MODERATE = "citizen_dialogue.moderate"


def citizen_dialogue_list(user: Any, *, org_unit: OrgUnit | None = None) -> QuerySet[CitizenDialogue]:
    """The dialogues of the units the user sees, each with its number of comments waiting (``pending``)."""
    found = CitizenDialogue.objects.filter(scope_q(user, "org_unit_id")).select_related("org_unit", "goal", "analysis", "gathered_into", "gathered_into_trend")
    if org_unit is not None:
        found = found.filter(org_unit=org_unit)
    return found.annotate(pending=Count("comments", filter=Q(comments__state=CommentState.PENDING)))


def citizen_dialogue_get(user: Any, pk: int) -> CitizenDialogue:
    dialogue = CitizenDialogue.objects.select_related("org_unit", "goal", "analysis", "gathered_into", "gathered_into_trend").filter(pk=pk).first()
    if dialogue is None:
        raise Http404
    require_visible(user, dialogue.org_unit)
    return dialogue


def citizen_comment_list(user: Any, dialogue: CitizenDialogue) -> QuerySet[CitizenComment]:
    """A dialogue's comments, those waiting for moderation and the rejected too."""
    require_visible(user, dialogue.org_unit)
    return CitizenComment.objects.filter(dialogue=dialogue).order_by("created_at", "pk")


def citizen_comment_get(user: Any, pk: int) -> CitizenComment:
    comment = CitizenComment.objects.select_related("dialogue__org_unit").filter(pk=pk).first()
    if comment is None:
        raise Http404
    require_visible(user, comment.dialogue.org_unit)
    return comment


def dialogue_subjects(user: Any) -> tuple[list[DevelopmentGoal], list[CurrentStateAnalysis]]:
    """What the user may open a dialogue on: the adopted goals and the current-state analyses of the units they moderate."""
    goals = DevelopmentGoal.objects.filter(scope_q(user, "org_unit_id", MODERATE), state=LifecycleState.ADOPTED, ended_on__isnull=True)
    analyses = CurrentStateAnalysis.objects.filter(scope_q(user, "org_unit_id", MODERATE))
    return list(goals.select_related("org_unit").order_by("org_unit__position", "start_year", "pk")), list(
        analyses.select_related("org_unit").order_by("org_unit__position", "-year")
    )


def gather_targets(user: Any, dialogue: CitizenDialogue) -> tuple[list[CurrentStateAnalysis], list[Trend]]:
    """The unit's current-state analyses and the trends of its environment analyses of the dialogue's
    year or later (DIAL-005), if the user writes analyses."""
    mine = Q(scope_q(user, "org_unit_id", "analysis.write"), org_unit=dialogue.org_unit, year__gte=dialogue.year)
    return (
        list(CurrentStateAnalysis.objects.filter(mine).order_by("year")),
        list(Trend.objects.filter(mine).order_by("year", "category", "pk")),
    )
