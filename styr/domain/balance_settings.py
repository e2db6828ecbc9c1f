"""The preset's ``model.economy.balance_requirement``: the result equalisation reserve's ceilings as
dated rows (kommunallagen 11 kap. 14 §), and the accounts realisation gains are booked on.

A law change is a new row with its ``from`` date, never new code: the row in force at the end of a
fiscal year (its 31 December) is the one that year's provision is checked against. Shares are in
per cent of skatteintäkter + generella statsbidrag och utjämning. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from styr.domain.account_files import parse_range
from styr.domain.accounts import AccountRange
from styr.domain.errors import RuleViolation, _

FIELD = "balance_requirement"


@dataclass(frozen=True)
class ReserveCeiling:
    """From ``valid_from``, a provision may be made of the part of the result after balance-requirement
    adjustments that exceeds ``share_of_tax_revenue`` per cent of tax revenue and general grants, or
    ``share_when_equity_incl_pensions_negative`` per cent where equity including the pension
    obligations outside the balance sheet is negative."""

    valid_from: date
    share_of_tax_revenue: Decimal
    share_when_equity_incl_pensions_negative: Decimal

    def share(self, equity_incl_pensions: Decimal | None) -> Decimal:
        """The share that applies: the higher one only where the entered equity incl. pensions is negative."""
        if equity_incl_pensions is not None and equity_incl_pensions < 0:
            return self.share_when_equity_incl_pensions_negative
        return self.share_of_tax_revenue


@dataclass(frozen=True)
class BalanceSettings:
    reserve_ceilings: tuple[ReserveCeiling, ...] = ()
    #: the Kommun-Bas ranges realisation gains are booked on (read from the ledger as "samtliga realisationsvinster")
    realisation_gain_accounts: tuple[AccountRange, ...] = ()

    def ceiling_for(self, year: int) -> ReserveCeiling | None:
        """The row in force on the year's last day; ``None`` before the first (no reserve then)."""
        found = [c for c in self.reserve_ceilings if c.valid_from <= date(year, 12, 31)]
        return max(found, key=lambda c: c.valid_from) if found else None

    def is_realisation_gain_account(self, number: str) -> bool:
        return any(r.contains(number) for r in self.realisation_gain_accounts)


def _malformed(message: str, detail: Mapping[str, Any]) -> RuleViolation:
    return RuleViolation("BAL-010", message, detail, field=FIELD)


def _date(raw: object) -> date | None:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            return None
    return None


def _percent(raw: object) -> Decimal | None:
    if isinstance(raw, bool) or not isinstance(raw, (int, str, Decimal)):
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and 0 <= value <= 100 else None


def parse_balance_settings(raw: object) -> BalanceSettings:
    """BAL-010: ``reserve_ceilings`` a list of {from: date, share_of_tax_revenue: per cent,
    share_when_equity_incl_pensions_negative: per cent}, no date twice; ``realisation_gain_accounts``
    a list of account ranges (ACC-003's form)."""
    if raw is None:
        return BalanceSettings()
    if not isinstance(raw, Mapping):
        raise _malformed(_("The section “%(section)s” must be a mapping."), {"section": FIELD})
    unknown = sorted(set(map(str, raw)) - {"reserve_ceilings", "realisation_gain_accounts"})
    if unknown:
        raise _malformed(_("The balance requirement does not know the key “%(key)s”."), {"key": unknown[0]})
    rows = raw.get("reserve_ceilings") or []
    if not isinstance(rows, list):
        raise _malformed(_("reserve_ceilings must be a list of dated rows."), {})
    ceilings: list[ReserveCeiling] = []
    for row in rows:
        if not isinstance(row, Mapping) or set(map(str, row)) != {"from", "share_of_tax_revenue", "share_when_equity_incl_pensions_negative"}:
            raise _malformed(
                _("Each reserve ceiling has exactly from, share_of_tax_revenue and share_when_equity_incl_pensions_negative, not %(row)s."),
                {"row": str(row)},
            )
        valid_from = _date(row["from"])
        low, high = _percent(row["share_of_tax_revenue"]), _percent(row["share_when_equity_incl_pensions_negative"])
        if valid_from is None or low is None or high is None:
            raise _malformed(_("The reserve ceiling %(row)s needs a date and two shares in per cent (0–100)."), {"row": str(dict(row))})
        if any(c.valid_from == valid_from for c in ceilings):
            raise _malformed(_("Two reserve ceilings start on %(date)s."), {"date": valid_from.isoformat()})
        ceilings.append(ReserveCeiling(valid_from, low, high))
    accounts = raw.get("realisation_gain_accounts") or []
    if not isinstance(accounts, list):
        raise _malformed(_("realisation_gain_accounts must be a list of account ranges."), {})
    ranges = tuple(parse_range(a, where=f"{FIELD}.realisation_gain_accounts") for a in accounts)
    return BalanceSettings(tuple(sorted(ceilings, key=lambda c: c.valid_from)), ranges)


def balance_settings_to_mapping(settings: BalanceSettings) -> dict[str, Any]:
    """The plain-data form stored with the group (read back by ``parse_balance_settings``)."""
    return {
        "reserve_ceilings": [
            {
                "from": c.valid_from.isoformat(),
                "share_of_tax_revenue": str(c.share_of_tax_revenue),
                "share_when_equity_incl_pensions_negative": str(c.share_when_equity_incl_pensions_negative),
            }
            for c in settings.reserve_ceilings
        ],
        "realisation_gain_accounts": [str(r) for r in settings.realisation_gain_accounts],
    }
