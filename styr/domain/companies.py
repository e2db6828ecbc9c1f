"""The companies and joint authorities under KS's oversight (issue 12 §5, seed §3 and §7): who
issues which owner directive, what its demands ask, how a company answers them, and the owner
dialogue the parent company holds with each subsidiary. COMP-001 … COMP-009.

"Kommunfullmäktige beslutar även om bolagsordningar och generellt ägardirektiv för kommunens bolag
[…] Kommunstyrelsen beslutar om specifikt ägardirektiv för moderbolaget […] Moderbolaget […] genom
formell styrning (specifika ägardirektiv för respektive dotterbolag) och informell styrning
(ägardialog)." (seed §3)
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal

from styr.domain.errors import RuleViolation, _
from styr.domain.levels import LevelKind

ARTICLES = "articles"
GENERAL = "general"
PARENT_SPECIFIC = "parent_specific"
SUBSIDIARY_SPECIFIC = "subsidiary_specific"
DIRECTIVE_KINDS = (ARTICLES, GENERAL, PARENT_SPECIFIC, SUBSIDIARY_SPECIFIC)

#: Who decides each kind of directive (seed §3): the council the articles of association and the
#: general owner directive, KS the parent company's specific directive, the parent company each
#: subsidiary's.
ISSUER_OF_KIND: dict[str, LevelKind] = {
    ARTICLES: LevelKind.COUNCIL,
    GENERAL: LevelKind.COUNCIL,
    PARENT_SPECIFIC: LevelKind.EXECUTIVE_BOARD,
    SUBSIDIARY_SPECIFIC: LevelKind.PARENT_COMPANY,
}

#: The companies each kind of directive may be given to (the general one is given to none: it
#: applies to every company). Articles (or a joint authority's förbundsordning) to any of them.
COMPANIES_OF_KIND: dict[str, frozenset[LevelKind]] = {
    ARTICLES: frozenset({LevelKind.PARENT_COMPANY, LevelKind.COMPANY, LevelKind.JOINT_AUTHORITY}),
    GENERAL: frozenset(),
    PARENT_SPECIFIC: frozenset({LevelKind.PARENT_COMPANY}),
    SUBSIDIARY_SPECIFIC: frozenset({LevelKind.COMPANY}),
}

#: The companies the general owner directive applies to.
GENERAL_APPLIES_TO = frozenset({LevelKind.PARENT_COMPANY, LevelKind.COMPANY})

RETURN_TARGET = "return_target"
SOLIDITY_TARGET = "solidity_target"
REPORTING_DUTY = "reporting_duty"
OTHER = "other"
#: Demands that are a figure to reach (for example 5 % return on adjusted equity, 10 % solidity).
TARGET_KINDS = frozenset({RETURN_TARGET, SOLIDITY_TARGET})


def check_issuer(kind: str, issuer_kind: LevelKind | str) -> None:
    """COMP-001: the body that issues a directive is the one the model says decides it."""
    expected = ISSUER_OF_KIND[kind]
    if issuer_kind != expected:
        raise RuleViolation(
            "COMP-001",
            _("A directive of this kind is decided by a unit of kind %(expected)s, not %(issuer_kind)s."),
            {"kind": kind, "expected": expected.value, "issuer_kind": str(issuer_kind)},
            field="issuer",
        )


def check_company(kind: str, company_kind: LevelKind | str | None, *, company_parent: object = None, issuer: object = None) -> None:
    """COMP-002: the general directive is given to no single company (it applies to all), the
    parent company's specific one to the parent company, a subsidiary's to a subsidiary of the
    issuing parent company, articles of association to a company or joint authority."""
    allowed = COMPANIES_OF_KIND[kind]
    if not allowed:
        if company_kind is not None:
            raise RuleViolation("COMP-002", _("The general owner directive applies to every company; it names none."), {"kind": kind}, field="company")
        return
    if company_kind is None or company_kind not in allowed:
        raise RuleViolation(
            "COMP-002",
            _("A directive of this kind is given to a unit of kind %(allowed)s."),
            {"kind": kind, "allowed": ", ".join(sorted(k.value for k in allowed)), "company_kind": str(company_kind)},
            field="company",
        )
    if kind == SUBSIDIARY_SPECIFIC and company_parent != issuer:
        raise RuleViolation("COMP-002", _("A parent company gives specific directives only to its own subsidiaries."), {"kind": kind}, field="company")


def check_validity(valid_from: date, valid_to: date | None) -> None:
    """COMP-003: a directive's validity ends on or after the day it starts."""
    if valid_to is not None and valid_to < valid_from:
        raise RuleViolation(
            "COMP-003",
            _("The directive cannot end (%(valid_to)s) before it starts (%(valid_from)s)."),
            {"valid_from": valid_from.isoformat(), "valid_to": valid_to.isoformat()},
            field="valid_to",
        )


def in_force(valid_from: date, valid_to: date | None, year: int) -> bool:
    """A directive is in force some day of the year."""
    return valid_from <= date(year, 12, 31) and (valid_to is None or valid_to >= date(year, 1, 1))


def check_target(kind: str, target_value: Decimal | None, unit: str) -> None:
    """COMP-004: a return or solidity target has a value; a value has a unit and a unit a value."""
    if kind in TARGET_KINDS and target_value is None:
        raise RuleViolation("COMP-004", _("A return or solidity target needs its target value."), {"kind": kind}, field="target_value")
    if (target_value is None) != (not unit.strip()):
        raise RuleViolation("COMP-004", _("A target value and its unit go together (for example 5 and %%)."), {"kind": kind}, field="target_unit")


def check_answerable(*, applies: bool, in_force_that_year: bool, year: int) -> None:
    """COMP-005: a company answers the demands of the directives that apply to it, in force that year."""
    if not applies:
        raise RuleViolation("COMP-005", _("This directive does not apply to the company."), {}, field="demand")
    if not in_force_that_year:
        raise RuleViolation("COMP-005", _("The directive is not in force in %(year)s."), {"year": year}, field="year")


def check_answer_value(*, has_target: bool, value: Decimal | None) -> None:
    """COMP-006: an answer gives a figure only where the demand has a target to measure it by."""
    if value is not None and not has_target:
        raise RuleViolation("COMP-006", _("This demand has no target value; answer it in words."), {}, field="value")


def check_status(status: str, codes: Collection[str]) -> None:
    """COMP-007: an answer's status is a step of the group's status scale."""
    if status not in codes:
        raise RuleViolation(
            "COMP-007",
            _("“%(status)s” is not a step of the status scale (%(codes)s)."),
            {"status": status, "codes": ", ".join(codes)},
            field="status",
        )


def check_demand_unanswered(answers: int) -> None:
    """COMP-008: a demand the companies have answered stays as they answered it (409)."""
    if answers:
        raise RuleViolation(
            "COMP-008",
            _("The companies have answered this demand (%(answers)s answers); it can no longer be changed or removed."),
            {"answers": answers},
            field="demand",
        )


def check_dialogue(*, holder_kind: LevelKind | str, company_kind: LevelKind | str, company_parent: object, holder: object) -> None:
    """COMP-009: the owner dialogue is held by the parent company with one of its own subsidiaries."""
    if holder_kind != LevelKind.PARENT_COMPANY or company_kind != LevelKind.COMPANY or company_parent != holder:
        raise RuleViolation("COMP-009", _("An owner dialogue is held by the parent company with one of its own subsidiaries."), {}, field="company")
