"""A committee's internal budget (internbudget, issue 9 §3): the frame the council gave it,
spread over its units and months.

Pure rules: the periodisation keys (even, by a profile of twelve weights named in the preset,
or twelve amounts as given), the checks of an amount and a month, the preset's budget settings,
and what is left of the frame when the units' budgets are summed (``undistributed``: shown,
never refused). Amounts are kronor to the öre, net cost (positive is cost)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from styr.domain.economy import ORE, periodise
from styr.domain.errors import RuleViolation, _

MONTHS = 12
#: A budget amount in kronor stays within what the database keeps (17 digits, 2 decimals).
LARGEST_SEK = Decimal("999999999999999.99")
#: The keys, as the forms name them.
EVEN, PROFILE, GIVEN = "even", "profile", "given"
KEYS = (EVEN, PROFILE, GIVEN)
#: The profile every group has, also without a preset that names profiles: twelve equal weights.
EVEN_PROFILE = "jamn"
DEFAULT_EXPORT_ACCOUNT = "7990"


@dataclass(frozen=True)
class BudgetSettings:
    """The preset's ``economy:`` budget keys: the periodisation profiles by name (twelve weights
    each) and the account a budget exported as SIE is written on."""

    profiles: Mapping[str, tuple[Decimal, ...]] = field(default_factory=lambda: {EVEN_PROFILE: (Decimal(1),) * MONTHS})
    export_account: str = DEFAULT_EXPORT_ACCOUNT


def _weight(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        return None
    try:
        weight = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return None
    return weight if weight.is_finite() and weight >= 0 else None


def check_profile(name: str, weights: object) -> tuple[Decimal, ...]:
    """ECON-007: a profile is twelve non-negative weights, not all zero."""
    parsed = [_weight(w) for w in weights] if isinstance(weights, Sequence) and not isinstance(weights, str) else []
    if len(parsed) != MONTHS or any(w is None for w in parsed) or sum(w for w in parsed if w is not None) <= 0:
        raise RuleViolation(
            "ECON-007",
            _("The periodisation profile “%(profile)s” must be twelve weights, one per month, none negative and not all zero."),
            {"profile": name},
            field="periodisation_profiles",
        )
    return tuple(w for w in parsed if w is not None)


def parse_budget_settings(data: object) -> BudgetSettings:
    """The budget keys of the preset's ``economy:`` section (absent: the even profile only and
    account 7990). ECON-007 refuses a profile that is not twelve weights or an account that is
    not digits."""
    if data is None:
        return BudgetSettings()
    if not isinstance(data, Mapping):
        raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": "economy"})
    profiles_data = data.get("periodisation_profiles", {})
    if not isinstance(profiles_data, Mapping):
        raise RuleViolation("PRESET-002", _("The section “%(section)s” must be a mapping."), {"section": "economy.periodisation_profiles"})
    profiles = {EVEN_PROFILE: (Decimal(1),) * MONTHS}
    for name, weights in profiles_data.items():
        profiles[str(name)] = check_profile(str(name), weights)
    account = data.get("budget_export_account", DEFAULT_EXPORT_ACCOUNT)
    account = str(account) if isinstance(account, (str, int)) and not isinstance(account, bool) else ""
    if not (account.isdigit() and account.isascii() and 4 <= len(account) <= 20):
        raise RuleViolation(
            "ECON-007",
            _("The budget's export account “%(account)s” must be an account number of at least four digits."),
            {"account": account},
            field="budget_export_account",
        )
    return BudgetSettings(profiles=profiles, export_account=account)


def budget_settings_to_mapping(settings: BudgetSettings) -> dict[str, Any]:
    """The plain-data form kept with the group's model (read back by ``parse_budget_settings``)."""
    return {
        "periodisation_profiles": {name: [str(w) for w in weights] for name, weights in settings.profiles.items()},
        "budget_export_account": settings.export_account,
    }


def check_month(month: int) -> int:
    """ECON-002: a month is numbered 1–12."""
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= MONTHS:
        raise RuleViolation("ECON-002", _("A month is numbered 1–12, not %(month)s."), {"month": month}, field="month")
    return month


def parse_amount(value: object, *, field_name: str = "total_sek") -> Decimal:
    """ECON-004: an amount in kronor, at most to the öre and within what is kept. Text may be
    written the Swedish way ("1 234 567,50", with spaces or no-break spaces between groups)."""
    amount: Decimal | None = None
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int) and not isinstance(value, bool):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".").replace("\u2212", "-")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
    if amount is None or not amount.is_finite() or abs(amount) > LARGEST_SEK or amount != amount.quantize(ORE):
        raise RuleViolation(
            "ECON-004",
            _("“%(value)s” is not an amount in kronor with at most two decimals (öre)."),
            {"value": "" if value is None else str(value)},
            field=field_name,
        )
    return amount.quantize(ORE)


def periodise_budget(
    key: str,
    *,
    total_sek: object = None,
    months: Sequence[object] | None = None,
    profile: str = "",
    settings: BudgetSettings | None = None,
) -> tuple[Decimal, ...]:
    """A year's budget as twelve monthly amounts to the öre.

    ``even``: ``total_sek`` spread evenly; ``profile``: spread by the preset's named profile
    (ECON-003 when the group has no such profile); ``given``: the twelve ``months`` as they are
    (ECON-002 when there are not twelve). Every amount is checked with ECON-004."""
    settings = settings or BudgetSettings()
    if key == GIVEN:
        given = list(months or [])
        if len(given) != MONTHS:
            raise RuleViolation(
                "ECON-002",
                _("A budget given month by month has twelve amounts, not %(count)s."),
                {"count": len(given)},
                field="months",
            )
        return tuple(parse_amount(m, field_name="months") for m in given)
    if key not in KEYS:
        raise RuleViolation(
            "ECON-003",
            _("“%(key)s” is not a periodisation key (known: %(known)s)."),
            {"key": key, "known": ", ".join(KEYS)},
            field="key",
        )
    total = parse_amount(total_sek, field_name="total_sek")
    if key == EVEN:
        return periodise(total, [1] * MONTHS)
    weights = settings.profiles.get(profile)
    if weights is None:
        raise RuleViolation(
            "ECON-003",
            _("“%(profile)s” is not a periodisation profile of the governance model (known: %(known)s)."),
            {"profile": profile, "known": ", ".join(sorted(settings.profiles))},
            field="profile",
        )
    return periodise(total, weights)


def undistributed(frame_sek: Decimal | None, budgets_sek: Iterable[Decimal]) -> Decimal | None:
    """What is left of the committee's frame when its units' budgets are summed: frame − sum.
    Positive: not yet given to a unit; negative: the units were given more than the frame. No
    frame decided: ``None``. Shown on the page, never refused."""
    if frame_sek is None:
        return None
    return (frame_sek - sum(budgets_sek, Decimal(0))).quantize(ORE)


def frame_in_sek(amount_tsek: Decimal) -> Decimal:
    """An operating frame in thousands of kronor (tkr) as kronor."""
    return (amount_tsek * 1000).quantize(ORE)
