"""A company's report document answers its owner directives point by point (issue 12 §5: "each a
decided document with its demands … that the company's plan and reports answer point by point"),
and the parent company's report gathers its subsidiaries': each one's report of the same period
(its state) and its answers. Empty for a body that is not a company or joint authority."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from styr.control.selectors.companies import KINDS, directive_section
from styr.domain.levels import LevelKind
from styr.followup.models import Report, ReportState
from styr.organisation.models import OrgUnit


def company_section(unit: OrgUnit, period: Any, *, status_label: Callable[[str], str]) -> list[dict[str, Any]]:
    """The report's ``directives`` section: [] for a committee, else one part with the answers and,
    for the parent company, its subsidiaries' report states and answers."""
    if unit.kind not in KINDS:
        return []
    year = period.end.year
    subsidiaries: list[dict[str, Any]] = []
    if unit.kind == LevelKind.PARENT_COMPANY:
        children = list(OrgUnit.objects.filter(parent=unit, kind=LevelKind.COMPANY).order_by("position", "name"))
        states = dict(Report.objects.filter(period=period, org_unit__in=children).values_list("org_unit_id", "state"))
        labels = dict(ReportState.choices)
        for child in children:
            state = states.get(child.pk, "")
            subsidiaries.append(
                {
                    "name": child.name,
                    "state": state,
                    "state_label": str(labels[state]) if state in labels else _("not started"),
                    "answers": directive_section(child, year, status_label=status_label),
                }
            )
    return [{"title": _("Answers to the owner directives"), "answers": directive_section(unit, year, status_label=status_label), "subsidiaries": subsidiaries}]
