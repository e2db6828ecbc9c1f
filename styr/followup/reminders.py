"""What is not reported by its deadline, and reminders to its owners (issue 4, point 2)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from styr.core.permissions import scope
from styr.domain.calendar import level_deadline
from styr.domain.org_tree import subtree_ids
from styr.followup.models import Assessment, Deadline, Measurement, ReportingPeriod
from styr.organisation.models import MunicipalGroup, OrgUnit
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


def send_reminders(*, group: MunicipalGroup, today: date, language: str = "sv") -> int:
    """One email to each owner and deputy listing what they have not reported; returns how many were sent."""
    by_person: dict[Any, list[OverdueItem]] = defaultdict(list)
    for item in overdue_items(None, group=group, today=today):
        for person in {item.owner, item.deputy} - {None}:
            if person.email:
                by_person[person].append(item)
    with override(language):
        for person, items in by_person.items():
            lines = [f"- {i.unit.name}: {i.what}, {i.period} ({_('deadline')} {i.due.isoformat()})" for i in items]
            send_mail(
                subject=_("Styr: %(count)s items not reported") % {"count": len(items)},
                message=_("Hello %(name)s,\n\nThese items have passed their deadline without being reported:\n\n%(items)s\n")
                % {"name": person.get_full_name() or person.get_username(), "items": "\n".join(lines)},
                from_email=None,
                recipient_list=[person.email],
            )
    return len(by_person)
