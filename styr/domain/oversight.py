"""KS's evaluation of the group's internal control (seed §7): "Kommunstyrelsen ska, med utgångspunkt
från nämndernas och de kommunala bolagens återrapportering, utvärdera kommunens samlade interna
kontroll och bedöma om det behöver beslutas om åtgärder." The rules of writing and adopting it."""

from __future__ import annotations

from styr.domain.errors import RuleViolation, _


def check_not_adopted(*, state: str, year: int) -> None:
    """IC-040: once KS has adopted its evaluation of a year it is locked."""
    if state == "adopted":
        raise RuleViolation(
            "IC-040",
            _("KS has adopted its evaluation of the internal control %(year)s: it is locked and cannot be changed."),
            {"year": year},
        )


def check_evaluation_written(*, evaluation: str) -> None:
    """IC-041: KS adopts an evaluation with its text written (the decision on actions may be none)."""
    if not evaluation.strip():
        raise RuleViolation(
            "IC-041",
            _("Write KS's evaluation of the group's internal control before it is adopted."),
            {},
            field="evaluation",
        )


def check_one_per_year(*, exists: bool, year: int) -> None:
    """IC-042: KS has one evaluation of the internal control per year."""
    if exists:
        raise RuleViolation(
            "IC-042",
            _("KS's evaluation of the internal control %(year)s already exists: change it instead."),
            {"year": year},
            field="year",
        )
