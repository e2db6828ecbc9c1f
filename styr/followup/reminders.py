"""What is not reported by its deadline, and reminders to its owners (issue 4, point 2); with them,
the governing documents of the units the person has a role on whose review date has passed or is
coming (DOC-002, seed §7 Styrdokument)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from styr.core.permissions import scope
from styr.domain.calendar import level_deadline
from styr.domain.governing_documents import PASSED, REVIEW_NOTICE_DAYS, review_state
from styr.domain.org_tree import subtree_ids
from styr.followup.models import Assessment, Deadline, Measurement, ReportingPeriod
from styr.organisation.models import GoverningDocument, MunicipalGroup, OrgUnit, RoleAssignment
from styr.planning.models import DevelopmentGoal, GoalIndicator, QualityIndicator

#: The months a quality indicator of each frequency is reported in.
FREQUENCY_MONTHS = {
    "monthly": set(range(1, 13)),
    "quarterly": {3, 6, 9, 12},
    "tertial": {4, 8, 12},
    "half_yearly": {6, 12},
    "yearly": {12},
}


@dataclass(frozen=True)
class OverdueItem:
    unit: OrgUnit
    what: str
    period: ReportingPeriod
    due: date
    owner: Any
    deputy: Any


def overdue_items(user: Any, *, group: MunicipalGroup, today: date) -> list[OverdueItem]:
    """Items whose period's deadline for their unit's level has passed without a value or an
    assessment. ``user=None`` is the system (the reminder job): the whole group."""
    units = {u.pk: u for u in OrgUnit.objects.filter(group=group)}
    visible = set(units) if user is None else set(units) & scope(user)
    parent_of = {pk: u.parent_id for pk, u in units.items()}
    due_by = {(d.period_id, d.level): d.due for d in Deadline.objects.filter(group=group, due__lt=today)}
    periods = [p for p in ReportingPeriod.objects.filter(group=group, end__lt=today).select_related("org_unit") if any(k[0] == p.pk for k in due_by)]
    goals = list(DevelopmentGoal.objects.filter(group=group).select_related("owner", "deputy"))
    indicators = list(GoalIndicator.objects.filter(group=group).select_related("goal", "owner", "deputy"))
    qualities = list(QualityIndicator.objects.filter(group=group).select_related("factor", "owner", "deputy"))
    measured: set[tuple[int | None, int | None, date]] = set(
        Measurement.objects.filter(group=group).values_list("indicator_id", "quality_indicator_id", "period")
    )
    assessed = set(Assessment.objects.filter(group=group, goal__isnull=False).values_list("goal_id", "period_id"))
    items: list[OverdueItem] = []
    for period in periods:
        within = subtree_ids(parent_of, [period.org_unit_id]) if period.org_unit_id else set(units)
        month = period.end.replace(day=1)

        def due(unit_id: int, period: ReportingPeriod = period) -> date | None:
            return level_deadline(due_by, period.pk, units[unit_id].kind)

        for goal in goals:
            if goal.org_unit_id not in within or goal.org_unit_id not in visible or not goal.start_year <= period.end.year <= goal.end_year:
                continue
            when = due(goal.org_unit_id)
            if when is not None and (goal.pk, period.pk) not in assessed:
                items.append(OverdueItem(units[goal.org_unit_id], _("Assessment of “%(goal)s”") % {"goal": goal.title}, period, when, goal.owner, goal.deputy))
        for indicator in indicators:
            goal = indicator.goal
            if goal.org_unit_id not in within or goal.org_unit_id not in visible or not goal.start_year <= period.end.year <= goal.end_year:
                continue
            when = due(goal.org_unit_id)
            if when is not None and (indicator.pk, None, month) not in measured:
                items.append(
                    OverdueItem(
                        units[goal.org_unit_id],
                        _("Value of “%(indicator)s”") % {"indicator": indicator.name},
                        period,
                        when,
                        indicator.owner or goal.owner,
                        indicator.deputy or goal.deputy,
                    )
                )
        for quality in qualities:
            unit_id = quality.factor.org_unit_id
            if unit_id not in within or unit_id not in visible or period.end.month not in FREQUENCY_MONTHS.get(quality.frequency, set()):
                continue
            when = due(unit_id)
            if when is not None and (None, quality.pk, month) not in measured:
                items.append(
                    OverdueItem(units[unit_id], _("Value of “%(indicator)s”") % {"indicator": quality.name}, period, when, quality.owner, quality.deputy)
                )
    return sorted(items, key=lambda i: (i.due, i.unit.name, i.what))


@dataclass(frozen=True)
class ReviewReminder:
    """A governing document to revise: its review date has passed or comes within the notice (DOC-002)."""

    document: GoverningDocument
    passed: bool


def review_reminders(*, group: MunicipalGroup, today: date) -> dict[Any, list[ReviewReminder]]:
    """Each person with a role on a document's owning unit -> that unit's documents whose review date
    has passed or comes within ``REVIEW_NOTICE_DAYS`` (the to-do list's deadlines, ``review_deadlines_for``),
    soonest first. Two queries, whatever the group's size."""
    documents = list(
        GoverningDocument.objects.filter(group=group, owner_unit__isnull=False, review_by__lte=today + timedelta(days=REVIEW_NOTICE_DAYS))
        .select_related("owner_unit")
        .order_by("review_by", "title", "pk")
    )
    by_unit: dict[int, list[ReviewReminder]] = defaultdict(list)
    for document in documents:
        state = review_state(document.review_by, today)
        if state is not None and document.owner_unit_id is not None:
            by_unit[document.owner_unit_id].append(ReviewReminder(document, passed=state == PASSED))
    by_person: dict[Any, list[ReviewReminder]] = defaultdict(list)
    roles = RoleAssignment.objects.filter(group=group, org_unit_id__in=list(by_unit), user__is_active=True).select_related("user")
    for role in roles.order_by("user_id", "org_unit_id").distinct():
        for reminder in by_unit[role.org_unit_id]:
            if reminder not in by_person[role.user]:  # two roles on one unit: the document once
                by_person[role.user].append(reminder)
    return {person: sorted(reminders, key=lambda r: (r.document.review_by or today, r.document.title)) for person, reminders in by_person.items()}


def _review_line(reminder: ReviewReminder) -> str:
    document = reminder.document
    values = {"title": document.title, "unit": document.owner_unit.name if document.owner_unit else "", "date": (document.review_by or date.min).isoformat()}
    if reminder.passed:
        return "- " + _("“%(title)s” (%(unit)s): to be revised by %(date)s, the date has passed") % values
    return "- " + _("“%(title)s” (%(unit)s): to be revised by %(date)s") % values


def send_reminders(*, group: MunicipalGroup, today: date, language: str = "sv") -> int:
    """One email to each owner and deputy listing what they have not reported, and to each person
    with a role on a unit whose governing documents are to be revised (DOC-002) listing those;
    one email a person with both. Returns how many were sent."""
    by_person: dict[Any, list[OverdueItem]] = defaultdict(list)
    for item in overdue_items(None, group=group, today=today):
        for person in {item.owner, item.deputy} - {None}:
            if person.email:
                by_person[person].append(item)
    reviews = {person: reminders for person, reminders in review_reminders(group=group, today=today).items() if person.email}
    people = sorted(set(by_person) | set(reviews), key=lambda p: p.pk)
    with override(language):
        for person in people:
            items, documents = by_person.get(person, []), reviews.get(person, [])
            name = person.get_full_name() or person.get_username()
            if items:
                lines = [f"- {i.unit.name}: {i.what}, {i.period} ({_('deadline')} {i.due.isoformat()})" for i in items]
                message = _("Hello %(name)s,\n\nThese items have passed their deadline without being reported:\n\n%(items)s\n") % {
                    "name": name,
                    "items": "\n".join(lines),
                }
            else:
                message = _("Hello %(name)s,\n") % {"name": name}
            if documents:
                message += "\n" + _("These governing documents of your units are to be revised (DOC-002):\n\n%(documents)s\n") % {
                    "documents": "\n".join(_review_line(r) for r in documents)
                }
            if items and documents:
                subject = _("Styr: %(count)s items not reported, %(documents)s governing documents to revise") % {
                    "count": len(items),
                    "documents": len(documents),
                }
            elif items:
                subject = _("Styr: %(count)s items not reported") % {"count": len(items)}
            else:
                subject = _("Styr: %(documents)s governing documents to revise") % {"documents": len(documents)}
            send_mail(subject=subject, message=message, from_email=None, recipient_list=[person.email])
    return len(people)
