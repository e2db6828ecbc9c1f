"""The internal control plan's rules (issue 12 §2, seed §7): one plan per body and year, changed
only while a draft, KS's common controls carried unchanged, and what a control needs to be checked
(a sample's size, the months it is reported in, as often as its frequency says). Pure rules."""

from __future__ import annotations

from collections.abc import Sequence

from styr.domain.errors import RuleViolation, _

#: How many times a year a control of each frequency is reported (IC-026).
REPORTS_PER_YEAR: dict[str, int] = {"once": 1, "twice": 2, "tertial": 3, "quarterly": 4, "monthly": 12}

#: A plan's state changes: draft → proposed (för beslut) → adopted; a proposal may be withdrawn.
PLAN_TRANSITIONS = frozenset({("draft", "proposed"), ("proposed", "draft"), ("proposed", "adopted")})

#: The fields of a control carried in from KS's common control that its plan cannot change (IC-023).
COMMON_FIXED_FIELDS = frozenset({"title", "method", "method_text", "sample_size", "frequency", "area"})


def check_no_plan(existing_state: str | None) -> None:
    """IC-020: a body has one internal control plan a year."""
    if existing_state is not None:
        raise RuleViolation(
            "IC-020",
            _("The body already has an internal control plan for this year."),
            {"state": existing_state},
            field="year",
        )


def check_plan_open(state: str) -> None:
    """IC-021: a plan's controls change only while it is a draft; an adopted plan is locked."""
    if state == "adopted":
        raise RuleViolation("IC-021", _("The internal control plan is adopted and locked."), {"state": state})
    if state != "draft":
        raise RuleViolation(
            "IC-021",
            _("The internal control plan is proposed for decision; withdraw the proposal to change it."),
            {"state": state},
        )


def check_plan_transition(current: str, new: str) -> None:
    """IC-022: draft → proposed → adopted; a proposal may go back to draft; an adopted plan stays adopted."""
    if (current, new) not in PLAN_TRANSITIONS:
        raise RuleViolation(
            "IC-022",
            _("An internal control plan cannot go from “%(current)s” to “%(new)s”."),
            {"current": current, "new": new},
            field="state",
        )


def check_common_change(*, changed: Sequence[str], removing: bool = False) -> None:
    """IC-023: a control KS requires (a common control) stays in the plan as KS set it: it cannot
    be removed, nor what it checks or how be changed; who is responsible and when it is reported may."""
    fixed = sorted(set(changed) & COMMON_FIXED_FIELDS)
    if removing or fixed:
        raise RuleViolation(
            "IC-023",
            _("The control is a common control set by the executive board: it cannot be removed, nor what is checked and how be changed."),
            {"fields": fixed, "removing": removing},
            field=fixed[0] if fixed else None,
        )


def check_sample(*, method: str, sample_size: int | None) -> None:
    """IC-024: a control by sample says how many items are checked."""
    if method == "sample" and not sample_size:
        raise RuleViolation("IC-024", _("A control by sample needs its sample size."), {"method": method}, field="sample_size")


def check_report_months(*, months: Sequence[object], frequency: str) -> None:
    """IC-025: a control is reported in at least one month, each 1–12 and named once;
    IC-026: as many months as its frequency says."""
    valid = all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in months)
    if not months or not valid or len(set(months)) != len(months):
        raise RuleViolation(
            "IC-025",
            _("Give the months (1–12) in which the control is reported, each once."),
            {"report_months": list(months)},
            field="report_months",
        )
    wanted = REPORTS_PER_YEAR.get(frequency)
    if wanted is not None and len(months) != wanted:
        raise RuleViolation(
            "IC-026",
            _("How often the control is made asks for %(wanted)s report months, not %(count)s."),
            {"frequency": frequency, "wanted": wanted, "count": len(months)},
            field="report_months",
        )


def check_common_open(*, adopted: bool) -> None:
    """IC-027: the executive board's adopted common controls are locked."""
    if adopted:
        raise RuleViolation("IC-027", _("The common control is adopted by the executive board and locked."), {})


def check_common_to_adopt(*, count: int, year: int) -> None:
    """IC-028: adopting a year's common controls needs at least one not yet adopted."""
    if count == 0:
        raise RuleViolation("IC-028", _("There is no common control for %(year)s to adopt."), {"year": year}, field="year")


def check_plan_has_controls(count: int) -> None:
    """IC-029: a plan is put forward for decision and adopted with at least one control."""
    if count == 0:
        raise RuleViolation("IC-029", _("The internal control plan has no controls yet."), {"controls": 0})
