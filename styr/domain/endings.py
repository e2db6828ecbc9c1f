"""Removing and ending items that carry follow-up (issue 14 §2): what has follow-up data below it
is ended (closed with a date and a reason) and stays in the history; only what has nothing below
it is removed. Pure rules over plain values."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from styr.domain.errors import RuleViolation, _
from styr.domain.goals import YearSpan


def check_nothing_below(what: str, below: Mapping[str, int], labels: Mapping[str, str] | None = None) -> None:
    """DEL-001: an item with follow-up data below it (values, assessments, comments, activities)
    is not removed; it is ended instead. ``below`` counts each kind of follow-up by a stable key
    (``values``, ``assessments``, ``comments``, ``activities``); ``labels`` names them for the message."""
    found = {kind: count for kind, count in below.items() if count}
    if found:
        names = labels or {}
        raise RuleViolation(
            "DEL-001",
            _("%(what)s has follow-up data below it (%(found)s) and cannot be removed; end it instead, with a date and a reason."),
            {"what": what, "found": ", ".join(f"{names.get(kind, kind)}: {count}" for kind, count in found.items()), "below": found},
        )


def check_no_contributions(what: str, contributing: int) -> None:
    """DEL-002: a goal that goals of the levels below contribute to is not removed."""
    if contributing:
        raise RuleViolation(
            "DEL-002",
            _("%(count)s goals of the levels below contribute to %(what)s; it cannot be removed. End it instead, or unlink those goals first."),
            {"what": what, "count": contributing},
        )


def check_not_ended(what: str, ended_on: date | None) -> None:
    """DEL-003: an ended item is not changed, ended again or given anything new below it."""
    if ended_on is not None:
        raise RuleViolation(
            "DEL-003",
            _("%(what)s was ended on %(date)s and is not changed any more."),
            {"what": what, "date": ended_on.isoformat()},
        )


def check_end(ended_on: date | None, reason: str, starts: date | None = None) -> None:
    """DEL-004: an end has a date and a reason. DEL-005: the date is not before the item began."""
    if ended_on is None:
        raise RuleViolation("DEL-004", _("Give the date the item ends."), {}, field="ended_on")
    if not reason.strip():
        raise RuleViolation("DEL-004", _("Give the reason the item ends."), {}, field="end_reason")
    if starts is not None and ended_on < starts:
        raise RuleViolation(
            "DEL-005",
            _("The end date %(date)s lies before the item began (%(start)s)."),
            {"date": ended_on.isoformat(), "start": starts.isoformat()},
            field="ended_on",
        )


def check_open_for(what: str, ended_on: date | None, period_start: date) -> None:
    """DEL-006: no new follow-up (a value, an assessment) for a period that begins after the item ended."""
    if ended_on is not None and period_start > ended_on:
        raise RuleViolation(
            "DEL-006",
            _("%(what)s ended on %(date)s: no follow-up is entered for %(period)s, which begins after that."),
            {"what": what, "date": ended_on.isoformat(), "period": period_start.isoformat()},
            field="period",
        )


def living_span(span: YearSpan, ended_on: date | None) -> YearSpan | None:
    """The years a goal counts towards the cap of goals (GOAL-001): all its years while it lives;
    once ended, the years up to and including the year it ended (None when it ended before it began)."""
    if ended_on is None or ended_on.year >= span.end_year:
        return span
    if ended_on.year < span.start_year:
        return None
    return YearSpan(span.start_year, ended_on.year)
