"""Writes of the dialogue with citizens (issue 15 §2, DIAL-001…DIAL-006).

A citizen's name and email are personal data: they are never copied into the audit log (its
events say only whether the comment was signed), so blanking them on the comment removes them.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from styr.core import audit
from styr.core.actors import Actor, as_user
from styr.core.bounds import check_lengths
from styr.core.permissions import require, scope_q
from styr.domain import citizen_dialogue as rules
from styr.domain.errors import RuleViolation, _
from styr.organisation.models import MunicipalGroup, OrgUnit
from styr.planning.models import CitizenComment, CitizenDialogue, CommentState, CurrentStateAnalysis, DevelopmentGoal, LifecycleState, Trend

MODERATE = "citizen_dialogue.moderate"
#: receipt codes: no 0/O, 1/I/L, so a citizen can read one back on the phone
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _dialogue_after(dialogue: CitizenDialogue) -> dict[str, object]:
    return audit.snapshot(
        dialogue, ["org_unit", "goal", "analysis", "title", "description", "opens_on", "closes_on", "gathered_into", "gathered_into_trend", "gathered_summary"]
    )


def _comment_after(comment: CitizenComment) -> dict[str, object]:
    """What the audit log keeps of a comment: never the author's name or email (DIAL-006)."""
    return {
        "dialogue": comment.dialogue_id,
        "text": comment.text,
        "signed": bool(comment.author_name),
        "state": comment.state,
        "answer": comment.answer,
    }


@transaction.atomic
def citizen_dialogue_open(
    *,
    actor: Actor,
    org_unit: OrgUnit,
    title: str,
    opens_on: date,
    closes_on: date,
    goal: DevelopmentGoal | None = None,
    analysis: CurrentStateAnalysis | None = None,
    description: str = "",
) -> CitizenDialogue:
    """DIAL-001: a unit opens a dialogue on one of its own adopted goals or its current-state analysis."""
    if actor is not None:
        require(actor, MODERATE, org_unit)
    if (goal is None) == (analysis is None):
        raise RuleViolation("DIAL-001", _("A dialogue is about one adopted goal or one current-state analysis."), {}, field="goal")
    if goal is not None and (goal.org_unit_id != org_unit.pk or goal.state != LifecycleState.ADOPTED):
        raise RuleViolation("DIAL-001", _("A dialogue can only be opened on an adopted goal of the unit."), {"goal": goal.title}, field="goal")
    if analysis is not None and analysis.org_unit_id != org_unit.pk:
        raise RuleViolation(
            "DIAL-001", _("A dialogue can only be opened on the unit's own current-state analysis."), {"analysis": str(analysis)}, field="analysis"
        )
    if not title.strip():
        raise RuleViolation("DIAL-001", _("A dialogue needs a question."), {}, field="title")
    rules.check_dialogue_period(opens_on, closes_on)
    dialogue = CitizenDialogue(
        group=org_unit.group,
        org_unit=org_unit,
        goal=goal,
        analysis=analysis,
        title=title.strip(),
        description=description.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        opened_by=as_user(actor),
    )
    check_lengths(dialogue)
    dialogue.save()
    audit.record(actor=actor, action="citizen_dialogue.opened", obj=dialogue, org_unit=org_unit, after=_dialogue_after(dialogue))
    return dialogue


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def citizen_comment_post(*, dialogue: CitizenDialogue, text: str, name: str = "", email: str = "", today: date | None = None) -> CitizenComment:
    """A citizen's comment, waiting for moderation (DIAL-002, DIAL-004). The spam guard (DIAL-003)
    has already let the request through (``styr/public/citizen_guard.py``)."""
    rules.check_open(dialogue.opens_on, dialogue.closes_on, today or timezone.localdate())
    text, name = rules.clean_comment(text, name)
    email = email.strip()
    if email and ("@" not in email or len(email) > 254 or any(c.isspace() for c in email)):
        raise RuleViolation("DIAL-002", _("The email address is not valid."), {}, field="email")
    comment = CitizenComment(group=dialogue.group, dialogue=dialogue, text=text, author_name=name, author_email=email, receipt_code=new_receipt_code())
    check_lengths(comment)
    comment.save()
    audit.record(actor=None, action="citizen_comment.posted", obj=comment, org_unit=dialogue.org_unit, after=_comment_after(comment))
    return comment


@transaction.atomic
def citizen_comment_moderate(*, actor: Actor, comment: CitizenComment, approve: bool) -> CitizenComment:
    """DIAL-004: an official of the unit shows or rejects a comment waiting for moderation."""
    if actor is not None:
        require(actor, MODERATE, comment.dialogue.org_unit)
    if comment.state != CommentState.PENDING:
        raise RuleViolation("DIAL-004", _("Only a comment waiting for moderation can be shown or rejected."), {"state": comment.state}, field="state")
    before = _comment_after(comment)
    comment.state = CommentState.APPROVED if approve else CommentState.REJECTED
    comment.moderated_by = as_user(actor)
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["state", "moderated_by", "moderated_at"])
    action = "citizen_comment.approved" if approve else "citizen_comment.rejected"
    audit.record(actor=actor, action=action, obj=comment, org_unit=comment.dialogue.org_unit, before=before, after=_comment_after(comment))
    return comment


@transaction.atomic
def citizen_comment_answer(*, actor: Actor, comment: CitizenComment, answer: str) -> CitizenComment:
    """DIAL-004: the unit answers a shown comment in public (a second answer replaces the first)."""
    if actor is not None:
        require(actor, MODERATE, comment.dialogue.org_unit)
    if comment.state != CommentState.APPROVED:
        raise RuleViolation("DIAL-004", _("Only a comment that is shown can be answered."), {"state": comment.state}, field="answer")
    if not answer.strip():
        raise RuleViolation("DIAL-004", _("An answer needs some text."), {}, field="answer")
    before = _comment_after(comment)
    comment.answer = answer.strip()
    comment.answered_by = as_user(actor)
    comment.answered_at = timezone.now()
    check_lengths(comment)
    comment.save(update_fields=["answer", "answered_by", "answered_at"])
    audit.record(actor=actor, action="citizen_comment.answered", obj=comment, org_unit=comment.dialogue.org_unit, before=before, after=_comment_after(comment))
    return comment


@transaction.atomic
def citizen_dialogue_gather(*, actor: Actor, dialogue: CitizenDialogue, summary: str, year: int | None = None, trend: Trend | None = None) -> CitizenDialogue:
    """DIAL-005: what citizens said goes, as a source the analysis links back to (and the dialogue to
    the analysis), either into the unit's current-state analysis of ``year`` or into one ``trend`` of
    its environment analysis, of the dialogue's year or a later one. Gathering again moves it."""
    if actor is not None:
        require(actor, "analysis.write", dialogue.org_unit)
    if (year is None) == (trend is None):
        raise RuleViolation("DIAL-005", _("Gather into either a current-state analysis or a trend of the environment analysis."), {}, field="year")
    analysis: CurrentStateAnalysis | None = None
    if trend is not None:
        if trend.org_unit_id != dialogue.org_unit_id:
            raise RuleViolation("DIAL-005", _("A dialogue can only be gathered into a trend of its own unit."), {"trend": trend.title}, field="trend")
        rules.check_gather_year(dialogue.year, trend.year, field="trend")
    else:
        assert year is not None
        rules.check_gather_year(dialogue.year, year)
        analysis = CurrentStateAnalysis.objects.filter(org_unit_id=dialogue.org_unit_id, year=year).first()
        if analysis is None:
            raise RuleViolation("DIAL-005", _("The unit has no current-state analysis for %(year)s yet."), {"year": year}, field="year")
    if not summary.strip():
        raise RuleViolation("DIAL-005", _("Sum up what citizens said."), {}, field="summary")
    before = _dialogue_after(dialogue)
    dialogue.gathered_into = analysis
    dialogue.gathered_into_trend = trend
    dialogue.gathered_summary = summary.strip()
    check_lengths(dialogue)
    dialogue.save(update_fields=["gathered_into", "gathered_into_trend", "gathered_summary"])
    audit.record(actor=actor, action="citizen_dialogue.gathered", obj=dialogue, org_unit=dialogue.org_unit, before=before, after=_dialogue_after(dialogue))
    return dialogue


@transaction.atomic
def citizen_dialogue_close(*, actor: Actor, dialogue: CitizenDialogue, today: date | None = None) -> CitizenDialogue:
    """DIAL-001: an official of the unit closes an open dialogue before its closing day; it takes no
    more comments from tomorrow on (its closing day becomes today)."""
    if actor is not None:
        require(actor, MODERATE, dialogue.org_unit)
    today = today or timezone.localdate()
    rules.check_close_early(dialogue.opens_on, dialogue.closes_on, today)
    before = _dialogue_after(dialogue)
    dialogue.closes_on = today
    dialogue.save(update_fields=["closes_on"])
    audit.record(actor=actor, action="citizen_dialogue.closed", obj=dialogue, org_unit=dialogue.org_unit, before=before, after=_dialogue_after(dialogue))
    return dialogue


# --- DIAL-006: personal data ----------------------------------------------------------------------


def _with_details() -> Q:
    return ~Q(author_name="") | ~Q(author_email="")


def _blank(comments: Iterable[CitizenComment], *, actor: Actor, action: str, reason: str) -> int:
    count = 0
    now = timezone.now()
    for comment in comments:
        comment.author_name = ""
        comment.author_email = ""
        comment.personal_data_removed_at = now
        comment.save(update_fields=["author_name", "author_email", "personal_data_removed_at"])
        audit.record(actor=actor, action=action, obj=comment, org_unit=comment.dialogue.org_unit, after={"reason": reason})
        count += 1
    return count


@transaction.atomic
def citizen_data_remove(*, actor: Actor, receipt_code: str = "", email: str = "") -> int:
    """Remove a citizen's name and email on their request, found by the receipt code they were
    given or by their email; an official removes only in the units they moderate, the system
    (``manage.py remove_citizen_data``) anywhere. The number of comments blanked."""
    code, mail = receipt_code.strip().upper(), email.strip()
    if not code and not mail:
        raise RuleViolation("DIAL-006", _("Give the receipt code or the email address the comments were left with."), {}, field="receipt_code")
    found: QuerySet[CitizenComment] = CitizenComment.objects.select_related("dialogue__org_unit").filter(_with_details())
    found = found.filter(receipt_code=code) if code else found.filter(author_email__iexact=mail)
    if actor is not None:
        found = found.filter(scope_q(actor, "dialogue__org_unit_id", MODERATE))
    return _blank(found.select_for_update(of=("self",)), actor=actor, action="citizen_comment.details_removed", reason="request")


@transaction.atomic
def citizen_data_purge(*, today: date | None = None, group: MunicipalGroup | None = None) -> int:
    """DIAL-006: blank the details of comments left before each group's retention period (the
    preset's ``citizen_dialogue.personal_data_retention_months``). Run by the system."""
    today = today or timezone.localdate()
    groups = [group] if group is not None else list(MunicipalGroup.objects.all())
    count = 0
    for each in groups:
        months = each.governance.citizen_dialogue.personal_data_retention_months
        cutoff = rules.retention_cutoff(today, months)
        old = CitizenComment.objects.select_related("dialogue__org_unit").filter(_with_details(), group=each, created_at__date__lt=cutoff)
        count += _blank(old.select_for_update(of=("self",)), actor=None, action="citizen_comment.details_expired", reason=f"retention {months} months")
    return count
