"""Governing documents that steer in parallel, and their review dates (seed §7 Styrdokument).

"Dokument av denna typ och som innehåller mål och/eller indikatorer bör användas restriktivt för
att motverka detaljstyrning och skapandet av en parallell styrning." A document in the register
says whether it carries goals or indicators of its own and which (DOC-001); each has a date by
which it must be revised, never before it was decided (DOC-002). A review date is passed the day
after it, and coming when it is within ``REVIEW_NOTICE_DAYS``.
"""

from __future__ import annotations

from datetime import date, timedelta

from styr.domain.errors import RuleViolation, _

#: How long before its review date a document's owners see it among their deadlines.
REVIEW_NOTICE_DAYS = 90

PASSED = "passed"
COMING = "coming"


def check_own_steering(*, carries_goals: bool, carries_indicators: bool, own_steering: str) -> None:
    """DOC-001: a document that carries goals or indicators of its own says, briefly, which."""
    if (carries_goals or carries_indicators) and not own_steering.strip():
        raise RuleViolation(
            "DOC-001",
            _("A governing document with goals or indicators of its own names them, so that the parallel steering can be seen."),
            {"carries_goals": carries_goals, "carries_indicators": carries_indicators},
            field="own_steering",
        )


def check_review_by(*, review_by: date | None, decision_date: date | None) -> None:
    """DOC-002: a document is revised after it was decided, not before."""
    if review_by is not None and decision_date is not None and review_by < decision_date:
        raise RuleViolation(
            "DOC-002",
            _("The date to revise the document by (%(review_by)s) is before its decision date (%(decision_date)s)."),
            {"review_by": review_by.isoformat(), "decision_date": decision_date.isoformat()},
            field="review_by",
        )


def review_state(review_by: date | None, today: date, *, notice_days: int = REVIEW_NOTICE_DAYS) -> str | None:
    """``"passed"`` after the review date, ``"coming"`` within the notice before it (the day itself
    included), else None."""
    if review_by is None:
        return None
    if review_by < today:
        return PASSED
    if review_by <= today + timedelta(days=notice_days):
        return COMING
    return None
