"""Dialogue between levels (seed §7 "Dialog som styrmedel"): comment threads on goals,
assessments and reports, shown with the item; ``@username`` mentions are notified by email."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.bounds import checked
from styr.core.permissions import can, require
from styr.domain.errors import RuleViolation
from styr.followup.models import Assessment, Comment, Report
from styr.organisation.models import OrgUnit
from styr.planning.models import DevelopmentGoal

MENTION = re.compile(r"(?<![\w.])@([\w.@+-]+)")


def mentioned(text: str) -> list[str]:
    """The usernames ``@mentioned`` in a text, each once, in order."""
    return list(dict.fromkeys(name.rstrip(".") for name in MENTION.findall(text)))


def _unit_of(goal: DevelopmentGoal | None, assessment: Assessment | None, report: Report | None) -> OrgUnit:
    if goal is not None:
        return goal.org_unit
    if assessment is not None:
        return assessment.goal.org_unit if assessment.goal is not None else assessment.assignment.receiver  # type: ignore[union-attr]
    if report is not None:
        return report.org_unit
    raise RuleViolation("FU-010", gettext_noop("A comment belongs to a goal, an assessment or a report."), {}, field="item")


@transaction.atomic
def comment_add(
    *,
    actor: Actor,
    text: str,
    goal: DevelopmentGoal | None = None,
    assessment: Assessment | None = None,
    report: Report | None = None,
) -> Comment:
    """Add a comment to an item's thread; mentioned people who can see the item get an email."""
    unit = _unit_of(goal, assessment, report)
    if actor is not None:
        require(actor, "dialogue.write", unit)
    if not text.strip():
        raise RuleViolation("FU-010", gettext_noop("A comment needs some text."), {}, field="text")
    user = as_user(actor)
    comment = checked(
        Comment(
            group=unit.group,
            org_unit=unit,
            goal=goal,
            assessment=assessment,
            report=report,
            author=user,
            author_name=(user.get_full_name() or user.get_username()) if user else "system",
            text=text.strip(),
        )
    )
    audit.record(actor=actor, action="comment.added", obj=comment, org_unit=unit, after={"text": comment.text})
    item = str(goal or assessment or report)
    recipients = [u for u in get_user_model().objects.filter(username__in=mentioned(comment.text), is_active=True) if u.email and can(u, "unit.view", unit)]
    if recipients:

        def notify() -> None:
            for person in recipients:
                send_mail(
                    subject=_("Styr: %(author)s mentioned you") % {"author": comment.author_name},
                    message=_("%(author)s wrote about “%(item)s”:\n\n%(text)s\n") % {"author": comment.author_name, "item": item, "text": comment.text},
                    from_email=None,
                    recipient_list=[person.email],
                )

        transaction.on_commit(notify)
    return comment


def thread(*, user: Any, goal: DevelopmentGoal | None = None, report: Report | None = None) -> list[Comment]:
    """An item's comments, for those who see its unit."""
    comments = Comment.objects.filter(goal=goal) if goal is not None else Comment.objects.filter(report=report)
    return [c for c in comments.select_related("org_unit") if can(user, "unit.view", c.org_unit)]
