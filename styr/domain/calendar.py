"""The year's planning calendar (årshjul, seed §6.5): reporting periods, staggered deadlines, KS's minimum."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from styr.domain.errors import RuleViolation, _
from styr.domain.governance import GovernanceModel
from styr.domain.levels import LevelKind
from styr.domain.reporting_chain import REPORTING_KINDS

MONTHLY_REPORT = "monthly_report"
INTERIM_ACCOUNTS = "interim_accounts"
INTERIM_REPORT = "interim_report"
QUALITY_REPORT = "quality_report"
ANNUAL_REPORT = "annual_report"
PERIOD_KINDS = (MONTHLY_REPORT, INTERIM_ACCOUNTS, INTERIM_REPORT, QUALITY_REPORT, ANNUAL_REPORT)


@dataclass(frozen=True)
class Period:
    """A reporting period: what is reported, from the start of the year (or month) to its end."""

    kind: str
    start: date
    end: date


def month_end(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


def check_months(months: Iterable[int], *, field: str = "months") -> list[int]:
    """CAL-002: months are 1–12."""
    result = sorted(set(months))
    if any(not isinstance(m, int) or not 1 <= m <= 12 for m in result):
        raise RuleViolation("CAL-002", _("Months are numbered 1–12."), {"months": [str(m) for m in result]}, field=field)
    return result


def check_ks_minimum(chosen: Iterable[int], minimum: Iterable[int]) -> None:
    """CAL-001: a committee reports at least in the months KS has set as the minimum (seed §6.5:
    "Utifrån sin uppsiktsplikt anger kommunstyrelsen en miniminivå gällande frekvens")."""
    missing = sorted(set(minimum) - set(chosen))
    if missing:
        raise RuleViolation(
            "CAL-001",
            _("The monthly reports must include at least the months KS has set as its minimum; missing: %(missing)s."),
            {"missing": ", ".join(str(m) for m in missing)},
            field="months",
        )


def build_periods(
    *,
    year: int,
    model: GovernanceModel,
    monthly_months: Iterable[int] | None = None,
    interim_report_month: int | None = None,
    quality_report_months: Iterable[int] = (),
) -> list[Period]:
    """The year's periods: monthly reports (at least KS's minimum), interim accounts once, an
    optional interim report with a financial focus, quality reports, the annual report."""
    monthly = check_months(monthly_months if monthly_months is not None else model.reporting.monthly_minimum_months)
    check_ks_minimum(monthly, model.reporting.monthly_minimum_months)
    interim = model.reporting.interim_accounts_month
    annual = model.reporting.annual_report_month
    periods = [Period(MONTHLY_REPORT, date(year, m, 1), month_end(year, m)) for m in monthly if m not in (interim, annual)]
    periods.append(Period(INTERIM_ACCOUNTS, date(year, 1, 1), month_end(year, interim)))
    if interim_report_month is not None:
        (month,) = check_months([interim_report_month], field="interim_report_month")
        if month == interim:
            raise RuleViolation(
                "CAL-003",
                _("The interim report cannot fall in the month of the interim accounts (%(month)s)."),
                {"month": interim},
                field="interim_report_month",
            )
        periods.append(Period(INTERIM_REPORT, date(year, 1, 1), month_end(year, month)))
    periods += [Period(QUALITY_REPORT, date(year, 1, 1), month_end(year, m)) for m in check_months(quality_report_months, field="quality_report_months")]
    periods.append(Period(ANNUAL_REPORT, date(year, 1, 1), month_end(year, annual)))
    return sorted(periods, key=lambda p: (p.end, PERIOD_KINDS.index(p.kind)))


def deadlines(period_end: date, deadline_days: Mapping[LevelKind, int]) -> dict[LevelKind, date]:
    """Each level's deadline for a period, staggered: units first, KS last, and in the companies'
    chain subsidiaries before the parent company (MODEL-003 holds for the days)."""
    return {kind: period_end + timedelta(days=deadline_days[kind]) for kind in REPORTING_KINDS if kind in deadline_days}


def level_deadline(due_by: Mapping[tuple[int, str], date], period_id: int, level: str) -> date | None:
    """A level's deadline for a period from ``due_by`` ((period id, level) to date): its own, else
    KS's (a level without a row of its own reports by KS's deadline)."""
    return due_by.get((period_id, level)) or due_by.get((period_id, LevelKind.EXECUTIVE_BOARD.value))


def check_meeting_after_deadline(meeting: date, deadline: date | None) -> None:
    """CAL-004: the body that adopts a report meets after its own deadline for it."""
    if deadline is not None and meeting < deadline:
        raise RuleViolation(
            "CAL-004",
            _("The meeting on %(meeting)s is before the body's deadline %(deadline)s for the report."),
            {"meeting": meeting.isoformat(), "deadline": deadline.isoformat()},
            field="date",
        )


def closes_on(period_end: date, level: LevelKind, deadline_days: Mapping[LevelKind, int]) -> date:
    """A level's values for a period close at its deadline. Levels without their own deadline
    (the council, companies) follow the latest one, KS's."""
    days = deadline_days.get(level)
    if days is None:
        days = max(deadline_days.values()) if deadline_days else 0
    return period_end + timedelta(days=days)


def check_open_or_corrected(*, today: date, closes: date, may_correct: bool, reason: str) -> bool:
    """FU-006: after the deadline a value is closed; a controller may still correct it, with a
    stated reason, which the history keeps. Returns True when the write is a late correction."""
    if today <= closes:
        return False
    if not may_correct:
        raise RuleViolation(
            "FU-006",
            _("The period closed on %(closed)s; only a controller can correct it now, with a stated reason."),
            {"closed": closes.isoformat()},
            field="value",
        )
    if not reason.strip():
        raise RuleViolation(
            "FU-006",
            _("The period closed on %(closed)s; a correction needs a stated reason."),
            {"closed": closes.isoformat()},
            field="reason",
        )
    return True


#: A report's way to its decision (issue 4, point 4).
REPORT_TRANSITIONS = {("draft", "submitted"), ("submitted", "draft"), ("submitted", "reviewed"), ("reviewed", "draft"), ("reviewed", "adopted")}


def check_report_transition(current: str, new: str) -> None:
    """FU-007: a report goes draft → submitted → reviewed → adopted (or back to draft before adoption)."""
    if (current, new) not in REPORT_TRANSITIONS:
        raise RuleViolation(
            "FU-007",
            _("A report cannot go from “%(current)s” to “%(new)s”."),
            {"current": current, "new": new},
            field="state",
        )


#: The report states after which the period's content is no longer the unit's to change.
SUBMITTED_STATES = frozenset({"submitted", "reviewed"})


def check_report_open_or_corrected(*, states: Iterable[str], may_correct: bool, reason: str) -> bool:
    """What a unit reported for a period stays as reported. Once its report is submitted (or
    reviewed) the period's values, statuses and analyses change only through a controller's
    correction with a stated reason (FU-006); once adopted, not at all (FU-012). Returns True
    when the write is such a correction."""
    states = set(states)
    if "adopted" in states:
        raise RuleViolation(
            "FU-012",
            _("The report for this period is adopted; its values, statuses and analyses stay as decided."),
            {},
            field="value",
        )
    if not states & SUBMITTED_STATES:
        return False
    if not may_correct:
        raise RuleViolation(
            "FU-006",
            _("The report for this period is submitted; only a controller can correct it now, with a stated reason."),
            {},
            field="value",
        )
    if not reason.strip():
        raise RuleViolation(
            "FU-006",
            _("The report for this period is submitted; a correction needs a stated reason."),
            {},
            field="reason",
        )
    return True
